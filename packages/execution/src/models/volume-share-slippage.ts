import { Decimal, type DecimalLike } from "@ordo/core";
import { adversePrice } from "./adverse-price.js";
import { decimalOption } from "./model-options.js";
import type { SlippageContext, SlippageModel } from "./types.js";

export interface VolumeShareSlippageOptions {
  /** Fraction of a bar's volume fillable per instrument and bar. Default 0.025 (2.5%). */
  readonly volumeLimit?: DecimalLike | undefined;
  /** Scales the quadratic impact. Default 0.1. */
  readonly priceImpact?: DecimalLike | undefined;
}

/**
 * Zipline's VolumeShareSlippage: price = base × (1 ± share² × priceImpact), the sign against the trader,
 * where share = min((filled this bar + this fill) / bar volume, volumeLimit). Later fills in a bar pay
 * more because they take a larger share. A zero-volume bar, or a fill without a bar (quote or trade
 * matching, where the share is unknown), is priced at the largest share, volumeLimit.
 */
export class VolumeShareSlippage implements SlippageModel {
  static readonly DEFAULT_VOLUME_LIMIT = new Decimal("0.025");
  static readonly DEFAULT_PRICE_IMPACT = new Decimal("0.1");

  readonly name = "volume-share";
  readonly volumeLimit: Decimal;
  readonly priceImpact: Decimal;

  constructor(options: VolumeShareSlippageOptions = {}) {
    const model = "VolumeShareSlippage";
    this.volumeLimit = decimalOption(
      model,
      "volumeLimit",
      options.volumeLimit,
      VolumeShareSlippage.DEFAULT_VOLUME_LIMIT,
      "fraction",
    );
    this.priceImpact = decimalOption(
      model,
      "priceImpact",
      options.priceImpact,
      VolumeShareSlippage.DEFAULT_PRICE_IMPACT,
      "non-negative",
    );
  }

  /** The volume share this fill is priced at: (filled this bar + this fill) / volume, capped at volumeLimit. */
  volumeShare(context: SlippageContext): Decimal {
    const volume = context.bar?.volume ?? 0;
    if (!(volume > 0)) return this.volumeLimit;
    const share = context.filledThisBar.plus(context.quantity).div(volume);
    return share.gt(this.volumeLimit) ? this.volumeLimit : share;
  }

  price(context: SlippageContext): Decimal {
    const share = this.volumeShare(context);
    const move = context.basePrice.abs().times(share).times(share).times(this.priceImpact);
    return adversePrice(context.side, context.basePrice, move);
  }
}

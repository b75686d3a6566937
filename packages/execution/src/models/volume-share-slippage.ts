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
 * Decimal places kept of the impact fraction share² × priceImpact: as in SquareRootImpactSlippage, far
 * below any tick, and readable fill prices (a base price on a 0.01 tick gets at most 12 decimals, not the
 * 40 digits of a share such as 1/3).
 */
const IMPACT_DECIMAL_PLACES = 10;
const IMPACT_STEP = new Decimal(10).pow(-IMPACT_DECIMAL_PLACES);

/** `fraction` rounded up to IMPACT_DECIMAL_PLACES: never less impact than the formula, so never in the trader's favour. */
function impactRoundedUp(fraction: Decimal): Decimal {
  return fraction.toDecimalPlaces(IMPACT_DECIMAL_PLACES, Decimal.ROUND_UP);
}

/**
 * Zipline's VolumeShareSlippage: price = base × (1 ± share² × priceImpact), the sign against the trader,
 * where share = min((filled this bar + this fill) / bar volume, volumeLimit). Later fills in a bar pay
 * more because they take a larger share. A zero-volume bar, or a fill without a bar (quote or trade
 * matching, where the share is unknown), is priced at the largest share, volumeLimit. The fraction
 * share² × priceImpact is rounded up to 10 decimal places (exactly: a fraction that fits is kept as is),
 * so a buy's price rounds up and a sell's down, never in the trader's favour. Not to the tick: Zipline's
 * figures (3.0001875 on a 0.01 tick) are an average cost, and a tick would be far more than the impact.
 */
export class VolumeShareSlippage implements SlippageModel {
  static readonly DEFAULT_VOLUME_LIMIT = new Decimal("0.025");
  static readonly DEFAULT_PRICE_IMPACT = new Decimal("0.1");

  readonly name = "volume-share";
  readonly volumeLimit: Decimal;
  readonly priceImpact: Decimal;
  /** The fraction at the largest share, volumeLimit² × priceImpact rounded up (fixed by the options). */
  readonly #impactAtLimit: Decimal;

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
    this.#impactAtLimit = impactRoundedUp(this.volumeLimit.times(this.volumeLimit).times(this.priceImpact));
  }

  /** The volume share this fill is priced at: (filled this bar + this fill) / volume, capped at volumeLimit. */
  volumeShare(context: SlippageContext): Decimal {
    const volume = context.bar?.volume ?? 0;
    if (!(volume > 0)) return this.volumeLimit;
    const share = context.filledThisBar.plus(context.quantity).div(volume);
    return share.gt(this.volumeLimit) ? this.volumeLimit : share;
  }

  /**
   * The relative impact share² × priceImpact of this fill, rounded up to 10 decimal places. It is computed
   * as priceImpact × taken² / volume², one division, and checked against that exact quotient, so that the
   * rounding is a true ceiling: a fraction that fits in 10 places (0.0000625) is never pushed one step up.
   */
  impactFraction(context: SlippageContext): Decimal {
    const volume = context.bar?.volume ?? 0;
    if (!(volume > 0)) return this.#impactAtLimit;
    const taken = context.filledThisBar.plus(context.quantity);
    const barVolume = new Decimal(volume);
    if (taken.gt(this.volumeLimit.times(barVolume))) return this.#impactAtLimit;
    const impact = this.priceImpact.times(taken).times(taken);
    const volumeSquared = barVolume.times(barVolume);
    const below = impact.div(volumeSquared).toDecimalPlaces(IMPACT_DECIMAL_PLACES, Decimal.ROUND_DOWN);
    return below.times(volumeSquared).gte(impact) ? below : below.plus(IMPACT_STEP);
  }

  price(context: SlippageContext): Decimal {
    const move = context.basePrice.abs().times(this.impactFraction(context));
    return adversePrice(context.side, context.basePrice, move);
  }
}

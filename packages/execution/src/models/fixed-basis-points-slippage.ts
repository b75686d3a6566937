import { Decimal, type DecimalLike } from "@ordo/core";
import { adversePrice } from "./adverse-price.js";
import { decimalOption } from "./model-options.js";
import type { SlippageContext, SlippageModel } from "./types.js";

export interface FixedBasisPointsSlippageOptions {
  /** Price move against the trader in basis points of the base price. Default 5. */
  readonly basisPoints?: DecimalLike | undefined;
  /** Fraction of a bar's volume fillable per instrument and bar. Default 0.1 (10%). */
  readonly volumeLimit?: DecimalLike | undefined;
}

/**
 * Zipline's FixedBasisPointsSlippage: price = base × (1 ± basisPoints / 10000), the sign against the
 * trader; at most volumeLimit × bar volume fills per instrument and bar.
 */
export class FixedBasisPointsSlippage implements SlippageModel {
  static readonly DEFAULT_BASIS_POINTS = new Decimal(5);
  static readonly DEFAULT_VOLUME_LIMIT = new Decimal("0.1");

  readonly name = "fixed-bps";
  readonly basisPoints: Decimal;
  readonly volumeLimit: Decimal;
  readonly #fraction: Decimal;

  constructor(options: FixedBasisPointsSlippageOptions = {}) {
    const model = "FixedBasisPointsSlippage";
    this.basisPoints = decimalOption(
      model,
      "basisPoints",
      options.basisPoints,
      FixedBasisPointsSlippage.DEFAULT_BASIS_POINTS,
      "non-negative",
    );
    this.volumeLimit = decimalOption(
      model,
      "volumeLimit",
      options.volumeLimit,
      FixedBasisPointsSlippage.DEFAULT_VOLUME_LIMIT,
      "fraction",
    );
    this.#fraction = this.basisPoints.div(10_000);
  }

  price(context: SlippageContext): Decimal {
    return adversePrice(context.side, context.basePrice, context.basePrice.abs().times(this.#fraction));
  }
}

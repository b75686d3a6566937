import type { Decimal, DecimalLike } from "@ordo/core";
import { adversePrice } from "./adverse-price.js";
import { decimalOption } from "./model-options.js";
import type { SlippageContext, SlippageModel } from "./types.js";

export interface FixedSpreadSlippageOptions {
  /** The full bid/ask spread in price units (e.g. 0.02); required, >= 0. */
  readonly spread: DecimalLike;
}

/**
 * A constant spread around the base price: buys pay half of it above, sells receive half of it below
 * (Zipline's FixedSlippage). No volume cap.
 */
export class FixedSpreadSlippage implements SlippageModel {
  readonly name = "fixed";
  readonly volumeLimit = null;
  readonly spread: Decimal;
  readonly #halfSpread: Decimal;

  constructor(options: FixedSpreadSlippageOptions) {
    this.spread = decimalOption("FixedSpreadSlippage", "spread", options.spread, undefined, "non-negative");
    this.#halfSpread = this.spread.div(2);
  }

  price(context: SlippageContext): Decimal {
    return adversePrice(context.side, context.basePrice, this.#halfSpread);
  }
}

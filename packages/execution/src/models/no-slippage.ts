import type { Decimal } from "@ordo/core";
import type { SlippageContext, SlippageModel } from "./types.js";

/** Fills at the base price, with no volume cap: a zero-volume bar still fills (index and FX files). */
export class NoSlippage implements SlippageModel {
  readonly name = "none";
  readonly volumeLimit = null;

  price(context: SlippageContext): Decimal {
    return context.basePrice;
  }
}

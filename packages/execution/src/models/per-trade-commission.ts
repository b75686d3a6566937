import { type Decimal, type DecimalLike, ZERO } from "@ordo/core";
import { decimalOption } from "./model-options.js";
import type { CommissionContext, CommissionModel } from "./types.js";

export interface PerTradeCommissionOptions {
  /** The flat cost of one order; required. */
  readonly cost: DecimalLike;
}

/** Zipline's PerTrade: a flat cost per order, charged on its first fill; later fills are free. */
export class PerTradeCommission implements CommissionModel {
  readonly name = "per-trade";
  readonly cost: Decimal;

  constructor(options: PerTradeCommissionOptions) {
    this.cost = decimalOption("PerTradeCommission", "cost", options.cost, undefined, "non-negative");
  }

  commission(context: CommissionContext): Decimal {
    return context.orderFilledBefore.isZero() ? this.cost : ZERO;
  }
}

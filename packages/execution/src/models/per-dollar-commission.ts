import { Decimal, type DecimalLike } from "@ordo/core";
import { decimalOption } from "./model-options.js";
import type { CommissionContext, CommissionModel } from "./types.js";

export interface PerDollarCommissionOptions {
  /** Fraction of the fill's notional. Default 0.0015 (15 bps, Zipline's). */
  readonly rate?: DecimalLike | undefined;
}

/**
 * Zipline's PerDollar: |quantity| × price × multiplier × rate per fill (the instrument's multiplier makes
 * it the notional for futures; it is 1 for equities, as in Zipline).
 */
export class PerDollarCommission implements CommissionModel {
  static readonly DEFAULT_RATE = new Decimal("0.0015");

  readonly name = "per-dollar";
  readonly rate: Decimal;

  constructor(options: PerDollarCommissionOptions = {}) {
    this.rate = decimalOption(
      "PerDollarCommission",
      "rate",
      options.rate,
      PerDollarCommission.DEFAULT_RATE,
      "non-negative",
    );
  }

  commission(context: CommissionContext): Decimal {
    return context.quantity.abs().times(context.price).times(context.instrument.multiplier).times(this.rate);
  }
}

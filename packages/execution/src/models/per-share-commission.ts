import { Decimal, type DecimalLike, ZERO } from "@ordo/core";
import { decimalOption } from "./model-options.js";
import { perUnitCommission } from "./per-unit-commission.js";
import type { CommissionContext, CommissionModel } from "./types.js";

export interface PerShareCommissionOptions {
  /** Cost per share (unit of quantity). Default 0.001 (Zipline's). */
  readonly cost?: DecimalLike | undefined;
  /** Least commission of an order, across all its fills. Default 0. */
  readonly minimum?: DecimalLike | undefined;
}

/**
 * Zipline's PerShare: |quantity| × cost per fill, with the minimum applied per order across its fills
 * (the first fill pays max(minimum, its per-share cost); later fills pay only what the order's per-share
 * total exceeds the commission already charged).
 */
export class PerShareCommission implements CommissionModel {
  static readonly DEFAULT_COST = new Decimal("0.001");
  static readonly DEFAULT_MINIMUM = ZERO;

  readonly name = "per-share";
  readonly cost: Decimal;
  readonly minimum: Decimal;

  constructor(options: PerShareCommissionOptions = {}) {
    this.cost = decimalOption(
      "PerShareCommission",
      "cost",
      options.cost,
      PerShareCommission.DEFAULT_COST,
      "non-negative",
    );
    this.minimum = decimalOption(
      "PerShareCommission",
      "minimum",
      options.minimum,
      PerShareCommission.DEFAULT_MINIMUM,
      "non-negative",
    );
  }

  commission(context: CommissionContext): Decimal {
    return perUnitCommission(context, this.cost, ZERO, this.minimum);
  }
}

import { type Decimal, type DecimalLike, ZERO } from "@ordo/core";
import { decimalOption } from "./model-options.js";
import { perUnitCommission } from "./per-unit-commission.js";
import type { CommissionContext, CommissionModel } from "./types.js";

export interface PerContractCommissionOptions {
  /** Cost per contract; required. */
  readonly cost: DecimalLike;
  /** Exchange fee charged once per order, on its first fill. Default 0. */
  readonly exchangeFee?: DecimalLike | undefined;
  /** Least commission of an order (fee included), across all its fills. Default 0. */
  readonly minimum?: DecimalLike | undefined;
}

/**
 * Zipline's PerContract: |quantity| × cost per contract, plus the exchange fee once per order (on its
 * first fill), with the minimum applied per order across its fills.
 */
export class PerContractCommission implements CommissionModel {
  static readonly DEFAULT_EXCHANGE_FEE = ZERO;
  static readonly DEFAULT_MINIMUM = ZERO;

  readonly name = "per-contract";
  readonly cost: Decimal;
  readonly exchangeFee: Decimal;
  readonly minimum: Decimal;

  constructor(options: PerContractCommissionOptions) {
    const model = "PerContractCommission";
    this.cost = decimalOption(model, "cost", options.cost, undefined, "non-negative");
    this.exchangeFee = decimalOption(
      model,
      "exchangeFee",
      options.exchangeFee,
      PerContractCommission.DEFAULT_EXCHANGE_FEE,
      "non-negative",
    );
    this.minimum = decimalOption(
      model,
      "minimum",
      options.minimum,
      PerContractCommission.DEFAULT_MINIMUM,
      "non-negative",
    );
  }

  commission(context: CommissionContext): Decimal {
    return perUnitCommission(context, this.cost, this.exchangeFee, this.minimum);
  }
}

import { type Decimal, ZERO } from "@ordo/core";
import type { CommissionContext, CommissionModel } from "./types.js";

/**
 * The venue's default commission: each instrument's own fee rates, `makerFee` for fills that added
 * liquidity and `takerFee` for fills that took it, of the notional (|quantity| × price × multiplier). A
 * negative rate is a rebate; an instrument without a rate is charged nothing on that side. Core's
 * Instrument carries these rates as its fee defaults (DESIGN.md §3), so a venue given no commission model
 * must charge them rather than silently none.
 */
export class InstrumentFeeCommission implements CommissionModel {
  readonly name = "instrument-fees";

  commission(context: CommissionContext): Decimal {
    const { instrument } = context;
    const rate = context.liquidity === "MAKER" ? instrument.makerFee : instrument.takerFee;
    if (rate === undefined || rate.isZero()) return ZERO;
    return context.quantity.abs().times(context.price).times(instrument.multiplier).times(rate);
  }
}

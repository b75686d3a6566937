import { type Decimal, ZERO } from "@ordo/core";
import { absolute, larger, minus, plus } from "../decimal-shortcuts.js";
import type { CommissionContext } from "./types.js";

/**
 * Zipline's per-unit commission with a per-order minimum and a once-per-order fee: after this fill the
 * order owes max(minimum, filled × costPerUnit + fee) in total; the fill pays what that exceeds the
 * commission already charged on the order. The first fill pays at least the minimum (and the fee); later
 * fills pay nothing until the per-unit total passes it.
 */
export function perUnitCommission(
  context: CommissionContext,
  costPerUnit: Decimal,
  oncePerOrderFee: Decimal,
  minimum: Decimal,
): Decimal {
  const filledAfter = absolute(plus(context.orderFilledBefore, context.quantity));
  const perUnitTotal = plus(filledAfter.times(costPerUnit), oncePerOrderFee);
  const owed = minus(larger(minimum, perUnitTotal), context.orderCommissionBefore);
  return owed.isNegative() ? ZERO : owed;
}

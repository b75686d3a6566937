import { type Decimal, ZERO } from "@ordo/core";
import { absolute, compare, larger, minus, plus } from "../decimal-shortcuts.js";
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
  if (
    context.orderFilledBefore.isZero() &&
    context.orderCommissionBefore.isZero() &&
    oncePerOrderFee.isZero() &&
    minimum.isZero()
  ) {
    // An order's first fill, without a fee or a minimum (the common case): it owes its units × cost.
    return unitsTimesCost(absolute(context.quantity), costPerUnit);
  }
  const filledAfter = absolute(plus(context.orderFilledBefore, context.quantity));
  const perUnitTotal = plus(unitsTimesCost(filledAfter, costPerUnit), oncePerOrderFee);
  const owed = minus(larger(minimum, perUnitTotal), context.orderCommissionBefore);
  return owed.isNegative() ? ZERO : owed;
}

/** The last product, reused when the same units and cost come again (orders of one size repeat). */
let lastUnits: Decimal | null = null;
let lastCost: Decimal | null = null;
let lastProduct: Decimal = ZERO;

/** `units × cost`; a Decimal is immutable, so an equal product can be shared. */
function unitsTimesCost(units: Decimal, cost: Decimal): Decimal {
  if (cost === lastCost && lastUnits !== null && compare(units, lastUnits) === 0) return lastProduct;
  lastProduct = units.times(cost);
  lastUnits = units;
  lastCost = cost;
  return lastProduct;
}

import type { Decimal, OrderSide, OrderType } from "@ordo/core";

/** "above": waits for price >= level; "below": for price <= level. */
export type TriggerDirection = "above" | "below";

/**
 * Which way an order's trigger is reached, as on the simulated venue: a stop (and trailing stop) buy
 * triggers at or above its trigger and a sell at or below; a touch order (MIT / LIT) the other way.
 */
export function triggerDirection(type: OrderType, side: OrderSide): TriggerDirection {
  const stop =
    type === "STOP_MARKET" ||
    type === "STOP_LIMIT" ||
    type === "TRAILING_STOP_MARKET" ||
    type === "TRAILING_STOP_LIMIT";
  return stop === (side === "BUY") ? "above" : "below";
}

/** Whether `price` satisfies a trigger at `level` (where the price is, or jumps to: an open, a tick). */
export function reached(direction: TriggerDirection, level: Decimal, price: Decimal): boolean {
  return direction === "above" ? price.gte(level) : price.lte(level);
}

/**
 * Whether the stretch of a bar's path from `from` to `to` (from ≠ to) crosses `level` on its way: the
 * simulated venue's rule, level strictly past `from` and at most `to`.
 */
export function crossedOnTheWay(
  direction: TriggerDirection,
  level: Decimal,
  from: Decimal,
  to: Decimal,
): boolean {
  return to.gt(from)
    ? direction === "above" && level.gt(from) && level.lte(to)
    : direction === "below" && level.lt(from) && level.gte(to);
}

import { type Decimal, type OrderSide, ZERO } from "@ordo/core";

/**
 * The base price moved by `move` (>= 0) against the trader: up for a buy, down for a sell. A sell from a
 * non-negative base never goes below zero, whatever the model's parameters.
 */
export function adversePrice(side: OrderSide, base: Decimal, move: Decimal): Decimal {
  if (side === "BUY") return base.plus(move);
  const price = base.minus(move);
  return price.isNegative() && !base.isNegative() ? ZERO : price;
}

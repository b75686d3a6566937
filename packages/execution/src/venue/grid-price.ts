import { Decimal, ExactDecimal } from "@ordo/core";

/**
 * `new Decimal(price)` for a feed price, built from its integer count of grid steps when it has at most
 * `places` decimals: decimal.js turns a number into text and parses it, which costs far more.
 *
 * Why it is the same Decimal: when m = round(price × 10^places) has at most 15 digits and m / 10^places
 * is the price's double, the decimal m × 10^−places converts to that double, and no other decimal of 15
 * digits or fewer does (doubles tell all of them apart), so it is the price's shortest text, the one
 * decimal.js parses; decimal.js keeps one shape per value (base-1e7 words, no trailing zero word).
 */
export function gridPrice(price: number, places: number): Decimal {
  if (price > 0 && places >= 0 && places <= MAX_PLACES) {
    const scale = POWERS[places]!;
    const m = Math.round(price * scale);
    if (m < 1e15 && m / scale === price) return ExactDecimal.fromUnits(m, places);
  }
  return new Decimal(price);
}

const MAX_PLACES = 7;
const POWERS = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7];

import { type Decimal, ExactDecimal } from "@ordo/core";

/** Core's exact Decimal shortcuts (one implementation, in @ordo/core), under the names this package uses. */
export const {
  isUnit,
  timesMultiplier,
  plus,
  minus,
  times,
  exactProduct,
  NEGATIVE_ZERO,
  absolute,
  zeroMinus,
  compare,
  smaller,
  fits,
} = ExactDecimal;

/**
 * `plus(a, b)` for a running PnL: a zero added to a zero of its sign is that zero, as decimal.js's own
 * `plus` gives it (a copy of it). Kept out of `plus`: a trade closed at its entry price is often first
 * met late in a run, and the branch of `plus` it would take, never run before, throws away the compiled
 * code of every caller (deoptimization). Both signs are read on every call, so no part of the test is
 * code met for the first time either.
 */
export function plusPnl(a: Decimal, b: Decimal): Decimal {
  const sameSign = a.isNegative() === b.isNegative();
  return a.isZero() && b.isZero() && sameSign ? a : plus(a, b);
}

import { Decimal } from "@ordo/core";

/**
 * Decimal answers a pre-trade check needs on every order, without the arithmetic or the copies decimal.js
 * makes when the answer is known; each gives exactly what the plain expression gives.
 */

const unitCache = new WeakMap<Decimal, boolean>();

/** `x.times(m)` for a multiplier: multiplying by 1 only rounds to the precision, which a result already fits. */
export function timesMultiplier(x: Decimal, m: Decimal): Decimal {
  let unit = unitCache.get(m);
  if (unit === undefined) {
    unit = m.eq(1);
    unitCache.set(m, unit);
  }
  return unit && fits(x) ? x : x.times(m);
}

/** `x.gt(0)` without building the zero. */
export function isAboveZero(x: Decimal): boolean {
  return x.isFinite() ? !x.isNegative() && !x.isZero() : x.gt(0);
}

/** `x.lt(0)` without building the zero. */
export function isBelowZero(x: Decimal): boolean {
  return x.isFinite() ? x.isNegative() && !x.isZero() : x.lt(0);
}

/** `a.plus(b)`: a sum from zero is the addend itself when it fits the precision. */
export function plus(a: Decimal, b: Decimal): Decimal {
  if (a.isZero() && !b.isZero() && fits(b)) return b;
  return a.plus(b);
}

/** `a.minus(b)`: from zero, the negated subtrahend (negation rounds to the precision as minus does). */
export function minus(a: Decimal, b: Decimal): Decimal {
  if (a.isZero() && !b.isZero() && b.isFinite()) return b.neg();
  return a.minus(b);
}

/**
 * `a.cmp(b)` (−1, 0, 1) without the copy of `b` decimal.js makes first: it reads the documented `d`, `e`
 * and `s` fields the same way `cmp` does. Non-finite operands are left to decimal.js.
 */
export function compare(a: Decimal, b: Decimal): number {
  const ad = a.d as number[] | null;
  const bd = b.d as number[] | null;
  if (ad === null || bd === null) return a.cmp(b);
  const as = a.s;
  if (!ad[0] || !bd[0]) return ad[0] ? as : bd[0] ? -b.s : 0;
  if (as !== b.s) return as;
  const negative = as < 0;
  if (a.e !== b.e) return a.e > b.e !== negative ? 1 : -1;
  const al = ad.length;
  const bl = bd.length;
  for (let i = 0, n = Math.min(al, bl); i < n; i++) {
    const x = ad[i]!;
    const y = bd[i]!;
    if (x !== y) return x > y !== negative ? 1 : -1;
  }
  return al === bl ? 0 : al > bl !== negative ? 1 : -1;
}

/** Whether `x` is finite with at most the precision's significant digits (5 words of 7 digits always are). */
export function fits(x: Decimal): boolean {
  const d = x.d as number[] | null;
  return d !== null && (d.length <= 5 || x.sd() <= Decimal.precision);
}

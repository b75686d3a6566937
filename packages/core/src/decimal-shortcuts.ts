import { Decimal, ZERO } from "./decimal.js";

/**
 * Exact shortcuts for Decimal arithmetic on hot paths (per fill, per order). Each gives exactly what the
 * plain decimal.js expression gives, value and sign of zero included, but skips the work (and the copies
 * decimal.js makes of its arguments) when the answer is already known. They read decimal.js's documented
 * `d`, `e` and `s` fields the way its own `cmp` does. Exported from core as `ExactDecimal`.
 */

/** Whether `x` is finite with at most the precision's significant digits (5 words of 7 digits always are). */
export function fits(x: Decimal): boolean {
  const d = x.d as number[] | null;
  return d !== null && (d.length <= 5 || x.sd() <= Decimal.precision);
}

/** Whether `a × b` is exact at the precision (so that `a × b / a` gives `b` back). */
export function exactProduct(a: Decimal, b: Decimal): boolean {
  const ad = a.d as number[] | null;
  const bd = b.d as number[] | null;
  if (ad === null || bd === null) return false;
  return ad.length + bd.length <= 5 || a.sd() + b.sd() <= Decimal.precision;
}

/** `a.cmp(b)` (−1, 0, 1) without the copy of `b` decimal.js makes first. Non-finite operands go to decimal.js. */
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

/** `a.plus(b)`: a sum from zero is the addend, and adding zero leaves a, when they fit the precision. */
export function plus(a: Decimal, b: Decimal): Decimal {
  if (a.isZero()) {
    if (!b.isZero() && fits(b)) return b;
  } else if (b.isZero() && fits(a)) {
    return a;
  }
  return a.plus(b);
}

/** `a.minus(b)`: taking zero away leaves a nonzero a, and from zero it is −b, when they fit the precision. */
export function minus(a: Decimal, b: Decimal): Decimal {
  if (b.isZero()) {
    if (!a.isZero() && fits(a)) return a;
  } else if (a.isZero() && fits(b)) {
    return b.neg();
  }
  return a.minus(b);
}

/** `ZERO.minus(x)` for an `x` that fits the precision: −x, and +0 for a zero. */
export function zeroMinus(x: Decimal): Decimal {
  return x.isZero() ? ZERO : x.neg();
}

/** −0, what `x.neg()` gives for a zero. */
export const NEGATIVE_ZERO: Decimal = new Decimal(-0);

/** `x.abs()`, without a copy when x is non-negative and fits the precision (−0 becomes +0, as abs does). */
export function absolute(x: Decimal): Decimal {
  if (x.isNegative()) return x.neg();
  return fits(x) ? x : x.abs();
}

/** `Decimal.max(a, b)` for finite decimals (the same pick on ties: b when a is negative), without its copies. */
export function larger(a: Decimal, b: Decimal): Decimal {
  const k = compare(a, b);
  return k < 0 || (k === 0 && a.isNegative()) ? b : a;
}

/** `Decimal.min(a, b)` for finite decimals (the same pick on ties: b when a is positive), without its copies. */
export function smaller(a: Decimal, b: Decimal): Decimal {
  const k = compare(a, b);
  return k > 0 || (k === 0 && !a.isNegative()) ? b : a;
}

/** `x.gt(0)` without building the zero. */
export function isAboveZero(x: Decimal): boolean {
  return x.isFinite() ? !x.isNegative() && !x.isZero() : x.gt(0);
}

/** `x.lt(0)` without building the zero. */
export function isBelowZero(x: Decimal): boolean {
  return x.isFinite() ? x.isNegative() && !x.isZero() : x.lt(0);
}

const unitCache = new WeakMap<Decimal, boolean>();

/** Whether `m` is 1 (multipliers are few objects, so the answer is cached per object). */
export function isUnit(m: Decimal): boolean {
  let unit = unitCache.get(m);
  if (unit === undefined) {
    unit = m.eq(1);
    unitCache.set(m, unit);
  }
  return unit;
}

/** `x.times(m)` for a multiplier: multiplying by 1 only rounds to the precision, which a result already fits. */
export function timesMultiplier(x: Decimal, m: Decimal): Decimal {
  return isUnit(m) && fits(x) ? x : x.times(m);
}

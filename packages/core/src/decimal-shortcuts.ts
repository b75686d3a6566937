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
  } else if (b.isZero()) {
    if (fits(a)) return a;
  } else {
    const sum = smallSum(a, b, b.s);
    if (sum !== null) return sum;
  }
  return a.plus(b);
}

/**
 * `a.minus(b)`: taking zero away leaves a nonzero a when it fits the precision. From a zero a the
 * difference (−b) is a small sum like any other: no `b.neg()` call, which the first `minus(0, b)`,
 * met late in a run, would meet without type feedback and deoptimize every function that inlined it.
 */
export function minus(a: Decimal, b: Decimal): Decimal {
  if (b.isZero()) {
    if (!a.isZero() && fits(a)) return a;
  } else {
    const difference = smallSum(a, b, -b.s);
    if (difference !== null) return difference;
  }
  return a.minus(b);
}

/** `a.times(b)`, computed in a double when both have few digits and the product is a safe integer. */
export function times(a: Decimal, b: Decimal): Decimal {
  const ad = a.d as number[] | null;
  const bd = b.d as number[] | null;
  if (ad !== null && bd !== null && ad[0] && bd[0] && exactInDoubles(a)) {
    const am = wordsInteger(ad);
    const bm = wordsInteger(bd);
    // am × bm, through a factor beyond V8's small integers (see wordsInteger).
    const n = (am * (bm * SCALE)) / SCALE;
    if (am > 0 && bm > 0 && n <= Number.MAX_SAFE_INTEGER) {
      const product = fromWords(a.s * b.s, n, lastWordPower(a, ad) + lastWordPower(b, bd));
      if (product !== null) return product;
    }
  }
  return a.times(b);
}

/**
 * `new Decimal(x)` for a finite number, without decimal.js's detour through the number's text when x sits
 * on a grid of 1e-6 (prices and sizes from data files): x's text is then the decimal m × 1e-6 itself (a
 * decimal of at most 15 significant digits is the only one that short naming x), built from its words.
 */
export function fromNumber(x: number): Decimal {
  const m = Math.round(x * 1e6);
  if (m !== 0 && m / 1e6 === x && Math.abs(m) < 1e14) return fromUnits(m, 6);
  return new Decimal(x);
}

/** 10^k for the k digits that pad `places` up to whole words (0 to 6). */
const PAD_TO_WORD = [1, 10, 100, 1e3, 1e4, 1e5, 1e6];

/**
 * `units × 10^−places` exactly, for a safe integer `units` and `places` >= 0 (millionths, cents, tick
 * counts): built from decimal.js's base-1e7 words, the same Decimal its text would parse to, without
 * the text.
 */
export function fromUnits(units: number, places: number): Decimal {
  if (units === 0) return ZERO;
  const words = Math.ceil(places / WORD_DIGITS);
  // 10 ** k for k from 0 to 6 by lookup: a `**` with a variable exponent is a call into C (pow).
  const n = Math.abs(units) * (PAD_TO_WORD[words * WORD_DIGITS - places] ?? Number.NaN);
  if (
    Number.isSafeInteger(units) &&
    Number.isInteger(places) &&
    places >= 0 &&
    n <= Number.MAX_SAFE_INTEGER
  ) {
    const d = fromWords(units < 0 ? -1 : 1, n, -words);
    if (d !== null) return d;
  }
  return new Decimal(units).times(`1e-${places}`);
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
  return isUnit(m) && fits(x) ? x : times(x, m);
}

// ---------------------------------------------------------------------------------------------------------
// Small values in doubles. decimal.js keeps a finite x as base-1e7 words `d` (leading word first, no
// trailing zero words) whose leading word stands at 1e7^floor(e / 7). A value of at most two words is an
// integer below 1e14 times a power of 1e7, exact in a double; sums and products of such integers that stay
// safe (below 2^53, 16 digits) are exact too, and need no rounding at a precision of 16 digits or more.
// ---------------------------------------------------------------------------------------------------------

const WORD = 1e7;
const WORD_DIGITS = 7;
/** 1e7^k for the alignments a two-word sum can use; beyond them the lookup is undefined (NaN: no shortcut). */
const WORD_POWERS = [1, 1e7, 1e14];

/** Whether results made with `a`'s constructor may be computed in doubles (Ordo's Decimal, 16+ digits). */
function exactInDoubles(a: Decimal): boolean {
  return a.constructor === Decimal && Decimal.precision >= 16;
}

/**
 * 2^31, just beyond V8's small integers (2^30 − 1). Arithmetic on small integers is compiled to assume
 * small results, and the first product beyond them (a price of 108 or more has a first word × 1e7 beyond
 * 2^30) deoptimizes every function that inlined it; an operand scaled by 2^31 is never a small integer,
 * so V8 compiles the arithmetic for doubles from the first call. Scaling by a power of two is exact.
 */
const SCALE = 2 ** 31;
const WORD_SCALED = WORD * SCALE;

/** The integer formed by the words of `d`, or −1 when there are more than two. */
function wordsInteger(d: number[]): number {
  // d[0] × 1e7 + d[1], exact below 2^53 before and after the scaling (see SCALE).
  return d.length === 1 ? d[0]! : d.length === 2 ? (d[0]! * WORD_SCALED + d[1]! * SCALE) / SCALE : -1;
}

/** The power of 1e7 at which x's last word stands. */
function lastWordPower(x: Decimal, d: number[]): number {
  return Math.floor(x.e / WORD_DIGITS) - d.length + 1;
}

/** a + sign × |b| for nonzero a and b, or null when the shortcut does not apply. */
function smallSum(a: Decimal, b: Decimal, sign: number): Decimal | null {
  const ad = a.d as number[] | null;
  const bd = b.d as number[] | null;
  if (ad === null || bd === null || !exactInDoubles(a)) return null;
  const am = wordsInteger(ad);
  const bm = wordsInteger(bd);
  if (am < 0 || bm < 0) return null;
  const ap = lastWordPower(a, ad);
  const bp = lastWordPower(b, bd);
  const power = Math.min(ap, bp);
  const x = am * WORD_POWERS[ap - power]!;
  const y = bm * WORD_POWERS[bp - power]!;
  // Each aligned integer, and the result, must be safe for the double arithmetic to be exact.
  if (!(x <= Number.MAX_SAFE_INTEGER && y <= Number.MAX_SAFE_INTEGER)) return null;
  const n = a.s * x + sign * y;
  if (n === 0) return Decimal.rounding === Decimal.ROUND_FLOOR ? null : ZERO;
  if (!(Math.abs(n) <= Number.MAX_SAFE_INTEGER)) return null;
  return fromWords(n < 0 ? -1 : 1, Math.abs(n), power);
}

/** sign × n × 1e7^power as decimal.js builds it, for a safe integer n > 0 (null beyond the exponent limits). */
function fromWords(sign: number, n: number, power: number): Decimal | null {
  let low = n % WORD;
  while (low === 0) {
    n /= WORD;
    power++;
    low = n % WORD;
  }
  const rest = (n - low) / WORD;
  const middle = rest % WORD;
  const high = (rest - middle) / WORD;
  const lead = high > 0 ? high : rest > 0 ? middle : low;
  const words = high > 0 ? 3 : rest > 0 ? 2 : 1;
  const e = (power + words - 1) * WORD_DIGITS + digitCount(lead) - 1;
  if (e > Decimal.maxE || e < Decimal.minE) return null;
  // Built from 0, then given its fields: the instance has the shape decimal.js gives every one, and the
  // constructor skips its instance test's property lookup (`v.toStringTag`), which it makes for any
  // other number (a slow lookup along Number.prototype: most of the constructor's time).
  const x = new Decimal(0) as { s: number; e: number; d: number[] };
  x.s = sign;
  x.e = e;
  // Each word (below 1e7) as a small integer (`| 0`), so the arrays hold small integers as decimal.js's own
  // do: a word kept as a double would make a double array, and code that meets both kinds converts the
  // small-integer ones to doubles as it reads them (an allocation and a runtime call each time).
  x.d = words === 1 ? [lead | 0] : words === 2 ? [middle | 0, low | 0] : [high | 0, middle | 0, low | 0];
  return x as unknown as Decimal;
}

/** Decimal digits of a word (1 to 7). */
function digitCount(word: number): number {
  return word < 1e3
    ? word < 10
      ? 1
      : word < 100
        ? 2
        : 3
    : word < 1e5
      ? word < 1e4
        ? 4
        : 5
      : word < 1e6
        ? 6
        : 7;
}

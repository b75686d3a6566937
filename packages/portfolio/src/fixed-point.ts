import { type Decimal, ExactDecimal } from "@ordo/core";

/**
 * Exact money arithmetic in doubles, for valuing positions at feed prices (numbers) without making a
 * Decimal of every price. Integers up to Number.MAX_SAFE_INTEGER (2^53 − 1) are exact in a double, and
 * a +, − or × of two of them whose rounded result is at most MAX_SAFE_INTEGER in magnitude was exact
 * (rounding is monotone and 2^53 is a double, so a true result beyond it cannot round back below it).
 * Values are kept as integers of millionths (FIXED_SCALE decimal places); every step checks its bound,
 * and a caller falls back to Decimal arithmetic whenever a check fails.
 */
export const FIXED_SCALE = 6;
/** 10^k for k from 0 to 15, exact doubles (a lookup instead of Math.pow). */
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * The price in millionths when `new Decimal(price)` is exactly an integer of at most 15 digits over
 * 10^k for some k ≤ 6, else NaN (zero too, whose sign Decimal arithmetic carries). Why it is exact:
 * D = round(price × 10^k) / 10^k is a decimal of at most 15 significant digits, and the check shows it
 * rounds to `price`. Decimal reads a number from its shortest round-trip text S, which has no more
 * digits than D and rounds to the same double; two decimals of at most 15 significant digits never
 * round to the same double (DBL_DIG = 15), so S = D. Any k that passes gives that same value, so k = 6
 * is tried first (one step for most prices) and the smaller ones only for prices too large for it.
 */
export function priceMillionths(price: number): number {
  const millionths = Math.round(price * 1e6);
  if (millionths / 1e6 === price && millionths !== 0 && Math.abs(millionths) < 1e15) return millionths;
  for (let k = 0; k <= FIXED_SCALE; k++) {
    const scale = POW10[k]!;
    const units = Math.round(price * scale);
    if (units / scale !== price) continue;
    if (units === 0 || Math.abs(units) >= 1e15) return Number.NaN;
    return safeProduct(units, POW10[FIXED_SCALE - k]!);
  }
  return Number.NaN;
}

/** a × b for safe integers, or NaN when the product is not one (then it may have been rounded). */
export function safeProduct(a: number, b: number): number {
  const p = a * b;
  return p <= Number.MAX_SAFE_INTEGER && p >= -Number.MAX_SAFE_INTEGER ? p : Number.NaN;
}

/** a − b for safe integers, or NaN when the difference is not one. */
export function safeDifference(a: number, b: number): number {
  const d = a - b;
  return d <= Number.MAX_SAFE_INTEGER && d >= -Number.MAX_SAFE_INTEGER ? d : Number.NaN;
}

/** The Decimal's value as a safe integer, or NaN when it has a fraction or is too large. */
export function safeIntegerOf(x: Decimal): number {
  // Most quantities are small: read from the words (toNumber goes through the text).
  const millionths = millionthsOf(x);
  if (millionths % 1e6 === 0) return millionths / 1e6;
  if (!x.isInteger()) return Number.NaN;
  const n = x.toNumber();
  return Number.isSafeInteger(n) ? n : Number.NaN;
}

/**
 * The Decimal's value in millionths when that is a safe integer, else NaN (non-finite, more than
 * FIXED_SCALE places, or too large). Read from decimal.js's documented words: x = ±(the integer its
 * words form) × 1e7^p, p the power of the last word, so millionths = that integer × 10^(7p + 6).
 */
export function millionthsOf(x: Decimal): number {
  const d = x.d as number[] | null;
  if (d === null) return Number.NaN;
  if (!d[0]) return 0;
  // Each step is exact while its true result is a safe integer; a larger one fails the final check.
  const n =
    d.length === 1
      ? d[0]!
      : d.length === 2
        ? d[0]! * WORD + d[1]!
        : d.length === 3
          ? (d[0]! * WORD + d[1]!) * WORD + d[2]!
          : Number.NaN;
  const shift = (Math.floor(x.e / WORD_DIGITS) - d.length + 1) * WORD_DIGITS + FIXED_SCALE;
  let units: number;
  if (shift >= 0) {
    if (shift > 15) return Number.NaN;
    units = n * POW10[shift]!;
  } else {
    if (shift < -13) return Number.NaN;
    const divisor = POW10[-shift]!;
    if (!(n <= Number.MAX_SAFE_INTEGER) || n % divisor !== 0) return Number.NaN;
    units = n / divisor;
  }
  // NaN (more than three words) fails the comparison too.
  return units <= Number.MAX_SAFE_INTEGER ? x.s * units : Number.NaN;
}

/** x in millionths when it is a safe integer of them, else NaN (−0 too, which millionths cannot carry). */
export function exactMillionthsOf(x: Decimal): number {
  return x.isZero() && x.isNegative() ? Number.NaN : millionthsOf(x);
}

/** A safe integer of millionths as a Decimal: core's words-built construction, no text parse. */
export function millionthsToDecimal(millionths: number): Decimal {
  return ExactDecimal.fromUnits(millionths, 6);
}

const WORD = 1e7;
const WORD_DIGITS = 7;

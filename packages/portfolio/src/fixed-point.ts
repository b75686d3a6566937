import { type Decimal, Decimal as DecimalClass } from "@ordo/core";

/**
 * Exact money arithmetic in doubles, for valuing positions at feed prices (numbers) without making a
 * Decimal of every price. Integers up to Number.MAX_SAFE_INTEGER (2^53 − 1) are exact in a double, and
 * a +, − or × of two of them whose rounded result is at most MAX_SAFE_INTEGER in magnitude was exact
 * (rounding is monotone and 2^53 is a double, so a true result beyond it cannot round back below it).
 * Values are kept as integers of millionths (FIXED_SCALE decimal places); every step checks its bound,
 * and a caller falls back to Decimal arithmetic whenever a check fails.
 */
export const FIXED_SCALE = 6;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6];

/**
 * The price in millionths when `new Decimal(price)` is exactly an integer of at most 15 digits over
 * 10^k for some k ≤ 6, else NaN (zero too, whose sign Decimal arithmetic carries). Why it is exact:
 * D = round(price × 10^k) / 10^k is a decimal of at most 15 significant digits, and the check shows it
 * rounds to `price`. Decimal reads a number from its shortest round-trip text S, which has no more
 * digits than D and rounds to the same double; two decimals of at most 15 significant digits never
 * round to the same double (DBL_DIG = 15), so S = D.
 */
export function priceMillionths(price: number): number {
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
  if (!x.isInteger()) return Number.NaN;
  const n = x.toNumber();
  return Number.isSafeInteger(n) ? n : Number.NaN;
}

/**
 * Whether adding decimals of at most FIXED_SCALE places, whose magnitudes sum to at most
 * `addedMillionths` millionths, to `total` one at a time in any order gives every intermediate result
 * exactly at `precision` significant digits (so the order of the additions cannot change the result).
 * Every intermediate is below |total| + the added magnitudes and has no digit below the smaller of
 * their lowest places; a digit of slack covers the double's rounding of the bound.
 */
export function additionsExact(total: Decimal, addedMillionths: number, precision: number): boolean {
  const places = Math.max(total.decimalPlaces(), FIXED_SCALE);
  const totalMagnitude = total.isZero() ? 0 : 10 ** (total.e + 1);
  const bound = totalMagnitude + addedMillionths / 10 ** FIXED_SCALE;
  const integerDigits = bound < 1 ? 1 : Math.ceil(Math.log10(bound)) + 1;
  return integerDigits + places + 1 <= precision;
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
    units = n * 10 ** shift;
  } else {
    if (shift < -13) return Number.NaN;
    const divisor = 10 ** -shift;
    if (!(n <= Number.MAX_SAFE_INTEGER) || n % divisor !== 0) return Number.NaN;
    units = n / divisor;
  }
  // NaN (more than three words) fails the comparison too.
  return units <= Number.MAX_SAFE_INTEGER ? x.s * units : Number.NaN;
}

/**
 * A safe integer of millionths as a Decimal, built from its words as decimal.js lays them out (leading
 * word first, 7 digits a word aligned on the decimal point, no trailing zero words): the same Decimal
 * parsing its text gives, without the parse.
 */
export function millionthsToDecimal(millionths: number): Decimal {
  if (millionths === 0) return new DecimalClass(0);
  const a = Math.abs(millionths);
  const fraction = a % 1e6;
  const whole = (a - fraction) / 1e6;
  const low = whole % WORD;
  const high = (whole - low) / WORD;
  // Words at powers 1, 0 and −1 of 1e7 (the fraction's six digits fill the top of its word).
  const words = [high, low, fraction * 10];
  let first = 0;
  while (words[first] === 0) first++;
  let last = 2;
  while (words[last] === 0) last--;
  const lead = words[first]!;
  const x = new DecimalClass(lead) as unknown as { s: number; e: number; d: number[] };
  x.s = millionths < 0 ? -1 : 1;
  x.e = (1 - first) * WORD_DIGITS + digitCount(lead) - 1;
  if (last > first) x.d = words.slice(first, last + 1);
  return x as unknown as Decimal;
}

const WORD = 1e7;
const WORD_DIGITS = 7;

/** Decimal digits of a word (1 to 7). */
function digitCount(word: number): number {
  let n = 1;
  while (word >= 10 ** n) n++;
  return n;
}

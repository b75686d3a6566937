import { Decimal } from "@ordo/core";

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
  if (price > 0 && places >= 0 && places <= WORD_DIGITS) {
    const scale = POWERS[places]!;
    const m = Math.round(price * scale);
    if (m < 1e15 && m / scale === price) {
      // The price is m × 10^−places = n × 1e7^−1 with n = m × 10^(7 − places).
      const n = m * POWERS[WORD_DIGITS - places]!;
      if (n <= Number.MAX_SAFE_INTEGER) {
        const built = fromWords(n, -1);
        if (built !== null) return built;
      }
    }
  }
  return new Decimal(price);
}

const WORD = 1e7;
const WORD_DIGITS = 7;
const POWERS = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7];

/** n × 1e7^power (n a safe integer > 0) as decimal.js builds it: leading word first, no trailing zero word. */
function fromWords(n: number, power: number): Decimal | null {
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
  // A one-word Decimal built from its integer has the shape decimal.js gives every instance.
  const x = new Decimal(lead) as unknown as { e: number; d: number[] };
  x.e = e;
  if (words === 2) x.d = [middle, low];
  else if (words === 3) x.d = [high, middle, low];
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

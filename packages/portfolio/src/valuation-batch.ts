import { Decimal } from "@ordo/core";
import { additionsExact, millionthsToDecimal, safeDifference } from "./fixed-point.js";
import type { EmptyValuation, FixedValuation, ValuationTotals } from "./instrument-book.js";

/** A valuation whose market value and gross exposure are known as integers of millionths. */
export type BatchedValuation = FixedValuation | EmptyValuation;

/**
 * Re-valuations of one currency's books in fixed point (cash accounts), taken into its totals with one
 * Decimal addition per figure instead of a subtraction and an addition per book. `ValuationTotals.replace`
 * applied to each pair in turn gives the same Decimals whenever every intermediate sum is exact at the
 * precision, which `flush` checks first (see `additionsExact`); when it cannot show that, it applies the
 * pairs one by one as `replace` would have anyway. Costs (which a fill changes) are replaced pair by pair
 * in order either way, as `replace` does, since only `replace` ever touches the cost total.
 */
export class ValuationBatch {
  currency: string | null = null;
  /** before, after, before, after, ... in the order the books were re-valued. */
  readonly #pairs: BatchedValuation[] = [];
  #market = 0;
  #gross = 0;
  #marketMagnitude = 0;
  #grossMagnitude = 0;
  /** Whether every pair had gross exposure as its market value object, before and after. */
  #grossFollows = true;

  get isEmpty(): boolean {
    return this.#pairs.length === 0;
  }

  /** Adds one book's change; false (nothing added) when a sum would leave the safe integers: flush first. */
  add(before: BatchedValuation, after: BatchedValuation): boolean {
    const market = this.#market + safeDifference(after.marketMillionths, before.marketMillionths);
    const gross = this.#gross + safeDifference(after.grossMillionths, before.grossMillionths);
    if (!(Math.abs(market) <= Number.MAX_SAFE_INTEGER && Math.abs(gross) <= Number.MAX_SAFE_INTEGER))
      return false;
    this.currency = after.currency;
    this.#market = market;
    this.#gross = gross;
    this.#marketMagnitude += Math.abs(before.marketMillionths) + Math.abs(after.marketMillionths);
    this.#grossMagnitude += before.grossMillionths + after.grossMillionths;
    this.#grossFollows &&= before.grossIsMarket && after.grossIsMarket;
    this.#pairs.push(before, after);
    return true;
  }

  /** Takes the batch into `totals` (the totals of `currency`) and empties it. */
  flush(totals: ValuationTotals): void {
    const pairs = this.#pairs;
    if (pairs.length === 0) return;
    const follows = this.#grossFollows && totals.grossExposure === totals.marketValue;
    const precision = Decimal.precision;
    if (
      !isNegativeZero(totals.marketValue) &&
      !isNegativeZero(totals.grossExposure) &&
      additionsExact(totals.marketValue, this.#marketMagnitude, precision) &&
      (follows || additionsExact(totals.grossExposure, this.#grossMagnitude, precision))
    ) {
      totals.marketValue = totals.marketValue.plus(millionthsToDecimal(this.#market));
      totals.grossExposure = follows
        ? totals.marketValue
        : totals.grossExposure.plus(millionthsToDecimal(this.#gross));
      for (let i = 0; i < pairs.length; i += 2) {
        const before = pairs[i]!.cost;
        const after = pairs[i + 1]!.cost;
        if (before !== after) totals.cost = totals.cost.minus(before).plus(after);
      }
    } else {
      for (let i = 0; i < pairs.length; i += 2) totals.replace(pairs[i]!, pairs[i + 1]!);
    }
    pairs.length = 0;
    this.currency = null;
    this.#market = 0;
    this.#gross = 0;
    this.#marketMagnitude = 0;
    this.#grossMagnitude = 0;
    this.#grossFollows = true;
  }
}

/** −0 (a sum of exact additions ending at zero is +0, but adding 0 to −0 leaves −0). */
function isNegativeZero(x: Decimal): boolean {
  return x.isZero() && x.isNegative();
}

import { type Decimal, ZERO } from "@ordo/core";
import { millionthsOf, millionthsToDecimal } from "./fixed-point.js";

/**
 * A running total that reads as `ZERO.plus(a).plus(b)...` would: kept as a safe integer of millionths
 * while every addend is one (each partial Decimal sum then has at most 16 digits, so is exact at core's
 * 40, and a zero sum is +0 under half-even rounding), made a Decimal only when read; the first addend
 * that does not fit turns it into that Decimal chain for good.
 */
export class ExactSum {
  /** The sum in millionths, NaN once it is kept as a Decimal. */
  #units = 0;
  /** The Decimal sum: the running one after the fallback, else the last one read (for #readUnits). */
  #value: Decimal = ZERO;
  #readUnits = 0;

  /** Adds `x` (`x` may be zero: `ZERO.plus(-0)` and `s.plus(0)` leave the value alone). */
  add(x: Decimal): void {
    const units = this.#units;
    if (!Number.isNaN(units)) {
      const sum = units + millionthsOf(x);
      if (sum <= Number.MAX_SAFE_INTEGER && sum >= -Number.MAX_SAFE_INTEGER) {
        this.#units = sum;
        return;
      }
      this.#value = this.value;
      this.#units = Number.NaN;
    }
    this.#value = this.#value.plus(x);
  }

  /** The sum in millionths while it is kept so, else NaN. */
  get units(): number {
    return this.#units;
  }

  get value(): Decimal {
    const units = this.#units;
    if (!Number.isNaN(units) && units !== this.#readUnits) {
      this.#readUnits = units;
      this.#value = units === 0 ? ZERO : millionthsToDecimal(units);
    }
    return this.#value;
  }
}

import { Decimal } from "@ordo/core";
import { gridPrice } from "./grid-price.js";

/**
 * A price of the feed (a number) whose Decimal is made only when a fill or a trigger needs it: matching
 * a bar compares most orders with most points, and `new Decimal(number)` costs far more than comparing.
 */
export class PricePoint {
  value = 0;
  #decimal: Decimal | null = null;
  /** Decimal places of the instrument's tick: feed prices on its grid get their Decimal cheaply. */
  readonly #places: number;

  constructor(places: number) {
    this.#places = places;
  }

  /** Points at another price (a book reuses its points from bar to bar). */
  set(value: number): this {
    this.value = value;
    this.#decimal = null;
    return this;
  }

  /** `new Decimal(value)`: the number's shortest decimal text, made once. */
  get decimal(): Decimal {
    this.#decimal ??= gridPrice(this.value, this.#places);
    return this.#decimal;
  }
}

/**
 * Sign of `level − point.decimal`, exactly. Rounding to the nearest double is monotonic, so when the
 * level's nearest double (`levelNumber`, its `toNumber()`) differs from the point's number the numbers
 * decide; only equal numbers need the Decimal comparison.
 */
export function compareToPoint(level: Decimal, levelNumber: number, point: PricePoint): number {
  if (levelNumber < point.value) return -1;
  if (levelNumber > point.value) return 1;
  return level.cmp(point.decimal);
}

/** Whether `level` equals `new Decimal(price)`, exactly (see compareToPoint). */
export function equalsNumber(level: Decimal, levelNumber: number, price: number): boolean {
  return levelNumber === price && level.eq(new Decimal(price));
}

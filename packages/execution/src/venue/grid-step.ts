import { type Decimal, isOnStep, isPowerOfTen } from "@ordo/core";

/**
 * An instrument's tick or lot size, with core's isOnStep answered cheaply: when the step is 10^-k (1,
 * 0.01, ...) a value is on it when it has at most k decimals, as isOnStep itself decides, without its
 * second count of the step's decimals.
 */
export class GridStep {
  readonly step: Decimal;
  /** The step's decimal places when it is a power of ten at most 1 (core's test), else −1. */
  readonly #places: number;

  constructor(step: Decimal) {
    this.step = step;
    this.#places = isPowerOfTen(step) ? step.decimalPlaces() : -1;
  }

  /** `isOnStep(value, step)`. */
  holds(value: Decimal): boolean {
    return this.#places >= 0 ? value.decimalPlaces() <= this.#places : isOnStep(value, this.step);
  }
}

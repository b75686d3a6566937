import { Decimal, isOnStep } from "@ordo/core";

/**
 * An instrument's tick or lot size, with core's isOnStep answered cheaply: when the step is 10^-k (1,
 * 0.01, ...) a value is on it when it has at most k decimals, as isOnStep itself decides, without its
 * per-call cache lookup and second count of the step's decimals.
 */
export class GridStep {
  readonly step: Decimal;
  /** The step's decimal places when it is a power of ten at most 1 (core's test), else −1. */
  readonly #places: number;

  constructor(step: Decimal) {
    this.step = step;
    const places = step.decimalPlaces();
    const powerOfTen = step.gt(0) && step.lte(1) && new Decimal(10).pow(-places).eq(step);
    this.#places = powerOfTen ? places : -1;
  }

  /** `isOnStep(value, step)`. */
  holds(value: Decimal): boolean {
    return this.#places >= 0 ? value.decimalPlaces() <= this.#places : isOnStep(value, this.step);
  }
}

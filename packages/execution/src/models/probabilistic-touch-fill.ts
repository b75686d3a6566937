import type { DecimalLike } from "@ordo/core";
import { decimalOption, integerOption } from "./model-options.js";
import { SeededRandom } from "./prng.js";
import type { TouchFillModel } from "./types.js";

export interface ProbabilisticTouchFillOptions {
  /** Chance in [0, 1] that a limit order fills when the price only touches its limit; required. */
  readonly probability: DecimalLike;
  /** Seed of the generator. Default 1. */
  readonly seed?: number | undefined;
}

/**
 * A limit order only touched by the price fills with the given probability (queue position unknown),
 * drawn from a seeded generator (mulberry32): the same seed gives the same answers in the same order.
 */
export class ProbabilisticTouchFill implements TouchFillModel {
  static readonly DEFAULT_SEED = 1;

  readonly name = "probabilistic";
  readonly probability: number;
  readonly seed: number;
  readonly #random: SeededRandom;

  constructor(options: ProbabilisticTouchFillOptions) {
    const model = "ProbabilisticTouchFill";
    this.probability = decimalOption(
      model,
      "probability",
      options.probability,
      undefined,
      "probability",
    ).toNumber();
    this.seed = integerOption(
      model,
      "seed",
      options.seed,
      ProbabilisticTouchFill.DEFAULT_SEED,
      Number.MIN_SAFE_INTEGER,
    );
    this.#random = new SeededRandom(this.seed);
  }

  fillsOnTouch(): boolean {
    return this.#random.next() < this.probability;
  }
}

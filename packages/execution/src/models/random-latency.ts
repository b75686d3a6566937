import { ValidationError } from "@ordo/core";
import { integerOption } from "./model-options.js";
import { SeededRandom } from "./prng.js";
import type { LatencyModel } from "./types.js";

export interface RandomLatencyOptions {
  /** Least delay in milliseconds (integer >= 0); required. */
  readonly minMs: number;
  /** Greatest delay in milliseconds (integer >= minMs); required. */
  readonly maxMs: number;
  /** Seed of the generator. Default 1. */
  readonly seed?: number | undefined;
}

/**
 * A delay drawn uniformly from the integers in [minMs, maxMs] for each message, from a seeded generator
 * (mulberry32): the same seed gives the same sequence of delays.
 */
export class RandomLatency implements LatencyModel {
  static readonly DEFAULT_SEED = 1;

  readonly name = "random";
  readonly minMs: number;
  readonly maxMs: number;
  readonly seed: number;
  readonly #random: SeededRandom;

  constructor(options: RandomLatencyOptions) {
    const model = "RandomLatency";
    this.minMs = integerOption(model, "minMs", options.minMs, undefined, 0);
    this.maxMs = integerOption(model, "maxMs", options.maxMs, undefined, 0);
    if (this.maxMs < this.minMs) {
      throw ValidationError.field(
        [model, "maxMs"],
        `must be at least minMs (${this.minMs}), got ${this.maxMs}`,
      );
    }
    this.seed = integerOption(
      model,
      "seed",
      options.seed,
      RandomLatency.DEFAULT_SEED,
      Number.MIN_SAFE_INTEGER,
    );
    this.#random = new SeededRandom(this.seed);
  }

  delayMs(): number {
    return this.#random.nextInt(this.minMs, this.maxMs);
  }
}

import { ValidationError } from "@ordo/core";

/**
 * mulberry32: a tiny seeded pseudo-random generator (32-bit state, period 2^32), good enough to draw
 * latencies and touch fills, and fixed forever in this file so that a seed gives the same sequence in
 * every Ordo version. Written here rather than taken from a package (pure-rand would serve) so that golden
 * scenario results cannot change with a dependency's upgrade and the package keeps no extra dependency.
 * Not for cryptography.
 */
export class SeededRandom {
  readonly seed: number;
  #state: number;

  /** `seed`: any safe integer; only its low 32 bits matter. */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) throw ValidationError.field("seed", `must be an integer, got ${seed}`);
    this.seed = seed;
    this.#state = seed >>> 0;
  }

  /** The next number in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** The next integer in [min, max], both included (min <= max, both safe integers). */
  nextInt(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
}

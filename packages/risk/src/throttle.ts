import { DenyReason, type UnixMillis } from "@ordo/core";
import { type CheckDenial, deny } from "./decision.js";
import { SlidingWindowCounter } from "./sliding-window.js";

interface Limit {
  readonly max: number;
  readonly window: SlidingWindowCounter;
  readonly label: string;
}

/**
 * RATE_LIMIT for one kind of command (submits or modifies): at most `perSecond` in any 1 s and
 * `perMinute` in any 60 s sliding window on the clock. Only commands that pass are counted.
 */
export class Throttle {
  readonly #what: string;
  readonly #limits: Limit[] = [];

  constructor(what: string, perSecond: number | undefined, perMinute: number | undefined) {
    this.#what = what;
    if (perSecond !== undefined) {
      this.#limits.push({ max: perSecond, window: new SlidingWindowCounter(1_000), label: "second" });
    }
    if (perMinute !== undefined) {
      this.#limits.push({ max: perMinute, window: new SlidingWindowCounter(60_000), label: "minute" });
    }
  }

  get isEmpty(): boolean {
    return this.#limits.length === 0;
  }

  /** Why one more command now would exceed a limit, or null. */
  check(now: UnixMillis): CheckDenial | null {
    // Most engines configure no throttle: every order passes here, so the empty case is one comparison.
    if (this.#limits.length === 0) return null;
    for (const limit of this.#limits) {
      const count = limit.window.count(now);
      if (count >= limit.max) {
        const freeAt = limit.window.nextExpiry(now)!;
        return deny(
          DenyReason.RATE_LIMIT,
          `${count} ${this.#what} in the last ${limit.label} already reach the limit of ${limit.max} per ${limit.label}; the next may go in ${freeAt - now} ms`,
        );
      }
    }
    return null;
  }

  record(now: UnixMillis): void {
    if (this.#limits.length === 0) return;
    for (const limit of this.#limits) limit.window.record(now);
  }
}

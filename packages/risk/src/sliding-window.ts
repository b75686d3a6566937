import type { UnixMillis } from "@ordo/core";

/**
 * Counts events in a sliding time window `(now - windowMs, now]`: an event recorded at `t` counts until
 * `t + windowMs - 1` and has left the window at `t + windowMs`. Timestamps live in a growable ring buffer,
 * so recording and counting are amortised O(1) without allocating per event.
 */
export class SlidingWindowCounter {
  readonly windowMs: number;
  #times: number[];
  #head = 0;
  #size = 0;

  constructor(windowMs: number, initialCapacity = 16) {
    if (!(Number.isInteger(windowMs) && windowMs > 0)) {
      throw new RangeError(`a sliding window needs a positive whole number of ms, got ${windowMs}`);
    }
    this.windowMs = windowMs;
    this.#times = new Array<number>(Math.max(1, initialCapacity)).fill(0);
  }

  /** Records one event at `ts` (timestamps must not decrease). */
  record(ts: UnixMillis): void {
    this.#evict(ts);
    if (this.#size === this.#times.length) this.#grow();
    this.#times[(this.#head + this.#size) % this.#times.length] = ts;
    this.#size += 1;
  }

  /** How many recorded events are inside the window ending at `now`. */
  count(now: UnixMillis): number {
    this.#evict(now);
    return this.#size;
  }

  /** When the oldest event in the window leaves it (the earliest time `count` drops), or null when empty. */
  nextExpiry(now: UnixMillis): UnixMillis | null {
    this.#evict(now);
    return this.#size === 0 ? null : this.#times[this.#head]! + this.windowMs;
  }

  clear(): void {
    this.#head = 0;
    this.#size = 0;
  }

  #evict(now: UnixMillis): void {
    const cutoff = now - this.windowMs;
    const times = this.#times;
    while (this.#size > 0 && times[this.#head]! <= cutoff) {
      this.#head = (this.#head + 1) % times.length;
      this.#size -= 1;
    }
  }

  #grow(): void {
    const old = this.#times;
    const next = new Array<number>(old.length * 2).fill(0);
    for (let i = 0; i < this.#size; i++) next[i] = old[(this.#head + i) % old.length]!;
    this.#times = next;
    this.#head = 0;
  }
}

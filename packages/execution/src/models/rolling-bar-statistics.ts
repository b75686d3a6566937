import type { Bar } from "@ordo/core";

/**
 * Volatility and average volume over the last `window` bars of one instrument, kept in fixed ring
 * buffers so that observing a bar allocates nothing; the statistics are computed when a fill asks.
 * Plain numbers serve here: they are estimates feeding a model, not money.
 */
export class RollingBarStatistics {
  readonly window: number;
  readonly #returns: Float64Array;
  readonly #volumes: Float64Array;
  #returnCount = 0;
  #volumeCount = 0;
  #next = 0;
  #nextReturn = 0;
  #lastClose = Number.NaN;

  constructor(window: number) {
    this.window = window;
    this.#returns = new Float64Array(window);
    this.#volumes = new Float64Array(window);
  }

  add(bar: Bar): void {
    this.#volumes[this.#next] = bar.volume;
    this.#next = (this.#next + 1) % this.window;
    if (this.#volumeCount < this.window) this.#volumeCount++;
    if (this.#lastClose > 0) {
      this.#returns[this.#nextReturn] = bar.close / this.#lastClose - 1;
      this.#nextReturn = (this.#nextReturn + 1) % this.window;
      if (this.#returnCount < this.window) this.#returnCount++;
    }
    this.#lastClose = bar.close;
  }

  /** Sample standard deviation of close-to-close returns, or null before two returns are known. */
  volatility(): number | null {
    const n = this.#returnCount;
    if (n < 2) return null;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += this.#returns[i]!;
    const mean = sum / n;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const d = this.#returns[i]! - mean;
      squares += d * d;
    }
    return Math.sqrt(squares / (n - 1));
  }

  /** Mean bar volume, or null before any bar. */
  averageVolume(): number | null {
    const n = this.#volumeCount;
    if (n === 0) return null;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += this.#volumes[i]!;
    return sum / n;
  }
}

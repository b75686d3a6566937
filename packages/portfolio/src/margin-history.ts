import { type Decimal, type UnixMillis, ZERO } from "@ordo/core";

/**
 * A margin account's margin over its equity curve, in one currency (`Portfolio.marginHistory`): what the
 * figures at the end of a run do not show, a peak of margin in use or a margin call the account came out of.
 * Read at the curve's samples only (each `snapshot`: the end of each UTC day in a backtest by default), so
 * a peak or a call that began and ended between two samples is not in it.
 */
export interface MarginHistory {
  readonly currency: string;
  /** How many samples it was read at. */
  readonly samples: number;
  /** The highest initial margin in use at a sample (0 when none was ever in use). */
  readonly peakInitialMargin: Decimal;
  /** The first sample with that peak; null when no margin was ever in use. */
  readonly peakInitialMarginAt: UnixMillis | null;
  /** How many sample times found equity below the maintenance margin (a margin call). */
  readonly marginCallSamples: number;
  /** The first of them; null when there was none. */
  readonly firstMarginCallAt: UnixMillis | null;
}

/** Keeps one currency's `MarginHistory` as samples come (times never go back: `snapshot` refuses it). */
export class MarginWatch {
  readonly #currency: string;
  #samples = 0;
  #lastTs = Number.NaN;
  #peak: Decimal = ZERO;
  #peakAt: UnixMillis | null = null;
  #calls = 0;
  #firstCallAt: UnixMillis | null = null;
  #lastCallTs = Number.NaN;

  constructor(currency: string) {
    this.#currency = currency;
  }

  /**
   * One sample. A second one at the same time (a snapshot that replaces the curve's last point) is the
   * same sample time: it can raise the peak or make the time a margin call, but is not counted again.
   */
  observe(ts: UnixMillis, initialMargin: Decimal, marginCall: boolean): void {
    if (ts !== this.#lastTs) {
      this.#samples++;
      this.#lastTs = ts;
    }
    if (initialMargin.gt(this.#peak)) {
      this.#peak = initialMargin;
      this.#peakAt = ts;
    }
    if (marginCall && ts !== this.#lastCallTs) {
      this.#calls++;
      this.#lastCallTs = ts;
      this.#firstCallAt ??= ts;
    }
  }

  history(): MarginHistory {
    return {
      currency: this.#currency,
      samples: this.#samples,
      peakInitialMargin: this.#peak,
      peakInitialMarginAt: this.#peakAt,
      marginCallSamples: this.#calls,
      firstMarginCallAt: this.#firstCallAt,
    };
  }
}

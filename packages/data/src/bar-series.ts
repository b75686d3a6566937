import { type Bar, interned, ValidationError } from "@ordo/core";
import { firstIndexAtOrAfter, lastIndexAtOrBefore } from "./search.js";

export type BarField = "ts" | "open" | "high" | "low" | "close" | "volume";
export const BAR_FIELDS: readonly BarField[] = ["ts", "open", "high", "low", "close", "volume"];

export interface BarColumns {
  readonly ts: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/** A core `Bar`, built in one place so every bar a replay gives has the same shape (one hidden class). */
export function barOf(
  instrumentId: string,
  ts: number,
  open: number,
  high: number,
  low: number,
  close: number,
  volume: number,
): Bar {
  return { kind: "bar", instrumentId, ts, open, high, low, close, volume };
}

/** Checks that every column has the same length; returns it. */
export function commonLength(kind: string, columns: Readonly<Record<string, ArrayLike<unknown>>>): number {
  let length = -1;
  for (const [name, col] of Object.entries(columns)) {
    if (length === -1) length = col.length;
    else if (col.length !== length) {
      throw ValidationError.field(
        name,
        `${kind} column has ${col.length} values, ts has ${length}`,
        "COLUMN_LENGTH",
      );
    }
  }
  return Math.max(length, 0);
}

/**
 * One instrument's bars in columns (Float64Array per field, times ascending): 6 numbers per bar and no
 * object per bar, so a million minute bars take 48 MB and indicator loops read contiguous memory.
 * `bar(i)` builds a core `Bar` when an object is wanted.
 */
export class BarSeries implements BarColumns {
  readonly kind = "bar" as const;
  readonly instrumentId: string;
  readonly length: number;
  readonly ts: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;

  constructor(instrumentId: string, columns: BarColumns) {
    // The one copy of the id (core's `interned`): every event of the series carries it into Map lookups.
    this.instrumentId = interned(instrumentId);
    this.length = commonLength("bar", {
      ts: columns.ts,
      open: columns.open,
      high: columns.high,
      low: columns.low,
      close: columns.close,
      volume: columns.volume,
    });
    this.ts = columns.ts;
    this.open = columns.open;
    this.high = columns.high;
    this.low = columns.low;
    this.close = columns.close;
    this.volume = columns.volume;
  }

  /** Bars from core objects (e.g. built in a test); they must already be in time order. */
  static fromBars(instrumentId: string, bars: readonly Omit<Bar, "kind" | "instrumentId">[]): BarSeries {
    const n = bars.length;
    const cols = {
      ts: new Float64Array(n),
      open: new Float64Array(n),
      high: new Float64Array(n),
      low: new Float64Array(n),
      close: new Float64Array(n),
      volume: new Float64Array(n),
    };
    bars.forEach((b, i) => {
      cols.ts[i] = b.ts;
      cols.open[i] = b.open;
      cols.high[i] = b.high;
      cols.low[i] = b.low;
      cols.close[i] = b.close;
      cols.volume[i] = b.volume;
    });
    return new BarSeries(instrumentId, cols);
  }

  column(field: BarField): Float64Array {
    return this[field];
  }

  /** The i-th bar as a core `Bar` (allocates; hot loops read the columns instead). */
  bar(i: number): Bar {
    if (!(i >= 0 && i < this.length)) throw new RangeError(`bar index ${i} outside 0..${this.length - 1}`);
    return barOf(
      this.instrumentId,
      this.ts[i]!,
      this.open[i]!,
      this.high[i]!,
      this.low[i]!,
      this.close[i]!,
      this.volume[i]!,
    );
  }

  *[Symbol.iterator](): IterableIterator<Bar> {
    for (let i = 0; i < this.length; i++) yield this.bar(i);
  }

  /** Index of the last bar at or before `ts`, or -1. */
  indexAtOrBefore(ts: number): number {
    return lastIndexAtOrBefore(this.ts, this.length, ts);
  }

  /** Bars [start, end) as a view sharing this series' memory. */
  slice(start: number, end: number = this.length): BarSeries {
    const s = Math.max(0, Math.min(start, this.length));
    const e = Math.max(s, Math.min(end, this.length));
    return new BarSeries(this.instrumentId, {
      ts: this.ts.subarray(s, e),
      open: this.open.subarray(s, e),
      high: this.high.subarray(s, e),
      low: this.low.subarray(s, e),
      close: this.close.subarray(s, e),
      volume: this.volume.subarray(s, e),
    });
  }

  /** Bars with from <= ts < to, as a view. */
  between(from: number, to: number): BarSeries {
    return this.slice(
      firstIndexAtOrAfter(this.ts, this.length, from),
      firstIndexAtOrAfter(this.ts, this.length, to),
    );
  }

  /** The same bars under another instrument id (no copy). */
  withInstrumentId(instrumentId: string): BarSeries {
    return new BarSeries(instrumentId, this);
  }
}

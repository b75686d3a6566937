import { interned, type QuoteTick } from "@ordo/core";
import { commonLength } from "./bar-series.js";
import { firstIndexAtOrAfter, lastIndexAtOrBefore } from "./search.js";

export type QuoteField = "ts" | "bid" | "ask" | "bidSize" | "askSize";
export const QUOTE_FIELDS: readonly QuoteField[] = ["ts", "bid", "ask", "bidSize", "askSize"];

/** A core `QuoteTick`, built in one place so every quote a replay gives has the same shape. */
export function quoteOf(
  instrumentId: string,
  ts: number,
  bid: number,
  ask: number,
  bidSize: number,
  askSize: number,
): QuoteTick {
  return { kind: "quote", instrumentId, ts, bid, ask, bidSize, askSize };
}

export interface QuoteColumns {
  readonly ts: Float64Array;
  readonly bid: Float64Array;
  readonly ask: Float64Array;
  readonly bidSize: Float64Array;
  readonly askSize: Float64Array;
}

/**
 * One instrument's top-of-book quotes in columns. Files without sizes load with `hasSizes` false and NaN
 * sizes: "unknown" must not read as "no liquidity" (0).
 */
export class QuoteSeries implements QuoteColumns {
  readonly kind = "quote" as const;
  readonly instrumentId: string;
  readonly length: number;
  readonly hasSizes: boolean;
  readonly ts: Float64Array;
  readonly bid: Float64Array;
  readonly ask: Float64Array;
  readonly bidSize: Float64Array;
  readonly askSize: Float64Array;

  constructor(instrumentId: string, columns: QuoteColumns, hasSizes = true) {
    // The one copy of the id (core's `interned`): every event of the series carries it into Map lookups.
    this.instrumentId = interned(instrumentId);
    this.length = commonLength("quote", {
      ts: columns.ts,
      bid: columns.bid,
      ask: columns.ask,
      bidSize: columns.bidSize,
      askSize: columns.askSize,
    });
    this.hasSizes = hasSizes;
    this.ts = columns.ts;
    this.bid = columns.bid;
    this.ask = columns.ask;
    this.bidSize = columns.bidSize;
    this.askSize = columns.askSize;
  }

  column(field: QuoteField): Float64Array {
    return this[field];
  }

  quote(i: number): QuoteTick {
    if (!(i >= 0 && i < this.length)) throw new RangeError(`quote index ${i} outside 0..${this.length - 1}`);
    return quoteOf(
      this.instrumentId,
      this.ts[i]!,
      this.bid[i]!,
      this.ask[i]!,
      this.bidSize[i]!,
      this.askSize[i]!,
    );
  }

  *[Symbol.iterator](): IterableIterator<QuoteTick> {
    for (let i = 0; i < this.length; i++) yield this.quote(i);
  }

  indexAtOrBefore(ts: number): number {
    return lastIndexAtOrBefore(this.ts, this.length, ts);
  }

  slice(start: number, end: number = this.length): QuoteSeries {
    const s = Math.max(0, Math.min(start, this.length));
    const e = Math.max(s, Math.min(end, this.length));
    return new QuoteSeries(
      this.instrumentId,
      {
        ts: this.ts.subarray(s, e),
        bid: this.bid.subarray(s, e),
        ask: this.ask.subarray(s, e),
        bidSize: this.bidSize.subarray(s, e),
        askSize: this.askSize.subarray(s, e),
      },
      this.hasSizes,
    );
  }

  between(from: number, to: number): QuoteSeries {
    return this.slice(
      firstIndexAtOrAfter(this.ts, this.length, from),
      firstIndexAtOrAfter(this.ts, this.length, to),
    );
  }

  withInstrumentId(instrumentId: string): QuoteSeries {
    return new QuoteSeries(instrumentId, this, this.hasSizes);
  }
}

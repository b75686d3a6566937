import { type Decimal, ExactDecimal, type OrderSide, type UnixMillis } from "@ordo/core";
import type { InstrumentBook } from "./instrument-book.js";

export interface InstrumentMarks {
  /** Null while the last price is a feed number whose Decimal has not been made yet. */
  last: Decimal | null;
  /**
   * The last price when it came from the feed as a number (a bar close, a trade): `last` is its Decimal.
   * NaN when there is none (not null: a field that only ever holds numbers stores them without a box).
   */
  lastNumber: number;
  lastTs: UnixMillis;
  /** The mark from quotes (the mid, or the only side quoted), null before a quote with a side other than 0. */
  quoteMark: Decimal | null;
  /** The time of the latest quote taken in, one with neither side included. */
  quoteTs: UnixMillis;
  /** The latest quote's bid and ask as the feed gave them (0: no quote on that side); NaN before a quote. */
  quoteBid: number;
  quoteAsk: number;
  /** The instrument's book once it has one, so a price update reaches it with the same lookup. */
  book: InstrumentBook | null;
}

/**
 * The latest prices of each instrument. The mark is the quote mark (the mid, or the only side quoted) once
 * quotes have been seen for the instrument, else the last trade price (a trade tick, a bar close, a fill or `updatePrice`). An update
 * older than the one held is ignored, so out-of-order data cannot move the mark backwards in time.
 */
export class MarkPrices {
  readonly #byInstrument = new Map<string, InstrumentMarks>();

  /** The instrument's entry, made empty the first time. */
  entry(instrumentId: string): InstrumentMarks {
    let entry = this.#byInstrument.get(instrumentId);
    if (entry === undefined) {
      entry = {
        last: null,
        lastNumber: Number.NaN,
        lastTs: Number.NEGATIVE_INFINITY,
        quoteMark: null,
        quoteTs: Number.NEGATIVE_INFINITY,
        quoteBid: Number.NaN,
        quoteAsk: Number.NaN,
        book: null,
      };
      this.#byInstrument.set(instrumentId, entry);
    }
    return entry;
  }

  /** Records a traded price; returns false when it is older than the last one held (and was ignored). */
  setLast(instrumentId: string, price: Decimal, ts: UnixMillis): boolean {
    return setLastOf(this.entry(instrumentId), price, ts);
  }

  /**
   * Records a quote (its `bid` and `ask`) and its mark: its mid, or its only side (`Portfolio.onQuote`);
   * null for a quote with neither side, which leaves the mark as it was. False when the mark did not
   * change: a quote older than the latest one held is ignored, and a quote with neither side moves no mark.
   */
  setQuote(instrumentId: string, bid: number, ask: number, mark: Decimal | null, ts: UnixMillis): boolean {
    const entry = this.entry(instrumentId);
    if (ts < entry.quoteTs) return false;
    entry.quoteTs = ts;
    entry.quoteBid = bid;
    entry.quoteAsk = ask;
    if (mark === null) return false;
    entry.quoteMark = mark;
    return true;
  }

  /** The mark: the quote mark when quotes have given one, else the last price, else null. */
  mark(instrumentId: string): Decimal | null {
    const entry = this.#byInstrument.get(instrumentId);
    if (entry === undefined) return null;
    return markOf(entry);
  }

  /**
   * The latest quote's ask (a buy) or bid (a sell); null before any quote and when that side is 0 (a
   * file's "no ask" or "no bid").
   */
  quoted(instrumentId: string, side: OrderSide): Decimal | null {
    const entry = this.#byInstrument.get(instrumentId);
    if (entry === undefined) return null;
    const price = side === "BUY" ? entry.quoteAsk : entry.quoteBid;
    return Number.isNaN(price) || price === 0 ? null : ExactDecimal.fromNumber(price);
  }

  /** What the mark would be after a trade at `price` at `ts` (used to check a fill before applying it). */
  markAfterTrade(instrumentId: string, price: Decimal, ts: UnixMillis): Decimal {
    const entry = this.#byInstrument.get(instrumentId);
    if (entry === undefined) return price;
    if (entry.quoteMark !== null) return entry.quoteMark;
    const last = lastOf(entry);
    return last === null || ts >= entry.lastTs ? price : last;
  }
}

/** `setLast` on the instrument's entry (a caller that holds it skips the lookup). */
export function setLastOf(entry: InstrumentMarks, price: Decimal, ts: UnixMillis): boolean {
  if (ts < entry.lastTs) return false;
  entry.last = price;
  entry.lastNumber = Number.NaN;
  entry.lastTs = ts;
  return true;
}

/**
 * `setLast` with a feed number (finite), on the instrument's entry. Its Decimal is made when the mark is
 * first read: data often moves a mark many times between reads, and a fill replaces it with the fill's
 * own price. False when the price was older than the one held (and was ignored).
 */
export function setLastNumberOf(entry: InstrumentMarks, price: number, ts: UnixMillis): boolean {
  if (ts < entry.lastTs) return false;
  entry.last = null;
  entry.lastNumber = price;
  entry.lastTs = ts;
  return true;
}

/**
 * The mark when it is a feed number (`mark` gives `new Decimal` of it, made or not yet), else null:
 * lets a valuation that can be worked out exactly from the number skip Decimal arithmetic.
 */
export function pendingNumberOf(entry: InstrumentMarks): number | null {
  return entry.quoteMark !== null || Number.isNaN(entry.lastNumber) ? null : entry.lastNumber;
}

/** The entry's mark (see `MarkPrices.mark`). */
export function markOf(entry: InstrumentMarks): Decimal | null {
  return entry.quoteMark ?? lastOf(entry);
}

/** The last price as a Decimal, made from the feed number the first time it is asked for. */
function lastOf(entry: InstrumentMarks): Decimal | null {
  if (entry.last === null && !Number.isNaN(entry.lastNumber))
    entry.last = ExactDecimal.fromNumber(entry.lastNumber);
  return entry.last;
}

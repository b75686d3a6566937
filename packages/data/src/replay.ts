import { type Bar, didYouMean, type QuoteTick, type TradeTick, ValidationError } from "@ordo/core";
import type { BarField, BarSeries } from "./bar-series.js";
import type { QuoteField, QuoteSeries } from "./quote-series.js";
import { ReplayBlock } from "./replay-block.js";
import { firstIndexAtOrAfter } from "./search.js";
import type { TradeField, TradeSeries } from "./trade-series.js";

/** Any loaded series. */
export type MarketSeries = BarSeries | QuoteSeries | TradeSeries;
export type MarketEvent = Bar | QuoteTick | TradeTick;
export type SeriesField = BarField | QuoteField | TradeField;

const KIND_OF_FIELD: Readonly<Record<SeriesField, MarketSeries["kind"] | "any">> = {
  ts: "any",
  open: "bar",
  high: "bar",
  low: "bar",
  close: "bar",
  volume: "bar",
  bid: "quote",
  ask: "quote",
  bidSize: "quote",
  askSize: "quote",
  price: "trade",
  size: "trade",
};

/** The fields of each kind of feed, for messages. */
const FIELDS_OF_KIND: Readonly<Record<MarketSeries["kind"], string>> = {
  bar: "open, high, low, close, volume",
  quote: "bid, ask, bidSize, askSize",
  trade: "price, size",
};

export interface ReplayOptions {
  /**
   * First time replayed (inclusive); default: the earliest row. Rows before it are not replayed but are
   * already known: `history` and `current` reach back into them.
   */
  readonly start?: number;
  /** End of the replay (exclusive); default: after the last row. Rows from it on are never visible. */
  readonly end?: number;
}

function column(series: MarketSeries, field: SeriesField): Float64Array {
  return (series as unknown as Record<string, Float64Array>)[field]!;
}

/**
 * Several feeds merged in time order, planned once: two typed arrays give, for every event in replay order,
 * its feed and its row. Equal times keep the order the feeds were given in (then file order), so the same
 * inputs always replay the same way. Use `cursor()` for the allocation-free loop, or iterate for objects.
 *
 * With a `start`, each feed keeps its rows before it: they are not replayed, but a cursor knows them from
 * the outset, so history windows reach back before the start as they would in a run begun earlier. With
 * an `end`, the feeds stop before it: no row at or after the end is there to be seen.
 */
export class Replay implements Iterable<MarketEvent> {
  /** The series up to the end (exclusive), with their rows before the start: `rowOf` indexes into them. */
  readonly feeds: readonly MarketSeries[];
  /** Total events (rows replayed: those in [start, end)). */
  readonly length: number;
  /** Feed index of each event, in replay order. */
  readonly feedOf: Uint32Array;
  /** Row (within its feed) of each event, in replay order. */
  readonly rowOf: Uint32Array;
  /** Each feed's first replayed row: the rows before it are history only (0 without a start). */
  readonly firstRows: Uint32Array;
  private readonly byKey = new Map<string, number>();

  constructor(feeds: readonly MarketSeries[], options: ReplayOptions = {}) {
    const { start, end } = options;
    this.feeds = end === undefined ? [...feeds] : feeds.map((f) => f.between(Number.NEGATIVE_INFINITY, end));
    this.firstRows = Uint32Array.from(this.feeds, (f) =>
      start === undefined ? 0 : firstIndexAtOrAfter(f.ts, f.length, start),
    );
    this.feeds.forEach((f, i) => {
      const key = `${f.instrumentId}\u0000${f.kind}`;
      if (this.byKey.has(key)) {
        throw ValidationError.field(
          ["feeds", i],
          `a second ${f.kind} feed for ${f.instrumentId}; give each feed its own instrument id`,
          "DUPLICATE_FEED",
        );
      }
      this.byKey.set(key, i);
    });
    let total = 0;
    this.feeds.forEach((f, i) => {
      total += f.length - this.firstRows[i]!;
    });
    this.length = total;
    this.feedOf = new Uint32Array(total);
    this.rowOf = new Uint32Array(total);
    this.plan();
  }

  /**
   * k-way merge with a binary heap keyed by (time, feed index). Each feed's next time is kept in one typed
   * array, so a comparison reads two numbers instead of going through the feeds' columns.
   */
  private plan(): void {
    const feeds = this.feeds;
    const k = feeds.length;
    const times = feeds.map((f) => f.ts);
    const lengths = new Uint32Array(k);
    const head = new Float64Array(k);
    const heap = new Int32Array(k);
    const next = new Uint32Array(k);
    let size = 0;
    const less = (a: number, b: number) => {
      const ta = head[a]!;
      const tb = head[b]!;
      return ta < tb || (ta === tb && a < b);
    };
    const siftDown = (i0: number) => {
      let i = i0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= size) return;
        const r = l + 1;
        const m = r < size && less(heap[r]!, heap[l]!) ? r : l;
        if (!less(heap[m]!, heap[i]!)) return;
        const t = heap[i]!;
        heap[i] = heap[m]!;
        heap[m] = t;
        i = m;
      }
    };
    for (let f = 0; f < k; f++) {
      lengths[f] = feeds[f]!.length;
      next[f] = this.firstRows[f]!;
      if (lengths[f]! > next[f]!) {
        head[f] = times[f]![next[f]!]!;
        heap[size++] = f;
      }
    }
    for (let i = (size >> 1) - 1; i >= 0; i--) siftDown(i);
    const feedOf = this.feedOf;
    const rowOf = this.rowOf;
    let p = 0;
    while (size > 0) {
      const f = heap[0]!;
      const row = next[f]!;
      feedOf[p] = f;
      rowOf[p] = row;
      p++;
      next[f] = row + 1;
      if (row + 1 >= lengths[f]!) heap[0] = heap[--size]!;
      else head[f] = times[f]![row + 1]!;
      siftDown(0);
    }
  }

  /** Index of the feed for an instrument and kind (or -1). With no kind: bars, then quotes, then trades. */
  feedIndex(instrumentId: string, kind?: MarketSeries["kind"]): number {
    if (kind !== undefined) return this.byKey.get(`${instrumentId}\u0000${kind}`) ?? -1;
    for (const k of ["bar", "quote", "trade"] as const) {
      const i = this.byKey.get(`${instrumentId}\u0000${k}`);
      if (i !== undefined) return i;
    }
    return -1;
  }

  /** The feed serving `field` of `instrumentId`; throws a ValidationError naming the feeds otherwise. */
  feedFor(instrumentId: string, field: SeriesField): number {
    // Own keys only: a field named `constructor` or `toString` is not a column either.
    const kind = Object.hasOwn(KIND_OF_FIELD, field) ? KIND_OF_FIELD[field] : undefined;
    if (kind === undefined) {
      // A strategy's types are stripped, so `"Close"` or `"vwap"` arrives here: the field meant, or them all.
      // "mid" is one edit from "bid" but means both sides: say how to get it rather than suggest one.
      const hint =
        (field as string) === "mid"
          ? ": a quote has no mid field, compute it from bid and ask"
          : typeof field === "string"
            ? didYouMean(field, Object.keys(KIND_OF_FIELD))
            : "";
      const fields = (["bar", "quote", "trade"] as const).map((k) => `${k}s ${FIELDS_OF_KIND[k]}`).join("; ");
      throw ValidationError.field(
        "field",
        `${JSON.stringify(field) ?? String(field)} is not a market data field${hint.startsWith(" (") ? hint : `${hint} (${fields}; any kind ts)`}`,
        "UNKNOWN_FIELD",
      );
    }
    const i = this.feedIndex(instrumentId, kind === "any" ? undefined : kind);
    if (i < 0) {
      const have = this.feeds.map((f) => `${f.instrumentId} (${f.kind})`).join(", ");
      // The instrument has data of another kind: say which fields that data has.
      const own = this.feeds
        .filter((f) => f.instrumentId === instrumentId)
        .map((f) => `its ${f.kind} feed has ${FIELDS_OF_KIND[f.kind]}, ts`);
      const hint = own.length > 0 ? `; "${String(field)}" is a ${kind} field, and ${own.join("; ")}` : "";
      throw ValidationError.field(
        "instrumentId",
        `no ${kind === "any" ? "" : `${kind} `}feed for "${instrumentId}" (feeds: ${have})${hint}`,
        "UNKNOWN_INSTRUMENT",
      );
    }
    return i;
  }

  /** A fresh cursor at the start. */
  cursor(): ReplayCursor {
    return new ReplayCursor(this);
  }

  /** The event at replay position `p` as a core object (allocates). */
  eventAt(p: number): MarketEvent {
    const feed = this.feeds[this.feedOf[p]!]!;
    const row = this.rowOf[p]!;
    return feed.kind === "bar" ? feed.bar(row) : feed.kind === "quote" ? feed.quote(row) : feed.trade(row);
  }

  *[Symbol.iterator](): IterableIterator<MarketEvent> {
    for (let p = 0; p < this.length; p++) yield this.eventAt(p);
  }
}

/**
 * A position in a Replay. `next()` moves to the next event without allocating: read `feed`, `row`, `ts`
 * and the feed's columns (`series.close[row]`). `history` returns only rows already replayed or before the
 * replay's start, so a strategy cannot see a bar before the replay reaches it, even one with the same time
 * on a later feed.
 */
export class ReplayCursor {
  /** Position in replay order (-1 before the first `next()`). */
  position = -1;
  /** Feed index and row of the current event. */
  feed = -1;
  row = -1;
  /** Time of the current event. */
  ts = Number.NaN;
  private readonly lastRows: Int32Array;
  /** The events around the position, copied out of their feeds (see ReplayBlock). */
  readonly #block: ReplayBlock;

  constructor(readonly replay: Replay) {
    this.lastRows = new Int32Array(replay.feeds.length);
    this.#block = new ReplayBlock(replay);
    this.reset();
  }

  /** Moves to the next event; false at the end. */
  next(): boolean {
    const p = this.position + 1;
    if (p >= this.replay.length) {
      this.position = this.replay.length;
      return false;
    }
    this.position = p;
    const block = this.#block;
    if (p >= block.end) block.fill(p);
    const f = this.replay.feedOf[p]!;
    const r = this.replay.rowOf[p]!;
    this.feed = f;
    this.row = r;
    this.lastRows[f] = r;
    this.ts = block.ts(p);
    return true;
  }

  /** Time of the next event, without moving to it; NaN at the end. */
  nextTs(): number {
    const p = this.position + 1;
    if (p >= this.replay.length) return Number.NaN;
    const block = this.#block;
    if (p >= block.end) block.fill(p);
    return block.ts(p);
  }

  /** Replays every event with time <= `ts`; returns how many it moved. */
  advanceTo(ts: number): number {
    let moved = 0;
    const { feedOf, rowOf, feeds, length } = this.replay;
    while (this.position + 1 < length) {
      const p = this.position + 1;
      const f = feedOf[p]!;
      if (feeds[f]!.ts[rowOf[p]!]! > ts) break;
      this.next();
      moved++;
    }
    return moved;
  }

  get done(): boolean {
    return this.position >= this.replay.length;
  }

  /** The current event's series. */
  get series(): MarketSeries {
    return this.replay.feeds[this.feed]!;
  }

  get instrumentId(): string {
    return this.replay.feeds[this.feed]!.instrumentId;
  }

  /** The current event as a core object (allocates). */
  event(): MarketEvent {
    const p = this.position;
    const block = this.#block;
    return p >= block.start && p < block.end ? block.event(p) : this.replay.eventAt(p);
  }

  /**
   * The last row of a feed known at this position: the last replayed, or before the feed's first event
   * the last row before the replay's start (-1 when there is none).
   */
  lastRow(feed: number): number {
    return this.lastRows[feed]!;
  }

  /**
   * The last `n` values of `field` for `instrumentId` up to the current position, oldest first, reaching
   * back into the rows before the replay's start (fewer when fewer are known). A view into the series: no
   * copy, never a future row.
   */
  history(instrumentId: string, field: SeriesField, n: number): Float64Array {
    return this.historyOf(this.replay.feedFor(instrumentId, field), field, n);
  }

  /** `history` by feed index, for hot loops that resolved the feed once. */
  historyOf(feed: number, field: SeriesField, n: number): Float64Array {
    if (!(Number.isInteger(n) && n > 0))
      throw new RangeError(`history length must be a positive integer, got ${n}`);
    const end = this.lastRows[feed]! + 1;
    return column(this.replay.feeds[feed]!, field).subarray(Math.max(0, end - n), end);
  }

  /**
   * The latest known value of `field` for `instrumentId`: before its first event, its last row before the
   * replay's start; NaN when there is none.
   */
  current(instrumentId: string, field: SeriesField): number {
    const feed = this.replay.feedFor(instrumentId, field);
    const r = this.lastRows[feed]!;
    return r < 0 ? Number.NaN : column(this.replay.feeds[feed]!, field)[r]!;
  }

  /** Back to before the first event, knowing only the rows before the replay's start. */
  reset(): void {
    this.position = -1;
    this.feed = -1;
    this.row = -1;
    this.ts = Number.NaN;
    this.#block.start = 0;
    this.#block.end = 0;
    const firstRows = this.replay.firstRows;
    for (let f = 0; f < firstRows.length; f++) this.lastRows[f] = firstRows[f]! - 1;
  }
}

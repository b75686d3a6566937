import { barOf } from "./bar-series.js";
import { quoteOf } from "./quote-series.js";
import type { MarketEvent, Replay } from "./replay.js";

/** Events copied per block: 512 times and 2,560 values, 24 KB, small enough to stay in cache until read. */
const SIZE = 512;
/** Values kept per event: a bar's open, high, low, close and volume; a quote's bid, ask and sizes. */
const WIDTH = 5;

/**
 * The next events of a replay, copied out of their feeds a block at a time: each event's time, and a bar's
 * or a quote's values. Feeds merged in time order interleave (100 instruments' daily bars take turns), so
 * reading each event straight from its feed's columns meets a line of every column not yet in cache at
 * almost every event, one after another between the node's work on each. The copy loop does nothing else,
 * so the processor fetches those lines side by side, and the replay loop then reads one small array in
 * order. Trades carry more than numbers (aggressor, trade id) and are built from their feed.
 */
export class ReplayBlock {
  /** Replay position of the block's first event, and one past its last. */
  start = 0;
  end = 0;
  readonly #ts = new Float64Array(SIZE);
  readonly #values = new Float64Array(SIZE * WIDTH);

  constructor(private readonly replay: Replay) {}

  /** Copies the events from position `from` (fewer than a block's worth at the end of the replay). */
  fill(from: number): void {
    const { feeds, feedOf, rowOf } = this.replay;
    const end = Math.min(from + SIZE, this.replay.length);
    const times = this.#ts;
    const values = this.#values;
    for (let p = from, i = 0, o = 0; p < end; p++, i++, o += WIDTH) {
      const feed = feeds[feedOf[p]!]!;
      const row = rowOf[p]!;
      times[i] = feed.ts[row]!;
      if (feed.kind === "bar") {
        values[o] = feed.open[row]!;
        values[o + 1] = feed.high[row]!;
        values[o + 2] = feed.low[row]!;
        values[o + 3] = feed.close[row]!;
        values[o + 4] = feed.volume[row]!;
      } else if (feed.kind === "quote") {
        values[o] = feed.bid[row]!;
        values[o + 1] = feed.ask[row]!;
        values[o + 2] = feed.bidSize[row]!;
        values[o + 3] = feed.askSize[row]!;
      }
    }
    this.start = from;
    this.end = end;
  }

  /** Time of the event at position `p` (in the block). */
  ts(p: number): number {
    return this.#ts[p - this.start]!;
  }

  /** The event at position `p` (in the block) as a core object, as its feed would build it. */
  event(p: number): MarketEvent {
    const feed = this.replay.feeds[this.replay.feedOf[p]!]!;
    const i = p - this.start;
    const ts = this.#ts[i]!;
    const v = this.#values;
    const o = i * WIDTH;
    if (feed.kind === "bar")
      return barOf(feed.instrumentId, ts, v[o]!, v[o + 1]!, v[o + 2]!, v[o + 3]!, v[o + 4]!);
    if (feed.kind === "quote") return quoteOf(feed.instrumentId, ts, v[o]!, v[o + 1]!, v[o + 2]!, v[o + 3]!);
    return feed.trade(this.replay.rowOf[p]!);
  }
}

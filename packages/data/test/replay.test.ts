import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BarSeries, parseQuotesCsv, QuoteSeries, Replay, TradeSeries } from "../src/index.js";

const T = Date.parse("2024-01-02T14:31:00Z");
const M = 60_000;

function bars(id: string, minutes: number[], base: number): BarSeries {
  return BarSeries.fromBars(
    id,
    minutes.map((m, i) => ({
      ts: T + m * M,
      open: base + i,
      high: base + i,
      low: base + i,
      close: base + i,
      volume: 1,
    })),
  );
}

/** A feed's bar times: 1 to 20 distinct minutes in 0..50, ascending. */
const sortedMinutes = fc
  .uniqueArray(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 20 })
  .map((m) => m.sort((x, y) => x - y));

describe("replaying several instruments in time order", () => {
  it("merges feeds by time; equal times follow the order the feeds were given", () => {
    const a = bars("A", [0, 1, 3], 100);
    const b = bars("B", [0, 2, 3], 200);
    const replay = new Replay([a, b]);
    const order = [...replay].map((e) => `${(e.ts - T) / M}${e.instrumentId}`);
    expect(order).toEqual(["0A", "0B", "1A", "2B", "3A", "3B"]);
    expect([...new Replay([b, a])].map((e) => e.instrumentId).slice(0, 2)).toEqual(["B", "A"]);
  });

  it("walks with a cursor that reads columns instead of building objects", () => {
    const replay = new Replay([bars("A", [0, 1], 100), bars("B", [1], 200)]);
    const cursor = replay.cursor();
    const seen: string[] = [];
    while (cursor.next()) {
      const series = cursor.series;
      if (series.kind === "bar")
        seen.push(`${cursor.instrumentId}@${(cursor.ts - T) / M}=${series.close[cursor.row]}`);
    }
    expect(seen).toEqual(["A@0=100", "A@1=101", "B@1=200"]);
    expect(cursor.done).toBe(true);
    expect(cursor.next()).toBe(false);
  });

  it("mixes bars and quotes of one instrument", () => {
    const quotes = parseQuotesCsv("ts,bid,ask\n2024-01-02T14:31:30Z,100.4,100.6\n", {
      instrumentId: "A",
    }).series;
    const replay = new Replay([bars("A", [0, 1], 100), quotes]);
    expect([...replay].map((e) => e.kind)).toEqual(["bar", "quote", "bar"]);
    const cursor = replay.cursor();
    cursor.advanceTo(T + 45_000);
    expect(cursor.current("A", "bid")).toBe(100.4);
    expect(cursor.current("A", "close")).toBe(100);
  });

  it("limits the replay to [start, end)", () => {
    const replay = new Replay([bars("A", [0, 1, 2, 3], 100)], { start: T + M, end: T + 3 * M });
    expect([...replay].map((e) => (e.ts - T) / M)).toEqual([1, 2]);
    expect(replay.length).toBe(2);
    const cursor = replay.cursor();
    const replayed: number[] = [];
    while (cursor.next()) replayed.push((cursor.ts - T) / M);
    expect(replayed).toEqual([1, 2]);
  });

  it("refuses two feeds of the same kind for one instrument, and unknown instruments", () => {
    expect(() => new Replay([bars("A", [0], 1), bars("A", [1], 1)])).toThrow(
      "feeds[1]: a second bar feed for A; give each feed its own instrument id",
    );
    const cursor = new Replay([bars("A", [0], 1)]).cursor();
    expect(() => cursor.history("Z", "close", 3)).toThrow(
      'instrumentId: no bar feed for "Z" (feeds: A (bar))',
    );
  });

  it("names the field meant for a misspelt one, and every field when none is close", () => {
    const cursor = new Replay([bars("A", [0], 1)]).cursor();
    const thrown = (call: () => unknown) => {
      try {
        call();
        return "nothing";
      } catch (error) {
        return (error as Error).message;
      }
    };
    const all =
      "bars open, high, low, close, volume; quotes bid, ask, bidSize, askSize; trades price, size; any kind ts";
    expect([
      thrown(() => cursor.history("A", "Close" as never, 3)),
      thrown(() => cursor.current("A", "bidsize" as never)),
      thrown(() => cursor.history("A", "vwap" as never, 3)),
      thrown(() => cursor.history("A", "constructor" as never, 3)),
    ]).toEqual([
      'UNKNOWN_FIELD: field: "Close" is not a market data field (did you mean "close"?)',
      'UNKNOWN_FIELD: field: "bidsize" is not a market data field (did you mean "bidSize"?)',
      `UNKNOWN_FIELD: field: "vwap" is not a market data field (${all})`,
      `UNKNOWN_FIELD: field: "constructor" is not a market data field (${all})`,
    ]);
  });

  it("names the fields an instrument's data has when asked for another kind's, and every field when asked for none", () => {
    const quotes = new QuoteSeries("FX", {
      ts: Float64Array.from([T]),
      bid: Float64Array.from([1.1]),
      ask: Float64Array.from([1.1002]),
      bidSize: Float64Array.from([Number.NaN]),
      askSize: Float64Array.from([Number.NaN]),
    });
    const cursor = new Replay([bars("A", [0], 1), quotes]).cursor();
    cursor.next();
    expect(() => cursor.history("FX", "close", 3)).toThrow(
      'UNKNOWN_INSTRUMENT: instrumentId: no bar feed for "FX" (feeds: A (bar), FX (quote)); "close" is a bar field, and its quote feed has bid, ask, bidSize, askSize, ts',
    );
    const unknown =
      "is not a market data field (bars open, high, low, close, volume; quotes bid, ask, bidSize, askSize; trades price, size; any kind ts)";
    expect(() => cursor.current("FX", "mid" as never)).toThrow(
      `UNKNOWN_FIELD: field: "mid" is not a market data field: a quote has no mid field, compute it from bid and ask (bars open,`,
    );
    // Not read from Object.prototype: "constructor" is not a field either.
    expect(() => cursor.current("FX", "constructor" as never)).toThrow(`"constructor" ${unknown}`);
  });
});

describe("history windows never look ahead", () => {
  it("returns the last n values up to the current event, oldest first", () => {
    const cursor = new Replay([bars("A", [0, 1, 2, 3, 4], 100)]).cursor();
    cursor.next();
    expect(Array.from(cursor.history("A", "close", 3))).toEqual([100]);
    cursor.advanceTo(T + 3 * M);
    expect(Array.from(cursor.history("A", "close", 3))).toEqual([101, 102, 103]);
    expect(Array.from(cursor.history("A", "ts", 1))).toEqual([T + 3 * M]);
  });

  it("hides another instrument's bar at the same time until the replay reaches it", () => {
    const cursor = new Replay([bars("A", [0, 1], 100), bars("B", [0, 1], 200)]).cursor();
    cursor.next(); // A at minute 0
    expect(cursor.history("B", "close", 5).length).toBe(0);
    expect(Number.isNaN(cursor.current("B", "close"))).toBe(true);
    cursor.next(); // B at minute 0
    expect(Array.from(cursor.history("B", "close", 5))).toEqual([200]);
  });

  it("at every step of any merge, holds only rows already replayed and never a later time", () => {
    fc.assert(
      fc.property(
        fc.array(sortedMinutes, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 10 }),
        (feeds, n) => {
          const ids = feeds.map((_, i) => `I${i}`);
          const replay = new Replay(feeds.map((m, i) => bars(ids[i]!, m, i * 1000)));
          const cursor = replay.cursor();
          const replayed = ids.map(() => 0);
          while (cursor.next()) {
            replayed[cursor.feed]!++;
            ids.forEach((id, f) => {
              const window = cursor.history(id, "ts", n);
              expect(window.length).toBe(Math.min(n, replayed[f]!));
              for (const t of window) expect(t).toBeLessThanOrEqual(cursor.ts);
            });
          }
        },
      ),
    );
  });
});

describe("rows before the replay's start are history, not events", () => {
  it("at the first event, a history window reaches back into the rows before the start", () => {
    const replay = new Replay([bars("A", [0, 1, 2, 3, 4, 5], 100)], { start: T + 3 * M });
    const cursor = replay.cursor();
    cursor.next();
    expect((cursor.ts - T) / M).toBe(3);
    expect(Array.from(cursor.history("A", "close", 3))).toEqual([101, 102, 103]);
    expect(Array.from(cursor.history("A", "close", 40))).toEqual([100, 101, 102, 103]);
    expect(Array.from(cursor.history("A", "ts", 1))).toEqual([T + 3 * M]);
  });

  it("before an instrument's first event, current is its last row before the start and history ends there", () => {
    const replay = new Replay([bars("A", [0, 5, 6], 100), bars("B", [1, 2, 6], 200)], { start: T + 5 * M });
    const cursor = replay.cursor();
    expect(cursor.current("B", "close")).toBe(201);
    cursor.next(); // A at minute 5: B's first event in the window is at minute 6
    expect(cursor.current("B", "close")).toBe(201);
    expect(cursor.current("B", "ts")).toBe(T + 2 * M);
    expect(Array.from(cursor.history("B", "close", 5))).toEqual([200, 201]);
    expect(cursor.lastRow(1)).toBe(1);
    cursor.next(); // A at minute 6
    cursor.next(); // B at minute 6
    expect(Array.from(cursor.history("B", "close", 5))).toEqual([200, 201, 202]);
  });

  it("gives NaN and an empty window for an instrument with no row before the start", () => {
    const cursor = new Replay([bars("A", [0, 1], 100), bars("B", [1], 200)], { start: T }).cursor();
    cursor.next();
    expect(Number.isNaN(cursor.current("B", "close"))).toBe(true);
    expect(cursor.history("B", "close", 5).length).toBe(0);
  });

  it("never shows a row at or after the end, not even to a feed read directly", () => {
    const replay = new Replay([bars("A", [0, 1, 2, 3, 4], 100)], { start: T + 2 * M, end: T + 4 * M });
    const cursor = replay.cursor();
    while (cursor.next()) expect(cursor.history("A", "ts", 10).at(-1)).toBe(cursor.ts);
    expect(Array.from(cursor.history("A", "close", 10))).toEqual([100, 101, 102, 103]);
    expect(cursor.current("A", "close")).toBe(103);
    expect(Array.from(replay.feeds[0]!.ts, (t) => (t - T) / M)).toEqual([0, 1, 2, 3]);
  });

  it("goes back to knowing only the rows before the start on reset", () => {
    const cursor = new Replay([bars("A", [0, 1, 2], 100)], { start: T + 2 * M }).cursor();
    while (cursor.next());
    expect(cursor.current("A", "close")).toBe(102);
    cursor.reset();
    expect(cursor.current("A", "close")).toBe(101);
    expect(Array.from(cursor.history("A", "close", 5))).toEqual([100, 101]);
  });

  it("with any window, replays exactly the rows in [start, end) and sees exactly the rows before each event", () => {
    fc.assert(
      fc.property(
        fc.array(sortedMinutes, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 1, max: 51 }),
        fc.integer({ min: 1, max: 10 }),
        (feeds, from, span, n) => {
          const start = T + from * M;
          const end = start + span * M;
          const ids = feeds.map((_, i) => `I${i}`);
          const replay = new Replay(
            feeds.map((m, i) => bars(ids[i]!, m, i * 1000)),
            { start, end },
          );
          const inWindow = feeds.flatMap((m) => m.map((x) => T + x * M).filter((t) => t >= start && t < end));
          expect(replay.length).toBe(inWindow.length);
          const cursor = replay.cursor();
          // Rows known per feed: those before the start, then one more per replayed event.
          const known = feeds.map((m) => m.filter((x) => T + x * M < start).length);
          while (cursor.next()) {
            expect(cursor.ts).toBeGreaterThanOrEqual(start);
            expect(cursor.ts).toBeLessThan(end);
            known[cursor.feed]!++;
            ids.forEach((id, f) => {
              const window = cursor.history(id, "ts", n);
              expect(window.length).toBe(Math.min(n, known[f]!));
              for (const t of window) expect(t).toBeLessThanOrEqual(cursor.ts);
            });
          }
        },
      ),
    );
  });
});

describe("a cursor gives each event as its feed would", () => {
  /** A feed of `times.length` rows (distinct minutes, ascending) of one kind, with values from `seed`. */
  function feed(kind: number, id: string, times: number[], seed: number) {
    const ts = Float64Array.from(times, (m) => T + m * M);
    const value = (k: number) => Float64Array.from(times, (_, i) => seed + i * 0.25 + k);
    if (kind === 0) {
      return new BarSeries(id, {
        ts,
        open: value(0),
        high: value(2),
        low: value(-1),
        close: value(1),
        volume: value(100),
      });
    }
    if (kind === 1) {
      return new QuoteSeries(id, {
        ts,
        bid: value(0),
        ask: value(0.5),
        bidSize: value(10),
        askSize: value(20),
      });
    }
    const aggressor = Int8Array.from(times, (_, i) => (i % 3) - 1);
    const ids = seed % 2 === 0 ? times.map((_, i) => `${id}-${i}`) : undefined;
    return new TradeSeries(id, { ts, price: value(0), size: value(5), aggressor }, ids);
  }

  const feeds = fc.array(
    fc.record({
      kind: fc.integer({ min: 0, max: 2 }),
      times: fc
        .uniqueArray(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 400 })
        .map((m) => m.sort((x, y) => x - y)),
      seed: fc.integer({ min: 1, max: 1_000 }),
    }),
    { minLength: 1, maxLength: 6 },
  );

  it("over any merge of bars, quotes and trades, across its copied blocks: the same event, time and next time", () => {
    fc.assert(
      fc.property(feeds, (specs) => {
        const replay = new Replay(specs.map((s, i) => feed(s.kind, `I${i}`, s.times, s.seed)));
        const cursor = replay.cursor();
        for (let pass = 0; pass < 2; pass++) {
          for (let p = 0; p < replay.length; p++) {
            const expected = replay.eventAt(p);
            expect(cursor.nextTs()).toBe(expected.ts);
            expect(cursor.next()).toBe(true);
            expect(cursor.ts).toBe(expected.ts);
            expect(cursor.event()).toEqual(expected);
          }
          expect(cursor.nextTs()).toBeNaN();
          expect(cursor.next()).toBe(false);
          cursor.reset();
        }
      }),
      { numRuns: 60 },
    );
  });

  it("after advanceTo, goes on with the events that follow", () => {
    const replay = new Replay([feed(0, "A", [...Array(900).keys()], 3), feed(1, "B", [0, 599, 600, 601], 7)]);
    const cursor = replay.cursor();
    cursor.advanceTo(T + 600 * M);
    expect(cursor.event()).toEqual(replay.eventAt(cursor.position));
    expect(cursor.event()).toMatchObject({ kind: "quote", instrumentId: "B", ts: T + 600 * M });
    expect(cursor.nextTs()).toBe(T + 601 * M);
    cursor.next();
    expect(cursor.event()).toEqual(replay.eventAt(cursor.position));
  });
});

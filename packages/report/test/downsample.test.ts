import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { downsampleBars, downsampleLine } from "../src/index.js";

const bar = (ts: number, open: number, high: number, low: number, close: number, volume = 1) => ({
  ts,
  open,
  high,
  low,
  close,
  volume,
});

describe("downsampleBars", () => {
  it("leaves a series at or under the limit as it is, one candle per bar, in UTC seconds", () => {
    const bars = [bar(60_000, 1, 2, 0.5, 1.5, 10), bar(120_000, 1.5, 3, 1, 2, 20)];
    expect(downsampleBars(bars, 2)).toEqual({
      t: [60, 120],
      o: [1, 1.5],
      h: [2, 3],
      l: [0.5, 1],
      c: [1.5, 2],
      v: [10, 20],
      barsPerCandle: 1,
    });
  });

  it("merges runs of ceil(n / limit) bars into one OHLC candle with summed volume", () => {
    const bars = [
      bar(0, 10, 12, 9, 11, 1),
      bar(60_000, 11, 15, 10, 14, 2),
      bar(120_000, 14, 14, 7, 8, 3),
      bar(180_000, 8, 9, 6, 9, 4),
      bar(240_000, 9, 10, 8, 10, 5),
    ];
    expect(downsampleBars(bars, 2)).toEqual({
      t: [0, 180],
      o: [10, 8],
      h: [15, 10],
      l: [7, 6],
      c: [8, 10],
      v: [6, 9],
      barsPerCandle: 3,
    });
  });

  it("merges bars that fall in the same second, since the chart's time unit is the second", () => {
    const bars = [bar(1_000, 1, 2, 1, 2), bar(1_500, 2, 4, 2, 3), bar(2_000, 3, 3, 1, 1)];
    const candles = downsampleBars(bars);
    expect(candles.t).toEqual([1, 2]);
    expect([candles.o[0], candles.h[0], candles.l[0], candles.c[0]]).toEqual([1, 4, 1, 3]);
  });

  it("has no volume column when a bar carries no volume", () => {
    expect(downsampleBars([{ ts: 0, open: 1, high: 1, low: 1, close: 1 }]).v).toBeNull();
  });

  it("never exceeds the limit, keeps times ascending and keeps the extreme high and low", () => {
    const series = fc
      .array(fc.tuple(fc.integer({ min: 1, max: 120_000 }), fc.double({ min: 1, max: 1000, noNaN: true })), {
        minLength: 1,
        maxLength: 400,
      })
      .map((steps) => {
        let ts = 0;
        return steps.map(([gap, price]) => {
          ts += gap;
          return bar(ts, price, price + 1, price - 1, price);
        });
      });
    fc.assert(
      fc.property(series, fc.integer({ min: 2, max: 50 }), (bars, limit) => {
        const candles = downsampleBars(bars, limit);
        expect(candles.t.length).toBeLessThanOrEqual(limit);
        for (let i = 1; i < candles.t.length; i++) expect(candles.t[i]).toBeGreaterThan(candles.t[i - 1]!);
        expect(Math.max(...candles.h)).toBe(Math.max(...bars.map((b) => b.high)));
        expect(Math.min(...candles.l)).toBe(Math.min(...bars.map((b) => b.low)));
        expect(candles.o[0]).toBe(bars[0]!.open);
        expect(candles.c[candles.c.length - 1]).toBe(bars[bars.length - 1]!.close);
      }),
    );
  });
});

describe("downsampleLine", () => {
  it("keeps each bucket's low and high in time order", () => {
    const times = [0, 1, 2, 3, 4, 5, 6, 7].map((s) => s * 1000);
    const values = [5, 9, 1, 4, 3, 3, 8, 2];
    // A limit of 4 points: two buckets of four, each giving its low and its high.
    expect(downsampleLine(times, values, 4)).toEqual({ t: [1, 2, 6, 7], y: [9, 1, 8, 2] });
  });

  it("keeps the later point of two in the same second", () => {
    expect(downsampleLine([1000, 1400, 2000], [1, 2, 3])).toEqual({ t: [1, 2], y: [2, 3] });
  });

  it("never exceeds the limit and always keeps the lowest point (the maximum drawdown)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 0, noNaN: true }), { minLength: 1, maxLength: 500 }),
        fc.integer({ min: 2, max: 60 }),
        (values, limit) => {
          const times = values.map((_, i) => i * 60_000);
          const line = downsampleLine(times, values, limit);
          expect(line.t.length).toBeLessThanOrEqual(limit);
          expect(Math.min(...line.y)).toBe(Math.min(...values));
        },
      ),
    );
  });
});

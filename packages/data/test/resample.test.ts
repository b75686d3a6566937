import { describe, expect, it } from "vitest";
import { BarSeries, generateBars, resampleBars, XNYS } from "../src/index.js";

const at = (iso: string) => Date.parse(iso);
const M = 60_000;

function minuteBars(first: number, closes: number[]): BarSeries {
  return BarSeries.fromBars(
    "X",
    closes.map((c, i) => ({
      ts: first + i * M,
      open: c - 0.5,
      high: c + 1 + (i % 3),
      low: c - 1 - (i % 2),
      close: c,
      volume: 10 + i,
    })),
  );
}

const rows = (s: BarSeries) =>
  Array.from({ length: s.length }, (_, i) => [
    new Date(s.ts[i]!).toISOString(),
    s.open[i],
    s.high[i],
    s.low[i],
    s.close[i],
    s.volume[i],
  ]);

describe("resampling bars to a coarser frequency", () => {
  it("aggregates minute bars into 5-minute bars: first open, max high, min low, last close, summed volume", () => {
    // Close-stamped minute bars 14:31 .. 14:40 (each covers the minute before its time).
    const m = minuteBars(at("2024-01-02T14:31:00Z"), [10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(rows(resampleBars(m, { to: "5m" }))).toEqual([
      ["2024-01-02T14:35:00.000Z", 9.5, 16, 9, 14, 60],
      ["2024-01-02T14:40:00.000Z", 14.5, 21, 13, 19, 85],
    ]);
  });

  it("groups open-stamped bars by their start and stamps buckets with their start", () => {
    const m = minuteBars(at("2024-01-02T14:30:00Z"), [10, 11, 12, 13, 14, 15]);
    expect(rows(resampleBars(m, { to: "5m", label: "open" })).map((r) => [r[0], r[4], r[5]])).toEqual([
      ["2024-01-02T14:30:00.000Z", 14, 60],
      ["2024-01-02T14:35:00.000Z", 15, 15],
    ]);
  });

  it("makes one daily bar per NYSE session, stamped at the close, dropping bars outside the session", () => {
    const day = generateBars({
      seed: 3,
      start: "2024-07-03T00:00:00Z",
      count: 210 + 390,
      interval: "1m",
      calendar: XNYS,
    });
    const extra = BarSeries.fromBars("X", [
      { ts: at("2024-07-05T22:00:00Z"), open: 1, high: 1, low: 1, close: 1, volume: 1 },
    ]);
    const all = new BarSeries("X", {
      ts: Float64Array.from([...day.ts, ...extra.ts]),
      open: Float64Array.from([...day.open, 1]),
      high: Float64Array.from([...day.high, 1]),
      low: Float64Array.from([...day.low, 1]),
      close: Float64Array.from([...day.close, 1]),
      volume: Float64Array.from([...day.volume, 1]),
    });
    const daily = resampleBars(all, { to: "1d", calendar: XNYS });
    expect(Array.from(daily.ts, (t) => new Date(t).toISOString())).toEqual([
      "2024-07-03T17:00:00.000Z", // early close 13:00 New York
      "2024-07-05T20:00:00.000Z",
    ]);
    expect(daily.open[0]).toBe(day.open[0]);
    expect(daily.close[0]).toBe(day.close[209]);
    expect(daily.high[0]).toBe(Math.max(...day.high.subarray(0, 210)));
    expect(daily.low[1]).toBe(Math.min(...day.low.subarray(210)));
    expect(daily.volume[1]).toBe(day.volume.subarray(210).reduce((a, b) => a + b, 0));
  });

  it("aligns hourly buckets to the session open (09:30, 10:30, ... and a short last one to 16:00)", () => {
    const day = generateBars({
      seed: 4,
      start: "2024-01-02T00:00:00Z",
      count: 390,
      interval: "1m",
      calendar: XNYS,
    });
    const hourly = resampleBars(day, { to: "1h", calendar: XNYS });
    expect(hourly.length).toBe(7);
    expect(new Date(hourly.ts[0]!).toISOString()).toBe("2024-01-02T15:30:00.000Z");
    expect(new Date(hourly.ts[6]!).toISOString()).toBe("2024-01-02T21:00:00.000Z");
    expect(hourly.volume[6]).toBe(day.volume.subarray(360).reduce((a, b) => a + b, 0));
  });

  it("turns daily bars into weekly and monthly bars", () => {
    const daily = generateBars({
      seed: 5,
      start: "2024-01-02T00:00:00Z",
      count: 45,
      interval: "1d",
      calendar: XNYS,
    });
    const weekly = resampleBars(daily, { to: "1w", calendar: XNYS });
    expect(XNYS.dateOf(weekly.ts[0]!)).toBe("2024-01-05");
    expect(weekly.open[0]).toBe(daily.open[0]);
    expect(weekly.close[0]).toBe(daily.close[3]);
    const monthly = resampleBars(daily, { to: "1M", calendar: XNYS });
    expect(Array.from(monthly.ts, (t) => XNYS.dateOf(t))).toEqual(["2024-01-31", "2024-02-29", "2024-03-28"]);
    expect(monthly.close[0]).toBe(daily.close[20]);
    const utcWeeks = resampleBars(daily, { to: "1w" });
    expect(new Date(utcWeeks.ts[0]!).toISOString()).toBe("2024-01-08T00:00:00.000Z");
  });

  it("refuses a finer target and unknown frequencies", () => {
    const daily = generateBars({ seed: 1, start: "2024-01-02T00:00:00Z", count: 3, interval: "1d" });
    expect(() => resampleBars(daily, { to: "5m" })).toThrow(
      "cannot resample 86400000 ms bars to a finer 300000 ms",
    );
    expect(() => resampleBars(daily, { to: "2w" })).toThrow(
      '"2w": weeks and months resample one at a time (1w, 1M)',
    );
    expect(() => resampleBars(daily, { to: "fortnight" })).toThrow('"fortnight" is not a frequency');
  });
});

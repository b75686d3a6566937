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

  it("makes N-day bars of N sessions with a calendar, counting from the first bar's session", () => {
    // Ten NYSE sessions from 2024-01-02; 2024-01-15 (Martin Luther King Jr. Day) is not one of them.
    const daily = generateBars({
      seed: 6,
      start: "2024-01-02T00:00:00Z",
      count: 10,
      interval: "1d",
      calendar: XNYS,
    });
    const dates = (s: BarSeries) => Array.from(s.ts, (t) => XNYS.dateOf(t));
    const two = resampleBars(daily, { to: "2d", calendar: XNYS });
    expect(dates(two)).toEqual(["2024-01-03", "2024-01-05", "2024-01-09", "2024-01-11", "2024-01-16"]);
    expect(two.ts[4]).toBe(XNYS.sessionOn("2024-01-16")!.close);
    expect([two.open[4], two.close[4]]).toEqual([daily.open[8], daily.close[9]]);
    expect(two.high[0]).toBe(Math.max(daily.high[0]!, daily.high[1]!));
    expect(two.volume[1]).toBe(daily.volume[2]! + daily.volume[3]!);
    // A width of whole days in ms or hours is the same number of sessions.
    expect(rows(resampleBars(daily, { to: 2 * 86_400_000, calendar: XNYS }))).toEqual(rows(two));
    expect(rows(resampleBars(daily, { to: "48h", calendar: XNYS }))).toEqual(rows(two));
    // Open-stamped daily bars (each at its session's open) grouped by three, stamped at each block's open.
    const opens = new BarSeries("X", {
      ts: Float64Array.from(daily.ts, (t) => XNYS.sessionOn(XNYS.dateOf(t))!.open),
      open: daily.open,
      high: daily.high,
      low: daily.low,
      close: daily.close,
      volume: daily.volume,
    });
    const three = resampleBars(opens, { to: "3d", calendar: XNYS, label: "open" });
    expect(Array.from(three.ts, (t) => new Date(t).toISOString())).toEqual([
      "2024-01-02T14:30:00.000Z",
      "2024-01-05T14:30:00.000Z",
      "2024-01-10T14:30:00.000Z",
      "2024-01-16T14:30:00.000Z",
    ]);
  });

  it("counts a session missing from the data in its N-session block", () => {
    const daily = generateBars({
      seed: 7,
      start: "2024-01-02T00:00:00Z",
      count: 6,
      interval: "1d",
      calendar: XNYS,
    });
    // Drop 2024-01-04: the block [01-04, 01-05] still ends on 01-05, and 01-08 starts the next one.
    const keep = [0, 1, 3, 4, 5];
    const gappy = new BarSeries("X", {
      ts: Float64Array.from(keep, (i) => daily.ts[i]!),
      open: Float64Array.from(keep, (i) => daily.open[i]!),
      high: Float64Array.from(keep, (i) => daily.high[i]!),
      low: Float64Array.from(keep, (i) => daily.low[i]!),
      close: Float64Array.from(keep, (i) => daily.close[i]!),
      volume: Float64Array.from(keep, (i) => daily.volume[i]!),
    });
    const two = resampleBars(gappy, { to: "2d", calendar: XNYS });
    expect(Array.from(two.ts, (t) => XNYS.dateOf(t))).toEqual(["2024-01-03", "2024-01-05", "2024-01-09"]);
    expect([two.open[1], two.close[1]]).toEqual([daily.open[3], daily.close[3]]);
  });

  it("makes 2-session bars from minute bars, stamped at the close of the block's last session", () => {
    const minutes = generateBars({
      seed: 8,
      start: "2024-01-02T00:00:00Z",
      count: 390 * 3,
      interval: "1m",
      calendar: XNYS,
    });
    const two = resampleBars(minutes, { to: "2d", calendar: XNYS });
    expect(Array.from(two.ts, (t) => XNYS.dateOf(t))).toEqual(["2024-01-03", "2024-01-05"]);
    expect(two.close[0]).toBe(minutes.close[779]);
    expect(two.volume[1]).toBe(minutes.volume.subarray(780).reduce((a, b) => a + b, 0));
  });

  it("refuses a width of a day or more that is not whole days when a calendar counts sessions", () => {
    const daily = generateBars({
      seed: 1,
      start: "2024-01-02T00:00:00Z",
      count: 3,
      interval: "1d",
      calendar: XNYS,
    });
    expect(() => resampleBars(daily, { to: "36h", calendar: XNYS })).toThrow(
      '"36h": with a calendar, a width of a day or more counts sessions and must be whole days (1d, 2d, ...)',
    );
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

import { ValidationError } from "@ordo/core";
import { describe, expect, it } from "vitest";
import { BarSeries, generateBars, parseBarsCsv, resampleBars, XNYS } from "../src/index.js";

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

/** Daily bars of 2024-01-02 .. 2024-01-08 (Tuesday to the next Monday) from a file of dates. */
const DATES_CSV = [
  "Date,Open,High,Low,Close,Volume",
  "2024-01-02,10,12,9,11,100",
  "2024-01-03,11,13,10,12,100",
  "2024-01-04,12,14,11,13,100",
  "2024-01-05,13,15,12,14,100",
  "2024-01-08,14,16,13,15,100",
].join("\n");

function resampleError(series: BarSeries, options: Parameters<typeof resampleBars>[1]): ValidationError {
  try {
    resampleBars(series, options);
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error("expected resampling to fail");
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

  it("refuses daily bars loaded without a calendar when resampling on one, and says what to pass", () => {
    const { series } = parseBarsCsv(DATES_CSV);
    const e = resampleError(series, { to: "1w", calendar: XNYS });
    expect(e.code).toBe("BARS_OUTSIDE_SESSIONS");
    expect(e.issues[0]!.path).toEqual(["series", "ts", 0]);
    expect(e.issues[0]!.message).toBe(
      'cannot resample to "1w" on XNYS: 5 of 5 bars fall outside every XNYS session, the first at 2024-01-02T00:00:00Z; daily bars stamped at midnight come from a file of dates loaded without a calendar: load it with calendar: XNYS so that each date is stamped at its session\'s close',
    );
    // Loaded as the message says, the same file resamples into its two weeks.
    const onCalendar = parseBarsCsv(DATES_CSV, { calendar: XNYS }).series;
    const weekly = resampleBars(onCalendar, { to: "1w", calendar: XNYS });
    expect(Array.from(weekly.ts, (t) => XNYS.dateOf(t))).toEqual(["2024-01-05", "2024-01-12"]);
    expect(rows(weekly).map((r) => r.slice(1))).toEqual([
      [10, 15, 9, 14, 400],
      [14, 16, 13, 15, 100],
    ]);
  });

  it('refuses daily bars stamped at session closes read with label: "open", pointing at the label', () => {
    const daily = parseBarsCsv(DATES_CSV, { calendar: XNYS }).series;
    expect(resampleError(daily, { to: "1w", calendar: XNYS, label: "open" }).issues[0]!.message).toBe(
      'cannot resample to "1w" on XNYS: 5 of 5 bars fall outside every XNYS session, the first at 2024-01-02T21:00:00Z; the bars are stamped at session closes: pass label: "close" (the default)',
    );
  });

  it("refuses a daily bar on a day without a session, naming the day", () => {
    const daily = parseBarsCsv(DATES_CSV, { calendar: XNYS }).series;
    const saturday = at("2024-01-06T21:00:00Z");
    const insert = (col: Float64Array, v: number) => Float64Array.from([...col.subarray(0, 4), v, col[4]!]);
    const withSaturday = new BarSeries("X", {
      ts: insert(daily.ts, saturday),
      open: insert(daily.open, 1),
      high: insert(daily.high, 1),
      low: insert(daily.low, 1),
      close: insert(daily.close, 1),
      volume: insert(daily.volume, 1),
    });
    const e = resampleError(withSaturday, { to: "1w", calendar: XNYS });
    expect(e.issues[0]!.path).toEqual(["series", "ts", 4]);
    expect(e.issues[0]!.message).toBe(
      'cannot resample to "1w" on XNYS: 1 of 6 bars fall outside every XNYS session, the first at 2024-01-06T21:00:00Z; XNYS has no session on 2024-01-06',
    );
  });

  it("refuses intraday bars none of which falls in a session, pointing at the time zone", () => {
    // New York wall times 09:31.. read as UTC land at 04:31 New York time, before the open.
    const early = minuteBars(at("2024-01-02T09:31:00Z"), [10, 11, 12]);
    const e = resampleError(early, { to: "5m", calendar: XNYS });
    expect(e.issues[0]!.message).toBe(
      'cannot resample to "5m" on XNYS: 3 of 3 bars fall outside every XNYS session, the first at 2024-01-02T09:31:00Z; if the times are wall times in America/New_York, load the file with timezone: "America/New_York"',
    );
  });

  it("refuses to group midnight-stamped daily bars by close time without a calendar", () => {
    const { series } = parseBarsCsv(DATES_CSV);
    // Read as closes, the Monday 2024-01-08 bar would end the week of 2024-01-01.
    const e = resampleError(series, { to: "1w" });
    expect(e.code).toBe("AMBIGUOUS_BAR_TIME");
    expect(e.issues[0]!.message).toBe(
      'cannot resample to "1w" by close time: every bar is stamped at midnight UTC, as a file of dates loads without a calendar (the start of each day), and read as closes each bar would fall in the period before; load the file with its venue\'s calendar (e.g. calendar: XNYS) and pass the same calendar here, or pass label: "open" to group each bar by the day it starts; if the times are the closes of 24/7 days, pass calendar: ALWAYS_OPEN',
    );
    expect(() => resampleBars(series, { to: "1M" })).toThrow("AMBIGUOUS_BAR_TIME");
    expect(() => resampleBars(series, { to: "2d" })).toThrow("AMBIGUOUS_BAR_TIME");
    // label: "open" groups each bar by its own day: Tuesday to Friday, then Monday.
    const weekly = resampleBars(series, { to: "1w", label: "open" });
    expect(rows(weekly)).toEqual([
      ["2024-01-01T00:00:00.000Z", 10, 15, 9, 14, 400],
      ["2024-01-08T00:00:00.000Z", 14, 16, 13, 15, 100],
    ]);
    // One bar per day keeps each bar as it is: nothing to misplace.
    expect(rows(resampleBars(series, { to: "1d" }))).toEqual(rows(series));
  });

  it('takes seconds ("30s"): trade ticks written as bars (ticksample.csv\'s layout) into 30-second bars', () => {
    const ticks = parseBarsCsv(
      [
        "Datetime,Open,High,Low,Close,Volume,OpenInterest",
        "2015-09-23T20:57:42.146,3067.00,3067.00,3067.00,3067.00,180,0",
        "2015-09-23T20:57:46.151,3066.00,3066.00,3066.00,3066.00,2,0",
        "2015-09-23T20:58:00.000,3065.00,3065.00,3065.00,3065.00,4,0",
        "2015-09-23T20:58:01.341,3068.00,3068.00,3068.00,3068.00,7,0",
      ].join("\n"),
      { timezone: "UTC" },
    ).series;
    // Close-labelled: a tick at exactly 20:58:00 ends the bucket (20:57:30, 20:58:00].
    expect(rows(resampleBars(ticks, { to: "30s" }))).toEqual([
      ["2015-09-23T20:58:00.000Z", 3067, 3067, 3065, 3065, 186],
      ["2015-09-23T20:58:30.000Z", 3068, 3068, 3068, 3068, 7],
    ]);
    expect(rows(resampleBars(ticks, { to: "30s" }))).toEqual(rows(resampleBars(ticks, { to: 30_000 })));
    expect(() => resampleBars(ticks, { to: "30 sec" })).toThrow(
      '"30 sec" is not a frequency (e.g. 30s, 5m, 15m, 1h, 1d, 1w, 1M, or a width in ms as a number)',
    );
  });

  it("refuses a finer target and unknown frequencies", () => {
    const daily = generateBars({ seed: 1, start: "2024-01-02T00:00:00Z", count: 3, interval: "1d" });
    // In the units the user wrote, not in ms (was: "cannot resample 86400000 ms bars to a finer 300000 ms").
    expect(() => resampleBars(daily, { to: "5m" })).toThrow(
      'BAD_FREQUENCY: to: cannot resample 1-day bars to a finer "5m" (5 minutes); the target must be 1 day or wider',
    );
    const minutes = minuteBars(at("2024-01-02T14:31:00Z"), [10, 11, 12]);
    expect(() => resampleBars(minutes, { to: 30_000 })).toThrow(
      "cannot resample 1-minute bars to a finer 30000 (30 seconds); the target must be 1 minute or wider",
    );
    expect(() => resampleBars(daily, { to: "2w" })).toThrow(
      '"2w": weeks and months resample one at a time (1w, 1M)',
    );
    expect(() => resampleBars(daily, { to: "fortnight" })).toThrow('"fortnight" is not a frequency');
  });

  it("refuses bars that straddle a bucket boundary instead of counting them whole in one bucket", () => {
    // Hourly bars 01:00 .. 05:00 (each covers the hour before its time) into 90-minute buckets: the bar of
    // 01:00-02:00 holds the 01:30 boundary, and was put whole into the 01:30-03:00 bucket.
    const hourly = BarSeries.fromBars(
      "X",
      [1, 2, 3, 4, 5].map((h) => ({
        ts: at(`2024-01-02T0${h}:00:00Z`),
        open: 10,
        high: 11,
        low: 9,
        close: 10,
        volume: 1,
      })),
    );
    const e = resampleError(hourly, { to: "90m" });
    expect(e.code).toBe("BAR_STRADDLES_BUCKETS");
    expect(e.issues[0]!.path).toEqual(["series", "ts", 1]);
    expect(e.message).toBe(
      'BAR_STRADDLES_BUCKETS: series.ts[1]: cannot resample 1-hour bars to "90m": 2 of 5 bars straddle a bucket boundary and would be counted whole in one bucket, the first at 2024-01-02T02:00:00Z (covering 2024-01-02T01:00:00Z to 2024-01-02T02:00:00Z, put in the bar stamped 2024-01-02T03:00:00Z); "90m" is not a whole number of 1-hour bars: resample to a multiple (e.g. "2h"), or from finer bars',
    );
    expect(rows(resampleBars(hourly, { to: "2h" })).map((r) => r[0])).toEqual([
      "2024-01-02T02:00:00.000Z",
      "2024-01-02T04:00:00.000Z",
      "2024-01-02T06:00:00.000Z",
    ]);
  });

  it("refuses hourly bars on the hour that straddle the 09:30 open when resampled to XNYS sessions", () => {
    // 24/7 hourly bars of 2024-01-02 from 13:00Z (08:00 New York) to 22:00Z: the 14:00-15:00Z bar holds the
    // open at 14:30Z, and its pre-market half would have been counted in the session's daily bar.
    const hourly = BarSeries.fromBars(
      "X",
      Array.from({ length: 10 }, (_, i) => ({
        ts: at("2024-01-02T13:00:00Z") + i * 60 * M,
        open: 10,
        high: 11,
        low: 9,
        close: 10,
        volume: 1,
      })),
    );
    expect(() => resampleBars(hourly, { to: "1d", calendar: XNYS })).toThrow(
      'BAR_STRADDLES_BUCKETS: series.ts[2]: cannot resample 1-hour bars to "1d" on XNYS: 1 of 10 bars straddle a bucket boundary and would be counted whole in one bucket, the first at 2024-01-02T15:00:00Z (covering 2024-01-02T14:00:00Z to 2024-01-02T15:00:00Z, put in the bar stamped 2024-01-02T21:00:00Z); it starts before the XNYS session opens at 2024-01-02T14:30:00Z, so trading outside the session would be counted in it; resample from bars that fit inside the sessions (e.g. minute bars), or without a calendar',
    );
  });

  it("resamples bars that fit their buckets: minute bars across a session, and hourly session bars with a short last hour", () => {
    // Minute bars of a whole XNYS session (09:31 .. 16:00 New York) make one daily bar and 7 hourly bars,
    // the last one 15:30-16:00.
    const session = minuteBars(
      at("2024-01-02T14:31:00Z"),
      Array.from({ length: 390 }, (_, i) => 100 + (i % 7)),
    );
    expect(resampleBars(session, { to: "1d", calendar: XNYS }).length).toBe(1);
    const hourly = resampleBars(session, { to: "1h", calendar: XNYS });
    expect(Array.from(hourly.ts, (t) => new Date(t).toISOString().slice(11, 16))).toEqual([
      "15:30",
      "16:30",
      "17:30",
      "18:30",
      "19:30",
      "20:30",
      "21:00",
    ]);
    // Those hourly bars (the last one half an hour) regroup into 2-hour bars and a daily bar without a refusal.
    expect(
      Array.from(resampleBars(hourly, { to: "2h", calendar: XNYS }).ts, (t) =>
        new Date(t).toISOString().slice(11, 16),
      ),
    ).toEqual(["16:30", "18:30", "20:30", "21:00"]);
    expect(resampleBars(hourly, { to: "1d", calendar: XNYS }).volume[0]).toBe(
      session.volume.reduce((a, b) => a + b, 0),
    );
  });
});

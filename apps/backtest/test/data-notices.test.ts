import {
  BarSeries,
  type DataReport,
  findGaps,
  generateBars,
  inferIntervalMs,
  type MarketSeries,
  parseQuotesCsv,
  XNYS,
} from "@ordo/data";
import { describe, expect, it } from "vitest";
import { dataNotices, type LoadedInstrumentData } from "../src/data-notices.js";

/** XNYS daily bars (stamped at each session's close) from 2024-01-02 to 2024-03-28. */
const DAILY = generateBars({
  instrumentId: "SIM.XNYS",
  start: "2024-01-02T00:00:00Z",
  count: 61,
  interval: "1d",
  seed: 3,
  calendar: XNYS,
});

function rows(series: BarSeries, keep: (i: number) => boolean): BarSeries {
  const bars = [];
  for (let i = 0; i < series.length; i++) if (keep(i)) bars.push(series.bar(i));
  return BarSeries.fromBars(series.instrumentId, bars);
}

/** The loader's report of a series, as `loadBarsCsv` would make it (no calendar: every step counts). */
function reportOf(series: MarketSeries, overrides: Partial<DataReport> = {}): DataReport {
  const intervalMs = inferIntervalMs(series.ts, series.length);
  return {
    source: "bars.csv",
    format: "generic",
    timeFormat: "text",
    columns: {},
    rows: series.length,
    first: series.length > 0 ? series.ts[0]! : null,
    last: series.length > 0 ? series.ts[series.length - 1]! : null,
    intervalMs,
    duplicates: { count: 0, dropped: 0, items: [] },
    gaps:
      intervalMs === null || series.kind !== "bar"
        ? { count: 0, items: [] }
        : findGaps(series.ts, series.length, intervalMs),
    unsorted: 0,
    notes: [],
    ...overrides,
  };
}

function load(
  file: string,
  series: MarketSeries,
  options: { calendar?: boolean; report?: Partial<DataReport> } = {},
): LoadedInstrumentData {
  return {
    series,
    report: reportOf(series, { source: file, ...options.report }),
    calendar: options.calendar === false ? undefined : XNYS,
  };
}

describe("dataNotices: prices off the tick", () => {
  const interpolated = BarSeries.fromBars("BTC.SIM", [
    { ts: Date.UTC(2022, 0, 1, 3, 2), open: 46820, high: 46830, low: 46810, close: 46821.5, volume: 5 },
    { ts: Date.UTC(2022, 0, 1, 3, 3), open: 46821.75, high: 46830, low: 46810, close: 46822, volume: 5 },
    { ts: Date.UTC(2022, 0, 1, 3, 4), open: 46822, high: 46830.25, low: 46810, close: 46822, volume: 5 },
    { ts: Date.UTC(2022, 0, 1, 3, 5), open: 46822, high: 46830, low: 46810, close: 46822, volume: 5 },
  ]);

  it("warns of bars with a price off the instrument's tick, naming the first", () => {
    expect(
      dataNotices([{ ...load("btc.csv", interpolated, { calendar: false }), tickSize: 0.5 }], {}),
    ).toEqual([
      "btc.csv: warning: 2 bars of BTC.SIM have prices off its tick size 0.5 (the first at 2022-01-01T03:03:00Z: open 46821.75): orders can fill at those prices, which the venue itself would never quote",
    ]);
  });

  it("counts prices that binary floating point puts a hair off the tick as on it", () => {
    const cents = BarSeries.fromBars("AAPL.XNAS", [
      { ts: Date.UTC(2024, 0, 2, 21), open: 185.23, high: 187.07, low: 0.29, close: 0.07, volume: 1 },
    ]);
    expect(dataNotices([{ ...load("aapl.csv", cents, { calendar: false }), tickSize: 0.01 }], {})).toEqual(
      [],
    );
    expect(
      dataNotices([{ ...load("btc.csv", interpolated, { calendar: false }), tickSize: 0.25 }], {}),
    ).toEqual([]);
  });
});

describe("dataNotices", () => {
  it("says nothing about complete data that covers the run, weekends and holidays included", () => {
    expect(DAILY.length).toBe(61);
    expect(dataNotices([load("a.csv", DAILY)], {})).toEqual([]);
    // A start on a Saturday and an end on a Sunday: no trading time is missing at either edge.
    expect(
      dataNotices([load("a.csv", DAILY)], {
        start: Date.UTC(2023, 11, 30),
        end: Date.UTC(2024, 2, 31),
      }),
    ).toEqual([]);
  });

  it("names an instrument whose data starts after the run's start or ends before its end", () => {
    const late = rows(DAILY, (i) => i >= 20 && i < 50);
    const lines = dataNotices([load("a.csv", DAILY), load("late.csv", late)], {});
    expect(lines).toEqual([
      "late.csv: warning: SIM.XNYS's data starts at 2024-01-31T21:00:00Z, after the run's start at 2024-01-02T21:00:00Z: the strategy sees no data of it before then",
      "late.csv: warning: SIM.XNYS's data ends at 2024-03-13T20:00:00Z, before the run's last event at 2024-03-28T20:00:00Z: the strategy sees no data of it after then",
    ]);
  });

  it("measures against the start and end the user asked for, and names data that misses the window", () => {
    const lines = dataNotices([load("a.csv", DAILY)], {
      start: Date.UTC(2023, 0, 1),
      end: Date.UTC(2025, 0, 1),
    });
    expect(lines).toEqual([
      "a.csv: warning: SIM.XNYS's data starts at 2024-01-02T21:00:00Z, after the run's start at 2023-01-01T00:00:00Z: the strategy sees no data of it before then",
      "a.csv: warning: SIM.XNYS's data ends at 2024-03-28T20:00:00Z, before the run's end at 2025-01-01T00:00:00Z: the strategy sees no data of it after then",
    ]);
    const early = rows(DAILY, (i) => i < 10);
    expect(
      dataNotices([load("a.csv", DAILY), load("early.csv", early)], { start: Date.UTC(2024, 1, 1) }),
    ).toEqual([
      "early.csv: warning: SIM.XNYS has no data in the run's window (its rows run from 2024-01-02T21:00:00Z to 2024-01-16T21:00:00Z): the strategy sees none of it",
    ]);
  });

  it("lists missing sessions inside the window with the instrument's calendar, the first three by name", () => {
    const holed = rows(DAILY, (i) => ![5, 6, 20, 30, 40].includes(i));
    const lines = dataNotices([load("holed.csv", holed)], {});
    expect(lines).toEqual([
      "holed.csv: warning: 4 gaps in the XNYS sessions, 5 bars missing in all: 2024-01-08T21:00:00Z → 2024-01-11T21:00:00Z (2 missing), 2024-01-30T21:00:00Z → 2024-02-01T21:00:00Z (1 missing), 2024-02-13T21:00:00Z → 2024-02-15T21:00:00Z (1 missing), and 1 more",
    ]);
    // Gaps outside the window are not the run's business.
    expect(dataNotices([load("holed.csv", holed)], { start: Date.UTC(2024, 2, 5) })).toEqual([]);
  });

  it("does not check gaps without a calendar, where nights and weekends look the same as missing data", () => {
    const holed = rows(DAILY, (i) => i !== 5);
    expect(dataNotices([load("holed.csv", holed, { calendar: false })], {})).toEqual([]);
  });

  it("passes on the loader's notes and the repairs the config asked for", () => {
    const lines = dataNotices(
      [
        load("a.csv", DAILY, {
          report: {
            notes: ["no volume column: volume is 0"],
            unsorted: 2,
            duplicates: { count: 1, dropped: 1, items: [] },
          },
        }),
      ],
      {},
    );
    expect(lines).toEqual([
      "a.csv: note: no volume column: volume is 0",
      "a.csv: note: 2 rows out of time order, sorted as asked (repair.sort)",
      "a.csv: note: 1 row with a time already seen dropped as asked (repair.dropDuplicates)",
    ]);
  });
});

describe("dataNotices: rows outside the calendar's sessions", () => {
  /** Minute bars stamped at their close from `from` to `to` (both included), open = high = low = close. */
  function minutes(id: string, from: string, to: string): BarSeries {
    const bars = [];
    for (let t = Date.parse(from); t <= Date.parse(to); t += 60_000)
      bars.push({ ts: t, open: 100, high: 100, low: 100, close: 100, volume: 1 });
    return BarSeries.fromBars(id, bars);
  }

  it("names minute bars on an XNYS holiday, and says nothing of a full session's 09:31 .. 16:00", () => {
    // 2006-01-02 (New Year's Day observed) from 09:01 to 22:00 UTC, then the next day's session in full.
    const holiday = minutes("ES.XNYS", "2006-01-02T09:01:00Z", "2006-01-02T22:00:00Z");
    const session = minutes("ES.XNYS", "2006-01-03T14:31:00Z", "2006-01-03T21:00:00Z");
    expect(dataNotices([load("es.csv", session)], {})).toEqual([]);
    const both = BarSeries.fromBars("ES.XNYS", [...holiday, ...session]);
    expect(dataNotices([load("es.csv", both)], {})).toEqual([
      "es.csv: warning: 780 bars of ES.XNYS fall outside the XNYS sessions, in 1 stretch: 2006-01-02T09:01:00Z → 2006-01-02T22:00:00Z (780 bars)",
    ]);
  });

  it("names the first three stretches of a 24/7 file under XNYS and counts the rest", () => {
    // Friday 2024-01-05 00:00 to Tuesday 2024-01-09 23:59 UTC: 7,200 bars, of which the three sessions
    // (09:30 .. 16:00 New York, both ends included) hold 3 × 391.
    const btc = minutes("BTC.XNYS", "2024-01-05T00:00:00Z", "2024-01-09T23:59:00Z");
    expect(dataNotices([load("btc.csv", btc)], {})).toEqual([
      "btc.csv: warning: 6,027 bars of BTC.XNYS fall outside the XNYS sessions, in 4 stretches: 2024-01-05T00:00:00Z → 2024-01-05T14:29:00Z (870 bars), 2024-01-05T21:01:00Z → 2024-01-08T14:29:00Z (3,929 bars), 2024-01-08T21:01:00Z → 2024-01-09T14:29:00Z (1,049 bars), and 1 more",
    ]);
    // Only the window's rows are the run's business: from Tuesday's open, only its evening is outside.
    expect(dataNotices([load("btc.csv", btc)], { start: Date.parse("2024-01-09T14:30:00Z") })).toEqual([
      "btc.csv: warning: 179 bars of BTC.XNYS fall outside the XNYS sessions, in 1 stretch: 2024-01-09T21:01:00Z → 2024-01-09T23:59:00Z (179 bars)",
    ]);
  });

  it("counts daily bars at each session's close as inside, and names one on a holiday", () => {
    expect(dataNotices([load("a.csv", DAILY)], {})).toEqual([]);
    const bars = [...DAILY];
    // 2024-01-15 is Martin Luther King Jr. Day: a bar at what would have been its close.
    bars.splice(9, 0, { ...bars[9]!, ts: Date.parse("2024-01-15T21:00:00Z") });
    expect(dataNotices([load("a.csv", BarSeries.fromBars("SIM.XNYS", bars))], {})).toEqual([
      "a.csv: warning: 1 bar of SIM.XNYS falls outside the XNYS sessions, in 1 stretch: 2024-01-15T21:00:00Z (1 bar)",
    ]);
  });

  it("checks quotes too, and nothing without a calendar", () => {
    const quotes = parseQuotesCsv(
      "ts,bid,ask\n2024-01-02T14:30:00Z,1,2\n2024-01-02T21:00:00Z,1,2\n2024-01-02T21:00:00.001Z,1,2\n",
      { instrumentId: "EUR.XNYS" },
    ).series;
    expect(dataNotices([load("q.csv", quotes)], {})).toEqual([
      "q.csv: warning: 1 quote of EUR.XNYS falls outside the XNYS sessions, in 1 stretch: 2024-01-02T21:00:00.001Z (1 quote)",
    ]);
    expect(dataNotices([load("q.csv", quotes, { calendar: false })], {})).toEqual([]);
  });
});

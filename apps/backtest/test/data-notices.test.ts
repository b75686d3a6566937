import { BarSeries, type DataReport, findGaps, generateBars, inferIntervalMs, XNYS } from "@ordo/data";
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
function reportOf(series: BarSeries, overrides: Partial<DataReport> = {}): DataReport {
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
    gaps: intervalMs === null ? { count: 0, items: [] } : findGaps(series.ts, series.length, intervalMs),
    unsorted: 0,
    notes: [],
    ...overrides,
  };
}

function load(
  file: string,
  series: BarSeries,
  options: { calendar?: boolean; report?: Partial<DataReport> } = {},
): LoadedInstrumentData {
  return {
    series,
    report: reportOf(series, { source: file, ...options.report }),
    calendar: options.calendar === false ? undefined : XNYS,
  };
}

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

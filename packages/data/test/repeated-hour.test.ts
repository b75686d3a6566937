import { describe, expect, it } from "vitest";
import { DataFileError, parseBarsCsv, parseTradesCsv } from "../src/index.js";

// 2024-11-03 is the US fall-back day: at 02:00 EDT (-04:00) New York's clocks go back to 01:00 EST (-05:00),
// so every wall time from 01:00 to 02:00 happens twice.
const HEADER = "Datetime,Open,High,Low,Close";
const bars = (...times: string[]) => [HEADER, ...times.map((t) => `${t},1,1,1,1`)].join("\n");

function loadError(text: string, options: Parameters<typeof parseBarsCsv>[1]): DataFileError {
  try {
    parseBarsCsv(text, { source: "ny.csv", ...options });
  } catch (e) {
    if (e instanceof DataFileError) return e;
    throw e;
  }
  throw new Error("expected the load to fail");
}

const FULL_HINT =
  'the file\'s times have no offset and are read as wall times in America/New_York, where 01:00 to 02:00 on 2024-11-03 happens twice (the clocks go back from -04:00 to -05:00) and each is read as its first occurrence (-04:00); write the times with their offset (2024-11-03T01:00:00-05:00 for the second) or in UTC, or pass timezone: "UTC" if they are UTC already; sorting or dropping duplicates would mix up or lose the repeated times';

describe("local times in the hour that repeats when clocks go back", () => {
  const minutes = bars(
    "2024-11-03 00:59",
    "2024-11-03 01:58",
    "2024-11-03 01:59", // EDT
    "2024-11-03 01:00", // EST, one hour later in time, earlier on the wall
    "2024-11-03 01:01",
  );

  it("explains the repeated hour when times seem to go backwards, instead of suggesting a sort", () => {
    const e = loadError(minutes, { timezone: "America/New_York" });
    expect(e.code).toBe("TIMESTAMP_NOT_INCREASING");
    expect(e.message).toBe(
      [
        "TIMESTAMP_NOT_INCREASING: ny.csv: 2 problems, nothing loaded:",
        `  ny.csv:5: Datetime: 2024-11-03T05:00:00Z is earlier than 2024-11-03T05:59:00Z on line 4: ${FULL_HINT}`,
        "  ny.csv:6: Datetime: 2024-11-03T05:01:00Z is earlier than 2024-11-03T05:59:00Z on line 4: 01:00 to 02:00 on 2024-11-03 happens twice in America/New_York (see line 5)",
      ].join("\n"),
    );
  });

  it("explains the repeated hour when a time seems to repeat, instead of suggesting to drop one", () => {
    const hourly = bars("2024-11-03 00:00", "2024-11-03 01:00", "2024-11-03 01:00", "2024-11-03 02:00");
    const e = loadError(hourly, { timezone: "America/New_York" });
    expect(e.message).toBe(
      `DUPLICATE_TIMESTAMP: ny.csv: 1 problem, nothing loaded:\n  ny.csv:4: Datetime: 2024-11-03T05:00:00Z repeats line 3: ${FULL_HINT}`,
    );
  });

  it("gives the same hint for repeats found only after sorting", () => {
    const hourly = bars("2024-11-03 00:00", "2024-11-03 01:00", "2024-11-03 01:00", "2024-11-03 02:00");
    const e = loadError(hourly, { timezone: "America/New_York", repair: { sort: true } });
    expect(e.problems.map((p) => p.message)).toEqual([`2024-11-03T05:00:00Z repeats line 3: ${FULL_HINT}`]);
  });

  it("notes rows read in a repeated hour when the file loads anyway (here sorted on request)", () => {
    const { series, report } = parseBarsCsv(minutes, {
      timezone: "America/New_York",
      repair: { sort: true },
    });
    expect(series.length).toBe(5);
    expect(report.notes).toContain(
      "4 rows have wall times that happen twice in America/New_York (01:00 to 02:00 on 2024-11-03, the clocks go back from -04:00 to -05:00) and were read as the first occurrence; write times with an offset to tell them apart",
    );
  });

  it("loads the same times written with their offsets, and keeps the sort hint for other disorder", () => {
    const withOffsets = bars(
      "2024-11-03 01:58-04:00",
      "2024-11-03 01:59-04:00",
      "2024-11-03 01:00-05:00",
      "2024-11-03 01:01-05:00",
    );
    const { series, report } = parseBarsCsv(withOffsets, { timezone: "America/New_York" });
    expect(Array.from(series.ts, (t) => new Date(t).toISOString().slice(11, 16))).toEqual([
      "05:58",
      "05:59",
      "06:00",
      "06:01",
    ]);
    expect(report.notes.some((n) => n.includes("twice"))).toBe(false);
    const e = loadError(bars("2024-11-04 10:00", "2024-11-04 09:59"), { timezone: "America/New_York" });
    expect(e.problems[0]!.message).toBe(
      "2024-11-04T14:59:00Z is earlier than 2024-11-04T15:00:00Z on line 2; rows must be in time order (pass repair: { sort: true } to sort them)",
    );
  });

  it("gives the hint for ticks too", () => {
    const text = "time,price\n2024-11-03 01:59:59,10\n2024-11-03 01:00:00,10\n";
    expect(() => parseTradesCsv(text, { source: "t.csv", timezone: "America/New_York" })).toThrow(
      "t.csv:3: time: 2024-11-03T05:00:00Z is earlier than 2024-11-03T05:59:59Z on line 2: the file's times have no offset",
    );
  });
});

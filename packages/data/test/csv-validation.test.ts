import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ValidationError } from "@ordo/core";
import { describe, expect, it } from "vitest";
import {
  DataFileError,
  loadBarsCsv,
  parseBarsCsv,
  parseQuotesCsv,
  parseTradesCsv,
  XNYS,
} from "../src/index.js";

const HEADER = "Date,Open,High,Low,Close,Volume";
const csv = (...rows: string[]) => [HEADER, ...rows].join("\n");

function loadError(text: string, options: Parameters<typeof parseBarsCsv>[1] = {}): DataFileError {
  try {
    parseBarsCsv(text, { source: "bars.csv", ...options });
  } catch (e) {
    if (e instanceof DataFileError) return e;
    throw e;
  }
  throw new Error("expected the load to fail");
}

describe("every row is checked and a bad file fails as a whole", () => {
  it("lists each problem as file:line: column: reason in one error", () => {
    const e = loadError(
      csv(
        "2024-01-02,100,99,98,100.5,10",
        "2024-01-03,100,101,100.5,100,10",
        "2024-01-04,100,101,99,abc,10",
        "2024-01-05,100,101,99,100,-5",
        "2024-13-06,100,101,99,100,5",
        "2024-01-07,100,101,99,100",
      ),
    );
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.message).toBe(
      [
        "VALIDATION: bars.csv: 6 problems, nothing loaded:",
        "  bars.csv:2: High: 99 is below max(open, close) = 100.5",
        "  bars.csv:3: Low: 100.5 is above min(open, close) = 100",
        '  bars.csv:4: Close: "abc" is not a number',
        "  bars.csv:5: Volume: -5 is negative",
        '  bars.csv:6: Date: "2024-13-06" has month 13, outside 1..12',
        "  bars.csv:7: has 5 fields, expected 6",
      ].join("\n"),
    );
    expect(e.issues[0]).toEqual({
      path: ["bars.csv", 2, "High"],
      message: "99 is below max(open, close) = 100.5",
      code: "HIGH_BELOW_OPEN_CLOSE",
    });
    expect(e.problemCount).toBe(6);
  });

  it("names the month of a day it does not have as the file writes months (1995-02, not 1995-2)", () => {
    expect(loadError(csv("1995-02-30,1,1,1,1,1", "1996-02-30,1,1,1,1,1")).message).toBe(
      'BAD_TIMESTAMP: bars.csv: 2 problems, nothing loaded:\n  bars.csv:2: Date: "1995-02-30" has day 30, outside 1..28 for 1995-02\n  bars.csv:3: Date: "1996-02-30" has day 30, outside 1..29 for 1996-02',
    );
  });

  it('reports a dated row without prices once, as a row, with what to do: Yahoo\'s "null" days', () => {
    // Yahoo's download writes a day without trading as a date and "null" in every other column.
    const yahoo = [
      "Date,Open,High,Low,Close,Adj Close,Volume",
      "2010-03-09,24.5,24.9,24.4,24.8,22.2,100",
      "2010-03-10,null,null,null,null,null,null",
      "2010-03-11,null,null,null,null,null,null",
      "2010-03-12,24.8,25.1,24.7,25.0,22.4,100",
      "2010-03-15,,,,,,",
      "2010-03-16,24.9,null,24.8,25.0,22.4,100",
    ].join("\n");
    const e = loadError(yahoo, { maxProblems: 3 });
    expect(e.message).toBe(
      [
        "MISSING_VALUE: bars.csv: 4 problems, nothing loaded:",
        '  bars.csv:3: every value of the row is "null": a date without prices, as Yahoo\'s download writes a day without trading; delete such lines from the file (no load option drops them)',
        '  bars.csv:4: every value of the row is "null": a date without prices, as Yahoo\'s download writes a day without trading; delete such lines from the file (no load option drops them)',
        "  bars.csv:6: every value of the row is empty: a date without prices; delete such lines from the file (no load option drops them)",
        "  ... and 1 more",
      ].join("\n"),
    );
    expect(e.issues[0]).toEqual({
      path: ["bars.csv", 3, ""],
      message: expect.any(String),
      code: "MISSING_VALUE",
    });
    // One value missing among numbers stays a problem of its column.
    expect(loadError(yahoo).problems.at(-1)).toEqual({
      line: 7,
      column: "High",
      message: '"null" is not a number',
      code: "NOT_A_NUMBER",
    });
  });

  it("lists the first N problems and counts the rest", () => {
    const rows = Array.from({ length: 30 }, (_, i) => `2024-02-${String(i + 1).padStart(2, "0")},1,0,1,1,1`);
    const e = loadError(csv(...rows.slice(0, 29)), { maxProblems: 3 });
    expect(e.problemCount).toBe(29);
    expect(e.problems).toHaveLength(3);
    expect(e.message.split("\n").at(-1)).toBe("  ... and 26 more");
  });

  it("refuses rows out of time order and repeated bar times, naming both lines", () => {
    const e = loadError(
      csv("2024-01-03,1,1,1,1,1", "2024-01-02,1,1,1,1,1", "2024-01-04,1,1,1,1,1", "2024-01-04,1,1,1,1,1"),
    );
    expect(e.problems.map((p) => `${p.line} ${p.code}: ${p.message}`)).toEqual([
      "3 TIMESTAMP_NOT_INCREASING: 2024-01-02T00:00:00Z is earlier than 2024-01-03T00:00:00Z on line 2; rows must be in time order (pass repair: { sort: true } to sort them)",
      '5 DUPLICATE_TIMESTAMP: 2024-01-04T00:00:00Z repeats line 4 (pass repair: { dropDuplicates: "first" } or "last" to keep one)',
    ]);
  });

  it("does not compare later rows with a row refused by a bar rule (one bad row, one problem)", () => {
    const e = loadError(
      csv(
        "2024-01-02,1,2,0.5,1,1",
        "2024-01-09,1,0.9,0.5,1,1",
        "2024-01-03,1,2,0.5,1,1",
        "2024-01-04,1,2,0.5,1,1",
      ),
    );
    expect(e.message).toBe(
      "HIGH_BELOW_OPEN_CLOSE: bars.csv: 1 problem, nothing loaded:\n  bars.csv:3: High: 0.9 is below max(open, close) = 1",
    );
  });

  it("refuses bar prices at or below zero, naming the line and the column", () => {
    // WTI crude's May 2020 contract on 2020-04-20 (it settled at -37.63), and a price of 0 where a
    // missing value was filled in.
    const e = loadError(
      csv(
        "2020-04-17,18.07,18.3,17.31,18.27,10",
        "2020-04-20,17.73,17.85,-40.32,-37.63,10",
        "2020-04-21,1,2,0,1,10",
      ),
      { source: "cl.csv" },
    );
    const hint =
      "prices at or below zero are refused unless allowNegativePrices: true (for spreads and instruments that can trade there, e.g. oil futures in April 2020)";
    expect(e.message).toBe(
      [
        "NON_POSITIVE_PRICE: cl.csv: 2 problems, nothing loaded:",
        `  cl.csv:3: Low: -40.32 is not above zero; ${hint}`,
        `  cl.csv:4: Low: 0 is not above zero; ${hint}`,
      ].join("\n"),
    );
    expect(e.issues[0]).toMatchObject({ path: ["cl.csv", 3, "Low"], code: "NON_POSITIVE_PRICE" });
  });

  it("names the first price column at or below zero when the bar rules are broken too", () => {
    const e = loadError(csv("2024-01-02,-1,2,0.5,1,10"), { source: "b.csv" });
    expect(e.problems.map((p) => `${p.column} ${p.code}`)).toEqual([
      "Low LOW_ABOVE_OPEN_CLOSE",
      "Open NON_POSITIVE_PRICE",
    ]);
  });

  it("keeps zero and negative bar prices with allowNegativePrices: true", () => {
    const { series } = parseBarsCsv(
      csv("2020-04-20,17.73,17.85,-40.32,-37.63,10", "2020-04-21,0,1,-1,0,10"),
      {
        allowNegativePrices: true,
      },
    );
    expect(Array.from(series.low)).toEqual([-40.32, -1]);
    expect(Array.from(series.close)).toEqual([-37.63, 0]);
  });

  it("refuses to adjust a close at or below zero even when such prices are allowed", () => {
    // Adj Close / Close would be negative and swap high and low.
    const e = loadError("Date,Open,High,Low,Close,Adj Close\n2020-04-20,1,2,-3,-2,1.5\n", {
      source: "y.csv",
      adjust: true,
      allowNegativePrices: true,
    });
    expect(e.message).toBe(
      "BAD_ADJ_CLOSE: y.csv: 1 problem, nothing loaded:\n  y.csv:2: Adj Close: 1.5 cannot scale a close of -2",
    );
  });

  it("refuses trade prices at or below zero unless allowed", () => {
    const text = "time,price,qty\n2024-01-02T00:00:00Z,10,3\n2024-01-02T00:00:01Z,-0.5,3\n";
    expect(() => parseTradesCsv(text, { source: "t.csv" })).toThrow(
      "t.csv:3: price: -0.5 is not above zero; prices at or below zero are refused unless allowNegativePrices: true",
    );
    expect(Array.from(parseTradesCsv(text, { allowNegativePrices: true }).series.price)).toEqual([10, -0.5]);
  });

  it("refuses a quote below zero by line and column unless allowed, and keeps a bid or ask of 0", () => {
    const text = [
      "timestamp,bid,ask",
      "2024-01-02T10:00:00Z,1.1000,1.1002",
      "2024-01-02T10:00:01Z,-1,1.1003",
      "2024-01-02T10:00:02Z,0,1.1003",
      "2024-01-02T10:00:03Z,1.1001,-2",
    ].join("\n");
    expect(() => parseQuotesCsv(text, { source: "q.csv" })).toThrow(
      [
        "NON_POSITIVE_PRICE: q.csv: 2 problems, nothing loaded:",
        "  q.csv:3: bid: -1 is below zero; quotes below zero are refused unless allowNegativePrices: true (a bid or ask of 0 is kept)",
        "  q.csv:5: ask: -2 is below zero; quotes below zero are refused unless allowNegativePrices: true (a bid or ask of 0 is kept)",
      ].join("\n"),
    );
    const kept = parseQuotesCsv(text, { allowNegativePrices: true, allowCrossedQuotes: true }).series;
    expect(Array.from(kept.bid)).toEqual([1.1, -1, 0, 1.1001]);
    const zeroBid = [
      "timestamp,bid,ask",
      "2024-01-02T10:00:00Z,1.1000,1.1002",
      "2024-01-02T10:00:02Z,0,1.1003",
    ];
    expect(Array.from(parseQuotesCsv(zeroBid.join("\n")).series.bid)).toEqual([1.1, 0]);
  });

  it("names a missing column and the names it would accept", () => {
    const e = loadError("Date,Open,High,Low\n2024-01-02,1,1,1\n");
    expect(e.message).toContain(
      'bars.csv:1: header: no column for "close" (columns: Date, Open, High, Low); name it one of close, c, closeprice, closepx or pass columns: { close: "<header name>" }',
    );
  });

  it("says when the columns are another kind's: bars read as quotes, quotes read as trades", () => {
    const bars = "Date,Open,High,Low,Close,Volume\n2024-01-02,1,2,0.5,1.5,7\n";
    expect(() => parseQuotesCsv(bars, { source: "b.csv" })).toThrow(
      'b.csv:1: header: no column for "bid" (columns: Date, Open, High, Low, Close, Volume); name it one of bid, bidprice, bidpx, bestbid or pass columns: { bid: "<header name>" }. These columns hold bars (open, high, low, close), not quotes: load the file as bars (in an ordo backtest config, "kind": "bars")',
    );
    expect(() =>
      parseTradesCsv("timestamp,bid,ask\n2024-01-02T00:00:00Z,1,2\n", { source: "q.csv" }),
    ).toThrow(
      '. These columns hold quotes (bid, ask), not trades: load the file as quotes (in an ordo backtest config, "kind": "quotes")',
    );
    // Columns the user mapped: no guess about the kind.
    expect(() => parseQuotesCsv(bars, { source: "b.csv", columns: { ask: "Close" } })).toThrow(
      /no column for "bid" .*"<header name>" }$/,
    );
  });

  it("shows accented header names as written in its messages, from UTF-8 or Latin-1 files", async () => {
    const text = "Date,Open,High,Low,Clôture\n2024-01-02,10,12,9,x\n";
    expect(loadError(text, { columns: { close: "Clôture" } }).message).toBe(
      'NOT_A_NUMBER: bars.csv: 1 problem, nothing loaded:\n  bars.csv:2: Clôture: "x" is not a number',
    );
    const dir = mkdtempSync(join(tmpdir(), "ordo-data-latin1-"));
    try {
      const file = join(dir, "latin1.csv");
      writeFileSync(file, Buffer.from(text, "latin1"));
      await expect(loadBarsCsv(file, { columns: { close: "Clôture" } })).rejects.toThrow(
        `${file}:2: Clôture: "x" is not a number`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("never matches a column name that is only punctuation to some other column", () => {
    expect(
      loadError("开盘,最高,最低,收盘,日期\n10,12,9,11,2024-01-02\n", { columns: { open: "--" } }).message,
    ).toBe(
      'MISSING_COLUMN: bars.csv: 1 problem, nothing loaded:\n  bars.csv:1: header: columns.open names "--", which is not a column (columns: 开盘, 最高, 最低, 收盘, 日期)',
    );
  });

  it("reports dates before XNYS's first year as row problems, not a bare RangeError", () => {
    const e = loadError(
      csv("1989-12-28,1,2,0.5,1.5,10", "1989-12-29,1,2,0.5,1.5,10", "1990-01-02,1,2,0.5,1.5,10"),
      {
        source: "old.csv",
        calendar: XNYS,
      },
    );
    expect(e.message).toBe(
      [
        "BAD_TIMESTAMP: old.csv: 2 problems, nothing loaded:",
        "  old.csv:2: Date: 1989-12-28 is before XNYS's first year 1990",
        "  old.csv:3: Date: 1989-12-29 is before XNYS's first year 1990",
      ].join("\n"),
    );
  });

  it("reports intraday times before XNYS's first year instead of failing in the gap finder", () => {
    const e = loadError(
      "Datetime,Open,High,Low,Close\n1989-12-29T14:31:00Z,1,2,0.5,1.5\n1990-01-02T14:31:00Z,1,2,0.5,1.5\n",
      { source: "old.csv", calendar: XNYS },
    );
    expect(e.message).toBe(
      "BAD_TIMESTAMP: old.csv: 1 problem, nothing loaded:\n  old.csv:2: Datetime: 1989-12-29T14:31:00Z is before XNYS's first year 1990 (1990-01-01 in America/New_York)",
    );
  });

  it("refuses an empty file", () => {
    expect(() => parseBarsCsv(`${HEADER}\n`, { source: "empty.csv" })).toThrow(
      "empty.csv: has a header but no data rows",
    );
  });

  it("says what a file that is not CSV text is, instead of listing its bytes as a header", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ordo-data-not-csv-"));
    try {
      const bytes = {
        // The start of a Parquet file's bytes (magic, then a page header), as when a .parquet is named .csv.
        "btc.csv": Buffer.from([
          0x50, 0x41, 0x52, 0x31, 0x15, 0x04, 0x15, 0x80, 0x9c, 0x01, 0x0a, 0x7d, 0xdc,
        ]),
        "bars.csv.gz": Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0a]),
        "bars.zip": Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x0a]),
        "utf16.csv": Buffer.from(`\ufeff${HEADER}\n2024-01-02,1,1,1,1,1\n`, "utf16le"),
        "binary.csv": Buffer.from([0x44, 0x00, 0x61, 0x00, 0x0a]),
      };
      const messages: string[] = [];
      for (const [name, data] of Object.entries(bytes)) {
        writeFileSync(join(dir, name), data);
        const error = await loadBarsCsv(join(dir, name)).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(DataFileError);
        expect((error as DataFileError).issues.map((i) => i.code)).toEqual(["NOT_CSV"]);
        messages.push((error as DataFileError).message.split("\n")[1]!.replace(`${dir}/`, ""));
      }
      expect(messages).toEqual([
        '  btc.csv: is a Parquet file (it starts with "PAR1"), not CSV: load it with loadBarsParquet, loadQuotesParquet or loadTradesParquet (in an ordo backtest config, name it .parquet or set "dataFormat": "parquet")',
        "  bars.csv.gz: is gzip-compressed, not CSV: decompress it first",
        "  bars.zip: is a zip archive, not CSV: extract the CSV file from it first",
        "  utf16.csv: is UTF-16 text (it starts with a UTF-16 byte order mark): save it as UTF-8",
        "  binary.csv: is not text: its first line holds a NUL byte at byte 2 (a binary file, or UTF-16 text without a byte order mark: save it as UTF-8 CSV)",
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses bad options with the option named", () => {
    // The zone as typed, so a misspelling (Europe/Berln) shows where the text is wrong.
    expect(() => parseBarsCsv(csv("2024-01-02,1,1,1,1,1"), { timezone: "Mars/Olympus" })).toThrow(
      'options.timezone: is not a time zone this runtime knows: "Mars/Olympus" (use an IANA name such as America/New_York)',
    );
  });
});

describe("duplicates, gaps and repairs", () => {
  it("reports gaps longer than the inferred interval with the bars missing", () => {
    const { report } = parseBarsCsv(
      csv(
        "2024-01-02 09:30,1,1,1,1,1",
        "2024-01-02 09:31,1,1,1,1,1",
        "2024-01-02 09:32,1,1,1,1,1",
        "2024-01-02 09:36,1,1,1,1,1",
      ),
    );
    expect(report.intervalMs).toBe(60_000);
    expect(report.gaps).toEqual({
      count: 1,
      items: [
        { from: Date.parse("2024-01-02T09:32:00Z"), to: Date.parse("2024-01-02T09:36:00Z"), missing: 3 },
      ],
    });
  });

  it("sorts rows when asked (stable for equal times) and counts how many were out of order", () => {
    const { series, report } = parseBarsCsv(
      csv("2024-01-03,3,3,3,3,3", "2024-01-02,2,2,2,2,2", "2024-01-04,4,4,4,4,4"),
      {
        repair: { sort: true },
      },
    );
    expect(Array.from(series.close)).toEqual([2, 3, 4]);
    expect(report.unsorted).toBe(1);
  });

  it.each([
    ["first", [1, 3]],
    ["last", [2, 3]],
  ] as const)("keeps the %s of rows with the same time when asked, and reports them", (keep, closes) => {
    const text = csv("2024-01-02,1,1,1,1,1", "2024-01-02,2,2,2,2,2", "2024-01-03,3,3,3,3,3");
    for (const sort of [false, true]) {
      const { series, report } = parseBarsCsv(text, { repair: { dropDuplicates: keep, sort } });
      expect(Array.from(series.close)).toEqual(closes);
      expect(report.duplicates).toEqual({
        count: 1,
        dropped: 1,
        items: [{ ts: Date.parse("2024-01-02T00:00:00Z"), line: 3, firstLine: 2 }],
      });
    }
  });

  it("still refuses repeated bar times after sorting unless told which to keep", () => {
    expect(() =>
      parseBarsCsv(csv("2024-01-03,1,1,1,1,1", "2024-01-02,1,1,1,1,1", "2024-01-03,1,1,1,1,1"), {
        source: "b.csv",
        repair: { sort: true },
      }),
    ).toThrow(
      'b.csv:4: Date: 2024-01-03T00:00:00Z repeats line 2 (pass repair: { dropDuplicates: "first" } or "last" to keep one)',
    );
  });
});

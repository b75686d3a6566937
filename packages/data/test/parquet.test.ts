import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { parquetWriteFile } from "hyparquet-writer";
import { afterAll, describe, expect, it } from "vitest";
import { DataFileError, loadBarsParquet, loadQuotesParquet, loadTradesParquet, XNYS } from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "ordo-data-parquet-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const T = Date.parse("2024-01-02T14:31:00Z");
const DAY_MS = 86_400_000;
const iso = (ts: number) => new Date(ts).toISOString();
const JAN2 = Date.UTC(2024, 0, 2) / DAY_MS;

/** A required column of a hand-written schema (for types hyparquet-writer's shorthand cannot say). */
const el = (name: string, type: string, extra: Record<string, unknown> = {}) => ({
  name,
  type,
  repetition_type: "REQUIRED",
  ...extra,
});

/** Writes `time` columns (with their schema elements) followed by DOUBLE open/high/low/close columns. */
function writeBars(
  file: string,
  time: { column: { name: string; data: unknown }; element: ReturnType<typeof el> }[],
  ohlc: { open: number[]; high: number[]; low: number[]; close: number[] },
): void {
  const prices = (["open", "high", "low", "close"] as const).map((name) => ({
    name,
    data: Float64Array.from(ohlc[name]),
  }));
  parquetWriteFile({
    filename: file,
    columnData: [...time.map((t) => t.column), ...prices] as never,
    schema: [
      { name: "root", num_children: time.length + 4 },
      ...time.map((t) => t.element),
      ...prices.map((p) => el(p.name, "DOUBLE")),
    ] as never,
  });
}

const flat = (n: number, v = 1) => ({
  open: Array(n).fill(v),
  high: Array(n).fill(v),
  low: Array(n).fill(v),
  close: Array(n).fill(v),
});

describe("Parquet files", () => {
  it("loads bars with a TIMESTAMP column and numeric OHLCV", async () => {
    const file = join(dir, "AAPL.parquet");
    parquetWriteFile({
      filename: file,
      columnData: [
        { name: "timestamp", data: [new Date(T), new Date(T + 60_000)], type: "TIMESTAMP" },
        { name: "Open", data: [100.5, 101], type: "DOUBLE" },
        { name: "High", data: [101.25, 102], type: "DOUBLE" },
        { name: "Low", data: [100, 100.75], type: "DOUBLE" },
        { name: "Close", data: [101, 101.5], type: "DOUBLE" },
        { name: "Volume", data: [1200, 800], type: "DOUBLE" },
      ],
    });
    const { series, report } = await loadBarsParquet(file);
    expect(series.instrumentId).toBe("AAPL");
    expect(series.bar(1)).toEqual({
      kind: "bar",
      instrumentId: "AAPL",
      ts: T + 60_000,
      open: 101,
      high: 102,
      low: 100.75,
      close: 101.5,
      volume: 800,
    });
    expect(report.format).toBe("parquet");
  });

  it("says a file of quotes loaded as bars holds quotes, and what to load it as", async () => {
    const file = join(dir, "quotes-as-bars.parquet");
    parquetWriteFile({
      filename: file,
      columnData: [
        { name: "timestamp", data: [new Date(T)], type: "TIMESTAMP" },
        { name: "bid", data: [1.1], type: "DOUBLE" },
        { name: "ask", data: [1.1002], type: "DOUBLE" },
      ],
    });
    await expect(loadBarsParquet(file)).rejects.toThrow(
      `${file}: no column for "open" (columns: timestamp, bid, ask); name it one of open, o, openprice, openpx or pass columns: { open: "<name>" }. These columns hold quotes (bid, ask), not bars: load the file as quotes (in an ordo backtest config, "kind": "quotes")`,
    );
  });

  it("reads text and epoch times, and puts DATE-only bars on a calendar's session close", async () => {
    const quotes = join(dir, "EURUSD.parquet");
    parquetWriteFile({
      filename: quotes,
      columnData: [
        { name: "ts", data: [BigInt(T), BigInt(T + 5)], type: "INT64" },
        { name: "bid", data: [1.1, 1.2], type: "DOUBLE" },
        { name: "ask", data: [1.2, 1.3], type: "DOUBLE" },
      ],
    });
    const q = await loadQuotesParquet(quotes);
    expect(Array.from(q.series.ts)).toEqual([T, T + 5]);
    expect(q.report.timeFormat).toBe("epoch-ms");

    const daily = join(dir, "daily.parquet");
    parquetWriteFile({
      filename: daily,
      columnData: [
        { name: "date", data: ["2024-07-03", "2024-07-05"], type: "STRING" },
        { name: "open", data: [1, 2], type: "DOUBLE" },
        { name: "high", data: [1, 2], type: "DOUBLE" },
        { name: "low", data: [1, 2], type: "DOUBLE" },
        { name: "close", data: [1, 2], type: "DOUBLE" },
      ],
    });
    const d = await loadBarsParquet(daily, { calendar: XNYS });
    expect(Array.from(d.series.ts, (t) => new Date(t).toISOString())).toEqual([
      "2024-07-03T17:00:00.000Z",
      "2024-07-05T20:00:00.000Z",
    ]);
  });

  it("reads a DATE column plus a text time column as a CSV Date,Time pair, in the given timezone", async () => {
    const file = join(dir, "date-time.parquet");
    writeBars(
      file,
      [
        {
          column: { name: "Date", data: Int32Array.from([JAN2, JAN2]) },
          element: el("Date", "INT32", { converted_type: "DATE" }),
        },
        {
          column: { name: "Time", data: ["09:31:00", "09:32:30"] },
          element: el("Time", "BYTE_ARRAY", { converted_type: "UTF8" }),
        },
      ],
      flat(2),
    );
    const { series, report } = await loadBarsParquet(file, { timezone: "America/New_York" });
    expect(Array.from(series.ts, iso)).toEqual(["2024-01-02T14:31:00.000Z", "2024-01-02T14:32:30.000Z"]);
    expect(report.columns.date).toBe("Date");
    expect(report.columns.time).toBe("Time");
  });

  it("reads TIME_MILLIS and TIME_MICROS time-of-day columns beside a date column", async () => {
    const millis = join(dir, "date-timemillis.parquet");
    writeBars(
      millis,
      [
        {
          column: { name: "Date", data: ["2024-01-02", "2024-01-02"] },
          element: el("Date", "BYTE_ARRAY", { converted_type: "UTF8" }),
        },
        {
          column: { name: "Time", data: Int32Array.from([34_260_000, 34_320_123]) },
          element: el("Time", "INT32", { converted_type: "TIME_MILLIS" }),
        },
      ],
      flat(2),
    );
    expect(Array.from((await loadBarsParquet(millis)).series.ts, iso)).toEqual([
      "2024-01-02T09:31:00.000Z",
      "2024-01-02T09:32:00.123Z",
    ]);
    const micros = join(dir, "date-timemicros.parquet");
    writeBars(
      micros,
      [
        {
          column: { name: "Date", data: Int32Array.from([JAN2, JAN2]) },
          element: el("Date", "INT32", { converted_type: "DATE" }),
        },
        {
          column: { name: "Time", data: BigInt64Array.from([34_260_000_999n, 57_540_000_000n]) },
          element: el("Time", "INT64", { converted_type: "TIME_MICROS" }),
        },
      ],
      flat(2),
    );
    expect(
      Array.from((await loadBarsParquet(micros, { timezone: "America/New_York" })).series.ts, iso),
    ).toEqual(["2024-01-02T14:31:00.000Z", "2024-01-02T20:59:00.000Z"]);
  });

  it("reads DATE values as midnight in the given timezone", async () => {
    const file = join(dir, "dates-ny.parquet");
    writeBars(
      file,
      [
        {
          column: { name: "date", data: Int32Array.from([JAN2, JAN2 + 1]) },
          element: el("date", "INT32", { converted_type: "DATE" }),
        },
      ],
      flat(2),
    );
    expect(
      Array.from((await loadBarsParquet(file, { timezone: "America/New_York" })).series.ts, iso),
    ).toEqual(["2024-01-02T05:00:00.000Z", "2024-01-03T05:00:00.000Z"]);
  });

  it("reads TIMESTAMPs not adjusted to UTC as wall times in the timezone, and UTC ones as instants", async () => {
    // 2024-03-10 is the US spring-forward day: 01:30 is EST (-05:00), 03:30 is EDT (-04:00).
    const wall = [Date.UTC(2024, 2, 10, 1, 30), Date.UTC(2024, 2, 10, 3, 30)].map(
      (ms) => BigInt(ms) * 1_000_000n,
    );
    /** A file of the two times as a nanosecond TIMESTAMP column, adjusted to UTC or not. */
    const timestamps = (name: string, isAdjustedToUTC: boolean) => {
      const file = join(dir, name);
      writeBars(
        file,
        [
          {
            column: { name: "ts", data: BigInt64Array.from(wall) },
            element: el("ts", "INT64", {
              logical_type: { type: "TIMESTAMP", isAdjustedToUTC, unit: "NANOS" },
            }),
          },
        ],
        flat(2),
      );
      return file;
    };
    const read = async (file: string) =>
      Array.from((await loadBarsParquet(file, { timezone: "America/New_York" })).series.ts, iso);
    expect(await read(timestamps("wall-time.parquet", false))).toEqual([
      "2024-03-10T06:30:00.000Z",
      "2024-03-10T07:30:00.000Z",
    ]);
    expect(await read(timestamps("utc-time.parquet", true))).toEqual([
      "2024-03-10T01:30:00.000Z",
      "2024-03-10T03:30:00.000Z",
    ]);
  });

  it("says when wall-time TIMESTAMPs were read as UTC because no timezone was given, and not for UTC ones", async () => {
    const file = (name: string, isAdjustedToUTC: boolean) => {
      const path = join(dir, name);
      writeBars(
        path,
        [
          {
            column: { name: "ts", data: BigInt64Array.from([BigInt(T) * 1000n]) },
            element: el("ts", "INT64", {
              logical_type: { type: "TIMESTAMP", isAdjustedToUTC, unit: "MICROS" },
            }),
          },
        ],
        flat(1),
      );
      return path;
    };
    const zoneNotes = async (path: string) =>
      (await loadBarsParquet(path)).report.notes.filter((note) => note.includes("without a zone"));
    expect(await zoneNotes(file("wall-default.parquet", false))).toEqual([
      'times without a zone read as UTC (1 row, at 2024-01-02T14:31:00Z), since no timezone was given: if they are local times, pass their zone (e.g. timezone: "America/New_York"; in an ordo backtest config, "load": { "timezone": "America/New_York" }); pass timezone: "UTC" if they are UTC',
    ]);
    expect(await zoneNotes(file("utc-default.parquet", true))).toEqual([]);
  });

  it("reports DATE values before XNYS's first year as row problems, not a bare RangeError", async () => {
    const file = join(dir, "old.parquet");
    const days = [Date.UTC(1989, 11, 29) / DAY_MS, Date.UTC(1990, 0, 2) / DAY_MS];
    writeBars(
      file,
      [
        {
          column: { name: "date", data: Int32Array.from(days) },
          element: el("date", "INT32", { converted_type: "DATE" }),
        },
      ],
      flat(2),
    );
    await expect(loadBarsParquet(file, { calendar: XNYS })).rejects.toThrow(
      `BAD_TIMESTAMP: ${file}: 1 problem, nothing loaded:\n  ${file}:row 1: date: 1989-12-29 is before XNYS's first year 1990`,
    );
  });

  it("refuses a file with an unsupported codec as BAD_PARQUET naming the file", async () => {
    const file = join(dir, "gzip.parquet");
    parquetWriteFile({
      filename: file,
      columnData: [
        { name: "timestamp", data: [new Date(T)], type: "TIMESTAMP" },
        { name: "open", data: [1], type: "DOUBLE" },
        { name: "high", data: [1], type: "DOUBLE" },
        { name: "low", data: [1], type: "DOUBLE" },
        { name: "close", data: [1], type: "DOUBLE" },
      ],
      codec: "GZIP",
      compressors: { GZIP: (bytes: Uint8Array) => gzipSync(bytes) },
    } as never);
    const error = await loadBarsParquet(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as DataFileError).message).toBe(
      `BAD_PARQUET: ${file}: 1 problem, nothing loaded:\n  ${file}: cannot be read (parquet unsupported compression codec: GZIP); rewrite it uncompressed or with Snappy`,
    );
  });

  it("says a CSV file named .parquet is text, and which loader reads it", async () => {
    const file = join(dir, "bars-really-csv.parquet");
    writeFileSync(file, "\uFEFFdatetime,open,high,low,close\r\n2024-01-02T14:31:00Z,1,1,1,1\r\n");
    await expect(loadBarsParquet(file)).rejects.toThrow(
      `BAD_PARQUET: ${file}: 1 problem, nothing loaded:\n  ${file}: is text, not Parquet (it starts with "datetime,open,high,low,close"): a CSV file? load it with loadBarsCsv, loadQuotesCsv or loadTradesCsv (in an ordo backtest config, name it .csv or set "dataFormat": "csv")`,
    );
    const binary = join(dir, "random.parquet");
    writeFileSync(binary, Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8]));
    await expect(loadBarsParquet(binary)).rejects.toThrow(`${binary}: is not a readable Parquet file (`);
  });

  it("refuses a file with no rows as EMPTY_FILE, as CSV does", async () => {
    const file = join(dir, "empty.parquet");
    writeBars(
      file,
      [{ column: { name: "ts", data: BigInt64Array.from([]) }, element: el("ts", "INT64") }],
      flat(0),
    );
    await expect(loadBarsParquet(file)).rejects.toThrow(
      `EMPTY_FILE: ${file}: 1 problem, nothing loaded:\n  ${file}: has no rows`,
    );
  });

  it("fails with the row and column of each bad value, loading nothing", async () => {
    const file = join(dir, "bad.parquet");
    parquetWriteFile({
      filename: file,
      columnData: [
        {
          name: "timestamp",
          data: [new Date(T), new Date(T + 60_000), new Date(T - 60_000)],
          type: "TIMESTAMP",
        },
        { name: "open", data: [100, 100, 100], type: "DOUBLE" },
        { name: "high", data: [101, 99, 101], type: "DOUBLE" },
        { name: "low", data: [99, 98, 99], type: "DOUBLE" },
        { name: "close", data: [100, 99.5, 100], type: "DOUBLE" },
      ],
    });
    // Row 3 is compared with row 1, the last row accepted, not with the refused row 2.
    await expect(loadBarsParquet(file)).rejects.toThrow(
      [
        `VALIDATION: ${file}: 2 problems, nothing loaded:`,
        `  ${file}:row 2: high: 99 is below max(open, close) = 100`,
        `  ${file}:row 3: timestamp: 2024-01-02T14:30:00Z is earlier than 2024-01-02T14:31:00Z on row 1; rows must be in time order (pass repair: { sort: true } to sort them)`,
      ].join("\n"),
    );
  });

  it('reads prices stored as text with decimal commas when decimal: "," is given, and says so when not', async () => {
    const file = join(dir, "text-prices.parquet");
    parquetWriteFile({
      filename: file,
      columnData: [
        { name: "timestamp", data: [new Date(T)], type: "TIMESTAMP" },
        { name: "Open", data: ["101,5"], type: "STRING" },
        { name: "High", data: ["102,25"], type: "STRING" },
        { name: "Low", data: ["100,75"], type: "STRING" },
        { name: "Close", data: ["101,0"], type: "STRING" },
      ],
    });
    const { series } = await loadBarsParquet(file, { decimal: "," });
    expect([series.open[0], series.high[0], series.low[0], series.close[0]]).toEqual([
      101.5, 102.25, 100.75, 101,
    ]);
    await expect(loadBarsParquet(file)).rejects.toThrow(
      `${file}:row 1: Open: "101,5" is not a number; if the file writes decimal commas (101,5), pass decimal: ","`,
    );
  });

  it("refuses the CSV-only options header and delimiter instead of ignoring them", async () => {
    const file = join(dir, "csv-options.parquet");
    writeBars(
      file,
      [
        {
          column: { name: "ts", data: [new Date(T)] },
          element: el("ts", "INT64", { converted_type: "TIMESTAMP_MILLIS" }),
        },
      ],
      flat(1),
    );
    await expect(loadBarsParquet(file, { delimiter: ";", header: true })).rejects.toThrow(
      "BAD_OPTION: options.header: applies to CSV files only and would be ignored here (a Parquet file's column names are in its schema): remove it (in an ordo backtest config, from the instrument's \"load\"); options.delimiter: applies to CSV files only and would be ignored here (a Parquet file's columns are stored apart, not split at a character): remove it (in an ordo backtest config, from the instrument's \"load\")",
    );
    expect((await loadBarsParquet(file, { timezone: "UTC", decimal: "." })).series.length).toBe(1);
  });

  it("reads the trade side column (it was mapped, reported and then ignored: every trade had no aggressor)", async () => {
    const file = join(dir, "trades.parquet");
    const write = (sides: string[]) =>
      parquetWriteFile({
        filename: file,
        columnData: [
          { name: "timestamp", data: sides.map((_, i) => new Date(T + i * 1000)), type: "TIMESTAMP" },
          { name: "price", data: sides.map(() => 100.5), type: "DOUBLE" },
          { name: "size", data: sides.map(() => 3), type: "DOUBLE" },
          { name: "side", data: sides, type: "STRING" },
          { name: "trade_id", data: sides.map((_, i) => `T-${i}`), type: "STRING" },
        ],
      });
    write(["buy", "SELL", ""]);
    const { series, report } = await loadTradesParquet(file);
    expect(report.columns).toMatchObject({ aggressor: "side", tradeId: "trade_id" });
    expect([series.trade(0).aggressor, series.trade(1).aggressor, series.trade(2).aggressor]).toEqual([
      "BUYER",
      "SELLER",
      "NONE",
    ]);
    expect(series.tradeIds).toEqual(["T-0", "T-1", "T-2"]);
    write(["buy", "maybe", "sell"]);
    await expect(loadTradesParquet(file)).rejects.toThrow(
      `BAD_AGGRESSOR: ${file}: 1 problem, nothing loaded:\n  ${file}:row 2: side: "maybe" is not buy or sell`,
    );
  });

  it("refuses prices at or below zero by row and column unless allowNegativePrices is set", async () => {
    const file = join(dir, "negative.parquet");
    writeBars(
      file,
      [
        {
          column: { name: "timestamp", data: [new Date(T), new Date(T + 60_000)] },
          element: el("timestamp", "INT64", { converted_type: "TIMESTAMP_MILLIS" }),
        },
      ],
      { open: [1, 0.5], high: [1.5, 0.5], low: [0.5, -0.25], close: [0.5, -0.25] },
    );
    await expect(loadBarsParquet(file)).rejects.toThrow(
      `${file}:row 2: low: -0.25 is not above zero; prices at or below zero are refused unless allowNegativePrices: true`,
    );
    const { series } = await loadBarsParquet(file, { allowNegativePrices: true });
    expect(Array.from(series.close)).toEqual([0.5, -0.25]);
  });

  it("explains the repeated fall-back hour for wall-time TIMESTAMPs, by row", async () => {
    // 2024-11-03 01:59 EDT, then 01:00 EST: the wall clock goes back an hour.
    const wall = [Date.UTC(2024, 10, 3, 1, 59), Date.UTC(2024, 10, 3, 1, 0)].map((ms) => BigInt(ms));
    const file = join(dir, "fall-back.parquet");
    writeBars(
      file,
      [
        {
          column: { name: "ts", data: BigInt64Array.from(wall) },
          element: el("ts", "INT64", {
            logical_type: { type: "TIMESTAMP", isAdjustedToUTC: false, unit: "MILLIS" },
          }),
        },
      ],
      flat(2),
    );
    await expect(loadBarsParquet(file, { timezone: "America/New_York" })).rejects.toThrow(
      `${file}:row 2: ts: 2024-11-03T05:00:00Z is earlier than 2024-11-03T05:59:00Z on row 1: the file's times have no offset and are read as wall times in America/New_York, where 01:00 to 02:00 on 2024-11-03 happens twice`,
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseBarsCsv, parseQuotesCsv, parseTradesCsv } from "../src/index.js";

const times = (text: string, options: Parameters<typeof parseBarsCsv>[1] = {}) =>
  Array.from(parseBarsCsv(text, options).series.ts, (t) => new Date(t).toISOString());

describe("reading bar CSVs in the formats users bring", () => {
  it("matches header names case-insensitively and in any column order", () => {
    const { series, report } = parseBarsCsv(
      "VOLUME;Close;LOW;high;Open;Date\n10;101;99;102;100;2024-01-02\n",
    );
    expect(series.bar(0)).toEqual({
      kind: "bar",
      instrumentId: "<text>",
      ts: Date.parse("2024-01-02T00:00:00Z"),
      open: 100,
      high: 102,
      low: 99,
      close: 101,
      volume: 10,
    });
    expect(report.columns).toEqual({
      ts: "Date",
      open: "Open",
      high: "high",
      low: "LOW",
      close: "Close",
      volume: "VOLUME",
    });
  });

  it("reads ISO times with Z, with offsets, and with a space instead of T", () => {
    const csv = [
      "timestamp,open,high,low,close,volume",
      "2024-01-02T14:30:00Z,1,1,1,1,0",
      "2024-01-02T09:31:00-05:00,1,1,1,1,0",
      "2024-01-02 14:32:00.250+0000,1,1,1,1,0",
      "2024-01-02T15:33:00.123456+01:00,1,1,1,1,0",
    ].join("\n");
    expect(times(csv)).toEqual([
      "2024-01-02T14:30:00.000Z",
      "2024-01-02T14:31:00.000Z",
      "2024-01-02T14:32:00.250Z",
      "2024-01-02T14:33:00.123Z",
    ]);
  });

  it("reads date and time from two columns", () => {
    expect(
      times("Date,Time,Open,High,Low,Close\n2024-01-02,09:30,1,1,1,1\n2024-01-02,093100,1,1,1,1\n"),
    ).toEqual(["2024-01-02T09:30:00.000Z", "2024-01-02T09:31:00.000Z"]);
  });

  it("reads YYYYMMDD and compact times", () => {
    expect(times("date,open,high,low,close\n20240102,1,1,1,1\n20240103 153000,1,1,1,1\n")).toEqual([
      "2024-01-02T00:00:00.000Z",
      "2024-01-03T15:30:00.000Z",
    ]);
  });

  it.each([
    ["seconds", "1704205800", "epoch-s"],
    ["milliseconds", "1704205800000", "epoch-ms"],
    ["microseconds", "1704205800000000", "epoch-us"],
    ["nanoseconds", "1704205800000000000", "epoch-ns"],
  ])("reads epoch %s by their digit count", (_unit, value, format) => {
    const { series, report } = parseBarsCsv(`ts,open,high,low,close\n${value},1,1,1,1\n`);
    expect(series.ts[0]).toBe(Date.parse("2024-01-02T14:30:00Z"));
    expect(report.timeFormat).toBe(format);
  });

  it("refuses an epoch value outside the years 0000..9999, naming the unit that put it there", () => {
    // epochUnit "s" over millisecond values used to load 1995 as the year 26977, with no word.
    const ms = "unix_ms,open,high,low,close\n789166800000,1,1,1,1\n";
    expect(() => parseBarsCsv(ms, { source: "ms.csv", columns: { ts: "unix_ms" }, epochUnit: "s" })).toThrow(
      'BAD_TIMESTAMP: ms.csv: 1 problem, nothing loaded:\n  ms.csv:2: unix_ms: "789166800000" as epoch seconds is in the year 26977, outside 0000..9999; is epochUnit: "s" right? 12 digits read as milliseconds without it',
    );
    // A later value with more digits than the first (whose digits chose seconds) gets the same reason.
    const mixed =
      "ts,open,high,low,close\n789166800,1,1,1,1\n789253200000,1,1,1,1\n7892532000000000,1,1,1,1\n";
    expect(() => parseBarsCsv(mixed, { source: "mixed.csv" })).toThrow(
      'BAD_TIMESTAMP: mixed.csv: 2 problems, nothing loaded:\n  mixed.csv:3: ts: "789253200000" as epoch seconds is in the year 26980, outside 0000..9999; the first value\'s digits made the unit seconds (set epochUnit if that is wrong)\n  mixed.csv:4: ts: "7892532000000000" as epoch seconds is outside the years 0000..9999; the first value\'s digits made the unit seconds (set epochUnit if that is wrong)',
    );
  });

  it("reads zone-less local times in the given zone, across a DST change", () => {
    const csv = "datetime,open,high,low,close\n2024-03-08 09:30,1,1,1,1\n2024-03-11 09:30,1,1,1,1\n";
    expect(times(csv, { timezone: "America/New_York" })).toEqual([
      "2024-03-08T14:30:00.000Z",
      "2024-03-11T13:30:00.000Z",
    ]);
  });

  it("says when times without a zone were read as UTC because no timezone was given", () => {
    const csv =
      "datetime,open,high,low,close,volume\n2024-01-02 09:31,1,1,1,1,5\n2024-01-02 09:32,1,1,1,1,5\n";
    expect(parseBarsCsv(csv).report.notes).toEqual([
      'times without a zone read as UTC (2 rows, the first 2024-01-02T09:31:00Z), since no timezone was given: if they are local times, pass their zone (e.g. timezone: "America/New_York"; in an ordo backtest config, "load": { "timezone": "America/New_York" }); pass timezone: "UTC" if they are UTC',
    ]);
    // Said once the user has said it, or when the file says it: no note.
    expect(parseBarsCsv(csv, { timezone: "UTC" }).report.notes).toEqual([]);
    expect(
      parseBarsCsv("datetime,open,high,low,close,volume\n2024-01-02T09:31Z,1,1,1,1,5\n").report.notes,
    ).toEqual([]);
    expect(parseBarsCsv("datetime,open,high,low,close,volume\n1704187860,1,1,1,1,5\n").report.notes).toEqual(
      [],
    );
    // Dates alone are days, not times of day: a zone moves them by less than their own width.
    expect(parseBarsCsv("Date,Open,High,Low,Close,Volume\n2024-01-02,1,1,1,1,5\n").report.notes).toEqual([]);
  });

  it("reads US month-first dates with AM/PM, and day-first dates on request", () => {
    expect(times("Date,Open,High,Low,Close\n02/03/2010 4:53:50 PM,1,1,1,1\n")).toEqual([
      "2010-02-03T16:53:50.000Z",
    ]);
    expect(times("Date,Open,High,Low,Close\n02/03/2010,1,1,1,1\n", { dayFirst: true })).toEqual([
      "2010-03-02T00:00:00.000Z",
    ]);
  });

  it("treats a file without a header as time, open, high, low, close, volume", () => {
    const { series, report } = parseBarsCsv("2024-01-02,1,2,0.5,1.5,7\n");
    expect(report.format).toBe("headerless");
    expect([series.open[0], series.high[0], series.low[0], series.close[0], series.volume[0]]).toEqual([
      1, 2, 0.5, 1.5, 7,
    ]);
  });

  it("notes the columns a file without a header has beyond the ones read, one or several", () => {
    expect(parseQuotesCsv("20200101 170000065,1.1212,1.12172,0\n").report.notes).toContain(
      "no header: column 4 ignored",
    );
    expect(parseBarsCsv("2024-01-02,1,2,0.5,1.5,7,0,x\n").report.notes).toContain(
      "no header: columns 7..8 ignored",
    );
  });

  it("without a header, columns moves the fields it names; the others keep their header-less places", () => {
    // quote_tick_data.csv's layout with sizes after the ask: naming the sizes is enough.
    const sized = parseQuotesCsv("20200101 170000065,1.1212,1.12172,3,5\n", {
      columns: { bidSize: 3, askSize: 4 },
      timezone: "UTC",
    });
    expect(sized.series.quote(0)).toEqual({
      kind: "quote",
      instrumentId: "<text>",
      ts: Date.parse("2020-01-01T17:00:00.065Z"),
      bid: 1.1212,
      ask: 1.12172,
      bidSize: 3,
      askSize: 5,
    });
    expect(sized.series.hasSizes).toBe(true);
    // A bar file with an extra column after the date: the named fields move, the time stays in column 1.
    const shifted = parseBarsCsv("2024-01-02,x,1,2,0.5,1.5,7\n", {
      columns: { open: 2, high: 3, low: 4, close: 5, volume: 6 },
    });
    expect([shifted.series.open[0], shifted.series.close[0], shifted.series.volume[0]]).toEqual([1, 1.5, 7]);
    expect(shifted.report.notes).toContain("no header: column 2 ignored");
  });

  it("says that one quote size is ignored without the other, naming its column", () => {
    const { series, report } = parseQuotesCsv("20200101 170000065,1.1212,1.12172,0\n", {
      columns: { bidSize: 3 },
      timezone: "UTC",
    });
    expect([series.bid[0], series.ask[0], series.bidSize[0]]).toEqual([1.1212, 1.12172, Number.NaN]);
    expect(series.hasSizes).toBe(false);
    expect(report.notes).toEqual([
      "bidSize (column 4) is ignored: quote sizes need both bidSize and askSize, and there is no askSize column; sizes are NaN (unknown)",
    ]);
  });

  it("without a header, names every field columns leaves without a column, with the mapping to pass", () => {
    expect(() => parseQuotesCsv("20200101 170000065,1.1212,1.12172,0\n", { columns: { ask: 1 } })).toThrow(
      "<text>:1: the file has no header, and columns leaves bid without a column (a field columns does not name keeps its place in the order ts, bid, ask, bidSize, askSize, unless a named field took it); pass columns: { ts: 0, ask: 1, bid: <0-based index> }",
    );
    expect(() => parseQuotesCsv("20200101 170000065,1.1212,1.12172,0\n", { columns: { bid: 7 } })).toThrow(
      "<text>:1: columns.bid is index 7, but the rows have 4 fields (indexes 0..3)",
    );
  });

  it("maps columns given by the user over header detection", () => {
    const { series } = parseBarsCsv("when,o,h,l,last\n2024-01-02,1,2,0.5,1.5\n", {
      columns: { ts: "when", close: "last" },
    });
    expect(series.close[0]).toBe(1.5);
  });

  it("maps Chinese header names given in columns to their own columns, not to column 0", () => {
    const { series, report } = parseBarsCsv("开盘,最高,最低,收盘,日期\n10,12,9,11,2024-01-02\n", {
      header: true,
      columns: { ts: 4, open: "开盘", high: "最高", low: "最低", close: "收盘" },
    });
    expect([series.open[0], series.high[0], series.low[0], series.close[0]]).toEqual([10, 12, 9, 11]);
    expect(report.columns).toEqual({ ts: "日期", open: "开盘", high: "最高", low: "最低", close: "收盘" });
  });

  it("detects a header that starts with a non-Latin letter (Cyrillic) without header: true", () => {
    const { series, report } = parseBarsCsv(
      "Дата,Открытие,Максимум,Минимум,Закрытие\n2024-01-02,10,12,9,11\n",
      { columns: { ts: "Дата", open: "Открытие", high: "Максимум", low: "Минимум", close: "Закрытие" } },
    );
    expect(series.length).toBe(1);
    expect(series.ts[0]).toBe(Date.parse("2024-01-02T00:00:00Z"));
    expect([series.open[0], series.high[0], series.low[0], series.close[0]]).toEqual([10, 12, 9, 11]);
    expect(report.format).toBe("generic");
  });

  it("rounds the adjusted close like open, high and low, so high stays >= close", () => {
    // Adj Close / Close = 0.3333: high 10 -> 3.333 -> 3.33, and the close must not stay at 3.333 above it.
    const { series } = parseBarsCsv(
      "Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,10,10,9,10,3.333,100\n",
      {
        adjust: true,
        adjustDecimals: 2,
      },
    );
    expect(series.bar(0)).toEqual({
      kind: "bar",
      instrumentId: "<text>",
      ts: Date.parse("2024-01-02T00:00:00Z"),
      open: 3.33,
      high: 3.33,
      low: 3,
      close: 3.33,
      volume: 300,
    });
  });

  it("reads quoted fields, a BOM and Windows line ends", () => {
    const { series } = parseBarsCsv(
      '\uFEFF"Date","Open","High","Low","Close"\r\n"2024-01-02","1","2","0.5","1.5"\r\n',
    );
    expect(series.close[0]).toBe(1.5);
  });

  it("reads quoted fields after a space and header names with spaces inside their quotes", () => {
    // Quotes after ", " stayed in the names ("\"Open\"") and the values (""1"" is not a number).
    const spaced = parseBarsCsv(
      '"Date", "Open", "High", "Low", "Close", "Volume"\n"2024-01-02", "1", "2", "0.5", "1.5", "10"\n',
    );
    expect(spaced.report.columns).toMatchObject({ ts: "Date", open: "Open", volume: "Volume" });
    expect(Array.from(spaced.series.close)).toEqual([1.5]);
    // A header whose first name is quoted with a space (" Date ") was read as a data row.
    const padded = parseBarsCsv('" Date ","Open ","High","Low","Close"\n2024-01-02,1,2,0.5,1.5\n');
    expect(padded.report.columns).toMatchObject({ ts: "Date", open: "Open" });
    expect(Array.from(padded.series.open)).toEqual([1]);
  });

  it("ignores the empty field a trailing delimiter adds, on the rows or the header too, and nothing else", () => {
    // Was: every row "has 6 fields, expected 5" (FIELD_COUNT), nothing loaded.
    const trailing = parseBarsCsv(
      "Date,Open,High,Low,Close,Volume\n2024-01-02,1,2,0.5,1.5,10,\n2024-01-03,1,2,0.5,1.6,11\n",
    );
    expect(Array.from(trailing.series.close)).toEqual([1.5, 1.6]);
    expect(trailing.report.notes).toEqual(["rows end with a delimiter: the empty field after it is ignored"]);
    const both = parseBarsCsv("Date,Open,High,Low,Close,Volume,\n2024-01-02,1,2,0.5,1.5,10,\n");
    expect(Array.from(both.series.volume)).toEqual([10]);
    // An extra field with a value is still a problem: it may be a column the header lost.
    expect(() =>
      parseBarsCsv("Date,Open,High,Low,Close,Volume\n2024-01-02,1,2,0.5,1.5,10,7\n", { source: "x.csv" }),
    ).toThrow("x.csv:2: has 7 fields, expected 6");
  });

  it("parses prices exactly as Number() does (the shortest text round-trips)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 99_999_999 }),
        fc.integer({ min: 0, max: 6 }),
        (units, decimals) => {
          const text = (units / 10 ** decimals).toFixed(decimals);
          const { series } = parseBarsCsv(
            `ts,open,high,low,close\n2024-01-02,${text},${text},${text},${text}\n`,
          );
          expect(series.close[0]).toBe(Number(text));
          expect(String(series.close[0])).toBe(String(Number(text)));
        },
      ),
    );
  });
});

describe("European exports with decimal commas", () => {
  const euro = "Datum;Eröffnung;Hoch;Tief;Schluss;Volumen\n02.01.2024;101,5;102,25;100,75;101,0;1200\n";
  const columns = {
    ts: "Datum",
    open: "Eröffnung",
    high: "Hoch",
    low: "Tief",
    close: "Schluss",
    volume: "Volumen",
  };

  it('reads "101,5" as 101.5 with decimal: ","', () => {
    const { series } = parseBarsCsv(euro, { decimal: ",", columns });
    expect(series.bar(0)).toEqual({
      kind: "bar",
      instrumentId: "<text>",
      ts: Date.parse("2024-01-02T00:00:00Z"),
      open: 101.5,
      high: 102.25,
      low: 100.75,
      close: 101,
      volume: 1200,
    });
  });

  it("says which option reads decimal commas when it is not given", () => {
    expect(() =>
      parseBarsCsv("Date;Open;High;Low;Close\n2024-01-02;101,5;102;100;101\n", { source: "dax.csv" }),
    ).toThrow(
      'dax.csv:2: Open: "101,5" is not a number; if the file writes decimal commas (101,5), pass decimal: ","',
    );
  });

  it("reads quoted decimal commas in a comma-separated file, and a header-less semicolon file", () => {
    const quoted = parseBarsCsv('Date,Open,High,Low,Close\n2024-01-02,"101,5","102,25","100,75","101,0"\n', {
      decimal: ",",
    });
    expect(Array.from(quoted.series.high)).toEqual([102.25]);
    // As many commas as semicolons in the first row: with decimal commas the semicolon separates.
    const headerless = parseBarsCsv("2024-01-02;101,5;102,25;100,75;101,0\n", { decimal: "," });
    expect(Array.from(headerless.series.low)).toEqual([100.75]);
  });

  it("refuses a point in a decimal-comma file instead of reading 1.200 as one point two", () => {
    expect(() =>
      parseBarsCsv("Date;Open;High;Low;Close;Volume\n2024-01-02;101,5;102;100;101;1.200\n", {
        source: "dax.csv",
        decimal: ",",
      }),
    ).toThrow(
      'dax.csv:2: Volume: "1.200" is not a number; with decimal: "," a point is not a decimal point (in such files "1.200" is 1200); if this file writes decimal points, leave decimal out',
    );
    expect(() =>
      parseBarsCsv("Date;Open;High;Low;Close\n2024-01-02;1.101,5;1.102;1.100;1.101\n", {
        source: "dax.csv",
        decimal: ",",
      }),
    ).toThrow(
      'dax.csv:2: Open: "1.101,5" is not a number; with decimal: "," points are not read (thousands separators are not supported)',
    );
  });

  it("parses decimal commas exactly as Number() parses the same digits with a point", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -99_999_999, max: 99_999_999 }),
        fc.integer({ min: 0, max: 6 }),
        (units, decimals) => {
          const text = (units / 10 ** decimals).toFixed(decimals);
          const { series } = parseQuotesCsv(
            `ts;bid;ask\n2024-01-02T00:00:00Z;${text.replace(".", ",")};${text.replace(".", ",")}\n`,
            // Negative numbers too: quotes below zero need allowNegativePrices.
            { decimal: ",", allowNegativePrices: true },
          );
          expect(series.bid[0]).toBe(Number(text));
        },
      ),
    );
  });
});

describe("reading quotes and trades", () => {
  it("reads bid/ask sizes when the file has them", () => {
    const { series } = parseQuotesCsv("ts,bid,ask,bid_size,ask_size\n2024-01-02T00:00:00Z,1.1,1.2,5,6\n");
    expect(series.quote(0)).toEqual({
      kind: "quote",
      instrumentId: "<text>",
      ts: Date.parse("2024-01-02T00:00:00Z"),
      bid: 1.1,
      ask: 1.2,
      bidSize: 5,
      askSize: 6,
    });
    expect(series.hasSizes).toBe(true);
  });

  it("reads trade sides and ids", () => {
    const { series } = parseTradesCsv("time,price,qty,side,trade_id\n2024-01-02T00:00:00Z,10,3,sell,T-1\n", {
      instrumentId: "BTCUSDT",
    });
    expect(series.trade(0)).toEqual({
      kind: "trade",
      instrumentId: "BTCUSDT",
      ts: Date.parse("2024-01-02T00:00:00Z"),
      price: 10,
      size: 3,
      aggressor: "SELLER",
      tradeId: "T-1",
    });
  });

  it("refuses crossed quotes unless asked to keep them", () => {
    const csv = "ts,bid,ask\n2024-01-02T00:00:00Z,1.3,1.2\n";
    expect(() => parseQuotesCsv(csv, { source: "q.csv" })).toThrow(
      "q.csv:2: bid: 1.3 is above the ask 1.2 (a crossed quote; pass allowCrossedQuotes: true to keep such rows)",
    );
    expect(parseQuotesCsv(csv, { allowCrossedQuotes: true }).series.length).toBe(1);
  });
});

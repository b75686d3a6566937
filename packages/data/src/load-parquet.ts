import {
  type AsyncBuffer,
  asyncBufferFromFile,
  parquetMetadataAsync,
  parquetRead,
  parquetSchema,
  type SchemaElement,
  type TimeUnit,
} from "hyparquet";
import type { BarSeries } from "./bar-series.js";
import { DAY_MS, isoDateOfDays } from "./civil.js";
import {
  HEADER_ALIASES,
  mapHeader,
  otherKindHint,
  type SeriesKind,
  type SourceField,
} from "./column-mapping.js";
import { ProblemLog } from "./data-problems.js";
import {
  instrumentIdFromPath,
  type LoadOptions,
  refuseCsvOnlyOptions,
  resolveLoadOptions,
} from "./load-options.js";
import { buildReport, type Loaded } from "./loaded.js";
import { decimalSeparatorHint, parseDecimalText, textOf } from "./number-parse.js";
import type { QuoteSeries } from "./quote-series.js";
import { BarCollector, type CollectorSettings, QuoteCollector, TradeCollector } from "./series-collector.js";
import { TimestampParser } from "./timestamp-parser.js";
import { aggressorCode, type TradeSeries } from "./trade-series.js";

/** Parquet timestamps arrive as bigint counts; keep them as plain epoch-ms Dates (sub-ms truncated). */
const PARSERS = {
  timestampFromMilliseconds: (v: bigint) => new Date(Number(v)),
  timestampFromMicroseconds: (v: bigint) => new Date(Number(v / 1000n)),
  timestampFromNanoseconds: (v: bigint) => new Date(Number(v / 1_000_000n)),
  dateFromDays: (days: number) => new Date(days * DAY_MS),
};

type Cell = unknown;

/** Parquet's TIME columns (time of day): the unit their values count, or undefined for other columns. */
function timeOfDayUnit(element: SchemaElement): TimeUnit | undefined {
  if (element.converted_type === "TIME_MILLIS") return "MILLIS";
  if (element.converted_type === "TIME_MICROS") return "MICROS";
  return element.logical_type?.type === "TIME" ? element.logical_type.unit : undefined;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** `HH:MM:SS.mmm` for a TIME value (sub-millisecond digits truncated), the text a CSV time column holds. */
function timeOfDayText(v: number | bigint, unit: TimeUnit): string {
  const divisor = unit === "MILLIS" ? 1n : unit === "MICROS" ? 1000n : 1_000_000n;
  const ms = Number(BigInt(v) / divisor);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const sec = Math.floor((ms % 60_000) / 1000);
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(sec, 2)}.${pad(ms % 1000, 3)}`;
}

/**
 * The first line of a file that is text rather than Parquet (a CSV named `.parquet`), up to 40 characters,
 * or null when its first bytes are not printable text: "footer != PAR1" alone does not say what the file
 * is instead.
 */
async function textStart(buffer: AsyncBuffer): Promise<string | null> {
  const head = new Uint8Array(await buffer.slice(0, Math.min(buffer.byteLength, 64)));
  let end = head.indexOf(10);
  if (end < 0) end = head.length;
  if (end === 0) return null;
  let start = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) start = 3;
  for (let i = start; i < end; i++) {
    const c = head[i]!;
    if ((c < 32 && c !== 9 && c !== 13) || c === 127) return null;
  }
  const line = textOf(head, start, end).replace(/\r$/, "");
  return line.length > 40 ? `${line.slice(0, 40)}...` : line;
}

async function loadParquet<S extends BarSeries | QuoteSeries | TradeSeries>(
  kind: SeriesKind,
  file: string,
  options: LoadOptions | undefined,
): Promise<Loaded<S>> {
  const o = resolveLoadOptions(options);
  refuseCsvOnlyOptions(options);
  const problems: ProblemLog = new ProblemLog(file, o.maxProblems, "row ");
  const buffer: AsyncBuffer = await asyncBufferFromFile(file);
  let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>;
  try {
    metadata = await parquetMetadataAsync(buffer);
  } catch (cause) {
    const text = await textStart(buffer);
    const reason =
      text === null
        ? `is not a readable Parquet file (${(cause as Error).message})`
        : `is text, not Parquet (it starts with ${JSON.stringify(text)}): a CSV file? load it with loadBarsCsv, loadQuotesCsv or loadTradesCsv (in an ordo backtest config, name it .csv or set "dataFormat": "csv")`;
    problems.fatal(0, "", reason, "BAD_PARQUET");
  }
  // As in CSV, a file without rows is refused rather than returned as an empty series.
  if (Number(metadata.num_rows) === 0) problems.fatal(0, "", "has no rows", "EMPTY_FILE");
  const schema = parquetSchema(metadata);
  const names = schema.children.map((c) => c.element.name);
  const mapped = mapHeader(kind, names, o.columns ?? {});
  if ("missing" in mapped) {
    const field = mapped.missing;
    problems.fatal(
      0,
      "",
      `no column for ${field === "ts" ? "the time" : `"${field}"`} (columns: ${names.join(", ")}); name it one of ${HEADER_ALIASES[field].slice(0, 5).join(", ")} or pass columns: { ${field}: "<name>" }${o.columns === undefined ? otherKindHint(kind, names) : ""}`,
      "MISSING_COLUMN",
    );
  }
  const index = mapped.index;
  const wanted = [...new Set(Object.values(index))].map((i) => names[i]!);
  const rowCount = Number(metadata.num_rows);
  const data = new Map<string, Cell[]>();
  for (const name of wanted) data.set(name, new Array<Cell>(rowCount));
  // Pages are decoded only here: an unsupported codec or a corrupt page throws hyparquet's bare Error,
  // which must become this file's BAD_PARQUET problem like an unreadable footer.
  try {
    await parquetRead({
      file: buffer,
      metadata,
      columns: wanted,
      parsers: PARSERS,
      onChunk: (chunk) => {
        const target = data.get(chunk.columnName);
        if (target === undefined) return;
        const values = chunk.columnData;
        for (let i = 0; i < values.length && chunk.rowStart + i < rowCount; i++)
          target[chunk.rowStart + i] = values[i];
      },
    });
  } catch (cause) {
    const reason = (cause as Error).message;
    const hint = /codec/i.test(reason) ? "; rewrite it uncompressed or with Snappy" : "";
    problems.fatal(0, "", `cannot be read (${reason})${hint}`, "BAD_PARQUET");
  }
  const column = (field: SourceField): Cell[] | undefined => {
    const i = index[field];
    return i === undefined ? undefined : data.get(names[i]!);
  };
  const nameOf = (field: SourceField) => mapped.names[field] ?? field;
  const elements = new Map(schema.children.map((c) => [c.element.name, c.element]));
  const dateColumns = new Set(
    schema.children
      .filter((c) => c.element.converted_type === "DATE" || c.element.logical_type?.type === "DATE")
      .map((c) => c.element.name),
  );
  const tsElement = mapped.splitTime ? undefined : elements.get(nameOf("ts"));
  const tsIsDate = dateColumns.has(nameOf("ts")) && !mapped.splitTime;
  const tsIsWallTime =
    tsElement?.logical_type?.type === "TIMESTAMP" && !tsElement.logical_type.isAdjustedToUTC;
  const timeUnit = (field: SourceField): TimeUnit | undefined => {
    const element = elements.get(nameOf(field));
    return element === undefined ? undefined : timeOfDayUnit(element);
  };
  const dateText = (v: Cell): string =>
    v instanceof Date ? isoDateOfDays(Math.floor(v.getTime() / DAY_MS)) : String(v ?? "");
  const timeUnitOfTime = mapped.splitTime ? timeUnit("time") : undefined;
  const timeText = (v: Cell): string =>
    timeUnitOfTime !== undefined && (typeof v === "number" || typeof v === "bigint")
      ? timeOfDayText(v, timeUnitOfTime)
      : String(v ?? "");
  const tsParser = new TimestampParser({
    timezone: o.timezone,
    dayFirst: o.dayFirst,
    epochUnit: o.epochUnit,
    calendar: o.calendar,
    noteUtcWallTimes: options?.timezone === undefined,
  });
  let bad = false;
  let row = 0;
  const tsName = mapped.splitTime ? `${nameOf("date")}+${nameOf("time")}` : nameOf("ts");
  const readTs = (): number => {
    let ts = Number.NaN;
    if (mapped.splitTime) {
      // A DATE column arrives as a Date and a TIME column as a count: both become the text a CSV date and
      // time column would hold, so the two layouts are read by the same rules (timezone, formats).
      const d = Buffer.from(dateText(column("date")![row]), "utf8");
      const t = Buffer.from(timeText(column("time")![row]), "utf8");
      const b = Buffer.concat([d, Buffer.from(","), t]);
      ts = tsParser.parseSplit(b, 0, d.length, d.length + 1, b.length);
    } else {
      const v = column("ts")![row];
      if (v instanceof Date) {
        // hyparquet gives DATE and wall-time TIMESTAMP values as if they were UTC; they are wall times in
        // `timezone` (midnight or the calendar's session close for a date), as the same text in a CSV.
        const ms = v.getTime();
        const days = Math.floor(ms / DAY_MS);
        if (tsIsDate) ts = tsParser.fromWallTime(days, undefined);
        else if (tsIsWallTime) ts = tsParser.fromWallTime(days, ms - days * DAY_MS);
        else ts = tsParser.covered(ms);
      } else if (v === null || v === undefined) tsParser.problem = "is empty";
      else {
        const b = Buffer.from(String(v), "latin1");
        ts = tsParser.parse(b, 0, b.length);
      }
    }
    if (Number.isNaN(ts)) {
      problems.add(row + 1, tsName, tsParser.problem, "BAD_TIMESTAMP");
      bad = true;
    }
    return ts;
  };
  const num = (field: SourceField, fallback: number): number => {
    const col = column(field);
    if (col === undefined) return fallback;
    const v = col[row];
    const n =
      typeof v === "number"
        ? v
        : typeof v === "bigint"
          ? Number(v)
          : typeof v === "string"
            ? parseDecimalText(v, o.decimal)
            : Number.NaN;
    if (Number.isFinite(n)) return n;
    if (v === null || v === undefined || (typeof v === "string" && v.trim() === ""))
      problems.add(row + 1, nameOf(field), "is empty", "MISSING_VALUE");
    else {
      const text = String(v);
      problems.add(
        row + 1,
        nameOf(field),
        `${JSON.stringify(text)} is not a number${decimalSeparatorHint(text.trim(), o.decimal)}`,
        "NOT_A_NUMBER",
      );
    }
    bad = true;
    return n;
  };
  const settings: CollectorSettings = {
    problems,
    tsColumn: tsName,
    repair: o.repair,
    capacity: rowCount + 1,
    maxReported: o.maxReported,
    rowWord: "row",
    allowNegativePrices: o.allowNegativePrices,
    orderHint: (ts, line) => tsParser.repeatedHourHint(ts, line, "row"),
  };
  const notes: string[] = [];
  let series: BarSeries | QuoteSeries | TradeSeries;
  let findings: ReturnType<BarCollector["findings"]>;
  if (kind === "bar") {
    if (o.adjust && index.adjClose === undefined)
      problems.fatal(0, "", 'adjust: true needs an "Adj Close" column', "MISSING_COLUMN");
    if (index.volume === undefined) notes.push("no volume column: volume is 0");
    const c = new BarCollector(
      settings,
      {
        open: nameOf("open"),
        high: nameOf("high"),
        low: nameOf("low"),
        close: nameOf("close"),
        volume: nameOf("volume"),
      },
      o.adjust ? o.adjustDecimals : null,
    );
    for (row = 0; row < rowCount; row++) {
      bad = false;
      const ts = readTs();
      const open = num("open", 0);
      const high = num("high", 0);
      const low = num("low", 0);
      const close = num("close", 0);
      const volume = num("volume", 0);
      const adj = o.adjust ? num("adjClose", 0) : Number.NaN;
      if (!bad) c.add(row + 1, ts, open, high, low, close, volume, adj);
    }
    problems.throwIfAny();
    series = c.finish(o.instrumentId ?? instrumentIdFromPath(file));
    findings = c.findings();
  } else if (kind === "quote") {
    const hasSizes = index.bidSize !== undefined && index.askSize !== undefined;
    if (!hasSizes) notes.push("no bid/ask size columns: sizes are NaN (unknown)");
    const c = new QuoteCollector(
      settings,
      { bid: nameOf("bid"), ask: nameOf("ask"), bidSize: nameOf("bidSize"), askSize: nameOf("askSize") },
      o.allowCrossedQuotes,
    );
    for (row = 0; row < rowCount; row++) {
      bad = false;
      const ts = readTs();
      const bid = num("bid", 0);
      const ask = num("ask", 0);
      const bidSize = hasSizes ? num("bidSize", 0) : Number.NaN;
      const askSize = hasSizes ? num("askSize", 0) : Number.NaN;
      if (!bad) c.add(row + 1, ts, bid, ask, bidSize, askSize);
    }
    problems.throwIfAny();
    series = c.finish(o.instrumentId ?? instrumentIdFromPath(file), hasSizes);
    findings = c.findings();
  } else {
    if (index.size === undefined) notes.push("no size column: sizes are NaN (unknown)");
    const ids = column("tradeId");
    const sides = column("aggressor");
    /** The aggressor code of this row's side (buy/sell words or 1/-1/0, as in CSV); 0 without a column. */
    const aggressor = (): number => {
      const v = sides?.[row];
      if (v === undefined || v === null) return 0;
      const text = String(v);
      const code = aggressorCode(text);
      if (code !== undefined) return code;
      problems.add(row + 1, nameOf("aggressor"), `"${text.trim()}" is not buy or sell`, "BAD_AGGRESSOR");
      bad = true;
      return 0;
    };
    const c = new TradeCollector(settings, nameOf("size"), ids !== undefined, nameOf("price"));
    for (row = 0; row < rowCount; row++) {
      bad = false;
      const ts = readTs();
      const price = num("price", 0);
      const size = num("size", Number.NaN);
      const side = aggressor();
      if (!bad) c.add(row + 1, ts, price, size, side, ids === undefined ? undefined : String(ids[row] ?? ""));
    }
    problems.throwIfAny();
    series = c.finish(o.instrumentId ?? instrumentIdFromPath(file));
    findings = c.findings();
  }
  problems.throwIfAny();
  const repeatedNote = tsParser.repeatedNote();
  if (repeatedNote !== undefined) notes.push(repeatedNote);
  const utcNote = tsParser.utcNote();
  if (utcNote !== undefined) notes.push(utcNote);
  const columns: Record<string, string> = {};
  for (const [field, name] of Object.entries(mapped.names)) columns[field] = name;
  const report = buildReport({
    source: file,
    format: "parquet",
    timeFormat: tsParser.describe() === "unknown" ? "parquet" : tsParser.describe(),
    columns,
    notes,
    series,
    findings,
    calendar: o.calendar,
    maxReported: o.maxReported,
  });
  return { series: series as S, report };
}

/**
 * Loads bars from a Parquet file (via hyparquet, pure JS; uncompressed and Snappy pages). Columns are
 * found by the same names as in CSV; timestamps may be Parquet TIMESTAMP/DATE columns, epoch numbers or
 * text. Every row is checked as in CSV; problems name `file:row N: column`.
 */
export function loadBarsParquet(file: string, options?: LoadOptions): Promise<Loaded<BarSeries>> {
  return loadParquet<BarSeries>("bar", file, options);
}

export function loadQuotesParquet(file: string, options?: LoadOptions): Promise<Loaded<QuoteSeries>> {
  return loadParquet<QuoteSeries>("quote", file, options);
}

export function loadTradesParquet(file: string, options?: LoadOptions): Promise<Loaded<TradeSeries>> {
  return loadParquet<TradeSeries>("trade", file, options);
}

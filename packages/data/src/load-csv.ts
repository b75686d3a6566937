import type { BarSeries } from "./bar-series.js";
import type { SeriesKind } from "./column-mapping.js";
import { CsvTableReader } from "./csv-table-reader.js";
import { ProblemLog } from "./data-problems.js";
import { forEachLineOfBuffer, forEachLineOfFile } from "./line-source.js";
import {
  instrumentIdFromPath,
  type LoadOptions,
  type ResolvedLoadOptions,
  resolveLoadOptions,
} from "./load-options.js";
import { buildReport, type Loaded } from "./loaded.js";
import type { QuoteSeries } from "./quote-series.js";
import type { TradeSeries } from "./trade-series.js";

/** Options of the parse functions (text already in memory): `source` names it in messages and reports. */
export type ParseOptions = LoadOptions & { readonly source?: string };

function finish<S extends BarSeries | QuoteSeries | TradeSeries>(
  reader: CsvTableReader,
  problems: ProblemLog,
  source: string,
  options: ResolvedLoadOptions,
): Loaded<S> {
  reader.finishReading();
  problems.throwIfAny();
  const instrumentId = options.instrumentId ?? instrumentIdFromPath(source);
  const collector = reader.barCollector ?? reader.quoteCollector ?? reader.tradeCollector;
  let series: BarSeries | QuoteSeries | TradeSeries;
  if (reader.barCollector !== null) series = reader.barCollector.finish(instrumentId);
  else if (reader.quoteCollector !== null)
    series = reader.quoteCollector.finish(instrumentId, reader.quoteSizes);
  else series = reader.tradeCollector!.finish(instrumentId);
  // Sorting can reveal repeated bar times only at the end: those are problems too.
  problems.throwIfAny();
  const report = buildReport({
    source,
    format: reader.layout.format,
    timeFormat: reader.timeFormat,
    columns: reader.layout.columns,
    notes: reader.layout.notes,
    series,
    findings: collector!.findings(),
    calendar: options.calendar,
    maxReported: options.maxReported,
  });
  return { series: series as S, report };
}

async function loadCsv<S extends BarSeries | QuoteSeries | TradeSeries>(
  kind: SeriesKind,
  file: string,
  options: LoadOptions | undefined,
): Promise<Loaded<S>> {
  const resolved = resolveLoadOptions(options);
  const problems = new ProblemLog(file, resolved.maxProblems);
  const reader = new CsvTableReader(kind, resolved, problems, options?.timezone !== undefined);
  await forEachLineOfFile(file, reader.onLine, (bytes) => reader.setSizeHint(bytes));
  return finish<S>(reader, problems, file, resolved);
}

function parseCsv<S extends BarSeries | QuoteSeries | TradeSeries>(
  kind: SeriesKind,
  text: string,
  options: ParseOptions | undefined,
): Loaded<S> {
  const { source = "<text>", ...rest } = options ?? {};
  const resolved = resolveLoadOptions(rest);
  const problems = new ProblemLog(source, resolved.maxProblems);
  const reader = new CsvTableReader(kind, resolved, problems, rest.timezone !== undefined);
  const buf = Buffer.from(text, "utf8");
  reader.setSizeHint(buf.length);
  forEachLineOfBuffer(buf, reader.onLine);
  return finish<S>(reader, problems, source, resolved);
}

/**
 * Loads OHLCV bars from a CSV file, streaming it in 1 MiB chunks. Reads generic headers (any case, one
 * date-time column or Date + Time), Yahoo exports (`Adj Close`; `adjust: true` to apply it) and
 * backtrader files (including the unnamed Time column). Every row is checked; any problem throws one
 * DataFileError listing `file:line: column: reason`, and nothing is returned.
 */
export function loadBarsCsv(file: string, options?: LoadOptions): Promise<Loaded<BarSeries>> {
  return loadCsv<BarSeries>("bar", file, options);
}

/** Loads top-of-book quotes (time, bid, ask, optional sizes) from a CSV file. */
export function loadQuotesCsv(file: string, options?: LoadOptions): Promise<Loaded<QuoteSeries>> {
  return loadCsv<QuoteSeries>("quote", file, options);
}

/** Loads trade prints (time, price, optional size, side and trade id) from a CSV file. */
export function loadTradesCsv(file: string, options?: LoadOptions): Promise<Loaded<TradeSeries>> {
  return loadCsv<TradeSeries>("trade", file, options);
}

/** `loadBarsCsv` for CSV text already in memory. */
export function parseBarsCsv(text: string, options?: ParseOptions): Loaded<BarSeries> {
  return parseCsv<BarSeries>("bar", text, options);
}

export function parseQuotesCsv(text: string, options?: ParseOptions): Loaded<QuoteSeries> {
  return parseCsv<QuoteSeries>("quote", text, options);
}

export function parseTradesCsv(text: string, options?: ParseOptions): Loaded<TradeSeries> {
  return parseCsv<TradeSeries>("trade", text, options);
}

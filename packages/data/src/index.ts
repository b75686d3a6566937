/**
 * @ordo/data: market data in and out of Ordo. CSV and Parquet loading of bars, quotes and trades with
 * per-row validation, columnar series, merged multi-instrument replay with look-ahead-free history,
 * trading calendars, resampling and seeded sample data. This file is the whole public surface.
 */
export { BAR_FIELDS, type BarColumns, type BarField, BarSeries } from "./bar-series.js";
export { AlwaysOpenCalendar } from "./calendars/always-open.js";
export { ALWAYS_OPEN, calendarById, XNYS } from "./calendars/calendar-registry.js";
export {
  DailySessionCalendar,
  type TradingCalendar,
  type TradingSession,
} from "./calendars/trading-calendar.js";
export {
  type EarlyClose,
  easterSunday,
  type MarketHoliday,
  XNYS_FIRST_YEAR,
  XnysCalendar,
  xnysEarlyCloses,
  xnysHolidays,
} from "./calendars/xnys.js";
export { HEADER_ALIASES, type SeriesKind, type SourceField } from "./column-mapping.js";
export { DataFileError, type DataProblem, formatProblem } from "./data-problems.js";
export {
  type BarLabel,
  type DataReport,
  type DuplicateTimestamp,
  findGaps,
  type Gap,
  inferIntervalMs,
} from "./data-report.js";
export { type GenerateBarsOptions, GenerateBarsOptionsSchema, generateBars } from "./generate-bars.js";
export {
  loadBarsCsv,
  loadQuotesCsv,
  loadTradesCsv,
  type ParseOptions,
  parseBarsCsv,
  parseQuotesCsv,
  parseTradesCsv,
} from "./load-csv.js";
export { csvOnlyOptionsGiven, type LoadOptions, LoadOptionsSchema } from "./load-options.js";
export { loadBarsParquet, loadQuotesParquet, loadTradesParquet } from "./load-parquet.js";
export type { Loaded } from "./loaded.js";
export { findOffSession, type OffSessionRows, type OffSessionStretch } from "./off-session.js";
export { Xoshiro128 } from "./prng.js";
export { QUOTE_FIELDS, type QuoteColumns, type QuoteField, QuoteSeries } from "./quote-series.js";
export {
  type MarketEvent,
  type MarketSeries,
  Replay,
  ReplayCursor,
  type ReplayOptions,
  type SeriesField,
} from "./replay.js";
export { type ResampleOptions, resampleBars } from "./resample.js";
export type { RepairOptions } from "./series-collector.js";
export { wallTimeToUtc, zoneOffsetMs } from "./time-zone.js";
export {
  AGGRESSOR_CODE,
  TRADE_FIELDS,
  type TradeColumns,
  type TradeField,
  TradeSeries,
} from "./trade-series.js";
export { formatBarsCsv, writeBarsCsv } from "./write-csv.js";

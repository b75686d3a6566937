import type { BarSeries } from "./bar-series.js";
import type { TradingCalendar } from "./calendars/trading-calendar.js";
import { type DataReport, findGaps, inferIntervalMs } from "./data-report.js";
import type { QuoteSeries } from "./quote-series.js";
import type { OrderFindings } from "./series-collector.js";
import type { TradeSeries } from "./trade-series.js";

/** A loaded series with what loading found. */
export interface Loaded<S extends BarSeries | QuoteSeries | TradeSeries> {
  readonly series: S;
  readonly report: DataReport;
}

/** Assembles the report of a finished load. Gaps are looked for in bars only (ticks are irregular). */
export function buildReport(args: {
  source: string;
  format: string;
  timeFormat: string;
  columns: Record<string, string>;
  notes: readonly string[];
  series: BarSeries | QuoteSeries | TradeSeries;
  findings: OrderFindings;
  calendar: TradingCalendar | undefined;
  maxReported: number;
}): DataReport {
  const { series } = args;
  const n = series.length;
  const intervalMs = inferIntervalMs(series.ts, n);
  const gaps =
    series.kind === "bar" && intervalMs !== null
      ? findGaps(series.ts, n, intervalMs, { calendar: args.calendar, maxItems: args.maxReported })
      : { count: 0, items: [] };
  return {
    source: args.source,
    format: args.format,
    timeFormat: args.timeFormat,
    columns: args.columns,
    rows: n,
    first: n > 0 ? series.ts[0]! : null,
    last: n > 0 ? series.ts[n - 1]! : null,
    intervalMs,
    duplicates: args.findings.duplicates,
    gaps,
    unsorted: args.findings.unsorted,
    notes: args.notes,
  };
}

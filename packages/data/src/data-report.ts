import type { TradingCalendar } from "./calendars/trading-calendar.js";
import { DAY_MS } from "./civil.js";

/** Default number of duplicates/gaps listed in a report (all are counted). */
export const DEFAULT_MAX_REPORTED = 1000;

export interface DuplicateTimestamp {
  readonly ts: number;
  /** Line (CSV) or row (Parquet, 1-based) of the repeated row. */
  readonly line: number;
  /** Line of the earlier row with the same time. */
  readonly firstLine: number;
}

export interface Gap {
  /** Time of the row before the gap. */
  readonly from: number;
  /** Time of the row after the gap. */
  readonly to: number;
  /** Rows expected in between (bars at the inferred interval, or sessions with a calendar). */
  readonly missing: number;
}

/** What loading found beyond hard errors: how the file was read, duplicates, gaps and repairs. */
export interface DataReport {
  /** File path (or the `source` name given to a parse function). */
  readonly source: string;
  /** "generic", "yahoo", "backtrader", "headerless" or "parquet". */
  readonly format: string;
  /** How times were read: "text", "epoch-ms", ... */
  readonly timeFormat: string;
  /** Which source column feeds each field, e.g. { ts: "Date+Time", close: "Close" }. */
  readonly columns: Readonly<Record<string, string>>;
  /** Rows in the loaded series. */
  readonly rows: number;
  readonly first: number | null;
  readonly last: number | null;
  /** The most common step between consecutive times (null with fewer than 2 rows). */
  readonly intervalMs: number | null;
  /** Rows sharing the previous row's time: kept for ticks, refused for bars unless dropped on request. */
  readonly duplicates: {
    readonly count: number;
    readonly dropped: number;
    readonly items: readonly DuplicateTimestamp[];
  };
  /** Steps longer than the interval (bars only; with a calendar only steps that skip trading time). */
  readonly gaps: { readonly count: number; readonly items: readonly Gap[] };
  /** Rows that were out of time order in the file (moved when `repair.sort` was asked for). */
  readonly unsorted: number;
  /** Adjustments and choices a user should know about, in words. */
  readonly notes: readonly string[];
}

/** The most common positive step between consecutive times (sampled over the first 100,000 steps). */
export function inferIntervalMs(ts: Float64Array, length: number): number | null {
  if (length < 2) return null;
  const counts = new Map<number, number>();
  const end = Math.min(length, 100_001);
  for (let i = 1; i < end; i++) {
    const d = ts[i]! - ts[i - 1]!;
    if (d > 0) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best: number | null = null;
  let bestCount = 0;
  for (const [d, c] of counts) {
    if (c > bestCount || (c === bestCount && best !== null && d < best)) {
      best = d;
      bestCount = c;
    }
  }
  return best;
}

/** Bars expected strictly between `from` and `to` at `interval`, counting only times inside sessions. */
function missingInSessions(calendar: TradingCalendar, from: number, to: number, interval: number): number {
  if (interval >= DAY_MS * 0.8) {
    const fromDate = calendar.dateOf(from);
    const toDate = calendar.dateOf(to);
    let n = 0;
    for (const s of calendar.sessionsBetween(from, to)) if (s.date !== fromDate && s.date !== toDate) n++;
    return n;
  }
  // A bar is expected at t when trading runs through its whole interval, whichever end labels the bar.
  let n = 0;
  for (let t = from + interval; t < to; t += interval) {
    if (calendar.isOpen(t) && calendar.isOpen(t - interval)) n++;
  }
  return n;
}

/**
 * Gaps in ascending times: steps longer than `intervalMs`. With a calendar, a step counts only when it
 * skips bars inside trading sessions (nights, weekends and holidays are not gaps).
 */
export function findGaps(
  ts: Float64Array,
  length: number,
  intervalMs: number,
  options: { calendar?: TradingCalendar | undefined; maxItems?: number } = {},
): { count: number; items: Gap[] } {
  const max = options.maxItems ?? DEFAULT_MAX_REPORTED;
  const items: Gap[] = [];
  let count = 0;
  for (let i = 1; i < length; i++) {
    const from = ts[i - 1]!;
    const to = ts[i]!;
    if (!(to - from > intervalMs)) continue;
    const missing =
      options.calendar === undefined
        ? Math.max(1, Math.round((to - from) / intervalMs) - 1)
        : missingInSessions(options.calendar, from, to, intervalMs);
    if (missing === 0) continue;
    count++;
    if (items.length < max) items.push({ from, to, missing });
  }
  return { count, items };
}

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

/** Which end of its interval a bar's time marks: Ordo's convention is the close. */
export type BarLabel = "close" | "open";

/** Steps of at least this are daily or coarser (DST and early closes move daily closes by hours). */
export const DAILY_MS = DAY_MS * 0.8;

/** A stretch of trading time: one session, or sessions that join (24/7 days) merged into one. */
interface Span {
  readonly open: number;
  readonly close: number;
}

/** Trading spans touching [from, to] (a session closing at `from` or opening at `to` included). */
function spansAround(calendar: TradingCalendar, from: number, to: number): Span[] {
  const spans: { open: number; close: number }[] = [];
  for (const s of calendar.sessionsBetween(from - 1, to + 1)) {
    const last = spans[spans.length - 1];
    if (last !== undefined && last.close === s.open) last.close = s.close;
    else spans.push({ open: s.open, close: s.close });
  }
  return spans;
}

/**
 * Bars expected strictly between `from` and `to` when bars mark the `label` end of their interval: in the
 * span holding both, the steps between them; in the span holding `from`, the bars after it up to the close
 * (a short last one included); in the span holding `to`, those from the open up to it; and every bar of a
 * span in between. Grids follow the bars next to the gap, so bars not aligned to the open are counted too.
 */
function expectedBetween(
  spans: readonly Span[],
  from: number,
  to: number,
  interval: number,
  label: BarLabel,
): number {
  const close = label === "close";
  let n = 0;
  for (const { open: a, close: b } of spans) {
    const fromIn = a <= from && from <= b;
    const toIn = a <= to && to <= b;
    if (fromIn && toIn) n += Math.ceil((to - from) / interval) - 1;
    else if (fromIn) {
      const rest = b - from;
      if (rest > 0) n += Math.ceil(rest / interval) - (close ? 0 : 1);
    } else if (toIn) {
      const before = to - a;
      if (before > 0) n += close ? Math.ceil(before / interval) - 1 : Math.floor(before / interval);
    } else if (from < a && b < to) n += Math.ceil((b - a) / interval);
  }
  return n;
}

/**
 * Which end labels the bars, from bars that sit on a session's edge at a gap: a bar at a close (that no
 * other session continues) is stamped at its close, a bar at an open (that no session leads into) at its
 * open. Undefined when no bar says, or bars say both (bars outside the sessions, as in extended hours).
 */
function inferLabel(
  calendar: TradingCalendar,
  ts: Float64Array,
  length: number,
  interval: number,
): BarLabel | undefined {
  let atClose = false;
  let atOpen = false;
  for (let i = 1; i < length; i++) {
    const from = ts[i - 1]!;
    const to = ts[i]!;
    if (!(to - from > interval)) continue;
    if (!atClose && calendar.sessionFor(from - 1)?.close === from && !calendar.isOpen(from)) atClose = true;
    if (!atOpen && calendar.sessionFor(to)?.open === to && !calendar.isOpen(to - 1)) atOpen = true;
    if (atClose && atOpen) return undefined;
  }
  return atClose ? "close" : atOpen ? "open" : undefined;
}

/** Bars (or sessions, for daily bars) expected strictly between `from` and `to`. */
function missingInSessions(
  calendar: TradingCalendar,
  from: number,
  to: number,
  interval: number,
  label: BarLabel | undefined,
): number {
  if (interval >= DAILY_MS) {
    const fromDate = calendar.dateOf(from);
    const toDate = calendar.dateOf(to);
    let n = 0;
    for (const s of calendar.sessionsBetween(from, to)) if (s.date !== fromDate && s.date !== toDate) n++;
    return n;
  }
  const spans = spansAround(calendar, from, to);
  if (label !== undefined) return expectedBetween(spans, from, to, interval, label);
  // Unknown label: the smaller count of the two readings. For bars of regular hours, stamped either way,
  // that is exact: the wrong reading only ever sees one bar more at an edge.
  return Math.min(
    expectedBetween(spans, from, to, interval, "close"),
    expectedBetween(spans, from, to, interval, "open"),
  );
}

/**
 * Gaps in ascending times: steps longer than `intervalMs`. With a calendar, a step counts only when it
 * skips bars of trading sessions (nights, weekends and holidays are not gaps), including a session's first
 * and last bar and whole sessions. `label` says which end of its interval a bar's time marks; without it,
 * it is read from bars on session edges, and when they do not tell, an edge bar counts only when both
 * readings miss it.
 */
export function findGaps(
  ts: Float64Array,
  length: number,
  intervalMs: number,
  options: { calendar?: TradingCalendar | undefined; maxItems?: number; label?: BarLabel | undefined } = {},
): { count: number; items: Gap[] } {
  const max = options.maxItems ?? DEFAULT_MAX_REPORTED;
  const items: Gap[] = [];
  const calendar = options.calendar;
  const label =
    calendar === undefined || intervalMs >= DAILY_MS
      ? undefined
      : (options.label ?? inferLabel(calendar, ts, length, intervalMs));
  let count = 0;
  for (let i = 1; i < length; i++) {
    const from = ts[i - 1]!;
    const to = ts[i]!;
    if (!(to - from > intervalMs)) continue;
    const missing =
      calendar === undefined
        ? Math.max(1, Math.round((to - from) / intervalMs) - 1)
        : missingInSessions(calendar, from, to, intervalMs, label);
    if (missing === 0) continue;
    count++;
    if (items.length < max) items.push({ from, to, missing });
  }
  return { count, items };
}

import type { TradingCalendar, TradingSession } from "./calendars/trading-calendar.js";

/** Consecutive rows outside every session of a calendar. */
export interface OffSessionStretch {
  /** Time of the stretch's first row. */
  readonly from: number;
  /** Time of its last row (`from` for a single row). */
  readonly to: number;
  readonly rows: number;
}

export interface OffSessionRows {
  /** Rows outside every session. */
  readonly count: number;
  /** Runs of consecutive such rows. */
  readonly stretches: number;
  /** The first `maxItems` stretches, in time order. */
  readonly items: readonly OffSessionStretch[];
}

/**
 * The session that ends at or after `t`: the one holding `t` (its close included), else the next.
 * `t - 1` finds a session that closes exactly at `t`, which `sessionFor` (close exclusive) does not.
 */
function sessionEndingAtOrAfter(calendar: TradingCalendar, t: number): TradingSession {
  return calendar.sessionFor(t) ?? calendar.sessionFor(t - 1) ?? calendar.nextSession(t);
}

/**
 * Rows of ascending times that fall outside every session of `calendar`. A session holds the times from
 * its open to its close, both included: a bar marks the close of its interval (a daily bar its session's
 * close, a minute bar 09:31 .. 16:00 on XNYS) or, stamped at its start, the open (09:30 .. 15:59), and a
 * trade at the close is the closing auction's. The walk goes through the sessions in time order, asking the
 * calendar once per session rather than once per row, so a million minute bars take a few milliseconds.
 */
export function findOffSession(
  ts: Float64Array,
  length: number,
  calendar: TradingCalendar,
  options: { maxItems?: number } = {},
): OffSessionRows {
  const max = options.maxItems ?? Number.POSITIVE_INFINITY;
  const items: OffSessionStretch[] = [];
  let count = 0;
  let stretches = 0;
  let from = Number.NaN;
  let rows = 0;
  const endStretch = (to: number) => {
    if (stretches++ < max) items.push({ from, to, rows });
    rows = 0;
  };
  let session: TradingSession | null = null;
  for (let i = 0; i < length; i++) {
    const t = ts[i]!;
    if (session === null || t > session.close) session = sessionEndingAtOrAfter(calendar, t);
    if (t >= session.open) {
      if (rows > 0) endStretch(ts[i - 1]!);
      continue;
    }
    count++;
    if (rows++ === 0) from = t;
  }
  if (rows > 0) endStretch(ts[length - 1]!);
  return { count, stretches, items };
}

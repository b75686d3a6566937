import { DAY_MS, daysFromCivil, daysOfIsoDate, isoDateOfDays } from "../civil.js";
import { utcToWallTime, wallTimeToUtc } from "../time-zone.js";

/** One trading session: the local date it belongs to and its open and close instants (epoch ms). */
export interface TradingSession {
  /** The session's date in the calendar's time zone, `YYYY-MM-DD`. */
  readonly date: string;
  /** First instant of trading (inclusive). */
  readonly open: number;
  /** End of trading (exclusive): the closing auction's time, e.g. 16:00 New York. */
  readonly close: number;
  /** True when the session closes before its regular time (e.g. 13:00 on Christmas Eve). */
  readonly earlyClose: boolean;
}

/**
 * The first instant a calendar's rules cover: midnight of January 1st of its `firstYear` in its zone, or
 * -Infinity when it has no first year. Anything earlier is refused before the calendar is asked.
 */
export function coverStart(calendar: Pick<TradingCalendar, "firstYear" | "timezone">): number {
  const firstYear = calendar.firstYear;
  return firstYear === undefined
    ? Number.NEGATIVE_INFINITY
    : wallTimeToUtc(daysFromCivil(firstYear, 1, 1) * DAY_MS, calendar.timezone);
}

/**
 * When a venue trades: its regular sessions in its own time zone. DAY orders expire at `sessionClose`,
 * schedules fire relative to `sessionOpen`/`sessionClose`, and session metrics group by `sessionFor`.
 * Every method reads only its arguments (no clock), so backtests and live runs agree.
 */
export interface TradingCalendar {
  /** A stable name: the venue's MIC ("XNYS") or "24/7". */
  readonly id: string;
  /** The IANA zone the sessions are defined in. */
  readonly timezone: string;
  /**
   * The first year (in `timezone`) the calendar's rules cover, when they have a start: earlier dates throw
   * a RangeError, so loaders check it first and report such rows as problems. Absent: no limit.
   */
  readonly firstYear?: number | undefined;
  /** The session on a local date (`YYYY-MM-DD`), or null when the venue is closed that day. */
  sessionOn(date: string): TradingSession | null;
  isTradingDay(date: string): boolean;
  /** The session whose [open, close) contains `ts`, or null outside trading hours. */
  sessionFor(ts: number): TradingSession | null;
  /** True while a session is in progress at `ts` (open inclusive, close exclusive). */
  isOpen(ts: number): boolean;
  /** The first session that opens strictly after `ts`. */
  nextSession(ts: number): TradingSession;
  /** The last session that closed at or before `ts`. */
  previousSession(ts: number): TradingSession;
  /** Open of the session in progress at `ts`, else of the next session. */
  sessionOpen(ts: number): number;
  /** Close of the session in progress at `ts`, else of the next session. */
  sessionClose(ts: number): number;
  /** Sessions overlapping [start, end), in order. */
  sessionsBetween(start: number, end: number): TradingSession[];
  /** The local date (`YYYY-MM-DD`) of `ts` in the calendar's zone. */
  dateOf(ts: number): string;
}

/** How far `nextSession`/`previousSession` search before giving up: no venue closes for a year. */
const MAX_SEARCH_DAYS = 370;

/**
 * Everything a calendar answers, derived from one rule: the session (if any) of a local day number.
 * Sessions are cached per day, so hot loops (DAY-order expiry per bar) cost a map lookup.
 */
export abstract class DailySessionCalendar implements TradingCalendar {
  abstract readonly id: string;
  abstract readonly timezone: string;
  private readonly cache = new Map<number, TradingSession | null>();

  /** The session of local day `days` (days since 1970-01-01), or null. */
  protected abstract computeSession(days: number): TradingSession | null;

  protected sessionOnDay(days: number): TradingSession | null {
    let s = this.cache.get(days);
    if (s === undefined) {
      s = this.computeSession(days);
      this.cache.set(days, s);
    }
    return s;
  }

  protected localDay(ts: number): number {
    return Math.floor(utcToWallTime(ts, this.timezone) / DAY_MS);
  }

  sessionOn(date: string): TradingSession | null {
    const days = daysOfIsoDate(date);
    if (Number.isNaN(days)) throw new RangeError(`${this.id}: "${date}" is not a date in YYYY-MM-DD form`);
    return this.sessionOnDay(days);
  }

  isTradingDay(date: string): boolean {
    return this.sessionOn(date) !== null;
  }

  dateOf(ts: number): string {
    return isoDateOfDays(this.localDay(ts));
  }

  sessionFor(ts: number): TradingSession | null {
    const s = this.sessionOnDay(this.localDay(ts));
    return s !== null && s.open <= ts && ts < s.close ? s : null;
  }

  isOpen(ts: number): boolean {
    return this.sessionFor(ts) !== null;
  }

  nextSession(ts: number): TradingSession {
    const first = this.localDay(ts);
    for (let d = first; d <= first + MAX_SEARCH_DAYS; d++) {
      const s = this.sessionOnDay(d);
      if (s !== null && s.open > ts) return s;
    }
    throw new RangeError(
      `${this.id}: no session within ${MAX_SEARCH_DAYS} days after ${new Date(ts).toISOString()}`,
    );
  }

  previousSession(ts: number): TradingSession {
    const first = this.localDay(ts);
    for (let d = first; d >= first - MAX_SEARCH_DAYS; d--) {
      const s = this.sessionOnDay(d);
      if (s !== null && s.close <= ts) return s;
    }
    throw new RangeError(
      `${this.id}: no session within ${MAX_SEARCH_DAYS} days before ${new Date(ts).toISOString()}`,
    );
  }

  sessionOpen(ts: number): number {
    return (this.sessionFor(ts) ?? this.nextSession(ts)).open;
  }

  sessionClose(ts: number): number {
    return (this.sessionFor(ts) ?? this.nextSession(ts)).close;
  }

  sessionsBetween(start: number, end: number): TradingSession[] {
    const out: TradingSession[] = [];
    if (!(end > start)) return out;
    const last = this.localDay(end);
    for (let d = this.localDay(start) - 1; d <= last; d++) {
      const s = this.sessionOnDay(d);
      if (s !== null && s.close > start && s.open < end) out.push(s);
    }
    return out;
  }
}

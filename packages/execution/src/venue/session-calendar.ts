import { ValidationError } from "@ordo/core";

/** Epoch milliseconds, UTC (core's UnixMillis). */
type UnixMillis = number;

/**
 * One trading session of an instrument. A bar belongs to the session when `open < bar.at <= close`
 * (a bar's `at` is its close time, so the bar ending at the open is pre-market).
 */
export interface TradingSession {
  readonly open: UnixMillis;
  readonly close: UnixMillis;
}

/**
 * What the venue asks a calendar: the session in progress at `ts`, or the next one to start, i.e. the
 * first session whose close is later than `ts`; null when the instrument has no such session (the
 * venue then never expires DAY orders and rejects AT_THE_OPEN / AT_THE_CLOSE orders).
 * DAY orders expire at that session's close; AT_THE_OPEN orders fill in its first bar; AT_THE_CLOSE
 * orders in its bar whose `at` equals the close. The engine plugs a real exchange calendar in here.
 */
export type SessionCalendar = (instrumentId: string, ts: UnixMillis) => TradingSession | null;

const DAY_MS = 86_400_000;

/** The default calendar: every instrument trades in UTC calendar days, [00:00, 24:00) UTC. */
export const utcDayCalendar: SessionCalendar = (_instrumentId, ts) => {
  const open = Math.floor(ts / DAY_MS) * DAY_MS;
  return { open, close: open + DAY_MS };
};

/**
 * A calendar from an explicit list of sessions (the same for every instrument): for tests, scenarios
 * and data whose sessions are known. Sessions must be non-empty, ordered and non-overlapping.
 */
export function sessionListCalendar(sessions: readonly TradingSession[]): SessionCalendar {
  sessions.forEach((s, i) => {
    if (!(Number.isSafeInteger(s.open) && Number.isSafeInteger(s.close))) {
      throw ValidationError.field(["sessions", i], "open and close must be integer epoch milliseconds");
    }
    if (!(s.close > s.open)) {
      throw ValidationError.field(["sessions", i, "close"], `must be after open (${s.open}), got ${s.close}`);
    }
    const previous = sessions[i - 1];
    if (previous !== undefined && s.open < previous.close) {
      throw ValidationError.field(
        ["sessions", i, "open"],
        `sessions must be ordered and must not overlap: opens at ${s.open}, before the previous close ${previous.close}`,
      );
    }
  });
  const list = sessions.map((s) => ({ open: s.open, close: s.close }));
  return (_instrumentId, ts) => {
    // Binary search for the first session whose close is later than ts.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.close > ts) hi = mid;
      else lo = mid + 1;
    }
    return list[lo] ?? null;
  };
}

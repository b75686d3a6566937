import type { UnixMillis } from "@ordo/core";
import { z } from "zod";

const DAY_MS = 86_400_000;
const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

/** Returns the start (epoch ms) of the trading session that contains `ts`; the day rolls when it changes. */
export type SessionStartFn = (ts: UnixMillis) => UnixMillis;

/**
 * When the breaker's daily window rolls: a UTC time of day `"HH:MM"` or `"HH:MM:SS"` (e.g. `"00:00"`,
 * `"21:00"` for FX's 5 pm New York in winter), or a function giving the start of the session containing a
 * time (for exchange-local boundaries that follow daylight saving).
 */
export const SessionBoundarySchema = z.union([
  z.string().regex(TIME_OF_DAY, 'must be a UTC time of day "HH:MM" or "HH:MM:SS", e.g. "00:00" or "21:00"'),
  z.custom<SessionStartFn>((value) => typeof value === "function", {
    message: "must be a UTC time of day string or a function (ts) => start of the session containing ts",
  }),
]);
export type SessionBoundary = z.input<typeof SessionBoundarySchema>;

/** The session start function for a boundary: UTC time-of-day strings become a daily grid. */
export function sessionStartFunction(boundary: SessionBoundary): SessionStartFn {
  if (typeof boundary === "function") {
    return (ts) => {
      const start = boundary(ts);
      if (!Number.isFinite(start) || start > ts) {
        throw new RangeError(
          `sessionBoundary(${ts}) returned ${start}: it must return the start of the session containing the time (a finite time <= ${ts})`,
        );
      }
      return start;
    };
  }
  const match = TIME_OF_DAY.exec(boundary);
  if (!match) throw new RangeError(`sessionBoundary "${boundary}" is not a UTC time of day "HH:MM[:SS]"`);
  const offset = (Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3] ?? 0)) * 1000;
  return (ts) => Math.floor((ts - offset) / DAY_MS) * DAY_MS + offset;
}

import { z } from "zod";

/** Unix epoch milliseconds, UTC: the one time representation inside Ordo. */
export type UnixMillis = number;

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Why `value` is not a usable timestamp, or null when it is. Strings must carry a zone (Z or ±hh:mm). */
export function timestampProblem(value: unknown): string | null {
  if (typeof value === "number") {
    return Number.isSafeInteger(value) ? null : `must be integer epoch milliseconds, got ${value}`;
  }
  if (typeof value === "string") {
    if (!ISO_WITH_ZONE.test(value)) {
      return `must be an ISO-8601 time with a zone, e.g. "2024-01-02T14:30:00Z", got "${value}"`;
    }
    // Date.parse rolls a day past the month's end over ("2024-02-30" is March 1): refused instead.
    return Number.isNaN(Date.parse(value)) || utcMidnight(value.slice(0, 10)) === null
      ? `is not a valid date: "${value}"`
      : null;
  }
  return `must be an ISO-8601 string or epoch milliseconds, got ${value === null ? "null" : typeof value}`;
}

/** Parses an ISO-8601 time (with zone) or epoch milliseconds into epoch milliseconds. */
export function parseTimestamp(value: string | number): UnixMillis {
  return typeof value === "number" ? value : Date.parse(value);
}

/** ISO-8601 in UTC with milliseconds only when they are not zero: `2024-01-02T14:31:00Z`. */
export function formatTimestamp(ts: UnixMillis): string {
  const iso = new Date(ts).toISOString();
  return iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : iso;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch ms of a `YYYY-MM-DD` date's midnight UTC, or null when the text is not a real calendar date. */
export function utcMidnight(text: string): UnixMillis | null {
  const m = DATE_ONLY.exec(text);
  if (m === null) return null;
  const ts = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ts).toISOString().startsWith(text) ? ts : null;
}

/**
 * Why a time given as eight digits that read as a compact date (`20240104`, number or text) is refused,
 * or null for any other value. As epoch ms such a number is a few hours into 1970, never what was meant,
 * so it is refused with both readings rather than guessed: `is ambiguous: 20240104 reads as epoch ms
 * 1970-01-01T05:37:20.104Z; write the date as "2024-01-04", or epoch ms in full (1704326400000)`.
 */
export function compactDateProblem(value: unknown): string | null {
  const digits = typeof value === "number" ? String(value) : typeof value === "string" ? value : "";
  if (!/^\d{8}$/.test(digits)) return null;
  const date = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
  const midnight = utcMidnight(date);
  if (midnight === null) return null;
  return (
    `is ambiguous: ${digits} reads as epoch ms ${new Date(Number(digits)).toISOString()}; ` +
    `write the date as "${date}", or epoch ms in full (${midnight})`
  );
}

/** zod: an ISO-8601 time with zone or epoch milliseconds; output epoch milliseconds. */
export const TimestampSchema = z
  .union([z.string(), z.number()])
  .superRefine((value, ctx) => {
    const problem = timestampProblem(value);
    if (problem !== null) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform(parseTimestamp);

/** A proleptic Gregorian calendar date (UTC). */
export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/**
 * The date of a day counted from 1970-01-01 (UTC, proleptic Gregorian): Howard Hinnant's
 * `civil_from_days`, exact integer arithmetic with no Date object or text, for hot loops (order ids,
 * CSV dates, resampling).
 */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

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
    return Number.isNaN(Date.parse(value)) ? `is not a valid date: "${value}"` : null;
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

/** zod: an ISO-8601 time with zone or epoch milliseconds; output epoch milliseconds. */
export const TimestampSchema = z
  .union([z.string(), z.number()])
  .superRefine((value, ctx) => {
    const problem = timestampProblem(value);
    if (problem !== null) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform(parseTimestamp);

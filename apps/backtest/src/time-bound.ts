import { compactDateProblem, parseTimestamp, timestampProblem, utcMidnight } from "@ordo/core";
import { z } from "zod";

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Why a start/end value cannot be used, or null. */
export function timeBoundProblem(value: unknown): string | null {
  // An eight-digit date (`20200110`) is refused with both readings, as `ctx.orders.query` does.
  const ambiguous = compactDateProblem(value);
  if (ambiguous !== null) return ambiguous;
  if (typeof value === "string" && DATE_ONLY.test(value)) {
    return utcMidnight(value) === null ? `is not a valid date: "${value}"` : null;
  }
  const problem = timestampProblem(value);
  return problem === null ? null : `${problem} (or a date such as "2024-01-02")`;
}

/**
 * A run's start (inclusive) or end (exclusive) in epoch ms. A date alone means that whole UTC day: as a
 * start its midnight, as an end the next midnight, so `--end 2024-12-31` still replays December 31st.
 */
export function timeBound(value: string | number, side: "start" | "end"): number {
  if (typeof value === "string") {
    const midnight = utcMidnight(value);
    if (midnight !== null) return side === "start" ? midnight : midnight + DAY_MS;
  }
  return parseTimestamp(value);
}

/**
 * A `--start` or `--end` flag as typed, in epoch ms, or why it cannot be used. Digits alone are epoch ms
 * (an eight-digit date among them refused as ambiguous); anything else is ISO-8601 with a zone or
 * `YYYY-MM-DD`. `ordo backtest` and `ordo data generate` both read their times here, so they accept and
 * refuse the same text with the same words.
 */
export function timeBoundFlag(
  text: string,
  side: "start" | "end",
): { readonly ok: true; readonly ms: number } | { readonly ok: false; readonly reason: string } {
  const value = /^-?\d+$/.test(text) ? Number(text) : text;
  const problem = timeBoundProblem(value);
  return problem === null ? { ok: true, ms: timeBound(value, side) } : { ok: false, reason: problem };
}

/** zod: a start or end as written (ISO-8601 with a zone, epoch ms, or `YYYY-MM-DD`). */
export const TimeBoundSchema = z
  .custom<string | number>(() => true)
  .superRefine((value, ctx) => {
    const problem = timeBoundProblem(value);
    if (problem !== null) ctx.addIssue({ code: "custom", message: problem });
  });

import { dec, PositiveDecimalSchema } from "@ordo/core";
import { z } from "zod";
import { configError } from "./config-error.js";
import { SessionBoundarySchema } from "./session-boundary.js";

const HUNDRED = dec(100);
// The value is named: a loss limit of 150 may be a fraction typed as a percentage, or a slip of the keys.
const percent = PositiveDecimalSchema.refine((value) => value.lte(HUNDRED), {
  error: (issue) => `must be a percentage in (0, 100], got ${String(issue.input)}`,
});
const count = z.number().int("must be a whole number").positive("must be at least 1");
const minutes = z.number().positive("must be a positive number of minutes").finite();

/**
 * The circuit breaker's settings; every limit is optional (unset = not checked). Percentages are of the
 * balance: `3` means 3 %. See docs/risk.md for when each one trips.
 */
export const CircuitBreakerConfigSchema = z
  .strictObject({
    /** Trips when the day's realized loss reaches this % of the balance at the session start. */
    maxDailyLossPct: percent.optional(),
    /** Trips when the balance is this % or more below its peak. */
    maxDrawdownPct: percent.optional(),
    /** Trips on this many losing trades in a row. */
    maxConsecutiveLosses: count.optional(),
    /** Trips on the order that makes more than this many in the last 60 s. */
    maxOrdersPerMinute: count.optional(),
    /** Trips on the order that makes more than this many in the last 3600 s. */
    maxOrdersPerHour: count.optional(),
    /** Trips on this many errors in a row (reset by a success or a completed trade). */
    maxConsecutiveErrors: count.optional(),
    /** Closes the breaker this many minutes after it tripped. */
    autoResetAfterMinutes: minutes.optional(),
    /** Only `reset({ manual: true })` closes the breaker: no auto reset, no half-open. Default false. */
    requireManualReset: z.boolean().default(false),
    /** Moves OPEN to HALF_OPEN this many minutes after the trip: probing orders pass. */
    cooldownMinutes: minutes.optional(),
    /** When the daily window rolls (default "00:00" UTC). */
    sessionBoundary: SessionBoundarySchema.default("00:00"),
    /** The balance that daily loss and drawdown are measured against until `updateBalance` is called. */
    initialBalance: PositiveDecimalSchema.optional(),
    /** Names this breaker's clock timers (`<name>#<n>:half-open`, `<name>#<n>:auto-reset`). */
    name: z.string().min(1).default("circuit-breaker"),
  })
  .superRefine((c, ctx) => {
    if (c.requireManualReset) {
      for (const key of ["autoResetAfterMinutes", "cooldownMinutes"] as const) {
        if (c[key] !== undefined) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: "cannot be combined with requireManualReset: true (only a manual reset closes it)",
          });
        }
      }
    }
    if (
      c.cooldownMinutes !== undefined &&
      c.autoResetAfterMinutes !== undefined &&
      c.cooldownMinutes >= c.autoResetAfterMinutes
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["cooldownMinutes"],
        message: `must be less than autoResetAfterMinutes (${c.autoResetAfterMinutes}) when both are set, else the breaker never half-opens`,
      });
    }
  });

export type CircuitBreakerConfigInput = z.input<typeof CircuitBreakerConfigSchema>;
export type CircuitBreakerConfig = Readonly<z.output<typeof CircuitBreakerConfigSchema>>;

/** Validates breaker settings; throws a ValidationError naming each bad or unknown field. */
export function parseCircuitBreakerConfig(input: unknown): CircuitBreakerConfig {
  const result = CircuitBreakerConfigSchema.safeParse(input ?? {});
  if (!result.success) throw configError(result.error, []);
  return result.data;
}

import { z } from "zod";
import { parseConfig, unknownModelMessage } from "./config-issues.js";
import { FixedLatency } from "./fixed-latency.js";
import { RandomLatency } from "./random-latency.js";
import type { LatencyModel } from "./types.js";

const MillisecondsSchema = z
  .number({ error: "must be a whole number of milliseconds" })
  .int({ error: "must be a whole number of milliseconds" })
  .min(0, { error: "must not be negative" })
  .max(Number.MAX_SAFE_INTEGER);
/** zod: a seed for the seeded models (any safe integer). */
export const SeedSchema = z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

const LatencyModelConfigSchema = z.discriminatedUnion(
  "model",
  [
    z.strictObject({ model: z.literal("fixed"), ms: MillisecondsSchema }),
    z
      .strictObject({
        model: z.literal("random"),
        minMs: MillisecondsSchema,
        maxMs: MillisecondsSchema,
        seed: SeedSchema.optional(),
      })
      .refine((value) => value.maxMs >= value.minMs, {
        path: ["maxMs"],
        message: "must be at least minMs",
      }),
  ],
  { error: unknownModelMessage(["fixed", "random"]) },
);

/**
 * zod: a latency, either a number of milliseconds (the scenario's `venue.latencyMs`, read as a fixed
 * latency) or `{ "model": "fixed", "ms": 50 }` / `{ "model": "random", "minMs": 20, "maxMs": 80, "seed": 7 }`.
 * The output is always the object form.
 */
export const LatencyConfigSchema = z.preprocess(
  (value) => (typeof value === "number" ? { model: "fixed", ms: value } : value),
  LatencyModelConfigSchema,
);

/** Milliseconds, or the object form. */
export type LatencyConfigInput = number | z.input<typeof LatencyModelConfigSchema>;
export type LatencyConfig = z.output<typeof LatencyConfigSchema>;

/** Builds the latency model a config describes (a bare number is a fixed latency in milliseconds). */
export function createLatencyModel(
  config: LatencyConfigInput,
  path: readonly (string | number)[] = ["latency"],
): LatencyModel {
  const parsed = parseConfig(LatencyConfigSchema, config, path);
  if (parsed.model === "fixed") return new FixedLatency({ ms: parsed.ms });
  return new RandomLatency({ minMs: parsed.minMs, maxMs: parsed.maxMs, seed: parsed.seed });
}

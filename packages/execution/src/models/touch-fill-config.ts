import { NonNegativeDecimalSchema, ONE } from "@ordo/core";
import { z } from "zod";
import { AlwaysFillOnTouch } from "./always-fill-on-touch.js";
import { parseConfig, unknownModelMessage } from "./config-issues.js";
import { SeedSchema } from "./latency-config.js";
import { ProbabilisticTouchFill } from "./probabilistic-touch-fill.js";
import type { TouchFillModel } from "./types.js";

/**
 * zod: whether a limit only touched by the price fills: `{ "model": "always" }` (default) or
 * `{ "model": "probabilistic", "probability": "0.5", "seed": 7 }`.
 */
export const TouchFillConfigSchema = z.discriminatedUnion(
  "model",
  [
    z.strictObject({ model: z.literal("always") }),
    z.strictObject({
      model: z.literal("probabilistic"),
      probability: NonNegativeDecimalSchema.refine((value) => value.lte(ONE), {
        message: "must be at most 1",
      }),
      seed: SeedSchema.optional(),
    }),
  ],
  { error: unknownModelMessage(["always", "probabilistic"]) },
);

export type TouchFillConfigInput = z.input<typeof TouchFillConfigSchema>;
export type TouchFillConfig = z.output<typeof TouchFillConfigSchema>;

/** Builds the touch-fill model a config describes. */
export function createTouchFillModel(
  config: TouchFillConfigInput,
  path: readonly (string | number)[] = ["touchFill"],
): TouchFillModel {
  const parsed = parseConfig(TouchFillConfigSchema, config, path);
  if (parsed.model === "always") return new AlwaysFillOnTouch();
  return new ProbabilisticTouchFill({ probability: parsed.probability, seed: parsed.seed });
}

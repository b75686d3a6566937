import { NonNegativeDecimalSchema, ONE, PositiveDecimalSchema } from "@ordo/core";
import { z } from "zod";
import { parseConfig, unknownModelMessage } from "./config-issues.js";
import { FixedBasisPointsSlippage } from "./fixed-basis-points-slippage.js";
import { FixedSpreadSlippage } from "./fixed-spread-slippage.js";
import { NoSlippage } from "./no-slippage.js";
import { RealisticSlippage } from "./realistic-slippage.js";
import { SpreadSlippage } from "./spread-slippage.js";
import { SquareRootImpactSlippage } from "./square-root-impact-slippage.js";
import type { SlippageModel } from "./types.js";
import { VolumeShareSlippage } from "./volume-share-slippage.js";

/** zod: a fraction of a bar's volume, in (0, 1]. */
export const VolumeLimitSchema = PositiveDecimalSchema.refine((value) => value.lte(ONE), {
  message: "must be at most 1 (a fraction of the bar's volume)",
});
const WindowSchema = z.number().int().min(2).max(100_000);

const sqrtImpactFields = {
  impactCoefficient: NonNegativeDecimalSchema.optional(),
  window: WindowSchema.optional(),
  volatility: NonNegativeDecimalSchema.optional(),
  averageVolume: NonNegativeDecimalSchema.optional(),
};

const SLIPPAGE_MODELS = ["none", "fixed", "fixed-bps", "volume-share", "spread", "sqrt-impact", "realistic"];

/**
 * zod: the `venue.slippage` object of a scenario file. Decimals are strings or numbers; absent options
 * take the model's documented defaults (docs/execution-models.md). Unknown keys are refused (typos).
 */
export const SlippageConfigSchema = z.discriminatedUnion(
  "model",
  [
    z.strictObject({ model: z.literal("none") }),
    z.strictObject({ model: z.literal("fixed"), spread: NonNegativeDecimalSchema }),
    z.strictObject({
      model: z.literal("fixed-bps"),
      basisPoints: NonNegativeDecimalSchema.optional(),
      volumeLimit: VolumeLimitSchema.optional(),
    }),
    z.strictObject({
      model: z.literal("volume-share"),
      volumeLimit: VolumeLimitSchema.optional(),
      priceImpact: NonNegativeDecimalSchema.optional(),
    }),
    z.strictObject({ model: z.literal("spread"), defaultSpreadBps: NonNegativeDecimalSchema.optional() }),
    z.strictObject({
      model: z.literal("sqrt-impact"),
      ...sqrtImpactFields,
      volumeLimit: VolumeLimitSchema.optional(),
    }),
    z.strictObject({
      model: z.literal("realistic"),
      ...sqrtImpactFields,
      volumeLimit: VolumeLimitSchema.optional(),
      defaultSpreadBps: NonNegativeDecimalSchema.optional(),
    }),
  ],
  { error: unknownModelMessage(SLIPPAGE_MODELS) },
);

export type SlippageConfigInput = z.input<typeof SlippageConfigSchema>;
export type SlippageConfig = z.output<typeof SlippageConfigSchema>;

/**
 * Builds the slippage model a config describes (validated first: a bad config throws a ValidationError
 * naming `path` + the field, and nothing is built).
 */
export function createSlippageModel(
  config: SlippageConfigInput,
  path: readonly (string | number)[] = ["slippage"],
): SlippageModel {
  const parsed = parseConfig(SlippageConfigSchema, config, path);
  switch (parsed.model) {
    case "none":
      return new NoSlippage();
    case "fixed":
      return new FixedSpreadSlippage({ spread: parsed.spread });
    case "fixed-bps":
      return new FixedBasisPointsSlippage({
        basisPoints: parsed.basisPoints,
        volumeLimit: parsed.volumeLimit,
      });
    case "volume-share":
      return new VolumeShareSlippage({ volumeLimit: parsed.volumeLimit, priceImpact: parsed.priceImpact });
    case "spread":
      return new SpreadSlippage({ defaultSpreadBps: parsed.defaultSpreadBps });
    case "sqrt-impact":
      return new SquareRootImpactSlippage({
        impactCoefficient: parsed.impactCoefficient,
        window: parsed.window,
        volatility: parsed.volatility,
        averageVolume: parsed.averageVolume,
        volumeLimit: parsed.volumeLimit,
      });
    case "realistic":
      return new RealisticSlippage({
        impactCoefficient: parsed.impactCoefficient,
        window: parsed.window,
        volatility: parsed.volatility,
        averageVolume: parsed.averageVolume,
        volumeLimit: parsed.volumeLimit,
        defaultSpreadBps: parsed.defaultSpreadBps,
      });
  }
}

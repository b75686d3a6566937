import { DecimalSchema, NonNegativeDecimalSchema } from "@ordo/core";
import { z } from "zod";
import { parseConfig, unknownModelMessage } from "./config-issues.js";
import { MakerTakerCommission } from "./maker-taker-commission.js";
import { NoCommission } from "./no-commission.js";
import { PerContractCommission } from "./per-contract-commission.js";
import { PerDollarCommission } from "./per-dollar-commission.js";
import { PerShareCommission } from "./per-share-commission.js";
import { PerTradeCommission } from "./per-trade-commission.js";
import type { CommissionModel } from "./types.js";

const MakerTakerTierSchema = z.strictObject({
  minNotional: NonNegativeDecimalSchema,
  maker: DecimalSchema,
  taker: DecimalSchema,
});

const COMMISSION_MODELS = ["none", "per-share", "per-trade", "per-dollar", "per-contract", "maker-taker"];

/**
 * zod: the `venue.commission` object of a scenario file. Decimals are strings or numbers; absent options
 * take the model's documented defaults (docs/execution-models.md). Unknown keys are refused (typos).
 */
export const CommissionConfigSchema = z.discriminatedUnion(
  "model",
  [
    z.strictObject({ model: z.literal("none") }),
    z.strictObject({
      model: z.literal("per-share"),
      cost: NonNegativeDecimalSchema,
      minimum: NonNegativeDecimalSchema.optional(),
    }),
    z.strictObject({ model: z.literal("per-trade"), cost: NonNegativeDecimalSchema }),
    z.strictObject({ model: z.literal("per-dollar"), rate: NonNegativeDecimalSchema }),
    z.strictObject({
      model: z.literal("per-contract"),
      cost: NonNegativeDecimalSchema,
      exchangeFee: NonNegativeDecimalSchema.optional(),
      minimum: NonNegativeDecimalSchema.optional(),
    }),
    z.strictObject({
      model: z.literal("maker-taker"),
      maker: DecimalSchema,
      taker: DecimalSchema,
      tiers: z
        .array(MakerTakerTierSchema)
        .superRefine((tiers, ctx) => {
          for (let i = 1; i < tiers.length; i++) {
            if (!tiers[i]!.minNotional.gt(tiers[i - 1]!.minNotional)) {
              ctx.addIssue({
                code: "custom",
                path: [i, "minNotional"],
                message: "must be greater than the previous tier's minNotional",
              });
            }
          }
        })
        .optional(),
    }),
  ],
  { error: unknownModelMessage(COMMISSION_MODELS) },
);

export type CommissionConfigInput = z.input<typeof CommissionConfigSchema>;
export type CommissionConfig = z.output<typeof CommissionConfigSchema>;

/**
 * Builds the commission model a config describes (validated first: a bad config throws a ValidationError
 * naming `path` + the field, and nothing is built).
 */
export function createCommissionModel(
  config: CommissionConfigInput,
  path: readonly (string | number)[] = ["commission"],
): CommissionModel {
  const parsed = parseConfig(CommissionConfigSchema, config, path);
  switch (parsed.model) {
    case "none":
      return new NoCommission();
    case "per-share":
      return new PerShareCommission({ cost: parsed.cost, minimum: parsed.minimum });
    case "per-trade":
      return new PerTradeCommission({ cost: parsed.cost });
    case "per-dollar":
      return new PerDollarCommission({ rate: parsed.rate });
    case "per-contract":
      return new PerContractCommission({
        cost: parsed.cost,
        exchangeFee: parsed.exchangeFee,
        minimum: parsed.minimum,
      });
    case "maker-taker":
      return new MakerTakerCommission({ maker: parsed.maker, taker: parsed.taker, tiers: parsed.tiers });
  }
}

import { PositiveDecimalSchema } from "@ordo/core";
import { z } from "zod";
import { configError } from "./config-error.js";

const count = z.number().int("must be a whole number").positive("must be at least 1");

/** Limits that can be set for all instruments and overridden per instrument. */
const InstrumentLimitsSchema = z.strictObject({
  /** Largest quantity of one order. */
  maxOrderQuantity: PositiveDecimalSchema.optional(),
  /** Largest notional of one order (price × quantity × multiplier, in the instrument's currency). */
  maxOrderNotional: PositiveDecimalSchema.optional(),
  /** Largest absolute net position the order may leave if it fills. */
  maxPositionQuantity: PositiveDecimalSchema.optional(),
  /** Fat-finger band: limit and trigger prices must be within this % of the last price (10 = ±10 %). */
  priceBandPct: PositiveDecimalSchema.optional(),
});
export type InstrumentLimits = Readonly<z.output<typeof InstrumentLimitsSchema>>;

/**
 * The RiskEngine's settings. Every limit is optional (unset = not checked); booleans have the documented
 * defaults. Decimal values accept strings, numbers or Decimals. Unknown keys are errors.
 */
export const RiskConfigSchema = z.strictObject({
  ...InstrumentLimitsSchema.shape,
  /** Instrument rules: tick, lot, min/max quantity, min notional. Default true. */
  instrumentRules: z.boolean().default(true),
  /** Most orders open at once (as counted by the engine's `openOrderCount`). */
  maxOpenOrders: count.optional(),
  /** Most orders open at once in one instrument. */
  maxOpenOrdersPerInstrument: count.optional(),
  /** Refuse orders whose cost (notional, or initial margin) exceeds the portfolio's buying power. Default true. */
  checkBuyingPower: z.boolean().default(true),
  /** Largest gross exposure / equity after the order (2 = 2×), over the engine's instruments. */
  maxLeverage: PositiveDecimalSchema.optional(),
  /** Instrument ids that may not be traded at all (cancels still pass). */
  restrictedInstruments: z.array(z.string().min(1)).default([]),
  /** Refuse orders that would leave a short position. Default false. */
  longOnly: z.boolean().default(false),
  /** Submit and modify throttles over sliding windows of 1 s and 60 s on the engine's clock. */
  maxSubmitsPerSecond: count.optional(),
  maxSubmitsPerMinute: count.optional(),
  maxModifiesPerSecond: count.optional(),
  maxModifiesPerMinute: count.optional(),
  /** Per-instrument overrides of the limits above, keyed by instrument id. */
  perInstrument: z.record(z.string().min(1), InstrumentLimitsSchema).default({}),
  /** The trading state the engine starts in. Default ACTIVE. */
  initialTradingState: z.enum(["ACTIVE", "REDUCING", "HALTED"]).default("ACTIVE"),
  /**
   * What a wired circuit breaker's trip does: HALTED (default) refuses every order while OPEN; REDUCING
   * lets orders that only reduce a position through.
   */
  tradingStateOnTrip: z.enum(["HALTED", "REDUCING"]).default("HALTED"),
});

export type RiskConfigInput = z.input<typeof RiskConfigSchema>;
export type RiskConfig = Readonly<z.output<typeof RiskConfigSchema>>;

/** Validates RiskEngine settings; throws a ValidationError naming each bad or unknown field. */
export function parseRiskConfig(input: unknown): RiskConfig {
  const result = RiskConfigSchema.safeParse(input ?? {});
  if (!result.success) throw configError(result.error, []);
  return result.data;
}

const LIMIT_KEYS = ["maxOrderQuantity", "maxOrderNotional", "maxPositionQuantity", "priceBandPct"] as const;

/** The limits in force for one instrument: its overrides, else the defaults. */
export function limitsFor(config: RiskConfig, instrumentId: string): InstrumentLimits {
  const own = config.perInstrument[instrumentId];
  const merged: { -readonly [K in (typeof LIMIT_KEYS)[number]]?: InstrumentLimits[K] } = {};
  for (const key of LIMIT_KEYS) {
    const value = own?.[key] ?? config[key];
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}

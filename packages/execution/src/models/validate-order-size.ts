import { NonNegativeDecimalSchema, PositiveDecimalSchema } from "@ordo/core";
import { z } from "zod";
import { parseConfig } from "./config-issues.js";

/** The per-period volatility assumed when none is given: 2%, a typical daily volatility of a stock. */
export const DEFAULT_ORDER_SIZE_VOLATILITY = 0.02;
/** The square-root law constant Y assumed when none is given (as in SquareRootImpactSlippage). */
export const DEFAULT_ORDER_SIZE_IMPACT_COEFFICIENT = 1;

/** zod: the input of validateOrderSize. Decimals as strings, numbers or Decimals. */
export const OrderSizeInputSchema = z
  .strictObject({
    /** Order quantity; give it or `notional`. */
    quantity: PositiveDecimalSchema.optional(),
    /** Order value in the quote currency (quantity = notional / price); give it or `quantity`. */
    notional: PositiveDecimalSchema.optional(),
    /** The price the order is expected to trade near. */
    price: PositiveDecimalSchema,
    /** Average traded volume per period (e.g. daily shares), the same period as `volatility`. */
    averageVolume: NonNegativeDecimalSchema,
    /** Largest acceptable expected slippage, in percent of the price (0.5 = 0.5%). */
    maxSlippagePct: NonNegativeDecimalSchema,
    /** Volatility of returns per period (0.02 = 2%). Default 0.02. */
    volatility: NonNegativeDecimalSchema.optional(),
    /** Square-root law constant Y. Default 1. */
    impactCoefficient: NonNegativeDecimalSchema.optional(),
    /** Largest acceptable share of the average volume (0.1 = 10%); default: no participation limit. */
    maxParticipation: PositiveDecimalSchema.optional(),
  })
  .superRefine((value, ctx) => {
    if ((value.quantity === undefined) === (value.notional === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: ["quantity"],
        message: "give exactly one of quantity and notional",
      });
    }
  });

export type OrderSizeInput = z.input<typeof OrderSizeInputSchema>;

export interface OrderSizeCheck {
  /** True when the expected slippage (and participation, if limited) is within the limits. */
  readonly ok: boolean;
  /** Expected slippage in percent of the price: 100 × Y × σ × sqrt(participation). Infinity without volume. */
  readonly expectedSlippagePct: number;
  /** Order quantity / average volume. Infinity when the average volume is 0. */
  readonly participation: number;
  /** The order quantity (from notional / price when given a notional). */
  readonly quantity: number;
  /** The largest quantity within the limits (0 without volume; Infinity when nothing limits it). */
  readonly maxQuantity: number;
  /** One sentence for a log or a user: the figures and, when not ok, what to do. */
  readonly message: string;
}

/**
 * Checks before sending whether an order is too large for the market's volume, using the square-root
 * impact law: expected slippage = Y × σ × sqrt(quantity / averageVolume). The estimate is a plain number
 * (a sizing signal, not money). Throws a ValidationError for bad input; a market with no volume is not ok.
 */
export function validateOrderSize(input: OrderSizeInput): OrderSizeCheck {
  const parsed = parseConfig(OrderSizeInputSchema, input, []);
  const quantity = parsed.quantity?.toNumber() ?? parsed.notional!.div(parsed.price).toNumber();
  const averageVolume = parsed.averageVolume.toNumber();
  const volatility = parsed.volatility?.toNumber() ?? DEFAULT_ORDER_SIZE_VOLATILITY;
  const coefficient = parsed.impactCoefficient?.toNumber() ?? DEFAULT_ORDER_SIZE_IMPACT_COEFFICIENT;
  const maxSlippagePct = parsed.maxSlippagePct.toNumber();
  const maxParticipation = parsed.maxParticipation?.toNumber() ?? Number.POSITIVE_INFINITY;

  if (!(averageVolume > 0)) {
    return {
      ok: false,
      expectedSlippagePct: Number.POSITIVE_INFINITY,
      participation: Number.POSITIVE_INFINITY,
      quantity,
      maxQuantity: 0,
      message: `order of ${format(quantity)} cannot be sized: the average volume is 0, so its slippage is unknown`,
    };
  }
  const participation = quantity / averageVolume;
  const slippagePerSqrtShare = 100 * coefficient * volatility;
  const expectedSlippagePct = slippagePerSqrtShare * Math.sqrt(participation);
  const slippageLimitedQuantity =
    slippagePerSqrtShare > 0
      ? averageVolume * (maxSlippagePct / slippagePerSqrtShare) ** 2
      : Number.POSITIVE_INFINITY;
  // Ten significant digits drop the float noise of the square (2500.0000000000005 -> 2500).
  const maxQuantity = Number(
    Math.min(slippageLimitedQuantity, averageVolume * maxParticipation).toPrecision(10),
  );
  const withinSlippage = expectedSlippagePct <= maxSlippagePct;
  const withinParticipation = participation <= maxParticipation;
  const figures =
    `order of ${format(quantity)} is ${format(participation * 100)}% of average volume ${format(averageVolume)}; ` +
    `expected slippage ${format(expectedSlippagePct)}%`;
  let message: string;
  if (withinSlippage && withinParticipation) {
    message = `${figures}, within the ${format(maxSlippagePct)}% limit`;
  } else {
    const reasons: string[] = [];
    if (!withinSlippage) reasons.push(`exceeds the ${format(maxSlippagePct)}% slippage limit`);
    if (!withinParticipation)
      reasons.push(`exceeds the ${format(maxParticipation * 100)}% participation limit`);
    message = `${figures} ${reasons.join(" and ")}; reduce it to at most ${format(maxQuantity)} or split it over time`;
  }
  return {
    ok: withinSlippage && withinParticipation,
    expectedSlippagePct,
    participation,
    quantity,
    maxQuantity,
    message,
  };
}

/** Up to four significant digits, no exponent: figures a reader can take in at a glance. */
function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 10_000) return Math.round(value).toString();
  return Number(value.toPrecision(4)).toString();
}

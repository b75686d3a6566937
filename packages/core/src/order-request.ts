import { z } from "zod";
import { didYouMean } from "./closest-names.js";
import { Decimal, PositiveDecimalSchema } from "./decimal.js";
import {
  CONTINGENCY_TYPES,
  hasLimitPrice,
  hasTriggerPrice,
  isTrailing,
  ORDER_SIDES,
  ORDER_TYPES,
  type OrderSide,
  type OrderType,
  TIMES_IN_FORCE,
  TRAILING_OFFSET_TYPES,
  type TrailingOffsetType,
} from "./enums.js";
import { DenyReason, ValidationError, type ValidationIssue } from "./errors.js";
import { type Instrument, isOnStep } from "./instrument.js";
import { TimestampSchema } from "./time.js";

/** Client order ids: letters, digits and `-_.:/` (what FIX ClOrdID and exchanges accept), 1-64 chars. */
export const OrderIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.:/-]{1,64}$/, "must be 1-64 characters of letters, digits and - _ . : /");

export const TrailingSpecSchema = z.object({
  offsetType: z.enum(TRAILING_OFFSET_TYPES),
  /** Distance of the trigger from the market: a price, a percent (1 = 1%), basis points, or ticks. */
  offset: PositiveDecimalSchema,
  /** TRAILING_STOP_LIMIT: distance of the limit from the market, in the same unit as `offset`. */
  limitOffset: PositiveDecimalSchema.optional(),
  /** Trailing starts once the market reaches this price (sell: bid >= it; buy: ask <= it). */
  activationPrice: PositiveDecimalSchema.optional(),
});
export type TrailingSpec = z.output<typeof TrailingSpecSchema>;

export const ContingencySchema = z.object({
  type: z.enum(CONTINGENCY_TYPES).optional(),
  linkedIds: z.array(OrderIdSchema).default([]),
  parentId: OrderIdSchema.optional(),
});
export type Contingency = z.output<typeof ContingencySchema>;

const OrderRequestShape = z.object({
  id: OrderIdSchema.optional(),
  instrumentId: z.string().min(1),
  strategyId: z.string().min(1).default("default"),
  side: z.enum(ORDER_SIDES),
  type: z.enum(ORDER_TYPES),
  quantity: PositiveDecimalSchema,
  price: PositiveDecimalSchema.optional(),
  triggerPrice: PositiveDecimalSchema.optional(),
  timeInForce: z.enum(TIMES_IN_FORCE).default("GTC"),
  expireAt: TimestampSchema.optional(),
  trailing: TrailingSpecSchema.optional(),
  reduceOnly: z.boolean().default(false),
  postOnly: z.boolean().default(false),
  displayQuantity: PositiveDecimalSchema.optional(),
  contingency: ContingencySchema.optional(),
  tags: z.array(z.string()).default([]),
});

type Ctx = z.RefinementCtx;
function isDecimal(value: unknown): value is Decimal {
  return value instanceof Decimal;
}
function issue(ctx: Ctx, path: string, message: string) {
  ctx.addIssue({ code: "custom", path: path.split("."), message });
}

/** The rules that tie fields together, whatever the instrument. */
function checkCombination(r: z.output<typeof OrderRequestShape>, ctx: Ctx) {
  const trailing = isTrailing(r.type);
  if (r.type === "TRAILING_STOP_LIMIT") {
    if (r.trailing && r.trailing.limitOffset === undefined && r.price === undefined) {
      issue(
        ctx,
        "trailing.limitOffset",
        "TRAILING_STOP_LIMIT needs trailing.limitOffset (or an initial price)",
      );
    }
  } else if (hasLimitPrice(r.type)) {
    if (r.price === undefined) issue(ctx, "price", `${r.type} orders need a price`);
  } else if (r.price !== undefined) {
    issue(ctx, "price", `${r.type} orders take no price`);
  }
  if (hasTriggerPrice(r.type) && !trailing && r.triggerPrice === undefined) {
    issue(ctx, "triggerPrice", `${r.type} orders need a triggerPrice`);
  }
  if (!hasTriggerPrice(r.type) && r.triggerPrice !== undefined) {
    issue(ctx, "triggerPrice", `${r.type} orders take no triggerPrice`);
  }
  if (trailing && r.trailing === undefined) {
    issue(ctx, "trailing", `${r.type} orders need trailing: { offsetType, offset }`);
  }
  if (!trailing && r.trailing !== undefined)
    issue(ctx, "trailing", `${r.type} orders take no trailing offset`);
  if (r.type === "TRAILING_STOP_MARKET" && r.trailing?.limitOffset !== undefined) {
    issue(ctx, "trailing.limitOffset", "only TRAILING_STOP_LIMIT orders take a limitOffset");
  }
  if (trailing && r.trailing !== undefined) {
    trailingOffsetIssue(ctx, r.side, r.type, r.trailing, "offset");
    trailingOffsetIssue(ctx, r.side, r.type, r.trailing, "limitOffset");
  }
  if (r.timeInForce === "GTD" && r.expireAt === undefined)
    issue(ctx, "expireAt", "GTD orders need an expireAt");
  if (r.timeInForce !== "GTD" && r.expireAt !== undefined) {
    issue(ctx, "expireAt", `expireAt is only used with timeInForce GTD, not ${r.timeInForce}`);
  }
  if (
    (r.timeInForce === "AT_THE_OPEN" || r.timeInForce === "AT_THE_CLOSE") &&
    r.type !== "MARKET" &&
    r.type !== "LIMIT"
  ) {
    issue(ctx, "timeInForce", `${r.timeInForce} applies to MARKET and LIMIT orders only`);
  }
  if (r.postOnly && r.type !== "LIMIT") issue(ctx, "postOnly", "postOnly applies to LIMIT orders only");
  if (r.postOnly && (r.timeInForce === "IOC" || r.timeInForce === "FOK")) {
    issue(ctx, "postOnly", `a postOnly order cannot be ${r.timeInForce}: it would never rest`);
  }
  if (r.displayQuantity !== undefined) {
    if (!hasLimitPrice(r.type)) issue(ctx, "displayQuantity", "displayQuantity applies to limit orders only");
    // Either side may still be raw input when its own check failed (zod runs this refinement anyway).
    if (isDecimal(r.displayQuantity) && isDecimal(r.quantity) && r.displayQuantity.gt(r.quantity)) {
      issue(
        ctx,
        "displayQuantity",
        `must not exceed quantity ${r.quantity.toFixed()}, got ${r.displayQuantity.toFixed()}`,
      );
    }
  }
  const c = r.contingency;
  if (c) {
    if (c.type !== undefined && c.linkedIds.length === 0) {
      // An OTO child written as { type: "OTO", parentId } is the common slip: say where the type belongs.
      const child =
        c.parentId === undefined
          ? ""
          : `; a child of ${c.parentId} needs only parentId (drop type "${c.type}": the parent carries type OTO and lists this order in its linkedIds)`;
      issue(ctx, "contingency.linkedIds", `${c.type} needs at least one linked order id${child}`);
    }
    if (c.type === undefined && c.linkedIds.length > 0) {
      issue(ctx, "contingency.type", "linked orders need a contingency type (OTO, OCO or OUO)");
    }
    if (c.type === undefined && c.parentId === undefined && c.linkedIds.length === 0) {
      issue(ctx, "contingency", "give a type with linkedIds, or a parentId");
    }
    if (r.id !== undefined && (c.linkedIds.includes(r.id) || c.parentId === r.id)) {
      issue(ctx, "contingency", `order ${r.id} cannot be linked to itself`);
    }
  }
}

/** The relative offsets that are the whole market price (100%): a SELL trails below the market by less. */
const WHOLE_MARKET: Partial<Record<TrailingOffsetType, { limit: number; unit: string }>> = {
  PERCENT: { limit: 100, unit: "100%" },
  BASIS_POINTS: { limit: 10_000, unit: "10000 basis points (100%)" },
};

/**
 * Trailing offsets the venue would bend or that could never work: a fractional number of ticks (the
 * trailed price would be rounded to the tick grid, silently moving it), and a SELL offset of 100% or more
 * (it trails below the market, so its trigger or limit would be at or below 0: a trigger that never
 * fires, a limit that is no price). A BUY trails above the market, where any percentage is a price.
 */
function trailingOffsetIssue(
  ctx: Ctx,
  side: OrderSide,
  type: OrderType,
  spec: TrailingSpec,
  field: "offset" | "limitOffset",
): void {
  const value: unknown = spec[field];
  // The offset may still be raw input when its own check failed.
  if (!isDecimal(value)) return;
  const offsetType = spec.offsetType;
  if (offsetType === "TICKS" && !value.isInteger()) {
    const down = value.floor();
    const hint = down.isZero() ? "1" : `${down.toFixed()} or ${down.plus(1).toFixed()}`;
    issue(
      ctx,
      `trailing.${field}`,
      `a TICKS ${field} must be a whole number of ticks, got ${value.toFixed()}: trailing prices move on the tick grid, so it would be rounded (use ${hint})`,
    );
    return;
  }
  const whole = WHOLE_MARKET[offsetType];
  if (side === "SELL" && whole !== undefined && value.gte(whole.limit)) {
    const what = field === "offset" ? "trigger" : "limit";
    const outcome = field === "offset" ? "where it never fires" : "which is no price";
    issue(
      ctx,
      `trailing.${field}`,
      `a SELL ${type}'s ${offsetType} ${field} must be below ${whole.limit}, got ${value.toFixed()}: ${whole.unit} or more below the market puts its ${what} at or below 0, ${outcome}`,
    );
  }
}

/**
 * An order request as users and strategies write it. Structural rules live here (types, required fields
 * per order type, TIF combinations); instrument rules (tick, lot, limits) are in `validateOrderRequest`.
 */
export const OrderRequestSchema = OrderRequestShape.superRefine(checkCombination);
export type OrderRequestInput = z.input<typeof OrderRequestSchema>;
export type OrderRequest = z.output<typeof OrderRequestSchema>;

export interface OrderValidationOptions {
  /** Check tick, lot, min/max quantity and min notional against this instrument. */
  readonly instrument?: Instrument;
  /**
   * A STOP_LIMIT whose limit is on the wrong side of its trigger (buy: limit < trigger; sell: limit >
   * trigger) may never fill once triggered. "error" refuses it; "allow" (default) lets it through.
   */
  readonly stopLimitWrongSide?: "error" | "allow";
  /** Prefix for issue paths, e.g. ["inputs", 3, "submit"]. */
  readonly path?: readonly (string | number)[];
}

/** Instrument rules: every problem, each with its stable code. */
export function instrumentIssues(request: OrderRequest, instrument: Instrument): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const id = instrument.id;
  if (request.instrumentId !== id) {
    out.push({ path: ["instrumentId"], message: `is ${request.instrumentId}, but the instrument is ${id}` });
  }
  tickIssue(out, instrument, "price", request.price, "limit price");
  tickIssue(out, instrument, "triggerPrice", request.triggerPrice, "trigger price");
  lotIssue(out, instrument, "quantity", request.quantity);
  lotIssue(out, instrument, "displayQuantity", request.displayQuantity);
  if (instrument.minQuantity && request.quantity.lt(instrument.minQuantity)) {
    out.push({
      path: ["quantity"],
      code: DenyReason.QUANTITY_BELOW_MIN,
      message: `quantity ${request.quantity.toFixed()} is below the minimum ${instrument.minQuantity.toFixed()} for ${id}`,
    });
  }
  if (instrument.maxQuantity && request.quantity.gt(instrument.maxQuantity)) {
    out.push({
      path: ["quantity"],
      code: DenyReason.QUANTITY_ABOVE_MAX,
      message: `quantity ${request.quantity.toFixed()} is above the maximum ${instrument.maxQuantity.toFixed()} for ${id}`,
    });
  }
  const refPrice = request.price ?? request.triggerPrice;
  if (instrument.minNotional && refPrice !== undefined) {
    const notional = refPrice.times(request.quantity).times(instrument.multiplier);
    if (notional.lt(instrument.minNotional)) {
      out.push({
        path: ["quantity"],
        code: DenyReason.NOTIONAL_BELOW_MIN,
        message: `notional ${notional.toFixed()} is below the minimum ${instrument.minNotional.toFixed()} for ${id}`,
      });
    }
  }
  return out;
}

// Module functions rather than closures inside instrumentIssues: it runs for every order submitted.
function tickIssue(
  out: ValidationIssue[],
  instrument: Instrument,
  field: "price" | "triggerPrice",
  value: Decimal | undefined,
  label: string,
): void {
  const tick = instrument.tickSize;
  if (value !== undefined && !isOnStep(value, tick)) {
    out.push({
      path: [field],
      code: DenyReason.PRICE_NOT_ON_TICK,
      message: `${label} ${value.toFixed()} is not a multiple of tick size ${tick.toFixed()} for ${instrument.id}`,
    });
  }
}

function lotIssue(
  out: ValidationIssue[],
  instrument: Instrument,
  field: "quantity" | "displayQuantity",
  value: Decimal | undefined,
): void {
  if (value !== undefined && !isOnStep(value, instrument.lotSize)) {
    out.push({
      path: [field],
      code: DenyReason.QUANTITY_NOT_ON_LOT,
      message: `${field} ${value.toFixed()} is not a multiple of lot size ${instrument.lotSize.toFixed()} for ${instrument.id}`,
    });
  }
}

/**
 * A zod issue of an order field in Ordo's words: a value that is not one of the allowed ones is echoed,
 * with the allowed one it is closest to (`type: Invalid option: expected one of "MARKET"|"LIMIT"|...,
 * got "LIMT" (did you mean "LIMIT"?)`).
 */
function orderFieldIssue(issue: z.core.$ZodIssue, prefix: readonly (string | number)[]): ValidationIssue {
  const path = [...prefix, ...(issue.path as (string | number)[])];
  if (issue.code !== "invalid_value" || issue.input === undefined || issue.message.includes(", got "))
    return { path, message: issue.message };
  const allowed = issue.values.filter((v): v is string => typeof v === "string");
  const hint = typeof issue.input === "string" ? didYouMean(issue.input, allowed) : "";
  return { path, message: `${issue.message}, got ${JSON.stringify(issue.input)}${hint}` };
}

/**
 * The problems of order fields each on its own, before the rest of the order is known (an order
 * template's defaults): a value of the wrong kind or not among the allowed ones. A field that is not an
 * order field, or left undefined, is not looked at.
 */
export function orderFieldIssues(
  fields: Readonly<Record<string, unknown>>,
  path: readonly (string | number)[] = [],
): ValidationIssue[] {
  const shape: Readonly<Record<string, z.ZodType>> = OrderRequestSchema.shape;
  return Object.entries(fields).flatMap(([key, value]) => {
    const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (field === undefined || value === undefined) return [];
    const parsed = field.safeParse(value, { reportInput: true });
    return parsed.success ? [] : parsed.error.issues.map((i) => orderFieldIssue(i, [...path, key]));
  });
}

/**
 * Validates an order request: structure, field combinations and (given an instrument) its rules. Returns
 * the parsed request (decimals as Decimal, times as epoch ms) or throws one ValidationError listing every
 * problem with its field.
 */
export function validateOrderRequest(input: unknown, options: OrderValidationOptions = {}): OrderRequest {
  const prefix = options.path ?? [];
  const parsed = OrderRequestSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    throw new ValidationError(parsed.error.issues.map((i) => orderFieldIssue(i, prefix)));
  }
  const request = parsed.data;
  const issues: ValidationIssue[] = [];
  if (
    options.stopLimitWrongSide === "error" &&
    request.type === "STOP_LIMIT" &&
    request.price !== undefined &&
    request.triggerPrice !== undefined
  ) {
    const wrong =
      request.side === "BUY"
        ? request.price.lt(request.triggerPrice)
        : request.price.gt(request.triggerPrice);
    if (wrong) {
      issues.push({
        path: ["price"],
        message:
          request.side === "BUY"
            ? `a BUY STOP_LIMIT's limit ${request.price.toFixed()} is below its trigger ${request.triggerPrice.toFixed()}`
            : `a SELL STOP_LIMIT's limit ${request.price.toFixed()} is above its trigger ${request.triggerPrice.toFixed()}`,
      });
    }
  }
  if (options.instrument) issues.push(...instrumentIssues(request, options.instrument));
  if (issues.length > 0)
    throw new ValidationError(issues.map((i) => ({ ...i, path: [...prefix, ...i.path] })));
  return request;
}

import { z } from "zod";
import { Decimal, DecimalSchema, decimalToString, PositiveDecimalSchema } from "./decimal.js";
import {
  CONTINGENCY_TYPES,
  type LiquiditySide,
  ORDER_SIDES,
  ORDER_TYPES,
  type OrderSide,
  TIMES_IN_FORCE,
  TRAILING_OFFSET_TYPES,
} from "./enums.js";
import { ValidationError } from "./errors.js";
import type { OrderSpec } from "./order.js";
import { formatTimestamp, TimestampSchema, type UnixMillis } from "./time.js";

/** Every order event names its order, instrument and strategy, when it happened and when it was created. */
export interface OrderEventBase {
  readonly orderId: string;
  readonly instrumentId: string;
  readonly strategyId: string;
  /** When it happened (venue time, or the node's clock for local events). */
  readonly tsEvent: UnixMillis;
  /** When this event object was created by the node. */
  readonly tsInit: UnixMillis;
}

export interface OrderInitialized extends OrderEventBase {
  readonly type: "OrderInitialized";
  readonly spec: OrderSpec;
}
export interface OrderDenied extends OrderEventBase {
  readonly type: "OrderDenied";
  /** A DenyReason code (INSUFFICIENT_FUNDS, CIRCUIT_OPEN, ...). */
  readonly code: string;
  readonly reason: string;
}
export interface OrderHeld extends OrderEventBase {
  readonly type: "OrderHeld";
  readonly reason: string;
}
export interface OrderReleased extends OrderEventBase {
  readonly type: "OrderReleased";
  /** The market price that released an emulated order, when there was one. */
  readonly releasedPrice: Decimal | null;
}
export interface OrderSubmitted extends OrderEventBase {
  readonly type: "OrderSubmitted";
}
export interface OrderAccepted extends OrderEventBase {
  readonly type: "OrderAccepted";
  readonly venueOrderId: string;
}
export interface OrderRejected extends OrderEventBase {
  readonly type: "OrderRejected";
  readonly reason: string;
}
export interface OrderTriggered extends OrderEventBase {
  readonly type: "OrderTriggered";
}
export interface OrderPendingUpdate extends OrderEventBase {
  readonly type: "OrderPendingUpdate";
}
export interface OrderUpdated extends OrderEventBase {
  readonly type: "OrderUpdated";
  /** The new values; null where unchanged. */
  readonly quantity: Decimal | null;
  readonly price: Decimal | null;
  readonly triggerPrice: Decimal | null;
}
export interface OrderModifyRejected extends OrderEventBase {
  readonly type: "OrderModifyRejected";
  readonly reason: string;
}
export interface OrderPendingCancel extends OrderEventBase {
  readonly type: "OrderPendingCancel";
}
export interface OrderCanceled extends OrderEventBase {
  readonly type: "OrderCanceled";
  readonly reason: string | null;
}
export interface OrderCancelRejected extends OrderEventBase {
  readonly type: "OrderCancelRejected";
  readonly reason: string;
}
export interface OrderExpired extends OrderEventBase {
  readonly type: "OrderExpired";
}
export interface OrderFilled extends OrderEventBase {
  readonly type: "OrderFilled";
  readonly tradeId: string;
  readonly venueOrderId: string | null;
  readonly side: OrderSide;
  readonly price: Decimal;
  readonly quantity: Decimal;
  readonly commission: Decimal;
  readonly commissionCurrency: string;
  readonly liquidity: LiquiditySide;
}
export interface OrderFailed extends OrderEventBase {
  readonly type: "OrderFailed";
  readonly reason: string;
}

export type OrderEvent =
  | OrderInitialized
  | OrderDenied
  | OrderHeld
  | OrderReleased
  | OrderSubmitted
  | OrderAccepted
  | OrderRejected
  | OrderTriggered
  | OrderPendingUpdate
  | OrderUpdated
  | OrderModifyRejected
  | OrderPendingCancel
  | OrderCanceled
  | OrderCancelRejected
  | OrderExpired
  | OrderFilled
  | OrderFailed;

export type OrderEventType = OrderEvent["type"];
export type OrderEventOf<T extends OrderEventType> = Extract<OrderEvent, { type: T }>;

export const ORDER_EVENT_TYPES = [
  "OrderInitialized",
  "OrderDenied",
  "OrderHeld",
  "OrderReleased",
  "OrderSubmitted",
  "OrderAccepted",
  "OrderRejected",
  "OrderTriggered",
  "OrderPendingUpdate",
  "OrderUpdated",
  "OrderModifyRejected",
  "OrderPendingCancel",
  "OrderCanceled",
  "OrderCancelRejected",
  "OrderExpired",
  "OrderFilled",
  "OrderFailed",
] as const satisfies readonly OrderEventType[];

/** The fields that identify which order an event belongs to. */
export type OrderRef = Pick<OrderEventBase, "orderId" | "instrumentId" | "strategyId">;

/**
 * Builds an event for `order` at `ts` (tsInit defaults to tsEvent): the one way components create events,
 * so the identifying fields are always copied the same way.
 * `orderEvent(order, "OrderAccepted", ts, { venueOrderId: "V-1" })`
 */
export function orderEvent<T extends OrderEventType>(
  order: OrderRef | { readonly id: string; readonly instrumentId: string; readonly strategyId: string },
  type: T,
  ts: UnixMillis,
  fields: Omit<OrderEventOf<T>, keyof OrderEventBase | "type">,
  tsInit: UnixMillis = ts,
): OrderEventOf<T> {
  const orderId = "orderId" in order ? order.orderId : order.id;
  return {
    type,
    orderId,
    instrumentId: order.instrumentId,
    strategyId: order.strategyId,
    tsEvent: ts,
    tsInit,
    ...fields,
  } as unknown as OrderEventOf<T>;
}

// ---------------------------------------------------------------------------------------------------------
// JSON: decimals as strings, times as ISO-8601 UTC. `orderEventFromJSON(orderEventToJSON(e))` equals `e`.
// ---------------------------------------------------------------------------------------------------------

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Any Ordo value as JSON: Decimal -> string, and the keys named in `timeKeys` (epoch ms) -> ISO strings. */
export function toJsonValue(value: unknown, timeKeys: ReadonlySet<string> = TIME_KEYS, key = ""): Json {
  if (value instanceof Decimal) return decimalToString(value);
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return timeKeys.has(key) ? formatTimestamp(value) : value;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map((v) => toJsonValue(v, timeKeys));
  if (typeof value === "object") {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) out[k] = toJsonValue(v, timeKeys, k);
    return out;
  }
  throw new TypeError(`cannot convert ${typeof value} to JSON`);
}

const TIME_KEYS: ReadonlySet<string> = new Set([
  "tsEvent",
  "tsInit",
  "expireAt",
  "initAt",
  "updatedAt",
  "at",
  "ts",
]);

const nullableDecimal = DecimalSchema.nullable();
const base = {
  orderId: z.string(),
  instrumentId: z.string(),
  strategyId: z.string(),
  tsEvent: TimestampSchema,
  tsInit: TimestampSchema,
};

const OrderSpecJsonSchema = z.object({
  id: z.string(),
  instrumentId: z.string(),
  strategyId: z.string(),
  side: z.enum(ORDER_SIDES),
  type: z.enum(ORDER_TYPES),
  quantity: PositiveDecimalSchema,
  price: nullableDecimal,
  triggerPrice: nullableDecimal,
  timeInForce: z.enum(TIMES_IN_FORCE),
  expireAt: TimestampSchema.nullable(),
  trailing: z
    .object({
      offsetType: z.enum(TRAILING_OFFSET_TYPES),
      offset: PositiveDecimalSchema,
      limitOffset: nullableDecimal,
      activationPrice: nullableDecimal,
    })
    .nullable(),
  reduceOnly: z.boolean(),
  postOnly: z.boolean(),
  displayQuantity: nullableDecimal,
  contingency: z
    .object({
      type: z.enum(CONTINGENCY_TYPES).nullable(),
      linkedIds: z.array(z.string()),
      parentId: z.string().nullable(),
    })
    .nullable(),
  tags: z.array(z.string()),
});

/** zod schema of an order event's JSON form; parsing gives back the in-memory event. */
export const OrderEventJsonSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("OrderInitialized"), ...base, spec: OrderSpecJsonSchema }),
  z.object({ type: z.literal("OrderDenied"), ...base, code: z.string(), reason: z.string() }),
  z.object({ type: z.literal("OrderHeld"), ...base, reason: z.string() }),
  z.object({ type: z.literal("OrderReleased"), ...base, releasedPrice: nullableDecimal }),
  z.object({ type: z.literal("OrderSubmitted"), ...base }),
  z.object({ type: z.literal("OrderAccepted"), ...base, venueOrderId: z.string() }),
  z.object({ type: z.literal("OrderRejected"), ...base, reason: z.string() }),
  z.object({ type: z.literal("OrderTriggered"), ...base }),
  z.object({ type: z.literal("OrderPendingUpdate"), ...base }),
  z.object({
    type: z.literal("OrderUpdated"),
    ...base,
    quantity: nullableDecimal,
    price: nullableDecimal,
    triggerPrice: nullableDecimal,
  }),
  z.object({ type: z.literal("OrderModifyRejected"), ...base, reason: z.string() }),
  z.object({ type: z.literal("OrderPendingCancel"), ...base }),
  z.object({ type: z.literal("OrderCanceled"), ...base, reason: z.string().nullable() }),
  z.object({ type: z.literal("OrderCancelRejected"), ...base, reason: z.string() }),
  z.object({ type: z.literal("OrderExpired"), ...base }),
  z.object({
    type: z.literal("OrderFilled"),
    ...base,
    tradeId: z.string(),
    venueOrderId: z.string().nullable(),
    side: z.enum(ORDER_SIDES),
    price: PositiveDecimalSchema,
    quantity: PositiveDecimalSchema,
    commission: DecimalSchema,
    commissionCurrency: z.string(),
    liquidity: z.enum(["MAKER", "TAKER"]),
  }),
  z.object({ type: z.literal("OrderFailed"), ...base, reason: z.string() }),
]);
// Compile-time check that the JSON schema produces exactly the event types.
const _eventsMatch: z.output<typeof OrderEventJsonSchema> extends OrderEvent ? true : never = true;
void _eventsMatch;

export type OrderEventJson = z.input<typeof OrderEventJsonSchema>;

/** An order event as JSON: decimals as strings, times as ISO-8601 UTC strings. */
export function orderEventToJSON(event: OrderEvent): OrderEventJson {
  return toJsonValue(event) as OrderEventJson;
}

/** Parses an order event from its JSON form; throws a ValidationError naming the bad field. */
export function orderEventFromJSON(json: unknown): OrderEvent {
  const parsed = OrderEventJsonSchema.safeParse(json);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message })),
    );
  }
  return parsed.data as OrderEvent;
}

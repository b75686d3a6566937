// Builders shared by the core tests: an instrument, order specs of every type, and events with sensible
// defaults, so each test spells out only what it is about.
import {
  createInstrument,
  dec,
  initialOrderState,
  type Order,
  type OrderEvent,
  type OrderEventBase,
  type OrderEventOf,
  type OrderEventType,
  type OrderSpec,
  type OrderType,
  orderEvent,
  toJsonValue,
} from "../src/index.js";

export const T0 = Date.parse("2024-01-02T14:30:00Z");

export const AAPL = createInstrument({
  id: "AAPL.XNAS",
  assetClass: "equity",
  currency: "USD",
  tickSize: "0.01",
});

/** Per order type, the price fields a well-formed order of that type carries. */
const PRICE_FIELDS: Record<OrderType, Partial<OrderSpec>> = {
  MARKET: {},
  LIMIT: { price: dec("101") },
  STOP_MARKET: { triggerPrice: dec("100") },
  STOP_LIMIT: { price: dec("101"), triggerPrice: dec("100") },
  MARKET_IF_TOUCHED: { triggerPrice: dec("99") },
  LIMIT_IF_TOUCHED: { price: dec("99.5"), triggerPrice: dec("99") },
  TRAILING_STOP_MARKET: {
    trailing: { offsetType: "PRICE", offset: dec("1"), limitOffset: null, activationPrice: null },
  },
  TRAILING_STOP_LIMIT: {
    trailing: { offsetType: "PRICE", offset: dec("1"), limitOffset: dec("0.5"), activationPrice: null },
  },
  MARKET_TO_LIMIT: {},
};

/** A BUY 100 STOP_LIMIT (limit 101, trigger 100) unless told otherwise. */
export function spec(overrides: Partial<OrderSpec> = {}): OrderSpec {
  const type = overrides.type ?? "STOP_LIMIT";
  return {
    id: "O-1",
    instrumentId: AAPL.id,
    strategyId: "S-1",
    side: "BUY",
    type,
    quantity: dec("100"),
    price: null,
    triggerPrice: null,
    timeInForce: "GTC",
    expireAt: null,
    trailing: null,
    reduceOnly: false,
    postOnly: false,
    displayQuantity: null,
    contingency: null,
    tags: [],
    ...PRICE_FIELDS[type],
    ...overrides,
  };
}

export function newOrder(overrides: Partial<OrderSpec> = {}): Order {
  return initialOrderState(spec(overrides), T0);
}

type EventFields<T extends OrderEventType> = Omit<OrderEventOf<T>, keyof OrderEventBase | "type">;
export type NonInitEventType = Exclude<OrderEventType, "OrderInitialized">;

let tradeSeq = 0;

function defaults<T extends NonInitEventType>(order: Order, type: T): EventFields<T> {
  const all: { [K in NonInitEventType]: () => EventFields<K> } = {
    OrderDenied: () => ({ code: "INSUFFICIENT_FUNDS", reason: "cash 100 USD < 10100 USD needed" }),
    OrderHeld: () => ({ reason: "emulated: the venue has no STOP_LIMIT" }),
    OrderReleased: () => ({ releasedPrice: null }),
    OrderSubmitted: () => ({}),
    OrderAccepted: () => ({ venueOrderId: "V-1" }),
    OrderRejected: () => ({ reason: "venue: market closed" }),
    OrderTriggered: () => ({}),
    OrderPendingUpdate: () => ({}),
    OrderUpdated: () => ({ quantity: dec("120"), price: dec("101.5"), triggerPrice: null }),
    OrderModifyRejected: () => ({ reason: "venue: too late to modify" }),
    OrderPendingCancel: () => ({}),
    OrderCanceled: () => ({ reason: null }),
    OrderCancelRejected: () => ({ reason: "venue: too late to cancel" }),
    OrderExpired: () => ({}),
    OrderFilled: () => ({
      tradeId: `E-${++tradeSeq}`,
      venueOrderId: "V-1",
      side: order.side,
      price: dec("101"),
      quantity: dec("10"),
      commission: dec("0.05"),
      commissionCurrency: "USD",
      liquidity: "TAKER",
    }),
    OrderFailed: () => ({ reason: "connection lost; the venue never saw it" }),
  };
  return all[type]() as EventFields<T>;
}

/** An event of `type` for `order` at T0 + `dt`, with defaults overridden by `fields`. */
export function event<T extends NonInitEventType>(
  order: Order,
  type: T,
  fields: Partial<EventFields<T>> = {},
  dt = 1,
): OrderEventOf<T> {
  return orderEvent(order, type, T0 + dt, { ...defaults(order, type), ...fields } as EventFields<T>);
}

/** A fill of `quantity` at `price` (trade id unique unless given). */
export function fill(
  order: Order,
  quantity: string,
  price = "101",
  fields: Partial<EventFields<"OrderFilled">> = {},
): OrderEvent {
  return event(order, "OrderFilled", { quantity: dec(quantity), price: dec(price), ...fields });
}

/** The whole order as JSON text: equal snapshots mean nothing changed, Decimals included. */
export function snapshot(order: Order): string {
  return JSON.stringify(toJsonValue(order));
}

/** Freezes the order and its nested plain objects, so any attempt to mutate it throws. */
export function freezeOrder(order: Order): Order {
  Object.freeze(order.tradeIds);
  Object.freeze(order.tags);
  Object.freeze(order.commissions);
  if (order.contingency) Object.freeze(order.contingency.linkedIds);
  if (order.contingency) Object.freeze(order.contingency);
  if (order.trailing) Object.freeze(order.trailing);
  return Object.freeze(order);
}

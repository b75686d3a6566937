import { type Decimal, ZERO } from "./decimal.js";
import type {
  ContingencyType,
  OrderSide,
  OrderStatus,
  OrderType,
  TimeInForce,
  TrailingOffsetType,
} from "./enums.js";
import { NO_COMMISSIONS, NO_TRADE_IDS } from "./order-defaults.js";
import { nextOrder } from "./order-next.js";
import type { UnixMillis } from "./time.js";

export interface TrailingOffset {
  readonly offsetType: TrailingOffsetType;
  readonly offset: Decimal;
  readonly limitOffset: Decimal | null;
  readonly activationPrice: Decimal | null;
}

export interface OrderContingency {
  /** OTO on a parent (its linked ids are its children); OCO / OUO among siblings; null on a plain child. */
  readonly type: ContingencyType | null;
  readonly linkedIds: readonly string[];
  readonly parentId: string | null;
}

/** What an order is: fixed at creation (OrderInitialized); prices and quantity change only by OrderUpdated. */
export interface OrderSpec {
  readonly id: string;
  readonly instrumentId: string;
  readonly strategyId: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly quantity: Decimal;
  readonly price: Decimal | null;
  readonly triggerPrice: Decimal | null;
  readonly timeInForce: TimeInForce;
  readonly expireAt: UnixMillis | null;
  readonly trailing: TrailingOffset | null;
  readonly reduceOnly: boolean;
  readonly postOnly: boolean;
  readonly displayQuantity: Decimal | null;
  readonly contingency: OrderContingency | null;
  readonly tags: readonly string[];
}

/**
 * An order's state. Immutable: `applyEvent(order, event)` returns the next state, and is the only way to
 * get one. `filledQuantity + leavesQuantity = quantity` always (leaves is 0 after an allowed overfill).
 */
export interface Order extends OrderSpec {
  readonly status: OrderStatus;
  /** The status an order had when it entered PENDING_UPDATE / PENDING_CANCEL, restored by a rejection. */
  readonly statusBeforePending: OrderStatus | null;
  readonly venueOrderId: string | null;
  readonly isTriggered: boolean;
  readonly filledQuantity: Decimal;
  readonly leavesQuantity: Decimal;
  /** Quantity-weighted average fill price; null before the first fill. */
  readonly avgPrice: Decimal | null;
  /** Σ price × quantity over fills: avgPrice = fillNotional / filledQuantity, exactly. */
  readonly fillNotional: Decimal;
  /** Filled beyond quantity (only when the node allows overfills). */
  readonly overfillQuantity: Decimal;
  readonly commissions: Readonly<Record<string, Decimal>>;
  readonly tradeIds: readonly string[];
  readonly initAt: UnixMillis;
  readonly updatedAt: UnixMillis;
  readonly eventCount: number;
}

/** The fields of an order that events change. */
export type OrderStatePatch = {
  -readonly [K in Exclude<keyof Order, keyof OrderSpec> | "quantity" | "price" | "triggerPrice"]?: Order[K];
};

/** A copy of `order` with `patch` applied. */
export function orderWith(order: Order, patch: OrderStatePatch): Order {
  return nextOrder(
    order,
    patch,
    patch.status ?? order.status,
    patch.statusBeforePending !== undefined ? patch.statusBeforePending : order.statusBeforePending,
    patch.updatedAt ?? order.updatedAt,
    patch.eventCount ?? order.eventCount,
  );
}

/** The state of a newly created order. */
export function initialOrderState(spec: OrderSpec, ts: UnixMillis): Order {
  return {
    id: spec.id,
    instrumentId: spec.instrumentId,
    strategyId: spec.strategyId,
    side: spec.side,
    type: spec.type,
    quantity: spec.quantity,
    price: spec.price,
    triggerPrice: spec.triggerPrice,
    timeInForce: spec.timeInForce,
    expireAt: spec.expireAt,
    trailing: spec.trailing,
    reduceOnly: spec.reduceOnly,
    postOnly: spec.postOnly,
    displayQuantity: spec.displayQuantity,
    contingency: spec.contingency,
    tags: spec.tags,
    status: "INITIALIZED",
    statusBeforePending: null,
    venueOrderId: null,
    isTriggered: false,
    filledQuantity: ZERO,
    leavesQuantity: spec.quantity,
    avgPrice: null,
    fillNotional: ZERO,
    overfillQuantity: ZERO,
    commissions: NO_COMMISSIONS,
    tradeIds: NO_TRADE_IDS,
    initAt: ts,
    updatedAt: ts,
    eventCount: 1,
  };
}

// Status groups, as in ../shared/reference/order-state-machine.md.
const TERMINAL: ReadonlySet<OrderStatus> = new Set([
  "DENIED",
  "REJECTED",
  "CANCELED",
  "EXPIRED",
  "FILLED",
  "FAILED",
]);
const OPEN: ReadonlySet<OrderStatus> = new Set([
  "ACCEPTED",
  "TRIGGERED",
  "PENDING_UPDATE",
  "PENDING_CANCEL",
  "PARTIALLY_FILLED",
]);
const LOCAL: ReadonlySet<OrderStatus> = new Set(["INITIALIZED", "HELD", "RELEASED"]);
const IN_FLIGHT: ReadonlySet<OrderStatus> = new Set(["SUBMITTED", "PENDING_UPDATE", "PENDING_CANCEL"]);

/** Terminal: DENIED, REJECTED, CANCELED, EXPIRED, FILLED, FAILED (a CANCELED order may still take a late fill). */
export function isClosed(status: OrderStatus): boolean {
  return TERMINAL.has(status);
}
/** Working at the venue: ACCEPTED, TRIGGERED, PENDING_UPDATE, PENDING_CANCEL, PARTIALLY_FILLED ("open" to users). */
export function isOpen(status: OrderStatus): boolean {
  return OPEN.has(status);
}
/** Not yet sent: INITIALIZED, HELD, RELEASED. */
export function isLocal(status: OrderStatus): boolean {
  return LOCAL.has(status);
}
/** Sent and awaiting the venue's answer: SUBMITTED, PENDING_UPDATE, PENDING_CANCEL. */
export function isInFlight(status: OrderStatus): boolean {
  return IN_FLIGHT.has(status);
}
/** Not terminal: local, in flight or open. What a strategy counts as "its open orders". */
export function isActive(status: OrderStatus): boolean {
  return !TERMINAL.has(status);
}

/** Signed quantity: + for buys, − for sells. */
export function signedQuantity(side: OrderSide, quantity: Decimal): Decimal {
  return side === "BUY" ? quantity : quantity.neg();
}

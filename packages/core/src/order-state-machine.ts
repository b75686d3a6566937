import { Decimal, ZERO } from "./decimal.js";
import { compare, exactProduct, isAboveZero, minus, plus, times } from "./decimal-shortcuts.js";
import { canBeTriggered, type OrderStatus } from "./enums.js";
import { InvalidStateTransitionError } from "./errors.js";
import type { OrderEvent, OrderEventType, OrderFilled, OrderUpdated } from "./events.js";
import type { Order, OrderStatePatch } from "./order.js";
import { NO_COMMISSIONS } from "./order-defaults.js";
import { nextOrder } from "./order-next.js";

/**
 * Where an event takes an order: a status, or
 * - "SAME": stays in its status (Updated on a working order, repeated pending requests);
 * - "BEFORE_PENDING": back to the status it had before PENDING_UPDATE / PENDING_CANCEL;
 * - "FILL": PARTIALLY_FILLED while filled < quantity, else FILLED.
 */
export type TransitionTarget = OrderStatus | "SAME" | "BEFORE_PENDING" | "FILL";

type EventWithoutInit = Exclude<OrderEventType, "OrderInitialized">;

/**
 * The order state machine, as data: from status, event -> target. Anything not listed is refused.
 * Reviewed against ../shared/reference/order-state-machine.md (NautilusTrader's table plus the names the
 * rest of the field uses); `test/order-state-machine.test.ts` checks every status × event pair.
 */
export const ORDER_TRANSITIONS: Readonly<
  Record<OrderStatus, Readonly<Partial<Record<EventWithoutInit, TransitionTarget>>>>
> = {
  INITIALIZED: {
    OrderDenied: "DENIED",
    OrderHeld: "HELD",
    OrderReleased: "RELEASED",
    OrderSubmitted: "SUBMITTED",
    OrderUpdated: "SAME",
    // Orders reconciled from the venue (created elsewhere) may go straight to what the venue reports.
    OrderAccepted: "ACCEPTED",
    OrderRejected: "REJECTED",
    OrderCanceled: "CANCELED",
    OrderExpired: "EXPIRED",
    OrderTriggered: "TRIGGERED",
  },
  HELD: {
    OrderReleased: "RELEASED",
    OrderCanceled: "CANCELED",
    OrderExpired: "EXPIRED",
    OrderUpdated: "SAME",
  },
  RELEASED: {
    OrderSubmitted: "SUBMITTED",
    OrderDenied: "DENIED",
    OrderCanceled: "CANCELED",
    OrderUpdated: "SAME",
  },
  SUBMITTED: {
    OrderAccepted: "ACCEPTED",
    OrderRejected: "REJECTED",
    OrderCanceled: "CANCELED",
    OrderPendingUpdate: "PENDING_UPDATE",
    OrderPendingCancel: "PENDING_CANCEL",
    OrderFilled: "FILL",
    OrderFailed: "FAILED",
    OrderUpdated: "SAME",
  },
  ACCEPTED: {
    OrderRejected: "REJECTED",
    OrderCanceled: "CANCELED",
    OrderExpired: "EXPIRED",
    OrderTriggered: "TRIGGERED",
    OrderPendingUpdate: "PENDING_UPDATE",
    OrderPendingCancel: "PENDING_CANCEL",
    OrderFilled: "FILL",
    OrderUpdated: "SAME",
  },
  TRIGGERED: {
    OrderRejected: "REJECTED",
    OrderCanceled: "CANCELED",
    OrderExpired: "EXPIRED",
    OrderPendingUpdate: "PENDING_UPDATE",
    OrderPendingCancel: "PENDING_CANCEL",
    OrderFilled: "FILL",
    OrderUpdated: "SAME",
  },
  PENDING_UPDATE: {
    OrderAccepted: "ACCEPTED",
    OrderRejected: "REJECTED",
    OrderCanceled: "CANCELED",
    OrderExpired: "EXPIRED",
    OrderTriggered: "TRIGGERED",
    OrderPendingUpdate: "SAME",
    OrderPendingCancel: "PENDING_CANCEL",
    OrderFilled: "FILL",
    OrderSubmitted: "SAME",
    OrderUpdated: "BEFORE_PENDING",
    OrderModifyRejected: "BEFORE_PENDING",
  },
  PENDING_CANCEL: {
    OrderCanceled: "CANCELED",
    OrderRejected: "REJECTED",
    OrderAccepted: "ACCEPTED",
    OrderExpired: "EXPIRED",
    OrderPendingCancel: "SAME",
    OrderFilled: "FILL",
    OrderCancelRejected: "BEFORE_PENDING",
  },
  PARTIALLY_FILLED: {
    OrderFilled: "FILL",
    OrderCanceled: "CANCELED",
    OrderExpired: "EXPIRED",
    OrderPendingUpdate: "PENDING_UPDATE",
    OrderPendingCancel: "PENDING_CANCEL",
    OrderUpdated: "SAME",
  },
  // A canceled order can still receive a late fill: real venues do this.
  CANCELED: { OrderFilled: "FILL" },
  DENIED: {},
  REJECTED: {},
  EXPIRED: {},
  FILLED: {},
  FAILED: {},
};

export interface ApplyOptions {
  /** Record fills beyond the order's quantity (the order is FILLED, leaves 0) instead of refusing them. */
  readonly allowOverfill?: boolean;
}

/** The target of `eventType` from `status`, or undefined when the table refuses it. */
export function transitionTarget(
  status: OrderStatus,
  eventType: OrderEventType,
): TransitionTarget | undefined {
  if (eventType === "OrderInitialized") return undefined;
  return ORDER_TRANSITIONS[status][eventType];
}

/** Whether the table allows `eventType` in `status` (before the per-event checks such as duplicate fills). */
export function canApply(status: OrderStatus, eventType: OrderEventType): boolean {
  return transitionTarget(status, eventType) !== undefined;
}

function refuse(order: Order, event: OrderEvent, detail?: string, code?: string): never {
  throw new InvalidStateTransitionError(order.id, order.status, event.type, detail, code);
}

function fillPatch(order: Order, event: OrderFilled, options: ApplyOptions): OrderStatePatch {
  if (order.tradeIds.includes(event.tradeId)) {
    refuse(
      order,
      event,
      `order ${order.id} already applied a fill with trade id ${event.tradeId}`,
      "DUPLICATE_FILL",
    );
  }
  const quantity = event.quantity;
  if (!isAboveZero(quantity)) {
    // A zero fill would divide by zero in the average price; a negative one would undo history.
    refuse(
      order,
      event,
      `fill quantity must be greater than zero, got ${quantity.toFixed()} (trade id ${event.tradeId})`,
      "INVALID_FILL",
    );
  }
  if (event.side !== order.side) {
    refuse(
      order,
      event,
      `fill side ${event.side} does not match order ${order.id} side ${order.side}`,
      "FILL_SIDE_MISMATCH",
    );
  }
  // Decimals are immutable, so a value already held (the order's quantity, the fill's price and
  // commission, ZERO) is shared instead of recomputed: most orders fill whole in one fill.
  let filled = plus(order.filledQuantity, quantity);
  const vsQuantity = compare(filled, order.quantity);
  let leaves = ZERO;
  let overfill = ZERO;
  if (vsQuantity > 0) {
    if (!options.allowOverfill) {
      refuse(
        order,
        event,
        `fill of ${quantity.toFixed()} would overfill order ${order.id} (quantity ${order.quantity.toFixed()}, filled ${order.filledQuantity.toFixed()})`,
        "OVERFILL",
      );
    }
    overfill = filled.minus(order.quantity);
  } else if (vsQuantity === 0) {
    if (isOrdo(order.quantity)) filled = order.quantity;
  } else {
    // max(0, quantity − filled) is the difference itself here (NaN included).
    leaves = minus(order.quantity, filled);
  }
  const price = event.price;
  const amount = times(price, quantity);
  const notional = plus(order.fillNotional, amount);
  // A first fill's average is its price when price × quantity was exact (and the sum added nothing).
  const avgPrice =
    notional === amount &&
    order.filledQuantity.isZero() &&
    !price.isZero() &&
    isOrdo(price) &&
    exactProduct(price, quantity)
      ? price
      : notional.div(filled);
  const currency = event.commissionCurrency;
  const first = order.commissions === NO_COMMISSIONS;
  // Own keys only: a currency code such as "constructor" must not read what Object.prototype has.
  const before = first || !Object.hasOwn(order.commissions, currency) ? ZERO : order.commissions[currency]!;
  const commission = plus(before, event.commission);
  const commissions = first
    ? oneCommission(currency, commission)
    : { ...order.commissions, [currency]: commission };
  return {
    status: leaves.isZero() ? "FILLED" : "PARTIALLY_FILLED",
    venueOrderId: event.venueOrderId ?? order.venueOrderId,
    filledQuantity: filled,
    leavesQuantity: leaves,
    fillNotional: notional,
    avgPrice,
    overfillQuantity: overfill,
    commissions,
    tradeIds: order.tradeIds.length === 0 ? [event.tradeId] : [...order.tradeIds, event.tradeId],
  };
}

/**
 * `{ [currency]: commission }`, made by a keyed store: a literal with a computed key is a runtime call
 * each time it runs before the JIT has optimized it, a store to one key seen before is not. ("__proto__"
 * as a key would set the prototype: that one keeps the literal.)
 */
function oneCommission(currency: string, commission: Decimal): Readonly<Record<string, Decimal>> {
  if (currency === "__proto__") return { [currency]: commission };
  const commissions: Record<string, Decimal> = {};
  commissions[currency] = commission;
  return commissions;
}

/** Whether `x` is Ordo's own Decimal (a foreign clone would compute later sums at its own precision). */
function isOrdo(x: Decimal): boolean {
  return x.constructor === Decimal;
}

function updatePatch(order: Order, event: OrderUpdated): OrderStatePatch {
  const quantity = event.quantity ?? order.quantity;
  if (quantity.lte(order.filledQuantity)) {
    refuse(
      order,
      event,
      `cannot update order ${order.id} to quantity ${quantity.toFixed()}: ${order.filledQuantity.toFixed()} already filled (cancel it instead)`,
      "INVALID_QUANTITY",
    );
  }
  return {
    quantity,
    leavesQuantity: quantity.minus(order.filledQuantity),
    price: event.price ?? order.price,
    triggerPrice: event.triggerPrice ?? order.triggerPrice,
  };
}

/**
 * Applies an event to an order and returns the new state: the only way an order changes. Throws an
 * InvalidStateTransitionError (and the order is untouched: it is immutable) when the table refuses the
 * event, for a fill whose trade id was already applied (DUPLICATE_FILL), a fill quantity that is not
 * positive (INVALID_FILL), an overfill (OVERFILL) unless allowed, a trigger on an order type that has none, or an event for another order.
 */
export function applyEvent(order: Order, event: OrderEvent, options: ApplyOptions = NO_OPTIONS): Order {
  if (event.orderId !== order.id) {
    refuse(order, event, `event for order ${event.orderId} applied to order ${order.id}`, "ORDER_MISMATCH");
  }
  const target = transitionTarget(order.status, event.type);
  if (target === undefined) refuse(order, event);
  if (event.type === "OrderTriggered" && !canBeTriggered(order.type)) {
    refuse(order, event, `order ${order.id} of type ${order.type} has no triggered state`);
  }

  let patch: OrderStatePatch;
  switch (event.type) {
    case "OrderFilled":
      patch = fillPatch(order, event, options);
      break;
    case "OrderUpdated":
      patch = updatePatch(order, event);
      break;
    case "OrderAccepted":
      patch = { venueOrderId: event.venueOrderId };
      break;
    case "OrderTriggered":
      patch = TRIGGERED;
      break;
    default:
      patch = NO_CHANGE;
  }

  const status =
    target === "FILL"
      ? patch.status!
      : target === "SAME"
        ? order.status
        : target === "BEFORE_PENDING"
          ? (order.statusBeforePending ?? "ACCEPTED")
          : target;
  const pending = status === "PENDING_UPDATE" || status === "PENDING_CANCEL";
  const wasPending = order.status === "PENDING_UPDATE" || order.status === "PENDING_CANCEL";
  const beforePending = pending ? (wasPending ? order.statusBeforePending : order.status) : null;
  return nextOrder(order, patch, status, beforePending, event.tsEvent, order.eventCount + 1);
}

// Shared, frozen patches and options: most events change nothing but the bookkeeping.
const NO_OPTIONS: ApplyOptions = Object.freeze({});
const NO_CHANGE: OrderStatePatch = Object.freeze({});
const TRIGGERED: OrderStatePatch = Object.freeze({ isTriggered: true });

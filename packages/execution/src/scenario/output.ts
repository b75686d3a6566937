import { type Decimal, decimalToString, formatTimestamp, type Order, type OrderEvent } from "@ordo/core";

/**
 * The output document of `ordo simulate` (format 1): every order event in order, the final orders,
 * positions and account. Decimals are strings, times ISO-8601 UTC; plain JSON values only, so
 * `JSON.stringify` gives the same bytes for the same scenario.
 */
export interface ScenarioOutput {
  readonly events: readonly ScenarioEventJson[];
  readonly orders: readonly ScenarioOrderJson[];
  readonly positions: readonly ScenarioPositionJson[];
  readonly account: ScenarioAccountJson;
}

/** An order event: `at`, `type`, `orderId`, then the fields of that event type. */
export type ScenarioEventJson = {
  readonly at: string;
  readonly type: string;
  readonly orderId: string;
} & Readonly<Record<string, string | null>>;

export interface ScenarioOrderJson {
  readonly id: string;
  readonly status: string;
  readonly quantity: string;
  readonly filledQuantity: string;
  readonly leavesQuantity: string;
  readonly avgPrice: string | null;
  readonly triggerPrice: string | null;
  readonly price: string | null;
  // Beyond the reference's fields (a compatible extension): what the order was.
  readonly side: string;
  readonly type: string;
  readonly timeInForce: string;
}

export interface ScenarioPositionJson {
  readonly instrumentId: string;
  readonly quantity: string;
  readonly avgOpenPrice: string;
  readonly realizedPnl: string;
  readonly unrealizedPnl: string;
}

export interface ScenarioAccountJson {
  readonly currency: string;
  readonly balance: string;
  readonly equity: string;
  readonly commissions: string;
}

function text(value: Decimal): string {
  return decimalToString(value);
}
function nullableText(value: Decimal | null): string | null {
  return value === null ? null : decimalToString(value);
}

/** The fields each event type adds to `at`, `type` and `orderId`, in the reference's order. */
function eventFields(event: OrderEvent): Record<string, string | null> {
  switch (event.type) {
    case "OrderFilled":
      return {
        tradeId: event.tradeId,
        price: text(event.price),
        quantity: text(event.quantity),
        commission: text(event.commission),
        liquidity: event.liquidity,
      };
    case "OrderDenied":
      return { code: event.code, reason: event.reason };
    case "OrderAccepted":
      return { venueOrderId: event.venueOrderId };
    case "OrderUpdated":
      return {
        quantity: nullableText(event.quantity),
        price: nullableText(event.price),
        triggerPrice: nullableText(event.triggerPrice),
      };
    case "OrderReleased":
      return { releasedPrice: nullableText(event.releasedPrice) };
    case "OrderCanceled":
      return { reason: event.reason };
    case "OrderHeld":
    case "OrderRejected":
    case "OrderModifyRejected":
    case "OrderCancelRejected":
    case "OrderFailed":
      return { reason: event.reason };
    default:
      return {};
  }
}

export function eventToJson(event: OrderEvent): ScenarioEventJson {
  return {
    at: formatTimestamp(event.tsEvent),
    type: event.type,
    orderId: event.orderId,
    ...eventFields(event),
  };
}

export function orderToJson(order: Order): ScenarioOrderJson {
  return {
    id: order.id,
    status: order.status,
    quantity: text(order.quantity),
    filledQuantity: text(order.filledQuantity),
    leavesQuantity: text(order.leavesQuantity),
    avgPrice: nullableText(order.avgPrice),
    triggerPrice: nullableText(order.triggerPrice),
    price: nullableText(order.price),
    side: order.side,
    type: order.type,
    timeInForce: order.timeInForce,
  };
}

/** The output as `ordo simulate` prints it: 2-space indented JSON and a final newline. */
export function formatScenarioOutput(output: ScenarioOutput): string {
  return `${JSON.stringify(output, null, 2)}\n`;
}

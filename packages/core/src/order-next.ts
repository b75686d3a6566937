import type { OrderStatus } from "./enums.js";
import type { Order, OrderStatePatch } from "./order.js";
import type { UnixMillis } from "./time.js";

/**
 * The order after a change: `patch` gives the changed state fields, the bookkeeping every event changes
 * comes as arguments (so the state machine builds no patch for it). Every field is written out in one
 * literal, in the order of `initialOrderState`, so that all orders share one object shape: V8 keeps
 * property access fast and copies cheap (a spread of a 31-field object would not). Internal to core.
 */
export function nextOrder(
  order: Order,
  patch: OrderStatePatch,
  status: OrderStatus,
  statusBeforePending: OrderStatus | null,
  updatedAt: UnixMillis,
  eventCount: number,
): Order {
  return {
    id: order.id,
    instrumentId: order.instrumentId,
    strategyId: order.strategyId,
    side: order.side,
    type: order.type,
    quantity: patch.quantity ?? order.quantity,
    price: patch.price !== undefined ? patch.price : order.price,
    triggerPrice: patch.triggerPrice !== undefined ? patch.triggerPrice : order.triggerPrice,
    timeInForce: order.timeInForce,
    expireAt: order.expireAt,
    trailing: order.trailing,
    reduceOnly: order.reduceOnly,
    postOnly: order.postOnly,
    displayQuantity: order.displayQuantity,
    contingency: order.contingency,
    tags: order.tags,
    status,
    statusBeforePending,
    venueOrderId: patch.venueOrderId !== undefined ? patch.venueOrderId : order.venueOrderId,
    isTriggered: patch.isTriggered ?? order.isTriggered,
    filledQuantity: patch.filledQuantity ?? order.filledQuantity,
    leavesQuantity: patch.leavesQuantity ?? order.leavesQuantity,
    avgPrice: patch.avgPrice !== undefined ? patch.avgPrice : order.avgPrice,
    fillNotional: patch.fillNotional ?? order.fillNotional,
    overfillQuantity: patch.overfillQuantity ?? order.overfillQuantity,
    commissions: patch.commissions ?? order.commissions,
    tradeIds: patch.tradeIds ?? order.tradeIds,
    initAt: order.initAt,
    updatedAt,
    eventCount,
  };
}

import type { Order } from "@ordo/core";
import type { EmulationPlan } from "./emulation-plan.js";

/**
 * The order as the venue receives it: released trigger orders become their MARKET / LIMIT type without
 * trigger or trailing offset; links the emulator works and times in force it expires itself are left out.
 * One literal with every field, in the field order of core's `orderWith`, so all orders share one shape.
 */
export function venueCopy(order: Order, plan: EmulationPlan): Order {
  const released = plan.localTrigger;
  const sendType = plan.sendType;
  const tif = plan.sendTimeInForce;
  return {
    id: order.id,
    instrumentId: order.instrumentId,
    strategyId: order.strategyId,
    side: order.side,
    type: sendType,
    quantity: order.quantity,
    price: sendType === "MARKET" ? null : order.price,
    triggerPrice: released ? null : order.triggerPrice,
    timeInForce: tif,
    expireAt: tif === "GTD" ? order.expireAt : null,
    trailing: released ? null : order.trailing,
    reduceOnly: order.reduceOnly,
    postOnly: order.postOnly,
    displayQuantity: order.displayQuantity,
    contingency: plan.managesLinks ? null : order.contingency,
    tags: order.tags,
    status: order.status,
    statusBeforePending: order.statusBeforePending,
    venueOrderId: order.venueOrderId,
    isTriggered: order.isTriggered,
    filledQuantity: order.filledQuantity,
    leavesQuantity: order.leavesQuantity,
    avgPrice: order.avgPrice,
    fillNotional: order.fillNotional,
    overfillQuantity: order.overfillQuantity,
    commissions: order.commissions,
    tradeIds: order.tradeIds,
    initAt: order.initAt,
    updatedAt: order.updatedAt,
    eventCount: order.eventCount,
  };
}

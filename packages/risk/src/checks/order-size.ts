import { DenyReason } from "@ordo/core";
import { compare } from "../decimal-shortcuts.js";
import { deny } from "../decision.js";
import { quotedSide } from "../exposure.js";
import type { PreTradeCheck } from "../pre-trade-check.js";

/** MAX_ORDER_QUANTITY: one order's quantity against `maxOrderQuantity`. */
export function maxOrderQuantityCheck(): PreTradeCheck {
  return {
    name: "max-order-quantity",
    check({ order }, { limits, instrument }) {
      const max = limits.maxOrderQuantity;
      if (max === undefined || compare(order.quantity, max) <= 0) return null;
      return deny(
        DenyReason.MAX_ORDER_QUANTITY,
        `order quantity ${order.quantity.toFixed()} exceeds the limit of ${max.toFixed()} for ${instrument.id}`,
      );
    },
  };
}

/**
 * MAX_NOTIONAL: one order's notional (reference price × working quantity × multiplier) against
 * `maxOrderNotional`. A market order valued at the quote says so: `quantity 100000 × ask 1.1003`.
 */
export function maxOrderNotionalCheck(): PreTradeCheck {
  return {
    name: "max-order-notional",
    check({ workingQuantity }, { limits, instrument, notional, referencePrice, referencePriceSource }) {
      const max = limits.maxOrderNotional;
      if (max === undefined || notional === null || compare(notional, max) <= 0) return null;
      const multiplier = instrument.multiplier.eq(1)
        ? ""
        : ` × multiplier ${instrument.multiplier.toFixed()}`;
      return deny(
        DenyReason.MAX_NOTIONAL,
        `order notional ${notional.toFixed()} (quantity ${workingQuantity.toFixed()} × ${quotedSide(referencePriceSource) ?? "price"} ${referencePrice!.toFixed()}${multiplier}) exceeds the limit of ${max.toFixed()} for ${instrument.id}`,
      );
    },
  };
}

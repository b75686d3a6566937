import { DenyReason, instrumentIssues, type OrderRequest, type OrderSpec } from "@ordo/core";
import { deny } from "../decision.js";
import type { PreTradeCheck } from "../pre-trade-check.js";

/** The fields of a spec that core's `instrumentIssues` reads, in the request shape it takes. */
function asRequest(spec: OrderSpec): OrderRequest {
  const request: OrderRequest = {
    id: spec.id,
    instrumentId: spec.instrumentId,
    strategyId: spec.strategyId,
    side: spec.side,
    type: spec.type,
    quantity: spec.quantity,
    timeInForce: spec.timeInForce,
    reduceOnly: spec.reduceOnly,
    postOnly: spec.postOnly,
    tags: spec.tags as string[],
  };
  if (spec.price !== null) request.price = spec.price;
  if (spec.triggerPrice !== null) request.triggerPrice = spec.triggerPrice;
  if (spec.displayQuantity !== null) request.displayQuantity = spec.displayQuantity;
  return request;
}

/**
 * Tick, lot, min/max quantity and min notional, through core's `instrumentIssues` (the same rules and
 * messages as order validation). An order without a price is held to the min notional at the last price.
 */
export function instrumentRulesCheck(): PreTradeCheck {
  return {
    name: "instrument-rules",
    check({ order }, { instrument, lastPrice }) {
      const issues = instrumentIssues(asRequest(order), instrument);
      const first = issues[0];
      if (first !== undefined) {
        return deny(first.code ?? DenyReason.INVALID_ORDER, issues.map((i) => i.message).join("; "));
      }
      const min = instrument.minNotional;
      if (min !== undefined && order.price === null && order.triggerPrice === null && lastPrice !== null) {
        const notional = lastPrice.times(order.quantity).times(instrument.multiplier);
        if (notional.lt(min)) {
          return deny(
            DenyReason.NOTIONAL_BELOW_MIN,
            `notional ${notional.toFixed()} at the last price ${lastPrice.toFixed()} is below the minimum ${min.toFixed()} for ${instrument.id}`,
          );
        }
      }
      return null;
    },
  };
}

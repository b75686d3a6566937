import {
  DenyReason,
  type Instrument,
  instrumentIssues,
  isOnStep,
  type OrderRequest,
  type OrderSpec,
} from "@ordo/core";
import { compare, timesMultiplier } from "../decimal-shortcuts.js";
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
 * Whether core's `instrumentIssues` finds nothing, answered without building its request for the usual
 * order: the same rules (instrument, tick, lot, min/max quantity, min notional at the order's price),
 * read straight off the spec. An order that fails any of them goes to core for the verdict and messages.
 */
export function meetsInstrumentRules(order: OrderSpec, instrument: Instrument): boolean {
  if (order.instrumentId !== instrument.id) return false;
  const tick = instrument.tickSize;
  if (order.price !== null && !isOnStep(order.price, tick)) return false;
  if (order.triggerPrice !== null && !isOnStep(order.triggerPrice, tick)) return false;
  if (!isOnStep(order.quantity, instrument.lotSize)) return false;
  if (order.displayQuantity !== null && !isOnStep(order.displayQuantity, instrument.lotSize)) return false;
  if (instrument.minQuantity && compare(order.quantity, instrument.minQuantity) < 0) return false;
  if (instrument.maxQuantity && compare(order.quantity, instrument.maxQuantity) > 0) return false;
  const price = order.price ?? order.triggerPrice;
  if (instrument.minNotional && price !== null) {
    const notional = timesMultiplier(price.times(order.quantity), instrument.multiplier);
    if (compare(notional, instrument.minNotional) < 0) return false;
  }
  return true;
}

/**
 * Tick, lot, min/max quantity and min notional, through core's `instrumentIssues` (the same rules and
 * messages as order validation). An order without a price is held to the min notional at the last price.
 */
export function instrumentRulesCheck(): PreTradeCheck {
  return {
    name: "instrument-rules",
    check({ order }, { instrument, lastPrice }) {
      const issues = meetsInstrumentRules(order, instrument)
        ? []
        : instrumentIssues(asRequest(order), instrument);
      const first = issues[0];
      if (first !== undefined) {
        return deny(first.code ?? DenyReason.INVALID_ORDER, issues.map((i) => i.message).join("; "));
      }
      const min = instrument.minNotional;
      if (min !== undefined && order.price === null && order.triggerPrice === null && lastPrice !== null) {
        const notional = timesMultiplier(lastPrice.times(order.quantity), instrument.multiplier);
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

import { DenyReason } from "@ordo/core";
import { deny } from "../decision.js";
import type { PreTradeCheck } from "../pre-trade-check.js";

/** Counts open orders: with no argument all of them, with an instrument id that instrument's. */
export type OpenOrderCount = (instrumentId?: string) => number;

/** MAX_OPEN_ORDERS: a new order may not take the open count beyond the limits (modifies add no order). */
export function maxOpenOrdersCheck(
  count: OpenOrderCount,
  maxTotal: number | undefined,
  maxPerInstrument: number | undefined,
): PreTradeCheck {
  return {
    name: "max-open-orders",
    check({ action }, { instrument }) {
      if (action !== "submit") return null;
      if (maxTotal !== undefined) {
        const open = count();
        if (open >= maxTotal) {
          return deny(
            DenyReason.MAX_OPEN_ORDERS,
            `${open} orders are open; the limit is ${maxTotal}, so no new order may be added`,
          );
        }
      }
      if (maxPerInstrument !== undefined) {
        const open = count(instrument.id);
        if (open >= maxPerInstrument) {
          return deny(
            DenyReason.MAX_OPEN_ORDERS,
            `${open} orders are open in ${instrument.id}; the limit is ${maxPerInstrument} per instrument`,
          );
        }
      }
      return null;
    },
  };
}

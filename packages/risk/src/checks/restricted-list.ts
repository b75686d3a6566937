import { DenyReason } from "@ordo/core";
import { deny } from "../decision.js";
import type { PreTradeCheck } from "../pre-trade-check.js";

/** RESTRICTED_INSTRUMENT: no order (cancels aside) on an instrument of the restricted list, as in Zipline. */
export function restrictedListCheck(restricted: readonly string[]): PreTradeCheck {
  const ids = new Set(restricted);
  return {
    name: "restricted-list",
    check(_order, { instrument }) {
      if (!ids.has(instrument.id)) return null;
      return deny(DenyReason.RESTRICTED_INSTRUMENT, `${instrument.id} is on the restricted list`);
    },
  };
}

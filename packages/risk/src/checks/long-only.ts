import { DenyReason } from "@ordo/core";
import { deny } from "../decision.js";
import type { PreTradeCheck } from "../pre-trade-check.js";

/** LONG_ONLY: no order that would leave a short position if it filled. */
export function longOnlyCheck(): PreTradeCheck {
  return {
    name: "long-only",
    check({ order, workingQuantity }, { instrument, position, positionAfter }) {
      if (!positionAfter.isNegative() || positionAfter.isZero()) return null;
      return deny(
        DenyReason.LONG_ONLY,
        `${order.side} ${workingQuantity.toFixed()} would leave a short position of ${positionAfter.toFixed()} in ${instrument.id} (now ${position.toFixed()}); the account is long-only`,
      );
    },
  };
}

import { DenyReason } from "@ordo/core";
import { compare } from "../decimal-shortcuts.js";
import { deny } from "../decision.js";
import type { PreTradeCheck } from "../pre-trade-check.js";

/**
 * POSITION_LIMIT: the absolute net position the order would leave if it filled, against
 * `maxPositionQuantity`. An order that only reduces the position always passes.
 */
export function positionLimitCheck(): PreTradeCheck {
  return {
    name: "max-position",
    check({ order, workingQuantity }, { limits, instrument, position, positionAfter, reducesExposure }) {
      const max = limits.maxPositionQuantity;
      if (max === undefined) return null;
      const after = positionAfter.abs();
      if (reducesExposure || compare(after, max) <= 0) return null;
      return deny(
        DenyReason.POSITION_LIMIT,
        `position in ${instrument.id} would be ${positionAfter.toFixed()} (now ${position.toFixed()}, order ${order.side} ${workingQuantity.toFixed()}), beyond the limit of ${max.toFixed()}`,
      );
    },
  };
}

import { DenyReason } from "@ordo/core";
import { deny } from "../decision.js";
import type { PreTradeCheck } from "../pre-trade-check.js";

/** REDUCE_ONLY: a reduce-only order must be on the opposite side of the position and no larger than it. */
export function reduceOnlyCheck(): PreTradeCheck {
  return {
    name: "reduce-only",
    check({ order, workingQuantity }, { instrument, position, reducesExposure }) {
      if (!order.reduceOnly || reducesExposure) return null;
      const what = `reduce-only ${order.side} ${workingQuantity.toFixed()}`;
      return deny(
        DenyReason.REDUCE_ONLY,
        position.isZero()
          ? `${what}: there is no position in ${instrument.id} to reduce`
          : `${what} would not only reduce the position of ${position.toFixed()} in ${instrument.id}`,
      );
    },
  };
}

import { deny, RiskDenyReason } from "../decision.js";
import type { PreTradeCheck } from "../pre-trade-check.js";

/**
 * NO_REFERENCE_PRICE: a notional-based limit (order notional, buying power, leverage) is configured, the
 * order has no limit or trigger price and the instrument has no last price, so the limit cannot be
 * checked. Refusing is the safe answer; orders that only reduce a position pass.
 */
export function referencePriceCheck(needs: readonly string[]): PreTradeCheck {
  const limits = needs.length <= 1 ? needs.join("") : `${needs.slice(0, -1).join(", ")} and ${needs.at(-1)}`;
  return {
    name: "reference-price",
    check({ order }, { instrument, referencePrice, reducesExposure }) {
      if (referencePrice !== null || reducesExposure) return null;
      return deny(
        RiskDenyReason.NO_REFERENCE_PRICE,
        `${order.type} order on ${instrument.id} cannot be checked against ${limits}: it has no limit or trigger price, and there is no last price of ${instrument.id} to value it at; place it once the instrument has a price, or give it a limit price`,
      );
    },
  };
}

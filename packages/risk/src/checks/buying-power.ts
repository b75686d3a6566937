import { DenyReason, ZERO } from "@ordo/core";
import { deny } from "../decision.js";
import { exposureChange, referencePrice, requiredFunds } from "../exposure.js";
import type { PreTradeCheck } from "../pre-trade-check.js";

/**
 * INSUFFICIENT_FUNDS: what the order commits (see `requiredFunds`: initial margin, else notional) against
 * the portfolio's buying power. Only the opening part of an order needs funds; a modify needs only what it
 * adds over the order's current commitment. Buying power is taken to be in the instrument's currency.
 */
export function buyingPowerCheck(): PreTradeCheck {
  return {
    name: "buying-power",
    check(
      { previous },
      { instrument, portfolio, position, openingQuantity, referencePrice: price, lastPrice },
    ) {
      if (openingQuantity.isZero() || price === null) return null;
      let needed = requiredFunds(instrument, openingQuantity, price);
      if (previous !== null) {
        const before = exposureChange(position, previous.side, previous.leavesQuantity).openingQuantity;
        const beforePrice = referencePrice(previous, lastPrice);
        if (beforePrice !== null) needed = needed.minus(requiredFunds(instrument, before, beforePrice));
        if (needed.lte(ZERO)) return null;
      }
      const available = portfolio.buyingPower();
      if (needed.lte(available)) return null;
      return deny(
        DenyReason.INSUFFICIENT_FUNDS,
        `${previous === null ? "order" : "modify"} needs ${needed.toFixed()} ${instrument.currency} for ${openingQuantity.toFixed()} ${instrument.id} at ${price.toFixed()}, but buying power is ${available.toFixed()}`,
      );
    },
  };
}

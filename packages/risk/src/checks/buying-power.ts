import { DenyReason, ZERO } from "@ordo/core";
import { compare } from "../decimal-shortcuts.js";
import { deny } from "../decision.js";
import { exposureChange, fundsCommitted, quotedSide, referencePrice } from "../exposure.js";
import type { PreTradeCheck } from "../pre-trade-check.js";

/**
 * INSUFFICIENT_FUNDS: what the order commits (see `fundsCommitted`: the portfolio's own rule, else initial
 * margin, else notional) against the portfolio's buying power. Only the opening part of an order needs
 * funds; a modify needs only what it adds over the order's current commitment. Buying power is taken to be
 * in the instrument's currency. A market order on quote data is valued at the ask (a buy) or the bid (a
 * sell) when the view knows it, and the message names it: `at the ask 1.1002`.
 */
export function buyingPowerCheck(): PreTradeCheck {
  return {
    name: "buying-power",
    check(
      { previous, workingQuantity },
      {
        instrument,
        portfolio,
        position,
        openingQuantity,
        referencePrice: price,
        referencePriceSource,
        marketPrice,
        notional,
      },
    ) {
      if (openingQuantity.isZero() || price === null) return null;
      // Opening all of it without a margin rate needs the order's notional, already worked out, unless
      // the portfolio has its own rule (a leveraged margin account commits only its initial margin).
      let needed =
        openingQuantity === workingQuantity &&
        instrument.marginInit === undefined &&
        notional !== null &&
        portfolio.fundsRequired === undefined
          ? notional
          : fundsCommitted(portfolio, instrument, openingQuantity, price);
      if (previous !== null) {
        const before = exposureChange(position, previous.side, previous.leavesQuantity).openingQuantity;
        const beforePrice = referencePrice(previous, marketPrice);
        if (beforePrice !== null)
          needed = needed.minus(fundsCommitted(portfolio, instrument, before, beforePrice));
        if (needed.lte(ZERO)) return null;
      }
      const available = portfolio.buyingPower();
      if (compare(needed, available) <= 0) return null;
      const side = quotedSide(referencePriceSource);
      return deny(
        DenyReason.INSUFFICIENT_FUNDS,
        `${previous === null ? "order" : "modify"} needs ${needed.toFixed()} ${instrument.currency} for ${openingQuantity.toFixed()} ${instrument.id} at ${side === null ? "" : `the ${side} `}${price.toFixed()}, but buying power is ${available.toFixed()}`,
      );
    },
  };
}

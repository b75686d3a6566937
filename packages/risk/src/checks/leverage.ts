import { type Decimal, DenyReason, type Instrument, ZERO } from "@ordo/core";
import { compare, isAboveZero, timesMultiplier } from "../decimal-shortcuts.js";
import { deny } from "../decision.js";
import { GrossExposure } from "../gross-exposure.js";
import type { PreTradeCheck } from "../pre-trade-check.js";

/**
 * MAX_LEVERAGE: gross exposure after the order (Σ |position| × last price × multiplier over the engine's
 * instruments, with the order's instrument re-valued: the part it closes removed, the part it opens added
 * at the order's price) divided by equity. Orders that add no exposure pass.
 */
export function maxLeverageCheck(max: Decimal, instruments: () => Iterable<Instrument>): PreTradeCheck {
  const gross = new GrossExposure(instruments);
  // max × equity, kept while the portfolio hands back the same equity object.
  let equitySeen: Decimal | null = null;
  let allowed = ZERO;
  return {
    name: "max-leverage",
    check({ workingQuantity }, ctx) {
      const { instrument, portfolio, openingQuantity, referencePrice, position, lastPrice } = ctx;
      if (openingQuantity.isZero() || referencePrice === null) return null;
      const { total, own } = gross.measure(portfolio, instrument.id);
      const closing = workingQuantity.minus(openingQuantity);
      const remaining = position
        .abs()
        .minus(closing)
        .times(lastPrice ?? referencePrice);
      const ownAfter = timesMultiplier(
        remaining.plus(openingQuantity.times(referencePrice)),
        instrument.multiplier,
      );
      const after = total.minus(own).plus(ownAfter);
      const equity = portfolio.equity();
      if (!isAboveZero(equity)) {
        return deny(
          DenyReason.MAX_LEVERAGE,
          `equity is ${equity.toFixed()}: no exposure can be added (limit ${max.toFixed()}x)`,
        );
      }
      if (equity !== equitySeen) {
        equitySeen = equity;
        allowed = max.times(equity);
      }
      if (compare(after, allowed) <= 0) return null;
      return deny(
        DenyReason.MAX_LEVERAGE,
        `leverage would be ${after.div(equity).toDecimalPlaces(4).toFixed()}x (gross exposure ${after.toFixed()} on equity ${equity.toFixed()}), beyond the limit of ${max.toFixed()}x`,
      );
    },
  };
}

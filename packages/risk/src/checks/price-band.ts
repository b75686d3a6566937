import { type Decimal, DenyReason, dec } from "@ordo/core";
import { deny } from "../decision.js";
import type { PreTradeCheck } from "../pre-trade-check.js";

const HUNDRED = dec(100);

/**
 * PRICE_BAND (fat finger): the limit and trigger prices must lie within `priceBandPct` % of the last
 * price, edges included. Without a last price there is nothing to compare with and the check passes.
 */
export function priceBandCheck(): PreTradeCheck {
  return {
    name: "price-band",
    check({ order }, { limits, instrument, lastPrice }) {
      const band = limits.priceBandPct;
      if (band === undefined || lastPrice === null || lastPrice.isZero()) return null;
      const outside = (label: string, price: Decimal | null) => {
        if (price === null) return null;
        const distance = price.minus(lastPrice).abs();
        // |price - last| <= band% × last, without a division on the path that passes.
        if (distance.times(HUNDRED).lte(band.times(lastPrice))) return null;
        const pct = distance.div(lastPrice).times(HUNDRED);
        return deny(
          DenyReason.PRICE_BAND,
          `${label} ${price.toFixed()} is ${pct.toDecimalPlaces(4).toFixed()}% ${price.gt(lastPrice) ? "above" : "below"} the last price ${lastPrice.toFixed()} for ${instrument.id}; the band is ±${band.toFixed()}%`,
        );
      };
      return outside("limit price", order.price) ?? outside("trigger price", order.triggerPrice);
    },
  };
}

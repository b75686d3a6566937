import { type Decimal, DenyReason, dec } from "@ordo/core";
import { compare } from "../decimal-shortcuts.js";
import { type CheckDenial, deny } from "../decision.js";
import type { PreTradeCheck } from "../pre-trade-check.js";

const HUNDRED = dec(100);

/**
 * PRICE_BAND (fat finger): the limit and trigger prices must lie within `priceBandPct` % of the last
 * price, edges included. Without a last price there is nothing to compare with and the check passes.
 */
export function priceBandCheck(): PreTradeCheck {
  // band × last price, per last-price object: many orders meet the same last price.
  const reaches = new WeakMap<Decimal, { readonly band: Decimal; readonly reach: Decimal }>();
  return {
    name: "price-band",
    check({ order }, { limits, instrument, lastPrice }) {
      const band = limits.priceBandPct;
      if (band === undefined || lastPrice === null || lastPrice.isZero()) return null;
      let known = reaches.get(lastPrice);
      if (known === undefined || known.band !== band) {
        known = { band, reach: band.times(lastPrice) };
        reaches.set(lastPrice, known);
      }
      const { reach } = known;
      return (
        outsideBand("limit price", order.price, lastPrice, band, reach, instrument.id) ??
        outsideBand("trigger price", order.triggerPrice, lastPrice, band, reach, instrument.id)
      );
    },
  };
}

function outsideBand(
  label: string,
  price: Decimal | null,
  lastPrice: Decimal,
  band: Decimal,
  reach: Decimal,
  instrumentId: string,
): CheckDenial | null {
  if (price === null) return null;
  const distance = price.minus(lastPrice).abs();
  // |price - last| <= band% × last, without a division on the path that passes.
  if (compare(distance.times(HUNDRED), reach) <= 0) return null;
  const pct = distance.div(lastPrice).times(HUNDRED);
  return deny(
    DenyReason.PRICE_BAND,
    `${label} ${price.toFixed()} is ${pct.toDecimalPlaces(4).toFixed()}% ${price.gt(lastPrice) ? "above" : "below"} the last price ${lastPrice.toFixed()} for ${instrumentId}; the band is ±${band.toFixed()}%`,
  );
}

import {
  type Decimal,
  type Instrument,
  type Order,
  type OrderSide,
  roundPriceNearest,
  type TrailingOffset,
  type TrailingOffsetType,
} from "@ordo/core";

/**
 * The distance of a trailing price from its basis: a price, a percent of the basis (1 = 1%), basis
 * points of the basis, or a number of ticks.
 */
export function trailingDistance(
  offsetType: TrailingOffsetType,
  offset: Decimal,
  basis: Decimal,
  tickSize: Decimal,
): Decimal {
  switch (offsetType) {
    case "PRICE":
      return offset;
    case "PERCENT":
      return basis.times(offset).div(100);
    case "BASIS_POINTS":
      return basis.times(offset).div(10_000);
    case "TICKS":
      return offset.times(tickSize);
  }
}

/**
 * The price trailing `basis` by `distance` for the holder of `side`: below the market for a sell (it
 * protects a long), above for a buy; rounded to the tick, ties to even.
 */
export function trailedPrice(
  instrument: Pick<Instrument, "tickSize">,
  side: OrderSide,
  basis: Decimal,
  distance: Decimal,
): Decimal {
  return roundPriceNearest(instrument, side === "SELL" ? basis.minus(distance) : basis.plus(distance));
}

/** Whether `candidate` moves a trailing price in the holder's favour: a sell only up, a buy only down. */
export function ratchets(side: OrderSide, current: Decimal | null, candidate: Decimal): boolean {
  if (current === null) return true;
  return side === "SELL" ? candidate.gt(current) : candidate.lt(current);
}

/** Whether the market reached a trailing order's activation price: a sell once basis >= it, a buy once <=. */
export function reachesActivation(side: OrderSide, activationPrice: Decimal, basis: Decimal): boolean {
  return side === "SELL" ? basis.gte(activationPrice) : basis.lte(activationPrice);
}

/** New trigger and limit prices after a basis move; null where the price does not move. */
export interface TrailingUpdate {
  readonly triggerPrice: Decimal | null;
  readonly price: Decimal | null;
}

/**
 * Where a trailing stop's trigger (and, for a trailing-stop-limit with a limit offset, its limit) move
 * when the market is at `basis`: basis ∓ offset rounded to the tick, kept only when it ratchets in the
 * holder's favour; the limit trails by its own offset and ratchets independently. Returns null when
 * neither moves. Examples (tick 0.01, trigger 100): buy, offset 1.0 PRICE, basis 98 -> trigger 99.
 */
export function trailingUpdate(
  instrument: Pick<Instrument, "tickSize">,
  side: OrderSide,
  trailing: TrailingOffset,
  current: { readonly triggerPrice: Decimal | null; readonly price: Decimal | null },
  basis: Decimal,
): TrailingUpdate | null {
  const tick = instrument.tickSize;
  const trigger = trailedPrice(
    instrument,
    side,
    basis,
    trailingDistance(trailing.offsetType, trailing.offset, basis, tick),
  );
  const newTrigger = ratchets(side, current.triggerPrice, trigger) ? trigger : null;
  let newPrice: Decimal | null = null;
  if (trailing.limitOffset !== null) {
    const limit = trailedPrice(
      instrument,
      side,
      basis,
      trailingDistance(trailing.offsetType, trailing.limitOffset, basis, tick),
    );
    if (ratchets(side, current.price, limit)) newPrice = limit;
  }
  return newTrigger === null && newPrice === null ? null : { triggerPrice: newTrigger, price: newPrice };
}

/** Whether a trailing update puts the trigger or the limit at or below 0: only a SELL's first prices can. */
export function trailsToZero(update: TrailingUpdate): boolean {
  const t = update.triggerPrice;
  const p = update.price;
  return (t !== null && (t.isNegative() || t.isZero())) || (p !== null && (p.isNegative() || p.isZero()));
}

/**
 * Why a trailing order cannot take the trigger (or limit) it would first get from `basis` (named
 * `basisName` in the reason: "bid", "ask", "price", ...), or null. A SELL trails below the market: an offset
 * at or beyond the market (a PRICE offset of 150 on a 100 stock), or a percentage so close to 100 that its
 * price rounds to 0 on the tick, puts the trigger at or below 0, where it never fires, and a limit there is
 * no price. Only prices the order does not have yet are checked (`current` null): once set, they ratchet
 * up. A BUY trails above the market, where every price is positive.
 */
export function trailingZeroRefusal(
  order: Pick<Order, "id" | "side" | "type" | "trailing">,
  current: { readonly triggerPrice: Decimal | null; readonly price: Decimal | null },
  basis: Decimal,
  basisName: string,
  instrument: Pick<Instrument, "tickSize">,
): string | null {
  const trailing = order.trailing;
  if (trailing === null || order.side !== "SELL") return null;
  const refusal = (field: "offset" | "limitOffset", offset: Decimal): string | null => {
    const tick = instrument.tickSize;
    const exact = basis.minus(trailingDistance(trailing.offsetType, offset, basis, tick));
    const rounded = roundPriceNearest(instrument, exact);
    if (!(rounded.isNegative() || rounded.isZero())) return null;
    const [code, what, outcome] =
      field === "offset"
        ? ["INVALID_TRIGGER", "trigger", "it never fires"]
        : ["INVALID_PRICE", "limit", "it is no price"];
    const at = rounded.eq(exact)
      ? rounded.toFixed()
      : `${rounded.toFixed()} (${exact.toFixed()} rounded to the tick ${tick.toFixed()})`;
    return `${code}: SELL ${order.type} ${order.id} trails the ${basisName} ${basis.toFixed()} by a ${trailing.offsetType} ${field} of ${offset.toFixed()}, which puts its ${what} at ${at}: at or below 0 ${outcome}; the ${field} must leave the ${what} at least one tick (${tick.toFixed()}) above 0`;
  };
  if (current.triggerPrice === null) {
    const trigger = refusal("offset", trailing.offset);
    if (trigger !== null) return trigger;
  }
  if (current.price === null && trailing.limitOffset !== null)
    return refusal("limitOffset", trailing.limitOffset);
  return null;
}

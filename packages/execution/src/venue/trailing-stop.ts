import {
  type Decimal,
  type Instrument,
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

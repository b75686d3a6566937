import {
  type Decimal,
  type Instrument,
  type OrderSide,
  type OrderSpec,
  type PortfolioView,
  ZERO,
} from "@ordo/core";
import { compare, isAboveZero, isBelowZero, minus, plus, timesMultiplier } from "./decimal-shortcuts.js";

/** How an order of `quantity` on `side` changes a signed `position`. */
export interface ExposureChange {
  readonly positionAfter: Decimal;
  /** The part that adds exposure: all of it on the position's side, the excess beyond a flip, else 0. */
  readonly openingQuantity: Decimal;
  /** The part that closes existing exposure. */
  readonly closingQuantity: Decimal;
  /** True when the order only reduces (opposite side, no larger than the position). */
  readonly reducesExposure: boolean;
}

export function exposureChange(position: Decimal, side: OrderSide, quantity: Decimal): ExposureChange {
  const buy = side === "BUY";
  const positionAfter = buy ? plus(position, quantity) : minus(position, quantity);
  const opposite = buy ? isBelowZero(position) : isAboveZero(position);
  if (!opposite) {
    return { positionAfter, openingQuantity: quantity, closingQuantity: ZERO, reducesExposure: false };
  }
  const held = position.abs();
  if (compare(quantity, held) <= 0) {
    return { positionAfter, openingQuantity: ZERO, closingQuantity: quantity, reducesExposure: true };
  }
  return {
    positionAfter,
    openingQuantity: quantity.minus(held),
    closingQuantity: held,
    reducesExposure: false,
  };
}

/**
 * The price an order would trade at, as far as risk can tell: its limit, its trigger, else `marketPrice`,
 * what a market order of its side would meet (the quote's ask or bid when known, else the last price).
 */
export function referencePrice(order: OrderSpec, marketPrice: Decimal | null): Decimal | null {
  return order.price ?? order.triggerPrice ?? marketPrice;
}

/**
 * Where a reference price comes from: the order's limit `price`, its `triggerPrice`, the latest quote's
 * `ask` (a buy) or `bid` (a sell), or the instrument's `lastPrice` (its mark).
 */
export type ReferencePriceSource = "price" | "triggerPrice" | "ask" | "bid" | "lastPrice";

/**
 * Where `referencePrice(order, quoted ?? lastPrice)` takes its price from, in the same order: the limit,
 * the trigger, the quote's side met by the order (`quoted`: its ask for a buy, bid for a sell), the last
 * price; null when there is none.
 */
export function referencePriceSource(
  order: OrderSpec,
  quoted: Decimal | null,
  lastPrice: Decimal | null,
): ReferencePriceSource | null {
  if (order.price !== null) return "price";
  if (order.triggerPrice !== null) return "triggerPrice";
  if (quoted !== null) return order.side === "BUY" ? "ask" : "bid";
  return lastPrice !== null ? "lastPrice" : null;
}

/** The quote side a reference price was taken from ("ask", "bid"), else null: messages name it. */
export function quotedSide(source: ReferencePriceSource | null): "ask" | "bid" | null {
  return source === "ask" || source === "bid" ? source : null;
}

/**
 * What opening `quantity` at `price` commits, as far as the instrument tells: initial margin when it has
 * one (per contract for futures, a fraction of notional otherwise), else the full notional. The account's
 * own rule (`fundsCommitted`) comes first when the portfolio offers one.
 */
export function requiredFunds(instrument: Instrument, quantity: Decimal, price: Decimal): Decimal {
  if (quantity.isZero()) return ZERO;
  const margin = instrument.marginInit;
  if (instrument.assetClass === "future" && margin !== undefined) return quantity.times(margin);
  const notional = timesMultiplier(price.times(quantity), instrument.multiplier);
  return margin === undefined ? notional : notional.times(margin);
}

/**
 * What opening `quantity` at `price` takes out of the portfolio's buying power: the portfolio's own answer
 * (`PortfolioView.fundsRequired`: a margin account's leverage applies) when it gives one, else
 * `requiredFunds` from the instrument alone.
 */
export function fundsCommitted(
  portfolio: PortfolioView,
  instrument: Instrument,
  quantity: Decimal,
  price: Decimal,
): Decimal {
  if (quantity.isZero()) return ZERO;
  return portfolio.fundsRequired?.(instrument, quantity, price) ?? requiredFunds(instrument, quantity, price);
}

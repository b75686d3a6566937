/** The vocabulary of orders. Values are the names the field uses (NautilusTrader, FIX, ccxt). */

export const OrderSide = { BUY: "BUY", SELL: "SELL" } as const;
export type OrderSide = (typeof OrderSide)[keyof typeof OrderSide];
export const ORDER_SIDES = Object.values(OrderSide);

export const OrderType = {
  MARKET: "MARKET",
  LIMIT: "LIMIT",
  STOP_MARKET: "STOP_MARKET",
  STOP_LIMIT: "STOP_LIMIT",
  MARKET_IF_TOUCHED: "MARKET_IF_TOUCHED",
  LIMIT_IF_TOUCHED: "LIMIT_IF_TOUCHED",
  TRAILING_STOP_MARKET: "TRAILING_STOP_MARKET",
  TRAILING_STOP_LIMIT: "TRAILING_STOP_LIMIT",
  MARKET_TO_LIMIT: "MARKET_TO_LIMIT",
} as const;
export type OrderType = (typeof OrderType)[keyof typeof OrderType];
export const ORDER_TYPES = Object.values(OrderType);

export const TimeInForce = {
  GTC: "GTC",
  DAY: "DAY",
  IOC: "IOC",
  FOK: "FOK",
  GTD: "GTD",
  AT_THE_OPEN: "AT_THE_OPEN",
  AT_THE_CLOSE: "AT_THE_CLOSE",
} as const;
export type TimeInForce = (typeof TimeInForce)[keyof typeof TimeInForce];
export const TIMES_IN_FORCE = Object.values(TimeInForce);

export const ContingencyType = { OTO: "OTO", OCO: "OCO", OUO: "OUO" } as const;
export type ContingencyType = (typeof ContingencyType)[keyof typeof ContingencyType];
export const CONTINGENCY_TYPES = Object.values(ContingencyType);

export const TrailingOffsetType = {
  PRICE: "PRICE",
  PERCENT: "PERCENT",
  BASIS_POINTS: "BASIS_POINTS",
  TICKS: "TICKS",
} as const;
export type TrailingOffsetType = (typeof TrailingOffsetType)[keyof typeof TrailingOffsetType];
export const TRAILING_OFFSET_TYPES = Object.values(TrailingOffsetType);

export const LiquiditySide = { MAKER: "MAKER", TAKER: "TAKER" } as const;
export type LiquiditySide = (typeof LiquiditySide)[keyof typeof LiquiditySide];

export const AggressorSide = { BUYER: "BUYER", SELLER: "SELLER", NONE: "NONE" } as const;
export type AggressorSide = (typeof AggressorSide)[keyof typeof AggressorSide];

export const OrderStatus = {
  INITIALIZED: "INITIALIZED",
  DENIED: "DENIED",
  HELD: "HELD",
  RELEASED: "RELEASED",
  SUBMITTED: "SUBMITTED",
  ACCEPTED: "ACCEPTED",
  TRIGGERED: "TRIGGERED",
  PENDING_UPDATE: "PENDING_UPDATE",
  PENDING_CANCEL: "PENDING_CANCEL",
  PARTIALLY_FILLED: "PARTIALLY_FILLED",
  FILLED: "FILLED",
  CANCELED: "CANCELED",
  REJECTED: "REJECTED",
  EXPIRED: "EXPIRED",
  FAILED: "FAILED",
} as const;
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];
export const ORDER_STATUSES = Object.values(OrderStatus);

/** The opposite side: what closes a position opened by `side`. */
export function oppositeSide(side: OrderSide): OrderSide {
  return side === "BUY" ? "SELL" : "BUY";
}

/** Orders whose working price is a limit (they may rest in the book as a maker). */
export function hasLimitPrice(type: OrderType): boolean {
  return (
    type === "LIMIT" || type === "STOP_LIMIT" || type === "LIMIT_IF_TOUCHED" || type === "TRAILING_STOP_LIMIT"
  );
}

/** Orders that wait for a trigger price before they work. */
export function hasTriggerPrice(type: OrderType): boolean {
  return (
    type === "STOP_MARKET" ||
    type === "STOP_LIMIT" ||
    type === "MARKET_IF_TOUCHED" ||
    type === "LIMIT_IF_TOUCHED" ||
    type === "TRAILING_STOP_MARKET" ||
    type === "TRAILING_STOP_LIMIT"
  );
}

export function isTrailing(type: OrderType): boolean {
  return type === "TRAILING_STOP_MARKET" || type === "TRAILING_STOP_LIMIT";
}

/** Order types that pass through TRIGGERED (a triggered limit keeps working); the others fill when touched. */
export function canBeTriggered(type: OrderType): boolean {
  return type === "STOP_LIMIT" || type === "LIMIT_IF_TOUCHED" || type === "TRAILING_STOP_LIMIT";
}

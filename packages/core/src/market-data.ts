import type { AggressorSide } from "./enums.js";

/**
 * Market data carries plain numbers: series feed indicators, and the hot loop must not allocate a Decimal
 * per field. A number's shortest text is the decimal text it was parsed from (for up to 15 significant
 * digits), so `new Decimal(bar.close)` recovers the exact price at the order/fill boundary.
 * Times are Unix epoch milliseconds (UTC).
 */
export interface Bar {
  readonly kind: "bar";
  readonly instrumentId: string;
  /** The time the bar closes. */
  readonly ts: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

export interface QuoteTick {
  readonly kind: "quote";
  readonly instrumentId: string;
  readonly ts: number;
  readonly bid: number;
  readonly ask: number;
  /** Sizes quoted at the bid and the ask; NaN when the data does not give them (unknown, not zero). */
  readonly bidSize: number;
  readonly askSize: number;
}

export interface TradeTick {
  readonly kind: "trade";
  readonly instrumentId: string;
  readonly ts: number;
  readonly price: number;
  /** NaN when the data does not give it (unknown, not zero). */
  readonly size: number;
  readonly aggressor: AggressorSide;
  readonly tradeId?: string;
}

export type MarketData = Bar | QuoteTick | TradeTick;

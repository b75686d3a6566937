import type { Decimal } from "./decimal.js";
import { fromNumber } from "./decimal-shortcuts.js";
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

/**
 * What a quote marks its instrument at: the mid of bid and ask, or its only side when the other is 0 (how
 * files write "no bid" or "no ask"), or null when both are 0. Only exactly 0 is a missing side: a negative
 * price stays a price, for instruments that trade there. The portfolio, the node's last price and the
 * simulated venue's account all mark by it.
 */
export function quoteMark(bid: number, ask: number): Decimal | null {
  if (bid !== 0 && ask !== 0) return fromNumber(bid).plus(fromNumber(ask)).div(2);
  if (bid !== 0) return fromNumber(bid);
  return ask !== 0 ? fromNumber(ask) : null;
}

import type { Decimal } from "./decimal.js";
import type { Instrument } from "./instrument.js";
import type { UnixMillis } from "./time.js";

/**
 * Events published by a portfolio and a risk engine. Their types live in core so that any package can
 * read them from the bus without importing the package that produces them.
 */

export type PositionSide = "LONG" | "SHORT" | "FLAT";

export interface PositionSnapshot {
  readonly positionId: string;
  readonly instrumentId: string;
  readonly strategyId: string;
  readonly side: PositionSide;
  /** Signed: + long, − short. */
  readonly quantity: Decimal;
  readonly avgOpenPrice: Decimal;
  readonly realizedPnl: Decimal;
  readonly unrealizedPnl: Decimal;
  readonly commissions: Decimal;
  readonly currency: string;
  readonly openedAt: UnixMillis;
}

export interface PositionEvent {
  readonly type: "PositionOpened" | "PositionChanged" | "PositionClosed";
  readonly ts: UnixMillis;
  readonly position: PositionSnapshot;
  /** The fill that caused it. */
  readonly tradeId: string;
}

/**
 * Whether an event `type` is a position event's: for telling events of many kinds apart by the field
 * they all have (a read of one that some lack is a slow lookup on objects of many shapes). Kept beside
 * `PositionEvent`: a type added there belongs here too.
 */
export function isPositionEventType(type: string): type is PositionEvent["type"] {
  return type === "PositionOpened" || type === "PositionChanged" || type === "PositionClosed";
}

export interface AccountBalance {
  readonly currency: string;
  readonly total: Decimal;
  readonly locked: Decimal;
  readonly free: Decimal;
}

export interface AccountState {
  readonly type: "AccountState";
  readonly ts: UnixMillis;
  readonly accountId: string;
  readonly balances: readonly AccountBalance[];
  readonly equity: Decimal;
}

export type TradingState = "ACTIVE" | "REDUCING" | "HALTED";

export type RiskEvent =
  | {
      readonly type: "TradingStateChanged";
      readonly ts: UnixMillis;
      readonly state: TradingState;
      readonly reason: string;
    }
  | {
      readonly type: "CircuitBreakerTripped";
      readonly ts: UnixMillis;
      readonly reason: string;
      readonly code: string;
    }
  | { readonly type: "CircuitBreakerHalfOpen"; readonly ts: UnixMillis }
  | { readonly type: "CircuitBreakerReset"; readonly ts: UnixMillis; readonly manual: boolean };

/**
 * What the risk engine reads of the portfolio (DESIGN.md: risk depends on core only). A portfolio
 * implements it; tests and bots without a portfolio can implement it by hand.
 */
export interface PortfolioView {
  /** Net signed quantity held in the instrument (0 when flat). */
  netQuantity(instrumentId: string): Decimal;
  /** Cash plus positions' value, in the account currency. */
  equity(): Decimal;
  /** What can still be committed to new orders (cash, or margin headroom), in the account currency. */
  buyingPower(): Decimal;
  /** The last known price (mark) of an instrument, or null. */
  lastPrice(instrumentId: string): Decimal | null;
  /**
   * What opening `quantity` of `instrument` at `price` would take out of `buyingPower()`: the notional in a
   * cash account, the initial margin in a margin account (where the account's leverage applies). Optional:
   * without it a risk engine can only guess from the instrument (its `marginInit`, else the full notional),
   * which overstates the cost of every order in a leveraged account.
   */
  fundsRequired?(instrument: Instrument, quantity: Decimal, price: Decimal): Decimal;
}

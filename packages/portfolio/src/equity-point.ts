import type { Decimal, UnixMillis } from "@ordo/core";

/** One point of the equity curve, in one currency, as `Portfolio.snapshot(ts)` records it. */
export interface EquityPoint {
  readonly ts: UnixMillis;
  readonly currency: string;
  /** Balance + open positions' value (market value in a cash account, unrealized PnL in a margin one). */
  readonly equity: Decimal;
  readonly balance: Decimal;
  /** Running totals since the start. */
  readonly realizedPnl: Decimal;
  readonly unrealizedPnl: Decimal;
  readonly commissions: Decimal;
  readonly funding: Decimal;
  /** Σ |quantity| × mark × multiplier of open positions. */
  readonly grossExposure: Decimal;
  /** Σ signed quantity × mark × multiplier of open positions. */
  readonly netExposure: Decimal;
  /** Σ notional of every fill since the start (for turnover). */
  readonly tradedNotional: Decimal;
  readonly openPositions: number;
}

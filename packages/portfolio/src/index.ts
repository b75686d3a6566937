/**
 * @ordo/portfolio: accounts (cash, margin), positions (netting, hedging), PnL, a ledger that explains
 * every balance, trade statistics and performance metrics. Depends on @ordo/core only. This file is the
 * whole public surface.
 */
export type { AccountingInstrument } from "./accounting-instrument.js";
export type { EquityPoint } from "./equity-point.js";
export type { LedgerEntry, LedgerEntryKind } from "./ledger.js";
export { initialMarginPerUnit, maintenanceMarginPerUnit } from "./margin.js";
export type { MarginHistory } from "./margin-history.js";
export {
  type BenchmarkPoint,
  inferPeriodsPerYear,
  type MetricPoint,
  type PerformanceMetrics,
  type PerformanceOptions,
  PerformanceOptionsSchema,
  performanceMetrics,
} from "./performance-metrics.js";
export {
  type FillContext,
  type FillOutcome,
  type FundingInput,
  type InstrumentPriceFeed,
  Portfolio,
  type PortfolioEventSink,
  type PortfolioOptions,
  type PositionEventListener,
  type TransferInput,
} from "./portfolio.js";
export {
  AccountType,
  type PortfolioConfig,
  type PortfolioOptionsInput,
  PortfolioOptionsSchema,
  PositionMode,
} from "./portfolio-options.js";
export type { Position, PositionDirection } from "./position.js";
export {
  type ClosePositionRequest,
  type ClosePositionResult,
  type ExitSignal,
  type OpenPositionRequest,
  PositionManager,
  type PositionManagerOptions,
  PositionManagerOptionsSchema,
  type PositionManagerStats,
} from "./position-manager.js";
export type { RoundTrip } from "./round-trip.js";
export {
  MEAN_DECIMAL_PLACES,
  type TradeResult,
  type TradeStatistics,
  tradeStatistics,
} from "./trade-statistics.js";

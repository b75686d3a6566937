/**
 * @ordo/risk: pre-trade checks, the trading state (ACTIVE / REDUCING / HALTED) and the circuit breaker.
 * Depends on @ordo/core only; reads portfolio state through core's `PortfolioView`, and its `marketPrice`
 * when the view has one (`RiskPortfolioView`). This file is the whole public surface.
 */

export type { OpenOrderCount } from "./checks/open-orders.js";
export {
  CircuitBreaker,
  type CircuitBreakerEvent,
  type CircuitBreakerOptions,
  type CircuitBreakerStatus,
  type CircuitState,
  TripCode,
} from "./circuit-breaker.js";
export {
  type CircuitBreakerConfig,
  type CircuitBreakerConfigInput,
  CircuitBreakerConfigSchema,
  parseCircuitBreakerConfig,
} from "./circuit-breaker-config.js";
export {
  ALLOWED,
  type CheckDenial,
  type DenyCode,
  deny,
  orderDeniedEvent,
  type RiskAllowed,
  type RiskDecision,
  type RiskDenied,
  RiskDenyReason,
} from "./decision.js";
export {
  type ExposureChange,
  exposureChange,
  fundsCommitted,
  type ReferencePriceSource,
  referencePrice,
  requiredFunds,
} from "./exposure.js";
export type { CheckContext, PreTradeCheck, ProposedOrder } from "./pre-trade-check.js";
export {
  type InstrumentLimits,
  limitsFor,
  parseRiskConfig,
  type RiskConfig,
  type RiskConfigInput,
  RiskConfigSchema,
} from "./risk-config.js";
export { type OrderModification, RiskEngine, type RiskEngineOptions } from "./risk-engine.js";
export type { RiskPortfolioView } from "./risk-portfolio-view.js";
export {
  type SessionBoundary,
  SessionBoundarySchema,
  type SessionStartFn,
  sessionStartFunction,
} from "./session-boundary.js";
export { SlidingWindowCounter } from "./sliding-window.js";

/**
 * @ordo/engine: the trading node (bus, clock, order manager, cache, emulator, risk, portfolio, venue),
 * the strategy API and the backtest runner. This file is the whole public surface.
 */
export * from "./backtest.js";
export * from "./backtest-result-json.js";
export * from "./event-log.js";
export * from "./order-emulator.js";
export * from "./order-manager.js";
export * from "./schedule.js";
export * from "./strategy.js";
export type * from "./strategy-context.js";
export {
  hooksOf,
  type MisspeltHook,
  misspeltHooks,
  misspeltHooksHint,
  STRATEGY_HOOKS,
  type StrategyHookName,
} from "./strategy-hooks.js";
export {
  createStrategyContext,
  RUN_ENDED,
  STRATEGY_CONSTRUCTOR_THREW,
  STRATEGY_PARAMS_NOT_STATIC,
  STRATEGY_WITHOUT_HOOKS,
  type StrategyRuntime,
} from "./strategy-runtime.js";
export * from "./trading-node.js";

import type { Bar, OrderEvent, PositionEvent, QuoteTick, TradeTick } from "@ordo/core";
import type { z } from "zod";
import type { StrategyContext } from "./strategy-context.js";

/**
 * The hooks a strategy may implement. Every hook receives the context (orders, data, portfolio,
 * schedule, record, log). Hooks run synchronously in event-time order; a hook that throws is reported as
 * a StrategyError event, counted by the circuit breaker, and the run goes on.
 */
export interface StrategyHooks<Params = Record<string, unknown>> {
  onStart?(ctx: StrategyContext<Params>): void;
  onBar?(ctx: StrategyContext<Params>, bar: Bar): void;
  onQuote?(ctx: StrategyContext<Params>, quote: QuoteTick): void;
  onTrade?(ctx: StrategyContext<Params>, trade: TradeTick): void;
  onOrderEvent?(ctx: StrategyContext<Params>, event: OrderEvent): void;
  onPositionEvent?(ctx: StrategyContext<Params>, event: PositionEvent): void;
  onStop?(ctx: StrategyContext<Params>): void;
}

/**
 * Base class for strategies. Subclass it and implement the hooks you need:
 *
 * ```ts
 * export default class BuyAndHold extends Strategy {
 *   onBar(ctx, bar) { if (ctx.portfolio.position(bar.instrumentId).isZero()) ctx.orderTargetPercent(bar.instrumentId, 1); }
 * }
 * ```
 *
 * Declare parameters with zod in a static `params` schema; `ctx.params` is then the parsed, typed value
 * (the CLI validates `--param name=value` against it).
 */
export abstract class Strategy<Params = Record<string, unknown>> implements StrategyHooks<Params> {
  /** zod schema of the parameters (optional). */
  static params?: z.ZodType;
}

export interface StrategyClass {
  new (): StrategyHooks<never>;
  readonly params?: z.ZodType;
  readonly name: string;
}

/** A strategy as given to a node: an instance with hooks, or a class to instantiate. */
export type StrategyLike = StrategyHooks<never> | StrategyClass;

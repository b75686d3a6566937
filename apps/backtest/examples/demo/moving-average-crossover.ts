// The demo strategy of `npm run demo`: a moving-average crossover that protects each position with a
// trailing stop. It is written the way a user writes one, outside the engine: `ordo backtest` loads it with
// the engine's own packages, so it needs no node_modules of its own.
import type { Bar, OrderEvent } from "@ordo/core";
import { Strategy, type StrategyContext } from "@ordo/engine";
import { z } from "zod";

/** Parameters: `--param fast=10 --param trailPercent=5` on the command line override the config's. */
const Params = z
  .object({
    /** Bars in the fast moving average. */
    fast: z.number().int().min(2).default(20),
    /** Bars in the slow moving average. */
    slow: z.number().int().min(3).default(50),
    /** The trailing stop's distance below the highest price since entry, in percent. */
    trailPercent: z.number().positive().max(50).default(12),
    /** Share of the portfolio put into each entry (0.95 = 95 %). */
    allocation: z.number().positive().max(1).default(0.95),
  })
  .refine((p) => p.fast < p.slow, { message: "must be shorter than slow", path: ["fast"] });
type Params = z.infer<typeof Params>;

function mean(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}

/** The averages as a log shows them, to the cent. */
function averages(fast: number, slow: number): { fast: string; slow: string } {
  return { fast: fast.toFixed(2), slow: slow.toFixed(2) };
}

/**
 * Buys when the fast average of closes crosses above the slow one and sells when it crosses back below.
 * Once an entry fills, a trailing stop follows the price up `trailPercent` below its high; whichever exit
 * comes first closes the position and the other is canceled.
 */
export default class MovingAverageCrossover extends Strategy<Params> {
  static override params = Params;

  onBar(ctx: StrategyContext<Params>, bar: Bar): void {
    const { fast, slow, allocation } = ctx.params;
    const id = bar.instrumentId;
    // slow + 1 closes give both today's averages and yesterday's, so a cross is seen on the bar it happens.
    const closes = ctx.data.history(id, "close", slow + 1);
    if (closes.length < slow + 1) return;
    const fastNow = mean(closes.subarray(closes.length - fast));
    const slowNow = mean(closes.subarray(1));
    const fastBefore = mean(closes.subarray(closes.length - fast - 1, closes.length - 1));
    const slowBefore = mean(closes.subarray(0, slow));
    ctx.record({ fastAverage: fastNow, slowAverage: slowNow });

    const flat = ctx.portfolio.position(id).isZero();
    const crossedUp = fastBefore <= slowBefore && fastNow > slowNow;
    const crossedDown = fastBefore >= slowBefore && fastNow < slowNow;
    if (flat && crossedUp && ctx.getOpenOrders(id).length === 0) {
      ctx.orderTargetPercent(id, allocation, { tags: ["entry"] });
      ctx.log.info("fast average crossed above slow: buying", averages(fastNow, slowNow));
    } else if (!flat && crossedDown) {
      ctx.orders.cancelAll(id);
      ctx.orders.placePositionExit(id, { tags: ["cross-exit"] });
      ctx.log.info("fast average crossed below slow: selling", averages(fastNow, slowNow));
    }
  }

  onOrderEvent(ctx: StrategyContext<Params>, event: OrderEvent): void {
    if (event.type !== "OrderFilled") return;
    const order = ctx.getOrder(event.orderId);
    if (order === undefined || order.status !== "FILLED") return;
    if (order.tags.includes("entry")) {
      ctx.orders.placeTrailingStop({
        instrumentId: order.instrumentId,
        side: "SELL",
        quantity: ctx.portfolio.position(order.instrumentId),
        offsetType: "PERCENT",
        offset: ctx.params.trailPercent,
        reduceOnly: true,
        tags: ["trailing-stop"],
      });
    } else if (order.tags.includes("trailing-stop")) {
      ctx.log.info("trailing stop hit", { price: event.price.toString() });
    }
  }
}

/**
 * Four-asset rebalancing every 21 trading days (Zipline style: `schedule`, `orderTargetPercent`).
 *
 * A fixed-weight portfolio drifts as prices move; every `everyDays` trading days (21 is about a month)
 * the strategy brings each asset back to its weight. The schedule fires at one minute after the open
 * on the exchange calendar, so holidays are skipped and the count is in trading days.
 *
 * Sells go first and buys follow once every sell has filled: in a cash account the buys spend the sells'
 * proceeds, and the risk engine's buying-power check would refuse them before. A `cashBuffer` of the
 * portfolio stays in cash because orders are sized at the last close and fill at the open.
 */
import type { OrderEvent } from "@ordo/core";
import { dateRules, Strategy, type StrategyContext, timeRules } from "@ordo/engine";
import { z } from "zod";

const Params = z
  .object({
    instruments: z.array(z.string()).length(4).default(["KO.XNYS", "PEP.XNYS", "ORCL.XNAS", "YHOO.XNAS"]),
    /** Target weights in the same order; default equal. They must add up to 1. */
    weights: z.array(z.number().min(0)).length(4).default([0.25, 0.25, 0.25, 0.25]),
    everyDays: z.number().int().positive().default(21),
    /** Fraction of the portfolio kept in cash. */
    cashBuffer: z.number().min(0).lt(1).default(0.02),
  })
  .refine((p) => Math.abs(p.weights.reduce((s, w) => s + w, 0) - 1) < 1e-9, {
    message: "weights must add up to 1",
    path: ["weights"],
  });
type Params = z.output<typeof Params>;

export default class Rebalance extends Strategy<Params> {
  static override params = Params;

  #tradingDay = 0;
  /** Sell orders of the current rebalance still working; the buys wait for them. */
  readonly #sells = new Set<string>();
  #buysDue = false;

  onStart(ctx: StrategyContext<Params>): void {
    ctx.schedule(dateRules.everyDay(), timeRules.marketOpen({ minutes: 1 }), (c) => {
      this.#recordWeights(c);
      if (this.#tradingDay++ % c.params.everyDays === 0) this.#rebalance(c);
    });
  }

  onOrderEvent(ctx: StrategyContext<Params>, event: OrderEvent): void {
    if (!this.#sells.has(event.orderId)) return;
    const order = ctx.getOrder(event.orderId)!;
    if (
      order.status === "FILLED" ||
      order.status === "CANCELED" ||
      order.status === "REJECTED" ||
      order.status === "DENIED" ||
      order.status === "EXPIRED"
    )
      this.#sells.delete(order.id);
    if (this.#sells.size === 0 && this.#buysDue) this.#buy(ctx);
  }

  #rebalance(ctx: StrategyContext<Params>): void {
    const { instruments } = ctx.params;
    if (!instruments.every((id) => ctx.data.canTrade(id))) return; // wait until every asset has a price
    ctx.log.info("rebalancing", { tradingDay: this.#tradingDay - 1 });
    const equity = ctx.portfolio.portfolioValue;
    instruments.forEach((id, i) => {
      const held = ctx.portfolio.position(id).times(ctx.data.current(id, "close"));
      if (held.gt(equity.times(this.#target(ctx, i)))) {
        const order = ctx.orderTargetPercent(id, this.#target(ctx, i));
        if (order !== null && order.status !== "DENIED") this.#sells.add(order.id);
      }
    });
    this.#buysDue = true;
    if (this.#sells.size === 0) this.#buy(ctx);
  }

  #buy(ctx: StrategyContext<Params>): void {
    this.#buysDue = false;
    const equity = ctx.portfolio.portfolioValue;
    ctx.params.instruments.forEach((id, i) => {
      const held = ctx.portfolio.position(id).times(ctx.data.current(id, "close"));
      if (held.lt(equity.times(this.#target(ctx, i)))) ctx.orderTargetPercent(id, this.#target(ctx, i));
    });
  }

  /** Each asset's share of the portfolio at the last closes (w0..w3), to watch the drift. */
  #recordWeights(ctx: StrategyContext<Params>): void {
    const equity = ctx.portfolio.portfolioValue;
    const weights: Record<string, number> = {};
    ctx.params.instruments.forEach((id, i) => {
      const close = ctx.data.current(id, "close");
      weights[`w${i}`] = Number.isNaN(close)
        ? 0
        : ctx.portfolio.position(id).times(close).div(equity).toNumber();
    });
    ctx.record(weights);
  }

  /** The weight invested: the asset's share of what is not kept in cash. */
  #target(ctx: StrategyContext<Params>, i: number): number {
    return ctx.params.weights[i]! * (1 - ctx.params.cashBuffer);
  }
}

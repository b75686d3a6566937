/**
 * Pyramiding: adding to a winning position (Zipline style: `order`, `getOpenOrders`, `getOrder`,
 * `cancelOrder`).
 *
 * A trend follower adds to what works, never to what does not: after the first unit, each time the close
 * is `addEveryPercent` above the price of the last add's fill, it buys again, each add `decay` times the
 * one before (100, 50, 25, ...) so the average cost stays close to the early, cheaper entries; at most
 * `maxAdds` adds. One stop protects the whole position, `stopPercent` under the last add's fill: every
 * add moves it up and resizes it. Zipline has no modify, so the stop is canceled and replaced.
 */
import { type Bar, Decimal, roundToStep } from "@ordo/core";
import { Strategy, type StrategyContext } from "@ordo/engine";
import { z } from "zod";

const Params = z.object({
  lookback: z.number().int().min(1).default(20),
  /** Shares of the first entry. */
  unit: z.number().int().positive().default(100),
  addEveryPercent: z.number().positive().default(3),
  /** Each add is this fraction of the previous one. */
  decay: z.number().gt(0).max(1).default(0.5),
  maxAdds: z.number().int().min(0).default(3),
  stopPercent: z.number().positive().max(100).default(4),
  tickSize: z.string().default("0.01"),
});
type Params = z.output<typeof Params>;

interface Pyramid {
  /** The last buy (entry or add) order. */
  lastBuyId: string;
  adds: number;
}

export default class Pyramiding extends Strategy<Params> {
  static override params = Params;

  readonly #pyramids = new Map<string, Pyramid>();

  onBar(ctx: StrategyContext<Params>, bar: Bar): void {
    const p = ctx.params;
    const id = bar.instrumentId;
    const open = ctx.getOpenOrders(id);
    if (open.some((o) => o.type === "MARKET")) return; // a buy is on its way
    const position = ctx.portfolio.positions.get(id);

    if (position === undefined) {
      for (const o of open) ctx.cancelOrder(o); // a stop left from a closed pyramid
      this.#pyramids.delete(id);
      const closes = ctx.data.history(id, "close", p.lookback + 1);
      if (closes.length <= p.lookback || bar.close <= Math.max(...closes.subarray(0, p.lookback))) return;
      const entry = ctx.order(id, p.unit);
      if (entry !== null) this.#pyramids.set(id, { lastBuyId: entry.id, adds: 0 });
      return;
    }

    const pyramid = this.#pyramids.get(id)!;
    const lastFill = ctx.getOrder(pyramid.lastBuyId)!.avgPrice!;
    if (pyramid.adds < p.maxAdds && new Decimal(bar.close).gte(lastFill.times(1 + p.addEveryPercent / 100))) {
      const add = ctx.order(id, Math.floor(p.unit * p.decay ** (pyramid.adds + 1)));
      if (add !== null) this.#pyramids.set(id, { lastBuyId: add.id, adds: pyramid.adds + 1 });
    }

    // One stop for the whole position, under the last fill.
    const trigger = roundToStep(lastFill.times(1 - p.stopPercent / 100), new Decimal(p.tickSize), "down");
    const stop = open.find((o) => o.type === "STOP_MARKET");
    if (stop?.quantity.eq(position.amount) && stop.triggerPrice?.eq(trigger)) return;
    if (stop !== undefined) ctx.cancelOrder(stop);
    ctx.order(id, position.amount.neg(), { stopPrice: trigger, tags: ["pyramid-stop"] });
  }
}

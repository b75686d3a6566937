/**
 * Scaling in and scaling out (order-manager style: limit ladders, `cancelMany`).
 *
 * Scale in: rather than buying the whole position at one price, the strategy buys it in `tranches`: the
 * first at market, the others as limits `entryStepPercent` apart below the signal close. If the dip
 * deepens the average cost improves; if it does not, the position is simply smaller.
 *
 * Scale out: the exits are a ladder too, `tranches` sell limits `exitStepPercent` apart above the
 * average cost, so part of the profit is taken early and part is left to run. Every entry fill changes
 * the position and its average cost, so the exit ladder is canceled and rebuilt from the new figures;
 * once the first exit fills, the entry limits still working are canceled (no buying while selling).
 *
 * The signal: flat, and the close `dipPercent` under its `lookback`-bar average.
 */
import { type Bar, Decimal, type Order, type OrderEvent, roundToStep } from "@ordo/core";
import { Strategy, type StrategyContext } from "@ordo/engine";
import { z } from "zod";

const Params = z.object({
  lookback: z.number().int().min(1).default(20),
  dipPercent: z.number().min(0).default(3),
  /** Total shares of a full position. */
  quantity: z.number().int().positive().default(300),
  tranches: z.number().int().min(1).default(3),
  entryStepPercent: z.number().positive().default(2),
  exitStepPercent: z.number().positive().default(3),
  tickSize: z.string().default("0.01"),
});
type Params = z.output<typeof Params>;

const isEntry = (o: Order) => o.tags.includes("scale-in");
const isExit = (o: Order) => o.tags.includes("scale-out");

export default class ScaleInScaleOut extends Strategy<Params> {
  static override params = Params;

  /** The position (quantity @ cost) each instrument's exit ladder was built for. */
  readonly #ladderFor = new Map<string, string>();

  onBar(ctx: StrategyContext<Params>, bar: Bar): void {
    const p = ctx.params;
    const id = bar.instrumentId;
    if (!ctx.portfolio.position(id).isZero() || ctx.getOpenOrders(id).length > 0) return;
    const closes = ctx.data.history(id, "close", p.lookback);
    if (closes.length < p.lookback) return;
    const average = closes.reduce((s, x) => s + x, 0) / p.lookback;
    if (bar.close > average * (1 - p.dipPercent / 100)) return;

    const tick = new Decimal(p.tickSize);
    const size = Math.floor(p.quantity / p.tranches);
    for (let k = 0; k < p.tranches; k++) {
      const quantity = k === p.tranches - 1 ? p.quantity - size * (p.tranches - 1) : size;
      const tags = ["scale-in", `tranche-${k + 1}`];
      if (k === 0) ctx.orders.placeMarket({ instrumentId: id, side: "BUY", quantity, tags });
      else {
        const price = roundToStep(
          new Decimal(bar.close).times(1 - (k * p.entryStepPercent) / 100),
          tick,
          "down",
        );
        ctx.orders.placeLimit({ instrumentId: id, side: "BUY", quantity, price, tags });
      }
    }
  }

  onOrderEvent(ctx: StrategyContext<Params>, event: OrderEvent): void {
    if (event.type !== "OrderFilled") return;
    const order = ctx.orders.get(event.orderId)!;
    const working = ctx.getOpenOrders(order.instrumentId);
    if (isEntry(order)) {
      // The position grew: rebuild the exit ladder around the new average cost (once per change: fills
      // of one bar are all in the portfolio by the time the first is reported).
      const position = ctx.portfolio.positions.get(order.instrumentId);
      const key = position === undefined ? "" : `${position.amount}@${position.costBasis}`;
      if (key === "" || this.#ladderFor.get(order.instrumentId) === key) return;
      this.#ladderFor.set(order.instrumentId, key);
      ctx.orders.cancelMany(working.filter(isExit).map((o) => o.id));
      this.#placeExitLadder(ctx, order.instrumentId);
    } else if (isExit(order)) {
      ctx.orders.cancelMany(working.filter(isEntry).map((o) => o.id));
    }
  }

  #placeExitLadder(ctx: StrategyContext<Params>, instrumentId: string): void {
    const p = ctx.params;
    const position = ctx.portfolio.positions.get(instrumentId);
    if (position === undefined) return;
    const total = position.amount.toNumber();
    const tranches = Math.min(p.tranches, total);
    const size = Math.floor(total / tranches);
    const tick = new Decimal(p.tickSize);
    for (let k = 1; k <= tranches; k++) {
      const quantity = k === tranches ? total - size * (tranches - 1) : size;
      const price = roundToStep(position.costBasis.times(1 + (k * p.exitStepPercent) / 100), tick, "up");
      ctx.orders.placeLimit({
        instrumentId,
        side: "SELL",
        quantity,
        price,
        reduceOnly: true,
        tags: ["scale-out", `target-${k}`],
      });
    }
  }
}

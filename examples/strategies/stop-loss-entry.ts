/**
 * Entry with a stop-loss (Zipline style: `ctx.order` with a `stopPrice`).
 *
 * Every position gets a protective stop as soon as the strategy holds it: the loss is capped at
 * `stopPercent` below the average cost whatever the market does next. The entry is a breakout (the
 * close above the highest close of the previous `lookback` bars); after a stop-out the strategy waits for
 * the next breakout.
 *
 * Why the stop is placed on the bar after the entry fills: Zipline's way, the strategy looks at its
 * portfolio in `onBar`. The position is unprotected during the fill bar itself; the bracket example
 * attaches the stop to the entry so that it works from the fill on.
 */
import { type Bar, Decimal, roundToStep } from "@ordo/core";
import { Strategy, type StrategyContext } from "@ordo/engine";
import { z } from "zod";

const Params = z.object({
  /** Bars whose highest close a breakout must exceed. */
  lookback: z.number().int().min(1).default(20),
  /** Shares bought per entry. */
  quantity: z.number().int().positive().default(100),
  /** Stop distance below the average cost, in percent. */
  stopPercent: z.number().positive().max(100).default(5),
  /** Price increment of the instrument: stop prices are rounded down onto it. */
  tickSize: z.string().default("0.01"),
});
type Params = z.output<typeof Params>;

export default class StopLossEntry extends Strategy<Params> {
  static override params = Params;

  onBar(ctx: StrategyContext<Params>, bar: Bar): void {
    const { lookback, quantity, stopPercent, tickSize } = ctx.params;
    const id = bar.instrumentId;
    if (ctx.getOpenOrders(id).some((o) => o.type === "MARKET")) return; // an entry is on its way

    const position = ctx.portfolio.positions.get(id);
    if (position === undefined) {
      // Flat: enter on a breakout above the previous `lookback` closes (today's close excluded).
      const closes = ctx.data.history(id, "close", lookback + 1);
      if (closes.length <= lookback) return;
      const previousHigh = Math.max(...closes.subarray(0, lookback));
      if (bar.close > previousHigh) ctx.order(id, quantity);
      return;
    }

    // Long and not yet protected: a sell stop for the whole position below the average cost.
    if (ctx.getOpenOrders(id).length === 0) {
      const stop = position.costBasis.times(1 - stopPercent / 100);
      ctx.order(id, position.amount.neg(), {
        stopPrice: roundToStep(stop, new Decimal(tickSize), "down"),
        tags: ["stop-loss"],
      });
    }
  }
}

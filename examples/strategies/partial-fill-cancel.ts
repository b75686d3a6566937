/**
 * Partial-fill handling: cancel the rest below a fill ratio (order-manager style, `ctx.orders`).
 *
 * In thin markets a large order fills a little per bar. After the order has worked for `evaluateAfterBars`
 * bars, the strategy looks at what it got: if at least `minFillRatio` of the order filled, the market can
 * take it and the order keeps working; below that ratio the rest is canceled and the strategy keeps the
 * shares it has rather than pushing the price further (a partially filled order that is canceled ends
 * CANCELED with its fills kept).
 *
 * The entry is a breakout (the close above the highest close of the previous `lookback` bars), bought
 * with a limit at the close plus `limitSlackPercent` so it never chases far.
 */
import { type Bar, Decimal, roundToStep } from "@ordo/core";
import { Strategy, type StrategyContext } from "@ordo/engine";
import { z } from "zod";

const Params = z.object({
  lookback: z.number().int().min(1).default(20),
  quantity: z.number().int().positive().default(1000),
  /** How far above the signal close the buy limit goes, in percent. */
  limitSlackPercent: z.number().min(0).default(1),
  /** Bars the order may work before its fill ratio is judged. */
  evaluateAfterBars: z.number().int().positive().default(1),
  /** Filled / ordered below which the rest is canceled (0.5 = half). */
  minFillRatio: z.number().gt(0).max(1).default(0.5),
  tickSize: z.string().default("0.01"),
});
type Params = z.output<typeof Params>;

export default class PartialFillCancel extends Strategy<Params> {
  static override params = Params;

  /** Bars each working entry has met, by order id. */
  readonly #barsWorked = new Map<string, number>();

  onBar(ctx: StrategyContext<Params>, bar: Bar): void {
    const p = ctx.params;
    const id = bar.instrumentId;
    const working = ctx.orders.query({ instrumentId: id, status: ["ACCEPTED", "PARTIALLY_FILLED"] });
    for (const order of working) {
      const bars = (this.#barsWorked.get(order.id) ?? 0) + 1;
      this.#barsWorked.set(order.id, bars);
      if (bars !== p.evaluateAfterBars) continue;
      const ratio = order.filledQuantity.div(order.quantity);
      ctx.record({ fillRatio: ratio.toNumber() });
      if (ratio.lt(p.minFillRatio)) {
        ctx.log.info("fill ratio below the minimum: canceling the rest", {
          orderId: order.id,
          filled: order.filledQuantity.toString(),
          ratio: ratio.toString(),
        });
        ctx.orders.cancel(order.id);
      }
    }
    if (working.length > 0 || !ctx.portfolio.position(id).isZero()) return;

    const closes = ctx.data.history(id, "close", p.lookback + 1);
    if (closes.length <= p.lookback || bar.close <= Math.max(...closes.subarray(0, p.lookback))) return;
    const limit = roundToStep(
      new Decimal(bar.close).times(1 + p.limitSlackPercent / 100),
      new Decimal(p.tickSize),
      "down",
    );
    ctx.orders.placeLimit({
      instrumentId: id,
      side: "BUY",
      quantity: p.quantity,
      price: limit,
      tags: ["entry"],
    });
  }
}

/**
 * OCO breakout (order-manager style, `ctx.orders.placeOco`).
 *
 * A range (the highest high and lowest low of the last `lookback` bars) breaks one way or the other.
 * Instead of guessing which, the strategy brackets it: a buy stop one tick above resistance and a sell
 * stop one tick below support, linked one-cancels-other. Whichever the market reaches first opens the
 * position and the venue cancels the other at once, so the strategy can never end up long and short.
 *
 * The pair is sent with time in force DAY after each close: unfilled, both expire at the next close and
 * a new pair goes out around the updated range. Once in a position, a protective stop goes at the middle
 * of the range the breakout came from: back inside it, the breakout has failed.
 *
 * Short selling needs a margin account.
 */
import { type Bar, Decimal, type OrderEvent, roundToStep } from "@ordo/core";
import { Strategy, type StrategyContext } from "@ordo/engine";
import { z } from "zod";

const Params = z.object({
  lookback: z.number().int().min(1).default(20),
  quantity: z.number().int().positive().default(100),
  tickSize: z.string().default("0.01"),
});
type Params = z.output<typeof Params>;

export default class OcoBreakout extends Strategy<Params> {
  static override params = Params;

  /** The range each entry pair was placed around, by order id. */
  readonly #rangeOf = new Map<string, { support: Decimal; resistance: Decimal }>();

  onBar(ctx: StrategyContext<Params>, bar: Bar): void {
    const { lookback, quantity, tickSize } = ctx.params;
    const id = bar.instrumentId;
    if (!ctx.portfolio.position(id).isZero() || ctx.getOpenOrders(id).length > 0) return;
    const highs = ctx.data.history(id, "high", lookback);
    const lows = ctx.data.history(id, "low", lookback);
    if (highs.length < lookback) return;

    const tick = new Decimal(tickSize);
    const resistance = roundToStep(new Decimal(Math.max(...highs)), tick, "up");
    const support = roundToStep(new Decimal(Math.min(...lows)), tick, "down");
    const [buyStop, sellStop] = ctx.orders.placeOco([
      {
        instrumentId: id,
        side: "BUY",
        type: "STOP_MARKET",
        quantity,
        triggerPrice: resistance.plus(tick).toFixed(),
        timeInForce: "DAY",
        tags: ["breakout-up"],
      },
      {
        instrumentId: id,
        side: "SELL",
        type: "STOP_MARKET",
        quantity,
        triggerPrice: support.minus(tick).toFixed(),
        timeInForce: "DAY",
        tags: ["breakout-down"],
      },
    ]);
    for (const order of [buyStop!, sellStop!]) this.#rangeOf.set(order.id, { support, resistance });
  }

  onOrderEvent(ctx: StrategyContext<Params>, event: OrderEvent): void {
    if (event.type !== "OrderFilled") return;
    const range = this.#rangeOf.get(event.orderId);
    const entry = ctx.orders.get(event.orderId)!;
    if (range === undefined || entry.status !== "FILLED") return;
    this.#rangeOf.clear();
    // Protective stop at the middle of the range, on the tick, on the far side for the position.
    const middle = roundToStep(
      range.support.plus(range.resistance).div(2),
      new Decimal(ctx.params.tickSize),
      entry.side === "BUY" ? "down" : "up",
    );
    ctx.orders.placeStop({
      instrumentId: entry.instrumentId,
      side: entry.side === "BUY" ? "SELL" : "BUY",
      quantity: entry.filledQuantity,
      triggerPrice: middle,
      reduceOnly: true,
      tags: ["failed-breakout-stop"],
    });
  }
}

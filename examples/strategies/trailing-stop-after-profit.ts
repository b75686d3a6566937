/**
 * Trailing stop activated after a profit threshold (order-manager style, event driven).
 *
 * A trailing stop that starts at once is shaken out by the first wobble after the entry. This one stays
 * dormant until the market has moved `activationPercent` in our favour, then trails the best price by
 * `trailPercent`. Until then a fixed stop `stopPercent` under the entry caps the loss. The two exits are
 * one-cancels-other: whichever fills, the other is canceled.
 *
 * Both exits are placed from `onOrderEvent` when the entry has filled, with prices measured from the
 * actual fill price (not the signal's close).
 */
import { type Bar, Decimal, type OrderEvent, roundToStep } from "@ordo/core";
import { Strategy, type StrategyContext } from "@ordo/engine";
import { z } from "zod";

const Params = z.object({
  lookback: z.number().int().min(1).default(20),
  quantity: z.number().int().positive().default(100),
  /** Fixed stop under the entry price until the trailing stop takes over, in percent. */
  stopPercent: z.number().positive().max(100).default(4),
  /** Profit that activates the trailing stop, in percent above the entry price. */
  activationPercent: z.number().positive().default(5),
  /** Distance the trailing stop keeps below the best price since activation, in percent. */
  trailPercent: z.number().positive().max(100).default(3),
  tickSize: z.string().default("0.01"),
});
type Params = z.output<typeof Params>;

export default class TrailingStopAfterProfit extends Strategy<Params> {
  static override params = Params;

  onBar(ctx: StrategyContext<Params>, bar: Bar): void {
    const id = bar.instrumentId;
    if (!ctx.portfolio.position(id).isZero() || ctx.getOpenOrders(id).length > 0) return;
    const closes = ctx.data.history(id, "close", ctx.params.lookback + 1);
    if (closes.length <= ctx.params.lookback) return;
    if (bar.close > Math.max(...closes.subarray(0, ctx.params.lookback))) {
      ctx.orders.placeMarket({
        instrumentId: id,
        side: "BUY",
        quantity: ctx.params.quantity,
        tags: ["entry"],
      });
    }
  }

  onOrderEvent(ctx: StrategyContext<Params>, event: OrderEvent): void {
    if (event.type !== "OrderFilled") return;
    const entry = ctx.orders.get(event.orderId);
    if (entry === undefined || !entry.tags.includes("entry") || entry.status !== "FILLED") return;

    const { stopPercent, activationPercent, trailPercent, tickSize } = ctx.params;
    const tick = new Decimal(tickSize);
    const price = entry.avgPrice!; // set on every filled order
    const exit = { instrumentId: entry.instrumentId, side: "SELL", quantity: entry.filledQuantity.toFixed() };
    ctx.orders.placeOco([
      {
        ...exit,
        type: "STOP_MARKET",
        triggerPrice: roundToStep(price.times(1 - stopPercent / 100), tick, "down").toFixed(),
        tags: ["fixed-stop"],
      },
      {
        ...exit,
        type: "TRAILING_STOP_MARKET",
        trailing: {
          offsetType: "PERCENT",
          offset: String(trailPercent),
          activationPrice: roundToStep(price.times(1 + activationPercent / 100), tick, "up").toFixed(),
        },
        tags: ["trailing-stop"],
      },
    ]);
  }
}

/**
 * Raising a stop by modifying it (order-manager style, `ctx.orders.modify`).
 *
 * A protective stop placed at entry should follow a winning position up, locking in profit, and never
 * come down. After each close the strategy works out where the stop belongs (the close minus
 * `trailPercent`) and, when that is higher than the working stop, modifies the stop's trigger price
 * rather than canceling and replacing it: the order keeps its id and its place at the venue, and there
 * is no moment without protection.
 *
 * A modify can be refused (the stop may have just filled, or the new trigger may be on the wrong side of
 * the market); the venue answers OrderModifyRejected, the stop stays where it was, and the strategy logs
 * the reason and tries again at the next close.
 */
import { type Bar, Decimal, isActive, type Order, type OrderEvent, roundToStep } from "@ordo/core";
import { Strategy, type StrategyContext } from "@ordo/engine";
import { z } from "zod";

const Params = z.object({
  lookback: z.number().int().min(1).default(20),
  quantity: z.number().int().positive().default(100),
  /** Initial stop under the entry fill, in percent. */
  stopPercent: z.number().positive().max(100).default(5),
  /** Distance kept under each close once the stop trails, in percent. */
  trailPercent: z.number().positive().max(100).default(5),
  tickSize: z.string().default("0.01"),
});
type Params = z.output<typeof Params>;

export default class RaiseStop extends Strategy<Params> {
  static override params = Params;

  readonly #stopOf = new Map<string, string>();

  onBar(ctx: StrategyContext<Params>, bar: Bar): void {
    const { lookback, quantity, trailPercent, tickSize } = ctx.params;
    const id = bar.instrumentId;
    const stop = this.#workingStop(ctx, id);
    if (stop !== undefined) {
      const raised = roundToStep(
        new Decimal(bar.close).times(1 - trailPercent / 100),
        new Decimal(tickSize),
        "down",
      );
      // Only up, never down; and not while an earlier modify is still pending.
      if (stop.status !== "PENDING_UPDATE" && raised.gt(stop.triggerPrice!)) {
        ctx.orders.modify(stop.id, { triggerPrice: raised });
      }
      return;
    }
    if (!ctx.portfolio.position(id).isZero() || ctx.getOpenOrders(id).length > 0) return;
    const closes = ctx.data.history(id, "close", lookback + 1);
    if (closes.length > lookback && bar.close > Math.max(...closes.subarray(0, lookback))) {
      ctx.orders.placeMarket({ instrumentId: id, side: "BUY", quantity, tags: ["entry"] });
    }
  }

  onOrderEvent(ctx: StrategyContext<Params>, event: OrderEvent): void {
    if (event.type === "OrderModifyRejected") {
      ctx.log.warn("stop not raised; it stays where it was", {
        orderId: event.orderId,
        reason: event.reason,
      });
      return;
    }
    if (event.type !== "OrderFilled") return;
    const entry = ctx.orders.get(event.orderId)!;
    if (!entry.tags.includes("entry") || entry.status !== "FILLED") return;
    const trigger = entry.avgPrice!.times(1 - ctx.params.stopPercent / 100);
    const stop = ctx.orders.placeStop({
      instrumentId: entry.instrumentId,
      side: "SELL",
      quantity: entry.filledQuantity,
      triggerPrice: roundToStep(trigger, new Decimal(ctx.params.tickSize), "down"),
      tags: ["stop"],
    });
    this.#stopOf.set(entry.instrumentId, stop.id);
  }

  #workingStop(ctx: StrategyContext<Params>, instrumentId: string): Order | undefined {
    const id = this.#stopOf.get(instrumentId);
    const stop = id === undefined ? undefined : ctx.orders.get(id);
    return stop !== undefined && isActive(stop.status) ? stop : undefined;
  }
}

/**
 * Stale limit orders canceled and resubmitted as market orders (order-manager style, event driven).
 *
 * A limit below the market saves the spread and some slippage when the market comes to it, but a limit
 * that never fills leaves the strategy without the position it wanted. So the entry rests as a limit
 * `discountPercent` under the close, and once it is older than `maxAgeMinutes` on the engine's clock it
 * is canceled; when the venue confirms the cancel, whatever it did not fill is bought at market.
 *
 * Why wait for OrderCanceled instead of sending the market order with the cancel: the limit may still
 * fill while the cancel is on its way; the confirmed leaves quantity is the only safe size for the rest.
 *
 * The strategy enters once per instrument, on its first bar, for `quantity` shares.
 */
import { type Bar, Decimal, isActive, type OrderEvent, roundToStep } from "@ordo/core";
import { Strategy, type StrategyContext } from "@ordo/engine";
import { z } from "zod";

const Params = z.object({
  quantity: z.number().int().positive().default(100),
  /** How far under the close the limit rests, in percent. */
  discountPercent: z.number().min(0).max(100).default(2),
  /** Age (engine clock, wall time: weekends count) after which a resting limit is replaced by a market order. */
  maxAgeMinutes: z.number().positive().default(60),
  tickSize: z.string().default("0.01"),
});
type Params = z.output<typeof Params>;

export default class StaleLimitToMarket extends Strategy<Params> {
  static override params = Params;

  readonly #entered = new Set<string>();
  /** Limits we canceled for being stale: their leaves go to market when the cancel is confirmed. */
  readonly #replacing = new Set<string>();

  onBar(ctx: StrategyContext<Params>, bar: Bar): void {
    const { quantity, discountPercent, maxAgeMinutes, tickSize } = ctx.params;
    if (!this.#entered.has(bar.instrumentId)) {
      this.#entered.add(bar.instrumentId);
      const price = roundToStep(
        new Decimal(bar.close).times(1 - discountPercent / 100),
        new Decimal(tickSize),
        "down",
      );
      ctx.orders.placeLimit({
        instrumentId: bar.instrumentId,
        side: "BUY",
        quantity,
        price,
        tags: ["patient-entry"],
      });
      return;
    }
    const maxAgeMs = maxAgeMinutes * 60_000;
    for (const order of ctx.orders.query({
      instrumentId: bar.instrumentId,
      status: ["ACCEPTED", "PARTIALLY_FILLED"],
    })) {
      if (order.type !== "LIMIT" || this.#replacing.has(order.id)) continue;
      if (ctx.now() - order.initAt < maxAgeMs) continue;
      ctx.log.info("limit is stale: canceling it to buy the rest at market", {
        orderId: order.id,
        ageMinutes: (ctx.now() - order.initAt) / 60_000,
        filled: order.filledQuantity.toString(),
      });
      this.#replacing.add(order.id);
      ctx.orders.cancel(order.id);
    }
  }

  onOrderEvent(ctx: StrategyContext<Params>, event: OrderEvent): void {
    if (!this.#replacing.has(event.orderId)) return;
    const order = ctx.orders.get(event.orderId)!;
    if (isActive(order.status)) return; // still waiting for the venue's answer
    this.#replacing.delete(order.id);
    // Canceled (or filled in the meantime, when leaves is 0): buy only what the limit did not.
    if (order.leavesQuantity.isZero()) return;
    ctx.orders.placeMarket({
      instrumentId: order.instrumentId,
      side: order.side,
      quantity: order.leavesQuantity,
      tags: ["stale-limit-replacement"],
    });
  }
}

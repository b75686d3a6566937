/**
 * Order placement that retries with a smaller size after a denial (order-manager style, event driven).
 *
 * Before an order leaves, the risk engine checks it (buying power, order size and notional limits,
 * position limits). An order that asks for too much is DENIED with a reason code, and nothing is sent.
 * For the codes where a smaller order can pass, the strategy tries again with the quantity multiplied by
 * `shrinkFactor`, up to `maxAttempts` orders in all; any other denial (a halted market, a restricted
 * instrument) or a venue rejection is final, since a smaller order would fail the same way.
 *
 * The strategy wants `quantity` shares of each instrument, bought on its first bar.
 */
import { type Bar, DenyReason, type OrderEvent } from "@ordo/core";
import { Strategy, type StrategyContext } from "@ordo/engine";
import { z } from "zod";

const Params = z.object({
  quantity: z.number().int().positive().default(1000),
  /** Each retry asks for this fraction of the denied quantity (rounded down to whole shares). */
  shrinkFactor: z.number().gt(0).lt(1).default(0.5),
  /** Orders in all, the first one included. */
  maxAttempts: z.number().int().positive().default(4),
});
type Params = z.output<typeof Params>;

/** Denials a smaller order can pass. */
const SIZE_DENIALS: ReadonlySet<string> = new Set([
  DenyReason.INSUFFICIENT_FUNDS,
  DenyReason.MAX_NOTIONAL,
  DenyReason.MAX_ORDER_QUANTITY,
  DenyReason.POSITION_LIMIT,
  DenyReason.MAX_LEVERAGE,
]);

export default class RetrySmallerAfterDenial extends Strategy<Params> {
  static override params = Params;

  readonly #started = new Set<string>();
  /** Attempt number of each order placed (1 = the first). */
  readonly #attempt = new Map<string, number>();

  onBar(ctx: StrategyContext<Params>, bar: Bar): void {
    if (this.#started.has(bar.instrumentId)) return;
    this.#started.add(bar.instrumentId);
    this.#place(ctx, bar.instrumentId, ctx.params.quantity, 1);
  }

  onOrderEvent(ctx: StrategyContext<Params>, event: OrderEvent): void {
    if (event.type === "OrderRejected") {
      ctx.log.warn("rejected by the venue: not retried", { orderId: event.orderId, reason: event.reason });
      return;
    }
    if (event.type !== "OrderDenied") return;
    const attempt = this.#attempt.get(event.orderId) ?? 1;
    const denied = ctx.orders.get(event.orderId)!;
    if (!SIZE_DENIALS.has(event.code)) {
      ctx.log.warn("denied for a reason size does not change: not retried", {
        code: event.code,
        reason: event.reason,
      });
      return;
    }
    const smaller = denied.quantity.times(ctx.params.shrinkFactor).floor();
    if (attempt >= ctx.params.maxAttempts || smaller.isZero()) {
      ctx.log.warn("giving up after denials", { attempts: attempt, lastCode: event.code });
      return;
    }
    ctx.log.info("denied: retrying smaller", {
      code: event.code,
      from: denied.quantity.toString(),
      to: smaller.toString(),
    });
    this.#place(ctx, denied.instrumentId, smaller.toNumber(), attempt + 1);
  }

  #place(ctx: StrategyContext<Params>, instrumentId: string, quantity: number, attempt: number): void {
    const order = ctx.orders.placeMarket({
      instrumentId,
      side: "BUY",
      quantity,
      tags: [`attempt-${attempt}`],
    });
    // The order comes back already DENIED when risk refuses it; the OrderDenied event (with its code)
    // arrives in onOrderEvent right after this hook returns.
    this.#attempt.set(order.id, attempt);
  }
}

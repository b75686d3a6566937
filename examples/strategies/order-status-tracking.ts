/**
 * Order-status tracking that handles every status (order-manager style, event driven).
 *
 * The strategy keeps its own copy of each order, advanced with core's `applyEvent` on every event, so it
 * knows the exact status each event produced (the cache's copy may already be further along when a
 * queued callback runs). A `switch` over the status with a `never` default makes the compiler prove that
 * all fifteen statuses are handled, and each case does what a trading system should:
 *
 * - INITIALIZED, SUBMITTED, ACCEPTED, TRIGGERED, HELD, RELEASED: working or on the way; nothing to do.
 * - PENDING_UPDATE, PENDING_CANCEL: a command is in flight; send nothing else for this order until the
 *   venue answers.
 * - PARTIALLY_FILLED: the position grew; the rest keeps working.
 * - FILLED: an entry gets its take-profit; an exit is the end of the trade.
 * - EXPIRED: an entry that filled in part before it expired gets a take-profit for what filled.
 * - CANCELED: the take-profit canceled by the stop rule is replaced by a market exit.
 * - REJECTED: the post-only take-profit refused because the market is already through it: take the
 *   profit at market instead.
 * - DENIED: risk refused it before sending; logged with the code, the next bar tries again.
 * - FAILED: the venue could not be reached; logged, the next bar tries again.
 *
 * The trading: each day while flat, a stop-limit buy one tick over the day's high (a breakout entry
 * with a cap on the price paid), good for the next session only (DAY). Once long, a post-only take-profit
 * `takeProfitPercent` above the entry; after `patienceBars` bars it is lowered to half that distance
 * (a modify). If the close falls `stopPercent` under the entry, the take-profit is canceled and the
 * position sold at market.
 */
import {
  applyEvent,
  type Bar,
  Decimal,
  initialOrderState,
  isActive,
  type Order,
  type OrderEvent,
  roundToStep,
} from "@ordo/core";
import { Strategy, type StrategyContext } from "@ordo/engine";
import { z } from "zod";

const Params = z.object({
  quantity: z.number().int().positive().default(100),
  /** How far over the stop the buy limit may pay, in percent. */
  limitSlackPercent: z.number().min(0).default(0.5),
  takeProfitPercent: z.number().positive().default(4),
  /** Bars the take-profit waits before it is lowered to half its distance. */
  patienceBars: z.number().int().positive().default(3),
  stopPercent: z.number().positive().max(100).default(3),
  tickSize: z.string().default("0.01"),
});
type Params = z.output<typeof Params>;

type Role = "entry" | "take-profit" | "exit";

export default class OrderStatusTracking extends Strategy<Params> {
  static override params = Params;

  /** Our own copy of each order, one event at a time. */
  readonly #orders = new Map<string, Order>();
  /** Per instrument: bars its take-profit has been working, and whether it was lowered. */
  readonly #takeProfit = new Map<string, { bars: number; lowered: boolean }>();

  onBar(ctx: StrategyContext<Params>, bar: Bar): void {
    const p = ctx.params;
    const id = bar.instrumentId;
    const tick = new Decimal(p.tickSize);
    const position = ctx.portfolio.positions.get(id);
    const working = ctx.getOpenOrders(id);

    if (position === undefined) {
      if (working.length > 0) return;
      const trigger = roundToStep(new Decimal(bar.high), tick, "up").plus(tick);
      ctx.orders.placeStopLimit({
        instrumentId: id,
        side: "BUY",
        quantity: p.quantity,
        triggerPrice: trigger,
        price: roundToStep(trigger.times(1 + p.limitSlackPercent / 100), tick, "down"),
        timeInForce: "DAY",
        tags: ["entry"],
      });
      return;
    }

    const takeProfit = working.find((o) => role(o) === "take-profit");
    if (takeProfit === undefined || takeProfit.status !== "ACCEPTED") return; // nothing to manage, or a command in flight
    if (new Decimal(bar.close).lt(position.costBasis.times(1 - p.stopPercent / 100))) {
      ctx.orders.cancel(takeProfit.id); // the market exit follows the CANCELED confirmation
      return;
    }
    const state = this.#takeProfit.get(id) ?? { bars: 0, lowered: false };
    state.bars++;
    this.#takeProfit.set(id, state);
    if (!state.lowered && state.bars >= p.patienceBars) {
      state.lowered = true;
      const lower = position.costBasis.times(1 + p.takeProfitPercent / 200);
      ctx.orders.modify(takeProfit.id, { price: roundToStep(lower, tick, "up") });
    }
  }

  onOrderEvent(ctx: StrategyContext<Params>, event: OrderEvent): void {
    const previous = this.#orders.get(event.orderId);
    const order =
      event.type === "OrderInitialized"
        ? initialOrderState(event.spec, event.tsEvent)
        : applyEvent(previous!, event);
    this.#orders.set(order.id, order);
    if (previous?.status === order.status && event.type !== "OrderFilled") return; // e.g. OrderUpdated
    ctx.log.info(`${role(order)} ${order.status}`, { orderId: order.id });

    switch (order.status) {
      case "INITIALIZED":
      case "SUBMITTED":
      case "ACCEPTED":
      case "TRIGGERED":
      case "HELD":
      case "RELEASED":
        return; // working, or on its way to work
      case "PENDING_UPDATE":
      case "PENDING_CANCEL":
        return; // onBar sends nothing while a command is in flight
      case "PARTIALLY_FILLED":
        return; // the portfolio has the fill; the rest keeps working
      case "FILLED":
        if (role(order) === "entry") this.#placeTakeProfit(ctx, order);
        return;
      case "EXPIRED":
        if (role(order) === "entry" && !order.filledQuantity.isZero()) this.#placeTakeProfit(ctx, order);
        return;
      case "CANCELED":
        if (role(order) === "take-profit") this.#exitAtMarket(ctx, order, "stop: take-profit canceled");
        return;
      case "REJECTED":
        if (
          role(order) === "take-profit" &&
          event.type === "OrderRejected" &&
          event.reason.startsWith("POST_ONLY")
        )
          this.#exitAtMarket(ctx, order, "take-profit already through: selling at market");
        else
          ctx.log.warn("order rejected", {
            orderId: order.id,
            reason: event.type === "OrderRejected" ? event.reason : "",
          });
        return;
      case "DENIED":
        ctx.log.warn("order denied by risk", {
          orderId: order.id,
          code: event.type === "OrderDenied" ? event.code : "",
        });
        return;
      case "FAILED":
        ctx.log.error("order could not reach the venue", { orderId: order.id });
        return;
      default: {
        const unhandled: never = order.status;
        throw new Error(`unhandled order status ${String(unhandled)}`);
      }
    }
  }

  #placeTakeProfit(ctx: StrategyContext<Params>, entry: Order): void {
    const price = roundToStep(
      entry.avgPrice!.times(1 + ctx.params.takeProfitPercent / 100),
      new Decimal(ctx.params.tickSize),
      "up",
    );
    ctx.orders.placeLimit({
      instrumentId: entry.instrumentId,
      side: "SELL",
      quantity: entry.filledQuantity,
      price,
      postOnly: true, // a resting exit only: never take liquidity (maker fees)
      reduceOnly: true,
      tags: ["take-profit"],
    });
    this.#takeProfit.set(entry.instrumentId, { bars: 0, lowered: false });
  }

  #exitAtMarket(ctx: StrategyContext<Params>, order: Order, why: string): void {
    ctx.log.info(why, { orderId: order.id });
    if (!ctx.getOpenOrders(order.instrumentId).some((o) => role(o) === "exit" && isActive(o.status)))
      ctx.orders.placePositionExit(order.instrumentId, { tags: ["exit"] });
  }
}

function role(order: Order): Role {
  return order.tags.includes("take-profit") ? "take-profit" : order.tags.includes("exit") ? "exit" : "entry";
}

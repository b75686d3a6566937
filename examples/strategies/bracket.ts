/**
 * Bracket order: entry, stop-loss and take-profit in one request (order-manager style,
 * `ctx.orders.placeBracket`).
 *
 * The entry carries both exits as children (one-triggers-other): they start working the moment the entry
 * fills, even later on the same bar, sized to what filled. The exits are linked one-updates-other: when
 * the target fills the stop is canceled and vice versa, so the position is never closed twice.
 *
 * Entry: a breakout (close above the highest close of the previous `lookback` bars). Exits: a stop
 * `stopPercent` below and a limit `targetPercent` above the breakout close, rounded onto the tick.
 */
import { type Bar, Decimal, roundToStep } from "@ordo/core";
import { Strategy, type StrategyContext } from "@ordo/engine";
import { z } from "zod";

const Params = z.object({
  lookback: z.number().int().min(1).default(20),
  quantity: z.number().int().positive().default(100),
  /** Stop-loss distance below the signal close, in percent. */
  stopPercent: z.number().positive().max(100).default(3),
  /** Take-profit distance above the signal close, in percent. */
  targetPercent: z.number().positive().default(6),
  tickSize: z.string().default("0.01"),
});
type Params = z.output<typeof Params>;

export default class Bracket extends Strategy<Params> {
  static override params = Params;

  onBar(ctx: StrategyContext<Params>, bar: Bar): void {
    const { lookback, quantity, stopPercent, targetPercent, tickSize } = ctx.params;
    const id = bar.instrumentId;
    // One bracket at a time: wait until the last one is done (both exits closed) and we are flat.
    if (
      !ctx.portfolio.position(id).isZero() ||
      ctx.orders.query({ instrumentId: id, status: WORKING }).length > 0
    )
      return;
    const closes = ctx.data.history(id, "close", lookback + 1);
    if (closes.length <= lookback || bar.close <= Math.max(...closes.subarray(0, lookback))) return;

    const tick = new Decimal(tickSize);
    const close = new Decimal(bar.close);
    ctx.orders.placeBracket({
      instrumentId: id,
      side: "BUY",
      quantity,
      entry: { type: "MARKET" },
      // A stop rounds down and a target up: each is at least as far from the entry as asked.
      stopLoss: { triggerPrice: roundToStep(close.times(1 - stopPercent / 100), tick, "down") },
      takeProfit: { price: roundToStep(close.times(1 + targetPercent / 100), tick, "up") },
      tags: ["bracket"],
    });
  }
}

/** Every status in which an order may still trade. */
const WORKING = [
  "INITIALIZED",
  "SUBMITTED",
  "ACCEPTED",
  "TRIGGERED",
  "PENDING_UPDATE",
  "PENDING_CANCEL",
  "PARTIALLY_FILLED",
] as const;

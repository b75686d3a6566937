/**
 * Buy and hold (Zipline style).
 *
 * The simplest strategy and the benchmark every other one is measured against: on the first bar of each
 * instrument, invest a fixed fraction of the portfolio with `orderTargetPercent`, then never trade again.
 *
 * Why a fraction below 1: the order is sized at today's close but fills at the next bar's open, so a
 * small cash buffer keeps a gap up from spending money the account does not have.
 */
import type { Bar } from "@ordo/core";
import { Strategy, type StrategyContext } from "@ordo/engine";
import { z } from "zod";

const Params = z.object({
  /** Fraction of portfolio value to hold in each instrument (0.95 = 95 %). */
  fraction: z.number().positive().max(1).default(0.95),
});
type Params = z.output<typeof Params>;

export default class BuyAndHold extends Strategy<Params> {
  static override params = Params;

  /** Instruments already bought: the target is set once, never re-balanced. */
  readonly #invested = new Set<string>();

  onBar(ctx: StrategyContext<Params>, bar: Bar): void {
    if (this.#invested.has(bar.instrumentId)) return;
    this.#invested.add(bar.instrumentId);
    ctx.orderTargetPercent(bar.instrumentId, ctx.params.fraction);
  }
}

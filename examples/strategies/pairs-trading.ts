/**
 * Pairs trading on two instruments with z-score entry and exit (Zipline style: `orderTargetValue`,
 * `orderTarget`, `record`).
 *
 * Two stocks driven by the same business (Coca-Cola and PepsiCo) drift apart and come back. The spread
 * is the log price ratio ln(first) − ln(second); its z-score is today's spread against the mean and
 * standard deviation of the previous `lookback` spreads. When the z-score passes `entryZ`, the rich leg
 * is sold and the cheap leg bought, `legValue` of each (dollar neutral: the pair's bet is on the ratio,
 * not on the market). When it comes back inside `exitZ`, both legs are closed.
 *
 * The two instruments' bars arrive one at a time; the strategy acts only once both have a bar at the
 * same time, so it never mixes today's price of one with yesterday's of the other. Shorting needs a
 * margin account.
 */
import type { Bar } from "@ordo/core";
import { Strategy, type StrategyContext } from "@ordo/engine";
import { z } from "zod";

const Params = z.object({
  first: z.string().default("KO.XNYS"),
  second: z.string().default("PEP.XNYS"),
  lookback: z.number().int().min(2).default(20),
  entryZ: z.number().positive().default(2),
  exitZ: z.number().min(0).default(0.5),
  /** Dollars in each leg. */
  legValue: z.number().positive().default(10_000),
});
type Params = z.output<typeof Params>;

export default class PairsTrading extends Strategy<Params> {
  static override params = Params;

  onBar(ctx: StrategyContext<Params>, bar: Bar): void {
    const { first, second, lookback, entryZ, exitZ, legValue } = ctx.params;
    if (bar.instrumentId !== first && bar.instrumentId !== second) return;
    // Both legs must have today's bar.
    if (ctx.data.current(first, "ts") !== bar.ts || ctx.data.current(second, "ts") !== bar.ts) return;
    const a = ctx.data.history(first, "close", lookback + 1);
    const b = ctx.data.history(second, "close", lookback + 1);
    if (a.length <= lookback || b.length <= lookback) return;

    const spreads = a.map((price, i) => Math.log(price) - Math.log(b[i]!));
    const today = spreads[lookback]!;
    const past = spreads.subarray(0, lookback);
    const mean = past.reduce((s, x) => s + x, 0) / lookback;
    const sd = Math.sqrt(past.reduce((s, x) => s + (x - mean) ** 2, 0) / (lookback - 1));
    if (sd === 0) return;
    const zScore = (today - mean) / sd;
    ctx.record({ zScore });

    if (ctx.getOpenOrders(first).length > 0 || ctx.getOpenOrders(second).length > 0) return;
    const held = ctx.portfolio.position(first);
    if (held.isZero()) {
      if (zScore > entryZ) {
        // first is rich against second: sell it, buy second.
        ctx.orderTargetValue(first, -legValue);
        ctx.orderTargetValue(second, legValue);
      } else if (zScore < -entryZ) {
        ctx.orderTargetValue(first, legValue);
        ctx.orderTargetValue(second, -legValue);
      }
    } else if (Math.abs(zScore) < exitZ) {
      ctx.orderTarget(first, 0);
      ctx.orderTarget(second, 0);
    }
  }
}

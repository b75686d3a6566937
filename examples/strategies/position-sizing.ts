/**
 * Position sizing: fixed dollars, percent of portfolio, or half-Kelly (Zipline style: `orderValue`,
 * `orderPercent`, `orderTarget`).
 *
 * The signal is deliberately trivial (buy when the close rises above the previous close, sell when it
 * falls below it) so that what differs between runs is only how much each entry buys:
 *
 * - `fixed-dollar`: the same cash amount every time (`dollars`), whatever the account is worth.
 * - `percent`: a fraction of the current portfolio value (`percent`), so size follows the equity.
 * - `half-kelly`: half the Kelly fraction f* = W − (1 − W) / R, where W is the win rate and R the average
 *   win over the average loss. Until `minTrades` round trips have closed, W and R are the priors given in
 *   the parameters (from research); after that, the strategy's own closed trades. Half Kelly gives up a
 *   little growth for much less drawdown, and forgives a W or R estimated too high. A non-positive f*
 *   means no edge: the entry is skipped.
 *
 * Sizes are worked out at the signal bar's close and rounded down to whole shares by the engine.
 */
import { type Bar, Decimal, type PositionEvent } from "@ordo/core";
import { Strategy, type StrategyContext } from "@ordo/engine";
import { z } from "zod";

const Params = z.object({
  method: z.enum(["fixed-dollar", "percent", "half-kelly"]).default("percent"),
  /** fixed-dollar: cash per entry. */
  dollars: z.number().positive().default(10_000),
  /** percent: fraction of portfolio value per entry (0.1 = 10 %). */
  percent: z.number().positive().max(1).default(0.1),
  /** half-kelly: prior win rate, used until `minTrades` trades have closed. */
  winRate: z.number().gt(0).lt(1).default(0.5),
  /** half-kelly: prior average win / average loss. */
  payoffRatio: z.number().positive().default(1.5),
  /** half-kelly: closed trades needed before the strategy trusts its own statistics. */
  minTrades: z.number().int().positive().default(20),
  /** half-kelly: the largest fraction of the portfolio one entry may take. */
  maxFraction: z.number().positive().max(1).default(0.5),
});
type Params = z.output<typeof Params>;

export default class PositionSizing extends Strategy<Params> {
  static override params = Params;

  /** Realized PnL of each closed round trip, in order. */
  readonly tradeResults: Decimal[] = [];

  onBar(ctx: StrategyContext<Params>, bar: Bar): void {
    const id = bar.instrumentId;
    const [previous, close] = ctx.data.history(id, "close", 2);
    if (close === undefined || previous === undefined || ctx.getOpenOrders(id).length > 0) return;
    const long = !ctx.portfolio.position(id).isZero();
    if (long && close < previous) ctx.orderTarget(id, 0);
    if (!long && close > previous) this.#enter(ctx, id);
  }

  onPositionEvent(_ctx: StrategyContext<Params>, event: PositionEvent): void {
    if (event.type === "PositionClosed") this.tradeResults.push(event.position.realizedPnl);
  }

  #enter(ctx: StrategyContext<Params>, id: string): void {
    const p = ctx.params;
    if (p.method === "fixed-dollar") {
      ctx.orderValue(id, p.dollars);
    } else if (p.method === "percent") {
      ctx.orderPercent(id, p.percent);
    } else {
      const fraction = this.kellyFraction(p).div(2);
      ctx.record({ halfKelly: fraction.toNumber() });
      if (fraction.lte(0)) {
        ctx.log.info("no edge: half-Kelly fraction is not positive, entry skipped", {
          fraction: fraction.toString(),
        });
        return;
      }
      ctx.orderPercent(id, Decimal.min(fraction, p.maxFraction));
    }
  }

  /** Kelly's f* = W − (1 − W) / R, from the priors or, once there are enough, the closed trades. */
  kellyFraction(p: Params): Decimal {
    let winRate = new Decimal(p.winRate);
    let payoff = new Decimal(p.payoffRatio);
    // Break-even trades say nothing about W or R; they are left out.
    const wins = this.tradeResults.filter((r) => r.gt(0));
    const losses = this.tradeResults.filter((r) => r.lt(0));
    if (wins.length + losses.length >= p.minTrades && wins.length > 0 && losses.length > 0) {
      winRate = new Decimal(wins.length).div(wins.length + losses.length);
      const averageWin = Decimal.sum(...wins).div(wins.length);
      const averageLoss = Decimal.sum(...losses)
        .abs()
        .div(losses.length);
      payoff = averageWin.div(averageLoss);
    }
    return winRate.minus(new Decimal(1).minus(winRate).div(payoff));
  }
}

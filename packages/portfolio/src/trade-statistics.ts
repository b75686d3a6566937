import { Decimal, type UnixMillis, ZERO } from "@ordo/core";
import { finiteOrNull } from "./stats-math.js";

/** What trade statistics read of a round trip (a `RoundTrip` fits). */
export interface TradeResult {
  /** PnL after commissions. */
  readonly netPnl: Decimal;
  readonly openedAt: UnixMillis;
  readonly closedAt: UnixMillis;
}

/**
 * Statistics of closed round trips. Money (sums, averages, extremes) stays Decimal; ratios are numbers,
 * null where undefined (no trades, no losses for the profit factor, ...). A trade wins when its net PnL
 * (after commissions) is above zero and loses when below; a trade at exactly zero is neither.
 */
export interface TradeStatistics {
  readonly trades: number;
  readonly wins: number;
  readonly losses: number;
  readonly breakeven: number;
  /** wins / trades. */
  readonly winRate: number | null;
  /** Σ net PnL. */
  readonly totalPnl: Decimal;
  /** Σ net PnL of winning trades (≥ 0). */
  readonly grossProfit: Decimal;
  /** Σ net PnL of losing trades (≤ 0). */
  readonly grossLoss: Decimal;
  /** grossProfit / |grossLoss|; null when there is no loss. */
  readonly profitFactor: number | null;
  /** Mean net PnL per trade: what one more trade is expected to make. */
  readonly expectancy: Decimal | null;
  readonly averageWin: Decimal | null;
  /** Mean net PnL of losing trades (negative). */
  readonly averageLoss: Decimal | null;
  /** averageWin / |averageLoss|. */
  readonly payoffRatio: number | null;
  readonly largestWin: Decimal | null;
  /** The most negative net PnL. */
  readonly largestLoss: Decimal | null;
  /** Longest run of wins (a breakeven trade ends a run), in closing order. */
  readonly maxConsecutiveWins: number;
  readonly maxConsecutiveLosses: number;
  /** Mean of closedAt − openedAt. */
  readonly averageHoldingTimeMs: number | null;
}

/** Trade statistics of `trades`, taken in the order given (the order they closed). */
export function tradeStatistics(trades: readonly TradeResult[]): TradeStatistics {
  let wins = 0;
  let losses = 0;
  let grossProfit = ZERO;
  let grossLoss = ZERO;
  let largestWin: Decimal | null = null;
  let largestLoss: Decimal | null = null;
  let winRun = 0;
  let lossRun = 0;
  let maxConsecutiveWins = 0;
  let maxConsecutiveLosses = 0;
  let holding = 0;
  for (const t of trades) {
    holding += t.closedAt - t.openedAt;
    if (t.netPnl.gt(0)) {
      wins += 1;
      grossProfit = grossProfit.plus(t.netPnl);
      if (largestWin === null || t.netPnl.gt(largestWin)) largestWin = t.netPnl;
      winRun += 1;
      lossRun = 0;
    } else if (t.netPnl.lt(0)) {
      losses += 1;
      grossLoss = grossLoss.plus(t.netPnl);
      if (largestLoss === null || t.netPnl.lt(largestLoss)) largestLoss = t.netPnl;
      lossRun += 1;
      winRun = 0;
    } else {
      winRun = 0;
      lossRun = 0;
    }
    maxConsecutiveWins = Math.max(maxConsecutiveWins, winRun);
    maxConsecutiveLosses = Math.max(maxConsecutiveLosses, lossRun);
  }
  const n = trades.length;
  const totalPnl = grossProfit.plus(grossLoss);
  const averageWin = wins > 0 ? mean(grossProfit, wins) : null;
  const averageLoss = losses > 0 ? mean(grossLoss, losses) : null;
  return {
    trades: n,
    wins,
    losses,
    breakeven: n - wins - losses,
    winRate: n > 0 ? wins / n : null,
    totalPnl,
    grossProfit,
    grossLoss,
    profitFactor: grossLoss.isZero() ? null : finiteOrNull(grossProfit.div(grossLoss.abs()).toNumber()),
    expectancy: n > 0 ? mean(totalPnl, n) : null,
    averageWin,
    averageLoss,
    payoffRatio:
      // From the exact sums, not the rounded means: (grossProfit / wins) / (|grossLoss| / losses).
      averageWin !== null && averageLoss !== null
        ? finiteOrNull(grossProfit.times(losses).div(grossLoss.abs().times(wins)).toNumber())
        : null,
    largestWin,
    largestLoss,
    maxConsecutiveWins,
    maxConsecutiveLosses,
    averageHoldingTimeMs: n > 0 ? holding / n : null,
  };
}

/** Places kept in a mean of money: far below a cent, without the 40 digits a division by 3 would print. */
export const MEAN_DECIMAL_PLACES = 10;

/** A sum divided by a count, rounded half-even to MEAN_DECIMAL_PLACES. */
function mean(sum: Decimal, count: number): Decimal {
  return sum.div(count).toDecimalPlaces(MEAN_DECIMAL_PLACES, Decimal.ROUND_HALF_EVEN);
}

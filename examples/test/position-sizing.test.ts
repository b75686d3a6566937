import { runBacktest } from "@ordo/engine";
import { describe, expect, it } from "vitest";
import PositionSizing from "../strategies/position-sizing.js";
import { cashAccount, fillLines, flatBars, KO } from "./support.js";

// Flat bars (open = high = low = close), so each signal fills at the next bar's price. The signal closes
// are 101 (buy), 101 (sell), 103 (buy), 103 (sell), 105 (buy), 107 (sell).
const prices = [100, 101, 102, 101, 100, 103, 104, 103, 105, 106, 108, 107, 109];

const run = (params: Record<string, unknown>, closes: readonly number[] = prices) =>
  runBacktest({
    strategy: PositionSizing,
    params,
    feeds: [{ instrument: KO, series: flatBars(KO.id, closes) }],
    account: cashAccount("100000"),
  });

describe("position sizing", () => {
  it("fixed-dollar buys the same cash amount each time, rounded down to whole shares", () => {
    // 10000 / 101 = 99.0, 10000 / 103 = 97.08, 10000 / 105 = 95.2.
    expect(fillLines(run({ method: "fixed-dollar", dollars: 10_000 }))).toEqual([
      "BUY 99@102 2024-01-04",
      "SELL 99@100 2024-01-08",
      "BUY 97@104 2024-01-10",
      "SELL 97@105 2024-01-12",
      "BUY 95@106 2024-01-16",
      "SELL 95@109 2024-01-19",
    ]);
  });

  it("percent sizes each entry from the portfolio value at the signal, so size follows equity", () => {
    // 25% of 100000 / 101 = 247.5; after −2 × 247 = −494: 25% of 99506 / 103 = 241.5;
    // after +241: 25% of 99747 / 105 = 237.5.
    expect(fillLines(run({ method: "percent", percent: 0.25 }))).toEqual([
      "BUY 247@102 2024-01-04",
      "SELL 247@100 2024-01-08",
      "BUY 241@104 2024-01-10",
      "SELL 241@105 2024-01-12",
      "BUY 237@106 2024-01-16",
      "SELL 237@109 2024-01-19",
    ]);
  });

  it("half-Kelly uses the priors until enough trades have closed, then the strategy's own win rate and payoff", () => {
    // Priors W = 0.55, R = 1.5: f* = 0.55 − 0.45 / 1.5 = 0.25, half = 0.125.
    // Trade 1: 123 shares 102 → 105, +369. Trade 2 (still the prior): 119 shares 106 → 105, −119.
    // Then W = 0.5, R = 369 / 119: f* = 0.5 − 0.5 × 119 / 369 = 125 / 369, half = 0.169377;
    // 0.169377 × 100250 / 107 = 158.7 shares.
    const result = run(
      { method: "half-kelly", winRate: 0.55, payoffRatio: 1.5, minTrades: 2 },
      [100, 101, 102, 105, 104, 105, 106, 106, 105, 105, 107, 108],
    );
    expect(fillLines(result)).toEqual([
      "BUY 123@102 2024-01-04",
      "SELL 123@105 2024-01-09",
      "BUY 119@106 2024-01-10",
      "SELL 119@105 2024-01-16",
      "BUY 158@108 2024-01-18",
    ]);
    expect(result.recorded.map((r) => r.values.halfKelly)).toEqual([0.125, 0.125, 62.5 / 369]);
  });

  it("half-Kelly skips the entry when the strategy's own trades show no edge", () => {
    // Trade 1: 123 shares 102 → 100, −246; trade 2: 121 shares 104 → 105, +121. W = 0.5, R = 121 / 246:
    // f* = 0.5 − 0.5 × 246 / 121 < 0, so nothing more is bought.
    const result = run({ method: "half-kelly", winRate: 0.55, payoffRatio: 1.5, minTrades: 2 });
    expect(fillLines(result)).toEqual([
      "BUY 123@102 2024-01-04",
      "SELL 123@100 2024-01-08",
      "BUY 121@104 2024-01-10",
      "SELL 121@105 2024-01-12",
    ]);
    expect(result.logs.map((l) => l.message)).toContain(
      "no edge: half-Kelly fraction is not positive, entry skipped",
    );
  });
});

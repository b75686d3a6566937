import { runBacktest } from "@ordo/engine";
import { describe, expect, it } from "vitest";
import StopLossEntry from "../strategies/stop-loss-entry.js";
import { cashAccount, dailyBars, eventLines, fillLines, KO, orderLines } from "./support.js";

const params = { lookback: 2, quantity: 100, stopPercent: 5 };

describe("entry with a stop-loss", () => {
  it("protects the position with a sell stop 5% under the cost and sells there when the price falls through", () => {
    const bars = dailyBars(KO.id, [
      [100, 100, 100, 100],
      [100, 100, 100, 100],
      [100, 102, 99, 101.5], // breakout above 100: BUY 100
      [102.1, 104, 101, 103], // bought at the open 102.1; stop placed at 102.1 × 0.95 = 96.995 → 96.99
      [101, 102, 98, 99],
      [98, 98.5, 95, 96], // the low passes 96.99: stopped out there
    ]);
    const result = runBacktest({
      strategy: StopLossEntry,
      params,
      feeds: [{ instrument: KO, series: bars }],
      account: cashAccount(),
      keepEventLog: true,
    });
    expect(orderLines(result)).toEqual([
      "MARKET BUY 100 FILLED",
      "STOP_MARKET SELL 100 trigger 96.99 FILLED",
    ]);
    expect(fillLines(result)).toEqual(["BUY 100@102.1 2024-01-05", "SELL 100@96.99 2024-01-09"]);
    // The loss is capped at the stop: 100 × (96.99 − 102.1).
    expect(result.finalValue.minus(100000).toString()).toBe("-511");
    expect(result.positions).toEqual([]);
  });

  it("sells at the open, below the stop, when the market gaps through it", () => {
    const bars = dailyBars(KO.id, [
      [100, 100, 100, 100],
      [100, 100, 100, 100],
      [100, 102, 99, 101.5],
      [102.1, 104, 101, 103],
      [101, 102, 98, 99],
      [94, 95, 93, 94], // opens under 96.99
    ]);
    const result = runBacktest({
      strategy: StopLossEntry,
      params,
      feeds: [{ instrument: KO, series: bars }],
      account: cashAccount(),
    });
    expect(fillLines(result)).toEqual(["BUY 100@102.1 2024-01-05", "SELL 100@94 2024-01-09"]);
  });

  it("keeps the stop working while the price stays above it and enters nothing new meanwhile", () => {
    const bars = dailyBars(KO.id, [
      [100, 100, 100, 100],
      [100, 100, 100, 100],
      [100, 102, 99, 101.5],
      [102.1, 104, 101, 103],
      [103, 108, 102, 107], // a new high close: no second entry while long
      [107, 109, 97, 108], // the low 97 stays above 96.99
    ]);
    const result = runBacktest({
      strategy: StopLossEntry,
      params,
      feeds: [{ instrument: KO, series: bars }],
      account: cashAccount(),
      keepEventLog: true,
    });
    expect(orderLines(result)).toEqual([
      "MARKET BUY 100 FILLED",
      "STOP_MARKET SELL 100 trigger 96.99 ACCEPTED",
    ]);
    expect(eventLines(result)).toEqual([
      "2024-01-05 OrderFilled #1 quantity=100 price=102.1 liquidity=TAKER",
    ]);
  });
});

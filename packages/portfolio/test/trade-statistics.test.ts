import { dec, toJsonValue } from "@ordo/core";
import { describe, expect, it } from "vitest";
import { MEAN_DECIMAL_PLACES, tradeStatistics } from "../src/index.js";

const HOUR = 3_600_000;
/** Net PnL of each trade in closing order, each held (i + 1) hours. */
const trades = ["100", "30", "-50", "0", "-20", "-10", "60"].map((pnl, i) => ({
  netPnl: dec(pnl),
  openedAt: 0,
  closedAt: (i + 1) * HOUR,
}));

describe("trade statistics", () => {
  it("computes counts, rates, averages, extremes and streaks of closed trades", () => {
    const s = tradeStatistics(trades);
    expect([s.trades, s.wins, s.losses, s.breakeven]).toEqual([7, 3, 3, 1]);
    expect(s.winRate).toBe(3 / 7);
    // wins 100 + 30 + 60 = 190; losses −50 − 20 − 10 = −80; total 110
    expect(s.grossProfit.toFixed()).toBe("190");
    expect(s.grossLoss.toFixed()).toBe("-80");
    expect(s.totalPnl.toFixed()).toBe("110");
    // 190 / 80
    expect(s.profitFactor).toBe(2.375);
    // 110 / 7 = 15.714285714…
    expect(s.expectancy!.toDecimalPlaces(6).toFixed()).toBe("15.714286");
    // 190 / 3 and −80 / 3
    expect(s.averageWin!.toDecimalPlaces(4).toFixed()).toBe("63.3333");
    expect(s.averageLoss!.toDecimalPlaces(4).toFixed()).toBe("-26.6667");
    // (190/3) / (80/3)
    expect(s.payoffRatio).toBe(2.375);
    expect(s.largestWin!.toFixed()).toBe("100");
    expect(s.largestLoss!.toFixed()).toBe("-50");
    // W W L 0 L L W: the breakeven trade ends the first losing run
    expect(s.maxConsecutiveWins).toBe(2);
    expect(s.maxConsecutiveLosses).toBe(2);
    // (1 + 2 + … + 7) hours / 7 = 4 hours
    expect(s.averageHoldingTimeMs).toBe(4 * HOUR);
  });

  it("reports null, never NaN, where a ratio is undefined", () => {
    const none = tradeStatistics([]);
    expect([
      none.winRate,
      none.profitFactor,
      none.expectancy,
      none.averageWin,
      none.averageHoldingTimeMs,
    ]).toEqual([null, null, null, null, null]);
    const onlyWins = tradeStatistics([{ netPnl: dec("5"), openedAt: 0, closedAt: 1 }]);
    expect(onlyWins.profitFactor).toBeNull();
    expect(onlyWins.winRate).toBe(1);
    expect(JSON.stringify(toJsonValue(onlyWins))).toBe(
      '{"trades":1,"wins":1,"losses":0,"breakeven":0,"winRate":1,"totalPnl":"5","grossProfit":"5","grossLoss":"0","profitFactor":null,"expectancy":"5","averageWin":"5","averageLoss":null,"payoffRatio":null,"largestWin":"5","largestLoss":null,"maxConsecutiveWins":1,"maxConsecutiveLosses":0,"averageHoldingTimeMs":1}',
    );
  });
});

describe("means of money", () => {
  it("are rounded half-even to 10 decimal places instead of printing 40 digits", () => {
    const s = tradeStatistics(
      ["10", "10", "-20.5"].map((pnl) => ({ netPnl: dec(pnl), openedAt: 0, closedAt: 1 })),
    );
    // (10 + 10 − 20.5) / 3 = −0.1666…
    expect(s.expectancy?.toFixed()).toBe("-0.1666666667");
    expect(s.averageWin?.toFixed()).toBe("10");
    expect(MEAN_DECIMAL_PLACES).toBe(10);
  });
});

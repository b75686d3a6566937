import type { Bar } from "@ordo/core";
import { describe, expect, it } from "vitest";
import { backtestResultToJSON, runBacktest, type StrategyContext } from "../src/index.js";
import { AAPL, cashAccount, flatBars } from "./support.js";

/** The second and third days' bars' times (support.ts's T0 + 1 and 2 days), as the result JSON writes them. */
const DAY1 = "2024-01-03T21:00:00Z";
const DAY2 = "2024-01-04T21:00:00Z";

/** Orders `quantities[i]` of the instrument at the close of bar i (0 or absent: nothing). */
function ordersByBar(quantities: readonly number[]) {
  return class {
    #bar = 0;
    onBar(ctx: StrategyContext, bar: Bar) {
      const quantity = quantities[this.#bar++] ?? 0;
      if (quantity !== 0) ctx.order(bar.instrumentId, quantity);
    }
  };
}

describe("the result's account at the end of a run", () => {
  it("gives a margin account's initial and maintenance margin, buying power and each position's side", () => {
    // 2x leverage: initial margin is half the notional; the instrument's maintenance rate is 30%.
    const result = runBacktest({
      strategy: ordersByBar([-1000]),
      feeds: [
        { instrument: { ...AAPL, marginMaint: "0.3" }, series: flatBars(AAPL.id, [52.625, 52.625, 50]) },
      ],
      account: { type: "margin", currency: "USD", balance: "50000", leverage: "2" },
    });
    const json = backtestResultToJSON(result);
    // Short 1000 at 52.625, marked at 50: 2625 unrealized; a margin account's cash moves only on realized PnL.
    expect(json.positions).toEqual([
      {
        instrumentId: AAPL.id,
        side: "SHORT",
        quantity: "-1000",
        avgOpenPrice: "52.625",
        realizedPnl: "0",
        unrealizedPnl: "2625",
      },
    ]);
    // Initial 1000 × 50 / 2 = 25000; maintenance 1000 × 50 × 0.3 = 15000; buying power 52625 − 25000.
    expect(json.account).toEqual({
      type: "margin",
      leverage: "2",
      balances: [
        {
          currency: "USD",
          cash: "50000",
          equity: "52625",
          initialMargin: "25000",
          maintenanceMargin: "15000",
          buyingPower: "27625",
          marginCall: false,
          // At the equity curve's points (each day's end): short 1000 marked at 52.625 after the first
          // day's fill, 1000 × 52.625 / 2 = 26312.5, more than at the end.
          marginHistory: {
            samples: 3,
            peakInitialMargin: "26312.5",
            peakInitialMarginAt: DAY1,
            marginCallSamples: 0,
            firstMarginCallAt: null,
          },
        },
      ],
    });
    expect([json.cash, json.finalValue, json.realizedPnl, json.unrealizedPnl, json.commissions]).toEqual([
      "50000",
      "52625",
      "0",
      "2625",
      "0",
    ]);
  });

  it("says when a margin account ends below its maintenance margin, with no buying power left", () => {
    // Short 1900 at 52.625 (49,993.75 of initial margin on 50,000), and the price rises to 60.
    const result = runBacktest({
      strategy: ordersByBar([-1900]),
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [52.625, 52.625, 60]) }],
      account: { type: "margin", currency: "USD", balance: "50000", leverage: "2" },
    });
    // Equity 50000 − 1900 × 7.375 = 35987.5; maintenance (= initial, no rate given) 1900 × 60 / 2 = 57000.
    expect(backtestResultToJSON(result).account.balances).toEqual([
      {
        currency: "USD",
        cash: "50000",
        equity: "35987.5",
        initialMargin: "57000",
        maintenanceMargin: "57000",
        buyingPower: "0",
        marginCall: true,
        // After the fill: initial = maintenance = 1900 × 52.625 / 2 = 49993.75 under equity 50000, not a
        // call; at the last point 57000 over 35987.5, the one point in a margin call.
        marginHistory: {
          samples: 3,
          peakInitialMargin: "57000",
          peakInitialMarginAt: DAY2,
          marginCallSamples: 1,
          firstMarginCallAt: DAY2,
        },
      },
    ]);
  });

  it("gives a margin account without a leverage its portfolio default of 1", () => {
    const result = runBacktest({
      strategy: ordersByBar([10]),
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 100, 100]) }],
      account: { type: "margin", currency: "USD", balance: "10000" },
    });
    const json = backtestResultToJSON(result);
    expect(json.account.leverage).toBe("1");
    expect(json.account.balances[0]).toMatchObject({ initialMargin: "1000", buyingPower: "9000" });
    expect(json.positions.map((p) => p.side)).toEqual(["LONG"]);
  });

  it("gives a cash account no margin and its cash as buying power", () => {
    const result = runBacktest({
      strategy: ordersByBar([10]),
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 100, 104]) }],
      account: cashAccount("10000"),
    });
    expect(backtestResultToJSON(result).account).toEqual({
      type: "cash",
      leverage: null,
      balances: [
        {
          currency: "USD",
          cash: "9000",
          equity: "10040",
          initialMargin: "0",
          maintenanceMargin: "0",
          buyingPower: "9000",
          marginCall: false,
          marginHistory: null,
        },
      ],
    });
  });
});

describe("the result's realized PnL", () => {
  it("counts a partial sell's realized PnL, which trade statistics (closed round trips only) leave out", () => {
    // Buy 100 at 100, sell 40 at 110, last close 120; 1 per order in commission.
    const result = runBacktest({
      strategy: ordersByBar([100, -40]),
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 100, 110, 120]) }],
      account: cashAccount(),
      venue: { commission: { model: "per-trade", cost: "1" } },
    });
    const json = backtestResultToJSON(result);
    expect(json.tradeStats).toMatchObject({ trades: 0, totalPnl: "0" });
    // 40 × (110 − 100) realized; 60 × (120 − 100) unrealized; 2 in commissions.
    expect([json.realizedPnl, json.unrealizedPnl, json.commissions]).toEqual(["400", "1200", "2"]);
    expect(json.positions).toEqual([
      {
        instrumentId: AAPL.id,
        side: "LONG",
        quantity: "60",
        avgOpenPrice: "100",
        realizedPnl: "400",
        unrealizedPnl: "1200",
      },
    ]);
    // finalValue − startingValue = realized + unrealized − commissions.
    expect([json.startingValue, json.finalValue, json.cash]).toEqual(["100000", "101598", "94398"]);
    // The equity curve's last point carries the same running total.
    expect(result.equityCurve.at(-1)?.realizedPnl.toString()).toBe("400");
  });

  it("adds the realized PnL of closed round trips and of positions still open", () => {
    // Buy 10 at 100, sell all at 110 (a round trip: +100), buy 10 at 90, sell 4 at 95 (+20, still open).
    const result = runBacktest({
      strategy: ordersByBar([10, -10, 10, -4]),
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 100, 110, 90, 95, 95]) }],
      account: cashAccount(),
    });
    const json = backtestResultToJSON(result);
    expect(json.tradeStats).toMatchObject({ trades: 1, totalPnl: "100" });
    expect(json.realizedPnl).toBe("120");
    expect(json.positions.map((p) => [p.side, p.quantity, p.realizedPnl])).toEqual([["LONG", "6", "20"]]);
  });
});

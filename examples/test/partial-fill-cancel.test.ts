import { runBacktest } from "@ordo/engine";
import { describe, expect, it } from "vitest";
import PartialFillCancel from "../strategies/partial-fill-cancel.js";
import { cashAccount, dailyBars, eventLines, fillLines, KO, orderLines } from "./support.js";

const params = { lookback: 2, quantity: 1000, limitSlackPercent: 1, evaluateAfterBars: 1, minFillRatio: 0.5 };
// At most 10% of each bar's volume fills: the volume-capped slippage model makes large orders partial.
const venue = { slippage: { model: "fixed-bps", basisPoints: "0", volumeLimit: "0.1" } } as const;
const bars = (volume: number) =>
  dailyBars(
    KO.id,
    [
      [100, 100, 100, 100],
      [100, 100, 100, 100],
      [100, 101, 99, 101], // breakout: BUY 1000 limit 102.01
      [101.5, 102, 101, 101.8], // fills 10% of the bar's volume at the open
      [101.8, 102.5, 101.5, 102],
    ],
    { volume },
  );

describe("partial fills: cancel the rest below a fill ratio", () => {
  it("cancels the rest of an order that filled 20% on its first bar and keeps the 200 shares", () => {
    const result = runBacktest({
      strategy: PartialFillCancel,
      params,
      venue,
      feeds: [{ instrument: KO, series: bars(2000) }],
      account: cashAccount("200000"),
      keepEventLog: true,
    });
    expect(orderLines(result)).toEqual(["LIMIT BUY 1000 @102.01 CANCELED 200/1000"]);
    expect(eventLines(result)).toEqual([
      "2024-01-05 OrderFilled #1 quantity=200 price=101.5 liquidity=TAKER",
      "2024-01-05 OrderCanceled #1",
    ]);
    expect(result.positions.map((p) => `${p.instrumentId} ${p.quantity}@${p.avgOpenPrice}`)).toEqual([
      "KO.XNYS 200@101.5",
    ]);
    expect(result.recorded.map((r) => r.values)).toEqual([{ fillRatio: 0.2 }]);
  });

  it("lets an order that filled 60% on its first bar work on until it is complete", () => {
    const result = runBacktest({
      strategy: PartialFillCancel,
      params,
      venue,
      feeds: [{ instrument: KO, series: bars(6000) }],
      account: cashAccount("200000"),
    });
    expect(orderLines(result)).toEqual(["LIMIT BUY 1000 @102.01 FILLED"]);
    expect(fillLines(result)).toEqual(["BUY 600@101.5 2024-01-05", "BUY 400@101.8 2024-01-08"]);
    expect(result.recorded.map((r) => r.values)).toEqual([{ fillRatio: 0.6 }]);
  });
});

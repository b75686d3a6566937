import { runBacktest } from "@ordo/engine";
import { describe, expect, it } from "vitest";
import TrailingStopAfterProfit from "../strategies/trailing-stop-after-profit.js";
import { cashAccount, dailyBars, eventLines, fillLines, KO, orderLines } from "./support.js";

const params = { lookback: 2, quantity: 100, stopPercent: 4, activationPercent: 5, trailPercent: 3 };
const entry = [
  [100, 100, 100, 100],
  [100, 100, 100, 100],
  [100, 101, 99, 100.5], // breakout: BUY 100 at the next open
  [100, 101, 99, 100], // bought at 100: fixed stop 96, trailing stop activates at 105
] as const;

describe("trailing stop activated after a profit threshold", () => {
  it("trails 3% under the high once 5% of profit is reached and sells where it is hit", () => {
    const result = runBacktest({
      strategy: TrailingStopAfterProfit,
      params,
      feeds: [
        {
          instrument: KO,
          series: dailyBars(KO.id, [
            ...entry,
            [101, 104, 97, 103], // below the threshold: a 3% trail from 104 would be 100.88, but it is dormant
            [105, 108, 105, 107], // opens at the 105 threshold: trails from 105 × 0.97 = 101.85, then the high: 104.76
            [107, 110, 107, 109], // high 110: trigger 106.70
            [109, 109, 105, 106], // falls through 106.70: sold there
          ]),
        },
      ],
      account: cashAccount(),
      keepEventLog: true,
    });
    expect(fillLines(result)).toEqual(["BUY 100@100 2024-01-05", "SELL 100@106.7 2024-01-11"]);
    expect(orderLines(result)).toEqual([
      "MARKET BUY 100 FILLED",
      "STOP_MARKET SELL 100 trigger 96 CANCELED",
      "TRAILING_STOP_MARKET SELL 100 trigger 106.7 FILLED",
    ]);
    expect(eventLines(result)).toEqual([
      "2024-01-05 OrderFilled #1 quantity=100 price=100 liquidity=TAKER",
      // Dormant on 2024-01-08 (high 104 < 105); active from the open of 2024-01-09.
      "2024-01-09 OrderUpdated #3 triggerPrice=101.85",
      "2024-01-09 OrderUpdated #3 triggerPrice=104.76",
      "2024-01-10 OrderUpdated #3 triggerPrice=106.7",
      "2024-01-11 OrderFilled #3 quantity=100 price=106.7 liquidity=TAKER",
      "2024-01-11 OrderCanceled #2 reason=OCO: linked order TrailingStopAfterProfit-oco-2 filled",
    ]);
  });

  it("leaves the fixed stop in charge until the threshold, and cancels the dormant trailing stop when it fills", () => {
    const result = runBacktest({
      strategy: TrailingStopAfterProfit,
      params,
      feeds: [
        {
          instrument: KO,
          series: dailyBars(KO.id, [
            ...entry,
            [101, 104.9, 100, 103], // 104.9 is short of 105: the trailing stop stays dormant
            [102, 102, 95, 96], // through the fixed stop 96
          ]),
        },
      ],
      account: cashAccount(),
      keepEventLog: true,
    });
    expect(fillLines(result)).toEqual(["BUY 100@100 2024-01-05", "SELL 100@96 2024-01-09"]);
    expect(orderLines(result)).toEqual([
      "MARKET BUY 100 FILLED",
      "STOP_MARKET SELL 100 trigger 96 FILLED",
      "TRAILING_STOP_MARKET SELL 100 CANCELED",
    ]);
  });
});

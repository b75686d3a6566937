import { runBacktest } from "@ordo/engine";
import { describe, expect, it } from "vitest";
import Pyramiding from "../strategies/pyramiding.js";
import { cashAccount, dailyBars, fillLines, KO, orderLines } from "./support.js";

const params = { lookback: 2, unit: 100, addEveryPercent: 3, decay: 0.5, maxAdds: 2, stopPercent: 4 };

describe("pyramiding", () => {
  it("adds half as much each time the price is 3% over the last fill, and moves one stop up under the whole position", () => {
    const result = runBacktest({
      strategy: Pyramiding,
      params,
      feeds: [
        {
          instrument: KO,
          series: dailyBars(KO.id, [
            [100, 100, 100, 100],
            [100, 100, 100, 100],
            [100, 101, 99, 100.5], // breakout: BUY 100
            [101, 102, 100.5, 101.5], // 100 at 101; stop 100 @96.96
            [102, 105, 101.5, 104.5], // 104.5 ≥ 101 × 1.03 = 104.03: add 50
            [105, 106, 104.5, 105.5], // 50 at 105; stop replaced: 150 @100.80
            [106, 109, 105.5, 108.5], // 108.5 ≥ 105 × 1.03 = 108.15: add 25 (the last: maxAdds 2)
            [109, 110, 108, 109], // 25 at 109; stop replaced: 175 @104.64
            [109.5, 112, 109, 111.5], // 3% higher again, but no more adds
            [110, 110, 104, 104.5], // stopped out: all 175 at 104.64
          ]),
        },
      ],
      account: cashAccount(),
    });
    expect(fillLines(result)).toEqual([
      "BUY 100@101 2024-01-05",
      "BUY 50@105 2024-01-09",
      "BUY 25@109 2024-01-11",
      "SELL 175@104.64 2024-01-16",
    ]);
    expect(orderLines(result)).toEqual([
      "MARKET BUY 100 FILLED",
      "STOP_MARKET SELL 100 trigger 96.96 CANCELED",
      "MARKET BUY 50 FILLED",
      "STOP_MARKET SELL 150 trigger 100.8 CANCELED",
      "MARKET BUY 25 FILLED",
      "STOP_MARKET SELL 175 trigger 104.64 FILLED",
    ]);
    // Average cost (100 × 101 + 50 × 105 + 25 × 109) / 175 = 103.29: the stop at 104.64 keeps a profit of 237.
    expect(result.finalValue.toString()).toBe("100237");
  });

  it("never adds to a position that is not in profit", () => {
    const result = runBacktest({
      strategy: Pyramiding,
      params,
      feeds: [
        {
          instrument: KO,
          series: dailyBars(KO.id, [
            [100, 100, 100, 100],
            [100, 100, 100, 100],
            [100, 101, 99, 100.5], // breakout: BUY 100
            [101, 102, 100.5, 101.5], // 100 at 101; stop 100 @96.96
            [101, 101.5, 98, 99], // under the entry: no add
            [99, 104, 98.5, 103.9], // up, but the close 103.9 < 104.03: still no add
            [103, 103.5, 96, 96.5], // stopped out at 96.96
          ]),
        },
      ],
      account: cashAccount(),
    });
    expect(fillLines(result)).toEqual(["BUY 100@101 2024-01-05", "SELL 100@96.96 2024-01-10"]);
  });
});

import { runBacktest } from "@ordo/engine";
import { describe, expect, it } from "vitest";
import ScaleInScaleOut from "../strategies/scale-in-scale-out.js";
import { cashAccount, dailyBars, fillLines, KO, orderLines } from "./support.js";

const params = {
  lookback: 3,
  dipPercent: 3,
  quantity: 300,
  tranches: 3,
  entryStepPercent: 2,
  exitStepPercent: 3,
};

describe("scaling in and out", () => {
  it("buys in tranches down a limit ladder, sells in tranches up a ladder from the average cost", () => {
    const result = runBacktest({
      strategy: ScaleInScaleOut,
      params,
      feeds: [
        {
          instrument: KO,
          series: dailyBars(KO.id, [
            [100, 100, 100, 100],
            [100, 100, 100, 100],
            [100, 100, 94.5, 95], // 95 < 0.97 × average 98.33: 100 at market, 100 @93.10, 100 @91.20
            [95.5, 96, 92.5, 93.5], // 95.5 and 93.10 fill: 200 at 94.30; exits 66 @97.13, 66 @99.96, 68 @102.79
            [93.5, 97.5, 93, 97.2], // first exit fills: the 91.20 entry is canceled
            [97.2, 100.5, 97, 100], // second exit fills
            [100, 101, 99, 100.5],
          ]),
        },
      ],
      account: cashAccount(),
    });
    expect(fillLines(result)).toEqual([
      "BUY 100@95.5 2024-01-05",
      "BUY 100@93.1 2024-01-05",
      "SELL 66@97.13 2024-01-08",
      "SELL 66@99.96 2024-01-09",
    ]);
    expect(orderLines(result)).toEqual([
      "MARKET BUY 100 FILLED",
      "LIMIT BUY 100 @93.1 FILLED",
      "LIMIT BUY 100 @91.2 CANCELED",
      "LIMIT SELL 66 @97.13 FILLED",
      "LIMIT SELL 66 @99.96 FILLED",
      "LIMIT SELL 68 @102.79 ACCEPTED",
    ]);
    expect(result.positions.map((p) => `${p.quantity}@${p.avgOpenPrice}`)).toEqual(["68@94.3"]);
  });

  it("cancels and rebuilds the exit ladder when a later tranche fills and lowers the average cost", () => {
    const result = runBacktest({
      strategy: ScaleInScaleOut,
      params,
      feeds: [
        {
          instrument: KO,
          series: dailyBars(KO.id, [
            [100, 100, 100, 100],
            [100, 100, 100, 100],
            [100, 100, 94.5, 95],
            [95.5, 96, 94, 94.5], // 100 at 95.5: exits 33 @98.37, 33 @101.23, 34 @104.10
            [94.5, 95, 92.8, 93.5], // 100 @93.10 fills: 200 at 94.30, a new ladder
          ]),
        },
      ],
      account: cashAccount(),
    });
    expect(orderLines(result)).toEqual([
      "MARKET BUY 100 FILLED",
      "LIMIT BUY 100 @93.1 FILLED",
      "LIMIT BUY 100 @91.2 ACCEPTED",
      "LIMIT SELL 33 @98.37 CANCELED",
      "LIMIT SELL 33 @101.23 CANCELED",
      "LIMIT SELL 34 @104.1 CANCELED",
      "LIMIT SELL 66 @97.13 ACCEPTED",
      "LIMIT SELL 66 @99.96 ACCEPTED",
      "LIMIT SELL 68 @102.79 ACCEPTED",
    ]);
  });
});

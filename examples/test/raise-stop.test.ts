import { runBacktest } from "@ordo/engine";
import { describe, expect, it } from "vitest";
import RaiseStop from "../strategies/raise-stop.js";
import { cashAccount, dailyBars, eventLines, fillLines, KO, orderLines } from "./support.js";

const params = { lookback: 2, quantity: 100, stopPercent: 5, trailPercent: 5 };

describe("raising a stop by modifying it", () => {
  it("moves the one stop order up under each higher close, never down, and sells at the last level", () => {
    const result = runBacktest({
      strategy: RaiseStop,
      params,
      feeds: [
        {
          instrument: KO,
          series: dailyBars(KO.id, [
            [100, 100, 100, 100],
            [100, 100, 100, 100],
            [100, 101, 99, 100.5], // breakout: BUY 100
            [100, 101, 99.5, 100.2], // bought at 100; stop at 95 (0.95 × 100.2 = 95.19 → raised to 95.19)
            [101, 106, 100.5, 105], // 0.95 × 105 = 99.75
            [105, 105, 102, 103], // 0.95 × 103 = 97.85 < 99.75: left where it is
            [104, 110, 103.5, 108.9], // 0.95 × 108.9 = 103.455 → 103.45
            [107, 107.5, 101, 102], // falls through 103.45: sold there
          ]),
        },
      ],
      account: cashAccount(),
      keepEventLog: true,
    });
    expect(orderLines(result)).toEqual([
      "MARKET BUY 100 FILLED",
      "STOP_MARKET SELL 100 trigger 103.45 FILLED",
    ]);
    expect(eventLines(result)).toEqual([
      "2024-01-05 OrderFilled #1 quantity=100 price=100 liquidity=TAKER",
      "2024-01-05 OrderUpdated #2 triggerPrice=95.19",
      "2024-01-08 OrderUpdated #2 triggerPrice=99.75",
      "2024-01-10 OrderUpdated #2 triggerPrice=103.45",
      "2024-01-11 OrderFilled #2 quantity=100 price=103.45 liquidity=TAKER",
    ]);
    expect(fillLines(result)).toEqual(["BUY 100@100 2024-01-05", "SELL 100@103.45 2024-01-11"]);
    // One stop order the whole time: modified, never canceled and replaced.
    expect(result.orders).toHaveLength(2);
  });
});

describe("raising a stop when the modify is refused", () => {
  it("keeps the stop where it was and logs the reason", () => {
    const result = runBacktest({
      strategy: RaiseStop,
      params: { ...params, stopPercent: 2 },
      // The risk engine refuses trigger prices more than 3% from the last price: the raise to 5% under
      // the close is refused, the 2% initial stop is not.
      risk: { priceBandPct: 3 },
      feeds: [
        {
          instrument: KO,
          series: dailyBars(KO.id, [
            [100, 100, 100, 100],
            [100, 100, 100, 100],
            [100, 101, 99, 100.5],
            [100, 101, 99.5, 100.2], // bought at 100, stop 98
            [101, 106, 100.5, 105], // raising it to 99.75 is refused: 5% from 105
            [104, 104.5, 97, 97.5], // through 98: sold at the stop that stayed
          ]),
        },
      ],
      account: cashAccount(),
      keepEventLog: true,
    });
    expect(eventLines(result)).toEqual([
      "2024-01-05 OrderFilled #1 quantity=100 price=100 liquidity=TAKER",
      "2024-01-08 OrderModifyRejected #2 reason=PRICE_BAND: trigger price 99.75 is 5% below the last price 105 for KO.XNYS; the band is ±3%",
      "2024-01-09 OrderFilled #2 quantity=100 price=98 liquidity=TAKER",
    ]);
    expect(result.logs.map((l) => `${l.level}: ${l.message}`)).toEqual([
      "warn: stop not raised; it stays where it was",
    ]);
    expect(orderLines(result)).toEqual(["MARKET BUY 100 FILLED", "STOP_MARKET SELL 100 trigger 98 FILLED"]);
  });
});

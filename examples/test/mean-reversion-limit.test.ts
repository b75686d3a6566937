import { runBacktest } from "@ordo/engine";
import { describe, expect, it } from "vitest";
import MeanReversionLimit from "../strategies/mean-reversion-limit.js";
import { cashAccount, dailyBars, eventLines, fillLines, KO, orderLines } from "./support.js";

const params = { lookback: 4, entryZ: 2, quantity: 100 };

describe("mean reversion with limit entries", () => {
  it("rests a buy limit at the lower band, moves it with the band, fills at the limit and exits at the average", () => {
    const bars = dailyBars(KO.id, [
      [98, 99, 97, 98],
      [101, 103, 100, 102],
      [100, 100, 97, 98],
      [99, 102, 98, 102], // mean 100, deviation 2: BUY 100 @96 placed
      [99, 100, 97, 99], // low 97 misses 96; band moves to 100.25 − 2 × 1.7854 = 96.679 → 96.67
      [98, 98.5, 95, 97], // falls through 96.67: filled at the limit
      [98, 101, 97, 100.5], // close 100.5 ≥ the average of 102, 99, 97, 100.5 (99.625): exit placed
      [101, 102, 100, 101], // the exit fills at the open; flat again, a new entry rests at the band
    ]);
    const result = runBacktest({
      strategy: MeanReversionLimit,
      params,
      feeds: [{ instrument: KO, series: bars }],
      account: cashAccount(),
      keepEventLog: true,
    });
    expect(orderLines(result)).toEqual([
      "LIMIT BUY 100 @96.67 FILLED",
      "MARKET SELL 100 FILLED",
      "LIMIT BUY 100 @96.26 ACCEPTED",
    ]);
    // Placed at 96, moved to 96.67 with the band, filled resting at its own price (a maker fill).
    expect(eventLines(result)).toEqual([
      "2024-01-08 OrderUpdated #1 price=96.67",
      "2024-01-09 OrderFilled #1 quantity=100 price=96.67 liquidity=MAKER",
      "2024-01-11 OrderFilled #2 quantity=100 price=101 liquidity=TAKER",
    ]);
    expect(fillLines(result)).toEqual(["BUY 100@96.67 2024-01-09", "SELL 100@101 2024-01-11"]);
    expect(result.finalValue.toString()).toBe("100433");
  });

  it("buys at the open, better than the limit, when the market gaps below it", () => {
    const bars = dailyBars(KO.id, [
      [98, 99, 97, 98],
      [101, 103, 100, 102],
      [100, 100, 97, 98],
      [99, 102, 98, 102], // BUY 100 @96
      [93, 95, 92, 94], // opens at 93, under the limit
    ]);
    const result = runBacktest({
      strategy: MeanReversionLimit,
      params,
      feeds: [{ instrument: KO, series: bars }],
      account: cashAccount(),
    });
    expect(fillLines(result)).toEqual(["BUY 100@93 2024-01-08"]);
  });

  it("places no order before it has a full window of closes", () => {
    const result = runBacktest({
      strategy: MeanReversionLimit,
      params,
      feeds: [
        {
          instrument: KO,
          series: dailyBars(KO.id, [
            [98, 99, 97, 98],
            [101, 103, 100, 102],
            [100, 100, 97, 98],
          ]),
        },
      ],
      account: cashAccount(),
    });
    expect(result.orders).toEqual([]);
  });
});

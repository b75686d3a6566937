import { runBacktest } from "@ordo/engine";
import { describe, expect, it } from "vitest";
import StaleLimitToMarket from "../strategies/stale-limit-to-market.js";
import { cashAccount, dailyBars, eventLines, fillLines, KO, orderLines } from "./support.js";

const params = { quantity: 100, discountPercent: 2, maxAgeMinutes: 2 * 24 * 60 };

describe("stale limit orders canceled and resubmitted as market", () => {
  it("cancels a limit that has not filled after two days and buys at the next open", () => {
    const result = runBacktest({
      strategy: StaleLimitToMarket,
      params,
      feeds: [
        {
          instrument: KO,
          series: dailyBars(KO.id, [
            [100, 101, 99, 100], // Tue: BUY 100 @98 (2% under the close)
            [100, 102, 99, 101], // Wed: one day old, low 99 misses 98
            [101, 103, 100, 102], // Thu: two days old: canceled; the market order follows the confirmation
            [103, 104, 102, 103], // Fri: bought at the open
          ]),
        },
      ],
      account: cashAccount(),
      keepEventLog: true,
    });
    expect(orderLines(result)).toEqual(["LIMIT BUY 100 @98 CANCELED", "MARKET BUY 100 FILLED"]);
    expect(eventLines(result)).toEqual([
      "2024-01-04 OrderCanceled #1",
      "2024-01-05 OrderFilled #2 quantity=100 price=103 liquidity=TAKER",
    ]);
    expect(result.logs.map((l) => `${l.message} ${JSON.stringify(l.fields)}`)).toEqual([
      `limit is stale: canceling it to buy the rest at market {"orderId":"${result.orders[0]!.id}","ageMinutes":2880,"filled":"0"}`,
    ]);
  });

  it("sends only the unfilled rest to market when the limit filled in part", () => {
    const result = runBacktest({
      strategy: StaleLimitToMarket,
      params,
      venue: { slippage: { model: "fixed-bps", basisPoints: "0", volumeLimit: "0.1" } },
      feeds: [
        {
          instrument: KO,
          series: dailyBars(
            KO.id,
            [
              [100, 101, 99, 100], // BUY 100 @98
              [99, 99, 97, 98], // reaches 98, but only 10% of the 300 shares traded may fill: 30
              [98.5, 99, 98.5, 99], // 98 not reached again; two days old: canceled, 70 left
              [99, 100, 98, 99], // the 70 bought at the open
            ],
            { volume: [300, 300, 300, 10_000] },
          ),
        },
      ],
      account: cashAccount(),
      keepEventLog: true,
    });
    expect(orderLines(result)).toEqual(["LIMIT BUY 100 @98 CANCELED 30/100", "MARKET BUY 70 FILLED"]);
    expect(fillLines(result)).toEqual(["BUY 30@98 2024-01-03", "BUY 70@99 2024-01-05"]);
  });

  it("keeps a limit that fills in time and sends nothing else", () => {
    const result = runBacktest({
      strategy: StaleLimitToMarket,
      params,
      feeds: [
        {
          instrument: KO,
          series: dailyBars(KO.id, [
            [100, 101, 99, 100],
            [99, 99, 97, 98],
            [98, 99, 97, 99],
          ]),
        },
      ],
      account: cashAccount(),
    });
    expect(orderLines(result)).toEqual(["LIMIT BUY 100 @98 FILLED"]);
    expect(fillLines(result)).toEqual(["BUY 100@98 2024-01-03"]);
  });
});

import { runBacktest } from "@ordo/engine";
import { describe, expect, it } from "vitest";
import BuyAndHold from "../strategies/buy-and-hold.js";
import {
  cashAccount,
  dailyBars,
  fillLines,
  hasSharedData,
  KO,
  loadDaily,
  orderLines,
  SHARED_DATA_MISSING,
} from "./support.js";

describe("buy and hold", () => {
  it("buys 95% of the portfolio at the second bar's open once and holds it to the end", () => {
    const result = runBacktest({
      strategy: BuyAndHold,
      feeds: [
        {
          instrument: KO,
          series: dailyBars(KO.id, [
            [99, 101, 98, 100],
            [101, 103, 100, 102],
            [102, 106, 101, 105],
            [104, 108, 103, 107],
          ]),
        },
      ],
      account: cashAccount("100000"),
    });
    // 95% of 100000 at the first close (100) = 950 shares; filled at the next open, 101.
    expect(orderLines(result)).toEqual(["MARKET BUY 950 FILLED"]);
    expect(fillLines(result)).toEqual(["BUY 950@101 2024-01-03"]);
    // Cash 100000 − 950 × 101 = 4050; 950 shares at the last close 107 = 101650.
    expect(result.cash.toString()).toBe("4050");
    expect(result.finalValue.toString()).toBe("105700");
  });

  it("rejects a fraction above 1 with the parameter's path", () => {
    expect(() =>
      runBacktest({
        strategy: BuyAndHold,
        params: { fraction: 1.5 },
        feeds: [{ instrument: KO, series: dailyBars(KO.id, [[1, 1, 1, 1]]) }],
        account: cashAccount(),
      }),
    ).toThrow(/strategy\.params\.fraction/);
  });

  describe.skipIf(!hasSharedData)(
    `on Coca-Cola's daily bars, 1997-1998 (${hasSharedData ? "real data" : SHARED_DATA_MISSING})`,
    () => {
      it("holds the shares bought on the second day and ends worth cash plus shares at the last close", async () => {
        const ko = await loadDaily("daily-KO.csv", KO.id);
        const result = runBacktest({
          strategy: BuyAndHold,
          feeds: [{ instrument: KO, series: ko }],
          account: cashAccount("100000"),
        });
        const quantity = Math.floor((100000 * 0.95) / ko.close[0]!);
        expect(result.fills).toHaveLength(1);
        expect(result.fills[0]!.quantity.toNumber()).toBe(quantity);
        expect(result.fills[0]!.price.toNumber()).toBe(ko.open[1]);
        const last = ko.close[ko.length - 1]!;
        expect(result.finalValue.toFixed(2)).toBe(
          result.cash.plus(result.fills[0]!.quantity.times(last)).toFixed(2),
        );
        expect(result.orders.every((o) => o.status === "FILLED")).toBe(true);
      });
    },
  );
});

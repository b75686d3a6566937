import type { Bar } from "@ordo/core";
import { describe, expect, it } from "vitest";
import { runBacktest, type StrategyContext } from "../src/index.js";
import { cashAccount, flatBars } from "./support.js";

const BTC = {
  id: "BTCUSDT-PERP.SIM",
  assetClass: "crypto-perp",
  currency: "USD",
  tickSize: "0.5",
  lotSize: "0.001",
} as const;

/** Places one bracket on the first bar with these exit offsets; returns what the strategy saw. */
function bracketWithOffsets(stopLoss: string, takeProfit: string) {
  const seen: string[] = [];
  const result = runBacktest({
    strategy: class {
      #done = false;
      onBar(ctx: StrategyContext, bar: Bar) {
        if (this.#done) return;
        this.#done = true;
        const b = ctx.orders.placeBracket({
          instrumentId: bar.instrumentId,
          side: "BUY",
          quantity: "0.01",
          entry: { type: "LIMIT", price: "46000" },
          stopLoss: { offset: stopLoss },
          takeProfit: { offset: takeProfit },
        });
        seen.push(`${b.stopLoss.triggerPrice?.toFixed()} / ${b.takeProfit.price?.toFixed()}`);
      }
    },
    feeds: [{ instrument: BTC, series: flatBars(BTC.id, [46010, 46010]) }],
    account: cashAccount("1000000"),
  });
  return { seen, errors: result.strategyErrors.map((e) => `${e.hook}: ${e.message}`) };
}

describe("bracket exits from offsets on a coarse tick", () => {
  it("places exits whose offsets land on the tick", () => {
    expect(bracketWithOffsets("40.5", "40")).toEqual({ seen: ["45959.5 / 46040"], errors: [] });
  });

  it("refuses an offset that puts the stop-loss off the tick, saying where the price came from", () => {
    expect(bracketWithOffsets("40.3", "40")).toEqual({
      seen: [],
      errors: [
        "onBar: VALIDATION: stopLoss.offset: 40.3 below entry.price 46000 is 45959.7, which is not a multiple of tick size 0.5: give an offset that lands on the tick (40 or 40.5) or a triggerPrice",
      ],
    });
  });
});

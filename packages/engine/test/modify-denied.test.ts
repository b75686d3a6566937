import type { Bar, OrderEvent } from "@ordo/core";
import { describe, expect, it } from "vitest";
import { runBacktest, type StrategyContext } from "../src/index.js";
import { AAPL, cashAccount, flatBars } from "./support.js";

describe("a modify the risk engine denies", () => {
  it("reaches the strategy as OrderModifyRejected with the code, and leaves the order as it was", () => {
    const seen: string[] = [];
    let stopId = "";
    const result = runBacktest({
      strategy: class {
        onStart(ctx: StrategyContext) {
          stopId = ctx.orders.placeStop({
            instrumentId: AAPL.id,
            side: "SELL",
            quantity: 1,
            triggerPrice: 99,
          }).id;
        }
        onBar(ctx: StrategyContext, bar: Bar) {
          // 90 is 10% under the last price 100: outside the 5% band.
          if (bar.close === 100) ctx.orders.modify(stopId, { triggerPrice: 90 });
        }
        onOrderEvent(_ctx: StrategyContext, e: OrderEvent) {
          if (e.type === "OrderPendingUpdate" || e.type === "OrderModifyRejected") {
            seen.push(e.type === "OrderModifyRejected" ? `${e.type}: ${e.reason}` : e.type);
          }
        }
      },
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 100.5]) }],
      account: cashAccount(),
      risk: { priceBandPct: 5, checkBuyingPower: false },
      keepEventLog: true,
    });
    expect(seen).toEqual(["OrderPendingUpdate", expect.stringMatching(/^OrderModifyRejected: PRICE_BAND: /)]);
    const stop = result.orders.find((o) => o.id === stopId)!;
    expect(stop.status).toBe("ACCEPTED");
    expect(stop.triggerPrice?.toString()).toBe("99");
    expect(result.eventLog?.some((l) => l.includes("NodeWarning"))).toBe(false);
  });
});

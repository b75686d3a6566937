import type { Bar, OrderEvent } from "@ordo/core";
import { describe, expect, it } from "vitest";
import { runBacktest, type StrategyContext } from "../src/index.js";
import { AAPL, flatBars } from "./support.js";

/** Shorts `quantity` AAPL at 52.625 from a 50,000 margin account at 2x; returns the order's events. */
function shortFromMarginAccount(quantity: number, risk: Parameters<typeof runBacktest>[0]["risk"]): string[] {
  const events: string[] = [];
  runBacktest({
    strategy: class {
      #done = false;
      onBar(ctx: StrategyContext, bar: Bar) {
        if (this.#done) return;
        this.#done = true;
        ctx.order(bar.instrumentId, -quantity);
      }
      onOrderEvent(_ctx: StrategyContext, e: OrderEvent) {
        if (e.type === "OrderDenied") events.push(`denied: ${e.reason}`);
        if (e.type === "OrderFilled") events.push(`filled ${e.quantity}@${e.price}`);
      }
    },
    feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [52.625, 52.625, 52.625]) }],
    account: { type: "margin", currency: "USD", balance: "50000", leverage: "2" },
    ...(risk !== undefined && { risk }),
  });
  return events;
}

describe("buying power of a margin account under a risk config", () => {
  it("commits the initial margin (half the notional at 2x), so an order above 1x but within 2x is sent", () => {
    // 52,625 of notional, 26,312.50 of margin against 50,000: before, a risk block held it to the notional.
    expect(shortFromMarginAccount(1000, {})).toEqual(["filled 1000@52.625"]);
    expect(shortFromMarginAccount(1000, { checkBuyingPower: true })).toEqual(["filled 1000@52.625"]);
  });

  it("denies an order whose initial margin is above the buying power, naming the margin", () => {
    expect(shortFromMarginAccount(2000, {})).toEqual([
      "denied: order needs 52625 USD for 2000 AAPL.XNAS at 52.625, but buying power is 50000",
    ]);
  });
});

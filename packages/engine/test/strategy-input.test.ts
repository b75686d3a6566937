import type { Bar } from "@ordo/core";
import { describe, expect, it } from "vitest";
import { runBacktest, type StrategyContext } from "../src/index.js";
import { AAPL, cashAccount, flatBars } from "./support.js";

/** Runs `act` on the second bar (after a price exists) and returns what it threw, or what it returned. */
function onSecondBar(act: (ctx: StrategyContext, bar: Bar) => unknown) {
  let outcome: { threw: string } | { returned: unknown } | undefined;
  let n = 0;
  const result = runBacktest({
    strategy: class {
      onBar(ctx: StrategyContext, bar: Bar) {
        if (n++ !== 1) return;
        try {
          outcome = { returned: act(ctx, bar) };
        } catch (error) {
          outcome = { threw: error instanceof Error ? error.message : String(error) };
        }
      }
    },
    feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 100, 100, 100]) }],
    account: cashAccount(),
  });
  return { outcome: outcome!, result };
}

describe("order fields a strategy misspells", () => {
  it("refuses a misspelt field of ctx.orders.placeLimit instead of placing a GTC order without it", () => {
    const { outcome, result } = onSecondBar((ctx, bar) =>
      ctx.orders.placeLimit({
        instrumentId: bar.instrumentId,
        side: "BUY",
        quantity: 10,
        price: "99",
        timeinforce: "DAY",
      } as never),
    );
    expect(outcome).toEqual({
      threw: 'VALIDATION: timeinforce: is not an order field (did you mean "timeInForce"?)',
    });
    expect(result.orders).toEqual([]);
  });

  it("names every order field when a key is like none of them", () => {
    const { outcome } = onSecondBar((ctx, bar) =>
      ctx.orders.placeMarket({
        instrumentId: bar.instrumentId,
        side: "BUY",
        quantity: 1,
        urgency: 3,
      } as never),
    );
    expect(outcome).toEqual({
      threw: expect.stringMatching(
        /^VALIDATION: urgency: is not an order field \(order fields: id, instrumentId, .*tags\)$/,
      ),
    });
  });

  it("refuses a misspelt template default where the template is made", () => {
    const { outcome } = onSecondBar((ctx) =>
      ctx.orders.template({ side: "BUY", type: "LIMIT", tiemInForce: "DAY" }),
    );
    expect(outcome).toEqual({
      threw: 'VALIDATION: template.tiemInForce: is not an order field (did you mean "timeInForce"?)',
    });
  });

  it("still places an order from a template whose defaults and fields are all order fields", () => {
    const { outcome } = onSecondBar((ctx, bar) =>
      ctx.orders
        .template({ side: "BUY", type: "LIMIT", timeInForce: "DAY", tags: ["t"] })
        .place({ instrumentId: bar.instrumentId, quantity: 5, price: "99" }),
    );
    expect(outcome).toMatchObject({
      returned: { type: "LIMIT", timeInForce: "DAY", status: "ACCEPTED", tags: ["t"] },
    });
  });

  it("refuses a misspelt field of one order of ctx.orders.placeOco, placing neither", () => {
    const { outcome, result } = onSecondBar((ctx, bar) =>
      ctx.orders.placeOco([
        { instrumentId: bar.instrumentId, side: "SELL", type: "LIMIT", quantity: 1, price: "110" },
        {
          instrumentId: bar.instrumentId,
          side: "SELL",
          type: "STOP_MARKET",
          quantity: 1,
          trigerPrice: "90",
        } as never,
      ]),
    );
    expect(outcome).toEqual({
      threw: 'VALIDATION: trigerPrice: is not an order field (did you mean "triggerPrice"?)',
    });
    expect(result.orders).toEqual([]);
  });
});

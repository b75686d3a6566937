import type { Bar } from "@ordo/core";
import { describe, expect, it } from "vitest";
import { runBacktest, type StrategyContext } from "../src/index.js";
import { AAPL, cashAccount, flatBars } from "./support.js";

/** Runs `act` on the second bar of strategy "OM"; returns what it returned or threw, and the run's orders. */
function onSecondBar(act: (ctx: StrategyContext, instrumentId: string) => unknown) {
  let outcome: { threw: string } | { returned: unknown } | undefined;
  let n = 0;
  const result = runBacktest({
    strategyId: "OM",
    strategy: class {
      onBar(ctx: StrategyContext, bar: Bar) {
        if (n++ !== 1) return;
        try {
          outcome = { returned: act(ctx, bar.instrumentId) };
        } catch (error) {
          outcome = { threw: error instanceof Error ? error.message : String(error) };
        }
      }
    },
    feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 100, 100, 100]) }],
    account: cashAccount(),
  });
  return { outcome: outcome!, orders: result.orders.map((o) => `${o.id} ${o.status}`) };
}

const bracket = (instrumentId: string, ids?: Record<string, string>) => ({
  instrumentId,
  side: "BUY" as const,
  quantity: 1,
  entry: { type: "LIMIT" as const, price: "95" },
  stopLoss: { offset: 2 },
  takeProfit: { offset: 3 },
  ...(ids !== undefined && { ids }),
});

describe("the ids of a bracket's orders", () => {
  it("numbers a bracket whose entry id is given like any other, instead of reusing the last bracket's exit ids", () => {
    const { outcome } = onSecondBar((ctx, i) =>
      [
        ctx.orders.placeBracket(bracket(i)),
        ctx.orders.placeBracket(bracket(i, { entry: "my-entry" })),
        ctx.orders.placeBracket(bracket(i)),
      ].map((b) => [b.entry.id, b.stopLoss.id, b.takeProfit.id]),
    );
    expect(outcome).toEqual({
      returned: [
        ["OM-B1-entry", "OM-B1-sl", "OM-B1-tp"],
        ["my-entry", "OM-B2-sl", "OM-B2-tp"],
        ["OM-B3-entry", "OM-B3-sl", "OM-B3-tp"],
      ],
    });
  });
});

describe("the numbers of refused OCO and bracket calls", () => {
  const limit = (instrumentId: string, price: string) => ({
    instrumentId,
    side: "BUY" as const,
    type: "LIMIT" as const,
    quantity: 1,
    price,
  });
  /** Each call's ids, or the message it threw. */
  const outcomes = (calls: (() => string[])[]) =>
    calls.map((call) => {
      try {
        return call();
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    });

  it("leaves a refused placeOco's numbers unused: the next OCO's ids follow the last ones placed", () => {
    const { outcome } = onSecondBar((ctx, i) =>
      outcomes([
        () => ctx.orders.placeOco([limit(i, "90"), limit(i, "91")]).map((o) => o.id),
        () => ctx.orders.placeOco([limit(i, "90"), limit("MSFT.XNAS", "91")]).map((o) => o.id),
        () => ctx.orders.placeOco([limit(i, "90"), limit(i, "91")]).map((o) => o.id),
      ]),
    );
    expect(outcome).toEqual({
      returned: [
        ["OM-oco-1", "OM-oco-2"],
        "UNKNOWN_INSTRUMENT: instrumentId: unknown instrument MSFT.XNAS (this node trades: AAPL.XNAS)",
        ["OM-oco-3", "OM-oco-4"],
      ],
    });
  });

  it("leaves a refused placeBracket's number unused: the next bracket is B2, not B3", () => {
    const { outcome } = onSecondBar((ctx, i) => {
      const ids = (b: ReturnType<typeof ctx.orders.placeBracket>) => [
        b.entry.id,
        b.stopLoss.id,
        b.takeProfit.id,
      ];
      return outcomes([
        () => ids(ctx.orders.placeBracket(bracket(i))),
        () => ids(ctx.orders.placeBracket({ ...bracket(i), entry: { type: "MARKET" } })),
        () => ids(ctx.orders.placeBracket(bracket(i))),
      ]);
    });
    expect(outcome).toEqual({
      returned: [
        ["OM-B1-entry", "OM-B1-sl", "OM-B1-tp"],
        "VALIDATION: stopLoss.offset: an offset needs the entry price: give the entry a price or triggerPrice, or a referencePrice; takeProfit.offset: an offset needs the entry price: give the entry a price or triggerPrice, or a referencePrice",
        ["OM-B2-entry", "OM-B2-sl", "OM-B2-tp"],
      ],
    });
  });

  it("still moves past a number whose id the strategy gave an order itself, instead of failing on it again", () => {
    const { outcome } = onSecondBar((ctx, i) => {
      ctx.orders.placeLimit({ ...limit(i, "80"), id: "OM-oco-1" });
      ctx.orders.placeLimit({ ...limit(i, "80"), id: "OM-B1-tp" });
      return outcomes([
        () => ctx.orders.placeOco([limit(i, "90"), limit(i, "91")]).map((o) => o.id),
        () => ctx.orders.placeOco([limit(i, "90"), limit(i, "91")]).map((o) => o.id),
        () => {
          const b = ctx.orders.placeBracket(bracket(i));
          return [b.entry.id];
        },
        () => {
          const b = ctx.orders.placeBracket(bracket(i));
          return [b.entry.id];
        },
      ]);
    });
    expect(outcome).toEqual({
      returned: [
        "DUPLICATE_ORDER_ID: id: order id OM-oco-1 is already used",
        ["OM-oco-2", "OM-oco-3"],
        "DUPLICATE_ORDER_ID: id: order id OM-B1-tp is already used",
        ["OM-B2-entry"],
      ],
    });
  });
});

describe("a group with an id already used", () => {
  it("places none of an OCO group's orders, where the ones before it were left initialized and never sent", () => {
    const { outcome, orders } = onSecondBar((ctx, i) => {
      ctx.orders.placeMarket({ id: "taken", instrumentId: i, side: "BUY", quantity: 1 });
      return ctx.orders.placeOco([
        { instrumentId: i, side: "BUY", type: "LIMIT", quantity: 1, price: "90" },
        { id: "taken", instrumentId: i, side: "BUY", type: "STOP_MARKET", quantity: 1, triggerPrice: "110" },
      ]);
    });
    expect(outcome).toEqual({ threw: "DUPLICATE_ORDER_ID: id: order id taken is already used" });
    expect(orders).toEqual(["taken FILLED"]);
  });

  it("places none of a bracket's orders when its stop-loss id is taken", () => {
    const { outcome, orders } = onSecondBar((ctx, i) => {
      ctx.orders.placeLimit({ id: "sl", instrumentId: i, side: "BUY", quantity: 1, price: "90" });
      return ctx.orders.placeBracket(bracket(i, { stopLoss: "sl" }));
    });
    expect(outcome).toEqual({ threw: "DUPLICATE_ORDER_ID: id: order id sl is already used" });
    expect(orders).toEqual(["sl ACCEPTED"]);
  });

  it("places none of a group's orders when a later one names an instrument the node does not trade", () => {
    const { outcome, orders } = onSecondBar((ctx, i) =>
      ctx.orders.placeOco([
        { instrumentId: i, side: "BUY", type: "LIMIT", quantity: 1, price: "90" },
        { instrumentId: "MSFT.XNAS", side: "BUY", type: "LIMIT", quantity: 1, price: "90" },
      ]),
    );
    expect(outcome).toEqual({
      threw: "UNKNOWN_INSTRUMENT: instrumentId: unknown instrument MSFT.XNAS (this node trades: AAPL.XNAS)",
    });
    expect(orders).toEqual([]);
  });
});

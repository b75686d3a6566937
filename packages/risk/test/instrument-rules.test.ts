import {
  createInstrument,
  DenyReason,
  dec,
  instrumentIssues,
  type Order,
  type OrderRequest,
  VirtualClock,
} from "@ordo/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RiskEngine } from "../src/index.js";
import { FakePortfolio, newOrder, T0 } from "./fixtures.js";

/** The request core's `instrumentIssues` reads, from an order. */
function requestOf(order: Order): OrderRequest {
  return {
    id: order.id,
    instrumentId: order.instrumentId,
    strategyId: order.strategyId,
    side: order.side,
    type: order.type,
    quantity: order.quantity,
    timeInForce: order.timeInForce,
    reduceOnly: order.reduceOnly,
    postOnly: order.postOnly,
    tags: [...order.tags],
    ...(order.price !== null && { price: order.price }),
    ...(order.triggerPrice !== null && { triggerPrice: order.triggerPrice }),
    ...(order.displayQuantity !== null && { displayQuantity: order.displayQuantity }),
  };
}

const instrument = fc
  .record({
    tickSize: fc.constantFrom("0.01", "0.05", "1", "0.0001", "0.25", "10"),
    lotSize: fc.constantFrom("1", "0.001", "10", "0.5"),
    minQuantity: fc.option(fc.constantFrom("1", "5", "0.5"), { nil: undefined }),
    maxQuantity: fc.option(fc.constantFrom("100", "1000"), { nil: undefined }),
    minNotional: fc.option(fc.constantFrom("10", "1000"), { nil: undefined }),
    multiplier: fc.constantFrom("1", "50"),
  })
  .map((r) =>
    createInstrument({
      id: "X.TEST",
      assetClass: "future",
      currency: "USD",
      tickSize: r.tickSize,
      lotSize: r.lotSize,
      multiplier: r.multiplier,
      ...(r.minQuantity !== undefined && { minQuantity: r.minQuantity }),
      ...(r.maxQuantity !== undefined && { maxQuantity: r.maxQuantity }),
      ...(r.minNotional !== undefined && { minNotional: r.minNotional }),
    }),
  );

/** A multiple of `step`, or (one time in four) something a little off it. */
function near(step: string, maxUnits: number) {
  return fc
    .tuple(fc.integer({ min: 1, max: maxUnits }), fc.constantFrom(null, null, null, "0.0001", "0.3"))
    .map(([units, off]) => {
      const onGrid = dec(step).times(units);
      return (off === null ? onGrid : onGrid.plus(off)).toFixed();
    });
}

const instrumentAndOrder = instrument.chain((inst) =>
  fc
    .record({
      type: fc.constantFrom(
        "LIMIT" as const,
        "STOP_LIMIT" as const,
        "STOP_MARKET" as const,
        "MARKET" as const,
      ),
      quantity: near(inst.lotSize.toFixed(), 400),
      price: near(inst.tickSize.toFixed(), 400),
      triggerPrice: near(inst.tickSize.toFixed(), 400),
      display: fc.option(near(inst.lotSize.toFixed(), 400), { nil: undefined }),
    })
    .map((o) => ({
      inst,
      order: newOrder({
        instrumentId: "X.TEST",
        type: o.type,
        quantity: o.quantity,
        price: o.type === "LIMIT" || o.type === "STOP_LIMIT" ? o.price : undefined,
        ...(o.type === "STOP_LIMIT" || o.type === "STOP_MARKET" ? { triggerPrice: o.triggerPrice } : {}),
        ...(o.type === "LIMIT" && o.display !== undefined && Number(o.display) <= Number(o.quantity)
          ? { displayQuantity: o.display }
          : {}),
      }),
    })),
);

describe("instrument rules", () => {
  it("refuse exactly what core's instrumentIssues finds, with its code and messages", () => {
    fc.assert(
      fc.property(instrumentAndOrder, ({ inst, order: o }) => {
        const engine = new RiskEngine({
          clock: new VirtualClock(T0),
          portfolio: new FakePortfolio(),
          instruments: [inst],
          config: { checkBuyingPower: false },
        });
        const decision = engine.checkSubmit(o);
        const issues = instrumentIssues(requestOf(o), inst);
        if (issues.length === 0) {
          expect(decision).toEqual({ allowed: true });
        } else {
          expect(decision).toEqual({
            allowed: false,
            check: "instrument-rules",
            reason: issues[0]!.code ?? DenyReason.INVALID_ORDER,
            message: issues.map((i) => i.message).join("; "),
          });
        }
      }),
      { numRuns: 500 },
    );
  });
});

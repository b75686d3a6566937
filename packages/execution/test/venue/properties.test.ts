import { type ExecutionReport, orderEventToJSON, roundQuantityToLot } from "@ordo/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FixedBasisPointsSlippage, type SlippageModel, VolumeShareSlippage } from "../../src/index.js";
import { at, harness } from "./harness.js";

interface BarSpec {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}
interface OrderSpecInput {
  readonly afterBar: number;
  readonly side: "BUY" | "SELL";
  readonly type: "MARKET" | "LIMIT" | "STOP_MARKET" | "STOP_LIMIT" | "MARKET_IF_TOUCHED";
  readonly quantity: number;
  /** Ticks from 100.00 for the limit / trigger. */
  readonly priceTicks: number;
  readonly limitTicks: number;
  readonly tif: "GTC" | "IOC" | "FOK";
}

const cents = (c: number) => Math.round(c) / 100;

/** Bars as a random walk in whole cents around 100.00, each with its own range and volume. */
const bars = fc
  .array(
    fc.record({
      move: fc.integer({ min: -150, max: 150 }),
      up: fc.integer({ min: 0, max: 200 }),
      down: fc.integer({ min: 0, max: 200 }),
      closeAt: fc.double({ min: 0, max: 1, noNaN: true }),
      volume: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3000 })),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((steps) => {
    let open = 10_000;
    return steps.map((s): BarSpec => {
      open = Math.max(500, open + s.move);
      const high = open + s.up;
      const low = Math.max(100, open - s.down);
      const close = Math.round(low + (high - low) * s.closeAt);
      const bar = {
        open: cents(open),
        high: cents(high),
        low: cents(low),
        close: cents(close),
        volume: s.volume,
      };
      open = close;
      return bar;
    });
  });

const orders = fc.array(
  fc.record({
    afterBar: fc.integer({ min: -1, max: 11 }),
    side: fc.constantFrom("BUY" as const, "SELL" as const),
    type: fc.constantFrom(
      "MARKET" as const,
      "LIMIT" as const,
      "STOP_MARKET" as const,
      "STOP_LIMIT" as const,
      "MARKET_IF_TOUCHED" as const,
    ),
    quantity: fc.integer({ min: 1, max: 400 }),
    // Half the orders sit near the first open, where slippage could push a fill past a limit.
    priceTicks: fc.oneof(fc.integer({ min: -30, max: 30 }), fc.integer({ min: -400, max: 400 })),
    limitTicks: fc.integer({ min: -100, max: 100 }),
    tif: fc.constantFrom("GTC" as const, "GTC" as const, "IOC" as const, "FOK" as const),
  }),
  { maxLength: 12 },
);

interface VenueSpec {
  readonly slippage: string;
  readonly barPath: "ohlc" | "adaptive";
  readonly fillTiming: "next-open" | "next-close" | "same-close";
}

const venues: fc.Arbitrary<VenueSpec> = fc.record({
  slippage: fc.constantFrom("none", "volume-share", "fixed-bps"),
  barPath: fc.constantFrom("ohlc" as const, "adaptive" as const),
  fillTiming: fc.constantFrom("next-open" as const, "next-close" as const, "same-close" as const),
});

function slippageModel(name: string): SlippageModel | undefined {
  if (name === "volume-share") return new VolumeShareSlippage();
  // 50 bps (0.50 at 100): large enough that an unclamped marketable limit would often fill past its limit.
  if (name === "fixed-bps") return new FixedBasisPointsSlippage({ basisPoints: 50 });
  return undefined;
}

function request(o: OrderSpecInput, i: number): Record<string, unknown> {
  const price = (100 + o.priceTicks / 100).toFixed(2);
  const limit = (100 + (o.priceTicks + o.limitTicks) / 100).toFixed(2);
  const base = { id: `o${i}`, side: o.side, type: o.type, quantity: String(o.quantity), timeInForce: o.tif };
  switch (o.type) {
    case "MARKET":
      return base;
    case "LIMIT":
      return { ...base, price };
    case "STOP_MARKET":
    case "MARKET_IF_TOUCHED":
      return { ...base, triggerPrice: price };
    case "STOP_LIMIT":
      return { ...base, triggerPrice: price, price: limit };
  }
}

/** Runs one random scenario; the harness's OrderCache refuses any report the state machine forbids (overfills too). */
function run(venue: VenueSpec, barList: BarSpec[], orderList: OrderSpecInput[]) {
  const slippage = slippageModel(venue.slippage);
  const h = harness({ barPath: venue.barPath, fillTiming: venue.fillTiming, ...(slippage && { slippage }) });
  const requests = orderList.map(request);
  const submitAfter = (b: number) =>
    orderList.forEach((o, i) => {
      if (o.afterBar === b) h.submit(requests[i]!);
    });
  submitAfter(-1);
  barList.forEach((bar, b) => {
    h.bar(at(b + 1), [bar.open, bar.high, bar.low, bar.close, bar.volume]);
    submitAfter(b);
  });
  return { h, requests, slippage };
}

const fills = (reports: readonly ExecutionReport[]) => reports.filter((r) => r.type === "OrderFilled");

describe("venue properties", () => {
  it("no fill exceeds its order's quantity, and no bar fills more than its volume cap", () => {
    fc.assert(
      fc.property(venues, bars, orders, (venue, barList, orderList) => {
        const { h, requests, slippage } = run(venue, barList, orderList);
        const filledByOrder = new Map<string, number>();
        for (const f of fills(h.reports)) {
          filledByOrder.set(f.orderId, (filledByOrder.get(f.orderId) ?? 0) + Number(f.quantity.toFixed()));
        }
        requests.forEach((r) => {
          expect(filledByOrder.get(r.id as string) ?? 0).toBeLessThanOrEqual(Number(r.quantity));
        });
        if (slippage?.volumeLimit) {
          barList.forEach((bar, b) => {
            const cap = roundQuantityToLot(h.instruments[0]!, slippage.volumeLimit!.times(bar.volume));
            const inBar = fills(h.reports)
              .filter((f) => f.tsEvent === at(b + 1))
              .reduce((sum, f) => sum.plus(f.quantity), cap.minus(cap));
            expect(inBar.lte(cap)).toBe(true);
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a limit buy never fills above its limit, a limit sell never below", () => {
    fc.assert(
      fc.property(venues, bars, orders, (venue, barList, orderList) => {
        const { h } = run(venue, barList, orderList);
        for (const f of fills(h.reports)) {
          const order = h.cache.get(f.orderId)!;
          if (order.price === null || (order.type !== "LIMIT" && order.type !== "STOP_LIMIT")) continue;
          if (f.side === "BUY") expect(f.price.lte(order.price)).toBe(true);
          else expect(f.price.gte(order.price)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("identical inputs give identical reports", () => {
    fc.assert(
      fc.property(venues, bars, orders, (venue, barList, orderList) => {
        const first = run(venue, barList, orderList).h.reports.map(orderEventToJSON);
        const second = run(venue, barList, orderList).h.reports.map(orderEventToJSON);
        expect(second).toEqual(first);
      }),
      { numRuns: 100 },
    );
  });
});

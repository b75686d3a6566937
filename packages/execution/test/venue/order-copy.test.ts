import { type ExecutionReport, type Order, OrderFactory, orderEvent } from "@ordo/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LatencyModel } from "../../src/index.js";
import { at, harness, replay } from "./harness.js";

// The venue keeps its copy of an order in parts and rebuilds OrderSubmitted / OrderAccepted from the
// arrival time instead of keeping those events (order-copy.ts): order(id) must still be the order as sent with every
// event the venue reported for it applied, whenever it is asked for (working, closed, asked twice).

type Step =
  | {
      readonly kind: "submit";
      readonly type: "MARKET" | "LIMIT" | "STOP_MARKET";
      readonly ticks: number;
      readonly quantity: number;
      readonly side: "BUY" | "SELL";
      readonly initialized: boolean;
      readonly list: boolean;
    }
  | { readonly kind: "bar"; readonly move: number }
  | { readonly kind: "modify" | "cancel" | "ask"; readonly which: number };

const steps = fc.array(
  fc.oneof(
    fc.record({
      kind: fc.constant("submit" as const),
      type: fc.constantFrom("MARKET" as const, "LIMIT" as const, "STOP_MARKET" as const),
      ticks: fc.integer({ min: -150, max: 150 }),
      quantity: fc.integer({ min: 1, max: 50 }),
      side: fc.constantFrom("BUY" as const, "SELL" as const),
      initialized: fc.boolean(),
      list: fc.boolean(),
    }),
    fc.record({ kind: fc.constant("bar" as const), move: fc.integer({ min: -200, max: 200 }) }),
    fc.record({
      kind: fc.constantFrom("modify" as const, "cancel" as const, "ask" as const),
      which: fc.nat({ max: 20 }),
    }),
  ),
  { maxLength: 30 },
);

/** What the venue's copy records of its own reports: not the refusals of modifies and cancels. */
const recorded = (reports: readonly ExecutionReport[]) =>
  reports.filter((r) => r.type !== "OrderModifyRejected" && r.type !== "OrderCancelRejected");

function run(list: readonly Step[], latencyMs: number, timeOnly: boolean) {
  const latency: LatencyModel | undefined =
    latencyMs === 0 ? undefined : { name: "fixed", delayMs: () => latencyMs };
  const h = harness({ timeOnly, ...(latency && { latency }) });
  const factory = new OrderFactory({ clock: h.clock });
  /** Each order as sent, and the copy the venue must have of it before its reports (OrderSubmitted applied). */
  const sent: { order: Order; base: () => Order }[] = [];
  /** Orders already sent a modify or a cancel. */
  const changed = new Set<string>();
  let minute = 0;
  let price = 10_000;
  const id = (n: number) => sent[n % Math.max(sent.length, 1)]?.order.id;
  for (const step of list) {
    if (step.kind === "submit") {
      const limit = ((price + step.ticks) / 100).toFixed(2);
      const request = {
        id: `o${sent.length}`,
        side: step.side,
        type: step.type,
        quantity: String(step.quantity),
        ...(step.type === "LIMIT" && { price: limit }),
        ...(step.type === "STOP_MARKET" && { triggerPrice: limit }),
      };
      if (step.initialized) {
        // Sent as created (INITIALIZED): the venue's copy gets OrderSubmitted at the arrival.
        const { order, event } = factory.create({ instrumentId: h.instruments[0]!.id, ...request });
        // The harness's cache (the caller) submits it, so that it takes the venue's reports in.
        h.cache.apply(event);
        h.cache.apply(orderEvent(order, "OrderSubmitted", h.clock.now(), {}));
        const arrival = h.clock.now() + latencyMs;
        sent.push({ order, base: () => replay(order, [orderEvent(order, "OrderSubmitted", arrival, {})]) });
        if (step.list) h.venue.submitList([order]);
        else h.venue.submit(order);
      } else {
        const [order] = step.list ? h.submitList([request]) : [h.submit(request)];
        sent.push({ order: order!, base: () => order! });
      }
    } else if (step.kind === "bar") {
      minute += 1;
      const open = price;
      price = Math.max(1_000, price + step.move);
      const [high, low] = [Math.max(open, price) + 20, Math.min(open, price) - 20];
      h.bar(at(minute), [open / 100, high / 100, low / 100, price / 100]);
    } else {
      const orderId = id(step.which);
      if (orderId === undefined) continue;
      // One modify or cancel per order: with latency a second could overtake the first's answer, and the
      // harness's cache (the caller) would then meet an OrderUpdated in PENDING_CANCEL, which the state
      // machine refuses. The caller's side of that race is the node's (a warning), not the venue's copy.
      if (step.kind !== "ask") {
        if (changed.has(orderId)) continue;
        changed.add(orderId);
      }
      if (step.kind === "modify") h.modify(orderId, { quantity: String(60 + step.which) });
      else if (step.kind === "cancel") h.cancel(orderId);
      else h.venue.order(orderId);
    }
  }
  // A last bar after every latency: each order has arrived (and the timers have fired).
  h.bar(at(minute + 10), [price / 100, price / 100, price / 100, price / 100]);
  return { h, sent };
}

describe("the venue's copy of an order", () => {
  it("is the order as sent with every event the venue recorded for it applied", () => {
    fc.assert(
      fc.property(steps, fc.constantFrom(0, 0, 30_000, 90_000), fc.boolean(), (list, latencyMs, timeOnly) => {
        const { h, sent } = run(list, latencyMs, timeOnly);
        for (const { order, base } of sent) {
          const expected = replay(base(), recorded(h.reports));
          expect(h.venue.order(order.id)).toEqual(expected);
          // Asked again (now built): the same.
          expect(h.venue.order(order.id)).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("rebuilds an acceptance whose tsInit is not its arrival (a message delivered by later data)", () => {
    const h = harness({ timeOnly: true, latency: { name: "fixed", delayMs: () => 30_000 } });
    const order = h.submit({ id: "o", side: "BUY", type: "MARKET", quantity: "5" }, at(0));
    h.bar(at(1), [100, 101, 99, 100]);
    h.bar(at(2), [100, 101, 99, 100]);
    const accepted = h.reports.find((r) => r.type === "OrderAccepted")!;
    expect(accepted.tsEvent).toBe(at(0) + 30_000);
    expect(accepted.tsInit).toBe(at(1));
    expect(h.venue.order("o")).toEqual(replay(order, h.reports));
    expect(h.venue.order("o")?.status).toBe("FILLED");
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  InvalidStateTransitionError,
  isActive,
  isClosed,
  isOpen,
  type Order,
  OrderCache,
  type OrderSpec,
  orderEvent,
} from "../src/index.js";
import { event, fill, newOrder, snapshot, spec, T0 } from "./support.js";

function add(cache: OrderCache, overrides: Partial<OrderSpec>): Order {
  const s = spec(overrides);
  return cache.apply(orderEvent(s, "OrderInitialized", T0, { spec: s }));
}

function ids(orders: readonly Order[]): string[] {
  return orders.map((o) => o.id);
}

function refusalCode(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidStateTransitionError);
    return (error as InvalidStateTransitionError).message;
  }
  throw new Error("expected a refusal");
}

describe("OrderCache", () => {
  it("adds an order on OrderInitialized and finds it by id", () => {
    const cache = new OrderCache();
    const order = add(cache, { id: "A" });
    expect(cache.get("A")).toBe(order);
    expect(cache.has("A")).toBe(true);
    expect(cache.has("B")).toBe(false);
    expect(cache.get("B")).toBeUndefined();
    expect(cache.size).toBe(1);
  });

  it("refuses a second OrderInitialized for the same id", () => {
    const cache = new OrderCache();
    const order = add(cache, { id: "A" });
    cache.apply(event(order, "OrderSubmitted"));
    expect(refusalCode(() => add(cache, { id: "A" }))).toBe("DUPLICATE_ORDER_ID: order A already exists");
    expect(cache.get("A")?.status).toBe("SUBMITTED");
  });

  it("refuses an event for an order it does not know", () => {
    const cache = new OrderCache();
    expect(refusalCode(() => cache.apply(event(newOrder({ id: "Z" }), "OrderAccepted")))).toBe(
      "UNKNOWN_ORDER: order Z is unknown",
    );
    expect(cache.size).toBe(0);
  });

  it("changes an order only through the state machine, and keeps it whole when an event is refused", () => {
    const cache = new OrderCache();
    const order = cache.apply(event(add(cache, { id: "A" }), "OrderSubmitted"));
    const before = snapshot(order);
    expect(() => cache.apply(event(order, "OrderCancelRejected"))).toThrow(InvalidStateTransitionError);
    expect(cache.get("A")).toBe(order);
    expect(snapshot(cache.get("A")!)).toBe(before);
    expect(ids(cache.activeOrders())).toEqual(["A"]);
  });

  describe("queries", () => {
    function world() {
      const cache = new OrderCache();
      const a = add(cache, { id: "A", instrumentId: "AAPL.XNAS", strategyId: "s1" });
      const b = add(cache, { id: "B", instrumentId: "MSFT.XNAS", strategyId: "s1" });
      const c = add(cache, { id: "C", instrumentId: "AAPL.XNAS", strategyId: "s2" });
      const d = add(cache, { id: "D", instrumentId: "AAPL.XNAS", strategyId: "s1" });
      // A: working, B: filled, C: denied, D: still local.
      let o = cache.apply(event(a, "OrderSubmitted"));
      cache.apply(event(o, "OrderAccepted"));
      o = cache.apply(event(b, "OrderSubmitted"));
      cache.apply(fill(o, "100"));
      cache.apply(event(c, "OrderDenied"));
      return { cache, d };
    }

    it("by instrument, by strategy, by status, in creation order", () => {
      const { cache } = world();
      expect(ids(cache.orders())).toEqual(["A", "B", "C", "D"]);
      expect(ids(cache.orders({ instrumentId: "AAPL.XNAS" }))).toEqual(["A", "C", "D"]);
      expect(ids(cache.orders({ strategyId: "s1" }))).toEqual(["A", "B", "D"]);
      expect(ids(cache.orders({ instrumentId: "AAPL.XNAS", strategyId: "s1" }))).toEqual(["A", "D"]);
      expect(ids(cache.orders({ status: "FILLED" }))).toEqual(["B"]);
      expect(ids(cache.orders({ status: ["DENIED", "ACCEPTED"] }))).toEqual(["A", "C"]);
      expect(ids(cache.orders({ instrumentId: "TSLA.XNAS" }))).toEqual([]);
      expect(ids(cache.orders({ strategyId: "nobody" }))).toEqual([]);
    });

    it("by group: active (not terminal), open (working at the venue), closed (terminal)", () => {
      const { cache } = world();
      expect(ids(cache.activeOrders())).toEqual(["A", "D"]);
      expect(ids(cache.openOrders())).toEqual(["A"]);
      expect(ids(cache.closedOrders())).toEqual(["B", "C"]);
      expect(ids(cache.closedOrders({ strategyId: "s1" }))).toEqual(["B"]);
      expect(ids(cache.activeOrders({ instrumentId: "AAPL.XNAS", status: "INITIALIZED" }))).toEqual(["D"]);
    });

    it("keep every group equal to the orders in its statuses, in creation order, through any events", () => {
      // Orders enter and leave the active and open groups in any order (fills, cancels, late fills):
      // each group query must still list exactly its orders in creation order, and the counts agree. The
      // cache builds its indexes at the first query and keeps them from then on: a query may come at any step.
      const expectGroupsRight = (cache: OrderCache) => {
        const all = cache.orders();
        const expectGroup = (got: readonly Order[], inGroup: (o: Order) => boolean) =>
          expect(ids(got)).toEqual(ids(all.filter(inGroup)));
        expectGroup(cache.activeOrders(), (o) => isActive(o.status));
        expectGroup(cache.openOrders(), (o) => isOpen(o.status));
        expectGroup(cache.closedOrders(), (o) => isClosed(o.status));
        expectGroup(cache.openOrders({ instrumentId: "AAPL.XNAS" }), (o) => {
          return isOpen(o.status) && o.instrumentId === "AAPL.XNAS";
        });
        expectGroup(cache.orders({ instrumentId: "MSFT.XNAS" }), (o) => o.instrumentId === "MSFT.XNAS");
        expect(cache.openCount()).toBe(all.filter((o) => isOpen(o.status)).length);
        expect(cache.activeCount({ instrumentId: "MSFT.XNAS" })).toBe(
          all.filter((o) => isActive(o.status) && o.instrumentId === "MSFT.XNAS").length,
        );
      };
      const step = fc.record({
        order: fc.nat(5),
        // Weighted towards submit and accept, so that several orders are open at once.
        type: fc.oneof(
          { arbitrary: fc.constantFrom("OrderSubmitted", "OrderAccepted"), weight: 5 },
          { arbitrary: fc.constantFrom("OrderFilled", "OrderCanceled"), weight: 4 },
          { arbitrary: fc.constantFrom("OrderPendingCancel", "OrderDenied", "OrderRejected"), weight: 1 },
        ),
        instrument: fc.constantFrom("AAPL.XNAS", "MSFT.XNAS"),
      });
      fc.assert(
        fc.property(fc.array(step, { maxLength: 80 }), fc.nat(80), (steps, firstQueryAt) => {
          const cache = new OrderCache();
          let created = 0;
          for (const [at, { order, type, instrument }] of steps.entries()) {
            if (at === firstQueryAt) expectGroupsRight(cache);
            if (order >= created) {
              add(cache, { id: `O${created}`, instrumentId: instrument });
              created++;
              continue;
            }
            const current = cache.get(`O${order}`)!;
            // A fill of half the rest (a partial fill), or of all of it once little is left.
            const rest = current.leavesQuantity;
            const quantity = rest.gt(10) ? rest.div(2).floor() : rest.isZero() ? "1" : rest;
            const e = type === "OrderFilled" ? fill(current, quantity.toString()) : event(current, type);
            try {
              cache.apply(e);
            } catch (error) {
              expect(error).toBeInstanceOf(InvalidStateTransitionError);
            }
          }
          expectGroupsRight(cache);
        }),
        { numRuns: 400 },
      );
    });

    it("keep the groups right when orders leave them out of order", () => {
      const cache = new OrderCache();
      for (const id of ["A", "B", "C", "D"]) {
        const o = cache.apply(event(add(cache, { id }), "OrderSubmitted"));
        cache.apply(event(o, "OrderAccepted"));
      }
      cache.apply(event(cache.get("A")!, "OrderCanceled"));
      expect(ids(cache.openOrders())).toEqual(["B", "C", "D"]);
      cache.apply(event(cache.get("D")!, "OrderCanceled"));
      cache.apply(event(cache.get("B")!, "OrderCanceled"));
      expect(ids(cache.openOrders())).toEqual(["C"]);
      expect(ids(cache.activeOrders())).toEqual(["C"]);
      expect(cache.openCount()).toBe(1);
    });

    it("keep the groups up to date as orders move", () => {
      const { cache, d } = world();
      let o = cache.apply(event(d, "OrderSubmitted"));
      expect(ids(cache.openOrders())).toEqual(["A"]); // in flight is active, not open
      expect(ids(cache.activeOrders())).toEqual(["A", "D"]);
      o = cache.apply(event(o, "OrderAccepted"));
      expect(ids(cache.openOrders())).toEqual(["A", "D"]);
      o = cache.apply(event(o, "OrderCanceled"));
      expect(ids(cache.openOrders())).toEqual(["A"]);
      expect(ids(cache.closedOrders())).toEqual(["B", "C", "D"]);
      // A late fill on the canceled order: it is working again until filled.
      o = cache.apply(fill(o, "10"));
      expect(o.status).toBe("PARTIALLY_FILLED");
      expect(ids(cache.openOrders())).toEqual(["A", "D"]);
      expect(ids(cache.closedOrders())).toEqual(["B", "C"]);
      cache.apply(fill(o, "90"));
      expect(ids(cache.closedOrders({ status: "FILLED" }))).toEqual(["B", "D"]);
    });
  });
});

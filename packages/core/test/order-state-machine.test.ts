import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  applyEvent,
  canApply,
  dec,
  InvalidStateTransitionError,
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
  ORDER_TYPES,
  type Order,
  OrderCache,
  type OrderEvent,
  type OrderStatus,
  type OrderType,
  orderEvent,
  type TransitionTarget,
} from "../src/index.js";
import {
  type NonInitEventType as EventType,
  event,
  fill,
  freezeOrder,
  newOrder,
  snapshot,
  spec,
  T0,
} from "./support.js";

// ---------------------------------------------------------------------------------------------------------
// The expected table, transcribed row by row from ../shared/reference/order-state-machine.md (not from the
// code). A bare event name goes to its own status (Rejected -> REJECTED); "-> same" keeps the status;
// "-> before" restores the status before the pending; Filled goes to PARTIALLY_FILLED or FILLED.
// INITIALIZED's reconciled orders ("may also go straight to ACCEPTED, REJECTED, CANCELED, EXPIRED,
// TRIGGERED") are written as bare names.
// ---------------------------------------------------------------------------------------------------------
const REFERENCE_ROWS: Record<OrderStatus, string> = {
  INITIALIZED:
    "Denied -> DENIED; Held -> HELD; Released -> RELEASED; Submitted -> SUBMITTED; Updated -> same; Accepted; Rejected; Canceled; Expired; Triggered",
  HELD: "Released -> RELEASED; Canceled -> CANCELED; Expired -> EXPIRED; Updated -> same",
  RELEASED: "Submitted -> SUBMITTED; Denied -> DENIED; Canceled -> CANCELED; Updated -> same",
  SUBMITTED:
    "Accepted -> ACCEPTED; Rejected -> REJECTED; Canceled -> CANCELED; PendingUpdate -> PENDING_UPDATE; PendingCancel -> PENDING_CANCEL; Filled; Failed -> FAILED; Updated -> same",
  ACCEPTED: "Rejected; Canceled; Expired; Triggered; PendingUpdate; PendingCancel; Filled; Updated -> same",
  TRIGGERED: "Rejected; Canceled; Expired; PendingUpdate; PendingCancel; Filled; Updated -> same",
  PENDING_UPDATE:
    "Accepted; Rejected; Canceled; Expired; Triggered; PendingUpdate -> same; PendingCancel; Filled; Submitted -> same; Updated -> before; ModifyRejected -> before",
  PENDING_CANCEL:
    "Canceled; Rejected; Accepted; Expired; PendingCancel -> same; Filled; CancelRejected -> before",
  PARTIALLY_FILLED: "Filled; Canceled; Expired; PendingUpdate; PendingCancel; Updated -> same",
  CANCELED: "Filled",
  DENIED: "",
  REJECTED: "",
  EXPIRED: "",
  FILLED: "",
  FAILED: "",
};

type Expected = OrderStatus | "same" | "before" | "fill";

const OWN_STATUS: Partial<Record<string, Expected>> = {
  Denied: "DENIED",
  Held: "HELD",
  Released: "RELEASED",
  Submitted: "SUBMITTED",
  Accepted: "ACCEPTED",
  Rejected: "REJECTED",
  Triggered: "TRIGGERED",
  PendingUpdate: "PENDING_UPDATE",
  PendingCancel: "PENDING_CANCEL",
  Canceled: "CANCELED",
  Expired: "EXPIRED",
  Filled: "fill",
  Failed: "FAILED",
};

function parseRow(row: string): Map<EventType, Expected> {
  const out = new Map<EventType, Expected>();
  for (const entry of row.split(";").map((s) => s.trim())) {
    if (entry === "") continue;
    const [name, target] = entry.split("->").map((s) => s.trim()) as [string, string | undefined];
    const expected = (target ?? OWN_STATUS[name]) as Expected | undefined;
    if (expected === undefined) throw new Error(`reference entry "${entry}" has no target`);
    out.set(`Order${name}` as EventType, name === "Filled" ? "fill" : expected);
  }
  return out;
}

const EXPECTED = new Map(ORDER_STATUSES.map((s) => [s, parseRow(REFERENCE_ROWS[s])] as const));

const EVENT_TYPES: readonly EventType[] = [
  "OrderDenied",
  "OrderHeld",
  "OrderReleased",
  "OrderSubmitted",
  "OrderAccepted",
  "OrderRejected",
  "OrderTriggered",
  "OrderPendingUpdate",
  "OrderUpdated",
  "OrderModifyRejected",
  "OrderPendingCancel",
  "OrderCanceled",
  "OrderCancelRejected",
  "OrderExpired",
  "OrderFilled",
  "OrderFailed",
];

/** How an order reaches each status, using only transitions the reference lists. */
const PATHS: Record<OrderStatus, readonly EventType[]> = {
  INITIALIZED: [],
  DENIED: ["OrderDenied"],
  HELD: ["OrderHeld"],
  RELEASED: ["OrderHeld", "OrderReleased"],
  SUBMITTED: ["OrderSubmitted"],
  ACCEPTED: ["OrderSubmitted", "OrderAccepted"],
  TRIGGERED: ["OrderSubmitted", "OrderAccepted", "OrderTriggered"],
  PENDING_UPDATE: ["OrderSubmitted", "OrderAccepted", "OrderPendingUpdate"],
  PENDING_CANCEL: ["OrderSubmitted", "OrderAccepted", "OrderPendingCancel"],
  PARTIALLY_FILLED: ["OrderSubmitted", "OrderAccepted", "OrderFilled"],
  FILLED: ["OrderSubmitted", "OrderAccepted", "OrderFilled"],
  CANCELED: ["OrderSubmitted", "OrderAccepted", "OrderCanceled"],
  REJECTED: ["OrderSubmitted", "OrderRejected"],
  EXPIRED: ["OrderSubmitted", "OrderAccepted", "OrderExpired"],
  FAILED: ["OrderSubmitted", "OrderFailed"],
};

/** Drives a fresh order (BUY 100 STOP_LIMIT unless `type` says otherwise) into `status` through a cache. */
function orderIn(status: OrderStatus, type: OrderType = "STOP_LIMIT"): { cache: OrderCache; order: Order } {
  const cache = new OrderCache();
  const first = newOrder({ type });
  let order = cache.apply(orderEvent(first, "OrderInitialized", T0, { spec: spec({ type }) }));
  for (const type of PATHS[status]) {
    // PARTIALLY_FILLED: 40 of 100; FILLED: all 100.
    const e =
      type === "OrderFilled" ? fill(order, status === "FILLED" ? "100" : "40", "100.5") : event(order, type);
    order = cache.apply(e);
  }
  expect(order.status).toBe(status);
  return { cache, order };
}

function expectRefused(apply: () => unknown, code: string, message?: string): InvalidStateTransitionError {
  let caught: unknown;
  try {
    apply();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(InvalidStateTransitionError);
  const error = caught as InvalidStateTransitionError;
  expect(error.code).toBe(code);
  expect(error.kind).toBe("invalid-state");
  if (message !== undefined) expect(error.message).toBe(message);
  return error;
}

describe("the reference table as transcribed", () => {
  it("covers 15 statuses and 16 event types", () => {
    expect(ORDER_STATUSES).toHaveLength(15);
    expect(EVENT_TYPES).toHaveLength(16);
    expect(EXPECTED.size).toBe(15);
  });

  it("is exactly the code's ORDER_TRANSITIONS", () => {
    const fromCode = (t: TransitionTarget): Expected =>
      t === "SAME" ? "same" : t === "BEFORE_PENDING" ? "before" : t === "FILL" ? "fill" : t;
    for (const status of ORDER_STATUSES) {
      const code = new Map(
        Object.entries(ORDER_TRANSITIONS[status]).map(([e, t]) => [e, fromCode(t as TransitionTarget)]),
      );
      expect(code, status).toEqual(EXPECTED.get(status));
    }
  });
});

describe("docs/order-state-machine.md", () => {
  it("shows the code's ORDER_TRANSITIONS, row for row", () => {
    const doc = readFileSync(new URL("../../../docs/order-state-machine.md", import.meta.url), "utf8");
    const rows = new Map<string, string>();
    for (const line of doc.split("\n")) {
      const m = /^\|\s*([A-Z_]+)\s*\|\s*(.+?)\s*\|$/.exec(line);
      if (m && (ORDER_STATUSES as readonly string[]).includes(m[1]!) && m[2]!.includes("→"))
        rows.set(m[1]!, m[2]!);
      else if (m && m[2] === "none") rows.set(m[1]!, "none");
    }
    for (const status of ORDER_STATUSES) {
      const cells = Object.entries(ORDER_TRANSITIONS[status]).map(
        ([e, t]) => `${e.replace(/^Order/, "")} → ${t}`,
      );
      expect(rows.get(status), status).toBe(cells.join("; ") || "none");
    }
  });
});

describe("every status × every event", () => {
  const cells = ORDER_STATUSES.flatMap((status) =>
    EVENT_TYPES.map((type) => ({ status, type, expected: EXPECTED.get(status)!.get(type) })),
  );
  const allowed = cells.filter((c) => c.expected !== undefined);
  const refused = cells.filter((c) => c.expected === undefined);

  it("has 240 cells, of which the reference allows 66", () => {
    expect(cells).toHaveLength(240);
    expect(allowed).toHaveLength(66);
  });

  for (const { status, type, expected } of allowed)
    it(`${status} + ${type} -> ${expected}`, () => {
      const { cache, order } = orderIn(status);
      expect(canApply(status, type)).toBe(true);
      const next = cache.apply(event(order, type));
      const want =
        expected === "same"
          ? status
          : expected === "before"
            ? "ACCEPTED" // PATHS enter the pending states from ACCEPTED
            : expected === "fill"
              ? "PARTIALLY_FILLED" // a fill of 10 never completes these orders of 100
              : expected;
      expect(next.status).toBe(want);
      expect(cache.get(order.id)).toBe(next);
      expect(next.eventCount).toBe(order.eventCount + 1);
      expect(next.updatedAt).toBe(T0 + 1);
      if (type === "OrderUpdated") {
        expect(next.quantity.toString()).toBe("120");
        expect(next.leavesQuantity.toString()).toBe(next.quantity.minus(next.filledQuantity).toString());
        expect(next.price?.toString()).toBe("101.5");
      }
    });

  for (const { status, type } of refused)
    it(`${status} + ${type} is refused and changes nothing`, () => {
      const { cache, order } = orderIn(status);
      expect(canApply(status, type)).toBe(false);
      const before = snapshot(order);
      const e = event(order, type);
      const error = expectRefused(
        () => cache.apply(e),
        "INVALID_STATE_TRANSITION",
        `INVALID_STATE_TRANSITION: order O-1 in status ${status} cannot apply ${type}`,
      );
      expect(error.orderId).toBe("O-1");
      expect(error.status).toBe(status);
      expect(error.eventType).toBe(type);
      expect(cache.get(order.id)).toBe(order);
      expect(snapshot(order)).toBe(before);
      // The pure function refuses too, even on a frozen order: nothing was written before the refusal.
      expectRefused(() => applyEvent(freezeOrder({ ...order }), e), "INVALID_STATE_TRANSITION");
    });
});

describe("fills", () => {
  const fillable: OrderStatus[] = [
    "SUBMITTED",
    "ACCEPTED",
    "TRIGGERED",
    "PENDING_UPDATE",
    "PENDING_CANCEL",
    "PARTIALLY_FILLED",
    "CANCELED",
  ];

  it.each(fillable)("a fill that completes the order in %s makes it FILLED", (status) => {
    const { cache, order } = orderIn(status);
    const next = cache.apply(fill(order, order.leavesQuantity.toString(), "100.5"));
    expect(next.status).toBe("FILLED");
    expect(next.filledQuantity.toString()).toBe("100");
    expect(next.leavesQuantity.toString()).toBe("0");
    expect(next.statusBeforePending).toBeNull();
  });

  it("takes a late fill on a CANCELED order (real venues do this)", () => {
    const { cache, order } = orderIn("CANCELED");
    const partial = cache.apply(fill(order, "30", "100.5"));
    expect(partial.status).toBe("PARTIALLY_FILLED");
    expect(partial.filledQuantity.toString()).toBe("30");
    expect(partial.leavesQuantity.toString()).toBe("70");
    expect(cache.apply(fill(partial, "70", "100.4")).status).toBe("FILLED");
  });

  it("averages prices by quantity and accumulates commissions per currency", () => {
    let { order } = orderIn("ACCEPTED");
    order = applyEvent(order, fill(order, "60", "189.50", { commission: dec("0.30") }));
    order = applyEvent(
      order,
      fill(order, "30", "189.45", { commission: dec("0.0001"), commissionCurrency: "BTC" }),
    );
    order = applyEvent(order, fill(order, "10", "189.60", { commission: dec("-0.02") }));
    // (60 × 189.50 + 30 × 189.45 + 10 × 189.60) / 100
    expect(order.avgPrice?.toString()).toBe("189.495");
    expect(order.fillNotional.toString()).toBe("18949.5");
    expect(order.commissions.USD?.toString()).toBe("0.28");
    expect(order.commissions.BTC?.toString()).toBe("0.0001");
    expect(order.tradeIds).toHaveLength(3);
    expect(order.status).toBe("FILLED");
  });

  it("keeps commissions as own plain fields whatever the currency code (__proto__, constructor)", () => {
    const { order } = orderIn("ACCEPTED");
    for (const currency of ["USD", "__proto__", "constructor", "toString"]) {
      const filled = applyEvent(
        order,
        fill(order, "10", "100", { commission: dec("0.5"), commissionCurrency: currency }),
      );
      expect(Object.keys(filled.commissions)).toEqual([currency]);
      expect(Object.getPrototypeOf(filled.commissions)).toBe(Object.prototype);
      expect(Object.getOwnPropertyDescriptor(filled.commissions, currency)?.value?.toString()).toBe("0.5");
      // A second currency on the same order: not read from Object.prototype either.
      const again = applyEvent(
        filled,
        fill(filled, "5", "100", { commission: dec("0.25"), commissionCurrency: "hasOwnProperty" }),
      );
      expect(Object.keys(again.commissions)).toEqual([currency, "hasOwnProperty"]);
      expect(Object.getOwnPropertyDescriptor(again.commissions, "hasOwnProperty")?.value?.toString()).toBe(
        "0.25",
      );
    }
  });

  it("refuses a fill whose trade id was already applied (DUPLICATE_FILL) and changes nothing", () => {
    const { cache, order } = orderIn("ACCEPTED");
    const first = cache.apply(fill(order, "10", "100.5", { tradeId: "T-7" }));
    const before = snapshot(first);
    expectRefused(
      () => cache.apply(fill(first, "5", "99", { tradeId: "T-7" })),
      "DUPLICATE_FILL",
      "DUPLICATE_FILL: order O-1 already applied a fill with trade id T-7",
    );
    expect(cache.get("O-1")).toBe(first);
    expect(snapshot(first)).toBe(before);
  });

  it("refuses an overfill (OVERFILL) unless allowed", () => {
    const { cache, order } = orderIn("PARTIALLY_FILLED");
    const before = snapshot(order);
    expectRefused(
      () => cache.apply(fill(order, "61")),
      "OVERFILL",
      "OVERFILL: fill of 61 would overfill order O-1 (quantity 100, filled 40)",
    );
    expect(snapshot(cache.get("O-1")!)).toBe(before);
  });

  it("records an allowed overfill: FILLED, leaves 0, the excess in overfillQuantity", () => {
    const { order } = orderIn("PARTIALLY_FILLED");
    const next = applyEvent(order, fill(order, "65", "100"), { allowOverfill: true });
    expect(next.status).toBe("FILLED");
    expect(next.filledQuantity.toString()).toBe("105");
    expect(next.leavesQuantity.toString()).toBe("0");
    expect(next.overfillQuantity.toString()).toBe("5");
    // 40 @ 100.5 + 65 @ 100
    expect(next.avgPrice?.toString()).toBe(dec("10520").div(105).toString());
  });

  it("records an overfill through a cache created with allowOverfill", () => {
    const cache = new OrderCache({ allowOverfill: true });
    const init = newOrder();
    let order = cache.apply(orderEvent(init, "OrderInitialized", T0, { spec: spec() }));
    order = cache.apply(event(order, "OrderSubmitted"));
    order = cache.apply(fill(order, "101"));
    expect(order.status).toBe("FILLED");
    expect(order.overfillQuantity.toString()).toBe("1");
  });

  it("refuses a fill of zero or negative quantity (INVALID_FILL)", () => {
    const { order } = orderIn("ACCEPTED");
    expectRefused(
      () => applyEvent(order, fill(order, "0", "100", { tradeId: "T-0" })),
      "INVALID_FILL",
      "INVALID_FILL: fill quantity must be greater than zero, got 0 (trade id T-0)",
    );
    expectRefused(() => applyEvent(order, fill(order, "-5")), "INVALID_FILL");
  });

  it("refuses a fill on the other side (FILL_SIDE_MISMATCH)", () => {
    const { order } = orderIn("ACCEPTED");
    expectRefused(
      () => applyEvent(order, fill(order, "10", "100", { side: "SELL" })),
      "FILL_SIDE_MISMATCH",
      "FILL_SIDE_MISMATCH: fill side SELL does not match order O-1 side BUY",
    );
  });

  it("keeps the venue order id from the fill, or the one it had", () => {
    const { order } = orderIn("ACCEPTED");
    expect(applyEvent(order, fill(order, "1", "100", { venueOrderId: null })).venueOrderId).toBe("V-1");
    expect(applyEvent(order, fill(order, "1", "100", { venueOrderId: "V-9" })).venueOrderId).toBe("V-9");
  });
});

describe("the status before the pending", () => {
  function drive(order: Order, events: readonly (EventType | OrderEvent)[]): Order {
    let o = order;
    for (const e of events) o = applyEvent(o, typeof e === "string" ? event(o, e) : e);
    return o;
  }

  it("is remembered on entering PENDING_UPDATE and restored by OrderModifyRejected", () => {
    const { order } = orderIn("ACCEPTED");
    const pending = drive(order, ["OrderPendingUpdate"]);
    expect(pending.statusBeforePending).toBe("ACCEPTED");
    const back = drive(pending, ["OrderModifyRejected"]);
    expect(back.status).toBe("ACCEPTED");
    expect(back.statusBeforePending).toBeNull();
  });

  it("is not overwritten by repeated pending requests", () => {
    const { order } = orderIn("PARTIALLY_FILLED");
    const pending = drive(order, ["OrderPendingUpdate", "OrderPendingUpdate", "OrderSubmitted"]);
    expect(pending.status).toBe("PENDING_UPDATE");
    expect(pending.statusBeforePending).toBe("PARTIALLY_FILLED");
    expect(drive(pending, ["OrderModifyRejected"]).status).toBe("PARTIALLY_FILLED");
  });

  it("survives a cancel request on top of a modify request", () => {
    const { order } = orderIn("TRIGGERED");
    const pending = drive(order, ["OrderPendingUpdate", "OrderPendingCancel", "OrderPendingCancel"]);
    expect(pending.status).toBe("PENDING_CANCEL");
    expect(pending.statusBeforePending).toBe("TRIGGERED");
    expect(drive(pending, ["OrderCancelRejected"]).status).toBe("TRIGGERED");
  });

  it("is restored by OrderCancelRejected", () => {
    const { order } = orderIn("SUBMITTED");
    expect(drive(order, ["OrderPendingCancel", "OrderCancelRejected"]).status).toBe("SUBMITTED");
  });

  it("is restored by OrderUpdated from PENDING_UPDATE, with the new quantity and prices", () => {
    const { order } = orderIn("PARTIALLY_FILLED");
    const updated = drive(order, [
      "OrderPendingUpdate",
      event(order, "OrderUpdated", { quantity: dec("150"), price: null, triggerPrice: dec("99.5") }),
    ]);
    expect(updated.status).toBe("PARTIALLY_FILLED");
    expect(updated.quantity.toString()).toBe("150");
    expect(updated.filledQuantity.toString()).toBe("40");
    expect(updated.leavesQuantity.toString()).toBe("110");
    expect(updated.price?.toString()).toBe("101");
    expect(updated.triggerPrice?.toString()).toBe("99.5");
    expect(updated.statusBeforePending).toBeNull();
  });

  it("is cleared when the pending order moves on (a fill, a cancel)", () => {
    const { order } = orderIn("ACCEPTED");
    const filled = drive(order, ["OrderPendingUpdate", fill(order, "10")]);
    expect(filled.status).toBe("PARTIALLY_FILLED");
    expect(filled.statusBeforePending).toBeNull();
    const canceled = drive(order, ["OrderPendingCancel", "OrderCanceled"]);
    expect(canceled.status).toBe("CANCELED");
    expect(canceled.statusBeforePending).toBeNull();
  });
});

describe("OrderUpdated", () => {
  it("refuses a quantity that does not exceed the filled quantity (INVALID_QUANTITY)", () => {
    const { order } = orderIn("PARTIALLY_FILLED");
    const before = snapshot(order);
    expectRefused(
      () => applyEvent(order, event(order, "OrderUpdated", { quantity: dec("40") })),
      "INVALID_QUANTITY",
      "INVALID_QUANTITY: cannot update order O-1 to quantity 40: 40 already filled (cancel it instead)",
    );
    expect(snapshot(order)).toBe(before);
  });

  it("keeps fields that the update leaves null", () => {
    const { order } = orderIn("ACCEPTED");
    const next = applyEvent(
      order,
      event(order, "OrderUpdated", { quantity: null, price: null, triggerPrice: null }),
    );
    expect(next.quantity.toString()).toBe("100");
    expect(next.price?.toString()).toBe("101");
    expect(next.triggerPrice?.toString()).toBe("100");
  });
});

describe("OrderTriggered", () => {
  const triggerable: OrderType[] = ["STOP_LIMIT", "LIMIT_IF_TOUCHED", "TRAILING_STOP_LIMIT"];

  for (const status of ["INITIALIZED", "ACCEPTED", "PENDING_UPDATE"] as const) {
    it.each(ORDER_TYPES)(`in ${status} applies to %s only if it has a triggered state`, (type) => {
      const { order } = orderIn(status, type);
      const e = event(order, "OrderTriggered");
      if (triggerable.includes(type)) {
        const next = applyEvent(order, e);
        expect(next.status).toBe("TRIGGERED");
        expect(next.isTriggered).toBe(true);
      } else {
        expectRefused(
          () => applyEvent(order, e),
          "INVALID_STATE_TRANSITION",
          `INVALID_STATE_TRANSITION: order O-1 of type ${type} has no triggered state`,
        );
      }
    });
  }
});

describe("events for another order", () => {
  it("are refused (ORDER_MISMATCH)", () => {
    const { order } = orderIn("ACCEPTED");
    const other = newOrder({ id: "O-2" });
    expectRefused(
      () => applyEvent(order, event(other, "OrderCanceled")),
      "ORDER_MISMATCH",
      "ORDER_MISMATCH: event for order O-2 applied to order O-1",
    );
  });
});

describe("OrderAccepted", () => {
  it("records the venue order id", () => {
    const { order } = orderIn("SUBMITTED");
    expect(applyEvent(order, event(order, "OrderAccepted", { venueOrderId: "V-42" })).venueOrderId).toBe(
      "V-42",
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyEvent,
  CONTINGENCY_TYPES,
  type Decimal,
  dec,
  InvalidStateTransitionError,
  ORDER_EVENT_TYPES,
  ORDER_SIDES,
  ORDER_TYPES,
  type Order,
  type OrderEvent,
  type OrderEventType,
  type OrderSpec,
  type OrderStatus,
  orderEvent,
  orderEventFromJSON,
  orderEventToJSON,
  TIMES_IN_FORCE,
  TRAILING_OFFSET_TYPES,
  ZERO,
} from "../src/index.js";
import { event, type NonInitEventType, newOrder, snapshot } from "./support.js";

// Seeded so a failure reproduces; fast-check prints the seed and the shrunk counterexample.
const RUNS = { numRuns: 200, seed: 20240102 } as const;

// ---------------------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------------------

/** A decimal from integer digits and a scale: exact text, e.g. 12345 with scale 2 -> 123.45. */
function decimalArb(min: bigint, max: bigint, maxScale = 4): fc.Arbitrary<Decimal> {
  return fc
    .tuple(fc.bigInt({ min, max }), fc.integer({ min: 0, max: maxScale }))
    .map(([digits, scale]) => dec(digits.toString()).div(dec(10).pow(scale)));
}
const positiveDecimal = decimalArb(1n, 10n ** 12n);
const anyDecimal = decimalArb(-(10n ** 12n), 10n ** 12n);
const text = fc.string({ unit: "binary", maxLength: 16 });
const id = fc.stringMatching(/^[A-Za-z0-9_.:/-]{1,24}$/);
// 1970 to 2100: the range ISO-8601 text (four-digit years) can carry.
const timestamp = fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) });
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });

const specArb: fc.Arbitrary<OrderSpec> = fc.record({
  id,
  instrumentId: id,
  strategyId: id,
  side: fc.constantFrom(...ORDER_SIDES),
  type: fc.constantFrom(...ORDER_TYPES),
  quantity: positiveDecimal,
  price: nullable(anyDecimal),
  triggerPrice: nullable(anyDecimal),
  timeInForce: fc.constantFrom(...TIMES_IN_FORCE),
  expireAt: nullable(timestamp),
  trailing: nullable(
    fc.record({
      offsetType: fc.constantFrom(...TRAILING_OFFSET_TYPES),
      offset: positiveDecimal,
      limitOffset: nullable(anyDecimal),
      activationPrice: nullable(anyDecimal),
    }),
  ),
  reduceOnly: fc.boolean(),
  postOnly: fc.boolean(),
  displayQuantity: nullable(anyDecimal),
  contingency: nullable(
    fc.record({
      type: nullable(fc.constantFrom(...CONTINGENCY_TYPES)),
      linkedIds: fc.array(id, { maxLength: 3 }),
      parentId: nullable(id),
    }),
  ),
  tags: fc.array(text, { maxLength: 3 }),
});

/** The fields of each event type beyond the common ones. */
const FIELDS: { [K in OrderEventType]: fc.Arbitrary<Record<string, unknown>> } = {
  OrderInitialized: specArb.map((spec) => ({ spec })),
  OrderDenied: fc.record({ code: text, reason: text }),
  OrderHeld: fc.record({ reason: text }),
  OrderReleased: fc.record({ releasedPrice: nullable(positiveDecimal) }),
  OrderSubmitted: fc.constant({}),
  OrderAccepted: fc.record({ venueOrderId: text }),
  OrderRejected: fc.record({ reason: text }),
  OrderTriggered: fc.constant({}),
  OrderPendingUpdate: fc.constant({}),
  OrderUpdated: fc.record({
    quantity: nullable(positiveDecimal),
    price: nullable(anyDecimal),
    triggerPrice: nullable(anyDecimal),
  }),
  OrderModifyRejected: fc.record({ reason: text }),
  OrderPendingCancel: fc.constant({}),
  OrderCanceled: fc.record({ reason: nullable(text) }),
  OrderCancelRejected: fc.record({ reason: text }),
  OrderExpired: fc.constant({}),
  OrderFilled: fc.record({
    tradeId: text,
    venueOrderId: nullable(text),
    side: fc.constantFrom(...ORDER_SIDES),
    price: positiveDecimal,
    quantity: positiveDecimal,
    commission: anyDecimal,
    commissionCurrency: fc.constantFrom("USD", "EUR", "BTC", "USDT"),
    liquidity: fc.constantFrom("MAKER" as const, "TAKER" as const),
  }),
  OrderFailed: fc.record({ reason: text }),
};

function eventArb(type: OrderEventType): fc.Arbitrary<OrderEvent> {
  return fc
    .record({ ref: fc.record({ id, instrumentId: id, strategyId: id }), ts: timestamp, init: timestamp })
    .chain(({ ref, ts, init }) =>
      FIELDS[type].map((fields) => orderEvent(ref, type, ts, fields as never, init) as OrderEvent),
    );
}

// ---------------------------------------------------------------------------------------------------------
// A life of fills and amendments, checked against a plain model of what was accepted
// ---------------------------------------------------------------------------------------------------------

type Step =
  | {
      kind: "fill";
      tradeId: string;
      quantity: number;
      cents: number;
      commissionCents: number;
      currency: string;
    }
  | { kind: "update"; quantity: number | null; cents: number | null }
  | { kind: "pendingUpdate" }
  | { kind: "modifyRejected" };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("fill" as const),
      // A small pool of trade ids, so duplicates happen often.
      tradeId: fc.constantFrom("T-1", "T-2", "T-3", "T-4", "T-5", "T-6", "T-7", "T-8"),
      quantity: fc.integer({ min: 1, max: 60 }),
      cents: fc.integer({ min: 1, max: 1_000_000 }),
      commissionCents: fc.integer({ min: -50, max: 500 }),
      currency: fc.constantFrom("USD", "EUR", "BTC"),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("update" as const),
      quantity: nullable(fc.integer({ min: 1, max: 200 })),
      cents: nullable(fc.integer({ min: 1, max: 1_000_000 })),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "pendingUpdate" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "modifyRejected" as const }) },
);

const cents = (n: number) => dec(n).div(100);

interface Model {
  status: OrderStatus;
  before: OrderStatus | null;
  quantity: Decimal;
  fills: { tradeId: string; quantity: Decimal; price: Decimal }[];
  commissions: Map<string, Decimal>;
}

/** What the model expects of `step`: the refusal code, or null when it applies. */
function expectedRefusal(m: Model, step: Step): string | null {
  const filled = m.fills.reduce((s, f) => s.plus(f.quantity), ZERO);
  if (m.status === "FILLED") return "INVALID_STATE_TRANSITION";
  switch (step.kind) {
    case "fill":
      if (m.fills.some((f) => f.tradeId === step.tradeId)) return "DUPLICATE_FILL";
      return filled.plus(step.quantity).gt(m.quantity) ? "OVERFILL" : null;
    case "update":
      return (step.quantity === null ? m.quantity : dec(step.quantity)).lte(filled)
        ? "INVALID_QUANTITY"
        : null;
    case "pendingUpdate":
      return null;
    case "modifyRejected":
      return m.status === "PENDING_UPDATE" ? null : "INVALID_STATE_TRANSITION";
  }
}

function advanceModel(m: Model, step: Step): void {
  const open = m.status === "PENDING_UPDATE" ? m.before! : m.status;
  switch (step.kind) {
    case "fill": {
      m.fills.push({ tradeId: step.tradeId, quantity: dec(step.quantity), price: cents(step.cents) });
      const c = m.commissions.get(step.currency) ?? ZERO;
      m.commissions.set(step.currency, c.plus(cents(step.commissionCents)));
      const filled = m.fills.reduce((s, f) => s.plus(f.quantity), ZERO);
      m.status = filled.eq(m.quantity) ? "FILLED" : "PARTIALLY_FILLED";
      m.before = null;
      return;
    }
    case "update":
      if (step.quantity !== null) m.quantity = dec(step.quantity);
      m.status = open;
      m.before = null;
      return;
    case "pendingUpdate":
      if (m.status !== "PENDING_UPDATE") m.before = m.status;
      m.status = "PENDING_UPDATE";
      return;
    case "modifyRejected":
      m.status = open;
      m.before = null;
  }
}

function eventFor(order: Order, step: Step): OrderEvent {
  switch (step.kind) {
    case "fill":
      return event(order, "OrderFilled", {
        tradeId: step.tradeId,
        quantity: dec(step.quantity),
        price: cents(step.cents),
        commission: cents(step.commissionCents),
        commissionCurrency: step.currency,
      });
    case "update":
      return event(order, "OrderUpdated", {
        quantity: step.quantity === null ? null : dec(step.quantity),
        price: step.cents === null ? null : cents(step.cents),
        triggerPrice: null,
      });
    case "pendingUpdate":
      return event(order, "OrderPendingUpdate");
    case "modifyRejected":
      return event(order, "OrderModifyRejected");
  }
}

function acceptedOrder(quantity: number): Order {
  const o = newOrder({ type: "LIMIT", quantity: dec(quantity) });
  const submitted = applyEvent(o, event(o, "OrderSubmitted"));
  return applyEvent(submitted, event(submitted, "OrderAccepted"));
}

function refusalCode(apply: () => unknown): string | null {
  try {
    apply();
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidStateTransitionError);
    return (error as InvalidStateTransitionError).code;
  }
}

describe("for any sequence of fills and amendments", () => {
  it("the order matches a model of its accepted fills: filled + leaves = quantity, exact average price, commissions per currency", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 150 }),
        fc.array(stepArb, { maxLength: 30 }),
        (quantity, steps) => {
          let order = acceptedOrder(quantity);
          const model: Model = {
            status: "ACCEPTED",
            before: null,
            quantity: dec(quantity),
            fills: [],
            commissions: new Map(),
          };
          for (const step of steps) {
            const before = snapshot(order);
            const e = eventFor(order, step);
            const expected = expectedRefusal(model, step);
            let next: Order | undefined;
            const code = refusalCode(() => {
              next = applyEvent(order, e);
            });
            expect(code).toBe(expected);
            if (next === undefined) {
              expect(snapshot(order)).toBe(before);
              continue;
            }
            order = next;
            advanceModel(model, step);

            const filled = model.fills.reduce((s, f) => s.plus(f.quantity), ZERO);
            const notional = model.fills.reduce((s, f) => s.plus(f.price.times(f.quantity)), ZERO);
            expect(order.status).toBe(model.status);
            expect(order.statusBeforePending).toBe(model.before);
            expect(order.quantity.toString()).toBe(model.quantity.toString());
            expect(order.filledQuantity.toString()).toBe(filled.toString());
            expect(order.filledQuantity.plus(order.leavesQuantity).toString()).toBe(
              order.quantity.toString(),
            );
            expect(order.avgPrice?.toString() ?? null).toBe(
              filled.isZero() ? null : notional.div(filled).toString(),
            );
            expect(order.tradeIds).toEqual(model.fills.map((f) => f.tradeId));
            expect(Object.keys(order.commissions).sort()).toEqual([...model.commissions.keys()].sort());
            for (const [currency, amount] of model.commissions) {
              expect(order.commissions[currency]?.toString()).toBe(amount.toString());
            }
          }
        },
      ),
      RUNS,
    );
  });

  it("a fill whose trade id was already applied never changes the order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        FIELDS.OrderFilled,
        (quantities, pick, other) => {
          let order = acceptedOrder(1000);
          for (const [i, q] of quantities.entries()) {
            order = applyEvent(order, event(order, "OrderFilled", { tradeId: `T-${i}`, quantity: dec(q) }));
          }
          const before = snapshot(order);
          const tradeId = `T-${pick % quantities.length}`;
          const duplicate = orderEvent(order, "OrderFilled", 99, { ...other, tradeId } as never);
          expect(refusalCode(() => applyEvent(order, duplicate))).toBe("DUPLICATE_FILL");
          expect(snapshot(order)).toBe(before);
        },
      ),
      RUNS,
    );
  });
});

describe("terminal states absorb", () => {
  const NON_INIT = ORDER_EVENT_TYPES.filter((t): t is NonInitEventType => t !== "OrderInitialized");
  const PATHS: Record<string, NonInitEventType[]> = {
    DENIED: ["OrderDenied"],
    REJECTED: ["OrderSubmitted", "OrderRejected"],
    EXPIRED: ["OrderSubmitted", "OrderAccepted", "OrderExpired"],
    FAILED: ["OrderSubmitted", "OrderFailed"],
    CANCELED: ["OrderSubmitted", "OrderAccepted", "OrderCanceled"],
  };

  function reach(status: string): Order {
    let o = newOrder();
    if (status === "FILLED") {
      o = applyEvent(o, event(o, "OrderSubmitted"));
      return applyEvent(o, event(o, "OrderFilled", { quantity: dec(100) }));
    }
    for (const type of PATHS[status]!) o = applyEvent(o, event(o, type));
    return o;
  }

  for (const status of ["DENIED", "REJECTED", "EXPIRED", "FILLED", "FAILED", "CANCELED"]) {
    const allowed = status === "CANCELED" ? ["OrderFilled"] : [];
    it(`${status}: no event but ${allowed.join(", ") || "none"} changes it`, () => {
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...NON_INIT), { minLength: 1, maxLength: 10 }), (types) => {
          const order = reach(status);
          const before = snapshot(order);
          for (const type of types) {
            const code = refusalCode(() => applyEvent(order, event(order, type)));
            expect(code).toBe(allowed.includes(type) ? null : "INVALID_STATE_TRANSITION");
            expect(snapshot(order)).toBe(before);
          }
        }),
        { ...RUNS, numRuns: 50 },
      );
    });
  }
});

describe("JSON round trip (toJSON -> stringify -> parse -> fromJSON) is the identity", () => {
  for (const type of ORDER_EVENT_TYPES) {
    it(`for ${type}`, () => {
      fc.assert(
        fc.property(eventArb(type), (e) => {
          const wire = JSON.stringify(orderEventToJSON(e));
          const back = orderEventFromJSON(JSON.parse(wire));
          expect(back).toEqual(e);
          expect(JSON.stringify(orderEventToJSON(back))).toBe(wire);
        }),
        { ...RUNS, numRuns: 60 },
      );
    });
  }

  it("for OrderInitialized with every spec field set", () => {
    const spec: OrderSpec = {
      id: "O-20240102-143000-T1-S1-1",
      instrumentId: "BTC/USDT.BINANCE",
      strategyId: "trend",
      side: "SELL",
      type: "TRAILING_STOP_LIMIT",
      quantity: dec("0.125"),
      price: dec("42000.5"),
      triggerPrice: dec("42010"),
      timeInForce: "GTD",
      expireAt: Date.parse("2024-01-03T00:00:00.250Z"),
      trailing: {
        offsetType: "BASIS_POINTS",
        offset: dec("25"),
        limitOffset: dec("5"),
        activationPrice: dec("43000"),
      },
      reduceOnly: true,
      postOnly: true,
      displayQuantity: dec("0.025"),
      contingency: { type: "OUO", linkedIds: ["TP-1"], parentId: "ENTRY-1" },
      tags: ["exit", "stop-loss"],
    };
    const e = orderEvent(
      spec,
      "OrderInitialized",
      Date.parse("2024-01-02T14:30:00Z"),
      { spec },
      1704205800001,
    );
    const json = orderEventToJSON(e);
    expect(json).toMatchObject({
      tsEvent: "2024-01-02T14:30:00Z",
      tsInit: "2024-01-02T14:30:00.001Z",
      spec: { quantity: "0.125", expireAt: "2024-01-03T00:00:00.250Z", trailing: { offset: "25" } },
    });
    expect(orderEventFromJSON(JSON.parse(JSON.stringify(json)))).toEqual(e);
  });
});

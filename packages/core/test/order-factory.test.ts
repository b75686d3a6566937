import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type BracketInput,
  buildBracket,
  buildOco,
  ClientOrderIdGenerator,
  Decimal,
  formatTimestamp,
  OrderCache,
  OrderFactory,
  ValidationError,
  VirtualClock,
} from "../src/index.js";
import { AAPL, T0 } from "./support.js";

const limitBuy = { instrumentId: "AAPL.XNAS", side: "BUY", type: "LIMIT", quantity: "100", price: "189.50" };

function counter(prefix = "G") {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

function refusal(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error("expected a ValidationError");
}

describe("client order ids", () => {
  it("read as time, trader, strategy and a sequence number", () => {
    const ids = new ClientOrderIdGenerator({
      clock: new VirtualClock(T0),
      traderId: "T7",
      strategyId: "ema",
    });
    expect(ids.next()).toBe("O-20240102-143000-T7-ema-1");
    expect(ids.next()).toBe("O-20240102-143000-T7-ema-2");
    expect(ids.count).toBe(2);
  });

  it("are unique even when the clock does not move", () => {
    const ids = new ClientOrderIdGenerator({ clock: new VirtualClock(T0) });
    const seen = new Set(Array.from({ length: 1000 }, () => ids.next()));
    expect(seen.size).toBe(1000);
  });

  it("are deterministic: the same clock readings and calls give the same ids", () => {
    const run = () => {
      const clock = new VirtualClock(T0);
      const factory = new OrderFactory({ clock });
      const out: string[] = [];
      for (let i = 0; i < 5; i++) {
        out.push(factory.create(limitBuy).order.id);
        clock.advanceTo(clock.now() + 61_000);
      }
      return out;
    };
    const first = run();
    expect(run()).toEqual(first);
    expect(first).toEqual([
      "O-20240102-143000-T1-S1-1",
      "O-20240102-143101-T1-S1-2",
      "O-20240102-143202-T1-S1-3",
      "O-20240102-143303-T1-S1-4",
      "O-20240102-143404-T1-S1-5",
    ]);
  });

  it("stamp any time as its full ISO formatting does, years before 1970 and after 9999 included", () => {
    const stamp = (ms: number) =>
      formatTimestamp(Math.floor(ms / 1000) * 1000)
        .slice(0, 19)
        .replace(/[-:]/g, "")
        .replace("T", "-");
    const times = fc.oneof(
      fc.integer({ min: -8_639_999_999_999_999, max: 8_639_999_999_999_999 }),
      fc.integer({ min: -3e12, max: 3e12 }),
      fc.integer({ min: 0, max: 2 * 86_400_000 }),
    );
    fc.assert(
      fc.property(fc.array(times, { minLength: 1, maxLength: 8 }), (readings) => {
        let now = 0;
        const ids = new ClientOrderIdGenerator({ clock: { now: () => now } });
        readings.forEach((ms, i) => {
          now = ms;
          expect(ids.next()).toBe(`O-${stamp(ms)}-T1-S1-${i + 1}`);
        });
      }),
      { numRuns: 2000 },
    );
  });

  it("continue from `start` after a restart", () => {
    const ids = new ClientOrderIdGenerator({ clock: new VirtualClock(T0), start: 41 });
    expect(ids.next()).toBe("O-20240102-143000-T1-S1-42");
  });
});

describe("OrderFactory.create", () => {
  it("validates the request and returns the OrderInitialized event with the order's first state", () => {
    const clock = new VirtualClock(T0);
    const factory = new OrderFactory({ clock, strategyId: "mean-rev", validation: { instrument: AAPL } });
    const { order, event } = factory.create({ ...limitBuy, strategyId: "mean-rev", tags: ["entry"] });
    expect(event).toMatchObject({
      type: "OrderInitialized",
      orderId: "O-20240102-143000-T1-mean-rev-1",
      instrumentId: "AAPL.XNAS",
      strategyId: "mean-rev",
      tsEvent: T0,
      tsInit: T0,
    });
    expect(event.spec).toMatchObject({
      side: "BUY",
      type: "LIMIT",
      triggerPrice: null,
      timeInForce: "GTC",
      expireAt: null,
      trailing: null,
      displayQuantity: null,
      contingency: null,
      tags: ["entry"],
    });
    expect(event.spec.price?.toFixed()).toBe("189.5");
    expect(order).toMatchObject({ id: event.orderId, status: "INITIALIZED", initAt: T0, eventCount: 1 });
    expect(order.leavesQuantity.toFixed()).toBe("100");
    expect(new OrderCache().apply(event)).toEqual(order);
  });

  it("keeps an id the request brings", () => {
    const factory = new OrderFactory({ clock: new VirtualClock(T0) });
    expect(factory.create({ ...limitBuy, id: "my-order-1" }).order.id).toBe("my-order-1");
  });

  it("maps every optional field into the spec", () => {
    const factory = new OrderFactory({ clock: new VirtualClock(T0) });
    const { order } = factory.create({
      instrumentId: "AAPL.XNAS",
      side: "SELL",
      type: "TRAILING_STOP_LIMIT",
      quantity: "10",
      timeInForce: "GTD",
      expireAt: "2024-01-03T00:00:00Z",
      trailing: { offsetType: "TICKS", offset: "5", limitOffset: "2", activationPrice: "190" },
      reduceOnly: true,
      contingency: { parentId: "ENTRY-1" },
    });
    expect(order.expireAt).toBe(Date.parse("2024-01-03T00:00:00Z"));
    expect(order.trailing?.offsetType).toBe("TICKS");
    expect(order.trailing?.limitOffset?.toFixed()).toBe("2");
    expect(order.trailing?.activationPrice?.toFixed()).toBe("190");
    expect(order.contingency).toEqual({ type: null, linkedIds: [], parentId: "ENTRY-1" });
    expect(order.reduceOnly).toBe(true);
  });

  it("refuses an invalid request with every problem, using its own or the call's validation options", () => {
    const factory = new OrderFactory({ clock: new VirtualClock(T0), validation: { instrument: AAPL } });
    expect(refusal(() => factory.create({ ...limitBuy, price: "189.505" })).message).toBe(
      "PRICE_NOT_ON_TICK: price: limit price 189.505 is not a multiple of tick size 0.01 for AAPL.XNAS",
    );
    expect(() => factory.create({ ...limitBuy, price: "189.505" }, {})).not.toThrow();
    expect(refusal(() => factory.create({ ...limitBuy, price: undefined })).message).toBe(
      "VALIDATION: price: LIMIT orders need a price",
    );
  });
});

describe("buildBracket", () => {
  const ids = { entry: "E", stopLoss: "SL", takeProfit: "TP" };

  it("links a BUY entry (OTO) to a reduce-only stop-loss and take-profit (OUO, parent = entry)", () => {
    const b = buildBracket(
      {
        instrumentId: "AAPL.XNAS",
        side: "BUY",
        quantity: "100",
        entry: { type: "LIMIT", price: "100" },
        stopLoss: { triggerPrice: "95" },
        takeProfit: { price: "110" },
        ids,
      },
      counter(),
    );
    expect(b.entry).toEqual({
      instrumentId: "AAPL.XNAS",
      quantity: "100",
      timeInForce: "GTC",
      tags: [],
      id: "E",
      side: "BUY",
      type: "LIMIT",
      price: "100",
      contingency: { type: "OTO", linkedIds: ["SL", "TP"] },
    });
    expect(b.stopLoss).toMatchObject({
      id: "SL",
      side: "SELL",
      type: "STOP_MARKET",
      triggerPrice: "95",
      reduceOnly: true,
      contingency: { type: "OUO", linkedIds: ["TP"], parentId: "E" },
    });
    expect(b.takeProfit).toMatchObject({
      id: "TP",
      side: "SELL",
      type: "LIMIT",
      price: "110",
      reduceOnly: true,
      contingency: { type: "OUO", linkedIds: ["SL"], parentId: "E" },
    });
  });

  it("measures offsets from the entry: below for a BUY's stop-loss, above for its take-profit", () => {
    const b = buildBracket(
      {
        instrumentId: "AAPL.XNAS",
        side: "BUY",
        quantity: 10,
        entry: { type: "LIMIT", price: "189.50" },
        stopLoss: { offset: "2.25" },
        takeProfit: { offset: 4 },
      },
      counter(),
    );
    expect(b.stopLoss.triggerPrice).toBe("187.25");
    expect(b.takeProfit.price).toBe("193.5");
  });

  it("measures offsets the other way for a SELL", () => {
    const b = buildBracket(
      {
        instrumentId: "AAPL.XNAS",
        side: "SELL",
        quantity: "10",
        entry: { type: "STOP_MARKET", triggerPrice: "180" },
        stopLoss: { offset: "3", price: "183.5" },
        takeProfit: { offset: "10", type: "MARKET_IF_TOUCHED" },
        ids,
      },
      counter(),
    );
    expect(b.entry).toMatchObject({ side: "SELL", type: "STOP_MARKET", triggerPrice: "180" });
    expect(b.stopLoss).toMatchObject({
      side: "BUY",
      type: "STOP_LIMIT",
      triggerPrice: "183",
      price: "183.5",
    });
    expect(b.takeProfit).toMatchObject({ side: "BUY", type: "MARKET_IF_TOUCHED", triggerPrice: "170" });
    expect(b.takeProfit).not.toHaveProperty("price");
  });

  it("takes a MARKET entry's offsets from a reference price", () => {
    const b = buildBracket(
      {
        instrumentId: "AAPL.XNAS",
        side: "BUY",
        quantity: "10",
        referencePrice: "50",
        stopLoss: { offset: "1" },
        takeProfit: { offset: "2" },
        timeInForce: "GTD",
        expireAt: "2024-01-03T00:00:00Z",
        strategyId: "s",
        tags: ["bracket"],
      },
      counter(),
    );
    expect(b.entry).toMatchObject({ type: "MARKET", strategyId: "s", timeInForce: "GTD", tags: ["bracket"] });
    expect(b.entry).not.toHaveProperty("price");
    expect(b.stopLoss).toMatchObject({ triggerPrice: "49", expireAt: "2024-01-03T00:00:00Z" });
    expect(b.takeProfit.price).toBe("52");
  });

  it("generates ids in the order entry, stop-loss, take-profit", () => {
    const b = buildBracket(
      {
        instrumentId: "AAPL.XNAS",
        side: "BUY",
        quantity: "1",
        stopLoss: { triggerPrice: "9" },
        takeProfit: { price: "11" },
      },
      counter("B"),
    );
    expect([b.entry.id, b.stopLoss.id, b.takeProfit.id]).toEqual(["B-1", "B-2", "B-3"]);
  });

  it("builds three requests that the factory accepts and a cache links up", () => {
    const clock = new VirtualClock(T0);
    const factory = new OrderFactory({ clock, validation: { instrument: AAPL } });
    const b = buildBracket(
      {
        instrumentId: "AAPL.XNAS",
        side: "SELL",
        quantity: "100",
        entry: { type: "LIMIT", price: "190" },
        stopLoss: { offset: "1.5" },
        takeProfit: { offset: "3" },
      },
      () => factory.nextId(),
    );
    const cache = new OrderCache();
    for (const request of [b.entry, b.stopLoss, b.takeProfit]) cache.apply(factory.create(request).event);
    const [entry, sl, tp] = cache.orders();
    expect(entry?.contingency).toEqual({ type: "OTO", linkedIds: [sl?.id, tp?.id], parentId: null });
    expect(sl?.contingency).toEqual({ type: "OUO", linkedIds: [tp?.id], parentId: entry?.id });
    expect(tp?.contingency).toEqual({ type: "OUO", linkedIds: [sl?.id], parentId: entry?.id });
    expect(sl?.triggerPrice?.toFixed()).toBe("191.5");
    expect(tp?.price?.toFixed()).toBe("187");
    expect([sl?.reduceOnly, tp?.reduceOnly]).toEqual([true, true]);
  });

  describe("refuses", () => {
    const base: BracketInput = {
      instrumentId: "AAPL.XNAS",
      side: "BUY",
      quantity: "10",
      entry: { type: "LIMIT", price: "100" },
      stopLoss: { triggerPrice: "95" },
      takeProfit: { price: "110" },
      ids,
    };
    const problems = (input: BracketInput) =>
      refusal(() => buildBracket(input, counter())).issues.map((i) => `${i.path.join(".")}: ${i.message}`);

    it("exits without a price or an offset", () => {
      expect(problems({ ...base, stopLoss: {}, takeProfit: {} })).toEqual([
        "stopLoss: needs a triggerPrice or an offset",
        "takeProfit: needs a price or an offset",
      ]);
    });

    it("offsets that put an exit off the instrument's tick, naming the offsets that land on it", () => {
      const onHalves = (input: BracketInput) =>
        refusal(() => buildBracket(input, counter(), { tickSize: new Decimal("0.5") })).issues.map(
          (i) => `${i.path.join(".")}: ${i.message}`,
        );
      expect(
        onHalves({
          ...base,
          entry: { type: "LIMIT", price: "46000" },
          stopLoss: { offset: "40.3" },
          takeProfit: { offset: "40" },
        }),
      ).toEqual([
        "stopLoss.offset: 40.3 below entry.price 46000 is 45959.7, which is not a multiple of tick size 0.5: give an offset that lands on the tick (40 or 40.5) or a triggerPrice",
      ]);
      expect(
        onHalves({
          ...base,
          side: "SELL",
          entry: { type: "MARKET" },
          referencePrice: "46000",
          stopLoss: { offset: "40" },
          takeProfit: { offset: "0.2" },
        }),
      ).toEqual([
        "takeProfit.offset: 0.2 below referencePrice 46000 is 45999.8, which is not a multiple of tick size 0.5: give an offset that lands on the tick (0.5) or a price",
      ]);
    });

    it("offsets without an entry price", () => {
      expect(problems({ ...base, entry: { type: "MARKET" }, stopLoss: { offset: "1" } })).toEqual([
        "stopLoss.offset: an offset needs the entry price: give the entry a price or triggerPrice, or a referencePrice",
      ]);
    });

    it("offsets that are not positive, and bad numbers", () => {
      expect(problems({ ...base, stopLoss: { offset: "-5" }, takeProfit: { offset: "0" } })).toEqual([
        "stopLoss.offset: must be greater than zero, got -5",
        "takeProfit.offset: must be greater than zero, got 0",
      ]);
      expect(problems({ ...base, entry: { type: "LIMIT", price: "abc" } })).toEqual([
        'entry.price: must be a decimal number, got "abc"',
      ]);
    });

    it("a BUY stop-loss above the entry and a take-profit below it", () => {
      expect(problems({ ...base, stopLoss: { triggerPrice: "101" }, takeProfit: { price: "100" } })).toEqual([
        "stopLoss.triggerPrice: a BUY bracket's stop-loss 101 must be below the entry price 100",
        "takeProfit.price: a BUY bracket's take-profit 100 must be above the entry price 100",
      ]);
    });

    it("a SELL stop-loss below the entry", () => {
      expect(
        problems({ ...base, side: "SELL", stopLoss: { triggerPrice: "99" }, takeProfit: { price: "90" } }),
      ).toEqual(["stopLoss.triggerPrice: a SELL bracket's stop-loss 99 must be above the entry price 100"]);
    });

    it("exits on the wrong side of each other when the entry price is unknown", () => {
      expect(problems({ ...base, entry: { type: "MARKET" }, stopLoss: { triggerPrice: "120" } })).toEqual([
        "stopLoss.triggerPrice: a BUY bracket's stop-loss 120 must be below its take-profit 110",
      ]);
    });
  });
});

describe("buildOco", () => {
  it("links each order to all the others, one-cancels-other", () => {
    const orders = buildOco(
      [
        { ...limitBuy, id: "A", side: "SELL", price: "200" },
        {
          instrumentId: "AAPL.XNAS",
          side: "SELL",
          type: "STOP_MARKET",
          quantity: "100",
          triggerPrice: "180",
        },
        {
          instrumentId: "AAPL.XNAS",
          side: "SELL",
          type: "MARKET_IF_TOUCHED",
          quantity: "100",
          triggerPrice: "210",
        },
      ],
      counter("X"),
    );
    expect(orders.map((o) => o.id)).toEqual(["A", "X-1", "X-2"]);
    expect(orders.map((o) => o.contingency)).toEqual([
      { type: "OCO", linkedIds: ["X-1", "X-2"] },
      { type: "OCO", linkedIds: ["A", "X-2"] },
      { type: "OCO", linkedIds: ["A", "X-1"] },
    ]);
    const factory = new OrderFactory({ clock: new VirtualClock(T0), validation: { instrument: AAPL } });
    expect(factory.create(orders[1]).order.contingency).toEqual({
      type: "OCO",
      linkedIds: ["A", "X-2"],
      parentId: null,
    });
  });

  it("needs at least two orders", () => {
    expect(refusal(() => buildOco([limitBuy], counter())).message).toBe(
      "VALIDATION: orders: an OCO group needs at least two orders",
    );
  });
});

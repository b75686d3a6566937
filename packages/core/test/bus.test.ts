import { config, type Observable } from "rxjs";
import { afterEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  type Bar,
  type BusError,
  type BusTopics,
  type MarketData,
  MessageBus,
  type OrderEvent,
  type TradingCommand,
} from "../src/index.js";
import { event, newOrder } from "./support.js";

const order = newOrder();
const submitted = event(order, "OrderSubmitted");
const accepted = event(order, "OrderAccepted");
const bar: Bar = {
  kind: "bar",
  instrumentId: "AAPL.XNAS",
  ts: 1,
  open: 1,
  high: 2,
  low: 0.5,
  close: 1.5,
  volume: 100,
};

describe("MessageBus", () => {
  afterEach(() => {
    config.onUnhandledError = null;
  });

  it("has typed topics", () => {
    const bus = new MessageBus();
    expectTypeOf(bus.stream("orderEvents")).toEqualTypeOf<Observable<OrderEvent>>();
    expectTypeOf(bus.stream("commands")).toEqualTypeOf<Observable<TradingCommand>>();
    expectTypeOf(bus.stream("errors")).toEqualTypeOf<Observable<BusError>>();
    expectTypeOf(bus.stream("marketData")).toEqualTypeOf<Observable<MarketData>>();
    // @ts-expect-error a bar is not an order event
    bus.publish("orderEvents", bar);
    // @ts-expect-error there is no such topic
    bus.stream("orders");
  });

  it("delivers each topic's messages to its subscribers only, in publish order, synchronously", () => {
    const bus = new MessageBus();
    const events: string[] = [];
    const data: string[] = [];
    bus.subscribe("orderEvents", (e) => events.push(e.type));
    bus.stream("marketData").subscribe((m) => data.push(m.kind));
    bus.publish("orderEvents", submitted);
    bus.publish("marketData", bar);
    bus.publish("orderEvents", accepted);
    expect(events).toEqual(["OrderSubmitted", "OrderAccepted"]);
    expect(data).toEqual(["bar"]);
  });

  it("carries topics of your own beside the built-in ones", () => {
    interface Topics extends BusTopics {
      readonly signals: { readonly name: string };
      readonly toString: { readonly name: string };
    }
    const bus = new MessageBus<Topics>();
    const seen: string[] = [];
    bus.subscribe("signals", (s) => seen.push(`signal ${s.name}`));
    bus.stream("toString").subscribe((s) => seen.push(`toString ${s.name}`));
    bus.subscribe("orderEvents", (e) => seen.push(e.type));
    bus.publish("signals", { name: "go" });
    bus.publish("toString", { name: "odd name" });
    bus.publish("orderEvents", submitted);
    expect(seen).toEqual(["signal go", "toString odd name", "OrderSubmitted"]);
  });

  it("delivers to subscribers in subscription order", () => {
    const bus = new MessageBus();
    const seen: string[] = [];
    bus.subscribe("orderEvents", () => seen.push("first"));
    bus.stream("orderEvents").subscribe(() => seen.push("second"));
    bus.subscribe("orderEvents", () => seen.push("third"));
    bus.publish("orderEvents", submitted);
    expect(seen).toEqual(["first", "second", "third"]);
  });

  it("keeps delivering when a subscribe() handler throws, and reports it on the errors topic", () => {
    const bus = new MessageBus();
    const seen: string[] = [];
    const errors: BusError[] = [];
    bus.subscribe("errors", (e) => errors.push(e));
    bus.subscribe("orderEvents", () => seen.push("before"));
    bus.subscribe(
      "orderEvents",
      () => {
        throw new Error("strategy bug");
      },
      "strategy:ema",
    );
    bus.subscribe("orderEvents", function portfolio() {
      throw new TypeError("portfolio bug");
    });
    bus.subscribe("orderEvents", (e) => seen.push(`after ${e.type}`));

    bus.publish("orderEvents", submitted);
    bus.publish("orderEvents", accepted);

    expect(seen).toEqual(["before", "after OrderSubmitted", "before", "after OrderAccepted"]);
    expect(errors.map((e) => [e.topic, e.subscriber, (e.error as Error).message])).toEqual([
      ["orderEvents", "strategy:ema", "strategy bug"],
      ["orderEvents", "portfolio", "portfolio bug"],
      ["orderEvents", "strategy:ema", "strategy bug"],
      ["orderEvents", "portfolio", "portfolio bug"],
    ]);
    expect(errors[0]?.message).toBe(submitted);
  });

  it("drops the failures of errors-topic handlers instead of looping", () => {
    const bus = new MessageBus();
    let calls = 0;
    bus.subscribe("errors", () => {
      calls += 1;
      throw new Error("the error handler is broken too");
    });
    bus.subscribe("commands", () => {
      throw new Error("boom");
    });
    expect(() =>
      bus.publish("commands", {
        type: "CancelOrder",
        orderId: "O-1",
        strategyId: "s",
        instrumentId: "i",
        ts: 0,
      }),
    ).not.toThrow();
    expect(calls).toBe(1);
  });

  it("keeps delivering to the others when a raw stream() subscriber throws (RxJS reports it)", async () => {
    const bus = new MessageBus();
    const reported: unknown[] = [];
    config.onUnhandledError = (error) => reported.push(error);
    const seen: string[] = [];
    bus.stream("orderEvents").subscribe(() => {
      throw new Error("raw subscriber bug");
    });
    bus.stream("orderEvents").subscribe((e) => seen.push(e.type));
    bus.publish("orderEvents", submitted);
    bus.publish("orderEvents", accepted);
    expect(seen).toEqual(["OrderSubmitted", "OrderAccepted"]);
    // RxJS hands subscriber errors to its global handler on a later tick.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(reported.map((e) => (e as Error).message)).toEqual(["raw subscriber bug", "raw subscriber bug"]);
  });

  it("stops delivering after unsubscribe, and to everyone after close", () => {
    const bus = new MessageBus();
    const seen: string[] = [];
    const sub = bus.subscribe("orderEvents", (e) => seen.push(e.type));
    let completed = false;
    bus.stream("orderEvents").subscribe({ complete: () => (completed = true) });
    bus.publish("orderEvents", submitted);
    sub.unsubscribe();
    bus.publish("orderEvents", accepted);
    expect(seen).toEqual(["OrderSubmitted"]);
    bus.close();
    expect(completed).toBe(true);
    expect(() => bus.publish("orderEvents", accepted)).not.toThrow();
  });

  it("shares one Observable per topic", () => {
    const bus = new MessageBus();
    expect(bus.stream("risk")).toBe(bus.stream("risk"));
  });
});

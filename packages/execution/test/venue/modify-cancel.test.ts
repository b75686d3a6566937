import { dec } from "@ordo/core";
import { describe, expect, it } from "vitest";
import type { LatencyModel, SlippageModel } from "../../src/index.js";
import { at, harness } from "./harness.js";

const BAR: [number, number, number, number] = [100, 102, 99, 101];

describe("modify", () => {
  it("moves a limit's price; it then fills at the new limit", () => {
    const h = harness();
    h.submit({ id: "o", side: "BUY", type: "LIMIT", quantity: "10", price: "98" }, at(0));
    h.modify("o", { price: "99.5" });
    h.bar(at(1), BAR);
    expect(h.of("o").slice(1)).toEqual([
      "OrderUpdated o price 99.5",
      "OrderFilled o BUY 10 @ 99.5 MAKER T-1",
    ]);
    expect(h.status("o")).toBe("FILLED");
  });

  it("changes quantity and trigger price; the caller's PENDING_UPDATE resolves", () => {
    const h = harness();
    h.submit({ id: "o", side: "SELL", type: "STOP_MARKET", quantity: "10", triggerPrice: "95" }, at(0));
    h.modify("o", { quantity: "6", triggerPrice: "99.5" });
    expect(h.status("o")).toBe("ACCEPTED");
    h.bar(at(1), BAR);
    expect(h.of("o").slice(1)).toEqual([
      "OrderUpdated o quantity 6 trigger 99.5",
      "OrderFilled o SELL 6 @ 99.5 TAKER T-1",
    ]);
  });

  it("refuses to modify a filled order, with a reason; the caller's state machine decides", () => {
    const h = harness();
    h.submit({ id: "o", side: "BUY", type: "MARKET", quantity: "10" }, at(0));
    h.bar(at(1), BAR);
    h.modify("o", { quantity: "20" });
    expect(h.of("o").at(-1)).toBe(
      "OrderModifyRejected o: ORDER_CLOSED: order o is FILLED and can no longer be modified",
    );
    expect(h.refusedByCaller.map((r) => r.type)).toEqual(["OrderModifyRejected"]);
  });

  it("refuses to modify an unknown order", () => {
    const h = harness();
    h.modify("ghost", { price: "1" }, at(0));
    expect(h.log()).toEqual([
      "OrderModifyRejected ghost: UNKNOWN_ORDER: order ghost is not known at venue SIM",
    ]);
  });

  it("refuses a quantity at or below what is filled, and the caller's order goes back to its status", () => {
    const capped: SlippageModel = { name: "cap", volumeLimit: dec("0.1"), price: (c) => c.basePrice };
    const h = harness({ slippage: capped });
    h.submit({ id: "o", side: "BUY", type: "MARKET", quantity: "200" }, at(0));
    h.bar(at(1), [100, 102, 99, 101, 1000]);
    h.modify("o", { quantity: "100" });
    expect(h.of("o").at(-1)).toBe(
      "OrderModifyRejected o: INVALID_QUANTITY: quantity 100 must exceed the filled 100 (cancel instead)",
    );
    expect(h.status("o")).toBe("PARTIALLY_FILLED");
  });

  it("refuses a price on a market order and a trigger price on a limit order", () => {
    const h = harness();
    h.submit({ id: "m", side: "BUY", type: "MARKET", quantity: "1" }, at(0));
    h.submit({ id: "l", side: "BUY", type: "LIMIT", quantity: "1", price: "90" });
    h.modify("m", { price: "100" });
    h.modify("l", { triggerPrice: "100" });
    h.modify("l", { price: "90.001" });
    expect(h.log().filter((l) => l.startsWith("OrderModifyRejected"))).toEqual([
      "OrderModifyRejected m: INVALID_PRICE: MARKET orders take no price",
      "OrderModifyRejected l: INVALID_TRIGGER: LIMIT orders take no triggerPrice",
      "OrderModifyRejected l: PRICE_NOT_ON_TICK: limit price 90.001 is not a multiple of tick size 0.01",
    ]);
  });

  it("a changed price loses time priority for the volume cap", () => {
    const capped: SlippageModel = { name: "cap", volumeLimit: dec("0.1"), price: (c) => c.basePrice };
    const h = harness({ slippage: capped });
    h.submit({ id: "first", side: "BUY", type: "LIMIT", quantity: "100", price: "100.5" }, at(0));
    h.submit({ id: "second", side: "BUY", type: "LIMIT", quantity: "100", price: "100.6" });
    h.modify("first", { price: "100.6" });
    h.bar(at(1), [100, 102, 99, 101, 1000]);
    expect(h.fills()).toEqual(["second BUY 100 @ 100 TAKER"]);
  });
});

describe("cancel", () => {
  it("cancels a working order", () => {
    const h = harness();
    h.submit({ id: "o", side: "BUY", type: "LIMIT", quantity: "10", price: "98" }, at(0));
    h.cancel("o");
    expect(h.of("o").slice(1)).toEqual(["OrderCanceled o"]);
    h.bar(at(1), [97, 98, 96, 97]);
    expect(h.fills()).toEqual([]);
  });

  it("refuses to cancel an order that is already closed or unknown", () => {
    const h = harness();
    h.submit({ id: "o", side: "BUY", type: "LIMIT", quantity: "10", price: "98" }, at(0));
    h.cancel("o");
    h.cancel("o");
    h.cancel("ghost");
    expect(h.log().slice(2)).toEqual([
      "OrderCancelRejected o: ORDER_CLOSED: order o is already CANCELED",
      "OrderCancelRejected ghost: UNKNOWN_ORDER: order ghost is not known at venue SIM",
    ]);
  });
});

describe("latency", () => {
  const ninetySeconds: LatencyModel = { name: "90s", delayMs: () => 90_000 };

  it("orders arrive after the delay: accepted then, and they meet only bars closing after arrival", () => {
    const h = harness({ latency: ninetySeconds });
    h.submit({ id: "o", side: "BUY", type: "MARKET", quantity: "1" }, at(0));
    expect(h.log()).toEqual([]);
    h.bar(at(1), [100, 102, 99, 101]);
    expect(h.log()).toEqual([]);
    h.bar(at(2), [103, 104, 102, 103]);
    expect(h.log()).toEqual(["OrderAccepted o V-1", "OrderFilled o BUY 1 @ 103 TAKER T-1"]);
    expect(h.reports[0]?.tsEvent).toBe(at(1.5));
    expect(h.reports[1]?.tsEvent).toBe(at(2));
  });

  it("a delayed message arrives on the clock's timer, with no data to wait for", () => {
    const h = harness({ latency: ninetySeconds });
    h.submit({ id: "o", side: "BUY", type: "LIMIT", quantity: "1", price: "90" }, at(0));
    h.cancel("o", at(1));
    h.clock.advanceTo(at(1.5) - 1);
    expect(h.log()).toEqual([]);
    h.clock.advanceTo(at(1.5));
    expect(h.log()).toEqual(["OrderAccepted o V-1"]);
    h.clock.advanceTo(at(3));
    expect(h.log()).toEqual(["OrderAccepted o V-1", "OrderCanceled o"]);
    expect(h.reports.map((r) => r.tsEvent)).toEqual([at(1.5), at(2.5)]);
  });

  it("with a clock that only tells the time, a delayed message waits for the next data", () => {
    const h = harness({ latency: ninetySeconds, timeOnly: true });
    h.submit({ id: "o", side: "BUY", type: "LIMIT", quantity: "1", price: "90" }, at(0));
    h.clock.advanceTo(at(3));
    expect(h.log()).toEqual([]);
    h.bar(at(4), [100, 102, 99, 101]);
    expect(h.log()).toEqual(["OrderAccepted o V-1"]);
    expect(h.reports[0]?.tsEvent).toBe(at(1.5));
  });

  it("a cancel that arrives after the fill is refused", () => {
    const h = harness({ latency: ninetySeconds, start: at(-5) });
    h.submit({ id: "o", side: "BUY", type: "MARKET", quantity: "1" }, at(-2));
    h.bar(at(0), [100, 102, 99, 101]);
    h.cancel("o", at(0));
    h.bar(at(1), [100, 102, 99, 101]);
    h.bar(at(2), [100, 102, 99, 101]);
    expect(h.of("o")).toEqual([
      "OrderAccepted o V-1",
      "OrderFilled o BUY 1 @ 100 TAKER T-1",
      "OrderCancelRejected o: ORDER_CLOSED: order o is already FILLED",
    ]);
  });

  it("messages arrive in the order they were sent, whatever each one's delay", () => {
    const delays = [60_000, 1_000];
    const h = harness({ latency: { name: "shrinking", delayMs: () => delays.shift() ?? 0 } });
    h.submit({ id: "o", side: "BUY", type: "LIMIT", quantity: "1", price: "90" }, at(0));
    h.cancel("o");
    h.bar(at(2), [100, 102, 99, 101]);
    expect(h.of("o")).toEqual(["OrderAccepted o V-1", "OrderCanceled o"]);
    expect(h.reports.map((r) => r.tsEvent)).toEqual([at(1), at(1)]);
  });
});

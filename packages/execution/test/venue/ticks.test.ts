import { describe, expect, it } from "vitest";
import type { TouchFillModel } from "../../src/index.js";
import { at, harness } from "./harness.js";

const never: TouchFillModel = { name: "never", fillsOnTouch: () => false };

describe("matching against quotes", () => {
  it("fills a market buy at the ask before submit returns", () => {
    const h = harness();
    h.quote(at(0), 99.98, 100.02);
    h.submit({ id: "b", side: "BUY", type: "MARKET", quantity: "10" });
    h.submit({ id: "s", side: "SELL", type: "MARKET", quantity: "10" });
    expect(h.fills()).toEqual(["b BUY 10 @ 100.02 TAKER", "s SELL 10 @ 99.98 TAKER"]);
  });

  it("caps fills by the quoted size; the rest fills on later quotes", () => {
    const h = harness();
    h.quote(at(0), 99.98, 100.02, 500, 30);
    h.submit({ id: "b", side: "BUY", type: "MARKET", quantity: "100" });
    h.quote(at(1), 99.99, 100.03, 500, 50);
    h.quote(at(2), 100, 100.04, 500, 500);
    expect(h.of("b").slice(1)).toEqual([
      "OrderFilled b BUY 30 @ 100.02 TAKER T-1",
      "OrderFilled b BUY 50 @ 100.03 TAKER T-2",
      "OrderFilled b BUY 20 @ 100.04 TAKER T-3",
    ]);
  });

  it("fills in full on a quote whose sizes are unknown (NaN: a file without size columns)", () => {
    const h = harness();
    h.quote(at(0), 99.98, 100.02, Number.NaN, Number.NaN);
    h.submit({ id: "b", side: "BUY", type: "MARKET", quantity: "1000000" });
    h.submit({ id: "s", side: "SELL", type: "MARKET", quantity: "250" });
    expect(h.fills()).toEqual(["b BUY 1000000 @ 100.02 TAKER", "s SELL 250 @ 99.98 TAKER"]);
  });

  it("still refuses a quote size that is negative or infinite, naming the field", () => {
    const h = harness();
    expect(() => h.quote(at(0), 99.98, 100.02, -1, 10)).toThrow(
      "quote.bidSize: must be a finite number >= 0, got -1",
    );
    expect(() => h.quote(at(0), 99.98, 100.02, 10, Number.POSITIVE_INFINITY)).toThrow(
      "quote.askSize: must be a finite number >= 0, got Infinity",
    );
  });

  it("shares one quote's size between orders in time priority", () => {
    const h = harness();
    h.submit({ id: "first", side: "BUY", type: "MARKET", quantity: "40" }, at(0));
    h.submit({ id: "second", side: "BUY", type: "MARKET", quantity: "40" });
    h.quote(at(1), 99.98, 100.02, 500, 60);
    expect(h.fills()).toEqual(["first BUY 40 @ 100.02 TAKER", "second BUY 20 @ 100.02 TAKER"]);
  });

  it("a marketable limit takes the ask; a resting limit crossed later fills at its limit as a maker", () => {
    const h = harness();
    h.quote(at(0), 99.98, 100.02);
    h.submit({ id: "taker", side: "BUY", type: "LIMIT", quantity: "1", price: "100.1" });
    h.submit({ id: "maker", side: "BUY", type: "LIMIT", quantity: "1", price: "99.9" });
    h.quote(at(1), 99.8, 99.85);
    expect(h.fills()).toEqual(["taker BUY 1 @ 100.02 TAKER", "maker BUY 1 @ 99.9 MAKER"]);
  });

  it("a buy stop triggers on the ask and fills there", () => {
    const h = harness();
    h.quote(at(0), 99.98, 100.02);
    h.submit({ id: "stop", side: "BUY", type: "STOP_MARKET", quantity: "1", triggerPrice: "100.2" });
    h.quote(at(1), 100.1, 100.15);
    expect(h.fills()).toEqual([]);
    h.quote(at(2), 100.2, 100.25);
    expect(h.fills()).toEqual(["stop BUY 1 @ 100.25 TAKER"]);
  });

  it("asks the touch model when the ask only touches a resting buy limit", () => {
    const h = harness({ touchFill: never });
    h.submit({ id: "o", side: "BUY", type: "LIMIT", quantity: "1", price: "99.9" }, at(0));
    h.quote(at(1), 99.95, 100);
    h.quote(at(2), 99.85, 99.9);
    expect(h.fills()).toEqual([]);
    h.quote(at(3), 99.8, 99.89);
    expect(h.fills()).toEqual(["o BUY 1 @ 99.9 MAKER"]);
  });
});

describe("a quote side at 0 (a file's way to write no bid or no ask)", () => {
  it("gives sells nothing to meet: a market sell waits for a bid instead of filling at 0", () => {
    const h = harness({ account: { type: "margin", currency: "USD", balance: "100000" } });
    h.quote(at(0), 100, 100.02);
    h.submit({ id: "b", side: "BUY", type: "MARKET", quantity: "10" });
    h.quote(at(1), 0, 100.03);
    h.submit({ id: "s", side: "SELL", type: "MARKET", quantity: "10" });
    h.submit({ id: "b2", side: "BUY", type: "MARKET", quantity: "1" });
    expect(h.fills()).toEqual(["b BUY 10 @ 100.02 TAKER", "b2 BUY 1 @ 100.03 TAKER"]);
    // Marked at the ask, not at half of it: 11 × 100.03 − (10 × 100.02 + 1 × 100.03) = 0.1.
    expect(h.venue.account().equity.toFixed()).toBe("100000.1");
    h.quote(at(2), 100.01, 100.03);
    expect(h.fills().slice(2)).toEqual(["s SELL 10 @ 100.01 TAKER"]);
  });

  it("triggers no sell stop and trails no sell on a bid of 0; an ask of 0 does the same for buys", () => {
    const h = harness();
    h.quote(at(0), 100, 100.02);
    h.submit({ id: "stop", side: "SELL", type: "STOP_MARKET", quantity: "1", triggerPrice: "99" });
    h.submit({ id: "limit", side: "SELL", type: "LIMIT", quantity: "1", price: "100.5" });
    h.submit({
      id: "trail",
      side: "SELL",
      type: "TRAILING_STOP_MARKET",
      quantity: "1",
      trailing: { offsetType: "PRICE", offset: "1" },
    });
    h.submit({ id: "buylimit", side: "BUY", type: "LIMIT", quantity: "1", price: "99" });
    h.quote(at(1), 0, 100.02);
    h.quote(at(2), 100, 0);
    expect(h.fills()).toEqual([]);
    expect(h.of("trail").slice(1)).toEqual(["OrderUpdated trail trigger 99"]);
    h.submit({ id: "post", side: "BUY", type: "LIMIT", quantity: "1", price: "100", postOnly: true });
    expect(h.status("post")).toBe("ACCEPTED"); // no ask to take: it rests
  });
});

describe("matching against trade ticks", () => {
  it("fills a market order at the next trade's price, capped by its size", () => {
    const h = harness();
    h.submit({ id: "m", side: "SELL", type: "MARKET", quantity: "100" }, at(0));
    h.trade(at(1), 100.01, 70, "BUYER");
    h.trade(at(2), 100.02, 70, "SELLER");
    expect(h.fills()).toEqual(["m SELL 70 @ 100.01 TAKER", "m SELL 30 @ 100.02 TAKER"]);
  });

  it("fills in full on a trade whose size is unknown (NaN)", () => {
    const h = harness();
    h.submit({ id: "m", side: "SELL", type: "MARKET", quantity: "100000" }, at(0));
    h.trade(at(1), 100.01, Number.NaN, "BUYER");
    expect(h.fills()).toEqual(["m SELL 100000 @ 100.01 TAKER"]);
  });

  it("a resting buy limit fills at its limit only against a selling aggressor", () => {
    const h = harness();
    h.trade(at(0), 100, 10, "NONE");
    h.submit({ id: "o", side: "BUY", type: "LIMIT", quantity: "50", price: "99.9" });
    h.trade(at(1), 100, 10, "NONE");
    h.trade(at(2), 99.85, 10, "BUYER");
    expect(h.fills()).toEqual([]);
    h.trade(at(3), 99.85, 20, "SELLER");
    expect(h.fills()).toEqual(["o BUY 20 @ 99.9 MAKER"]);
  });

  it("a limit that is marketable at the first trade it meets fills at the trade price as a taker", () => {
    const h = harness();
    h.submit({ id: "o", side: "SELL", type: "LIMIT", quantity: "5", price: "99.5" }, at(0));
    h.trade(at(1), 100, 10, "BUYER");
    expect(h.fills()).toEqual(["o SELL 5 @ 100 TAKER"]);
  });

  it("stops trigger on any trade price, whatever its aggressor", () => {
    const h = harness();
    h.submit({ id: "s", side: "SELL", type: "STOP_MARKET", quantity: "5", triggerPrice: "99" }, at(0));
    h.trade(at(1), 99, 10, "BUYER");
    expect(h.fills()).toEqual(["s SELL 5 @ 99 TAKER"]);
  });

  it("a trade exactly at a resting limit is a touch; through it is a fill", () => {
    const h = harness({ touchFill: never });
    h.submit({ id: "o", side: "SELL", type: "LIMIT", quantity: "5", price: "101" }, at(0));
    h.trade(at(1), 100, 10, "SELLER");
    h.trade(at(2), 101, 10, "BUYER");
    expect(h.fills()).toEqual([]);
    h.trade(at(3), 101.01, 10, "BUYER");
    expect(h.fills()).toEqual(["o SELL 5 @ 101 MAKER"]);
  });
});

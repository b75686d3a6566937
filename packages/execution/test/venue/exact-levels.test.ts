import { dec } from "@ordo/core";
import { describe, expect, it } from "vitest";
import type { TouchFillModel } from "../../src/index.js";
import { at, harness } from "./harness.js";

const never: TouchFillModel = { name: "never", fillsOnTouch: () => false };

/** Prices on a 1e-17 grid: levels a hair off a bar price have the same nearest double as that price. */
const FINE = {
  id: "FINE.TEST",
  assetClass: "equity" as const,
  currency: "USD",
  tickSize: "0.00000000000000001",
  lotSize: "1",
};

describe("levels a hair away from a bar price", () => {
  it("a buy limit just above the low is reached and fills at its limit; just below, it is not", () => {
    const h = harness({ instruments: [FINE] });
    h.submit(
      { id: "above", side: "BUY", type: "LIMIT", quantity: "10", price: "100.00000000000000001" },
      at(0),
    );
    h.submit({ id: "below", side: "BUY", type: "LIMIT", quantity: "10", price: "99.99999999999999999" });
    h.bar(at(1), [101, 102, 100, 101]);
    expect(h.fills()).toEqual(["above BUY 10 @ 100.00000000000000001 MAKER"]);
    expect(h.status("below")).toBe("ACCEPTED");
  });

  it("a sell stop just above the low triggers there; just below, it keeps waiting", () => {
    const h = harness({ instruments: [FINE] });
    h.submit(
      { id: "hit", side: "SELL", type: "STOP_MARKET", quantity: "10", triggerPrice: "100.00000000000000001" },
      at(0),
    );
    h.submit({
      id: "miss",
      side: "SELL",
      type: "STOP_MARKET",
      quantity: "10",
      triggerPrice: "99.99999999999999999",
    });
    h.bar(at(1), [101, 102, 100, 101]);
    expect(h.fills()).toEqual(["hit SELL 10 @ 100.00000000000000001 TAKER"]);
    expect(h.status("miss")).toBe("ACCEPTED");
  });

  it("a sell limit a hair below the open is marketable at the open; a hair above it waits for the high", () => {
    const h = harness({ instruments: [FINE] });
    h.submit(
      { id: "under", side: "SELL", type: "LIMIT", quantity: "1", price: "100.99999999999999999" },
      at(0),
    );
    h.submit({ id: "over", side: "SELL", type: "LIMIT", quantity: "1", price: "101.00000000000000001" });
    h.bar(at(1), [101, 101, 100, 100.5]);
    expect(h.fills()).toEqual(["under SELL 1 @ 101 TAKER"]);
    expect(h.status("over")).toBe("ACCEPTED");
  });

  it("only a limit exactly at the bar's low is a touch; one a hair above is crossed", () => {
    const h = harness({ instruments: [FINE], touchFill: never });
    h.submit({ id: "touch", side: "BUY", type: "LIMIT", quantity: "1", price: "100" }, at(0));
    h.submit({ id: "cross", side: "BUY", type: "LIMIT", quantity: "1", price: "100.00000000000000001" });
    h.bar(at(1), [101, 102, 100, 101]);
    expect(h.fills()).toEqual(["cross BUY 1 @ 100.00000000000000001 MAKER"]);
  });
});

describe("ticks and lots that are not powers of ten", () => {
  it("checks a 0.25 tick and a lot of 10 by division", () => {
    const h = harness({
      instruments: [
        { id: "ES.TEST", assetClass: "future", currency: "USD", tickSize: "0.25", lotSize: "10" },
      ],
    });
    h.submit({ id: "ok", side: "BUY", type: "LIMIT", quantity: "20", price: "4800.75" }, at(0));
    h.submit({ id: "tick", side: "BUY", type: "LIMIT", quantity: "20", price: "4800.1" });
    h.submit({ id: "lot", side: "BUY", type: "LIMIT", quantity: "25", price: "4800.5" });
    expect(h.log()).toEqual([
      "OrderAccepted ok V-1",
      "OrderRejected tick: PRICE_NOT_ON_TICK: limit price 4800.1 is not a multiple of tick size 0.25 for ES.TEST",
      "OrderRejected lot: QUANTITY_NOT_ON_LOT: quantity 25 is not a multiple of lot size 10 for ES.TEST",
    ]);
  });

  it("checks a 0.001 lot by decimal places", () => {
    const h = harness({
      instruments: [
        { id: "BTC.TEST", assetClass: "crypto-spot", currency: "USD", tickSize: "0.1", lotSize: "0.001" },
      ],
    });
    h.submit({ id: "ok", side: "BUY", type: "MARKET", quantity: "0.125" }, at(0));
    h.submit({ id: "lot", side: "BUY", type: "MARKET", quantity: "0.1255" });
    expect(h.log()).toEqual([
      "OrderAccepted ok V-1",
      "OrderRejected lot: QUANTITY_NOT_ON_LOT: quantity 0.1255 is not a multiple of lot size 0.001 for BTC.TEST",
    ]);
  });
});

describe("the venue account's average price", () => {
  it("is the fill price from flat, and Σ quantity × price / Σ quantity at Decimal precision beyond it", () => {
    const quantity = "123456789.123456789";
    const price = "98765.4321098765432101234";
    const h = harness({
      account: { type: "margin", currency: "USD", balance: "1000000000000000" },
      instruments: [
        {
          id: "X.TEST",
          assetClass: "equity",
          currency: "USD",
          tickSize: "0.0000000000000000001",
          lotSize: "0.000000001",
        },
      ],
    });
    h.submit({ id: "a", side: "BUY", type: "MARKET", quantity: "2" }, at(0));
    h.bar(at(1), [100.5, 101, 100, 100.5]);
    expect(h.venue.account().positions[0]?.avgOpenPrice.toFixed()).toBe("100.5");
    h.submit({ id: "flat", side: "SELL", type: "MARKET", quantity: "2" });
    h.submit({ id: "b", side: "BUY", type: "LIMIT", quantity, price });
    h.bar(at(2), [99000, 99000, 98000, 98500]);
    // 42 significant digits in quantity × price: the product rounds, and so the average is not the price
    const expected = dec(quantity).times(price).div(quantity);
    expect(h.venue.account().positions[0]?.avgOpenPrice.toFixed()).toBe(expected.toFixed());
  });
});

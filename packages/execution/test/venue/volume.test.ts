import { dec } from "@ordo/core";
import { describe, expect, it } from "vitest";
import type { SlippageModel } from "../../src/index.js";
import { at, harness } from "./harness.js";

/** Test double: no price impact, 10% of each bar's volume fillable per instrument. */
const tenPercent: SlippageModel = { name: "cap-10%", volumeLimit: dec("0.1"), price: (c) => c.basePrice };

describe("the per-bar volume cap", () => {
  it("is shared first come, first served by the instrument's orders; the rest fills on later bars", () => {
    const h = harness({ slippage: tenPercent });
    h.submit({ id: "a", side: "BUY", type: "MARKET", quantity: "80" }, at(0));
    h.submit({ id: "b", side: "SELL", type: "MARKET", quantity: "50" });
    h.bar(at(1), [100, 102, 99, 101, 1000]);
    expect(h.fills()).toEqual(["a BUY 80 @ 100 TAKER", "b SELL 20 @ 100 TAKER"]);
    h.bar(at(2), [101, 102, 100, 101, 1000]);
    expect(h.of("b").slice(1)).toEqual([
      "OrderFilled b SELL 20 @ 100 TAKER T-2",
      "OrderFilled b SELL 30 @ 101 TAKER T-3",
    ]);
  });

  it("goes to orders in the order the path reaches them", () => {
    const h = harness({ slippage: tenPercent });
    h.submit({ id: "low", side: "BUY", type: "LIMIT", quantity: "80", price: "99.5" }, at(0));
    h.submit({ id: "high", side: "SELL", type: "LIMIT", quantity: "80", price: "101.5" });
    h.bar(at(1), [100, 102, 99, 101, 1000]);
    expect(h.fills()).toEqual(["high SELL 80 @ 101.5 MAKER", "low BUY 20 @ 99.5 MAKER"]);
  });

  it("rounds the cap down to the lot", () => {
    const h = harness({ slippage: tenPercent });
    h.submit({ id: "a", side: "BUY", type: "MARKET", quantity: "500" }, at(0));
    h.bar(at(1), [100, 102, 99, 101, 1009]);
    expect(h.fills()).toEqual(["a BUY 100 @ 100 TAKER"]);
  });

  it("with a cap, a zero-volume bar fills nothing; the order waits", () => {
    const h = harness({ slippage: tenPercent });
    h.submit({ id: "a", side: "BUY", type: "MARKET", quantity: "5" }, at(0));
    h.bar(at(1), [100, 102, 99, 101, 0]);
    expect(h.fills()).toEqual([]);
    expect(h.status("a")).toBe("ACCEPTED");
  });

  it("without a cap, a zero-volume bar still fills (index, FX and many vendors' files carry no volume)", () => {
    const h = harness();
    h.submit({ id: "a", side: "BUY", type: "MARKET", quantity: "5" }, at(0));
    h.bar(at(1), [100, 102, 99, 101, 0]);
    expect(h.fills()).toEqual(["a BUY 5 @ 100 TAKER"]);
  });

  it("a stop reached when the cap is used up fills at the next bar's open", () => {
    const h = harness({ slippage: tenPercent });
    h.submit({ id: "mkt", side: "BUY", type: "MARKET", quantity: "100" }, at(0));
    h.submit({ id: "stop", side: "BUY", type: "STOP_MARKET", quantity: "10", triggerPrice: "101.5" });
    h.bar(at(1), [100, 102, 99, 101, 1000]);
    expect(h.fills()).toEqual(["mkt BUY 100 @ 100 TAKER"]);
    h.bar(at(2), [100.5, 101, 99, 100, 1000]);
    expect(h.fills()).toEqual(["mkt BUY 100 @ 100 TAKER", "stop BUY 10 @ 100.5 TAKER"]);
  });
});

describe("iceberg orders (displayQuantity)", () => {
  it("show only their display quantity per bar", () => {
    const h = harness();
    h.submit(
      { id: "ice", side: "BUY", type: "LIMIT", quantity: "70", price: "99.5", displayQuantity: "30" },
      at(0),
    );
    for (let i = 1; i <= 3; i++) h.bar(at(i), [100, 101, 99, 100]);
    expect(h.fills()).toEqual([
      "ice BUY 30 @ 99.5 MAKER",
      "ice BUY 30 @ 99.5 MAKER",
      "ice BUY 10 @ 99.5 MAKER",
    ]);
    expect(h.status("ice")).toBe("FILLED");
  });

  it("show only their display quantity per quote", () => {
    const h = harness();
    h.submit(
      { id: "ice", side: "SELL", type: "LIMIT", quantity: "20", price: "100", displayQuantity: "15" },
      at(0),
    );
    h.quote(at(1), 100.1, 100.2);
    h.quote(at(2), 100.1, 100.2);
    expect(h.fills()).toEqual(["ice SELL 15 @ 100.1 TAKER", "ice SELL 5 @ 100 MAKER"]);
  });
});

describe("the fill guard (fillGuard option)", () => {
  it("is asked with the fill the venue would make; a reason cancels the rest of the order instead", () => {
    const asked: string[] = [];
    const h = harness({
      slippage: tenPercent,
      fillGuard: (fill) => {
        asked.push(`${fill.tradeId} ${fill.side} ${fill.quantity.toFixed()} @ ${fill.price.toFixed()}`);
        return fill.price.gt(100) ? "INSUFFICIENT_FUNDS: over budget" : null;
      },
    });
    h.submit({ id: "a", side: "BUY", type: "MARKET", quantity: "150" }, at(0));
    // The first 100 fit this bar's cap at the open of 100; the other 50 would fill at 101 on the next bar.
    h.bar(at(1), [100, 102, 99, 101, 1000]);
    h.bar(at(2), [101, 102, 100, 101, 1000]);
    h.submit({ id: "b", side: "BUY", type: "MARKET", quantity: "10" }, at(2));
    h.bar(at(3), [99, 100, 98, 99, 1000]);
    expect(asked).toEqual(["T-1 BUY 100 @ 100", "T-2 BUY 50 @ 101", "T-2 BUY 10 @ 99"]);
    expect(h.of("a").slice(1)).toEqual([
      "OrderFilled a BUY 100 @ 100 TAKER T-1",
      "OrderCanceled a: INSUFFICIENT_FUNDS: over budget",
    ]);
    // Trade ids stay consecutive: a refused fill takes none.
    expect(h.fills()).toEqual(["a BUY 100 @ 100 TAKER", "b BUY 10 @ 99 TAKER"]);
    expect(h.of("b").at(-1)).toBe("OrderFilled b BUY 10 @ 99 TAKER T-2");
    expect(h.status("a")).toBe("CANCELED");
  });

  it("cancels the OCO sibling of an order it refuses, as any cancel does", () => {
    const h = harness({ fillGuard: (fill) => (fill.orderId === "up" ? "REFUSED: not this one" : null) });
    h.submitList(
      [
        {
          id: "up",
          side: "BUY",
          type: "STOP_MARKET",
          quantity: "5",
          triggerPrice: "101",
          contingency: { type: "OCO", linkedIds: ["down"] },
        },
        {
          id: "down",
          side: "SELL",
          type: "STOP_MARKET",
          quantity: "5",
          triggerPrice: "95",
          contingency: { type: "OCO", linkedIds: ["up"] },
        },
      ],
      at(0),
    );
    h.bar(at(1), [100, 102, 99, 101, 1000]);
    expect(h.fills()).toEqual([]);
    expect(h.status("up")).toBe("CANCELED");
    expect(h.status("down")).toBe("CANCELED");
    expect(h.of("down").at(-1)).toBe("OrderCanceled down: OCO: linked order up was canceled");
  });
});

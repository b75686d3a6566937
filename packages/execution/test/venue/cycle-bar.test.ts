import type { Bar } from "@ordo/core";
import { describe, expect, it } from "vitest";
import { type SlippageContext, type SlippageModel, VolumeShareSlippage } from "../../src/index.js";
import { at, harness } from "./harness.js";

// The book keeps the bar object only for a slippage model; the venue's own matching reads the bar's
// numbers (its time, close and volume) from the book (instrument-book.ts). These pin both.

/** A slippage model that charges nothing and records the bar each fill was priced with. */
function recordingSlippage() {
  const bars: (Bar | null)[] = [];
  const model: SlippageModel = {
    name: "recording",
    volumeLimit: null,
    price(context: SlippageContext) {
      bars.push(context.bar);
      return context.basePrice;
    },
  };
  return { model, bars };
}

describe("the bar of a fill cycle", () => {
  it("a slippage model gets the bar a fill comes from, also on arrival with same-close; none on a quote", () => {
    const { model, bars } = recordingSlippage();
    const h = harness({ fillTiming: "same-close", slippage: model });
    h.bar(at(1), [100, 102, 99, 101, 500]);
    h.submit({ id: "o1", side: "BUY", type: "MARKET", quantity: "5" }, at(1));
    h.submit({ id: "o2", side: "BUY", type: "MARKET", quantity: "5" }, at(2));
    h.bar(at(3), [101, 103, 100, 102, 700]);
    h.quote(at(4), 101.5, 102.5);
    h.submit({ id: "o3", side: "SELL", type: "MARKET", quantity: "5" }, at(4));
    expect(h.fills()).toEqual(["o1 BUY 5 @ 101 TAKER", "o2 BUY 5 @ 101 TAKER", "o3 SELL 5 @ 101.5 TAKER"]);
    expect(bars.map((b) => (b === null ? null : [b.ts, b.close, b.volume]))).toEqual([
      [at(1), 101, 500],
      [at(3), 102, 700],
      null,
    ]);
  });

  it("same-close: an order sent after the bar's time, or after a quote, does not fill at that bar's close", () => {
    const h = harness({ fillTiming: "same-close" });
    h.bar(at(1), [100, 102, 99, 101]);
    h.submit({ id: "late", side: "BUY", type: "MARKET", quantity: "5" }, at(2));
    expect(h.fills()).toEqual([]);
    h.bar(at(3), [101, 103, 100, 102]);
    h.trade(at(3), 102.5, 100);
    h.submit({ id: "after-trade", side: "BUY", type: "MARKET", quantity: "5" }, at(3));
    expect(h.fills()).toEqual(["late BUY 5 @ 101 TAKER"]);
  });

  it("same-close: an order on arrival fills no more than the volume cap of the bar that closed now", () => {
    const h = harness({ fillTiming: "same-close", slippage: new VolumeShareSlippage() });
    h.bar(at(1), [3, 3, 3, 3, 200]);
    h.submit({ id: "o1", side: "BUY", type: "MARKET", quantity: "100" }, at(1));
    expect(h.fills()).toEqual(["o1 BUY 5 @ 3.0001875 TAKER"]);
  });
});

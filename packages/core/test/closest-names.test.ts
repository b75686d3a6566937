import { describe, expect, it } from "vitest";
import { closestNames, didYouMean } from "../src/closest-names.js";

describe("closestNames", () => {
  it("finds a name up to three edits away, a swap of two letters counting one", () => {
    expect(closestNames("maxDrawdown", ["maxDrawdownPct", "maxDailyLossPct"])).toEqual(["maxDrawdownPct"]);
    expect(closestNames("acount", ["account", "venue", "output"])).toEqual(["account"]);
    expect(closestNames("fsat", ["fast", "slow"])).toEqual(["fast"]);
    expect(closestNames("fillTimng", ["fillTiming", "barPath"])).toEqual(["fillTiming"]);
  });

  it("ignores letter case, and gives every name on a tie", () => {
    expect(closestNames("TickSize", ["tickSize", "lotSize"])).toEqual(["tickSize"]);
    expect(closestNames("cot", ["cost", "coat"])).toEqual(["coat", "cost"]);
  });

  it("suggests nothing when every name is far, and never the word itself", () => {
    expect(closestNames("colour", ["data", "kind", "load"])).toEqual([]);
    // Four edits: too far, even with most of the word alike.
    expect(closestNames("maxDraw", ["maxDrawdownPct"])).toEqual([]);
    expect(closestNames("id", ["id", "ids"])).toEqual(["ids"]);
    expect(didYouMean("colour", ["data"])).toBe("");
    expect(didYouMean("cot", ["cost", "coat", "colt", "cast"])).toBe(
      ' (did you mean "coat", "colt" or "cost"?)',
    );
  });
});

describe("closestNames a word away", () => {
  it("finds a name that is the word with one more word in it, whatever the case and separators", () => {
    expect(closestNames("maxNotional", ["maxOrderNotional", "maxPositionQuantity"])).toEqual([
      "maxOrderNotional",
    ]);
    expect(closestNames("maxnotional", ["maxOrderNotional"])).toEqual(["maxOrderNotional"]);
    expect(closestNames("max_notional", ["maxOrderNotional"])).toEqual(["maxOrderNotional"]);
    // Three edits from onTrade, but a word away from onOrderEvent, which ranks nearer.
    expect(closestNames("onOrder", ["onBar", "onTrade", "onOrderEvent", "onPositionEvent"])).toEqual([
      "onOrderEvent",
    ]);
    expect(
      closestNames("stop", ["MARKET", "LIMIT", "STOP_MARKET", "STOP_LIMIT", "TRAILING_STOP_MARKET"]),
    ).toEqual(["STOP_LIMIT", "STOP_MARKET"]);
  });

  it("finds a name whose words the word shortens, each keeping its first letter and its letters' order", () => {
    expect(closestNames("qty", ["quantity", "price", "side"])).toEqual(["quantity"]);
    expect(closestNames("maxPosQty", ["maxPositionQuantity", "maxOrderNotional"])).toEqual([
      "maxPositionQuantity",
    ]);
  });

  it("prefers a name within two edits, and floods nothing: a part of a word, two more words or a two-letter word find none", () => {
    // `maxNotinal` is one edit from `maxNotional`, so `maxOrderNotional`, a word away, is not offered beside it.
    expect(closestNames("maxNotional", ["maxNotinal", "maxOrderNotional"])).toEqual(["maxNotinal"]);
    expect(closestNames("maxDraw", ["maxDrawdownPct", "maxDrawdown2"])).toEqual([]);
    expect(closestNames("notional", ["maxOrderNotional"])).toEqual([]);
    expect(closestNames("on", ["onBar", "onQuote", "onStart", "onStop", "onTrade"])).toEqual([]);
    expect(closestNames("qty", ["quoteCurrency", "maxPositionQuantity", "query"])).toEqual([]);
    expect(didYouMean("maxNotional", ["maxOrderNotional", "maxPositionQuantity"])).toBe(
      ' (did you mean "maxOrderNotional"?)',
    );
  });
});

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

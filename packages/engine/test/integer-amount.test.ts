import { Decimal } from "@ordo/core";
import { describe, expect, it } from "vitest";
import { integerAmount } from "../src/integer-amount.js";

describe("integerAmount", () => {
  it("gives the exact Decimal of every integer amount, small or large", () => {
    for (const n of [0, 1, 7, 100, 4095, 4096, 123_456_789, Number.MAX_SAFE_INTEGER]) {
      const d = integerAmount(n);
      expect(d).toBeInstanceOf(Decimal);
      expect(d.toFixed()).toBe(String(n));
    }
  });

  it("shares one Decimal per small amount, so a run keeps one per size rather than one per order", () => {
    expect(integerAmount(100)).toBe(integerAmount(100));
    expect(integerAmount(4095)).toBe(integerAmount(4095));
    expect(integerAmount(4096)).not.toBe(integerAmount(4096));
  });
});

import { ValidationError } from "@ordo/core";
import { describe, expect, it } from "vitest";
import { validateOrderSize } from "../../src/index.js";

describe("validateOrderSize", () => {
  it("passes an order small against the average volume", () => {
    const check = validateOrderSize({
      quantity: 1000,
      price: "50",
      averageVolume: 1_000_000,
      maxSlippagePct: "0.1",
    });
    expect(check.ok).toBe(true);
    expect(check.participation).toBe(0.001);
    // 100 × 1 × 0.02 × sqrt(0.001) ≈ 0.0632%.
    expect(check.expectedSlippagePct).toBeCloseTo(0.063245553, 8);
    expect(check.maxQuantity).toBe(2500);
    expect(check.message).toBe(
      "order of 1000 is 0.1% of average volume 1000000; expected slippage 0.06325%, within the 0.1% limit",
    );
  });

  it("flags an order too large for the market, with the expected slippage and the size that would pass", () => {
    const check = validateOrderSize({
      notional: "5000000",
      price: "50",
      averageVolume: 1_000_000,
      maxSlippagePct: "0.5",
    });
    expect(check.ok).toBe(false);
    expect(check.quantity).toBe(100_000);
    expect(check.expectedSlippagePct).toBeCloseTo(0.632455532, 8);
    // (0.5 / 2)² × 1000000.
    expect(check.maxQuantity).toBe(62_500);
    expect(check.message).toBe(
      "order of 100000 is 10% of average volume 1000000; expected slippage 0.6325% exceeds the 0.5% slippage " +
        "limit; reduce it to at most 62500 or split it over time",
    );
  });

  it("uses the given volatility and impact coefficient", () => {
    const check = validateOrderSize({
      quantity: 2500,
      price: 10,
      averageVolume: 10_000,
      volatility: "0.04",
      impactCoefficient: "0.5",
      maxSlippagePct: 1,
    });
    // 100 × 0.5 × 0.04 × sqrt(0.25) = 1%.
    expect(check.expectedSlippagePct).toBeCloseTo(1, 12);
    expect(check.ok).toBe(true);
  });

  it("flags an order above the participation limit even when its slippage is acceptable", () => {
    const check = validateOrderSize({
      quantity: 200_000,
      price: "50",
      averageVolume: 1_000_000,
      maxSlippagePct: 5,
      maxParticipation: "0.1",
    });
    expect(check.ok).toBe(false);
    expect(check.maxQuantity).toBe(100_000);
    expect(check.message).toContain("exceeds the 10% participation limit");
  });

  it("does not pass an order on a market with no volume", () => {
    const check = validateOrderSize({ quantity: 10, price: "50", averageVolume: 0, maxSlippagePct: 1 });
    expect(check.ok).toBe(false);
    expect(check.participation).toBe(Number.POSITIVE_INFINITY);
    expect(check.message).toBe(
      "order of 10 cannot be sized: the average volume is 0, so its slippage is unknown",
    );
  });

  it("requires exactly one of quantity and notional", () => {
    expect(() => validateOrderSize({ price: "50", averageVolume: 100, maxSlippagePct: 1 })).toThrow(
      "quantity: give exactly one of quantity and notional",
    );
    expect(() =>
      validateOrderSize({ quantity: 1, notional: 50, price: "50", averageVolume: 100, maxSlippagePct: 1 }),
    ).toThrow(ValidationError);
  });

  it("names a bad field", () => {
    expect(() =>
      validateOrderSize({ quantity: 1, price: "0", averageVolume: 100, maxSlippagePct: 1 }),
    ).toThrow("price: must be greater than zero, got 0");
  });
});

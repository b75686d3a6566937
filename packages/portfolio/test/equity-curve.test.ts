import { describe, expect, it } from "vitest";
import { Portfolio } from "../src/index.js";
import { AAPL, fill, T0 } from "./fills.js";

const DAY = 86_400_000;

describe("equity curve", () => {
  it("records snapshots with equity, PnL, exposure and traded notional, and feeds the metrics", () => {
    const portfolio = new Portfolio({ startingCash: "10000" });
    portfolio.snapshot(T0);
    portfolio.applyFill(fill("BUY", "10", "100", { commission: "1", ts: T0 + 1 }), AAPL);
    portfolio.updatePrice(AAPL.id, "110", T0 + DAY);
    const point = portfolio.snapshot(T0 + DAY);
    // cash 10000 − 1000 − 1 = 8999; equity 8999 + 10 × 110
    expect(point.equity.toFixed()).toBe("10099");
    expect(point.balance.toFixed()).toBe("8999");
    expect(point.unrealizedPnl.toFixed()).toBe("100");
    expect(point.commissions.toFixed()).toBe("1");
    expect(point.grossExposure.toFixed()).toBe("1100");
    expect(point.netExposure.toFixed()).toBe("1100");
    expect(point.tradedNotional.toFixed()).toBe("1000");
    expect(point.openPositions).toBe(1);

    portfolio.applyFill(fill("SELL", "10", "99", { commission: "1", ts: T0 + 2 * DAY }), AAPL);
    portfolio.snapshot(T0 + 2 * DAY);
    expect(portfolio.equityCurve().map((p) => p.equity.toFixed())).toEqual(["10000", "10099", "9988"]);

    const m = portfolio.performance({ periodsPerYear: 365 });
    // 9988 / 10000 − 1
    expect(m.totalReturn).toBeCloseTo(-0.0012, 12);
    // in the market at 1 of 3 points; traded 1000 + 990 over mean equity (10000 + 10099 + 9988) / 3
    expect(m.exposure).toBeCloseTo(1 / 3, 12);
    expect(m.turnover).toBeCloseTo(1990 / (30087 / 3), 12);
  });

  it("replaces a snapshot taken again at the same time and refuses one earlier than the last", () => {
    const portfolio = new Portfolio({ startingCash: "100" });
    portfolio.snapshot(T0);
    portfolio.transfer({ ts: T0, currency: "USD", amount: "5" });
    portfolio.snapshot(T0);
    expect(portfolio.equityCurve().map((p) => p.equity.toFixed())).toEqual(["105"]);
    expect(() => portfolio.snapshot(T0 - 1)).toThrow(
      `VALIDATION: ts: equity curve points must be in time order: ${T0 - 1} is before the last point ${T0}`,
    );
  });
});

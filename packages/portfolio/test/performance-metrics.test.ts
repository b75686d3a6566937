import { dec } from "@ordo/core";
import { describe, expect, it } from "vitest";
import { inferPeriodsPerYear, type PerformanceMetrics, performanceMetrics } from "../src/index.js";

const DAY = 86_400_000;
const MONDAY = Date.parse("2024-01-01T21:00:00Z");

/**
 * Returns +10 %, −10 %, +10 %, +10 %: 100 → 110 → 99 → 108.9 → 119.79, one point a day.
 * Gross exposure and cumulative traded notional ride along for exposure and turnover.
 */
const curve = [
  { equity: 100, grossExposure: 0, tradedNotional: 0 },
  { equity: 110, grossExposure: 50, tradedNotional: 100 },
  { equity: 99, grossExposure: 50, tradedNotional: 100 },
  { equity: 108.9, grossExposure: 0, tradedNotional: 200 },
  { equity: 119.79, grossExposure: 0, tradedNotional: 200 },
].map((p, i) => ({ ...p, ts: MONDAY + i * DAY }));

function allFiniteOrNull(m: PerformanceMetrics): boolean {
  return Object.values(m).every((v) => v === null || Number.isFinite(v));
}

describe("performance metrics", () => {
  it("matches hand-computed figures (4 periods a year, no risk-free rate)", () => {
    const m = performanceMetrics(curve, { periodsPerYear: 4 });
    expect(m.periods).toBe(4);
    // 119.79 / 100 − 1
    expect(m.totalReturn).toBeCloseTo(0.1979, 12);
    // four periods at four a year is one year: (1.1979)^(4/4) − 1
    expect(m.annualisedReturn).toBeCloseTo(0.1979, 12);
    // mean 0.05; deviations .05 −.15 .05 .05 → squares sum .03 → sample variance .01 → stdev 0.1
    // annualised: 0.1 × √4 = 0.2
    expect(m.annualisedVolatility).toBeCloseTo(0.2, 12);
    // Sharpe: 0.05 / 0.1 × √4 = 1
    expect(m.sharpe).toBeCloseTo(1, 12);
    // downside deviation √(0.1² / 4) = 0.05; Sortino: 0.05 / 0.05 × 2 = 2
    expect(m.sortino).toBeCloseTo(2, 12);
    // peak 110, trough 99: 11 / 110
    expect(m.maxDrawdown).toBeCloseTo(0.1, 12);
    // from the peak (day 1) to the first point back above it (day 4)
    expect(m.maxDrawdownDurationMs).toBe(3 * DAY);
    expect(m.longestDrawdownMs).toBe(3 * DAY);
    // 0.1979 / 0.1
    expect(m.calmar).toBeCloseTo(1.979, 12);
    // in the market at 2 of 5 points; mean(0, 50/110, 50/99, 0, 0) = (95/99) / 5 = 19/99
    expect(m.exposure).toBeCloseTo(0.4, 12);
    expect(m.averageExposure).toBeCloseTo(19 / 99, 12);
    // 200 traded / mean equity (537.69 / 5 = 107.538)
    expect(m.turnover).toBeCloseTo(200 / 107.538, 12);
    expect(m.annualisedTurnover).toBeCloseTo(200 / 107.538, 12);
    expect(m.alpha).toBeNull();
    expect(m.beta).toBeNull();
  });

  it("subtracts the risk-free rate per period, de-annualised geometrically", () => {
    // (1.01)^4 − 1 = 0.04060401 a year is 1 % a period: excess returns .09 −.11 .09 .09, mean 0.04
    const m = performanceMetrics(curve, { periodsPerYear: 4, riskFreeRate: 0.04060401 });
    // Sharpe: 0.04 / 0.1 × 2 = 0.8
    expect(m.sharpe).toBeCloseTo(0.8, 12);
    // downside √(0.11² / 4) = 0.055; Sortino 0.04 / 0.055 × 2 = 16/11
    expect(m.sortino).toBeCloseTo(16 / 11, 12);
  });

  it("measures alpha and beta against a benchmark aligned by time", () => {
    // benchmark returns 4.5 %, −5.5 %, 4.5 %, 4.5 %: the strategy's are exactly 2 × these + 1 %
    const values = [100];
    for (const r of [0.045, -0.055, 0.045, 0.045]) values.push(values.at(-1)! * (1 + r));
    const benchmark = values.map((value, i) => ({ ts: MONDAY + i * DAY, value }));
    // a benchmark point at a time the curve lacks is ignored
    benchmark.push({ ts: MONDAY + 10 * DAY, value: 1 });
    const m = performanceMetrics(curve, { periodsPerYear: 4, benchmark });
    expect(m.beta).toBeCloseTo(2, 10);
    // (mean 0.05 − 2 × mean 0.02) × 4 = 0.04
    expect(m.alpha).toBeCloseTo(0.04, 10);
  });

  it("reports null, never NaN or Infinity, when a figure cannot be computed", () => {
    const flat = [0, 1, 2].map((i) => ({ ts: MONDAY + i * DAY, equity: dec("1000") }));
    const m = performanceMetrics(flat, { periodsPerYear: 252 });
    expect(m.totalReturn).toBe(0);
    expect(m.annualisedVolatility).toBe(0);
    // zero volatility and no drawdown
    expect(m.sharpe).toBeNull();
    expect(m.sortino).toBeNull();
    expect(m.calmar).toBeNull();
    expect(m.maxDrawdown).toBe(0);
    expect(allFiniteOrNull(m)).toBe(true);

    const single = performanceMetrics([{ ts: MONDAY, equity: 5 }]);
    expect(single.totalReturn).toBeNull();
    expect(single.periodsPerYear).toBeNull();
    expect(allFiniteOrNull(single)).toBe(true);
    expect(allFiniteOrNull(performanceMetrics([]))).toBe(true);
  });

  it("counts no drawdown on a curve that never falls, however far apart its points are", () => {
    // A backtest that never trades: flat equity, one point per session, with a long weekend in it.
    const sessions = [0, 1, 2, 3, 7, 8].map((day) => ({ ts: MONDAY + day * DAY, equity: dec("100000") }));
    const flat = performanceMetrics(sessions, { periodsPerYear: 252 });
    expect(flat.maxDrawdown).toBe(0);
    expect(flat.maxDrawdownDurationMs).toBe(0);
    expect(flat.longestDrawdownMs).toBe(0);
    // A rising curve is at a new peak on every point: no time below one either.
    const rising = sessions.map((p, i) => ({ ...p, equity: dec(100_000 + i) }));
    expect(performanceMetrics(rising, { periodsPerYear: 252 }).longestDrawdownMs).toBe(0);
    // One point below the peak, back at it after the long weekend: from the peak to that point.
    const dip = sessions.map((p, i) => ({ ...p, equity: dec(i === 3 ? 99_000 : 100_000) }));
    expect(performanceMetrics(dip, { periodsPerYear: 252 }).longestDrawdownMs).toBe(5 * DAY);
  });

  it("refuses a misspelt option instead of inferring what was meant to be given", () => {
    expect(() => performanceMetrics([], { periodPerYear: 252 } as never)).toThrow(
      'VALIDATION: options.periodPerYear: is not a known field (did you mean "periodsPerYear"?)',
    );
  });

  it("infers periods per year from the spacing of the points", () => {
    const weekdays = [0, 1, 2, 3, 4, 7, 8].map((d) => MONDAY + d * DAY);
    expect(inferPeriodsPerYear(weekdays)).toBe(252);
    const everyDay = [0, 1, 2, 3, 4, 5, 6].map((d) => MONDAY + d * DAY);
    expect(inferPeriodsPerYear(everyDay)).toBe(365);
    const hourly = [0, 1, 2, 3].map((h) => MONDAY + h * 3_600_000);
    expect(inferPeriodsPerYear(hourly)).toBe(8760);
    expect(performanceMetrics(curve).periodsPerYear).toBe(252);
  });

  it("refuses points out of time order with the point named", () => {
    expect(() =>
      performanceMetrics([
        { ts: 2, equity: 1 },
        { ts: 1, equity: 1 },
      ]),
    ).toThrow(
      "VALIDATION: points[1].ts: equity curve points must be in strictly increasing time order: 1 is not after 2",
    );
  });
});

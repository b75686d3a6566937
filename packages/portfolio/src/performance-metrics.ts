import { type Decimal, type UnixMillis, ValidationError } from "@ordo/core";
import { z } from "zod";
import { parseWithSchema } from "./parse-input.js";
import { finiteOrNull, mean, median, sampleCovariance, sampleStdDev } from "./stats-math.js";

/** What the metrics read of an equity curve point (an `EquityPoint` fits; plain numbers do too). */
export interface MetricPoint {
  readonly ts: UnixMillis;
  readonly equity: Decimal | number;
  /** For exposure: Σ |position value| at this point. */
  readonly grossExposure?: Decimal | number;
  /** For turnover: cumulative traded notional at this point. */
  readonly tradedNotional?: Decimal | number;
}

/** A benchmark's value (price or index level) at a time; aligned with the curve by equal `ts`. */
export interface BenchmarkPoint {
  readonly ts: UnixMillis;
  readonly value: Decimal | number;
}

export const PerformanceOptionsSchema = z.strictObject({
  /** Annual risk-free rate as a fraction (0.04 = 4 % a year). Default 0. */
  riskFreeRate: z.number().gt(-1).finite().default(0),
  /**
   * Return periods per year: 252 for daily bars of a market with sessions, 365 for daily 24/7, 52
   * weekly, 12 monthly, 8760 hourly 24/7. Default: inferred from the spacing of the points.
   */
  periodsPerYear: z.number().positive().finite().optional(),
});

export type PerformanceOptions = z.input<typeof PerformanceOptionsSchema> & {
  readonly benchmark?: readonly BenchmarkPoint[];
};

/**
 * Performance of an equity curve. Every figure is a plain number (a statistic, not money) and null when
 * it cannot be computed or is not finite (too few points, zero volatility, no drawdown for Calmar, ...),
 * so the result serialises to JSON without NaN. Returns are simple returns between consecutive points.
 */
export interface PerformanceMetrics {
  readonly startTs: UnixMillis | null;
  readonly endTs: UnixMillis | null;
  /** Number of returns (points − 1). */
  readonly periods: number;
  readonly periodsPerYear: number | null;
  readonly startEquity: number | null;
  readonly endEquity: number | null;
  /** endEquity / startEquity − 1. */
  readonly totalReturn: number | null;
  /** (1 + totalReturn)^(periodsPerYear / periods) − 1 (compound annual growth). */
  readonly annualisedReturn: number | null;
  /** Sample standard deviation of returns × √periodsPerYear. */
  readonly annualisedVolatility: number | null;
  /** mean(excess return) / stdev(returns) × √periodsPerYear. */
  readonly sharpe: number | null;
  /** mean(excess return) / downside deviation × √periodsPerYear. */
  readonly sortino: number | null;
  /** Deepest fall from a running peak, as a positive fraction of the peak (0.2 = 20 %). */
  readonly maxDrawdown: number | null;
  /** From the peak before the deepest trough to the first point back at that peak (or the last point). */
  readonly maxDrawdownDurationMs: number | null;
  /** The longest time spent below a previous peak. */
  readonly longestDrawdownMs: number | null;
  /** annualisedReturn / maxDrawdown. */
  readonly calmar: number | null;
  /** Fraction of points with an open position (gross exposure ≠ 0): time in the market. */
  readonly exposure: number | null;
  /** Mean of gross exposure / equity over the points. */
  readonly averageExposure: number | null;
  /** Notional traded over the curve / mean equity. */
  readonly turnover: number | null;
  /** turnover × periodsPerYear / periods. */
  readonly annualisedTurnover: number | null;
  /** Jensen's alpha against the benchmark, annualised arithmetically (× periodsPerYear). */
  readonly alpha: number | null;
  /** cov(returns, benchmark returns) / var(benchmark returns). */
  readonly beta: number | null;
}

const DAY_MS = 86_400_000;
const YEAR_MS = 365 * DAY_MS;

/**
 * Periods per year from the spacing of the points: 252 when they are a day apart and none falls on a
 * weekend (daily bars of a market with sessions), else 365 days / the median spacing.
 */
export function inferPeriodsPerYear(timestamps: readonly UnixMillis[]): number | null {
  if (timestamps.length < 2) return null;
  const gaps: number[] = [];
  for (let i = 1; i < timestamps.length; i++) gaps.push(timestamps[i]! - timestamps[i - 1]!);
  const spacing = median(gaps);
  if (!(spacing > 0)) return null;
  if (spacing === DAY_MS) {
    const weekend = timestamps.some((ts) => {
      const day = new Date(ts).getUTCDay();
      return day === 0 || day === 6;
    });
    if (!weekend) return 252;
  }
  return YEAR_MS / spacing;
}

export function performanceMetrics(
  points: readonly MetricPoint[],
  options: PerformanceOptions = {},
): PerformanceMetrics {
  const { benchmark, ...rest } = options;
  const config = parseWithSchema(PerformanceOptionsSchema, rest, "options");
  for (let i = 1; i < points.length; i++) {
    if (points[i]!.ts <= points[i - 1]!.ts) {
      throw ValidationError.field(
        ["points", i, "ts"],
        `equity curve points must be in strictly increasing time order: ${points[i]!.ts} is not after ${points[i - 1]!.ts}`,
      );
    }
  }
  const equity = points.map((p) => num(p.equity));
  const timestamps = points.map((p) => p.ts);
  const periods = Math.max(points.length - 1, 0);
  const ppy = config.periodsPerYear ?? inferPeriodsPerYear(timestamps);
  const returns = simpleReturns(equity);
  const rfPerPeriod = ppy === null ? Number.NaN : (1 + config.riskFreeRate) ** (1 / ppy) - 1;
  const excess = returns.map((r) => r - rfPerPeriod);
  const sqrtPpy = ppy === null ? Number.NaN : Math.sqrt(ppy);

  const first = equity[0];
  const last = equity.at(-1);
  const totalReturn =
    first !== undefined && last !== undefined && periods > 0 ? last / first - 1 : Number.NaN;
  const annualisedReturn = ppy === null ? Number.NaN : (1 + totalReturn) ** (ppy / periods) - 1;
  const stdev = sampleStdDev(returns);
  const downside = downsideDeviation(excess);
  const drawdown = drawdowns(equity, timestamps);
  const exposure = exposureOf(points, equity);
  const turnover = turnoverOf(points, equity);
  const relative = benchmark === undefined ? null : alphaBeta(points, equity, benchmark, rfPerPeriod, ppy);

  return {
    startTs: timestamps[0] ?? null,
    endTs: timestamps.at(-1) ?? null,
    periods,
    periodsPerYear: ppy,
    startEquity: first === undefined ? null : finiteOrNull(first),
    endEquity: last === undefined ? null : finiteOrNull(last),
    totalReturn: finiteOrNull(totalReturn),
    annualisedReturn: finiteOrNull(annualisedReturn),
    annualisedVolatility: finiteOrNull(stdev * sqrtPpy),
    sharpe: finiteOrNull((mean(excess) / stdev) * sqrtPpy),
    sortino: finiteOrNull((mean(excess) / downside) * sqrtPpy),
    maxDrawdown: points.length > 0 ? finiteOrNull(drawdown.max) : null,
    maxDrawdownDurationMs: points.length > 0 ? drawdown.maxDurationMs : null,
    longestDrawdownMs: points.length > 0 ? drawdown.longestMs : null,
    calmar: drawdown.max > 0 ? finiteOrNull(annualisedReturn / drawdown.max) : null,
    exposure: exposure.timeInMarket,
    averageExposure: exposure.average,
    turnover: finiteOrNull(turnover),
    annualisedTurnover: ppy === null ? null : finiteOrNull((turnover * ppy) / periods),
    alpha: relative === null ? null : finiteOrNull(relative.alpha),
    beta: relative === null ? null : finiteOrNull(relative.beta),
  };
}

function num(value: Decimal | number): number {
  return typeof value === "number" ? value : value.toNumber();
}

function simpleReturns(values: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < values.length; i++) out.push(values[i]! / values[i - 1]! - 1);
  return out;
}

/** √(Σ min(0, excess)² / N) over all N periods: only shortfalls below the risk-free rate count. */
function downsideDeviation(excess: readonly number[]): number {
  if (excess.length === 0) return Number.NaN;
  let squares = 0;
  for (const r of excess) if (r < 0) squares += r * r;
  return Math.sqrt(squares / excess.length);
}

function drawdowns(equity: readonly number[], timestamps: readonly UnixMillis[]) {
  let max = 0;
  let maxPeakIndex = 0;
  let maxTroughIndex = 0;
  let peak = equity[0] ?? 0;
  let peakIndex = 0;
  let longestMs = 0;
  for (let i = 1; i < equity.length; i++) {
    const e = equity[i]!;
    if (e >= peak) {
      // Only a return to the peak after points below it ends a drawdown: two peaks in a row (a flat or
      // rising curve over a weekend) are time at the peak, not below it.
      if (i > peakIndex + 1) longestMs = Math.max(longestMs, timestamps[i]! - timestamps[peakIndex]!);
      peak = e;
      peakIndex = i;
      continue;
    }
    const dd = (peak - e) / peak;
    if (dd > max) {
      max = dd;
      maxPeakIndex = peakIndex;
      maxTroughIndex = i;
    }
  }
  const lastIndex = equity.length - 1;
  if (lastIndex > peakIndex) longestMs = Math.max(longestMs, timestamps[lastIndex]! - timestamps[peakIndex]!);
  let maxDurationMs = 0;
  if (max > 0) {
    const peakValue = equity[maxPeakIndex]!;
    let end = lastIndex;
    for (let i = maxTroughIndex + 1; i <= lastIndex; i++) {
      if (equity[i]! >= peakValue) {
        end = i;
        break;
      }
    }
    maxDurationMs = timestamps[end]! - timestamps[maxPeakIndex]!;
  }
  return { max, maxDurationMs, longestMs };
}

function exposureOf(points: readonly MetricPoint[], equity: readonly number[]) {
  if (points.length === 0 || points.some((p) => p.grossExposure === undefined)) {
    return { timeInMarket: null, average: null };
  }
  let inMarket = 0;
  const ratios: number[] = [];
  points.forEach((p, i) => {
    const gross = num(p.grossExposure!);
    if (gross !== 0) inMarket += 1;
    ratios.push(gross / equity[i]!);
  });
  return { timeInMarket: inMarket / points.length, average: finiteOrNull(mean(ratios)) };
}

function turnoverOf(points: readonly MetricPoint[], equity: readonly number[]): number {
  const first = points[0]?.tradedNotional;
  const last = points.at(-1)?.tradedNotional;
  if (first === undefined || last === undefined || points.length < 2) return Number.NaN;
  return (num(last) - num(first)) / mean(equity);
}

function alphaBeta(
  points: readonly MetricPoint[],
  equity: readonly number[],
  benchmark: readonly BenchmarkPoint[],
  rfPerPeriod: number,
  ppy: number | null,
) {
  const byTs = new Map<number, number>();
  for (const b of benchmark) byTs.set(b.ts, num(b.value));
  const strategyValues: number[] = [];
  const benchmarkValues: number[] = [];
  points.forEach((p, i) => {
    const b = byTs.get(p.ts);
    if (b === undefined) return;
    strategyValues.push(equity[i]!);
    benchmarkValues.push(b);
  });
  const rs = simpleReturns(strategyValues);
  const rb = simpleReturns(benchmarkValues);
  const beta = sampleCovariance(rs, rb) / sampleCovariance(rb, rb);
  const alphaPerPeriod = mean(rs) - rfPerPeriod - beta * (mean(rb) - rfPerPeriod);
  return { beta, alpha: ppy === null ? Number.NaN : alphaPerPeriod * ppy };
}

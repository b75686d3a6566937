import type { MarketSeries } from "@ordo/data";
import type { BacktestResultJson } from "@ordo/engine";
import type { ReportInput } from "@ordo/report";

type ReportBar = ReportInput["instruments"][number]["bars"][number];

/** The bars of one series inside the run's window [start, end), as the report draws them. */
function barsInWindow(series: MarketSeries, start: number, end: number): ReportBar[] {
  if (series.kind !== "bar") return [];
  const bars: ReportBar[] = [];
  for (let i = 0; i < series.length; i++) {
    const ts = series.ts[i]!;
    if (ts < start || ts >= end) continue;
    bars.push({
      ts,
      open: series.open[i]!,
      high: series.high[i]!,
      low: series.low[i]!,
      close: series.close[i]!,
      volume: series.volume[i]!,
    });
  }
  return bars;
}

export interface ReportSource {
  readonly title: string;
  /** The run's result JSON (backtestResultToJSON). */
  readonly result: BacktestResultJson;
  /** Every instrument of the run, in config order, with the series loaded for it. */
  readonly instruments: readonly { readonly id: string; readonly series: MarketSeries }[];
  /** The replayed window; bars outside it are left off the charts. */
  readonly start: number | undefined;
  readonly end: number | undefined;
}

/**
 * The report's input from a run: the result JSON (decimals as text, so nothing is rounded on the way,
 * strategy errors included), each instrument's bars from its loaded series, and recorded values without
 * the non-finite ones (the result JSON writes those as null; a chart has no point for them).
 */
export function reportInputOf(source: ReportSource): ReportInput {
  const { result } = source;
  const start = source.start ?? Number.NEGATIVE_INFINITY;
  const end = source.end ?? Number.POSITIVE_INFINITY;
  const firstTs = result.start ?? result.equityCurve[0]?.ts ?? new Date(0).toISOString();
  return {
    title: source.title,
    start: firstTs,
    end: result.end ?? firstTs,
    currency: result.currency,
    startingValue: result.startingValue,
    finalValue: result.finalValue,
    cash: result.cash,
    realizedPnl: result.realizedPnl,
    unrealizedPnl: result.unrealizedPnl,
    commissions: result.commissions,
    account: { ...result.account, balances: [...result.account.balances] },
    positions: [...result.positions],
    eventLogHash: result.eventLogHash,
    instruments: source.instruments.map((i) => ({ id: i.id, bars: barsInWindow(i.series, start, end) })),
    equityCurve: [...result.equityCurve],
    fills: result.fills.map((f) => ({ ...f, side: f.side as "BUY" | "SELL" })),
    orders: result.orders as ReportInput["orders"],
    metrics: result.metrics as ReportInput["metrics"],
    tradeStats: result.tradeStats as ReportInput["tradeStats"],
    recorded: result.recorded.map((r) => ({
      ts: r.ts,
      values: Object.fromEntries(
        Object.entries(r.values).filter((entry): entry is [string, number] => entry[1] !== null),
      ),
    })),
    // The report warns about these at the top: a run whose strategy threw must not read as a clean one.
    strategyErrors: result.strategyErrors as NonNullable<ReportInput["strategyErrors"]>,
  };
}

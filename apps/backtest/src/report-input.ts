import type { MarketSeries } from "@ordo/data";
import type { BacktestResultJson } from "@ordo/engine";
import type { ReportInput } from "@ordo/report";

type ReportInstrument = ReportInput["instruments"][number];
type ReportBar = NonNullable<ReportInstrument["bars"]>[number];

/** The rows [first, last) of sorted times `ts` (of `length` rows) inside the window [start, end). */
function rowsInWindow(ts: Float64Array, length: number, start: number, end: number): [number, number] {
  let first = 0;
  while (first < length && ts[first]! < start) first++;
  let last = first;
  while (last < length && ts[last]! < end) last++;
  return [first, last];
}

/**
 * The prices of one instrument inside the run's window [start, end), as the report draws them: its
 * bars, or its quotes or trades for a run on ticks. Ticks go as the series' own columns (views, not
 * copies), since a tick file can hold millions of rows; the report downsamples them for the chart.
 */
function pricesInWindow(id: string, series: MarketSeries, start: number, end: number): ReportInstrument {
  if (series.kind === "quote") {
    const [first, last] = rowsInWindow(series.ts, series.length, start, end);
    const quotes = {
      ts: series.ts.subarray(first, last),
      bid: series.bid.subarray(first, last),
      ask: series.ask.subarray(first, last),
    };
    return { id, bars: [], quotes };
  }
  if (series.kind === "trade") {
    const [first, last] = rowsInWindow(series.ts, series.length, start, end);
    const trades = { ts: series.ts.subarray(first, last), price: series.price.subarray(first, last) };
    return { id, bars: [], trades };
  }
  return { id, bars: barsInWindow(series, start, end) };
}

/** The bars of one series inside the run's window [start, end). */
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
  /** The replayed window; prices outside it are left off the charts. */
  readonly start: number | undefined;
  readonly end: number | undefined;
}

/**
 * The report's input from a run: the result JSON (decimals as text, so nothing is rounded on the way,
 * strategy errors included), each instrument's bars, quotes or trades from its loaded series, and
 * recorded values without the non-finite ones (the result JSON writes those as null; a chart has no
 * point for them).
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
    instruments: source.instruments.map((i) => pricesInWindow(i.id, i.series, start, end)),
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

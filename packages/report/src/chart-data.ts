import { decimalToString } from "@ordo/core";
import {
  type CandleColumns,
  candleIndexAt,
  downsampleBars,
  downsampleLine,
  downsampleTickLine,
  type LineColumns,
} from "./downsample.js";
import type { ReportData, ReportFill } from "./report-input.js";

// Everything here is for drawing: chart coordinates are floats, so Decimals become numbers only at this
// point, while the tables print the exact decimal text.

/** Above this many trade markers on one chart their "B 10" / "S 10" labels are left off (shapes stay). */
export const MARKER_LABEL_LIMIT = 100;

/** A buy or a sell drawn at its fill's time (the candle holding it) and price. */
export interface TradeMarker {
  /** UTC seconds of the candle that holds the fill. */
  readonly t: number;
  readonly price: number;
  readonly side: "BUY" | "SELL";
  readonly label: string;
}

interface TimeAxis {
  /** Show hours and minutes on the time axis (points closer than a day apart). */
  readonly intraday: boolean;
  /** Show seconds too (points closer than a minute apart). */
  readonly seconds: boolean;
}

export interface PriceChart extends TimeAxis {
  readonly kind: "price";
  readonly element: string;
  readonly instrumentId: string;
  readonly candles: CandleColumns;
  readonly markers: readonly TradeMarker[];
  /** Decimal places of the price axis, from the data (0 to 8). */
  readonly precision: number;
}

/** One line of a tick chart: the bid or the ask of quotes, or the price of trades. */
export interface TickLine {
  readonly name: "bid" | "ask" | "trade";
  readonly line: LineColumns;
  /** Ticks it was drawn from (a quote side at 0, "no bid", is not one). */
  readonly inputPoints: number;
  /** Whether the ticks were bucketed down to the chart's limit (else only merged within each second). */
  readonly downsampled: boolean;
}

/** A trade marker on a tick chart, on the line it belongs to: a buy on the ask, a sell on the bid. */
export interface TickMarker extends TradeMarker {
  /** Index into the chart's `lines`. */
  readonly line: number;
}

/**
 * The price chart of an instrument run on ticks: bid and ask lines for quotes (buys fill at the ask,
 * sells at the bid, so each marker sits on its line), a line for trades.
 */
export interface TickChart extends TimeAxis {
  readonly kind: "ticks";
  readonly element: string;
  readonly instrumentId: string;
  readonly lines: readonly TickLine[];
  readonly markers: readonly TickMarker[];
  readonly precision: number;
}

export interface LineChart extends TimeAxis {
  readonly kind: "equity" | "drawdown" | "recorded";
  readonly element: string;
  readonly name: string;
  readonly line: LineColumns;
  readonly precision: number;
}

export type ChartSpec = PriceChart | TickChart | LineChart;

/** How many points of the input each chart drew from, for the notes beside the charts. */
export interface ChartSource {
  readonly element: string;
  readonly inputPoints: number;
  readonly shownPoints: number;
}

export function priceChartElement(index: number): string {
  return `chart-price-${index}`;
}

export function recordedChartElement(index: number): string {
  return `chart-recorded-${index}`;
}

/** Every chart of the report with its display data, downsampled to `maxPoints` per series. */
export function buildCharts(report: ReportData, maxPoints: number): ChartSpec[] {
  const charts: ChartSpec[] = [];
  const fillsByInstrument = new Map<string, ReportFill[]>();
  for (const fill of report.fills) {
    const list = fillsByInstrument.get(fill.instrumentId);
    if (list === undefined) fillsByInstrument.set(fill.instrumentId, [fill]);
    else list.push(fill);
  }
  report.instruments.forEach((instrument, index) => {
    if (instrument.bars.length === 0) {
      const ticks = tickChart(instrument, fillsByInstrument.get(instrument.id) ?? [], index, maxPoints);
      if (ticks !== null) charts.push(ticks);
      return;
    }
    const candles = downsampleBars(instrument.bars, maxPoints);
    const fills = fillsByInstrument.get(instrument.id) ?? [];
    const markers = tradeMarkers(fills, candles.t);
    const samplePrices: number[] = [];
    for (let i = 0; i < Math.min(instrument.bars.length, 2000); i++) {
      const bar = instrument.bars[i]!;
      samplePrices.push(bar.open, bar.high, bar.low, bar.close);
    }
    // The axis shows the data's decimals: a fill at a finer price (a stop at 95% of an entry, a slipped
    // fill) is drawn at its exact price, and its exact value is in the fills table.
    charts.push({
      kind: "price",
      element: priceChartElement(index),
      instrumentId: instrument.id,
      candles,
      markers,
      precision: decimalPlaces(samplePrices),
      ...timeAxis(candles.t),
    });
  });
  if (report.equityCurve.length > 0) {
    const times = report.equityCurve.map((p) => p.ts);
    const equity = report.equityCurve.map((p) => Number(p.equity));
    const line = downsampleLine(times, equity, maxPoints);
    charts.push({
      kind: "equity",
      element: "chart-equity",
      name: "Equity",
      line,
      precision: 2,
      ...timeAxis(line.t),
    });
    const drawdown = downsampleLine(times, drawdownPercent(report), maxPoints);
    charts.push({
      kind: "drawdown",
      element: "chart-drawdown",
      name: "Drawdown %",
      line: drawdown,
      precision: 2,
      ...timeAxis(drawdown.t),
    });
  }
  recordedSeries(report).forEach((series, index) => {
    const line = downsampleLine(series.times, series.values, maxPoints);
    charts.push({
      kind: "recorded",
      element: recordedChartElement(index),
      name: series.name,
      line,
      precision: Math.min(4, decimalPlaces(series.values.slice(0, 2000))),
      ...timeAxis(line.t),
    });
  });
  return charts;
}

/** Drawdown in percent per equity point: the input's own when every point has one, else from equity. */
export function drawdownPercent(report: ReportData): number[] {
  const curve = report.equityCurve;
  if (curve.length > 0 && curve.every((p) => p.drawdown !== undefined)) {
    return curve.map((p) => Number(p.drawdown) * 100);
  }
  const out = new Array<number>(curve.length);
  let peak = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < curve.length; i++) {
    const equity = Number(curve[i]!.equity);
    if (equity > peak) peak = equity;
    out[i] = peak > 0 ? (equity / peak - 1) * 100 : 0;
  }
  return out;
}

/** The recorded values as one series per key, in the order keys first appear. */
export function recordedSeries(report: ReportData): { name: string; times: number[]; values: number[] }[] {
  const byName = new Map<string, { name: string; times: number[]; values: number[] }>();
  for (const point of report.recorded ?? []) {
    for (const [name, value] of Object.entries(point.values)) {
      let series = byName.get(name);
      if (series === undefined) {
        series = { name, times: [], values: [] };
        byName.set(name, series);
      }
      series.times.push(point.ts);
      series.values.push(value);
    }
  }
  return [...byName.values()];
}

type ReportInstrument = ReportData["instruments"][number];

/** One tick line from a column of prices, leaving out the zeros (a file's "no bid"). */
function tickLine(
  name: TickLine["name"],
  times: ArrayLike<number>,
  prices: ArrayLike<number>,
  maxPoints: number,
): TickLine {
  const { line, ticks } = downsampleTickLine(times, prices, maxPoints);
  return { name, line, inputPoints: ticks, downsampled: ticks > maxPoints };
}

/**
 * The chart of an instrument without bars, from its quotes (bid and ask lines) and trades (a price
 * line), each line downsampled to `maxPoints`; null when it has no tick to draw either.
 */
function tickChart(
  instrument: ReportInstrument,
  fills: readonly ReportFill[],
  index: number,
  maxPoints: number,
): TickChart | null {
  const { quotes, trades } = instrument;
  const lines: TickLine[] = [];
  if (quotes !== undefined) {
    lines.push(tickLine("bid", quotes.ts, quotes.bid, maxPoints));
    lines.push(tickLine("ask", quotes.ts, quotes.ask, maxPoints));
  }
  if (trades !== undefined) lines.push(tickLine("trade", trades.ts, trades.price, maxPoints));
  const drawn = lines.filter((l) => l.line.t.length > 0);
  if (drawn.length === 0) return null;
  // A buy fills at the ask and a sell at the bid, so each goes on that line; on trades alone (or when a
  // side has no price at all) on the trade line, else the first.
  const indexOf = (name: TickLine["name"]) => drawn.findIndex((l) => l.name === name);
  const fallback = Math.max(indexOf("trade"), 0);
  const lineOf = (name: TickLine["name"]) => (indexOf(name) >= 0 ? indexOf(name) : fallback);
  const markers: TickMarker[] = [];
  for (const [line, side] of [
    [lineOf("ask"), "BUY"],
    [lineOf("bid"), "SELL"],
  ] as const) {
    const own = fills.filter((f) => f.side === side);
    for (const marker of tradeMarkers(own, drawn[line]!.line.t, fills.length))
      markers.push({ ...marker, line });
  }
  markers.sort((a, b) => a.t - b.t);
  const samplePrices: number[] = [];
  for (const l of drawn) samplePrices.push(...l.line.y.slice(0, 2000));
  let intraday = false;
  let seconds = false;
  for (const l of drawn) {
    const axis = timeAxis(l.line.t);
    intraday ||= axis.intraday;
    seconds ||= axis.seconds;
  }
  return {
    kind: "ticks",
    element: priceChartElement(index),
    instrumentId: instrument.id,
    lines: drawn,
    markers,
    precision: decimalPlaces(samplePrices),
    intraday,
    seconds,
  };
}

function tradeMarkers(
  fills: readonly ReportFill[],
  candleTimes: readonly number[],
  fillsOnChart: number = fills.length,
): TradeMarker[] {
  const labelled = fillsOnChart <= MARKER_LABEL_LIMIT;
  const markers = fills.map((fill) => {
    const candle = candleIndexAt(candleTimes, Math.floor(fill.at / 1000));
    return {
      t: candleTimes[candle]!,
      price: fill.price.toNumber(),
      side: fill.side,
      label: labelled ? `${fill.side === "BUY" ? "B" : "S"} ${decimalToString(fill.quantity)}` : "",
    };
  });
  // The library draws markers in time order; sort is stable, so same-candle fills keep their order.
  return markers.sort((a, b) => a.t - b.t);
}

function timeAxis(seconds: readonly number[]): TimeAxis {
  // One point has no spacing to go by: show as much of its own time as it has (a date at midnight, else
  // hours and minutes, and seconds when it has them).
  if (seconds.length === 1) {
    const only = seconds[0]!;
    return { intraday: only % 86_400 !== 0, seconds: only % 60 !== 0 };
  }
  let smallest = Number.POSITIVE_INFINITY;
  for (let i = 1; i < seconds.length; i++) {
    const gap = seconds[i]! - seconds[i - 1]!;
    if (gap < smallest) smallest = gap;
  }
  return { intraday: smallest < 86_400, seconds: smallest < 60 };
}

/** The most decimal places any of the values is written with (their shortest text), from 0 to 8. */
export function decimalPlaces(values: readonly number[]): number {
  let places = 0;
  for (const value of values) {
    const text = String(value);
    if (text.includes("e")) return 8;
    const dot = text.indexOf(".");
    if (dot >= 0) places = Math.max(places, text.length - dot - 1);
    if (places >= 8) return 8;
  }
  return places;
}

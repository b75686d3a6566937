import { decimalToString } from "@ordo/core";
import {
  type CandleColumns,
  candleIndexAt,
  downsampleBars,
  downsampleLine,
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

export interface LineChart extends TimeAxis {
  readonly kind: "equity" | "drawdown" | "recorded";
  readonly element: string;
  readonly name: string;
  readonly line: LineColumns;
  readonly precision: number;
}

export type ChartSpec = PriceChart | LineChart;

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
    if (instrument.bars.length === 0) return;
    const candles = downsampleBars(instrument.bars, maxPoints);
    const fills = fillsByInstrument.get(instrument.id) ?? [];
    const markers = tradeMarkers(fills, candles.t);
    const samplePrices: number[] = [];
    for (let i = 0; i < Math.min(instrument.bars.length, 2000); i++) {
      const bar = instrument.bars[i]!;
      samplePrices.push(bar.open, bar.high, bar.low, bar.close);
    }
    for (const marker of markers) samplePrices.push(marker.price);
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

function tradeMarkers(fills: readonly ReportFill[], candleTimes: readonly number[]): TradeMarker[] {
  const labelled = fills.length <= MARKER_LABEL_LIMIT;
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

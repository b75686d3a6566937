import { BarSeries } from "@ordo/data";
import type { BacktestOptions } from "../src/index.js";

export const AAPL = { id: "AAPL.XNAS", assetClass: "equity", currency: "USD", tickSize: "0.01" } as const;
export const MSFT = { id: "MSFT.XNAS", assetClass: "equity", currency: "USD", tickSize: "0.01" } as const;

export const DAY = 86_400_000;
export const T0 = Date.parse("2024-01-02T21:00:00Z");

/** Daily bars at 21:00Z from OHLC tuples (volume 1,000,000). */
export function dailyBars(
  instrumentId: string,
  ohlc: readonly (readonly [number, number, number, number])[],
): BarSeries {
  return BarSeries.fromBars(
    instrumentId,
    ohlc.map(([open, high, low, close], i) => ({
      ts: T0 + i * DAY,
      open,
      high,
      low,
      close,
      volume: 1_000_000,
    })),
  );
}

/** Bars whose open = high = low = close = each price. */
export function flatBars(instrumentId: string, prices: readonly number[]): BarSeries {
  return dailyBars(
    instrumentId,
    prices.map((p) => [p, p, p, p] as const),
  );
}

export const cashAccount = (balance = "100000"): BacktestOptions["account"] => ({
  type: "cash",
  currency: "USD",
  balance,
});

// Shared helpers for the example tests: instruments, hand-made daily bars on real NYSE sessions, the
// real data test bed in ../shared/data, and a compact way to read a backtest's orders and fills.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Order } from "@ordo/core";
import { BarSeries, loadBarsCsv, XNYS } from "@ordo/data";
import type { BacktestOptions, BacktestResult } from "@ordo/engine";

/** A US equity on the NYSE calendar: tick 0.01, lot 1. */
export const equity = (id: string) =>
  ({ id, assetClass: "equity", currency: "USD", tickSize: "0.01", calendar: "XNYS" }) as const;

export const KO = equity("KO.XNYS");
export const PEP = equity("PEP.XNYS");
export const AAPL = equity("AAPL.XNAS");

export type Ohlc = readonly [open: number, high: number, low: number, close: number];

/**
 * Daily bars on consecutive NYSE sessions from `firstDate` (holidays skipped), each stamped at its
 * session's close, as a data vendor's daily file loaded with the XNYS calendar would be.
 */
export function dailyBars(
  instrumentId: string,
  ohlc: readonly Ohlc[],
  options: { firstDate?: string; volume?: number | readonly number[] } = {},
): BarSeries {
  const sessions = nyseSessions(options.firstDate ?? "2024-01-02", ohlc.length);
  return BarSeries.fromBars(
    instrumentId,
    ohlc.map(([open, high, low, close], i) => ({
      ts: sessions[i]!.close,
      open,
      high,
      low,
      close,
      volume: typeof options.volume === "object" ? options.volume[i]! : (options.volume ?? 1_000_000),
    })),
  );
}

/** Bars whose open, high, low and close are all the same price. */
export function flatBars(
  instrumentId: string,
  prices: readonly number[],
  options: { firstDate?: string; volume?: number } = {},
): BarSeries {
  return dailyBars(
    instrumentId,
    prices.map((p) => [p, p, p, p] as const),
    options,
  );
}

/** `count` consecutive NYSE sessions starting on `firstDate` (which must be a trading day). */
export function nyseSessions(firstDate: string, count: number) {
  const first = XNYS.sessionOn(firstDate);
  if (first === null) throw new Error(`${firstDate} is not an NYSE trading day`);
  const sessions = [first];
  while (sessions.length < count) sessions.push(XNYS.nextSession(sessions.at(-1)!.close));
  return sessions;
}

/** The date (New York) of an epoch-ms time. */
export const nyDate = (ts: number) => XNYS.dateOf(ts);

export const cashAccount = (balance = "100000"): BacktestOptions["account"] => ({
  type: "cash",
  currency: "USD",
  balance,
});

export const marginAccount = (balance = "100000"): BacktestOptions["account"] => ({
  type: "margin",
  currency: "USD",
  balance,
  leverage: "2",
});

/** Fills as `SIDE qty@price on YYYY-MM-DD`, the way the tests pin them. */
export const fillLines = (result: BacktestResult) =>
  result.fills.map((f) => `${f.side} ${f.quantity}@${f.price} ${nyDate(f.at)}`);

/** One order as `TYPE SIDE qty [@price] [trigger t] STATUS [filled/qty when partly filled]`. */
export function orderLine(order: Order): string {
  const parts = [order.type, order.side, order.quantity.toString()];
  if (order.price !== null) parts.push(`@${order.price}`);
  if (order.triggerPrice !== null) parts.push(`trigger ${order.triggerPrice}`);
  parts.push(order.status);
  if (!order.filledQuantity.isZero() && order.filledQuantity.lt(order.quantity))
    parts.push(`${order.filledQuantity}/${order.quantity}`);
  return parts.join(" ");
}

export const orderLines = (result: BacktestResult) => result.orders.map(orderLine);

// ------------------------------------------------------------------------------------------------------
// The real data test bed (../shared/data beside the repository). Never copied into the repository.
// ------------------------------------------------------------------------------------------------------

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SHARED_DATA = join(repoRoot, "..", "shared", "data");
export const hasSharedData = existsSync(join(SHARED_DATA, "README.md"));
export const SHARED_DATA_MISSING = `shared test data not found at ${SHARED_DATA}; these tests read the real files there`;
if (!hasSharedData) console.warn(`@ordo/examples: ${SHARED_DATA_MISSING}`);

/** A daily file of the test bed as bars stamped at the NYSE close of each date. */
export async function loadDaily(file: string, instrumentId: string, options: { adjust?: boolean } = {}) {
  const { series } = await loadBarsCsv(join(SHARED_DATA, file), {
    instrumentId,
    calendar: XNYS,
    adjust: options.adjust ?? false,
  });
  return series;
}

const EVENT_FIELDS = ["quantity", "price", "triggerPrice", "liquidity", "code", "reason"] as const;
const QUIET_EVENTS = new Set([
  "OrderInitialized",
  "OrderSubmitted",
  "OrderAccepted",
  "OrderPendingUpdate",
  "OrderPendingCancel",
]);

/**
 * The run's order events (needs `keepEventLog: true`) as `YYYY-MM-DD Type #n field=value ...`, orders
 * numbered in creation order. The routine steps of every order (initialized, submitted, accepted, pending)
 * are left out unless `all` is set, so a test reads as what happened to the orders.
 */
export function eventLines(result: BacktestResult, options: { all?: boolean } = {}): string[] {
  const number = new Map(result.orders.map((o, i) => [o.id, `#${i + 1}`]));
  const lines: string[] = [];
  for (const line of result.eventLog ?? []) {
    const e = JSON.parse(line) as Record<string, unknown>;
    const type = String(e.type);
    if (!type.startsWith("Order") || (!options.all && QUIET_EVENTS.has(type))) continue;
    const fields = EVENT_FIELDS.filter((k) => e[k] !== undefined && e[k] !== null).map(
      (k) => `${k}=${String(e[k])}`,
    );
    lines.push([nyDate(Number(e.tsEvent)), type, number.get(String(e.orderId)), ...fields].join(" "));
  }
  return lines;
}

import { type Decimal, decimalToString, formatTimestamp } from "@ordo/core";
import { parseReportInput, type ReportInput } from "./report-input.js";

type Statistics = Record<string, number | string | null>;

/**
 * A report input in its JSON form: decimals as plain strings, times as ISO-8601 UTC, absent prices as
 * null. It is itself a valid `ReportInput`, so it can be saved next to the HTML and rendered again.
 */
export interface ReportJson {
  title: string;
  start: string;
  end: string;
  currency: string;
  startingValue: string;
  finalValue: string;
  cash: string;
  realizedPnl?: string;
  unrealizedPnl?: string;
  commissions?: string;
  account?: {
    type: "cash" | "margin";
    leverage: string | null;
    balances: {
      currency: string;
      cash: string;
      equity: string;
      initialMargin: string;
      maintenanceMargin: string;
      buyingPower: string | null;
      marginCall: boolean;
      marginHistory?: {
        samples: number;
        peakInitialMargin: string;
        peakInitialMarginAt: string | null;
        marginCallSamples: number;
        firstMarginCallAt: string | null;
      } | null;
    }[];
  };
  positions?: {
    instrumentId: string;
    side?: "LONG" | "SHORT";
    quantity: string;
    avgOpenPrice: string;
    realizedPnl: string;
    unrealizedPnl: string;
  }[];
  eventLogHash: string;
  instruments: {
    id: string;
    bars: { ts: string; open: number; high: number; low: number; close: number; volume?: number }[];
    /** Only when the input gives them (a run on quotes): columns, one entry per quote. */
    quotes?: { ts: string[]; bid: number[]; ask: number[] };
    /** Only when the input gives them (a run on trades): columns, one entry per trade. */
    trades?: { ts: string[]; price: number[] };
  }[];
  equityCurve: { ts: string; equity: string; drawdown?: string }[];
  fills: {
    at: string;
    orderId: string;
    instrumentId: string;
    side: "BUY" | "SELL";
    price: string;
    quantity: string;
    commission: string;
  }[];
  orders: {
    id: string;
    instrumentId: string;
    side: "BUY" | "SELL";
    type: string;
    status: string;
    quantity: string;
    filledQuantity: string;
    avgPrice: string | null;
    price: string | null;
    triggerPrice: string | null;
    /** Present when the order ended denied, rejected, failed or canceled with a reason. */
    reason?: string;
  }[];
  metrics: Statistics;
  tradeStats: Statistics;
  recorded?: { ts: string; values: Record<string, number> }[];
  strategyErrors?: { ts: string; strategyId: string; hook: string; message: string }[];
}

const text = (value: Decimal): string => decimalToString(value);
const time = (ts: number | null): string | null => (ts === null ? null : formatTimestamp(ts));
const optional = (value: Decimal | null | undefined): string | null =>
  value === null || value === undefined ? null : decimalToString(value);

/** Validates a report input and returns its canonical JSON form (throws a ValidationError when invalid). */
export function reportToJSON(input: ReportInput): ReportJson {
  const report = parseReportInput(input);
  const json: ReportJson = {
    title: report.title,
    start: formatTimestamp(report.start),
    end: formatTimestamp(report.end),
    currency: report.currency,
    startingValue: text(report.startingValue),
    finalValue: text(report.finalValue),
    cash: text(report.cash),
    ...(report.realizedPnl !== undefined && { realizedPnl: text(report.realizedPnl) }),
    ...(report.unrealizedPnl !== undefined && { unrealizedPnl: text(report.unrealizedPnl) }),
    ...(report.commissions !== undefined && { commissions: text(report.commissions) }),
    ...(report.account !== undefined && {
      account: {
        type: report.account.type,
        leverage: optional(report.account.leverage),
        balances: report.account.balances.map((balance) => ({
          currency: balance.currency,
          cash: text(balance.cash),
          equity: text(balance.equity),
          initialMargin: text(balance.initialMargin),
          maintenanceMargin: text(balance.maintenanceMargin),
          buyingPower: optional(balance.buyingPower),
          marginCall: balance.marginCall,
          ...(balance.marginHistory !== undefined && {
            marginHistory:
              balance.marginHistory === null
                ? null
                : {
                    samples: balance.marginHistory.samples,
                    peakInitialMargin: text(balance.marginHistory.peakInitialMargin),
                    peakInitialMarginAt: time(balance.marginHistory.peakInitialMarginAt),
                    marginCallSamples: balance.marginHistory.marginCallSamples,
                    firstMarginCallAt: time(balance.marginHistory.firstMarginCallAt),
                  },
          }),
        })),
      },
    }),
    ...(report.positions !== undefined && {
      positions: report.positions.map((position) => ({
        instrumentId: position.instrumentId,
        ...(position.side !== undefined && { side: position.side }),
        quantity: text(position.quantity),
        avgOpenPrice: text(position.avgOpenPrice),
        realizedPnl: text(position.realizedPnl),
        unrealizedPnl: text(position.unrealizedPnl),
      })),
    }),
    eventLogHash: report.eventLogHash,
    instruments: report.instruments.map((instrument) => ({
      id: instrument.id,
      bars: instrument.bars.map((bar) => {
        const out = {
          ts: formatTimestamp(bar.ts),
          open: bar.open,
          high: bar.high,
          low: bar.low,
          close: bar.close,
        };
        return bar.volume === undefined ? out : { ...out, volume: bar.volume };
      }),
      ...(instrument.quotes !== undefined && {
        quotes: {
          ts: Array.from(instrument.quotes.ts, formatTimestamp),
          bid: Array.from(instrument.quotes.bid),
          ask: Array.from(instrument.quotes.ask),
        },
      }),
      ...(instrument.trades !== undefined && {
        trades: {
          ts: Array.from(instrument.trades.ts, formatTimestamp),
          price: Array.from(instrument.trades.price),
        },
      }),
    })),
    equityCurve: report.equityCurve.map((point) => {
      const out = { ts: formatTimestamp(point.ts), equity: point.equity };
      return point.drawdown === undefined ? out : { ...out, drawdown: point.drawdown };
    }),
    fills: report.fills.map((fill) => ({
      at: formatTimestamp(fill.at),
      orderId: fill.orderId,
      instrumentId: fill.instrumentId,
      side: fill.side,
      price: text(fill.price),
      quantity: text(fill.quantity),
      commission: text(fill.commission),
    })),
    orders: report.orders.map((order) => ({
      id: order.id,
      instrumentId: order.instrumentId,
      side: order.side,
      type: order.type,
      status: order.status,
      quantity: text(order.quantity),
      filledQuantity: text(order.filledQuantity),
      avgPrice: optional(order.avgPrice),
      price: optional(order.price),
      triggerPrice: optional(order.triggerPrice),
      ...(order.reason != null && { reason: order.reason }),
    })),
    metrics: { ...report.metrics },
    tradeStats: { ...report.tradeStats },
  };
  if (report.recorded !== undefined) {
    json.recorded = report.recorded.map((point) => ({
      ts: formatTimestamp(point.ts),
      values: { ...point.values },
    }));
  }
  if (report.strategyErrors !== undefined) {
    json.strategyErrors = report.strategyErrors.map((error) => ({
      ts: formatTimestamp(error.ts),
      strategyId: error.strategyId,
      hook: error.hook,
      message: error.message,
    }));
  }
  return json;
}

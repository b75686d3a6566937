import { Decimal, decimalToString, formatTimestamp, toJsonValue } from "@ordo/core";
import type { MarginHistory } from "@ordo/portfolio";
import type { BacktestResult } from "./backtest.js";

type Json = ReturnType<typeof toJsonValue>;

/** Result JSON of a backtest (docs/backtest-cli.md, "Outputs"): decimals as strings, times as ISO-8601 UTC, no NaN. */
export interface BacktestResultJson {
  readonly strategyId: string;
  readonly start: string | null;
  readonly end: string | null;
  readonly currency: string;
  readonly startingValue: string;
  readonly finalValue: string;
  readonly cash: string;
  /** Every fill's realized PnL in `currency`, before commissions (round trips closed or not). */
  readonly realizedPnl: string;
  readonly unrealizedPnl: string;
  readonly commissions: string;
  readonly account: BacktestAccountJson;
  readonly fills: readonly {
    at: string;
    orderId: string;
    instrumentId: string;
    side: string;
    price: string;
    quantity: string;
    commission: string;
  }[];
  readonly orders: readonly Record<string, Json>[];
  readonly positions: readonly BacktestPositionJson[];
  readonly metrics: Record<string, Json>;
  readonly tradeStats: Record<string, Json>;
  readonly equityCurve: readonly { ts: string; equity: string; drawdown: string }[];
  readonly recorded: readonly { ts: string; values: Record<string, number | null> }[];
  readonly strategyErrors: readonly Record<string, Json>[];
  /** Risk and circuit-breaker events, times as ISO-8601 UTC (`{ ts, type: "CircuitBreakerTripped", code, reason }`). */
  readonly riskEvents: readonly Record<string, Json>[];
  readonly eventLogHash: string;
}

/** An open position at the end (`BacktestPosition`), decimals as strings. */
export interface BacktestPositionJson {
  readonly instrumentId: string;
  readonly side: "LONG" | "SHORT";
  readonly quantity: string;
  readonly avgOpenPrice: string;
  readonly realizedPnl: string;
  readonly unrealizedPnl: string;
}

/** The account at the end (`BacktestAccount`): margin in use, buying power and balances per currency. */
export interface BacktestAccountJson {
  readonly type: "cash" | "margin";
  readonly leverage: string | null;
  readonly balances: readonly {
    readonly currency: string;
    readonly cash: string;
    readonly equity: string;
    readonly initialMargin: string;
    readonly maintenanceMargin: string;
    readonly buyingPower: string | null;
    readonly marginCall: boolean;
    /** `BacktestBalance.marginHistory`, times as ISO-8601 UTC. */
    readonly marginHistory: {
      readonly samples: number;
      readonly peakInitialMargin: string;
      readonly peakInitialMarginAt: string | null;
      readonly marginCallSamples: number;
      readonly firstMarginCallAt: string | null;
    } | null;
  }[];
}

const ORDER_KEYS = [
  "id",
  "instrumentId",
  "strategyId",
  "side",
  "type",
  "status",
  "quantity",
  "filledQuantity",
  "leavesQuantity",
  "avgPrice",
  "price",
  "triggerPrice",
  "timeInForce",
  "expireAt",
  // A trailing order's { offsetType, offset, limitOffset, activationPrice }; null on other orders, as
  // `contingency` is on orders without links.
  "trailing",
  "reduceOnly",
  "postOnly",
  // An iceberg's shown size; null on other orders.
  "displayQuantity",
  "contingency",
  "tags",
  "commissions",
  "initAt",
  "updatedAt",
] as const;

function marginHistoryJson(
  h: MarginHistory,
): NonNullable<BacktestAccountJson["balances"][number]["marginHistory"]> {
  return {
    samples: h.samples,
    peakInitialMargin: decimalToString(h.peakInitialMargin),
    peakInitialMarginAt: h.peakInitialMarginAt === null ? null : formatTimestamp(h.peakInitialMarginAt),
    marginCallSamples: h.marginCallSamples,
    firstMarginCallAt: h.firstMarginCallAt === null ? null : formatTimestamp(h.firstMarginCallAt),
  };
}

const finite = (n: number) => (Number.isFinite(n) ? n : null);

/** Converts a BacktestResult to its JSON document. */
export function backtestResultToJSON(result: BacktestResult): BacktestResultJson {
  let peak = result.equityCurve[0]?.equity;
  const equityCurve = result.equityCurve.map((p) => {
    if (peak === undefined || p.equity.gt(peak)) peak = p.equity;
    const drawdown = peak.isZero() ? p.equity.minus(peak) : p.equity.minus(peak).div(peak);
    // A fraction of the peak, to 10 decimal places (half-even): a quotient carries the Decimal context's
    // 40 digits, of which the ten-billionth of the equity is already below a cent on any account.
    const rounded = drawdown.toDecimalPlaces(10, Decimal.ROUND_HALF_EVEN);
    return {
      ts: formatTimestamp(p.ts),
      equity: p.equity.toFixed(),
      drawdown: rounded.isZero() ? "0" : rounded.toFixed(),
    };
  });
  return {
    strategyId: result.strategyId,
    start: result.start === null ? null : formatTimestamp(result.start),
    end: result.end === null ? null : formatTimestamp(result.end),
    currency: result.currency,
    startingValue: result.startingValue.toFixed(),
    finalValue: result.finalValue.toFixed(),
    cash: result.cash.toFixed(),
    realizedPnl: decimalToString(result.realizedPnl),
    unrealizedPnl: decimalToString(result.unrealizedPnl),
    commissions: decimalToString(result.commissions),
    account: {
      type: result.account.type,
      leverage: result.account.leverage === null ? null : decimalToString(result.account.leverage),
      balances: result.account.balances.map((b) => ({
        currency: b.currency,
        cash: decimalToString(b.cash),
        equity: decimalToString(b.equity),
        initialMargin: decimalToString(b.initialMargin),
        maintenanceMargin: decimalToString(b.maintenanceMargin),
        buyingPower: b.buyingPower === null ? null : decimalToString(b.buyingPower),
        marginCall: b.marginCall,
        marginHistory: b.marginHistory === null ? null : marginHistoryJson(b.marginHistory),
      })),
    },
    fills: result.fills.map((f) => ({
      at: formatTimestamp(f.at),
      orderId: f.orderId,
      instrumentId: f.instrumentId,
      side: f.side,
      price: f.price.toFixed(),
      quantity: f.quantity.toFixed(),
      commission: f.commission.toFixed(),
    })),
    orders: result.orders.map((o) => {
      const out: Record<string, Json> = {};
      for (const k of ORDER_KEYS) {
        out[k] = toJsonValue(o[k], undefined, k);
        if (k === "status") {
          const reason = result.endReasons.get(o.id);
          if (reason !== undefined) out.reason = reason;
        }
      }
      return out;
    }),
    positions: result.positions.map((p) => ({
      instrumentId: p.instrumentId,
      side: p.side,
      quantity: decimalToString(p.quantity),
      avgOpenPrice: decimalToString(p.avgOpenPrice),
      realizedPnl: decimalToString(p.realizedPnl),
      unrealizedPnl: decimalToString(p.unrealizedPnl),
    })),
    metrics: toJsonValue(result.metrics) as Record<string, Json>,
    tradeStats: toJsonValue(result.tradeStats) as Record<string, Json>,
    equityCurve,
    recorded: result.recorded.map((r) => ({
      ts: formatTimestamp(r.ts),
      values: Object.fromEntries(Object.entries(r.values).map(([k, v]) => [k, finite(v)])),
    })),
    strategyErrors: result.strategyErrors.map((e) => toJsonValue(e) as Record<string, Json>),
    riskEvents: result.riskEvents.map((e) => toJsonValue(e) as Record<string, Json>),
    eventLogHash: result.eventLogHash,
  };
}

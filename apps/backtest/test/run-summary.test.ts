import type { BacktestResultJson } from "@ordo/engine";
import { describe, expect, it } from "vitest";
import { formatSummary } from "../src/run-summary.js";
import { docText } from "./run-ordo.js";

function result(overrides: Partial<BacktestResultJson>): BacktestResultJson {
  return {
    strategyId: "Greedy",
    start: "2020-01-02T21:00:00Z",
    end: "2020-12-31T21:00:00Z",
    currency: "USD",
    startingValue: "100000",
    finalValue: "101234.565",
    cash: "101234.565",
    realizedPnl: "0",
    unrealizedPnl: "0",
    commissions: "0",
    account: {
      type: "cash",
      leverage: null,
      balances: [
        {
          currency: "USD",
          cash: "101234.565",
          equity: "101234.565",
          initialMargin: "0",
          maintenanceMargin: "0",
          buyingPower: "101234.565",
          marginCall: false,
        },
      ],
    },
    fills: [],
    orders: [],
    positions: [],
    metrics: {},
    tradeStats: { trades: 0, wins: 0 },
    equityCurve: [],
    recorded: [],
    strategyErrors: [],
    riskEvents: [],
    eventLogHash: "ab".repeat(32),
    ...overrides,
  };
}

const summary = (r: BacktestResultJson) =>
  formatSummary({ strategyName: "Greedy", instrumentIds: ["SIM.XNYS"], result: r, events: 252, outputs: [] });

describe("the run summary", () => {
  it("says how many orders were refused and why, most frequent reason first", () => {
    const orders = [
      { id: "1", status: "FILLED" },
      { id: "2", status: "DENIED", reason: "INSUFFICIENT_FUNDS: order needs 5000 USD, buying power is 10" },
      { id: "3", status: "DENIED", reason: "INSUFFICIENT_FUNDS: order needs 7000 USD, buying power is 10" },
      { id: "4", status: "CANCELED", reason: "LONG_ONLY: cash account ACCOUNT cannot sell short" },
      { id: "5", status: "CANCELED" },
      { id: "6", status: "REJECTED", reason: "post-only order would take liquidity" },
    ];
    expect(summary(result({ orders })).split("\n").slice(5, 10)).toEqual([
      "  orders          6 (2 denied, 1 canceled with a reason, 1 rejected)",
      "    2 × INSUFFICIENT_FUNDS",
      "    1 × LONG_ONLY",
      "    1 × post-only order would take liquidity",
      `event log hash: ${"ab".repeat(32)}`,
    ]);
  });

  it("counts cancels by a linked order apart and lists no reason for them: the contingency did its job", () => {
    const orders = [
      { id: "1", status: "FILLED" },
      { id: "2", status: "CANCELED", reason: "OCO: linked order 1 filled" },
      { id: "3", status: "CANCELED", reason: "OUO: linked order 4 was canceled" },
      { id: "4", status: "CANCELED", reason: "OTO: parent order 5 was canceled before releasing it" },
      { id: "5", status: "CANCELED", reason: "IOC: 40 not filled on arrival" },
    ];
    expect(summary(result({ orders })).split("\n").slice(5, 8)).toEqual([
      "  orders          5 (3 canceled by a linked order, 1 canceled with a reason)",
      "    1 × IOC",
      `event log hash: ${"ab".repeat(32)}`,
    ]);
  });

  it("shows three reasons at most and says how many more there are", () => {
    const orders = ["A_CODE", "B_CODE", "C_CODE", "D_CODE", "E_CODE"].map((code, i) => ({
      id: String(i),
      status: "DENIED",
      reason: `${code}: order ${i}`,
    }));
    const lines = summary(result({ orders })).split("\n");
    expect(lines.slice(5, 10)).toEqual([
      "  orders          5 (5 denied)",
      "    1 × A_CODE",
      "    1 × B_CODE",
      "    1 × C_CODE",
      "    ... 2 more reasons (each order's is in the result JSON)",
    ]);
  });

  it("says when the circuit breaker tripped, and prints no order or breaker lines for a clean run", () => {
    const riskEvents = [
      {
        type: "CircuitBreakerTripped",
        ts: "2020-03-16T20:00:00Z",
        code: "MAX_DRAWDOWN",
        reason: "drawdown 12% reached the limit of 10%",
      },
      {
        type: "TradingStateChanged",
        ts: "2020-03-16T20:00:00Z",
        state: "HALTED",
        reason: "circuit breaker tripped",
      },
      {
        type: "CircuitBreakerTripped",
        ts: "2020-06-01T20:00:00Z",
        code: "MAX_DAILY_LOSS",
        reason: "daily loss 3%",
      },
    ];
    expect(summary(result({ riskEvents }))).toContain(
      "\n  breaker         tripped 2 times, first at 2020-03-16T20:00:00Z: drawdown 12% reached the limit of 10%\n",
    );
    const clean = summary(result({ orders: [{ id: "1", status: "FILLED" }] }));
    expect(clean).not.toMatch(/orders|breaker/);
    expect(clean).toContain("  final value     101,234.56 USD (started at 100,000.00)");
  });

  it("prints every line that appears only when it has something to say as docs/backtest-cli.md shows it", () => {
    const busy = result({
      orders: [{ id: "1", status: "DENIED", reason: "LONG_ONLY: cash account ACCOUNT cannot sell short" }],
      riskEvents: [
        {
          type: "CircuitBreakerTripped",
          ts: "2020-03-16T20:00:00Z",
          code: "MAX_DRAWDOWN",
          reason: "drawdown",
        },
      ],
      strategyErrors: [
        { ts: "2020-03-17T20:00:00Z", hook: "onBar", message: "boom" },
        { ts: "2020-03-18T20:00:00Z", hook: "onBar", message: "boom" },
        { ts: "2020-03-19T20:00:00Z", hook: "onBar", message: "boom" },
      ],
    });
    const always = new Set(summary(result({})).split("\n"));
    // A row is `  <label padded to 15> <value>`; the reason lines under `orders` are indented further.
    const labels = summary(busy)
      .split("\n")
      .filter((line) => !always.has(line) && /^ {2}\S/.test(line))
      .map((line) => line.slice(2, 17).trimEnd());
    expect(labels).toEqual(["orders", "breaker", "strategy errors"]);
    const doc = docText("backtest-cli.md");
    const section = doc.slice(doc.indexOf("**What it prints.**"), doc.indexOf("**Progress.**"));
    for (const label of labels) expect(section).toContain(`\n  ${label.padEnd(15)} `);
  });
});

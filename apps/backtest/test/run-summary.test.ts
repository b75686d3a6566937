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
          marginHistory: null,
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

type Balance = BacktestResultJson["account"]["balances"][number];
type Position = BacktestResultJson["positions"][number];

/** A 2x margin account's end, in USD unless `balance` says otherwise. */
function marginAccount(...balances: Partial<Balance>[]): BacktestResultJson["account"] {
  return {
    type: "margin",
    leverage: "2",
    balances: balances.map((b) => ({
      currency: "USD",
      cash: "50000",
      equity: "52625",
      initialMargin: "25000",
      maintenanceMargin: "15000",
      buyingPower: "27625",
      marginCall: false,
      marginHistory: {
        samples: 252,
        peakInitialMargin: "26312.5",
        peakInitialMarginAt: "2020-03-02T21:00:00Z",
        marginCallSamples: 0,
        firstMarginCallAt: null,
      },
      ...b,
    })),
  };
}

function position(instrumentId: string, side: Position["side"], quantity: string): Position {
  return { instrumentId, side, quantity, avgOpenPrice: "100", realizedPnl: "0", unrealizedPnl: "0" };
}

/** The summary's lines between the return and the fills. */
const moneyAndTrades = (r: BacktestResultJson) => {
  const lines = summary(r).split("\n");
  return lines.slice(
    3,
    lines.findIndex((line) => line.startsWith("  fills")),
  );
};

describe("the run summary", () => {
  it("shows every fill's realized PnL, which closed round trips alone leave at zero, and the positions still open", () => {
    // A rebalancer: its partial sells realized 51,420, but no position was ever closed to flat.
    const r = result({
      realizedPnl: "51420",
      unrealizedPnl: "10234.5651",
      commissions: "120.005",
      tradeStats: { trades: 0, wins: 0, totalPnl: "0" },
      positions: ["KO", "PEP", "ORCL", "YHOO"].map((s) => position(`${s}.XNYS`, "LONG", "100")),
    });
    expect(moneyAndTrades(r)).toEqual([
      "  realized PnL    51,420.00 USD, unrealized 10,234.57, commissions 120.00",
      "  trades          0 closed (0 won), 4 still open",
    ]);
  });

  it("counts the open positions by side when one is short", () => {
    const positions = [position("AAA.XNYS", "LONG", "10"), position("BBB.XNYS", "SHORT", "-5")];
    expect(moneyAndTrades(result({ positions, tradeStats: { trades: 3, wins: 2 } })).at(-1)).toBe(
      "  trades          3 closed (2 won), 2 still open (1 long, 1 short)",
    );
  });

  it("gives a margin account's initial and maintenance margin, leverage and buying power", () => {
    expect(moneyAndTrades(result({ account: marginAccount({}) }))).toEqual([
      "  realized PnL    0.00 USD, unrealized 0.00, commissions 0.00",
      "  margin          25,000.00 USD initial, 15,000.00 maintenance (leverage 2)",
      "  buying power    27,625.00 USD",
      "  peak margin     26,312.50 USD initial, at 2020-03-02T21:00:00Z",
      "  trades          0 closed (0 won)",
    ]);
  });

  it("says when a margin account was in a margin call during the run and came out of it", () => {
    const marginHistory = {
      samples: 252,
      peakInitialMargin: "57000",
      peakInitialMarginAt: "2020-03-16T21:00:00Z",
      marginCallSamples: 3,
      firstMarginCallAt: "2020-03-12T21:00:00Z",
    };
    expect(moneyAndTrades(result({ account: marginAccount({ marginHistory }) })).slice(1, -1)).toEqual([
      "  margin          25,000.00 USD initial, 15,000.00 maintenance (leverage 2)",
      "  buying power    27,625.00 USD",
      "  peak margin     57,000.00 USD initial, at 2020-03-16T21:00:00Z",
      "  margin calls    at 3 of 252 points of the equity curve, first at 2020-03-12T21:00:00Z",
    ]);
  });

  it("says when a margin account ended in a margin call", () => {
    const account = marginAccount({
      equity: "35987.5",
      initialMargin: "57000",
      maintenanceMargin: "57000",
      buyingPower: "0",
      marginCall: true,
    });
    expect(moneyAndTrades(result({ account })).slice(1, 3)).toEqual([
      "  margin          57,000.00 USD initial, 57,000.00 maintenance (leverage 2): margin call, equity 35,987.50 is below the maintenance margin",
      "  buying power    0.00 USD",
    ]);
  });

  it("adds another currency's margin only when it has some in use, without a buying power the portfolio does not give", () => {
    const other = { buyingPower: null, marginHistory: null };
    const unused = { ...other, currency: "USDT", initialMargin: "0", maintenanceMargin: "0" };
    const used = { ...other, currency: "EUR", initialMargin: "500", maintenanceMargin: "250.5" };
    expect(moneyAndTrades(result({ account: marginAccount({}, unused, used) })).slice(1, -1)).toEqual([
      "  margin          25,000.00 USD initial, 15,000.00 maintenance (leverage 2)",
      "  buying power    27,625.00 USD",
      "  peak margin     26,312.50 USD initial, at 2020-03-02T21:00:00Z",
      "  margin          500.00 EUR initial, 250.50 maintenance",
    ]);
  });

  it("says how many orders were refused and why, most frequent reason first", () => {
    const orders = [
      { id: "1", status: "FILLED" },
      { id: "2", status: "DENIED", reason: "INSUFFICIENT_FUNDS: order needs 5000 USD, buying power is 10" },
      { id: "3", status: "DENIED", reason: "INSUFFICIENT_FUNDS: order needs 7000 USD, buying power is 10" },
      { id: "4", status: "CANCELED", reason: "LONG_ONLY: cash account ACCOUNT cannot sell short" },
      { id: "5", status: "CANCELED" },
      { id: "6", status: "REJECTED", reason: "post-only order would take liquidity" },
    ];
    expect(summary(result({ orders })).split("\n").slice(6, 11)).toEqual([
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
    expect(summary(result({ orders })).split("\n").slice(6, 9)).toEqual([
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
    expect(lines.slice(6, 11)).toEqual([
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
      account: marginAccount({
        marginHistory: {
          samples: 252,
          peakInitialMargin: "57000",
          peakInitialMarginAt: "2020-03-16T21:00:00Z",
          marginCallSamples: 3,
          firstMarginCallAt: "2020-03-12T21:00:00Z",
        },
      }),
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
    expect(labels).toEqual([
      "margin",
      "buying power",
      "peak margin",
      "margin calls",
      "orders",
      "breaker",
      "strategy errors",
    ]);
    const doc = docText("backtest-cli.md");
    const section = doc.slice(doc.indexOf("**What it prints.**"), doc.indexOf("**Progress.**"));
    for (const label of labels) expect(section).toContain(`\n  ${label.padEnd(15)} `);
  });
});

import { mulberry32 } from "../../../tooling/scripts/mulberry32.mjs";
import type { ReportInput } from "../src/index.js";

export const START = Date.UTC(2024, 0, 2, 14, 30);
export const MINUTE = 60_000;

type Bars = NonNullable<ReportInput["instruments"][number]["bars"]>;

/** A random walk of minute bars with prices on a 0.01 grid. */
export function generateBars(count: number, seed: number, startPrice = 100, start = START): Bars {
  const random = mulberry32(seed);
  const round = (x: number) => Math.round(x * 100) / 100;
  const bars: { ts: number; open: number; high: number; low: number; close: number; volume: number }[] = [];
  let price = startPrice;
  for (let i = 0; i < count; i++) {
    const open = round(price);
    const close = round(Math.max(1, open + (random() - 0.5) * 0.8));
    const high = round(Math.max(open, close) + random() * 0.3);
    const low = round(Math.min(open, close) - random() * 0.3);
    bars.push({ ts: start + i * MINUTE, open, high, low, close, volume: Math.round(1000 + random() * 9000) });
    price = close;
  }
  return bars;
}

/**
 * A two-instrument run on a margin account: 600 minute bars each, buys and sells on both, a long and a
 * short still open at the end, an order id that tries to inject HTML, undefined metrics (null) and a
 * recorded signal.
 */
export function generateReportInput(barCount = 600) {
  const aapl = generateBars(barCount, 7, 185);
  const msft = generateBars(barCount, 11, 370);
  const fillAt = (bars: Bars, index: number, side: "BUY" | "SELL", orderId: string, quantity: string) => {
    const bar = bars[index]!;
    return {
      at: new Date(bar.ts as number).toISOString(),
      orderId,
      instrumentId: "",
      side,
      price: String(bar.open),
      quantity,
      commission: "1.00",
    };
  };
  const fills = [
    { ...fillAt(aapl, 50, "BUY", "O-1", "100"), instrumentId: "AAPL.XNAS" },
    { ...fillAt(aapl, 300, "SELL", "O-2", "100"), instrumentId: "AAPL.XNAS" },
    { ...fillAt(msft, 120, "BUY", "<script>alert('x')</script>", "40"), instrumentId: "MSFT.XNAS" },
    { ...fillAt(msft, 480, "SELL", "O-4", "40"), instrumentId: "MSFT.XNAS" },
  ];
  const equityCurve = aapl.map((bar, i) => ({
    ts: bar.ts,
    equity: (100_000 + Math.sin(i / 40) * 900 + i * 2).toFixed(2),
  }));
  const last = equityCurve[equityCurve.length - 1]!;
  return {
    title: "SMA crossover <AAPL & MSFT>",
    start: new Date(START).toISOString(),
    end: new Date((aapl[aapl.length - 1]!.ts as number) + MINUTE).toISOString(),
    currency: "USD",
    startingValue: "100000",
    finalValue: last.equity,
    cash: "98765.4321",
    realizedPnl: "51420",
    unrealizedPnl: "-312.5",
    commissions: "4",
    // A margin account at 2x holding a long and a short at the end.
    account: {
      type: "margin",
      leverage: "2",
      balances: [
        {
          currency: "USD",
          cash: "98765.4321",
          equity: "98452.9321",
          initialMargin: "8356.25",
          maintenanceMargin: "4178.125",
          buyingPower: "90096.6821",
          marginCall: false,
          // Read at each point of the equity curve: the most margin was in use at the 300th bar's time.
          marginHistory: {
            samples: equityCurve.length,
            peakInitialMargin: "9120.5",
            peakInitialMarginAt: "2024-01-02T19:30:00Z",
            marginCallSamples: 0,
            firstMarginCallAt: null,
          },
        },
      ],
    },
    positions: [
      {
        instrumentId: "AAPL.XNAS",
        side: "LONG",
        quantity: "50",
        avgOpenPrice: "186.1",
        realizedPnl: "51420",
        unrealizedPnl: "-12.5",
      },
      {
        instrumentId: "MSFT.XNAS",
        side: "SHORT",
        quantity: "-20",
        avgOpenPrice: "370.25",
        realizedPnl: "0",
        unrealizedPnl: "-300",
      },
    ],
    eventLogHash: "sha256:9f2c6a1e0b7d44c3a8e15f0d2b6c7a9e",
    instruments: [
      { id: "AAPL.XNAS", bars: aapl },
      { id: "MSFT.XNAS", bars: msft },
    ],
    equityCurve,
    fills,
    orders: [
      {
        id: "O-1",
        instrumentId: "AAPL.XNAS",
        side: "BUY",
        type: "MARKET",
        status: "FILLED",
        quantity: "100",
        filledQuantity: "100",
        avgPrice: fills[0]!.price,
        price: null,
        triggerPrice: null,
      },
      {
        id: "O-2",
        instrumentId: "AAPL.XNAS",
        side: "SELL",
        type: "LIMIT",
        status: "FILLED",
        quantity: "100",
        filledQuantity: "100",
        avgPrice: fills[1]!.price,
        price: fills[1]!.price,
        triggerPrice: null,
      },
      {
        id: "<script>alert('x')</script>",
        instrumentId: "MSFT.XNAS",
        side: "BUY",
        type: "STOP_MARKET",
        status: "FILLED",
        quantity: "40",
        filledQuantity: "40",
        avgPrice: fills[2]!.price,
        price: null,
        triggerPrice: fills[2]!.price,
      },
      {
        id: "O-4",
        instrumentId: "MSFT.XNAS",
        side: "SELL",
        type: "MARKET",
        status: "FILLED",
        quantity: "40",
        filledQuantity: "40",
        avgPrice: fills[3]!.price,
        price: null,
        triggerPrice: null,
      },
      {
        id: "O-5",
        instrumentId: "MSFT.XNAS",
        side: "BUY",
        type: "LIMIT",
        status: "CANCELED",
        quantity: "25",
        filledQuantity: "0",
        avgPrice: null,
        price: "350.5",
        triggerPrice: null,
        reason: "INSUFFICIENT_FUNDS: BUY 25 <MSFT> needs 8762.5 USD",
      },
    ],
    metrics: { totalReturn: 0.0123, sharpe: 1.8421, sortino: null, maxDrawdown: -0.0187 },
    tradeStats: { trades: 2, winRate: 0.5, profitFactor: null, expectancy: "12.5 USD" },
    recorded: aapl
      .filter((_, i) => i % 5 === 0)
      .map((bar, i) => ({ ts: bar.ts, values: { zScore: Math.sin(i / 6) * 2 } })),
  } satisfies ReportInput;
}

type StrategyErrors = NonNullable<ReportInput["strategyErrors"]>;

/**
 * The strategy errors of a run that threw 115 times, in time order as the result JSON lists them:
 * `onBar` threw "too high" every 5 minutes from 14:40 (113 times), and `onOrderEvent` twice with a
 * message that tries to inject HTML.
 */
export function generateStrategyErrors(): StrategyErrors {
  const at = (minutes: number) => new Date(START + minutes * MINUTE).toISOString();
  const errors: { minutes: number; hook: string; message: string }[] = [
    ...Array.from({ length: 113 }, (_, i) => ({ minutes: 10 + 5 * i, hook: "onBar", message: "too high" })),
    { minutes: 52, hook: "onOrderEvent", message: "<script>alert('boom')</script>" },
    { minutes: 302, hook: "onOrderEvent", message: "<script>alert('boom')</script>" },
  ];
  return errors
    .sort((a, b) => a.minutes - b.minutes)
    .map(({ minutes, hook, message }) => ({ ts: at(minutes), strategyId: "Fragile", hook, message }));
}

/** Quotes as the report takes them: columns of equal length, one entry per quote. */
export interface QuoteColumnsInput {
  ts: number[];
  bid: number[];
  ask: number[];
}

/**
 * A random walk of EUR/USD-like quotes on a 0.00001 grid, one every `stepMs` (700 ms puts two in some
 * seconds), with a spread of 1 to 3 points.
 */
export function generateQuotes(count: number, seed: number, stepMs = 700, start = START): QuoteColumnsInput {
  const random = mulberry32(seed);
  const round = (x: number) => Math.round(x * 100_000) / 100_000;
  const quotes: QuoteColumnsInput = { ts: [], bid: [], ask: [] };
  let bid = 1.1;
  for (let i = 0; i < count; i++) {
    bid = round(bid + (random() - 0.5) * 0.0001);
    quotes.ts.push(start + i * stepMs);
    quotes.bid.push(bid);
    quotes.ask.push(round(bid + 0.00001 * (1 + Math.floor(random() * 3))));
  }
  return quotes;
}

/**
 * A run on quotes only (no bars): 12,000 EUR/USD quotes by default, more than a chart's 5,000 points,
 * with two round trips (fills 1%, 33%, 58% and 99% of the way through): each buy at the ask and each
 * sell at the bid of the quote it filled on.
 */
export function generateQuotesReportInput(count = 12_000) {
  const base = generateReportInput();
  const quotes = generateQuotes(count, 5);
  const fillAt = (index: number, side: "BUY" | "SELL", orderId: string) => ({
    at: new Date(quotes.ts[index]!).toISOString(),
    orderId,
    instrumentId: "EUR/USD.SIM",
    side,
    price: String(side === "BUY" ? quotes.ask[index]! : quotes.bid[index]!),
    quantity: "100000",
    commission: "2",
  });
  const at = (fraction: number) => Math.floor(count * fraction);
  const fills = [
    fillAt(at(0.01), "BUY", "Q-1"),
    fillAt(at(0.33), "SELL", "Q-2"),
    fillAt(at(0.58), "BUY", "Q-3"),
    fillAt(at(0.99), "SELL", "Q-4"),
  ];
  const end = quotes.ts[count - 1]! + 1000;
  return {
    ...base,
    title: "Mean reversion on EUR/USD quotes",
    end: new Date(end).toISOString(),
    account: undefined,
    positions: [],
    instruments: [{ id: "EUR/USD.SIM", quotes }],
    equityCurve: [
      { ts: START, equity: "100000" },
      { ts: end, equity: "100012" },
    ],
    fills,
    orders: [],
    recorded: [],
  } satisfies ReportInput;
}

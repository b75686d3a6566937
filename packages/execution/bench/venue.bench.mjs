#!/usr/bin/env node
// Orders per second through the simulated venue alone: submit, match and fill a mix of market, limit and
// stop orders on generated one-minute bars. Orders are built (and validated) before the clock starts, so
// the figure is the venue's. The same run is repeated on a fresh venue 3 times in the process; prints one
// JSON line with the median (the first run includes the JIT's warm-up). Run after `pnpm build`:
// node bench/venue.bench.mjs
import { applyEvent, createInstrument, OrderFactory, orderEvent, VirtualClock } from "@ordo/core";
import { FixedBasisPointsSlippage, SimulatedVenue } from "@ordo/execution";
import { mulberry32 } from "../../../tooling/scripts/mulberry32.mjs";

const BARS = 20_000;
const ORDERS_PER_BAR = 3;
const MINUTE = 60_000;
const T0 = Date.parse("2024-01-02T14:30:00Z");

const random = mulberry32(42);
const cents = (x) => Math.round(x * 100) / 100;
const instrument = createInstrument({
  id: "AAPL.XNAS",
  assetClass: "equity",
  currency: "USD",
  tickSize: "0.01",
});

// Bars: a random walk in cents, with range and volume.
const bars = [];
let price = 100;
for (let i = 0; i < BARS; i++) {
  const open = cents(price + (random() - 0.5) * 0.2);
  const close = cents(Math.max(1, open + (random() - 0.5) * 0.6));
  const high = cents(Math.max(open, close) + random() * 0.3);
  const low = cents(Math.min(open, close) - random() * 0.3);
  bars.push({
    kind: "bar",
    instrumentId: instrument.id,
    ts: T0 + (i + 1) * MINUTE,
    open,
    high,
    low,
    close,
    volume: 1000 + Math.floor(random() * 9000),
  });
  price = close;
}

// Orders sent after each bar: a market order, a limit and a stop near the close, good for 30 bars.
const clock = new VirtualClock(T0);
const factory = new OrderFactory({ clock });
const batches = bars.map((bar, i) => {
  const ts = bar.ts;
  const side = i % 2 === 0 ? "BUY" : "SELL";
  const away = (n) => cents(side === "BUY" ? bar.close - n : bar.close + n).toFixed(2);
  const expireAt = ts + 30 * MINUTE;
  const requests = [
    { side, type: "MARKET", quantity: "10" },
    { side, type: "LIMIT", quantity: "10", price: away(0.05 + random() * 0.3), timeInForce: "GTD", expireAt },
    {
      side: side === "BUY" ? "SELL" : "BUY",
      type: "STOP_MARKET",
      quantity: "10",
      triggerPrice: away(0.1 + random() * 0.4),
      timeInForce: "GTD",
      expireAt,
    },
  ];
  return requests.map((r) => {
    const { order } = factory.create({ instrumentId: instrument.id, ...r }, {});
    return applyEvent(order, orderEvent(order, "OrderSubmitted", ts, {}));
  });
});

/** One pass over every bar and order on a fresh venue; the orders are immutable, so passes can share them. */
function run() {
  const venueClock = new VirtualClock(T0);
  const venue = new SimulatedVenue({
    clock: venueClock,
    instruments: [instrument],
    account: { type: "margin", currency: "USD", balance: "1000000" },
    slippage: new FixedBasisPointsSlippage(),
  });
  let fills = 0;
  venue.reports.subscribe((r) => {
    if (r.type === "OrderFilled") fills += 1;
  });
  const start = performance.now();
  for (let i = 0; i < BARS; i++) {
    const bar = bars[i];
    venueClock.advanceTo(bar.ts);
    venue.process(bar);
    for (const order of batches[i]) venue.submit(order);
  }
  return { ms: performance.now() - start, fills };
}

const orders = BARS * ORDERS_PER_BAR;
const runs = [run(), run(), run()];
const rates = runs.map((r) => Math.round((orders / r.ms) * 1000));
const median = [...rates].sort((a, b) => a - b)[1];
console.log(
  JSON.stringify({
    bench: "venue",
    orders,
    bars: BARS,
    fills: runs[0].fills,
    ms: Math.round(runs[rates.indexOf(median)].ms),
    orders_per_s: median,
    runs: rates,
  }),
);

// Fills per second through the portfolio: a fixed, generated workload (seeded, so every run is the same)
// of fills across 20 instruments in a NETTING margin account, with a mark update after every 4 fills.
// Run on the built package: `pnpm turbo run build --filter=@ordo/portfolio && node bench/portfolio.bench.mjs`
// Prints one JSON line; `pnpm bench` runs it 3 times and reports the median of `fills_per_s`.
// A second line: equity-curve snapshots of a CASH account holding 50 positions whose 50 marks all move
// (bar closes) between snapshots, as the engine samples the curve once per day.
import { performance } from "node:perf_hooks";
import { createInstrument, Decimal, orderEvent } from "@ordo/core";
import { Portfolio } from "@ordo/portfolio";
import { mulberry32 } from "../../../tooling/scripts/mulberry32.mjs";

const FILLS = Number(process.env.ORDO_BENCH_FILLS ?? 100_000);
const INSTRUMENTS = 20;
const WARMUP = 20_000;

const instruments = Array.from({ length: INSTRUMENTS }, (_, i) =>
  createInstrument({ id: `SYM${i}.XBENCH`, assetClass: "equity", currency: "USD", tickSize: "0.01" }),
);

function workload(count, seed) {
  const random = mulberry32(seed);
  const prices = instruments.map(() => 50 + random() * 100);
  const fills = [];
  const marks = [];
  for (let i = 0; i < count; i++) {
    const k = Math.floor(random() * INSTRUMENTS);
    prices[k] = Math.max(1, prices[k] * (1 + (random() - 0.5) * 0.01));
    const price = new Decimal(prices[k].toFixed(2));
    const instrument = instruments[k];
    fills.push({
      instrument,
      event: orderEvent({ id: `O-${i}`, instrumentId: instrument.id, strategyId: "S" }, "OrderFilled", i, {
        tradeId: `T-${i}`,
        venueOrderId: null,
        side: random() < 0.5 ? "BUY" : "SELL",
        price,
        quantity: new Decimal(1 + Math.floor(random() * 100)),
        commission: new Decimal("0.35"),
        commissionCurrency: "USD",
        liquidity: "TAKER",
      }),
    });
    marks.push({ instrumentId: instrument.id, price: price.plus("0.01"), ts: i });
  }
  return { fills, marks };
}

function run({ fills, marks }) {
  const portfolio = new Portfolio({ accountType: "MARGIN", startingCash: "1000000000000" });
  const start = performance.now();
  for (let i = 0; i < fills.length; i++) {
    const f = fills[i];
    portfolio.applyFill(f.event, f.instrument);
    if (i % 4 === 3) portfolio.updatePrice(marks[i].instrumentId, marks[i].price, marks[i].ts);
  }
  const elapsed = performance.now() - start;
  return { elapsed, portfolio };
}

run(workload(WARMUP, 7));
const { elapsed, portfolio } = run(workload(FILLS, 42));
console.log(
  JSON.stringify({
    bench: "portfolio.applyFill",
    dataset: `${FILLS} fills, ${INSTRUMENTS} instruments, NETTING margin account`,
    fills: FILLS,
    fills_per_s: Math.round(FILLS / (elapsed / 1000)),
    elapsed_ms: Math.round(elapsed),
    round_trips: portfolio.roundTrips().length,
    equity: portfolio.equity().toFixed(2),
  }),
);

/** One day: every instrument's bar close moves, then one snapshot (the engine's daily equity sample). */
function runSnapshots(days, seed) {
  const random = mulberry32(seed);
  const symbols = Array.from({ length: 50 }, (_, i) =>
    createInstrument({ id: `SNAP${i}.XBENCH`, assetClass: "equity", currency: "USD", tickSize: "0.0001" }),
  );
  const portfolio = new Portfolio({ accountType: "CASH", startingCash: "1000000000" });
  const prices = symbols.map(() => 50 + random() * 100);
  symbols.forEach((instrument, k) => {
    const price = new Decimal(prices[k].toFixed(2));
    portfolio.applyFill(
      orderEvent({ id: `S-${k}`, instrumentId: instrument.id, strategyId: "S" }, "OrderFilled", 0, {
        tradeId: `ST-${k}`,
        venueOrderId: null,
        side: "BUY",
        price,
        quantity: new Decimal(100),
        commission: new Decimal("0.1"),
        commissionCurrency: "USD",
        liquidity: "TAKER",
      }),
      instrument,
    );
  });
  const closes = [];
  for (let d = 0; d < days; d++)
    for (let k = 0; k < symbols.length; k++) {
      prices[k] = Math.max(1, prices[k] * (1 + (random() - 0.5) * 0.04));
      closes.push(Math.round(prices[k] * 10000) / 10000);
    }
  const start = performance.now();
  let i = 0;
  for (let d = 1; d <= days; d++) {
    for (let k = 0; k < symbols.length; k++) {
      portfolio.onBar({
        kind: "bar",
        instrumentId: symbols[k].id,
        ts: d,
        open: 1,
        high: 1,
        low: 1,
        close: closes[i++],
        volume: 1,
      });
    }
    portfolio.snapshot(d);
  }
  return { elapsed: performance.now() - start, portfolio };
}

const SNAPSHOT_DAYS = 10_000;
runSnapshots(2_000, 3);
const snap = runSnapshots(SNAPSHOT_DAYS, 11);
console.log(
  JSON.stringify({
    bench: "portfolio.snapshot",
    dataset: `${SNAPSHOT_DAYS} days, 50 open positions, 50 marks moved per day, CASH account`,
    snapshots_per_s: Math.round(SNAPSHOT_DAYS / (snap.elapsed / 1000)),
    us_per_snapshot: +((snap.elapsed * 1000) / SNAPSHOT_DAYS).toFixed(2),
    equity: snap.portfolio.equity().toFixed(4),
    gross: snap.portfolio.grossExposure().toFixed(4),
  }),
);

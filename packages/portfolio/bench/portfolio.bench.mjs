// Fills per second through the portfolio: a fixed, generated workload (seeded, so every run is the same)
// of fills across 20 instruments in a NETTING margin account, with a mark update after every 4 fills.
// Run on the built package: `pnpm turbo run build --filter=@ordo/portfolio && node bench/portfolio.bench.mjs`
// Prints one JSON line; `pnpm bench` runs it 3 times and reports the median of `fills_per_s`.
import { performance } from "node:perf_hooks";
import { createInstrument, Decimal, orderEvent } from "@ordo/core";
import { Portfolio } from "@ordo/portfolio";

const FILLS = Number(process.env.ORDO_BENCH_FILLS ?? 100_000);
const INSTRUMENTS = 20;
const WARMUP = 20_000;

/** mulberry32: a tiny seeded PRNG, so the workload is the same in every run. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

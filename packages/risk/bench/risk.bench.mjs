#!/usr/bin/env node
// Pre-trade checks per second through the RiskEngine on the built package, with a realistic config:
// instrument rules, order size and notional, position, open orders, buying power, price band, restricted
// list, leverage over 50 instruments, submit throttles and a wired circuit breaker. The workload is fixed
// and generated (a seeded PRNG), so every run checks the same orders; about 5 % of them are denied.
// A second line runs the same orders through the config runBacktest uses for a cash account by default
// (`{ checkBuyingPower: true }`: instrument rules, reduce-only, reference price, buying power).
// Prints one JSON line per config with the median of 3 runs. Run after `pnpm turbo run build --filter=@ordo/risk`.
import { createInstrument, dec, OrderFactory, VirtualClock } from "@ordo/core";
import { mulberry32 } from "../../../tooling/scripts/mulberry32.mjs";
import { CircuitBreaker, RiskEngine } from "../dist/index.js";

const CHECKS = Number(process.env.RISK_BENCH_CHECKS ?? 200_000);
const RUNS = 3;
const INSTRUMENTS = 50;
const T0 = Date.parse("2024-01-02T14:30:00Z");

const instruments = Array.from({ length: INSTRUMENTS }, (_, i) =>
  createInstrument({
    id: `SYM${i}.XNAS`,
    assetClass: "equity",
    currency: "USD",
    tickSize: "0.01",
    minQuantity: "1",
    maxQuantity: "100000",
    minNotional: "10",
  }),
);
const prices = new Map(instruments.map((inst, i) => [inst.id, dec(20 + i * 7.5)]));
const positions = new Map(
  instruments.map((inst, i) => [inst.id, dec(i % 3 === 0 ? 0 : (i % 5) * 100 - 150)]),
);
const ZERO = dec(0);
const EQUITY = dec(1_000_000);
const BUYING_POWER = dec(600_000);
const portfolio = {
  netQuantity: (id) => positions.get(id) ?? ZERO,
  equity: () => EQUITY,
  buyingPower: () => BUYING_POWER,
  lastPrice: (id) => prices.get(id) ?? null,
};

function workload() {
  const random = mulberry32(42);
  const factory = new OrderFactory({ clock: new VirtualClock(T0) });
  const orders = [];
  for (let i = 0; i < 10_000; i++) {
    const inst = instruments[Math.floor(random() * INSTRUMENTS)];
    const last = prices.get(inst.id).toNumber();
    const fatFinger = random() < 0.05;
    const price = (last * (fatFinger ? 1.5 : 1 + (random() - 0.5) * 0.02)).toFixed(2);
    const side = random() < 0.5 ? "BUY" : "SELL";
    const quantity = 1 + Math.floor(random() * 200);
    orders.push(factory.create({ instrumentId: inst.id, side, type: "LIMIT", quantity, price }).order);
  }
  return orders;
}

/** The full config of this benchmark, with a wired breaker. */
function fullEngine(clock) {
  const breaker = new CircuitBreaker({
    clock,
    config: { maxDailyLossPct: 3, maxDrawdownPct: 10, maxConsecutiveErrors: 5, maxOrdersPerMinute: 100_000 },
  });
  return new RiskEngine({
    clock,
    portfolio,
    instruments,
    breaker,
    openOrderCount: () => 10,
    config: {
      maxOrderQuantity: 5_000,
      maxOrderNotional: 250_000,
      maxPositionQuantity: 20_000,
      maxOpenOrders: 500,
      priceBandPct: 10,
      restrictedInstruments: ["SYM49.XNAS"],
      maxLeverage: 4,
      maxSubmitsPerSecond: 2_000,
      maxSubmitsPerMinute: 100_000,
    },
  });
}

/** runBacktest's default for a cash account. */
function backtestDefaultEngine(clock) {
  return new RiskEngine({ clock, portfolio, instruments, config: { checkBuyingPower: true } });
}

function run(orders, makeEngine, checks = CHECKS) {
  const clock = new VirtualClock(T0);
  const engine = makeEngine(clock);
  let allowed = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < checks; i++) {
    clock.advanceTo(T0 + i); // one check per virtual millisecond: throttles and the breaker see real traffic
    if (engine.checkSubmit(orders[i % orders.length]).allowed) allowed += 1;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { checksPerSecond: Math.round(checks / seconds), allowed, checkNames: engine.checkNames };
}

const orders = workload();
for (const [config, makeEngine] of [
  ["full", fullEngine],
  ["backtest-default", backtestDefaultEngine],
]) {
  run(orders, makeEngine, 20_000); // warm-up
  const runs = [];
  let last;
  for (let r = 0; r < RUNS; r++) {
    last = run(orders, makeEngine);
    runs.push(last.checksPerSecond);
  }
  const sorted = [...runs].sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      benchmark: "risk.checkSubmit",
      config,
      checksPerSecond: sorted[Math.floor(RUNS / 2)],
      runs,
      checks: CHECKS,
      allowedShare: Number((last.allowed / CHECKS).toFixed(3)),
      instruments: INSTRUMENTS,
      checkNames: last.checkNames,
      node: process.version,
    }),
  );
}

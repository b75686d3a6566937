#!/usr/bin/env node
// The event log's writer alone: the events of a backtest (orders, fills, positions) written as JSON
// lines into the hash, as the engine does for every event. The events come from the workload strategy
// run over seeded bars made here (20 instruments x 2,520 days of a random walk), so every run writes the
// same events. Prints one JSON line: events, bytes, the first pass over them in a fresh process
// (`cold_ms`: what a short backtest pays while the JIT warms up), and the median of 20 later passes
// (`events_per_s`, `ns_per_event`). Run after `pnpm build`.
import { BarSeries } from "@ordo/data";
import { runBacktest } from "@ordo/engine";
import { mulberry32 } from "../../../tooling/scripts/mulberry32.mjs";
import { EventLog } from "../dist/event-log.js";
import { smaCross, workloadInstrument } from "./workload-strategy.mjs";

const INSTRUMENTS = 20;
const DAYS = 2520;
const PASSES = 20;

function series(index) {
  const random = mulberry32(7 + index);
  const bars = [];
  let close = 100;
  for (let d = 0; d < DAYS; d++) {
    const open = Math.max(1, Math.round(close * (1 + (random() - 0.5) * 0.01) * 100) / 100);
    close = Math.max(1, Math.round(open * (1 + (random() - 0.5) * 0.04) * 100) / 100);
    const high = Math.max(open, close) + 0.05;
    const low = Math.max(0.01, Math.min(open, close) - 0.05);
    bars.push({ ts: Date.UTC(2010, 0, 4) + d * 86_400_000, open, high, low, close, volume: 100_000 });
  }
  return BarSeries.fromBars(`S${String(index).padStart(3, "0")}.BENCH`, bars);
}

// Collect the events the run appends to its log (the writer is then timed on its own).
const events = [];
const append = EventLog.prototype.append;
EventLog.prototype.append = (event) => {
  events.push(event);
};
const feeds = Array.from({ length: INSTRUMENTS }, (_, i) => {
  const s = series(i);
  return { instrument: workloadInstrument(s.instrumentId), series: s };
});
runBacktest({
  strategy: smaCross(false),
  feeds,
  account: { type: "cash", currency: "USD", balance: "100000000" },
  venue: { fillTiming: "next-open", commission: { model: "per-share", cost: "0.001" } },
});
EventLog.prototype.append = append;

function pass() {
  const log = new EventLog();
  const start = performance.now();
  for (let i = 0; i < events.length; i++) log.append(events[i]);
  const hash = log.digest();
  return { ms: performance.now() - start, hash };
}

const cold = pass();
const times = [];
for (let i = 0; i < PASSES; i++) {
  const p = pass();
  if (p.hash !== cold.hash) throw new Error("the event log's hash changed between passes");
  times.push(p.ms);
}
times.sort((a, b) => a - b);
const ms = times[times.length >> 1];
const log = new EventLog({ keep: true });
for (const e of events) log.append(e);
const bytes = log.lines().reduce((n, line) => n + Buffer.byteLength(line) + 1, 0);
console.log(
  JSON.stringify({
    bench: "event-log",
    events: events.length,
    bytes,
    cold_ms: Math.round(cold.ms * 10) / 10,
    events_per_s: Math.round((events.length / ms) * 1000),
    ns_per_event: Math.round((ms * 1e6) / events.length),
    hash: cold.hash.slice(0, 16),
  }),
);

// The fixed workload of ../shared/bench/WORKLOAD.md through the full engine (order manager, risk,
// simulated venue, portfolio, Decimal money, event log), and in the same run the plain decimal.js loop
// of ../shared/bench for comparison. Prints one JSON line per dataset and variant in the shared format
// (peer "ordo"), the reference loop's line, and a ratio line.
//   node bench/engine.bench.mjs [dataset ...] [--variants base,stops]   (datasets: daily minute multi)
// Each dataset and variant runs in its own fresh process. Each ordo line also carries `loop_gc_ms` (the
// main thread's garbage-collection pauses inside the loop) and `loop_major_gcs` (how many were mark-compacts).
// Data: $BENCH_DATA or <tmp>/ordo-bench-data, generated with ../shared/bench/gen_bars.mjs when missing.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadBarsCsv } from "@ordo/data";
import { runBacktest } from "@ordo/engine";
import { gcInWindow, recordGcPauses } from "../../../tooling/scripts/gc-pauses.mjs";
import { cpuTicks, otherCores } from "../../../tooling/scripts/machine-load.mjs";
import { smaCross, workloadInstrument } from "./workload-strategy.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../../..");
const sharedBench = resolve(repo, "../shared/bench");
const dataDir = process.env.BENCH_DATA || join(tmpdir(), "ordo-bench-data");

const args = process.argv.slice(2);
const vIndex = args.indexOf("--variants");
const variants = vIndex >= 0 ? args[vIndex + 1].split(",") : ["base", "stops"];
const datasets = args.filter((a, i) => !a.startsWith("--") && !(vIndex >= 0 && i === vIndex + 1));
const wanted = datasets.length > 0 ? datasets : ["daily", "minute", "multi"];

function ensureData() {
  if (existsSync(join(dataDir, "minute_1x1000000.csv")) && existsSync(join(dataDir, "multi_100x2520")))
    return;
  if (!existsSync(join(sharedBench, "gen_bars.mjs")))
    throw new Error(`no bench data in ${dataDir} and no generator`);
  const r = spawnSync(process.execPath, [join(sharedBench, "gen_bars.mjs")], {
    env: { ...process.env, BENCH_DATA: dataDir },
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (r.status !== 0) throw new Error("gen_bars.mjs failed");
}

function files(dataset) {
  if (dataset === "daily") return [join(dataDir, "daily_1x5000.csv")];
  if (dataset === "minute") return [join(dataDir, "minute_1x1000000.csv")];
  const d = join(dataDir, "multi_100x2520");
  return readdirSync(d)
    .filter((f) => f.endsWith(".csv"))
    .sort()
    .map((f) => join(d, f));
}

function runOrdo(variant, series) {
  const stops = variant === "stops";
  const Strategy = smaCross(stops);
  let instance;
  // The loop's window, for the garbage-collection pauses inside it: the strategy starts as it begins
  // and stops as it ends.
  const loop = { from: 0, to: 0 };
  class Probe extends Strategy {
    constructor() {
      super();
      instance = this;
    }
    onStart(ctx) {
      loop.from = performance.now();
      super.onStart(ctx);
    }
    onStop(ctx) {
      super.onStop?.(ctx);
      loop.to = performance.now();
    }
  }
  const t0 = performance.now();
  const result = runBacktest({
    strategy: Probe,
    strategyId: "sma-cross",
    feeds: series.map((s) => ({
      instrument: workloadInstrument(s.instrumentId),
      series: s,
    })),
    account: { type: "cash", currency: "USD", balance: String(1_000_000 * series.length) },
    venue: { fillTiming: "next-open", commission: { model: "per-share", cost: "0.001" } },
  });
  const totalMs = performance.now() - t0;
  // loop_ms as WORKLOAD.md defines it: around the backtest loop only (setup and metrics are in total_ms).
  const loopMs = result.timings.loopMs;
  return { result, loopMs, totalMs, loop, trades: instance.trades, stopExits: instance.stopExits };
}

function plainDecimal(dataset, variant) {
  const script = join(sharedBench, "plain_decimal.mjs");
  if (!existsSync(script)) return null;
  const decimalFrom = dirname(fileURLToPath(import.meta.resolve("decimal.js"))).replace(
    /\/decimal\.js.*$/,
    "",
  );
  const r = spawnSync(process.execPath, [script, dataset, variant], {
    env: { ...process.env, BENCH_DATA: dataDir, DECIMAL_FROM: join(decimalFrom, "decimal.js", "..") },
    encoding: "utf8",
  });
  if (r.status !== 0) return null;
  return JSON.parse(r.stdout.trim().split("\n").at(-1));
}

ensureData();
// Several runs: each dataset and variant in a fresh Node process, as a user's `ordo backtest` runs (no JIT
// warmed by an earlier run, a peak memory of its own) and as the peers of ../shared/bench are run.
if (wanted.length * variants.length > 1) {
  for (const dataset of wanted) {
    for (const variant of variants) {
      const before = cpuTicks();
      const r = spawnSync(
        process.execPath,
        [fileURLToPath(import.meta.url), dataset, "--variants", variant],
        { stdio: ["ignore", "pipe", "inherit"], env: process.env, encoding: "utf8" },
      );
      // Each result line of the run with the cores other processes kept busy meanwhile (see
      // machine-load.mjs); anything else the run printed (a failure's message) passes as it is.
      const others = otherCores(before, cpuTicks());
      for (const line of r.stdout.split("\n").filter(Boolean)) {
        console.log(
          line.startsWith("{") ? JSON.stringify({ ...JSON.parse(line), other_cores: others }) : line,
        );
      }
      if (r.status !== 0) process.exit(r.status ?? 1);
    }
  }
  process.exit(0);
}
for (const dataset of wanted) {
  const tl0 = performance.now();
  const series = files(dataset).map((f, i) => {
    const id =
      dataset === "multi" ? `S${String(i).padStart(3, "0")}.BENCH` : `${dataset.toUpperCase()}.BENCH`;
    return loadBarsCsv(f, { instrumentId: id }).then((l) => l.series);
  });
  const loaded = await Promise.all(series);
  const loadMs = performance.now() - tl0;
  for (const variant of variants) {
    const gc = recordGcPauses();
    const { result, loopMs, totalMs, loop, trades, stopExits } = runOrdo(variant, loaded);
    // Node delivers the pauses' entries once the event loop turns.
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc.stop();
    const pauses = gcInWindow(gc.pauses, loop.from, loop.to);
    const bars = loaded.reduce((n, s) => n + s.length, 0);
    const line = {
      peer: "ordo",
      dataset,
      variant,
      symbols: loaded.length,
      bars,
      load_ms: +loadMs.toFixed(1),
      loop_ms: +loopMs.toFixed(1),
      total_ms: +totalMs.toFixed(1),
      bars_per_s: Math.round(bars / (loopMs / 1000)),
      final_value: result.finalValue.toFixed(2),
      trades,
      fills: result.fills.length,
      stop_exits: stopExits,
      max_rss_mb: +(process.resourceUsage().maxRSS / 1024).toFixed(1),
      // Main-thread GC pauses inside the loop, and how many were mark-compacts (one in multi base costs
      // ~5%, and whether it comes depends on when V8 last collected: docs/performance.md, sixteenth look).
      loop_gc_ms: pauses.ms,
      loop_major_gcs: pauses.major,
      event_log_hash: result.eventLogHash.slice(0, 16),
    };
    console.log(JSON.stringify(line));
    const ref = plainDecimal(dataset, variant);
    if (ref) {
      console.log(JSON.stringify(ref));
      console.log(
        JSON.stringify({
          bench: "ordo-vs-plain-decimal",
          dataset,
          variant,
          ratio_bars_per_s: +(line.bars_per_s / ref.bars_per_s).toFixed(3),
          same_results:
            Number(ref.final_value).toFixed(2) === line.final_value &&
            ref.trades === trades &&
            ref.fills === line.fills,
        }),
      );
    }
  }
}

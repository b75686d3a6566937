// Runs the shared benchmark workload once through runBacktest from this repository's built packages and
// prints the loop time, CPU time, bars/s, final value, fills and the event-log hash prefix. With
// --alloc FILE it also writes a sampled allocation profile (collected objects included) of the run for
// alloc-summary.mjs; with --cpu FILE a CPU profile (.cpuprofile, 200 µs sampling) of runBacktest alone;
// with --chunks N the milliseconds each run of N events took (`chunk_ms`: how the JIT warms up); with
// --calls FILE how many times runBacktest called each function (V8's precise coverage: count, source
// characters, function, file; one line each, most called first). A function called about once per order
// is on the per-order path, whose size sets how long the JIT takes to warm up (docs/performance.md).
// Counting slows the run: ignore loop_ms then. With --load-only it loads the data and stops (for
// instructions.mjs). With --mark-loop it writes `@@loop-start` and `@@loop-end`
// lines to stdout as the strategy starts and stops, so V8's traces (e.g. --trace-opt) can be split at the
// loop (compile-cost.mjs does). Every run also prints `loop_gc_ms` and `loop_major_gcs`: the main thread's
// garbage-collection pauses inside the loop and how many were mark-compacts (one costs ~5% of multi base and
// comes or not by V8's schedule: docs/performance.md, sixteenth look), so an A/B can tell the two apart.
//   node tooling/scripts/perf/workload-run.mjs <minute|multi|daily> [base|stops] [--alloc FILE] [--cpu FILE]
//     [--chunks N] [--calls FILE] [--mark-loop] [--load-only]
// Data: $BENCH_DATA or <tmp>/ordo-bench-data (run packages/engine/bench/engine.bench.mjs once to make it).
import { readdirSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gcInWindow, recordGcPauses } from "../gc-pauses.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const args = process.argv.slice(2);
/** Positions of option values, which are not positional arguments. */
const optionValues = new Set();
const option = (flag) => {
  const at = args.indexOf(flag);
  if (at < 0) return null;
  optionValues.add(at + 1);
  return args[at + 1];
};
const allocFile = option("--alloc");
const cpuFile = option("--cpu");
const chunkEvents = Number(option("--chunks") ?? 0);
const callsFile = option("--calls");
const markLoop = args.includes("--mark-loop");
const loadOnly = args.includes("--load-only");
const [dataset = "multi", variant = "base"] = args.filter(
  (a, i) => !a.startsWith("--") && !optionValues.has(i),
);
const { loadBarsCsv } = await import(join(root, "packages/data/dist/index.js"));
const { runBacktest } = await import(join(root, "packages/engine/dist/index.js"));
const { smaCross, workloadInstrument } = await import(
  join(root, "packages/engine/bench/workload-strategy.mjs")
);

// biome-ignore lint/suspicious/noUndeclaredEnvVars: a developer script run by hand, never a turbo task
const dataDir = process.env.BENCH_DATA || join(tmpdir(), "ordo-bench-data");
const files =
  dataset === "multi"
    ? readdirSync(join(dataDir, "multi_100x2520"))
        .sort()
        .map((f) => join(dataDir, "multi_100x2520", f))
    : [join(dataDir, dataset === "minute" ? "minute_1x1000000.csv" : "daily_1x5000.csv")];
const series = await Promise.all(
  files.map((f, i) =>
    loadBarsCsv(f, {
      instrumentId:
        dataset === "multi" ? `S${String(i).padStart(3, "0")}.BENCH` : `${dataset.toUpperCase()}.BENCH`,
    }).then((l) => l.series),
  ),
);
if (loadOnly) {
  // What the run costs before its backtest (module loading and the CSVs): instructions.mjs subtracts it.
  console.log(JSON.stringify({ dataset, variant, loaded: series.length }));
  process.exit(0);
}
const session = allocFile || cpuFile || callsFile ? new Session() : null;
if (session) session.connect();
if (callsFile) {
  await session.post("Profiler.enable");
  await session.post("Profiler.startPreciseCoverage", { callCount: true, detailed: false });
  // Taking the coverage resets the counters: what follows counts the run alone.
  await session.post("Profiler.takePreciseCoverage");
}
if (cpuFile) {
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
}
if (allocFile) {
  await session.post("HeapProfiler.startSampling", {
    samplingInterval: 16384,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
}
/** Nanoseconds the main thread has run (Linux's schedstat), or null elsewhere: steadier than wall time. */
const mainThreadNs = () => {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, "utf8").split(" ")[0]);
  } catch {
    return null;
  }
};
/** Milliseconds per run of `chunkEvents` events; the first is timed from runBacktest's start. */
const chunkMs = [];
let chunkDone = 0;
/** The loop's window (performance.now()), from the strategy's onStart to its onStop. */
const loop = { from: 0, to: 0 };
const gc = recordGcPauses();
const mainStart = mainThreadNs();
const cpuStart = process.cpuUsage();
let chunkStart = performance.now();
const result = runBacktest({
  strategy: timedLoop(smaCross(variant === "stops")),
  strategyId: "sma-cross",
  feeds: series.map((s) => ({ instrument: workloadInstrument(s.instrumentId), series: s })),
  account: { type: "cash", currency: "USD", balance: String(1_000_000 * series.length) },
  venue: { fillTiming: "next-open", commission: { model: "per-share", cost: "0.001" } },
  ...(chunkEvents > 0 && {
    progressEvery: chunkEvents,
    onProgress: (done) => {
      // After the loop the total is reported again: that call ends no chunk.
      if (done === chunkDone) return;
      const now = performance.now();
      chunkMs.push(now - chunkStart);
      chunkStart = now;
      chunkDone = done;
    },
  }),
});
const cpu = process.cpuUsage(cpuStart);
const mainEnd = mainThreadNs();
if (cpuFile) {
  const { profile } = await session.post("Profiler.stop");
  writeFileSync(cpuFile, JSON.stringify(profile));
}
if (callsFile) {
  const { result: scripts } = await session.post("Profiler.takePreciseCoverage");
  const rows = [];
  for (const script of scripts) {
    const file = script.url.replace(/^.*\/(packages|node_modules)\//, "$1/");
    for (const fn of script.functions) {
      const whole = fn.ranges[0];
      if (file === "" || whole.count === 0) continue;
      rows.push([whole.count, whole.endOffset - whole.startOffset, fn.functionName || "(anonymous)", file]);
    }
  }
  rows.sort((a, b) => b[0] - a[0] || a[2].localeCompare(b[2]));
  writeFileSync(callsFile, `${rows.map((r) => r.join("\t")).join("\n")}\n`);
}
if (allocFile) {
  const { profile } = await session.post("HeapProfiler.stopSampling");
  writeFileSync(allocFile, JSON.stringify(profile));
}
// Node delivers GC entries once the event loop turns.
await new Promise((resolve) => setTimeout(resolve, 0));
gc.stop();
const loopGc = gcInWindow(gc.pauses, loop.from, loop.to);
// The first chunk was timed from runBacktest's start: its setup is not part of the loop.
if (chunkMs.length > 0) chunkMs[0] -= result.timings.setupMs;
const bars = series.reduce((n, s) => n + s.length, 0);
const { loopMs } = result.timings;
console.log(
  JSON.stringify({
    dataset,
    variant,
    loop_ms: Math.round(loopMs),
    // CPU time of runBacktest in all threads (setup, loop, metrics, and V8's GC and compiler threads).
    cpu_ms: Math.round((cpu.user + cpu.system) / 1000),
    // CPU time of the main thread alone over the same span (null off Linux).
    main_cpu_ms: mainStart === null || mainEnd === null ? null : Math.round((mainEnd - mainStart) / 1e6),
    bars_per_s: Math.round(bars / (loopMs / 1000)),
    loop_gc_ms: loopGc.ms,
    loop_major_gcs: loopGc.major,
    final_value: result.finalValue.toFixed(2),
    fills: result.fills.length,
    event_log_hash: result.eventLogHash.slice(0, 16),
    ...(chunkEvents > 0 && { chunk_ms: chunkMs.map((ms) => Math.round(ms)) }),
  }),
);

/**
 * The strategy, noting when the loop starts and ends (runBacktest calls onStart and onStop right after its
 * loop timer starts and right after it stops) and, with --mark-loop, writing a line to stdout then
 * (synchronously: V8's traces interleave).
 */
function timedLoop(Strategy) {
  return class extends Strategy {
    onStart(ctx) {
      if (markLoop) writeSync(1, "@@loop-start\n");
      loop.from = performance.now();
      super.onStart(ctx);
    }
    onStop(ctx) {
      super.onStop?.(ctx);
      loop.to = performance.now();
      if (markLoop) writeSync(1, "@@loop-end\n");
    }
  };
}

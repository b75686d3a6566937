// Compares two built checkouts of this repository on the benchmark workload: runs workload-run.mjs in
// each, alternately, in fresh processes, and prints the median and every value of loop_ms and
// main_cpu_ms per side, and whether both sides gave the same event-log hash. Alternating runs spread the
// shared machine's load over both sides; on these machines single runs move by ±10% and more, and one
// 10-run A/B once showed 9% where two 16-run A/Bs of the same builds showed none: trust a difference
// under ~5% only when two A/Bs of 16 runs a side or more agree (docs/performance.md, eighth look). For
// the JIT warm-up, compile-cost.mjs gives a steadier figure in one run.
//   node tooling/scripts/perf/ab.mjs <rootA> <rootB> [--runs N] [--load N] [multi|minute|daily] [base|stops]
// Each root must be built (`pnpm build`). Data: as workload-run.mjs ($BENCH_DATA or <tmp>/ordo-bench-data).
// With --load N, N busy-looping processes run beside the A/B: the loaded shared machine made reproducible.
// Under load the process's whole CPU time counts, not only the main thread's: V8 compiles (TurboFan) and
// collects garbage on worker threads that then compete with the loop for the two cores
// (docs/performance.md, fourteenth look), so the median `cpu_ms` (all threads, runBacktest) is printed too.
// Each side also gets the median `loop_gc_ms` and every run's `loop_major_gcs`: a mark-compact in the loop
// costs multi base ~5% and comes or not by V8's schedule (sixteenth look), so a side that drew more of them
// is slower for that reason alone. (A root whose workload-run.mjs predates them gives null.)
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { median } from "../median.mjs";

const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 10;
const loadAt = args.indexOf("--load");
const load = loadAt >= 0 ? Number(args[loadAt + 1]) : 0;
const positional = args.filter(
  (a, i) => !a.startsWith("--") && !(runsAt >= 0 && i === runsAt + 1) && !(loadAt >= 0 && i === loadAt + 1),
);
const [rootA, rootB, dataset = "multi", variant = "base"] = positional;
if (
  rootA === undefined ||
  rootB === undefined ||
  !Number.isInteger(runs) ||
  runs < 1 ||
  !Number.isInteger(load) ||
  load < 0
) {
  console.error(
    "usage: node tooling/scripts/perf/ab.mjs <rootA> <rootB> [--runs N] [--load N] [dataset] [variant]",
  );
  process.exit(2);
}
const roots = [resolve(rootA), resolve(rootB)];
for (const root of roots) {
  if (!existsSync(join(root, "packages/engine/dist/index.js"))) {
    console.error(`${root}: packages/engine/dist/index.js is missing; run pnpm build there first`);
    process.exit(2);
  }
}

/** One fresh-process run of workload-run.mjs in `root`: its JSON line. */
function runOnce(root) {
  const r = spawnSync(
    process.execPath,
    [join(root, "tooling/scripts/perf/workload-run.mjs"), dataset, variant],
    { cwd: root, encoding: "utf8" },
  );
  if (r.status !== 0) {
    console.error(`${root}: workload-run.mjs failed (exit ${r.status})\n${r.stderr}`);
    process.exit(1);
  }
  return JSON.parse(r.stdout.trim().split("\n").at(-1));
}

// The busy processes: killed when the A/B ends, however it ends (unref: they do not keep it running).
const burners = Array.from({ length: load }, () => {
  const burner = spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" });
  burner.unref();
  return burner;
});
process.on("exit", () => {
  for (const b of burners) b.kill();
});

const results = roots.map(() => []);
for (let i = 0; i < runs; i++) {
  // Alternate which side goes first, so neither always runs right after the other's heavy run.
  const order = i % 2 === 0 ? [0, 1] : [1, 0];
  for (const side of order) results[side].push(runOnce(roots[side]));
}
const summary = roots.map((root, side) => {
  const rows = results[side];
  return {
    side: side === 0 ? "A" : "B",
    root,
    dataset,
    variant,
    runs,
    loop_ms_median: median(rows.map((r) => r.loop_ms)),
    main_cpu_ms_median: rows[0].main_cpu_ms === null ? null : median(rows.map((r) => r.main_cpu_ms)),
    cpu_ms_median: median(rows.map((r) => r.cpu_ms)),
    loop_gc_ms_median: rows[0].loop_gc_ms === undefined ? null : median(rows.map((r) => r.loop_gc_ms)),
    loop_major_gcs: rows[0].loop_major_gcs === undefined ? null : rows.map((r) => r.loop_major_gcs),
    load,
    loop_ms: rows.map((r) => r.loop_ms),
    event_log_hashes: [...new Set(rows.map((r) => r.event_log_hash))],
  };
});
for (const line of summary) console.log(JSON.stringify(line));
const [a, b] = summary;
console.log(
  JSON.stringify({
    b_vs_a_loop: +(b.loop_ms_median / a.loop_ms_median).toFixed(3),
    same_event_log: a.event_log_hashes.length === 1 && a.event_log_hashes[0] === b.event_log_hashes[0],
  }),
);

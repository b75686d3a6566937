// How much TurboFan compiles while the benchmark loop runs: the warm-up cost that decides multi base on
// Node 20 (docs/performance.md, ninth look). Runs workload-run.mjs once under `node --single-threaded
// --trace-opt` (compiles on the main thread, so each "took" is the compiler's own CPU time, not time
// spent waiting for a core) and splits V8's trace at the loop. Prints, as JSON: how many functions were
// compiled in the loop and the milliseconds it took, then the costliest functions, one per line.
// Steadier than loop times on these machines (three runs: 167 functions, 308–318 ms), so a change to the
// per-order path can be judged by it in one run. With --by-package it also runs the workload once more
// with call counting (workload-run.mjs --calls) to tell which package each name comes from, and prints
// the milliseconds per package (names that several packages use are counted apart).
//   node tooling/scripts/perf/compile-cost.mjs [multi|minute|daily] [base|stops] [--top N] [--by-package]
// Names are V8's (methods without their class): several functions can share one (get, add, apply).
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const topAt = args.indexOf("--top");
const top = topAt >= 0 ? Number(args[topAt + 1]) : 25;
const byPackage = args.includes("--by-package");
const [dataset = "multi", variant = "base"] = args.filter(
  (a, i) => !a.startsWith("--") && !(topAt >= 0 && i === topAt + 1),
);

const runner = join(dirname(fileURLToPath(import.meta.url)), "workload-run.mjs");
// V8's trace and the loop markers go to one file: a file keeps their order (both are flushed per line).
const dir = mkdtempSync(join(tmpdir(), "ordo-compile-cost-"));
const traceFile = join(dir, "trace.txt");
const fd = openSync(traceFile, "w");
const child = spawnSync(
  process.execPath,
  ["--single-threaded", "--trace-opt", runner, dataset, variant, "--mark-loop"],
  { stdio: ["ignore", fd, "inherit"] },
);
closeSync(fd);
const trace = readFileSync(traceFile, "utf8");
rmSync(dir, { recursive: true, force: true });
if (child.status !== 0) {
  console.error(`workload-run.mjs exited with ${child.status}`);
  process.exit(1);
}

let phase = "before";
const totals = { before: [0, 0], loop: [0, 0], after: [0, 0] };
const byFunction = new Map();
let run = null;
for (const line of trace.split("\n")) {
  if (line === "@@loop-start") phase = "loop";
  else if (line === "@@loop-end") phase = "after";
  else if (line.startsWith("{")) run = JSON.parse(line);
  const m = /^\[completed compiling .*<JSFunction (\S*) .*took ([\d.]+), ([\d.]+), ([\d.]+) ms\]/.exec(line);
  if (!m) continue;
  const ms = Number(m[2]) + Number(m[3]) + Number(m[4]);
  totals[phase][0]++;
  totals[phase][1] += ms;
  if (phase === "loop") {
    const name = m[1] || "(anonymous)";
    const entry = byFunction.get(name) ?? { compiles: 0, ms: 0 };
    entry.compiles++;
    entry.ms += ms;
    byFunction.set(name, entry);
  }
}
const round = (x) => Math.round(x * 10) / 10;
console.log(
  JSON.stringify({
    dataset,
    variant,
    loop_compiles: totals.loop[0],
    loop_compile_ms: round(totals.loop[1]),
    before_loop_compiles: totals.before[0],
    after_loop_compiles: totals.after[0],
    event_log_hash: run?.event_log_hash ?? null,
  }),
);
for (const [name, e] of [...byFunction].sort((a, b) => b[1].ms - a[1].ms).slice(0, top)) {
  console.log(`${round(e.ms).toFixed(1).padStart(7)} ms  ${String(e.compiles).padStart(2)}×  ${name}`);
}
if (byPackage) {
  // Which packages define each name, from a second run that counts calls (functions run 2,000 times or
  // more: the loop's, not the loader's).
  const callsDir = mkdtempSync(join(tmpdir(), "ordo-compile-calls-"));
  const callsFile = join(callsDir, "calls.tsv");
  const counted = spawnSync(process.execPath, [runner, dataset, variant, "--calls", callsFile], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (counted.status !== 0) {
    console.error(`workload-run.mjs --calls exited with ${counted.status}`);
    process.exit(1);
  }
  const packagesOf = new Map();
  for (const row of readFileSync(callsFile, "utf8").split("\n")) {
    const [count, , name, file] = row.split("\t");
    if (file === undefined || Number(count) < 2000) continue;
    const pkg = file.replace(/^(packages|node_modules)\/([^/]+)\/.*$/, "$2");
    if (!packagesOf.has(name)) packagesOf.set(name, new Set());
    packagesOf.get(name).add(pkg);
  }
  rmSync(callsDir, { recursive: true, force: true });
  const perPackage = new Map();
  for (const [name, e] of byFunction) {
    const pkgs = packagesOf.get(name);
    const key = pkgs === undefined ? "(not counted)" : [...pkgs].sort().join(" or ");
    perPackage.set(key, (perPackage.get(key) ?? 0) + e.ms);
  }
  console.log("by package:");
  for (const [pkg, ms] of [...perPackage].sort((a, b) => b[1] - a[1])) {
    console.log(`${round(ms).toFixed(1).padStart(7)} ms  ${pkg}`);
  }
}

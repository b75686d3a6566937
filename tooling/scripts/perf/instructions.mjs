// Machine instructions a workload run executes, counted by valgrind's cachegrind: the steadiest yardstick
// these shared machines offer (docs/performance.md, eleventh look). Times move by ±15% with the load;
// instruction counts of `node --single-threaded --predictable` runs repeat within ~0.1% (now and then a
// run makes an extra major GC, ~+1%: run twice), so a change of 0.5% in the work shows in two runs where
// times need two 16-run A/Bs. It runs workload-run.mjs twice under
// cachegrind, once with --load-only, and prints the difference (the backtest: setup, loop and results;
// TurboFan's compiling included, since --single-threaded compiles on the main thread), split by where
// the instructions ran: TurboFan, JIT code (optimized and baseline JavaScript), builtins (inline caches
// and the rest), GC, SHA-256, the rest of the runtime. Needs valgrind (`apt-get install valgrind`).
// Under valgrind OpenSSL hashes without the CPU's SHA instructions, so SHA-256 counts ~5x its real share.
// With --predictable-gc-schedule the collections no longer follow the host's timing, yet GC still moves
// by ~5% from run to run (1,245-1,332 million on multi base): compare `run_without_gc_minstr` (steady
// within ~0.3%) and `turbofan_minstr` (~2%), and run twice.
// About 40 s for multi base (both runs side by side on two cores).
//   node tooling/scripts/perf/instructions.mjs [multi|minute|daily] [base|stops]
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const [dataset = "multi", variant = "base"] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const runner = join(dirname(fileURLToPath(import.meta.url)), "workload-run.mjs");
if (spawnSync("valgrind", ["--version"]).status !== 0) {
  console.error("instructions.mjs needs valgrind on the PATH (Debian: apt-get install valgrind)");
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), "ordo-instructions-"));

/** Runs workload-run.mjs under cachegrind; resolves with the per-function counts file's path. */
function counted(name, extra) {
  const out = join(dir, `${name}.cg`);
  const args = [
    "--tool=cachegrind",
    "--cache-sim=no",
    // V8 patches its own code: valgrind must notice code written outside the binary's files.
    "--smc-check=all-non-file",
    `--cachegrind-out-file=${out}`,
    process.execPath,
    "--single-threaded",
    "--predictable",
    // Fixed heap limits and no idle or memory-reducing collections: otherwise the GCs fall by the host's
    // timing, and with them the code TurboFan compiles (GC 544-1,023 million on the same code under load).
    "--predictable-gc-schedule",
    runner,
    dataset,
    variant,
    ...extra,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn("valgrind", args, { stdio: ["ignore", "pipe", "ignore"] });
    let stdout = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.on("exit", (code) =>
      code === 0 ? resolve({ out, stdout }) : reject(new Error(`${name} run exited with ${code}`)),
    );
  });
}

/** Instructions per category from cg_annotate's per-function list. */
function categories(file) {
  const text = spawnSync("cg_annotate", ["--threshold=0", file], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  }).stdout;
  const totals = {};
  for (const line of text.split("\n")) {
    const m = /^\s*([\d,]+) \([ \d.]+%\)\s+(.*)$/.exec(line);
    if (!m || line.includes("PROGRAM TOTALS")) continue;
    const n = Number(m[1].replaceAll(",", ""));
    const fn = m[2];
    const key = /sha256/.test(fn)
      ? "sha256"
      : /compiler::|Turbofan|turboshaft/.test(fn)
        ? "turbofan"
        : /Scaveng|Marking|MarkCompact|Sweep|Heap::|heap::|Evacuat|Pretenur|BodyDescriptor|SizeFromMap/.test(
              fn,
            )
          ? "gc"
          : fn.startsWith("???:Builtins_")
            ? /IC|Handler|Property/.test(fn)
              ? "builtins_ic"
              : "builtins_other"
            : fn === "???:???"
              ? "jit_code"
              : "runtime_other";
    totals[key] = (totals[key] ?? 0) + n;
  }
  return totals;
}

try {
  const [run, load] = await Promise.all([counted("run", []), counted("load", ["--load-only"])]);
  const a = categories(run.out);
  const b = categories(load.out);
  const millions = (n) => Math.round(n / 1e6);
  const split = {};
  let total = 0;
  for (const key of Object.keys({ ...a, ...b }).sort()) {
    const d = (a[key] ?? 0) - (b[key] ?? 0);
    split[key] = millions(d);
    total += d;
  }
  const result = JSON.parse(run.stdout.trim().split("\n").at(-1));
  console.log(
    JSON.stringify({
      dataset,
      variant,
      run_minstr: millions(total),
      // Without the collector's share, which still moves by ~5% between runs of the same code: the
      // steadiest figure (~0.3%).
      run_without_gc_minstr: millions(total - ((a.gc ?? 0) - (b.gc ?? 0))),
      ...Object.fromEntries(Object.entries(split).map(([k, v]) => [`${k}_minstr`, v])),
      event_log_hash: result.event_log_hash,
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

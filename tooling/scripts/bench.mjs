#!/usr/bin/env node
// `pnpm bench`: runs every benchmark script (packages/*/bench/*.bench.mjs, apps/*/bench/*.bench.mjs)
// several times, each in a fresh Node process, and prints every run's JSON line followed by one summary
// line per benchmark with the median of each figure (rates `*_per_s`, times `*_ms`, ratios, `other_cores`,
// counts `*_gcs`) and the machine it ran on. Each run's lines get `other_cores`: how many cores other
// processes kept busy meanwhile (Linux; see machine-load.mjs), the figure to read a slow run on a shared
// machine by.
// Options: --runs N (default 3), --filter TEXT (only benchmarks whose path contains TEXT).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { cpuTicks, otherCores } from "./machine-load.mjs";
import { median } from "./median.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const runs = Number(option("--runs", "3"));
const filter = option("--filter", "");

function benchFiles() {
  const out = [];
  for (const group of ["packages", "apps"]) {
    const groupDir = join(root, group);
    if (!existsSync(groupDir)) continue;
    for (const pkg of readdirSync(groupDir).sort()) {
      const dir = join(groupDir, pkg, "bench");
      if (!existsSync(dir)) continue;
      for (const f of readdirSync(dir).sort()) if (f.endsWith(".bench.mjs")) out.push(join(dir, f));
    }
  }
  return out.filter((f) => f.includes(filter));
}

const machine = `${cpus()[0]?.model ?? "unknown cpu"} x${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`;
let failed = false;
for (const file of benchFiles()) {
  const name = relative(root, file);
  const lines = [];
  for (let i = 0; i < runs; i++) {
    const before = cpuTicks();
    const r = spawnSync(process.execPath, [file], { cwd: dirname(file), encoding: "utf8" });
    const others = otherCores(before, cpuTicks());
    if (r.status !== 0) {
      console.error(`${name}: exit ${r.status}\n${r.stderr}`);
      failed = true;
      break;
    }
    for (const line of r.stdout.trim().split("\n")) {
      try {
        // A benchmark that runs several processes itself gives each line its own figure.
        const own = JSON.parse(line);
        const parsed = { ...own, other_cores: own.other_cores ?? others };
        lines.push(parsed);
        console.log(JSON.stringify(parsed));
      } catch {
        // not a result line
      }
    }
  }
  if (lines.length === 0) continue;
  // One summary per distinct result key (bench + dataset + variant), median over runs.
  const groups = new Map();
  for (const l of lines) {
    const key = [l.bench ?? l.benchmark ?? l.peer ?? name, l.config, l.dataset, l.variant]
      .filter(Boolean)
      .join(" ");
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(l);
  }
  for (const [key, group] of groups) {
    const medians = {};
    for (const k of Object.keys(group[0])) {
      if (!/(_per_s|_ms|PerSecond|ratio.*|other_cores|_gcs)$/.test(k) || typeof group[0][k] !== "number")
        continue;
      const m = median(group.map((g) => g[k]));
      // Rates and times as whole numbers; ratios keep their decimals.
      medians[`median_${k}`] = Math.abs(m) >= 100 ? Math.round(m) : Number(m.toFixed(3));
    }
    console.log(JSON.stringify({ summary: key, runs: group.length, ...medians, machine }));
  }
}
process.exit(failed ? 1 : 0);

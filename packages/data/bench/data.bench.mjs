#!/usr/bin/env node
// Loads the fixed workload's 1,000,000-row minute file (../shared/bench/WORKLOAD.md) with loadBarsCsv and
// prints one JSON line: {bench:"data-load", rows, load_ms, rows_per_s, max_rss_mb}. The file is generated
// first when missing (node ../shared/bench/gen_bars.mjs --only minute, into $BENCH_DATA or
// <tmp>/ordo-bench-data). `pnpm bench` runs this 3 times in fresh processes and prints the median.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadBarsCsv } from "../dist/index.js";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, "..", "..", "..");
const dataDir = process.env.BENCH_DATA || join(tmpdir(), "ordo-bench-data");
const file = join(dataDir, "minute_1x1000000.csv");

if (!existsSync(file)) {
  const generator = join(repoRoot, "..", "shared", "bench", "gen_bars.mjs");
  if (!existsSync(generator)) {
    console.error(`data.bench: ${file} is missing and ${generator} is not there to generate it`);
    process.exit(1);
  }
  const r = spawnSync(process.execPath, [generator, "--only", "minute", dataDir], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const t0 = performance.now();
const { series } = await loadBarsCsv(file);
const loadMs = performance.now() - t0;
console.log(
  JSON.stringify({
    bench: "data-load",
    rows: series.length,
    load_ms: Math.round(loadMs),
    rows_per_s: Math.round(series.length / (loadMs / 1000)),
    max_rss_mb: +(process.resourceUsage().maxRSS / 1024).toFixed(1),
  }),
);

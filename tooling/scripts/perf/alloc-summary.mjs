// Summarises an allocation profile written by workload-run.mjs --alloc: megabytes allocated by each
// function, itself and with what it calls.   node tooling/scripts/perf/alloc-summary.mjs FILE [top]
import { readFileSync } from "node:fs";

const [file, topArg = "30"] = process.argv.slice(2);
const top = Number(topArg);
const profile = JSON.parse(readFileSync(file, "utf8"));
const self = new Map();
const inclusive = new Map();
let total = 0;
const name = (n) =>
  `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.split("/").slice(-2).join("/")}:${n.callFrame.lineNumber}`;
function walk(node, stack) {
  const key = name(node);
  total += node.selfSize;
  self.set(key, (self.get(key) ?? 0) + node.selfSize);
  const path = stack.includes(key) ? stack : [...stack, key];
  for (const k of path) inclusive.set(k, (inclusive.get(k) ?? 0) + node.selfSize);
  for (const child of node.children) walk(child, path);
}
walk(profile.head, []);
const show = (map) => {
  for (const [k, v] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${(v / 1e6).toFixed(1).padStart(8)} MB  ${k}`);
  }
};
console.log(`total ${(total / 1e6).toFixed(0)} MB\n-- allocated by the function itself`);
show(self);
console.log("-- with what it calls");
show(inclusive);

#!/usr/bin/env node
// Makes a fresh clone runnable with only Node >= 20 and npm: installs the pinned pnpm's dependencies
// (through npx when pnpm is not on the PATH) and builds every package. Safe to run repeatedly: the
// install is a no-op when the lockfile is satisfied and turbo caches the build.
import { execSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const pinned = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).packageManager.split("@")[1];

const major = Number(process.versions.node.split(".")[0]);
if (major < 20) {
  console.error(`Ordo needs Node >= 20 (found ${process.versions.node}).`);
  process.exit(1);
}

function pnpmCommand() {
  try {
    const found = execSync("pnpm --version", { stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
    if (found === pinned) return ["pnpm"];
  } catch {}
  return ["npx", "-y", `pnpm@${pinned}`];
}

function run(args) {
  const [cmd, ...rest] = args;
  const result = spawnSync(cmd, rest, { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const pnpm = pnpmCommand();

run([...pnpm, "install", "--frozen-lockfile"]);
run([...pnpm, "exec", "turbo", "run", "build", "--output-logs=errors-only"]);

import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The CLI as users run it: `node bin/ordo.js ...` in a child process (needs `pnpm build` first). */
export const BIN = fileURLToPath(new URL("../bin/ordo.js", import.meta.url));
export const DEMO_DIR = fileURLToPath(new URL("../examples/demo/", import.meta.url));

export interface OrdoRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const created: string[] = [];

/** A fresh folder in the OS temp dir: outside the repository, with no node_modules anywhere above it. */
export function tempDir(prefix = "ordo-backtest-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Removes every folder `tempDir` made (call it from `afterAll`). */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * The environment of a user's shell: without the NODE_PATH that pnpm sets for the test runner (it would
 * let Node itself find packages a user's strategy folder cannot see), and with no jiti transpile cache
 * (the tests' throwaway strategy files would pile up in the OS temp folder).
 */
function userEnv(): NodeJS.ProcessEnv {
  const { NODE_PATH: _nodePath, ...env } = process.env;
  return { ...env, JITI_FS_CACHE: "false" };
}

/**
 * Runs `ordo <args>` in `cwd` (asynchronously, so several runs of one test can overlap). stderr is a
 * pipe, not a terminal, so no progress bar is drawn.
 */
export function runOrdo(args: readonly string[], cwd: string = process.cwd()): Promise<OrdoRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
      env: userEnv(),
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** Writes files (name -> text) into `dir`. */
export function writeFiles(dir: string, files: Readonly<Record<string, string>>): void {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

/** The `event log hash: <hex>` line's hash. */
export function printedHash(stdout: string): string | undefined {
  return /^event log hash: ([0-9a-f]{64})$/m.exec(stdout)?.[1];
}

/** The text of a doc in the repository's docs/ folder (`docText("strategy-api.md")`). */
export function docText(doc: string): string {
  return readFileSync(fileURLToPath(new URL(`../../../docs/${doc}`, import.meta.url)), "utf8");
}

/**
 * The fenced block right after a line naming a file (`` `~/quant/breakout.ts` ``) in a doc of the
 * repository's docs/ folder; throws when the doc shows no such file.
 */
export function docBlockAfter(doc: string, name: string, language: string): string {
  const text = docText(doc);
  const start = text.indexOf(`\`${name}\`\n\n\`\`\`${language}\n`);
  if (start < 0) throw new Error(`docs/${doc} shows no ${language} block for ${name}`);
  const from = text.indexOf("\n", text.indexOf(`\`\`\`${language}`, start)) + 1;
  return text.slice(from, text.indexOf("```", from));
}

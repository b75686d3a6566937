import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Decimal } from "@ordo/core";
import { afterAll, expect, it } from "vitest";
import {
  docBlockAfter,
  docText,
  type OrdoRun,
  removeTempDirs,
  runOrdo,
  tempDir,
  writeFiles,
} from "./run-ordo.js";

afterAll(removeTempDirs);

const DOC = "strategy-api.md";

/** A new folder holding the doc's strategy and config. */
function rotationFolder(): string {
  const dir = tempDir("ordo-strategy-api-");
  writeFiles(dir, {
    "rotation.ts": docBlockAfter(DOC, "rotation.ts", "ts"),
    "rotation.json": docBlockAfter(DOC, "rotation.json", "json"),
  });
  return dir;
}

/** The doc's commands, in its order: the arguments of each `node $ordo <args>` line. */
function docCommands(): string[][] {
  return [...docText(DOC).matchAll(/^node \$ordo (.+)$/gm)].map((m) => m[1]!.split(" "));
}

interface ResultJson {
  fills: { at: string; instrumentId: string; side: string; price: string; quantity: string }[];
  orders: {
    id: string;
    instrumentId: string;
    side: string;
    type: string;
    quantity: string;
    triggerPrice: string | null;
    tags: string[];
    initAt: string;
  }[];
  recorded: { ts: string; values: Record<string, number> }[];
  strategyErrors: unknown[];
}

it("runs the complete strategy of docs/strategy-api.md with the doc's commands, and it does what the doc says", async () => {
  const dir = rotationFolder();
  const commands = docCommands();
  expect(commands.map((args) => args[0])).toEqual(["data", "data", "backtest"]);
  let run: OrdoRun = { status: null, stdout: "", stderr: "" };
  for (const args of commands) {
    run = await runOrdo(args, dir);
    expect(run.status).toBe(0);
  }
  // The strategy's log lines (on stderr, the summary on stdout).
  expect(run.stderr).toMatch(/^2020-09-01T14:00:00Z info {2}Rotation: buying \{"instrument":"AAA.XNYS"\}$/m);
  expect(run.stderr).toMatch(/Rotation: closed \{"instrument":"AAA.XNYS","pnl":"-\d+\.\d\d"\}/);
  expect(run.stderr).not.toMatch(/denied|threw/);
  expect(run.stdout).toMatch(/\n {2}fills {11}25\n/);

  const result = JSON.parse(readFileSync(join(dir, "out/result.json"), "utf8")) as ResultJson;
  expect(result.strategyErrors).toEqual([]);
  expect(result.fills).toHaveLength(25);
  // The first entry: AAA.XNYS at 79.59, the open of 2020-09-01's bar.
  expect(result.fills[0]).toMatchObject({
    instrumentId: "AAA.XNYS",
    side: "BUY",
    price: "79.59",
    at: "2020-09-01T20:00:00Z",
  });

  // Never both instruments held at once.
  const held = new Map<string, number>();
  for (const f of result.fills) {
    held.set(
      f.instrumentId,
      (held.get(f.instrumentId) ?? 0) + (f.side === "BUY" ? 1 : -1) * Number(f.quantity),
    );
    expect([...held.values()].filter((q) => q !== 0).length).toBeLessThanOrEqual(1);
  }

  // Every entry is protected by a stop for its quantity at 92% of the fill price, on the tick.
  const stops = result.orders.filter((o) => o.type === "STOP_MARKET");
  const entries = result.fills.filter((f) => f.side === "BUY");
  expect(stops).toHaveLength(entries.length);
  entries.forEach((entry, i) => {
    expect(stops[i]).toMatchObject({
      instrumentId: entry.instrumentId,
      side: "SELL",
      quantity: entry.quantity,
      tags: ["stop"],
      triggerPrice: new Decimal(entry.price).times("0.92").toDecimalPlaces(2).toFixed(2),
    });
  });

  // One momentum record a month from April 2020, at 10:00 New York time on the month's first session.
  expect(result.recorded).toHaveLength(33);
  expect(result.recorded[0]!.ts).toBe("2020-04-01T14:00:00Z");
  expect(Object.keys(result.recorded[0]!.values)).toEqual(["momentum AAA.XNYS", "momentum BBB.XNYS"]);
  const months = result.recorded.map((r) => r.ts.slice(0, 7));
  expect(new Set(months).size).toBe(33);
  for (const r of result.recorded) expect(r.ts).toMatch(/^\d{4}-\d\d-0[1-4]T1[45]:00:00Z$/);

  expect(readFileSync(join(dir, "out/report.html"), "utf8")).toContain("Rotation");
});

it("refuses a parameter the strategy's schema rejects, before running, as the doc says", async () => {
  const dir = rotationFolder();
  for (const args of docCommands().filter((a) => a[0] === "data")) {
    expect((await runOrdo(args, dir)).status).toBe(0);
  }
  const run = await runOrdo(["backtest", "rotation.json", "--param", "lookback=1"], dir);
  expect(run.status).toBe(2);
  expect(run.stderr).toContain(
    'rotation.json: --param lookback: Too small: expected number to be >=2 (got "1")',
  );
  expect(docText(DOC)).toContain(
    '`rotation.json: --param lookback: Too small: expected number to be >=2 (got "1")`',
  );
});

/** The repository this test runs in: the doc's `/path/to/ordo`. */
const REPO = fileURLToPath(new URL("../../../", import.meta.url)).replace(/\/$/, "");

/** Runs the doc's tsc (`node /path/to/ordo/...tsc`, this repository's) in `cwd`: its arguments, or `args`. */
function docTsc(cwd: string, args?: string[]): { status: number | null; output: string } {
  const line = /^node \/path\/to\/ordo\/(node_modules\/typescript\/bin\/tsc) (.+)$/m.exec(docText(DOC));
  expect(line).not.toBeNull();
  const run = spawnSync(process.execPath, [join(REPO, line![1]!), ...(args ?? line![2]!.split(" "))], {
    cwd,
    encoding: "utf8",
  });
  return { status: run.status, output: run.stdout + run.stderr };
}

it("type-checks the doc's strategy outside the repository with the doc's tsconfig.json, and catches a typo the CLI would run", async () => {
  const misspelt =
    "error TS2551: Property 'placeStp' does not exist on type 'OrdersApi'. Did you mean 'placeStop'?";
  expect(docText(DOC).replace(/\n/g, " ")).toContain(`rotation.ts(58,18): ${misspelt}`);

  // Without the tsconfig.json, tsc cannot find the packages, as the doc says.
  const dir = rotationFolder();
  const bare = docTsc(dir, ["--noEmit", "rotation.ts"]);
  expect(bare.status).not.toBe(0);
  expect(bare.output).toContain("Cannot find module '@ordo/engine'");

  // With it, the doc's strategy type-checks, and so do the README's and docs/backtest-cli.md's (which
  // imports zod); a misspelt method does not.
  const tsconfig = docBlockAfter(DOC, "tsconfig.json", "json").replaceAll("/path/to/ordo", REPO);
  writeFiles(dir, { "tsconfig.json": tsconfig });
  expect(docTsc(dir)).toEqual({ status: 0, output: "" });
  const readme = readFileSync(join(REPO, "README.md"), "utf8");
  const readmeStrategy = /```ts\n(\/\/ my-strategy\.ts\n[\s\S]*?)```/.exec(readme)?.[1];
  expect(readmeStrategy).toBeDefined();
  writeFiles(dir, {
    "my-strategy.ts": readmeStrategy!,
    "breakout.ts": docBlockAfter("backtest-cli.md", "~/quant/breakout.ts", "ts"),
  });
  expect(docTsc(dir)).toEqual({ status: 0, output: "" });
  const strategy = docBlockAfter(DOC, "rotation.ts", "ts");
  expect(strategy.split("ctx.orders.placeStop(")).toHaveLength(2);
  writeFiles(dir, { "rotation.ts": strategy.replace("ctx.orders.placeStop(", "ctx.orders.placeStp(") });
  const typo = docTsc(dir);
  expect(typo.status).not.toBe(0);
  expect(typo.output).toContain(`rotation.ts(58,18): ${misspelt}`);

  // The CLI strips the types without checking them: a type error does not stop a run.
  writeFiles(dir, { "rotation.ts": `${strategy}\nconst notChecked: number = "x";\nvoid notChecked;\n` });
  expect(docTsc(dir).output).toContain("error TS2322");
  for (const args of docCommands()) expect((await runOrdo(args, dir)).status).toBe(0);
});

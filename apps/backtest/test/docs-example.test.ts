import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "vitest";
import {
  DEMO_DIR,
  docBlockAfter,
  type OrdoRun,
  removeTempDirs,
  runOrdo,
  tempDir,
  writeFiles,
} from "./run-ordo.js";

afterAll(removeTempDirs);

it("runs the strategy of docs/backtest-cli.md in a new folder, as the doc tells a user to", async () => {
  const dir = tempDir("ordo-docs-");
  writeFiles(dir, {
    "breakout.ts": docBlockAfter("backtest-cli.md", "~/quant/breakout.ts", "ts"),
    "run.json": docBlockAfter("backtest-cli.md", "~/quant/run.json", "json"),
  });
  const generate = await runOrdo(
    ["data", "generate", "--out", "SIM.csv", "--seed", "1", "--bars", "1000", "--calendar", "XNYS"],
    dir,
  );
  expect(generate.status).toBe(0);
  const run = await runOrdo(["backtest", "run.json", "--param", "stopPercent=3", "--quiet"], dir);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  const result = JSON.parse(readFileSync(join(dir, "out/result.json"), "utf8")) as {
    orders: { type: string; status: string }[];
  };
  // Each breakout is a bracket: the market entry fills, then one exit fills and cancels the other.
  const brackets: string[] = [];
  for (let i = 0; i + 2 < result.orders.length; i += 3) {
    brackets.push(
      result.orders
        .slice(i, i + 3)
        .map((o) => `${o.type} ${o.status}`)
        .join(", "),
    );
  }
  expect(brackets.length).toBeGreaterThan(5);
  for (const bracket of brackets) {
    expect([
      "MARKET FILLED, STOP_MARKET FILLED, LIMIT CANCELED",
      "MARKET FILLED, STOP_MARKET CANCELED, LIMIT FILLED",
      "MARKET FILLED, STOP_MARKET ACCEPTED, LIMIT ACCEPTED",
    ]).toContain(bracket);
  }
  expect(readFileSync(join(dir, "out/report.html"), "utf8")).toContain("Breakout");
});

/** The repository's README.md, section "Your own strategy" (up to the next heading). */
function ownStrategySection(): string {
  const readme = readFileSync(fileURLToPath(new URL("../../../README.md", import.meta.url)), "utf8");
  const start = readme.indexOf("## Your own strategy\n");
  expect(start).toBeGreaterThanOrEqual(0);
  return readme.slice(start, readme.indexOf("\n## ", start + 1));
}

it("runs the README's own strategy in a new folder outside the repository, following its steps literally", async () => {
  const section = ownStrategySection();
  const dir = tempDir("ordo-readme-");
  const strategy = /```ts\n(\/\/ my-strategy\.ts\n[\s\S]*?)```/.exec(section)?.[1];
  expect(strategy).toBeDefined();
  writeFiles(dir, { "my-strategy.ts": strategy! });

  // `cp /path/to/ordo/apps/backtest/examples/demo/demo.config.json my.config.json`
  expect(section).toContain(
    "\ncp /path/to/ordo/apps/backtest/examples/demo/demo.config.json my.config.json\n",
  );
  copyFileSync(join(DEMO_DIR, "demo.config.json"), join(dir, "my.config.json"));

  // The one edit the README asks for, exactly as it words it.
  const edit = /change `("file": "[^"]+")` to `("file": "[^"]+")`/.exec(section);
  expect(edit?.slice(1)).toEqual(['"file": "moving-average-crossover.ts"', '"file": "my-strategy.ts"']);
  const config = readFileSync(join(dir, "my.config.json"), "utf8");
  expect(config).toContain(edit![1]);
  writeFiles(dir, { "my.config.json": config.replace(edit![1]!, edit![2]!) });

  // Every `node $ordo <args>` line, in the README's order.
  const commands = [...section.matchAll(/^node \$ordo (.+)$/gm)].map((m) => m[1]!.split(" "));
  expect(commands.map((args) => args[0])).toEqual(["data", "backtest"]);
  expect(section).toContain("\nordo=/path/to/ordo/apps/backtest/bin/ordo.js\n");
  let run: OrdoRun = { status: null, stdout: "", stderr: "" };
  for (const args of commands) {
    run = await runOrdo(args, dir);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  }

  // "the demo's data", and a run of the strategy over it that writes out/ beside the config.
  expect(readFileSync(join(dir, "data/SIM.csv"))).toEqual(readFileSync(join(DEMO_DIR, "data/SIM.csv")));
  expect(run.stdout).toMatch(/^BuyTheDip on SIM\.XNYS: /);
  expect(run.stdout).toMatch(/\nevent log hash: [0-9a-f]{64}\n$/);
  const result = JSON.parse(readFileSync(join(dir, "out/result.json"), "utf8")) as {
    fills: unknown[];
    orders: { type: string }[];
    strategyErrors: unknown[];
  };
  expect(result.strategyErrors).toEqual([]);
  expect(result.fills.length).toBeGreaterThan(10);
  expect(new Set(result.orders.map((o) => o.type))).toEqual(new Set(["MARKET", "STOP_MARKET", "LIMIT"]));
  expect(readFileSync(join(dir, "out/report.html"), "utf8")).toContain("BuyTheDip");
});

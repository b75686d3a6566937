import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { docBlockAfter, removeTempDirs, runOrdo, tempDir, writeFiles } from "./run-ordo.js";

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

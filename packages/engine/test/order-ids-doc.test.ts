import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Bar } from "@ordo/core";
import { runReadmeExample } from "@ordo/test-utils";
import { expect, it } from "vitest";
import { runBacktest, type StrategyContext } from "../src/index.js";
import { AAPL, cashAccount, flatBars } from "./support.js";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The "Order ids" section of docs/strategy-api.md, up to the next heading. */
function orderIdsSection(): string {
  const doc = readFileSync(join(packageDir, "../../docs/strategy-api.md"), "utf8");
  const start = doc.indexOf("\n### Order ids\n");
  if (start < 0) throw new Error("docs/strategy-api.md has no Order ids section");
  const end = doc.indexOf("\n### ", start + 1);
  return doc.slice(start, end < 0 ? undefined : end);
}

it("docs/strategy-api.md's Order ids example compiles, runs, and prints the OCO and bracket ids the section names", () => {
  const section = orderIdsSection();
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  const printed = /```ts\n[\s\S]*?```\s*prints\s*```text\n([\s\S]*?)```/.exec(section)?.[1];
  expect(code).toContain('from "@ordo/engine"');
  const output = runReadmeExample(packageDir, code!);
  expect(output).toBe(printed);
  // The formats the section's table gives are the ids the run made.
  expect(output).toMatch(/^Breakout-oco-1 Breakout-oco-2 Breakout-B1-entry Breakout-B1-sl Breakout-B1-tp\n/);
  for (const id of ["Breakout-oco-1", "Breakout-B1-sl"]) expect(section).toContain(`| \`${id}\` |`);
  expect(section).toContain("`OCO: linked order Breakout-oco-2 filled`");
  expect(output).toContain("canceled: OCO: linked order Breakout-oco-2 filled\n");
  expect(section).toContain("`OUO: linked order Breakout-B1-tp completed`");
  expect(output).toContain("canceled: OUO: linked order Breakout-B1-tp completed\n");
});

it("gives a single order the O-<date>-<time>-<trader>-<strategy>-<n> id the section's table shows", () => {
  const ids: string[] = [];
  runBacktest({
    strategy: class Breakout {
      onBar(ctx: StrategyContext, bar: Bar) {
        if (ids.length === 0)
          ids.push(ctx.orders.placeMarket({ instrumentId: bar.instrumentId, side: "BUY", quantity: 1 }).id);
      }
    },
    feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 100]) }],
    account: cashAccount(),
  });
  expect(ids).toEqual(["O-20240102-210000-T1-Breakout-1"]);
  expect(orderIdsSection()).toContain("| `O-20240102-210000-T1-Breakout-1` |");
});

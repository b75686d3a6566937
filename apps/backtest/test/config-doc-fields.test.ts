import { LoadOptionsSchema } from "@ordo/data";
import { RiskConfigSchema } from "@ordo/risk";
import { expect, it } from "vitest";
import { docText } from "./run-ordo.js";

/** The row of a config table in docs/backtest-cli.md whose first cell is `name`. */
function tableRow(name: string): string {
  const row = docText("backtest-cli.md")
    .split("\n")
    .find((line) => line.startsWith(`| \`${name}\` |`));
  expect(row, `a table row for ${name}`).toBeDefined();
  return row!;
}

/** The backticked names in `text`. */
function codeNames(text: string): string[] {
  return [...text.matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1]!);
}

it("lists every loader option an instrument's `load` accepts, and only those", () => {
  const row = tableRow("load");
  const listed = codeNames(row.slice(row.indexOf("):"), row.indexOf(". `instrumentId`")));
  const notAllowed = ["instrumentId", "calendar", "allowNegativePrices"];
  const options = Object.keys(LoadOptionsSchema.shape).filter((key) => !notAllowed.includes(key));
  expect([...listed].sort()).toEqual([...options].sort());
});

it("names only real RiskEngine config keys in the `risk` row", () => {
  const row = tableRow("risk");
  const listed = codeNames(row.slice(row.indexOf("(`"), row.indexOf("see [risk.md]")));
  expect(listed.length).toBeGreaterThan(3);
  const keys = Object.keys(RiskConfigSchema.shape);
  expect(listed.filter((name) => !keys.includes(name))).toEqual([]);
});

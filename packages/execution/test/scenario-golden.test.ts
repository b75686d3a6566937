import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { formatScenarioOutput, parseScenario, runScenario, type ScenarioOutput } from "../src/index.js";

/**
 * The golden scenarios: each `NN-name.scenario.json` runs and must print exactly `NN-name.expected.json`.
 * `UPDATE_GOLDEN=1` rewrites the expected files for review. The figures worked out by hand from the
 * rules (golden/key-figures.json, cited in golden/README.md) are checked against the expected files too,
 * so a rewrite cannot quietly accept a venue that breaks a rule.
 */
const GOLDEN = fileURLToPath(new URL("./golden/", import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === "1";

const scenarioFiles = readdirSync(GOLDEN)
  .filter((f) => f.endsWith(".scenario.json"))
  .sort();

/** Figures worked out by hand for one scenario; every field optional. */
interface KeyFigures {
  /** Every OrderFilled in order: [orderId, quantity, price, commission?, at?] (null = not checked). */
  readonly fills?: readonly (readonly (string | null)[])[];
  /** OrderUpdated events of an order, in order, with the fields they must carry. */
  readonly updates?: readonly (readonly [string, Readonly<Record<string, string>>])[];
  /** [orderId, event type] pairs that must appear in this order (other events may come between). */
  readonly events?: readonly (readonly [string, string])[];
  /** Final status of an order, or the statuses a rule allows. */
  readonly status?: Readonly<Record<string, string | readonly string[]>>;
  /** Final quantity of an order. */
  readonly quantity?: Readonly<Record<string, string>>;
  /** Liquidity side of every fill of an order. */
  readonly liquidity?: Readonly<Record<string, string>>;
  /** The OrderDenied code of an order. */
  readonly denied?: Readonly<Record<string, string>>;
  readonly positions?: readonly Readonly<Record<string, string>>[];
  readonly account?: Readonly<Record<string, string>>;
}

const keyFigures = JSON.parse(readFileSync(`${GOLDEN}key-figures.json`, "utf8")) as Record<
  string,
  KeyFigures
>;

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}

function run(file: string): string {
  const result = parseScenario(readJson(`${GOLDEN}${file}`));
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.reason}`).join("\n"));
  return formatScenarioOutput(runScenario(result.scenario));
}

/** Checks the hand-worked figures against an output document. */
function checkKeyFigures(output: ScenarioOutput, key: KeyFigures): void {
  const fills = output.events.filter((e) => e.type === "OrderFilled");
  if (key.fills) {
    expect(fills.map((f) => f.orderId)).toEqual(key.fills.map((f) => f[0]));
    key.fills.forEach(([orderId, quantity, price, commission, at], i) => {
      const fill = fills[i]!;
      const label = `fill ${i + 1} of ${orderId}`;
      expect(fill.quantity, `${label}: quantity`).toBe(quantity);
      expect(fill.price, `${label}: price`).toBe(price);
      if (commission !== undefined && commission !== null)
        expect(fill.commission, `${label}: commission`).toBe(commission);
      if (at !== undefined && at !== null) expect(fill.at, `${label}: time`).toBe(at);
    });
  }
  if (key.updates) {
    const ids = new Set(key.updates.map(([id]) => id));
    const updates = output.events.filter((e) => e.type === "OrderUpdated" && ids.has(e.orderId));
    expect(updates.map((u) => u.orderId)).toEqual(key.updates.map(([id]) => id));
    key.updates.forEach(([, fields], i) => {
      expect(updates[i]).toMatchObject(fields);
    });
  }
  if (key.events) {
    let from = 0;
    for (const [orderId, type] of key.events) {
      const at = output.events.findIndex((e, i) => i >= from && e.orderId === orderId && e.type === type);
      expect(at, `${type} of ${orderId} after event ${from}`).toBeGreaterThanOrEqual(0);
      from = at + 1;
    }
  }
  const order = (id: string) => {
    const found = output.orders.find((o) => o.id === id);
    if (!found) throw new Error(`no order ${id} in the output`);
    return found;
  };
  for (const [id, status] of Object.entries(key.status ?? {})) {
    if (typeof status === "string") expect(order(id).status, `status of ${id}`).toBe(status);
    else expect(status, `status of ${id}`).toContain(order(id).status);
  }
  for (const [id, quantity] of Object.entries(key.quantity ?? {})) {
    expect(order(id).quantity, `quantity of ${id}`).toBe(quantity);
  }
  for (const [id, liquidity] of Object.entries(key.liquidity ?? {})) {
    const sides = fills.filter((f) => f.orderId === id).map((f) => f.liquidity);
    expect(sides.length, `fills of ${id}`).toBeGreaterThan(0);
    for (const side of sides) expect(side, `liquidity of ${id}`).toBe(liquidity);
  }
  for (const [id, code] of Object.entries(key.denied ?? {})) {
    const denial = output.events.find((e) => e.type === "OrderDenied" && e.orderId === id);
    expect(denial?.code, `denial code of ${id}`).toBe(code);
  }
  key.positions?.forEach((fields, i) => {
    expect(output.positions[i], `position ${i}`).toMatchObject(fields);
  });
  if (key.account) expect(output.account).toMatchObject(key.account);
}

describe("golden scenarios", () => {
  it("cover the rules with at least 40 scenarios, each with its expected output and key figures", () => {
    expect(scenarioFiles.length).toBeGreaterThanOrEqual(40);
    const names = scenarioFiles.map((f) => f.replace(".scenario.json", ""));
    expect(Object.keys(keyFigures).sort()).toEqual(names);
    const expected = readdirSync(GOLDEN).filter((f) => f.endsWith(".expected.json"));
    expect(expected.sort()).toEqual(names.map((n) => `${n}.expected.json`));
  });

  for (const file of scenarioFiles) {
    const name = file.replace(".scenario.json", "");
    const expectedPath = `${GOLDEN}${name}.expected.json`;

    it(`${name}: prints exactly the expected output`, () => {
      const actual = run(file);
      if (UPDATE) writeFileSync(expectedPath, actual);
      expect(actual).toBe(readFileSync(expectedPath, "utf8"));
    });

    it(`${name}: the expected output has the figures worked out by hand`, () => {
      checkKeyFigures(readJson(expectedPath) as ScenarioOutput, keyFigures[name] ?? {});
    });
  }

  it("gives the same bytes when a scenario runs twice", () => {
    const file = scenarioFiles.find((f) => f.includes("bracket-partial-entry")) ?? scenarioFiles[0]!;
    expect(run(file)).toBe(run(file));
  });
});

import { formatPath, formatTimestamp } from "@ordo/core";
import type { ScenarioOrderRequest } from "./order-schema.js";
import { problemsFromZodIssues, type ScenarioProblem } from "./problems.js";
import { type Scenario, type ScenarioInput, ScenarioSchema } from "./schema.js";

export type ScenarioParseResult =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly problems: readonly ScenarioProblem[] };

type Path = (string | number)[];

/** The orders an input submits, each with the path of the object that states it. */
function submittedOrders(input: ScenarioInput, index: number): [ScenarioOrderRequest, Path][] {
  const at: Path = ["inputs", index];
  switch (input.kind) {
    case "submit":
      return [[input.submit, [...at, "submit"]]];
    case "submitBracket": {
      const b = input.submitBracket;
      const path = [...at, "submitBracket"];
      return [
        [b.entry, [...path, "entry"]],
        [b.stopLoss, [...path, "stopLoss"]],
        [b.takeProfit, [...path, "takeProfit"]],
      ];
    }
    case "submitOco":
      return input.submitOco.orders.map((o, i) => [o, [...at, "submitOco", "orders", i]]);
    default:
      return [];
  }
}

/** Rules across inputs: time order, unique order ids, references to orders that exist, one instrument. */
function crossInputProblems(scenario: Scenario): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const add = (path: Path, reason: string) => problems.push({ path: formatPath(path), reason });
  const { instrument, account } = scenario;
  if (account.currency !== instrument.currency) {
    add(
      ["account", "currency"],
      `is ${account.currency}, but ${instrument.id} is quoted in ${instrument.currency}; a scenario has one currency`,
    );
  }
  const firstSeen = new Map<string, string>();
  scenario.inputs.forEach((input, i) => {
    for (const [order, path] of submittedOrders(input, i)) {
      if (order.id === undefined) continue;
      const where = formatPath(path);
      const earlier = firstSeen.get(order.id);
      if (earlier !== undefined) add([...path, "id"], `order id "${order.id}" is already used at ${earlier}`);
      else firstSeen.set(order.id, where);
    }
  });
  let previousAt: number | null = null;
  const submitted = new Set<string>();
  scenario.inputs.forEach((input, i) => {
    if (previousAt !== null && input.at < previousAt) {
      add(
        ["inputs", i, "at"],
        `${formatTimestamp(input.at)} is earlier than the previous input (${formatTimestamp(previousAt)}); inputs are in time order`,
      );
    }
    previousAt = input.at;
    for (const [order, path] of submittedOrders(input, i)) {
      if (order.instrumentId !== undefined && order.instrumentId !== instrument.id) {
        add(
          [...path, "instrumentId"],
          `is ${order.instrumentId}, but the scenario's instrument is ${instrument.id}`,
        );
      }
      const c = order.contingency;
      if (c !== undefined) {
        c.linkedIds.forEach((id, j) => {
          if (!firstSeen.has(id))
            add([...path, "contingency", "linkedIds", j], `no order "${id}" in this scenario`);
        });
        if (c.parentId !== undefined && !firstSeen.has(c.parentId)) {
          add([...path, "contingency", "parentId"], `no order "${c.parentId}" in this scenario`);
        }
      }
      if (order.id !== undefined) submitted.add(order.id);
    }
    if (input.kind === "modify" || input.kind === "cancel") {
      const id = input.kind === "modify" ? input.modify.id : input.cancel.id;
      if (!submitted.has(id)) {
        add(
          ["inputs", i, input.kind, "id"],
          firstSeen.has(id)
            ? `order "${id}" is submitted only later, at ${firstSeen.get(id)}`
            : `no order "${id}" is submitted in this scenario`,
        );
      }
    }
  });
  return problems;
}

/**
 * Reads a scenario from parsed JSON: the scenario, or every problem found, each with its JSON path
 * (`inputs[3].submit.price`) and reason. Nothing runs on a scenario with problems.
 */
export function parseScenario(json: unknown): ScenarioParseResult {
  const parsed = ScenarioSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) return { ok: false, problems: problemsFromZodIssues(parsed.error.issues) };
  const problems = crossInputProblems(parsed.data);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, scenario: parsed.data };
}

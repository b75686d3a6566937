import { formatPath } from "@ordo/core";
import type { ScenarioProblem } from "@ordo/execution";
import type { z } from "zod";

/** One reason an input cannot run: where (a JSON path such as `instruments[0].tickSize`, or a flag) and why. */
export type Problem = ScenarioProblem;

/**
 * A zod issue's message in the words the scenario format uses ("is required (string)", `must be one of
 * "a", "b", got "c"`), so `ordo simulate` and `ordo backtest` read alike. (@ordo/execution keeps its own
 * copy private; see the report to the lead.)
 */
export function issueReason(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type" && issue.message.endsWith("received undefined")) {
    return `is required (${issue.expected})`;
  }
  if (issue.code === "invalid_value" && issue.message.startsWith("Invalid option")) {
    const allowed = issue.values.map((v) => JSON.stringify(v)).join(", ");
    return "input" in issue && issue.input !== undefined
      ? `must be one of ${allowed}, got ${JSON.stringify(issue.input)}`
      : `must be one of ${allowed}`;
  }
  return issue.message.replace(/^Invalid input: /, "");
}

/** zod issues as problems; an unknown key becomes one "is not a known field" problem per key. */
export function problemsFromIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly (string | number)[] = [],
): Problem[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...(issue.path.filter((p) => typeof p !== "symbol") as (string | number)[])];
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ path: formatPath([...path, key]), reason: "is not a known field" }));
    }
    return [{ path: formatPath(path), reason: issueReason(issue) }];
  });
}

/** `<file>: <path>: <reason>` per problem, one per line. */
export function problemLines(file: string, problems: readonly Problem[]): string {
  return problems.map((p) => `${file}: ${p.path}: ${p.reason}\n`).join("");
}

import { formatPath } from "@ordo/core";
import type { z } from "zod";

/** One reason a scenario file cannot run: where (a JSON path such as `inputs[3].submit.price`) and why. */
export interface ScenarioProblem {
  readonly path: string;
  readonly reason: string;
}

/** A zod issue in the words of the scenario format: "is required", "unknown field", the allowed values. */
export function problemsFromZodIssue(
  issue: z.core.$ZodIssue,
  prefix: readonly (string | number)[] = [],
): ScenarioProblem[] {
  const path = [...prefix, ...(issue.path.filter((p) => typeof p !== "symbol") as (string | number)[])];
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({ path: formatPath([...path, key]), reason: "is not a known field" }));
  }
  return [{ path: formatPath(path), reason: issueReason(issue) }];
}

/** A zod issue's message in the format's words: "is required (string)", `must be one of "a", "b", got "c"`. */
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
  const reason = issue.message.replace(/^Invalid input: /, "");
  // A bound or type a number broke says which number it was (when the parse reported its input).
  if (
    (issue.code === "too_small" || issue.code === "too_big" || issue.code === "invalid_type") &&
    "input" in issue
  ) {
    const input = (issue as { input?: unknown }).input;
    if (typeof input === "number" || typeof input === "string" || typeof input === "boolean")
      return `${reason}, got ${JSON.stringify(input)}`;
  }
  return reason;
}

/** Issues as problems, in file order (by path) so a user reads them top to bottom. */
export function problemsFromZodIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly (string | number)[] = [],
): ScenarioProblem[] {
  return issues.flatMap((issue) => problemsFromZodIssue(issue, prefix));
}

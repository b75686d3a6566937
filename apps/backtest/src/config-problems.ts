import { issueReason, problemsFromZodIssues, type ScenarioProblem } from "@ordo/execution";

/** One reason an input cannot run: where (a JSON path such as `instruments[0].tickSize`, or a flag) and why. */
export type Problem = ScenarioProblem;

/** zod issues in the words of the scenario format, so `ordo simulate` and `ordo backtest` read alike. */
export { issueReason, problemsFromZodIssues as problemsFromIssues };

/** `<file>: <path>: <reason>` per problem, one per line. */
export function problemLines(file: string, problems: readonly Problem[]): string {
  return problems.map((p) => `${file}: ${p.path}: ${p.reason}\n`).join("");
}

import { didYouMean, formatPath } from "@ordo/core";
import { issueReason, problemsFromZodIssues, type ScenarioProblem } from "@ordo/execution";
import type { z } from "zod";

/** One reason an input cannot run: where (a JSON path such as `instruments[0].tickSize`, or a flag) and why. */
export type Problem = ScenarioProblem;

/** zod issues in the words of the scenario format, so `ordo simulate` and `ordo backtest` read alike. */
export { issueReason, problemsFromZodIssues as problemsFromIssues };

/** The reason given for a field the format does not have. */
export const UNKNOWN_FIELD = "is not a known field";

/** The field names the format knows in the object at `path` (`[]` for the top level, `["venue"]`, ...). */
export type KnownFields = (path: readonly (string | number)[]) => Iterable<string>;

/** The paths of the unknown fields an issue reports, or null when it reports something else. */
function unknownFieldPaths(issue: z.core.$ZodIssue): (string | number)[][] | null {
  const path = issue.path.filter((p) => typeof p !== "symbol") as (string | number)[];
  if (issue.code === "unrecognized_keys") return issue.keys.map((key) => [...path, key]);
  if (issue.code === "custom" && issue.message === UNKNOWN_FIELD) return [path];
  return null;
}

/**
 * zod issues as problems, like `problemsFromIssues`, with a suggestion for each unknown field that is close
 * to a known one: `acount: is not a known field (did you mean "account"?)`, as commander suggests for flags.
 * A field close to none gets the list of the fields that object takes (`instruments[0].load.tz: is not a
 * known field (known: timezone, dayFirst, ...)`), as `--param` lists the parameters: a bare "is not a known
 * field" left the user to find the names in the docs.
 */
export function problemsWithFieldHints(
  issues: readonly z.core.$ZodIssue[],
  knownFields: KnownFields,
): Problem[] {
  return issues.flatMap((issue) => {
    const paths = unknownFieldPaths(issue);
    if (paths === null) return problemsFromZodIssues([issue]);
    return paths.map((path) => {
      const known = [...knownFields(path.slice(0, -1))];
      const hint =
        didYouMean(String(path.at(-1)), known) || (known.length > 0 ? ` (known: ${known.join(", ")})` : "");
      return { path: formatPath(path), reason: `${UNKNOWN_FIELD}${hint}` };
    });
  });
}

/** `<file>: <path>: <reason>` per problem, one per line. */
export function problemLines(file: string, problems: readonly Problem[]): string {
  return problems.map((p) => `${file}: ${p.path}: ${p.reason}\n`).join("");
}

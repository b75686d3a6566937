import { didYouMean, type ValidationIssue } from "@ordo/core";

/**
 * One issue per key of `value` that is not in `allowed`, at `path` + the key: `is not <what>`, then the
 * closest allowed key, or all of them after `listLabel` when none is close. A strategy file runs with its
 * types stripped, so without this a misspelt option would be dropped without a word.
 */
export function unknownKeyIssues(
  value: object,
  allowed: readonly string[] | ReadonlySet<string>,
  path: readonly (string | number)[],
  what: string,
  listLabel: string,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const known = (key: string) => ("has" in allowed ? allowed.has(key) : allowed.includes(key));
  for (const key of Object.keys(value)) {
    if (known(key)) continue;
    const hint = didYouMean(key, allowed);
    issues.push({
      path: [...path, key],
      message: `is not ${what}${hint === "" ? ` (${listLabel}: ${[...allowed].join(", ")})` : hint}`,
    });
  }
  return issues;
}

import { didYouMean, ValidationError, type ValidationIssue } from "@ordo/core";
import type { z } from "zod";

/**
 * Parses input with a zod schema, throwing a ValidationError that names each bad field under `root`. A key
 * the schema does not know is refused by name (with the known one it is closest to), never dropped: a
 * misspelt `levrage` or `stopLos` would otherwise leave the account at 1× or the position without its stop.
 * A value not among the allowed ones is echoed (`got "margin"`).
 */
export function parseWithSchema<S extends z.ZodType>(schema: S, input: unknown, root: string): z.output<S> {
  const result = schema.safeParse(input, { reportInput: true });
  if (!result.success) {
    throw new ValidationError(result.error.issues.flatMap((issue) => issuesOf(issue, schema, root)));
  }
  return result.data;
}

function issuesOf(issue: z.core.$ZodIssue, schema: z.ZodType, root: string): ValidationIssue[] {
  const path = [root, ...(issue.path as (string | number)[])];
  if (issue.code === "unrecognized_keys") {
    const known = issue.path.length === 0 && "shape" in schema ? Object.keys(schema.shape as object) : [];
    return issue.keys.map((key) => ({
      path: [...path, key],
      message: `is not a known field${didYouMean(key, known)}`,
    }));
  }
  if (issue.code === "invalid_value" && "input" in issue && !issue.message.includes(", got ")) {
    return [{ path, message: `${issue.message}, got ${JSON.stringify(issue.input)}` }];
  }
  return [{ path, message: issue.message }];
}

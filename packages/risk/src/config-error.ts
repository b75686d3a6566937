import { ValidationError, type ValidationIssue } from "@ordo/core";
import type { z } from "zod";

/**
 * Turns zod's issues into one ValidationError whose issues name each bad field, including every
 * unknown key (a misspelt limit must not be silently ignored).
 */
export function configError(error: z.ZodError, prefix: readonly (string | number)[]): ValidationError {
  const issues: ValidationIssue[] = [];
  for (const issue of error.issues) {
    const path = [...prefix, ...(issue.path as (string | number)[])];
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) issues.push({ path: [...path, key], message: "is not a known setting" });
    } else {
      issues.push({ path, message: issue.message });
    }
  }
  return new ValidationError(issues);
}

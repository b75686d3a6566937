import { ValidationError } from "@ordo/core";
import type { z } from "zod";

/** Parses `input` with `schema` or throws one ValidationError listing every issue under `path`. */
export function parseConfig<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  path: readonly (string | number)[],
): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => ({
      path: [...path, ...issue.path.filter((key): key is string | number => typeof key !== "symbol")],
      message: issue.message,
    })),
  );
}

/** The message for an unknown `model`: what was given and what is accepted. */
export function unknownModelMessage(models: readonly string[]) {
  return (issue: { readonly input?: unknown }): string => {
    const given = issue.input as { model?: unknown } | null | undefined;
    const model = given?.model;
    const expected = models.map((m) => `"${m}"`).join(", ");
    if (typeof given !== "object" || given === null)
      return `must be an object with "model" one of ${expected}`;
    return model === undefined
      ? `is required: one of ${expected}`
      : `unknown model ${JSON.stringify(model)}; expected one of ${expected}`;
  };
}

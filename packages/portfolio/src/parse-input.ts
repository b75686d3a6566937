import { ValidationError } from "@ordo/core";
import type { z } from "zod";

/** Parses input with a zod schema, throwing a ValidationError that names each bad field under `root`. */
export function parseWithSchema<S extends z.ZodType>(schema: S, input: unknown, root: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new ValidationError(
      result.error.issues.map((i) => ({
        path: [root, ...(i.path as (string | number)[])],
        message: i.message,
      })),
    );
  }
  return result.data;
}

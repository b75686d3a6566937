import { OrdoError } from "@ordo/core";

/**
 * What a strategy threw, as one line. An Error's message, led by its class when that says more than
 * "Error" (`TypeError: Cannot read properties of undefined (reading 'close')`, as Node prints an uncaught
 * error); Ordo's own errors already lead with their code (`UNKNOWN_ORDER: ...`), so they keep their
 * message; anything else thrown (a string, a number) as `String()` gives it.
 */
export function thrownMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error instanceof OrdoError) return error.message;
  const name = error.name;
  return name && name !== "Error" ? `${name}: ${error.message}` : error.message;
}

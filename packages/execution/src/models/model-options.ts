import { Decimal, type DecimalLike, decimalProblem, ONE, ValidationError } from "@ordo/core";

/** What a model parameter may be: any sign, >= 0, > 0, or a fraction in (0, 1] / a probability in [0, 1]. */
export type DecimalRule = "any" | "non-negative" | "positive" | "fraction" | "probability";

/**
 * Reads one decimal constructor option, applying its documented default when it is absent, and throws a
 * ValidationError naming `Model.field` when the value breaks the rule, so a bad model is never built.
 */
export function decimalOption(
  model: string,
  field: string,
  value: DecimalLike | undefined,
  fallback: Decimal | undefined,
  rule: DecimalRule,
): Decimal {
  if (value === undefined) {
    if (fallback === undefined) throw ValidationError.field([model, field], "is required");
    return fallback;
  }
  const problem = decimalProblem(value, {
    allowNegative: rule === "any",
    allowZero: rule !== "positive" && rule !== "fraction",
  });
  if (problem !== null) throw ValidationError.field([model, field], problem);
  const parsed =
    value instanceof Decimal ? value : new Decimal(typeof value === "string" ? value.trim() : value);
  if ((rule === "fraction" || rule === "probability") && parsed.gt(ONE)) {
    throw ValidationError.field([model, field], `must be at most 1, got ${parsed.toString()}`);
  }
  return parsed;
}

/** Reads one integer constructor option (window lengths, milliseconds, seeds) within [min, max]. */
export function integerOption(
  model: string,
  field: string,
  value: number | undefined,
  fallback: number | undefined,
  min: number,
  max: number = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) {
    if (fallback === undefined) throw ValidationError.field([model, field], "is required");
    return fallback;
  }
  if (!Number.isSafeInteger(value))
    throw ValidationError.field([model, field], `must be an integer, got ${value}`);
  if (value < min || value > max) {
    throw ValidationError.field([model, field], `must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}

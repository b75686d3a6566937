import { didYouMean, OrderRequestSchema, ValidationError } from "@ordo/core";

/** The fields an order request may have (core's `OrderRequest`). */
const ORDER_FIELDS: ReadonlySet<string> = new Set(Object.keys(OrderRequestSchema.shape));

/**
 * A field that is not an order field, refused by name: zod would drop it without a word, and a strategy
 * file runs with its types stripped, so `timeinforce: "DAY"` would place a GTC order and `limitprice` a
 * plain one.
 */
export function unknownOrderFieldsError(
  request: Readonly<Record<string, unknown>>,
  path: readonly (string | number)[] = [],
): ValidationError | null {
  const unknown = Object.keys(request).filter((key) => !ORDER_FIELDS.has(key));
  if (unknown.length === 0) return null;
  return new ValidationError(
    unknown.map((key) => {
      const hint = didYouMean(key, ORDER_FIELDS);
      return {
        path: [...path, key],
        message: `is not an order field${hint === "" ? ` (order fields: ${[...ORDER_FIELDS].join(", ")})` : hint}`,
      };
    }),
  );
}

/** The fields of `placeBracket`'s input and of its parts (core's `BracketInput`). */
const BRACKET_FIELDS: Readonly<Record<string, readonly string[]>> = {
  "": [
    "instrumentId",
    "strategyId",
    "side",
    "quantity",
    "entry",
    "stopLoss",
    "takeProfit",
    "referencePrice",
    "timeInForce",
    "expireAt",
    "ids",
    "tags",
  ],
  entry: ["type", "price", "triggerPrice"],
  stopLoss: ["triggerPrice", "offset", "price"],
  takeProfit: ["price", "offset", "type"],
  ids: ["entry", "stopLoss", "takeProfit"],
};

/**
 * The fields of a bracket that are not bracket fields, at any level (`timeinforce`, `stopLoss.trigger`),
 * refused by name for the same reason as an order's: the bracket would go out without them.
 */
export function unknownBracketFieldsError(input: Readonly<Record<string, unknown>>): ValidationError | null {
  const issues: { path: string[]; message: string }[] = [];
  const check = (value: unknown, part: string) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return;
    const allowed = BRACKET_FIELDS[part]!;
    for (const key of Object.keys(value)) {
      if (allowed.includes(key)) continue;
      const hint = didYouMean(key, allowed);
      issues.push({
        path: part === "" ? [key] : [part, key],
        message: `is not a ${part === "" ? "bracket" : part} field${hint === "" ? ` (fields: ${allowed.join(", ")})` : hint}`,
      });
    }
  };
  check(input, "");
  for (const part of ["entry", "stopLoss", "takeProfit", "ids"]) check(input[part], part);
  return issues.length === 0 ? null : new ValidationError(issues);
}

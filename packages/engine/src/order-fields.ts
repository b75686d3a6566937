import { OrderRequestSchema, orderFieldIssues, ValidationError, type ValidationIssue } from "@ordo/core";
import { unknownKeyIssues } from "./unknown-keys.js";

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
  const issues = unknownKeyIssues(request, ORDER_FIELDS, path, "an order field", "order fields");
  return issues.length === 0 ? null : new ValidationError(issues);
}

/**
 * The problems of an order template's defaults, found where the template is made rather than at each
 * place: a field that is not an order field, or a value no order could have (`type: "LIMT"`, with the
 * one it is closest to).
 */
export function templateDefaultsError(defaults: Readonly<Record<string, unknown>>): ValidationError | null {
  const issues = [
    ...unknownKeyIssues(defaults, ORDER_FIELDS, ["template"], "an order field", "order fields"),
    ...orderFieldIssues(defaults, ["template"]),
  ];
  return issues.length === 0 ? null : new ValidationError(issues);
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
  const issues: ValidationIssue[] = [];
  const check = (value: unknown, part: string) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return;
    const what = `a ${part === "" ? "bracket" : part} field`;
    issues.push(...unknownKeyIssues(value, BRACKET_FIELDS[part]!, part === "" ? [] : [part], what, "fields"));
  };
  check(input, "");
  for (const part of ["entry", "stopLoss", "takeProfit", "ids"]) check(input[part], part);
  return issues.length === 0 ? null : new ValidationError(issues);
}

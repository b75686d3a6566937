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

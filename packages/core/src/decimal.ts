import { Decimal as DecimalJs } from "decimal.js";
import { z } from "zod";
import { ValidationError } from "./errors.js";

/**
 * Ordo's own Decimal: a decimal.js clone configured once, so no other library's global configuration can
 * change how money rounds. 40 significant digits hold any price × quantity × multiplier exactly; division
 * (average prices) rounds half-even, as accounting does.
 */
export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -40,
  toExpPos: 40,
});
withFastStatics(Decimal);
export type Decimal = InstanceType<typeof Decimal>;
/** Anything Ordo accepts where a decimal is expected. Strings are exact; numbers use their shortest text. */
export type DecimalLike = Decimal | string | number;

/**
 * Gives the constructor fast (in-order, cached) properties instead of the hash table V8 keeps for an object
 * given 63 properties one by one: decimal.js reads its statics (`precision`, `rounding`, `maxE`, ...) and
 * tests `instanceof` on the constructor in every operation and construction, and a hash-table holder
 * makes each of those a generic lookup that optimized code cannot inline. V8 turns an object into fast
 * properties once it is the prototype of an object whose property load misses an inline cache with
 * feedback (feedback comes after a few calls, hence the loop); nothing observable changes.
 */
function withFastStatics(ctor: object): void {
  const heir = Object.create(ctor) as { readonly precision?: unknown };
  const read = () => heir.precision;
  for (let i = 0; i < 32; i++) read();
}

/** Largest magnitude accepted from outside: far beyond any price, quantity or balance, short of nonsense. */
export const MAX_DECIMAL_MAGNITUDE = new Decimal("1e24");
const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export const ZERO: Decimal = new Decimal(0);
export const ONE: Decimal = new Decimal(1);

export interface ParseDecimalOptions {
  /** Name used in the error message (e.g. "price", "inputs[2].bar.open"). */
  readonly field?: string;
  readonly allowNegative?: boolean;
  readonly allowZero?: boolean;
}

/** Why `value` is not an acceptable decimal, or null when it is. */
export function decimalProblem(value: unknown, options: ParseDecimalOptions = {}): string | null {
  let d: Decimal;
  if (value instanceof Decimal) {
    d = value;
  } else if (typeof value === "number") {
    if (!Number.isFinite(value)) return `must be a finite number, got ${value}`;
    d = new Decimal(value);
  } else if (typeof value === "string") {
    const text = value.trim();
    if (text === "") return "must be a decimal number, got an empty string";
    if (!DECIMAL_TEXT.test(text)) return `must be a decimal number, got "${value}"`;
    d = new Decimal(text);
  } else if (value === undefined) {
    return "is required: a decimal number as a string or number";
  } else {
    return `must be a decimal number (string or number), got ${value === null ? "null" : typeof value}`;
  }
  if (!d.isFinite()) return `must be finite, got ${String(value)}`;
  if (d.abs().gt(MAX_DECIMAL_MAGNITUDE))
    return `is out of range (|value| must be at most 1e24), got ${String(value)}`;
  if (!options.allowNegative && d.isNegative() && !d.isZero()) {
    return options.allowZero === false
      ? `must be greater than zero, got ${d.toString()}`
      : `must not be negative, got ${d.toString()}`;
  }
  if (options.allowZero === false && d.isZero()) return "must be greater than zero, got 0";
  return null;
}

/**
 * Parses a decimal from a string, number or Decimal, refusing NaN, Infinity, "", text that is not a
 * number, magnitudes above 1e24 and (unless allowed) negatives. Throws a ValidationError naming the field.
 */
export function parseDecimal(value: unknown, options: ParseDecimalOptions = {}): Decimal {
  const problem = decimalProblem(value, { allowNegative: true, ...options });
  if (problem !== null) throw ValidationError.field(options.field ?? "value", problem);
  return toOrdoDecimal(value as Decimal | string | number);
}

/**
 * decimal.js clones share one prototype, so a Decimal made by another configuration (the global
 * decimal.js) passes `instanceof` yet computes with its own precision: copy it into Ordo's.
 */
function toOrdoDecimal(value: Decimal | string | number): Decimal {
  if (value instanceof Decimal) return value.constructor === Decimal ? value : new Decimal(value);
  return new Decimal(typeof value === "string" ? value.trim() : value);
}

/** Shorthand for trusted literals in code and tests: `dec("101.25")`. Throws on bad input. */
export function dec(value: DecimalLike): Decimal {
  return parseDecimal(value, { allowNegative: true });
}

/** Plain decimal text without exponent, trailing zeros removed: the wire form of every Ordo decimal. */
export function decimalToString(value: Decimal): string {
  return value.isZero() ? "0" : value.toFixed();
}

function decimalSchema(options: ParseDecimalOptions) {
  return z
    .union([z.string(), z.number(), z.instanceof(Decimal)], {
      // zod's own "Invalid input" for a missing or mistyped field says neither what nor why.
      error: (issue) => decimalProblem(issue.input, { allowNegative: true }) ?? undefined,
    })
    .superRefine((value, ctx) => {
      const problem = decimalProblem(value, options);
      if (problem !== null) ctx.addIssue({ code: "custom", message: problem });
    })
    .transform(toOrdoDecimal);
}

/** zod: any decimal (negatives allowed). Input: string, number or Decimal; output: Decimal. */
export const DecimalSchema = decimalSchema({ allowNegative: true });
/** zod: a decimal >= 0. */
export const NonNegativeDecimalSchema = decimalSchema({ allowNegative: false });
/** zod: a decimal > 0. */
export const PositiveDecimalSchema = decimalSchema({ allowNegative: false, allowZero: false });

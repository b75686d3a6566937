/**
 * What JSON a strategy parameter's zod schema takes, written for a message: `{"<string>": <number>, ...}`
 * for `z.record(z.string(), z.number())`, `[<number>, ...]` for an array. It reads zod 4's schema
 * definitions (`_zod.def`), and answers null for anything it does not know, so a schema from another
 * version of zod only loses the hint.
 */

interface SchemaDefinition {
  readonly type?: unknown;
  readonly innerType?: unknown;
  readonly in?: unknown;
  readonly shape?: unknown;
  readonly keyType?: unknown;
  readonly valueType?: unknown;
  readonly element?: unknown;
  readonly items?: unknown;
  readonly options?: unknown;
  readonly entries?: unknown;
  readonly values?: unknown;
}

/** Wrappers that take the JSON their inner schema takes (a default, `.optional()`, a transform's input). */
const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional"]);
/** The object keys shown before `...`. */
const MAX_KEYS = 6;
/** Levels shown before `...`. */
const MAX_DEPTH = 3;

function definition(schema: unknown): SchemaDefinition | null {
  if (typeof schema !== "object" || schema === null) return null;
  const def = (schema as { _zod?: { def?: unknown } })._zod?.def;
  return typeof def === "object" && def !== null ? (def as SchemaDefinition) : null;
}

/** The definition under any wrappers. */
function unwrapped(schema: unknown): SchemaDefinition | null {
  let def = definition(schema);
  for (let i = 0; def !== null && i < 10; i++) {
    if (typeof def.type === "string" && WRAPPERS.has(def.type)) def = definition(def.innerType);
    else if (def.type === "pipe") def = definition(def.in);
    else break;
  }
  return def;
}

/** Whether the parameter takes an object, a record or an array: a value only JSON can write on a command line. */
export function takesJson(schema: unknown): boolean {
  const def = unwrapped(schema);
  if (def === null) return false;
  if (def.type === "union" && Array.isArray(def.options)) return def.options.some(takesJson);
  return def.type === "object" || def.type === "record" || def.type === "array" || def.type === "tuple";
}

/** The JSON the schema takes, as a pattern (`{"<string>": <number>, ...}`), or null when unknown. */
export function jsonShape(schema: unknown, depth = 0): string | null {
  const def = unwrapped(schema);
  if (def === null) return null;
  if (depth > MAX_DEPTH) return "...";
  const inner = (s: unknown) => jsonShape(s, depth + 1) ?? "<value>";
  switch (def.type) {
    case "string":
      return '"<string>"';
    case "number":
    case "int":
    case "bigint":
      return "<number>";
    case "boolean":
      return "<boolean>";
    case "null":
      return "null";
    case "any":
    case "unknown":
      return "<value>";
    case "enum":
      return typeof def.entries === "object" && def.entries !== null
        ? Object.values(def.entries)
            .map((v) => JSON.stringify(v))
            .join(" | ")
        : null;
    case "literal":
      return Array.isArray(def.values) ? def.values.map((v) => JSON.stringify(v)).join(" | ") : null;
    case "union":
      return Array.isArray(def.options) ? def.options.map(inner).join(" | ") : null;
    case "array":
      return `[${inner(def.element)}, ...]`;
    case "tuple":
      return Array.isArray(def.items) ? `[${def.items.map(inner).join(", ")}]` : null;
    case "record":
      return `{${inner(def.keyType)}: ${inner(def.valueType)}, ...}`;
    case "object": {
      if (typeof def.shape !== "object" || def.shape === null) return null;
      const entries = Object.entries(def.shape);
      const shown = entries
        .slice(0, MAX_KEYS)
        .map(([key, value]) => `${JSON.stringify(key)}: ${inner(value)}`);
      if (entries.length > MAX_KEYS) shown.push("...");
      return `{${shown.join(", ")}}`;
    }
    default:
      return null;
  }
}

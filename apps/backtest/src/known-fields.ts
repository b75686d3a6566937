import type { z } from "zod";

type Path = readonly (string | number)[];

function fieldOf(input: unknown, key: string | number): unknown {
  return typeof input === "object" && input !== null
    ? (input as Record<string | number, unknown>)[key]
    : undefined;
}

/**
 * The field names a zod schema knows for the object at `path` inside `input` (the document being parsed),
 * or none when no object schema is there. Wrappers (optional, default, refinements, transforms) are looked
 * through; a discriminated union gives the fields of the member the input's discriminator picks (a
 * `"model": "fixed"` slippage knows `spread`, not `basisPoints`).
 */
export function knownFieldsAt(schema: z.core.$ZodType, path: Path, input: unknown): readonly string[] {
  const def = (schema as z.core.$ZodTypes)._zod.def;
  switch (def.type) {
    case "object": {
      if (path.length === 0) return Object.keys(def.shape);
      const key = path[0]!;
      const child = typeof key === "string" ? def.shape[key] : undefined;
      return child === undefined ? [] : knownFieldsAt(child, path.slice(1), fieldOf(input, key));
    }
    case "array":
      return typeof path[0] === "number"
        ? knownFieldsAt(def.element, path.slice(1), fieldOf(input, path[0]))
        : [];
    case "record":
      return path.length === 0 ? [] : knownFieldsAt(def.valueType, path.slice(1), fieldOf(input, path[0]!));
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "nonoptional":
    case "readonly":
    case "catch":
      return knownFieldsAt(def.innerType, path, input);
    case "pipe": {
      // `.transform()` checks its input first; `z.preprocess()` checks its output.
      const before = knownFieldsAt(def.in, path, input);
      return before.length > 0 ? before : knownFieldsAt(def.out, path, input);
    }
    case "lazy":
      return knownFieldsAt(def.getter(), path, input);
    case "union": {
      const discriminator = "discriminator" in def ? String(def.discriminator) : undefined;
      // `input` is the value the union checks: its discriminator says which member the fields are from.
      const value = discriminator === undefined ? undefined : fieldOf(input, discriminator);
      const members = def.options.filter(
        (option) =>
          discriminator === undefined ||
          value === undefined ||
          option._zod.propValues?.[discriminator]?.has(value as never) !== false,
      );
      return [...new Set(members.flatMap((member) => knownFieldsAt(member, path, input)))];
    }
    default:
      return [];
  }
}

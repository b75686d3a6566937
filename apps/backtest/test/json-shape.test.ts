import { describe, expect, it } from "vitest";
import { z } from "zod";
import { jsonShape, takesJson } from "../src/json-shape.js";

describe("the JSON a parameter's schema takes", () => {
  it("writes records, objects, arrays and tuples as patterns of their JSON", () => {
    expect(jsonShape(z.record(z.string(), z.number().max(1)))).toBe('{"<string>": <number>, ...}');
    expect(jsonShape(z.object({ fast: z.number().int(), on: z.boolean().default(true) }))).toBe(
      '{"fast": <number>, "on": <boolean>}',
    );
    expect(jsonShape(z.array(z.enum(["BUY", "SELL"])).optional())).toBe('["BUY" | "SELL", ...]');
    expect(jsonShape(z.tuple([z.string(), z.literal(3)]))).toBe('["<string>", 3]');
  });

  it("knows which parameters only JSON can write on a command line", () => {
    expect(takesJson(z.record(z.string(), z.number()).default({}))).toBe(true);
    expect(takesJson(z.union([z.number(), z.array(z.number())]))).toBe(true);
    expect(takesJson(z.number())).toBe(false);
    expect(takesJson({ safeParse: () => ({ success: true }) })).toBe(false);
    expect(jsonShape({ safeParse: () => ({ success: true }) })).toBeNull();
  });
});

import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Decimal as GlobalDecimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import {
  Decimal,
  DecimalSchema,
  dec,
  decimalToString,
  NonNegativeDecimalSchema,
  PositiveDecimalSchema,
  parseDecimal,
  ValidationError,
} from "../src/index.js";

function parseError(value: unknown, options: Parameters<typeof parseDecimal>[1] = {}): string {
  try {
    parseDecimal(value, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).message;
  }
  throw new Error(`expected ${String(value)} to be refused`);
}

describe("parseDecimal", () => {
  it.each([
    ["0.1", "0.1"],
    [0.1, "0.1"],
    [" 12.50 ", "12.5"],
    ["-3", "-3"],
    ["1e-8", "0.00000001"],
    [".5", "0.5"],
    ["+7", "7"],
    [123456789.123, "123456789.123"],
    ["1e24", "1000000000000000000000000"],
  ])("accepts %j as %s", (value, expected) => {
    expect(decimalToString(parseDecimal(value))).toBe(expected);
  });

  it("keeps a number's shortest text, not its binary expansion", () => {
    expect(parseDecimal(0.1 + 0.2).toString()).toBe("0.30000000000000004");
    expect(parseDecimal(101.25).eq(dec("101.25"))).toBe(true);
  });

  it("returns a Decimal it is given as is", () => {
    const d = dec("1.5");
    expect(parseDecimal(d)).toBe(d);
  });

  it.each([
    [Number.NaN, "VALIDATION: value: must be a finite number, got NaN"],
    [Number.POSITIVE_INFINITY, "VALIDATION: value: must be a finite number, got Infinity"],
    ["Infinity", 'VALIDATION: value: must be a decimal number, got "Infinity"'],
    ["NaN", 'VALIDATION: value: must be a decimal number, got "NaN"'],
    ["", "VALIDATION: value: must be a decimal number, got an empty string"],
    ["   ", "VALIDATION: value: must be a decimal number, got an empty string"],
    ["abc", 'VALIDATION: value: must be a decimal number, got "abc"'],
    ["1,5", 'VALIDATION: value: must be a decimal number, got "1,5"'],
    ["0x10", 'VALIDATION: value: must be a decimal number, got "0x10"'],
    ["1e400", "VALIDATION: value: is out of range (|value| must be at most 1e24), got 1e400"],
    [1e25, "VALIDATION: value: is out of range (|value| must be at most 1e24), got 1e+25"],
    [null, "VALIDATION: value: must be a decimal number (string or number), got null"],
    [undefined, "VALIDATION: value: is required: a decimal number as a string or number"],
    [true, "VALIDATION: value: must be a decimal number (string or number), got boolean"],
  ])("refuses %j", (value, message) => {
    expect(parseError(value)).toBe(message);
  });

  it("names the field it parses", () => {
    expect(parseError("abc", { field: "inputs[2].bar.open" })).toBe(
      'VALIDATION: inputs[2].bar.open: must be a decimal number, got "abc"',
    );
  });

  it("refuses negatives where they are not allowed", () => {
    expect(parseError("-0.01", { field: "price", allowNegative: false })).toBe(
      "VALIDATION: price: must not be negative, got -0.01",
    );
    expect(parseDecimal("0", { allowNegative: false }).toString()).toBe("0");
  });

  it("refuses zero where it is not allowed", () => {
    expect(parseError("0", { field: "quantity", allowZero: false })).toBe(
      "VALIDATION: quantity: must be greater than zero, got 0",
    );
    expect(parseError(-2, { field: "quantity", allowZero: false, allowNegative: false })).toBe(
      "VALIDATION: quantity: must be greater than zero, got -2",
    );
  });

  it("copies a Decimal of the global decimal.js into Ordo's, so it computes with Ordo's precision", () => {
    const foreign = new GlobalDecimal("1.5");
    const parsed = parseDecimal(foreign);
    expect(parsed.constructor).toBe(Decimal);
    expect(parsed.toString()).toBe("1.5");
    expect(DecimalSchema.parse(foreign).constructor).toBe(Decimal);
    expect(parsed.div(7).toString()).toHaveLength(42); // 40 significant digits, not the global 20
  });
});

describe("Ordo's Decimal", () => {
  it("is exact where floats are not", () => {
    expect(dec("0.1").plus("0.2").toString()).toBe("0.3");
    expect(dec("189.50").times(60).plus(dec("189.45").times(40)).div(100).toString()).toBe("189.48");
  });

  it("rounds division half to even with 40 significant digits", () => {
    expect(dec(2).div(3).toString()).toBe("0.6666666666666666666666666666666666666667");
    expect(dec("2.5").toDecimalPlaces(0).toString()).toBe("2");
    expect(dec("3.5").toDecimalPlaces(0).toString()).toBe("4");
  });

  it("writes plain text without exponent: the wire form", () => {
    expect(decimalToString(dec("1e-12"))).toBe("0.000000000001");
    expect(decimalToString(dec("1.2300"))).toBe("1.23");
    expect(decimalToString(dec("-0"))).toBe("0");
    expect(decimalToString(dec("5e20"))).toBe("500000000000000000000");
  });

  it("is not affected by configuring the global decimal.js", () => {
    const saved = GlobalDecimal.precision;
    GlobalDecimal.set({ precision: 5 });
    try {
      expect(dec(1).div(3).toString()).toHaveLength(42);
      expect(Decimal.precision).toBe(40);
    } finally {
      GlobalDecimal.set({ precision: saved });
    }
  });

  it("keeps its statics as fast properties, so decimal.js's reads of them stay inline", () => {
    // V8's own check (%HasFastProperties), in a child process allowed to use it, on the built package
    // (npm test builds first). As a hash table, every `Ctor.precision` and `instanceof Decimal` that
    // decimal.js makes per operation was a generic lookup.
    const core = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), "../dist/index.js")).href;
    const script = `
      const { Decimal, dec } = await import(${JSON.stringify(core)});
      const before = %HasFastProperties(Decimal);
      Decimal.set({ precision: 40 });
      console.log(JSON.stringify([before, %HasFastProperties(Decimal), dec("2").div(3).toString()]));
    `;
    const child = spawnSync(
      process.execPath,
      ["--allow-natives-syntax", "--input-type=module", "-e", script],
      { encoding: "utf8" },
    );
    expect(child.stderr).toBe("");
    expect(JSON.parse(child.stdout)).toEqual([true, true, "0.6666666666666666666666666666666666666667"]);
  });
});

describe("zod decimal schemas", () => {
  it("turn strings and numbers into Decimals", () => {
    const d = DecimalSchema.parse("-1.50");
    expect(d).toBeInstanceOf(Decimal);
    expect(d.toString()).toBe("-1.5");
    expect(PositiveDecimalSchema.parse(2).toString()).toBe("2");
    expect(NonNegativeDecimalSchema.parse(" 0 ").toString()).toBe("0");
  });

  it("explain why a value is refused", () => {
    const messages = (schema: typeof DecimalSchema, value: unknown) =>
      schema.safeParse(value).error?.issues.map((i) => i.message);
    expect(messages(PositiveDecimalSchema, "0")).toEqual(["must be greater than zero, got 0"]);
    expect(messages(PositiveDecimalSchema, "-1")).toEqual(["must be greater than zero, got -1"]);
    expect(messages(NonNegativeDecimalSchema, "-1")).toEqual(["must not be negative, got -1"]);
    expect(messages(DecimalSchema, "1e400")).toEqual([
      "is out of range (|value| must be at most 1e24), got 1e400",
    ]);
    expect(messages(DecimalSchema, undefined)).toEqual([
      "is required: a decimal number as a string or number",
    ]);
    expect(messages(DecimalSchema, [1])).toEqual(["must be a decimal number (string or number), got object"]);
  });
});

import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type ParamFlag, parseParamFlags, resolveStrategyParams } from "../src/strategy-params.js";
import { jsonParseReason } from "./json-parse-reason.js";

const Params = z.object({
  fast: z.number().int().min(2),
  slow: z.number().int().default(50),
  symbol: z.string().default("AAPL.XNAS"),
  shortable: z.boolean().default(false),
  weights: z.array(z.number()).default([]),
});

/** A strategy's weight of at most 1 per instrument id: a record only JSON can write on a command line. */
const Weighted = z.object({ weights: z.record(z.string(), z.number().max(1)) });

function resolve(
  flags: string[],
  fromConfig: Record<string, unknown> = {},
  schema: typeof Params | null = Params,
) {
  const parsed = parseParamFlags(flags);
  expect(parsed.problems).toEqual([]);
  return resolveStrategyParams(fromConfig, parsed.flags, schema ?? undefined, "Crossover");
}

describe("--param name=value", () => {
  it("reads numbers, booleans and JSON as the schema declares them, and keeps text where it wants text", () => {
    expect(resolve(["fast=10", "shortable=true", "symbol=123", "weights=[0.5,0.5]"])).toEqual({
      ok: true,
      params: { fast: 10, shortable: true, symbol: "123", weights: [0.5, 0.5] },
    });
  });

  it("reads true, false and numbers as JSON where the schema accepts them, even one that would coerce the text", () => {
    // z.coerce.boolean() accepts the text "false" as well, as Boolean("false"), which is true.
    const Coercing = z.object({
      useLimits: z.coerce.boolean().default(true),
      size: z.coerce.number().default(1),
      label: z.union([z.string(), z.number()]).default("x"),
      note: z.string().default(""),
    });
    const run = (flags: string[]) =>
      resolveStrategyParams({}, parseParamFlags(flags).flags, Coercing, "Tilt");
    expect(run(["useLimits=false", "size=2.5", "label=7", "note=false"])).toEqual({
      ok: true,
      params: { useLimits: false, size: 2.5, label: 7, note: "false" },
    });
    expect(run(["useLimits=0"])).toEqual({ ok: true, params: { useLimits: 0 } });
    expect(Coercing.parse({ useLimits: 0 }).useLimits).toBe(false);
  });

  it("lays flags over the config's params", () => {
    expect(resolve(["slow=30"], { fast: 5, slow: 40 })).toEqual({ ok: true, params: { fast: 5, slow: 30 } });
  });

  it("splits at the first =, so a value may contain one", () => {
    expect(parseParamFlags(["note=a=b"]).flags).toEqual([{ name: "note", text: "a=b" }]);
  });

  it("names the flag and the text typed when the schema refuses the value", () => {
    expect(resolve(["fast=1.5", "shortable=maybe"])).toEqual({
      ok: false,
      problems: [
        { path: "--param fast", reason: 'expected int, received number (got "1.5")' },
        { path: "--param shortable", reason: 'expected boolean, received string (got "maybe")' },
      ],
    });
  });

  it("names the place inside a JSON value the schema refuses, and the value found there, without echoing the flag", () => {
    const parsed = parseParamFlags(['weights={"AAA.XNYS":2,"BBB":"x","CCC":0.5}']);
    expect(resolveStrategyParams({}, parsed.flags, Weighted, "Weighted")).toEqual({
      ok: false,
      problems: [
        { path: '--param weights["AAA.XNYS"]', reason: "Too big: expected number to be <=1, got 2" },
        { path: "--param weights.BBB", reason: 'expected number, received string, got "x"' },
      ],
    });
  });

  it("writes a key that is not a plain name in brackets in a config path as well", () => {
    expect(resolveStrategyParams({ weights: { "AAA.XNYS": 2 } }, [], Weighted, "Weighted")).toEqual({
      ok: false,
      problems: [
        { path: 'strategy.params.weights["AAA.XNYS"]', reason: "Too big: expected number to be <=1, got 2" },
      ],
    });
  });

  it("shows the value the config gave when the schema refuses it", () => {
    expect(resolve([], { fast: "5", slow: 40.5 })).toEqual({
      ok: false,
      problems: [
        { path: "strategy.params.fast", reason: 'expected number, received string, got "5"' },
        { path: "strategy.params.slow", reason: "expected int, received number, got 40.5" },
      ],
    });
  });

  it("calls a misspelt key inside a strict object an unknown field, not an unknown parameter", () => {
    const Sized = z.object({ sizing: z.strictObject({ fraction: z.number() }) });
    const parsed = parseParamFlags(['sizing={"fraction":0.5,"fractoin":0.2}']);
    expect(resolveStrategyParams({}, parsed.flags, Sized, "Sized")).toEqual({
      ok: false,
      problems: [{ path: "--param sizing.fractoin", reason: "is not a known field" }],
    });
    expect(resolveStrategyParams({ sizing: { fraction: 0.5, fractoin: 0.2 } }, [], Sized, "Sized")).toEqual({
      ok: false,
      problems: [{ path: "strategy.params.sizing.fractoin", reason: "is not a known field" }],
    });
  });

  it("says a record parameter's text is not valid JSON, where JSON.parse stopped, the shape it takes and the fix", () => {
    const parsed = parseParamFlags(["weights={AAA.XNYS:0.5}"]);
    expect(resolveStrategyParams({}, parsed.flags, Weighted, "Weighted")).toEqual({
      ok: false,
      problems: [
        {
          path: "--param weights",
          reason:
            `is not valid JSON: ${jsonParseReason("{AAA.XNYS:0.5}")} (got "{AAA.XNYS:0.5}"); ` +
            'expected {"<string>": <number>, ...}; did you mean --param \'weights={"AAA.XNYS":0.5}\'?',
        },
      ],
    });
  });

  it("quotes where JSON.parse stopped and why, in words every supported Node gives", () => {
    const parsed = parseParamFlags(["weights={AAA.XNYS:0.5}"]);
    const result = resolveStrategyParams({}, parsed.flags, Weighted, "Weighted");
    // V8 words it "Expected property name or '}'" (Node 20, 24) or "Expected double-quoted property name".
    expect(result.ok ? null : result.problems[0]?.reason).toMatch(
      /^is not valid JSON: Expected [^()]*property name[^()]* at position 1 \(got "\{AAA\.XNYS:0\.5\}"\); expected \{"<string>": <number>, \.\.\.\}; did you mean --param 'weights=\{"AAA\.XNYS":0\.5\}'\?$/,
    );
  });

  it("suggests quoting the bare words only when the schema would accept the result", () => {
    const parsed = parseParamFlags(["weights={AAA.XNYS:2}", "weights=[1,"]);
    const problems = (flag: ParamFlag) => resolveStrategyParams({}, [flag], Weighted, "Weighted");
    expect(problems(parsed.flags[0]!)).toEqual({
      ok: false,
      problems: [
        {
          path: "--param weights",
          reason:
            `is not valid JSON: ${jsonParseReason("{AAA.XNYS:2}")} (got "{AAA.XNYS:2}"); ` +
            'expected {"<string>": <number>, ...}',
        },
      ],
    });
    expect(problems(parsed.flags[1]!)).toEqual({
      ok: false,
      problems: [
        {
          path: "--param weights",
          reason: `is not valid JSON: ${jsonParseReason("[1,")} (got "[1,"); expected {"<string>": <number>, ...}`,
        },
      ],
    });
  });

  it("says an array parameter's text is not valid JSON and shows the array it takes", () => {
    const parsed = parseParamFlags(["fast=3", "weights=[0.5,0.5"]);
    expect(resolveStrategyParams({}, parsed.flags, Params, "Crossover")).toEqual({
      ok: false,
      problems: [
        {
          path: "--param weights",
          reason: `is not valid JSON: ${jsonParseReason("[0.5,0.5")} (got "[0.5,0.5"); expected [<number>, ...]`,
        },
      ],
    });
  });

  it("shows the shape a parameter takes when its JSON is of the wrong kind", () => {
    const parsed = parseParamFlags(["weights=[1,2]"]);
    expect(resolveStrategyParams({}, parsed.flags, Weighted, "Weighted")).toEqual({
      ok: false,
      problems: [
        {
          path: "--param weights",
          reason: 'expected record, received array (got "[1,2]"); write it as {"<string>": <number>, ...}',
        },
      ],
    });
  });

  it("names the config path when the bad value came from the config, and asks for a required parameter", () => {
    expect(resolve([], { slow: "fifty" })).toEqual({
      ok: false,
      problems: [
        { path: "strategy.params.fast", reason: "is required (number)" },
        { path: "strategy.params.slow", reason: 'expected number, received string, got "fifty"' },
      ],
    });
  });

  it("refuses a name the schema does not declare, suggesting the declared one it is closest to", () => {
    expect(resolve(["fats=10", "shortAble=true", "sym=MSFT.XNAS"], { fast: 10 })).toEqual({
      ok: false,
      problems: [
        { path: "--param fats", reason: 'is not a parameter of Crossover (did you mean "fast"?)' },
        { path: "--param shortAble", reason: 'is not a parameter of Crossover (did you mean "shortable"?)' },
        { path: "--param sym", reason: 'is not a parameter of Crossover (did you mean "symbol"?)' },
      ],
    });
    const Buffered = z.object({ cashBuffer: z.number().default(0), maxOrderNotional: z.number().optional() });
    const parsed = parseParamFlags(["cashbuffer=0.1", "maxNotional=5000"]);
    expect(resolveStrategyParams({}, parsed.flags, Buffered, "Rebalancer")).toEqual({
      ok: false,
      problems: [
        {
          path: "--param cashbuffer",
          reason: 'is not a parameter of Rebalancer (did you mean "cashBuffer"?)',
        },
        {
          path: "--param maxNotional",
          reason: 'is not a parameter of Rebalancer (did you mean "maxOrderNotional"?)',
        },
      ],
    });
  });

  it("lists every declared name when none is close to an undeclared one", () => {
    expect(resolve(["colour=red"], { fast: 10 })).toEqual({
      ok: false,
      problems: [
        {
          path: "--param colour",
          reason: "is not a parameter of Crossover (known: fast, slow, symbol, shortable, weights)",
        },
      ],
    });
    const parsed = parseParamFlags(["fast=10"]);
    expect(resolveStrategyParams({}, parsed.flags, z.object({}), "Baseline")).toEqual({
      ok: false,
      problems: [{ path: "--param fast", reason: "is not a parameter of Baseline (it has none)" }],
    });
  });

  it("refuses a config parameter the schema does not declare, which zod would drop without a word", () => {
    expect(resolve([], { fast: 10, slwo: 20 })).toEqual({
      ok: false,
      problems: [
        { path: "strategy.params.slwo", reason: 'is not a parameter of Crossover (did you mean "slow"?)' },
      ],
    });
  });

  it("reports every problem at once: unknown names from the config and flags, and every bad value", () => {
    const result = resolve(["fats=10", "shortable=maybe", "slow=x"], { fast: 1, slwo: 20 });
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual([
      "strategy.params.slwo",
      "--param fats",
      "strategy.params.fast",
      "--param slow",
      "--param shortable",
    ]);
  });

  it("without a schema, passes JSON values where they parse and text otherwise", () => {
    expect(resolve(["n=3", "on=false", "name=abc", "list=[1,2]"], {}, null)).toEqual({
      ok: true,
      params: { n: 3, on: false, name: "abc", list: [1, 2] },
    });
  });

  it("refuses a flag without name=value", () => {
    expect(parseParamFlags(["fast", "=3"]).problems).toEqual([
      { path: "--param", reason: 'must be name=value, got "fast"' },
      { path: "--param", reason: 'must be name=value, got "=3"' },
    ]);
  });
});

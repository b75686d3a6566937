import { didYouMean } from "@ordo/core";
import type { z } from "zod";
import { issueReason, type Problem } from "./config-problems.js";
import { jsonShape, takesJson } from "./json-shape.js";
import type { ParamsSchema } from "./load-strategy.js";

/** One `--param name=value` as typed. */
export interface ParamFlag {
  readonly name: string;
  readonly text: string;
}

/** Splits `name=value` flags; a flag without `=` or a name is a problem. */
export function parseParamFlags(flags: readonly string[]): { flags: ParamFlag[]; problems: Problem[] } {
  const out: ParamFlag[] = [];
  const problems: Problem[] = [];
  for (const flag of flags) {
    const eq = flag.indexOf("=");
    const name = eq < 0 ? "" : flag.slice(0, eq).trim();
    if (eq < 0 || name === "") {
      problems.push({ path: "--param", reason: `must be name=value, got "${flag}"` });
      continue;
    }
    out.push({ name, text: flag.slice(eq + 1) });
  }
  return { flags: out, problems };
}

function jsonValue(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * Why `text` is not JSON, in JSON.parse's words without what the message repeats: the text itself (shown
 * beside it) and Node 22's line and column (a flag is one line): `Expected property name or '}' at
 * position 1`. Null when it is JSON.
 */
function jsonSyntaxError(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    return String((error as Error).message)
      .replace(/ \(line \d+ column \d+\)$/, "")
      .replace(/^(Unexpected token .*?), ".*" is not valid JSON$/s, "$1")
      .replace(/ in JSON at position (\d+)$/, " at position $1");
  }
}

/** JSON's literals and numbers: the words a shell leaves alone that JSON needs no quotes around. */
const JSON_WORD = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)$/;

/**
 * The text with double quotes around its bare words (`{AAA.XNYS:0.5}` -> `{"AAA.XNYS":0.5}`): what was
 * meant when the quotes were left out, or a shell took them off because the flag was not in single quotes.
 */
function withQuotedWords(text: string): string {
  return text.replace(/[^\s"{}[\],:]+/g, (word) => (JSON_WORD.test(word) ? word : JSON.stringify(word)));
}

/**
 * The problem with a flag whose parameter takes JSON (an object, record or array) but whose text is not
 * JSON: where JSON.parse stopped and why, the shape the parameter takes, and the text with its bare words
 * quoted when that is a value the schema accepts. Null when the text is JSON, or the parameter takes text.
 */
function notJsonProblem(flag: ParamFlag, field: ParamsSchema): string | null {
  if (field.safeParse(flag.text).success) return null;
  const syntax = jsonSyntaxError(flag.text);
  if (syntax === null || !(takesJson(field) || /^\s*[[{]/.test(flag.text))) return null;
  const shape = jsonShape(field);
  let reason = `is not valid JSON: ${syntax} (got ${quoted(flag.text)})`;
  if (shape !== null) reason += `; expected ${shape}`;
  if (!flag.text.includes('"')) {
    const quotedWords = withQuotedWords(flag.text);
    if (jsonSyntaxError(quotedWords) === null && field.safeParse(JSON.parse(quotedWords)).success)
      reason += `; did you mean --param '${flag.name}=${quotedWords}'?`;
  }
  return reason;
}

/**
 * The value a flag's text stands for. With a schema for the parameter, the text is tried as JSON (`20` ->
 * 20, `true` -> true, `[1,2]`), then as the string itself, and the first the schema accepts wins, so
 * `--param symbol=123` stays a string where the schema wants one. JSON goes first because a schema that
 * coerces accepts the text too, and reads it otherwise: `z.coerce.boolean()` takes the text "false" as
 * true (`Boolean("false")`), so `--param useLimits=false` ran with true. Without a schema: JSON where it
 * parses, else the text.
 */
function flagValue(text: string, field: ParamsSchema | undefined): unknown {
  const json = jsonValue(text);
  if (field === undefined) return json.ok ? json.value : text;
  if (json.ok && field.safeParse(json.value).success) return json.value;
  if (field.safeParse(text).success) return text;
  // Neither: the JSON reading where there is one, so the schema's complaint is about it (`10.5` is not an int).
  return json.ok ? json.value : text;
}

function isSchema(value: unknown): value is ParamsSchema {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { safeParse?: unknown }).safeParse === "function"
  );
}

const PLAIN_KEY = /^[A-Za-z_$][\w$]*$/;

/**
 * A path inside the parameters as JSON paths write it: `weights.BBB`, `legs[0]`, and a key that is not a
 * plain name in brackets, `weights["AAA.XNYS"]`, so an instrument id's dot does not read as one more level.
 */
function paramPath(path: readonly (string | number)[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (out === "") out = key;
    else out += PLAIN_KEY.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
  }
  return out;
}

/** The value at `path` inside `value`, or undefined where there is none. */
function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let at = value;
  for (const key of path) {
    if (typeof at !== "object" || at === null || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return at;
}

/** A value for a message: its JSON, cut short past 60 characters. */
function shortJson(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/** The text a user typed, in quotes it does not contain. */
function quoted(text: string): string {
  if (!text.includes('"')) return `"${text}"`;
  return text.includes("'") ? JSON.stringify(text) : `'${text}'`;
}

export type ParamsResult =
  | { readonly ok: true; readonly params: Record<string, unknown> }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/**
 * The strategy's parameters: the config's `strategy.params` with each `--param` laid over, validated by
 * the strategy's schema when it has one. A problem names `--param <name>` when the value came from a
 * flag, else its path in the config (`strategy.params.<name>`).
 */
export function resolveStrategyParams(
  fromConfig: Readonly<Record<string, unknown>>,
  flags: readonly ParamFlag[],
  schema: ParamsSchema | undefined,
  strategyName: string,
): ParamsResult {
  const shape = schema?.shape;
  const problems: Problem[] = [];
  const known = shape === undefined ? [] : Object.keys(shape);
  // The declared name a misspelt one is closest to (`cashbuffer` → `cashBuffer`), else every declared name.
  const notDeclared = (name: string) =>
    `is not a parameter of ${strategyName}${didYouMean(name, known) || ` (${known.length === 0 ? "it has none" : `known: ${known.join(", ")}`})`}`;
  const merged: Record<string, unknown> = {};
  // A name the schema does not declare would be dropped by zod without a word (an object schema strips
  // unknown keys), so a misspelt parameter would silently run with its default: refused instead, from
  // the config as from a flag. Every problem is collected, then the values are checked too.
  for (const [name, value] of Object.entries(fromConfig)) {
    if (shape !== undefined && !Object.hasOwn(shape, name)) {
      problems.push({ path: `strategy.params.${paramPath([name])}`, reason: notDeclared(name) });
    } else {
      merged[name] = value;
    }
  }
  const fromFlag = new Map<string, string>();
  // Flags already reported as not JSON: zod's "expected record, received string" would only repeat them.
  const notJsonFlags = new Set<string>();
  for (const flag of flags) {
    const field = shape !== undefined && Object.hasOwn(shape, flag.name) ? shape[flag.name] : undefined;
    if (shape !== undefined && field === undefined) {
      problems.push({ path: `--param ${flag.name}`, reason: notDeclared(flag.name) });
      continue;
    }
    merged[flag.name] = flagValue(flag.text, isSchema(field) ? field : undefined);
    fromFlag.set(flag.name, flag.text);
    const notJson = isSchema(field) ? notJsonProblem(flag, field) : null;
    if (notJson !== null) {
      problems.push({ path: `--param ${flag.name}`, reason: notJson });
      notJsonFlags.add(flag.name);
    }
  }
  if (schema === undefined) return { ok: true, params: merged };
  const parsed = schema.safeParse(merged);
  if (parsed.success) return problems.length > 0 ? { ok: false, problems } : { ok: true, params: merged };
  for (const issue of parsed.error?.issues ?? []) {
    const path = issue.path.filter((p) => typeof p !== "symbol") as (string | number)[];
    const top = path[0];
    const flagText = typeof top === "string" ? fromFlag.get(top) : undefined;
    if (typeof top === "string" && notJsonFlags.has(top)) continue;
    const where = flagText === undefined ? "strategy.params." : "--param ";
    if (issue.code === "unrecognized_keys") {
      // Only a strict object inside a parameter gets here: unknown parameters were refused above.
      for (const key of (issue as { keys?: string[] }).keys ?? [])
        problems.push({ path: `${where}${paramPath([...path, key])}`, reason: "is not a known field" });
      continue;
    }
    let reason = issueReason(issue as z.core.$ZodIssue);
    if (flagText === undefined) {
      // From the config: show the value found there, as for a value inside a flag's JSON.
      const inside = valueAt(merged, path);
      if (inside !== undefined && !reason.includes(", got ")) reason = `${reason}, got ${shortJson(inside)}`;
    } else {
      // A problem at the top of a flag shows the text typed; one inside its JSON value shows the value
      // found there, rather than the whole flag again for every problem in it.
      const inside = valueAt(merged, path);
      if (path.length <= 1) {
        reason = `${reason} (got ${quoted(flagText)})`;
        // JSON of the wrong kind (`[1,2]` for a record): say what the parameter takes, as for text that is
        // not JSON at all.
        const field = shape?.[top as string];
        const takes =
          issue.code === "invalid_type" && isSchema(field) && takesJson(field) ? jsonShape(field) : null;
        if (takes !== null) reason += `; write it as ${takes}`;
      } else if (inside !== undefined && !reason.includes(", got "))
        reason = `${reason}, got ${shortJson(inside)}`;
    }
    problems.push({ path: `${where}${paramPath(path)}`, reason });
  }
  return { ok: false, problems };
}

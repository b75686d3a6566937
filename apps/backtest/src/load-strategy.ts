import { realpathSync } from "node:fs";
import { createRequire, Module } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import * as core from "@ordo/core";
import * as data from "@ordo/data";
import type { StrategyLike } from "@ordo/engine";
import * as engine from "@ordo/engine";
import { hooksOf, misspeltHooks, misspeltHooksHint, STRATEGY_HOOKS } from "@ordo/engine";
import { createJiti } from "jiti";
import * as zod from "zod";
import { noteStrategyFile } from "./uncaught-strategy-error.js";

/**
 * Packages a strategy file may import without a node_modules of its own: they resolve to the CLI's own
 * copies, so a strategy shares the engine's classes (Decimal, Strategy, zod) instead of loading a second one.
 */
export const STRATEGY_PACKAGES = ["@ordo/engine", "@ordo/core", "@ordo/data", "zod"] as const;

/** The folder of an installed package, as the CLI itself resolves it (symlinks followed, as jiti does). */
function packageDir(name: string): string {
  return dirname(realpathSync(fileURLToPath(import.meta.resolve(`${name}/package.json`))));
}

/** The CLI's own module of each package a strategy may import without installing it. */
const OWN_MODULES: Readonly<Record<(typeof STRATEGY_PACKAGES)[number], object>> = {
  "@ordo/engine": engine,
  "@ordo/core": core,
  "@ordo/data": data,
  zod,
};

/**
 * Puts the CLI's own modules into Node's CommonJS cache under the files jiti resolves them to, so a
 * CommonJS strategy's `require("@ordo/core")` gets the same instance (one `Decimal` class) as an
 * `import` does, instead of a second copy transpiled by jiti (jiti reads that cache: its `moduleCache`).
 */
function shareOwnModules(): void {
  const require = createRequire(import.meta.url);
  for (const name of STRATEGY_PACKAGES) {
    const file = realpathSync(fileURLToPath(import.meta.resolve(name)));
    if (require.cache[file] !== undefined) continue;
    const module = new Module(file);
    module.filename = file;
    module.exports = OWN_MODULES[name];
    module.loaded = true;
    require.cache[file] = module;
  }
}

let loader: ReturnType<typeof createJiti> | null = null;

function strategyLoader(): ReturnType<typeof createJiti> {
  if (loader === null) {
    shareOwnModules();
    loader = createJiti(import.meta.url, {
      alias: Object.fromEntries(STRATEGY_PACKAGES.map((name) => [name, packageDir(name)])),
    });
  }
  return loader;
}

/** A zod-like schema: what the CLI needs of a strategy's static `params`. */
export interface ParamsSchema {
  safeParse(value: unknown): {
    success: boolean;
    data?: unknown;
    error?: { issues: readonly { path: readonly PropertyKey[]; message: string; code?: string }[] };
  };
  /** Present on `z.object(...)`: the declared parameters. */
  readonly shape?: Readonly<Record<string, unknown>>;
}

export interface LoadedStrategy {
  readonly strategy: StrategyLike;
  /** The class name, or "strategy" for an object. */
  readonly name: string;
  readonly paramsSchema: ParamsSchema | undefined;
}

export type StrategyLoadResult =
  | { readonly ok: true; readonly loaded: LoadedStrategy }
  | { readonly ok: false; readonly reason: string };

function isParamsSchema(value: unknown): value is ParamsSchema {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { safeParse?: unknown }).safeParse === "function"
  );
}

/** A load error on one line; a missing package gets the hint of which ones need no install. */
function loadErrorText(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error))
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("Require stack") && !line.startsWith("- "))
    .join(" ");
  return /Cannot find (module|package)/.test(text)
    ? `${text} (a strategy file may import ${STRATEGY_PACKAGES.join(", ")} without installing them; ` +
        "any other package needs a node_modules beside the file)"
    : text;
}

function isHookObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && hooksOf(value).length > 0;
}

/** What the file exports instead of a strategy, with the hooks an exported object seems to have meant. */
function describeExports(mod: Record<string, unknown>): string {
  const names = Object.keys(mod).filter((k) => k !== "__esModule");
  if (names.length === 0) return "it exports nothing";
  for (const name of ["default", "strategy"]) {
    const value = mod[name];
    if (typeof value !== "object" || value === null || value === mod) continue;
    // jiti gives a module without a default export a `default` holding its exports: not an object of its own.
    if (names.some((n) => n !== name && (value as Record<string, unknown>)[n] === mod[n])) continue;
    const misspelt = misspeltHooks(value);
    if (misspelt.length > 0) {
      return `its ${name === "default" ? "default export" : "export strategy"} is an object with none of the hooks${misspeltHooksHint(misspelt)}`;
    }
  }
  // A class exported by another name is the usual slip: say how to make it the strategy.
  const classes = names.filter((n) => n !== "default" && typeof mod[n] === "function");
  if (classes.length === 1) {
    return `it exports ${names.join(", ")}: to run ${classes[0]}, make it the default export (export default class ${classes[0]} ...) or name it \`strategy\``;
  }
  return `it exports ${names.join(", ")}`;
}

/**
 * Loads a strategy file (TypeScript or JavaScript, anywhere on disk) with jiti. The strategy is the
 * default export, else the export named `strategy`: a class (instantiated by the engine; its static
 * `params` is a zod schema of the parameters) or an object with hooks.
 */
export async function loadStrategyFile(file: string): Promise<StrategyLoadResult> {
  let mod: Record<string, unknown>;
  // Before the import: a timer or Promise the file's top-level code starts can fail while it loads.
  noteStrategyFile(file);
  try {
    mod = (await strategyLoader().import(file)) as Record<string, unknown>;
  } catch (error) {
    return { ok: false, reason: `cannot load the strategy: ${loadErrorText(error)}` };
  }
  // jiti's interop gives a module without a default export a `default` that is the module itself, so
  // each candidate is judged on its own rather than by `??`.
  for (const candidate of [mod.default, mod.strategy]) {
    if (typeof candidate === "function") {
      const params = (candidate as { params?: unknown }).params;
      if (params !== undefined && !isParamsSchema(params)) {
        return {
          ok: false,
          reason: `the strategy's static params must be a zod schema (e.g. z.object({ fast: z.number() })), got ${typeof params}`,
        };
      }
      return {
        ok: true,
        loaded: {
          strategy: candidate as StrategyLike,
          name: (candidate as { name?: string }).name || "strategy",
          paramsSchema: params,
        },
      };
    }
    if (isHookObject(candidate)) {
      return {
        ok: true,
        loaded: { strategy: candidate as StrategyLike, name: "strategy", paramsSchema: undefined },
      };
    }
  }
  return {
    ok: false,
    reason:
      "no strategy found: export a class (export default class MyStrategy extends Strategy { ... }) or an " +
      `object with hooks (${STRATEGY_HOOKS.join(", ")}) as the default export or as \`strategy\`; ${describeExports(mod)}`,
  };
}

import { closestNames } from "@ordo/core";

/** The hooks a strategy may implement, in the order a run calls them first. */
export const STRATEGY_HOOKS = [
  "onStart",
  "onBar",
  "onQuote",
  "onTrade",
  "onOrderEvent",
  "onPositionEvent",
  "onStop",
] as const;

export type StrategyHookName = (typeof STRATEGY_HOOKS)[number];

/** A method of a strategy that is not a hook but is spelt like one (`onbar`, `onBars`, `OnOrderEvent`). */
export interface MisspeltHook {
  readonly method: string;
  readonly hook: StrategyHookName;
}

/** The hooks `value` has as functions (own, inherited or set in a constructor). */
export function hooksOf(value: object): StrategyHookName[] {
  const v = value as Record<string, unknown>;
  return STRATEGY_HOOKS.filter((hook) => typeof v[hook] === "function");
}

/**
 * The functions of `value` (its own and its prototypes', Object.prototype excepted) whose names start
 * with "on" and are close to a hook's (core's `closestNames`: case ignored, a swap of two letters one
 * edit) without being hooks: methods a run never calls that were almost certainly meant as hooks.
 */
export function misspeltHooks(value: object): MisspeltHook[] {
  const out: MisspeltHook[] = [];
  const seen = new Set<string>();
  for (let o: object | null = value; o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const method of Object.getOwnPropertyNames(o)) {
      if (seen.has(method) || method === "constructor") continue;
      seen.add(method);
      // Every hook starts with "on": a helper such as `restart` is not taken for `onStart`.
      if ((STRATEGY_HOOKS as readonly string[]).includes(method) || !/^on/i.test(method)) continue;
      if (typeof (value as Record<string, unknown>)[method] !== "function") continue;
      const hook = nearestHook(method);
      if (hook !== null) out.push({ method, hook });
    }
  }
  return out;
}

/** "; did you mean onBar for onbar?" for a list of misspelt hooks, or "". */
export function misspeltHooksHint(misspelt: readonly MisspeltHook[]): string {
  if (misspelt.length === 0) return "";
  return `; did you mean ${misspelt.map((m) => `${m.hook} for ${m.method}`).join(", ")}?`;
}

function nearestHook(method: string): StrategyHookName | null {
  return (closestNames(method, STRATEGY_HOOKS)[0] as StrategyHookName | undefined) ?? null;
}

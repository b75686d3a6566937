import type { ReportStrategyError } from "./report-input.js";

/**
 * Most rows the strategy errors table lists. A strategy that throws on every bar gives one row when its
 * message is always the same, but a message that quotes a price is new every time: the cap keeps such a
 * run's page readable and small.
 */
export const STRATEGY_ERROR_ROW_LIMIT = 100;

/** Identical throws (same strategy, hook and message) counted together. */
export interface StrategyErrorGroup {
  readonly strategyId: string;
  readonly hook: string;
  readonly message: string;
  readonly count: number;
  readonly firstTs: number;
  readonly lastTs: number;
}

export interface StrategyErrorSummary {
  /** Every throw. */
  readonly total: number;
  /** The earliest throw (the first listed among equal times); null when there is none. */
  readonly first: ReportStrategyError | null;
  /** The groups, by first time, at most the row limit of them. */
  readonly groups: readonly StrategyErrorGroup[];
  /** Groups left off by the row limit, and the throws they hold. */
  readonly hiddenGroups: number;
  readonly hiddenThrows: number;
  /** How many strategies threw: above one, the page names the strategy of each error. */
  readonly strategies: number;
}

/** The strategy errors counted by strategy, hook and message, earliest first, capped at `rowLimit` rows. */
export function summarizeStrategyErrors(
  errors: readonly ReportStrategyError[],
  rowLimit = STRATEGY_ERROR_ROW_LIMIT,
): StrategyErrorSummary {
  const byKey = new Map<string, { -readonly [K in keyof StrategyErrorGroup]: StrategyErrorGroup[K] }>();
  const strategies = new Set<string>();
  let first: ReportStrategyError | null = null;
  for (const error of errors) {
    if (first === null || error.ts < first.ts) first = error;
    strategies.add(error.strategyId);
    const key = JSON.stringify([error.strategyId, error.hook, error.message]);
    const group = byKey.get(key);
    if (group === undefined) {
      byKey.set(key, {
        strategyId: error.strategyId,
        hook: error.hook,
        message: error.message,
        count: 1,
        firstTs: error.ts,
        lastTs: error.ts,
      });
    } else {
      group.count++;
      group.firstTs = Math.min(group.firstTs, error.ts);
      group.lastTs = Math.max(group.lastTs, error.ts);
    }
  }
  // Array#sort is stable, so groups first seen at the same time keep the input's order.
  const groups = [...byKey.values()].sort((a, b) => a.firstTs - b.firstTs);
  const shown = groups.slice(0, rowLimit);
  const hidden = groups.slice(rowLimit);
  return {
    total: errors.length,
    first,
    groups: shown,
    hiddenGroups: hidden.length,
    hiddenThrows: hidden.reduce((sum, group) => sum + group.count, 0),
    strategies: strategies.size,
  };
}

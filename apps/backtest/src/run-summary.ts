import { Decimal } from "@ordo/core";
import type { BacktestResultJson } from "@ordo/engine";

/** `1234567.5` -> `1,234,567.50`: money with two decimals (half-even) and thousands separators. */
export function formatMoney(text: string): string {
  const fixed = new Decimal(text).toFixed(2, Decimal.ROUND_HALF_EVEN);
  const negative = fixed.startsWith("-");
  const [whole = "0", fraction = "00"] = (negative ? fixed.slice(1) : fixed).split(".");
  return `${negative ? "-" : ""}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${fraction}`;
}

/** final / starting − 1 in percent with two decimals, computed in Decimal; "n/a" from a zero start. */
export function formatReturn(startingValue: string, finalValue: string): string {
  const start = new Decimal(startingValue);
  if (start.isZero()) return "n/a";
  const pct = new Decimal(finalValue).div(start).minus(1).times(100);
  return `${pct.toFixed(2, Decimal.ROUND_HALF_EVEN)}%`;
}

export interface SummaryInput {
  readonly strategyName: string;
  readonly instrumentIds: readonly string[];
  readonly result: BacktestResultJson;
  readonly events: number;
  readonly outputs: readonly (readonly [label: string, path: string])[];
}

/** The lines printed after a run: what ran, the money, the activity, where the files are, the hash. */
export function formatSummary(s: SummaryInput): string {
  const r = s.result;
  const period = r.start === null ? "no data in the window" : `${r.start} → ${r.end}`;
  const wins = r.tradeStats.wins;
  const lines = [
    `${s.strategyName} on ${s.instrumentIds.join(", ")}: ${period}, ${s.events.toLocaleString("en-US")} events`,
    `  final value   ${formatMoney(r.finalValue)} ${r.currency} (started at ${formatMoney(r.startingValue)})`,
    `  return        ${formatReturn(r.startingValue, r.finalValue)}`,
    `  trades        ${r.tradeStats.trades} closed${typeof wins === "number" ? ` (${wins} won)` : ""}`,
    `  fills         ${r.fills.length}`,
  ];
  if (r.strategyErrors.length > 0) lines.push(`  strategy errors ${r.strategyErrors.length}`);
  for (const [label, path] of s.outputs) lines.push(`  ${label.padEnd(13)} ${path}`);
  lines.push(`event log hash: ${r.eventLogHash}`);
  return `${lines.join("\n")}\n`;
}

import { Decimal } from "@ordo/core";
import type { BacktestResultJson } from "@ordo/engine";

/** `  label           value`: every label in one column, wide enough for the longest ("strategy errors"). */
const row = (label: string, value: string) => `  ${label.padEnd(15)} ${value}`;

const count = (n: number) => n.toLocaleString("en-US");

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

/**
 * A cancel that a linked order caused (`OCO: linked order X filled`, an OUO sibling, an OTO child whose
 * parent went): the contingency working as asked, not a refusal.
 */
function isLinkedCancel(o: BacktestResultJson["orders"][number]): boolean {
  return String(o.status) === "CANCELED" && typeof o.reason === "string" && /^(OCO|OUO|OTO): /.test(o.reason);
}

/** Orders that ended other than filled or still open, counted by status: "3 denied, 1 canceled". */
function orderEnds(orders: BacktestResultJson["orders"]): string {
  const counts = new Map<string, number>();
  for (const o of orders) {
    const status = String(o.status);
    if (status === "DENIED" || status === "REJECTED" || status === "EXPIRED" || status === "FAILED")
      counts.set(status, (counts.get(status) ?? 0) + 1);
    else if (status === "CANCELED" && o.reason !== undefined) {
      const key = isLinkedCancel(o) ? "LINKED" : status;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const word: Record<string, string> = {
    DENIED: "denied",
    REJECTED: "rejected",
    CANCELED: "canceled with a reason",
    LINKED: "canceled by a linked order",
    EXPIRED: "expired",
    FAILED: "failed",
  };
  return [...counts].map(([status, n]) => `${count(n)} ${word[status]}`).join(", ");
}

/**
 * One line per distinct reason orders were denied, rejected or canceled by the venue (most frequent
 * first, at most three), so a run whose orders never reached the market says why without opening the JSON.
 * Cancels by a linked order are left out: they are the contingency doing its job.
 */
function refusalLines(orders: BacktestResultJson["orders"]): string[] {
  const counts = new Map<string, number>();
  for (const o of orders) {
    if (typeof o.reason !== "string" || isLinkedCancel(o)) continue;
    // The reason's code or first clause groups alike refusals (amounts differ order to order).
    const key = o.reason.split(/: |; /)[0]!;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const shown = sorted.slice(0, 3).map(([reason, n]) => `    ${count(n)} × ${reason}`);
  if (sorted.length > 3)
    shown.push(`    ... ${sorted.length - 3} more reasons (each order's is in the result JSON)`);
  return shown;
}

/** The circuit breaker's trips, if any: how many, and the first one's time and reason. */
function breakerLines(events: BacktestResultJson["riskEvents"]): string[] {
  const trips = events.filter((e) => e.type === "CircuitBreakerTripped");
  if (trips.length === 0) return [];
  const first = trips[0]!;
  const times = trips.length === 1 ? "once" : `${trips.length} times`;
  return [row("breaker", `tripped ${times}, first at ${first.ts}: ${first.reason}`)];
}

/**
 * Every fill's realized PnL, beside the unrealized PnL and the commissions that make up the rest of the
 * return (final − starting = realized + unrealized − commissions). Trade statistics count closed round
 * trips only: without this line a rebalancer whose partial sells realized a profit read as one that made
 * nothing.
 */
function pnlLine(r: BacktestResultJson): string {
  return row(
    "realized PnL",
    `${formatMoney(r.realizedPnl)} ${r.currency}, unrealized ${formatMoney(r.unrealizedPnl)}, commissions ${formatMoney(r.commissions)}`,
  );
}

/**
 * A margin account's margin in use and buying power at the end: the account's currency always, another
 * currency when it has margin in use or is in a margin call. Then, from the equity curve's points, the
 * peak initial margin and the points in a margin call (one the account came out of is not seen at the end). A cash account gets none (no margin; its
 * buying power is its cash, in the result JSON).
 */
function marginLines(account: BacktestResultJson["account"], currency: string): string[] {
  if (account.type !== "margin") return [];
  const lines: string[] = [];
  for (const b of account.balances) {
    const inUse = !new Decimal(b.initialMargin).isZero() || !new Decimal(b.maintenanceMargin).isZero();
    if (b.currency !== currency && !inUse && !b.marginCall) continue;
    const leverage =
      b.currency === currency && account.leverage !== null ? ` (leverage ${account.leverage})` : "";
    const call = b.marginCall
      ? `: margin call, equity ${formatMoney(b.equity)} is below the maintenance margin`
      : "";
    lines.push(
      row(
        "margin",
        `${formatMoney(b.initialMargin)} ${b.currency} initial, ${formatMoney(b.maintenanceMargin)} maintenance${leverage}${call}`,
      ),
    );
    if (b.buyingPower !== null)
      lines.push(row("buying power", `${formatMoney(b.buyingPower)} ${b.currency}`));
    const history = b.marginHistory;
    if (history !== null && history.peakInitialMarginAt !== null)
      lines.push(
        row(
          "peak margin",
          `${formatMoney(history.peakInitialMargin)} ${b.currency} initial, at ${history.peakInitialMarginAt}`,
        ),
      );
    if (history !== null && history.marginCallSamples > 0)
      lines.push(
        row(
          "margin calls",
          `at ${count(history.marginCallSamples)} of ${count(history.samples)} points of the equity curve, first at ${history.firstMarginCallAt}`,
        ),
      );
  }
  return lines;
}

/**
 * `, 2 still open` after the closed round trips: positions open at the end are round trips not closed yet.
 * When one is short, by side: `, 2 still open (1 long, 1 short)`, `, 1 still open (1 short)`.
 */
function stillOpen(positions: BacktestResultJson["positions"]): string {
  if (positions.length === 0) return "";
  const shorts = positions.filter((p) => p.side === "SHORT").length;
  const longs = positions.length - shorts;
  const sides = [longs > 0 ? `${count(longs)} long` : "", `${count(shorts)} short`].filter((s) => s !== "");
  return `, ${count(positions.length)} still open${shorts === 0 ? "" : ` (${sides.join(", ")})`}`;
}

export interface SummaryInput {
  readonly strategyName: string;
  readonly instrumentIds: readonly string[];
  readonly result: BacktestResultJson;
  readonly events: number;
  readonly outputs: readonly (readonly [label: string, path: string])[];
}

/**
 * The lines printed after a run: what ran, the money (return, every fill's realized PnL, a margin account's
 * margin and buying power), the activity, where the files are, the hash.
 */
export function formatSummary(s: SummaryInput): string {
  const r = s.result;
  const period = r.start === null ? "no data in the window" : `${r.start} → ${r.end}`;
  const wins = r.tradeStats.wins;
  const trades = Number(r.tradeStats.trades);
  const lines = [
    `${s.strategyName} on ${s.instrumentIds.join(", ")}: ${period}, ${count(s.events)} events`,
    row(
      "final value",
      `${formatMoney(r.finalValue)} ${r.currency} (started at ${formatMoney(r.startingValue)})`,
    ),
    row("return", formatReturn(r.startingValue, r.finalValue)),
    pnlLine(r),
    ...marginLines(r.account, r.currency),
    row(
      "trades",
      `${count(trades)} closed${typeof wins === "number" ? ` (${count(wins)} won)` : ""}${stillOpen(r.positions)}`,
    ),
    row("fills", count(r.fills.length)),
  ];
  const ended = orderEnds(r.orders);
  if (ended !== "") lines.push(row("orders", `${count(r.orders.length)} (${ended})`));
  for (const line of refusalLines(r.orders)) lines.push(line);
  for (const line of breakerLines(r.riskEvents)) lines.push(line);
  if (r.strategyErrors.length > 0) lines.push(row("strategy errors", count(r.strategyErrors.length)));
  for (const [label, path] of s.outputs) lines.push(row(label, path));
  lines.push(`event log hash: ${r.eventLogHash}`);
  return `${lines.join("\n")}\n`;
}

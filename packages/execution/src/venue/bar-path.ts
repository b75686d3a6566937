import type { Bar } from "@ordo/core";

/** How a bar is walked: "ohlc" = open, high, low, close; "adaptive" = the extreme nearer the open first. */
export type BarPathMode = "ohlc" | "adaptive";

/**
 * Whether the walk visits the high before the low. "adaptive" goes to the extreme nearer the open first
 * (a tie goes high first, as "ohlc" does): a bar that opens near its low more likely dipped first.
 */
export function visitsHighFirst(bar: Pick<Bar, "open" | "high" | "low">, mode: BarPathMode): boolean {
  if (mode === "ohlc") return true;
  return bar.high - bar.open <= bar.open - bar.low;
}

/** The prices a bar walks through, in order: [open, high, low, close] or [open, low, high, close]. */
export function barPathPrices(
  bar: Pick<Bar, "open" | "high" | "low" | "close">,
  mode: BarPathMode,
): number[] {
  return visitsHighFirst(bar, mode)
    ? [bar.open, bar.high, bar.low, bar.close]
    : [bar.open, bar.low, bar.high, bar.close];
}

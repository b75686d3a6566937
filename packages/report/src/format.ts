import { Decimal, decimalToString, formatTimestamp } from "@ordo/core";

/** Shown wherever a value is undefined (a metric with no trades, the limit price of a market order). */
export const NO_VALUE = "—";

/** Exact decimal text with thousands separators: `1234567.891` -> `1,234,567.891` (never rounded). */
export function formatDecimal(value: Decimal | null | undefined): string {
  if (value === null || value === undefined) return NO_VALUE;
  return groupThousands(decimalToString(value));
}

/** Plain decimal text with thousands separators in its whole part: `-1234.5` -> `-1,234.5`. */
function groupThousands(text: string): string {
  const negative = text.startsWith("-");
  const [whole = "", fraction] = (negative ? text.slice(1) : text).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}${grouped}${fraction === undefined ? "" : `.${fraction}`}`;
}

/** A UTC time as ISO-8601 (`2024-01-02T14:31:00Z`), the form Ordo's JSON uses. */
export function formatTime(ms: number): string {
  return formatTimestamp(ms);
}

const LARGE = new Intl.NumberFormat("en-US", { maximumFractionDigits: 4 });
const SMALL = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 4 });

/** A length of time read as people read it: `578d 3h`, `4h 30m`, `12m`, `45s`, `250ms`. */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? "-" : "";
  let rest = Math.abs(ms);
  if (rest < 1000) return `${sign}${LARGE.format(rest)}ms`;
  const units: [string, number][] = [
    ["d", 86_400_000],
    ["h", 3_600_000],
    ["m", 60_000],
    ["s", 1000],
  ];
  const parts: string[] = [];
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || parts.length > 0) parts.push(`${n.toLocaleString("en-US")}${unit}`);
    if (parts.length === 2) break;
  }
  return sign + parts.filter((p) => !/^0[a-z]$/.test(p)).join(" ");
}

/**
 * The statistics of @ordo/portfolio that are amounts of money: the trade statistics it keeps as Decimals
 * (the result JSON writes them as decimal text) and the metrics' first and last equity.
 */
export const MONEY_STATISTICS: ReadonlySet<string> = new Set([
  "totalPnl",
  "grossProfit",
  "grossLoss",
  "expectancy",
  "averageWin",
  "averageLoss",
  "largestWin",
  "largestLoss",
  "startEquity",
  "endEquity",
]);

/** Plain decimal text, how a Decimal reaches a statistics table (`"-6407.5833333333"`). */
const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/**
 * An amount of money as a table of statistics shows it: 2 decimals, rounded half-even, with thousands
 * separators (`-6407.5833333333` -> `-6,407.58`). An amount that is not zero but would show as 0.00 (a
 * crypto-quoted account's) keeps 4 significant digits instead (`0.0001235`), so it does not read as nothing.
 */
export function formatMoney(value: Decimal): string {
  const cents = value.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN);
  if (cents.isZero() && !value.isZero()) {
    return formatDecimal(value.toSignificantDigits(4, Decimal.ROUND_HALF_EVEN));
  }
  // toFixed keeps the trailing zeros (19,252.10) and writes -0 as 0.00.
  return groupThousands(cents.isZero() ? "0.00" : cents.toFixed(2));
}

/** Significant digits an average price keeps: far finer than any tick, short enough to read. */
const AVERAGE_PRICE_DIGITS = 10;

/**
 * An average price (a position's open price, an order's fill price) as the tables show it: 10 significant
 * digits, rounded half-even, never fewer than its whole part has, with thousands separators. An average
 * of fills at several prices is exact in Decimal and can run to 40 digits
 * (`28.60357005475145217391304347826086956522` -> `28.60357005`); a price that is no longer than that
 * (`46741`, `0.00001234`) is shown as it is.
 */
export function formatAveragePrice(value: Decimal | null | undefined): string {
  if (value === null || value === undefined) return NO_VALUE;
  const whole = value.abs().trunc();
  const wholeDigits = whole.isZero() ? 0 : whole.toFixed(0).length;
  return formatDecimal(
    value.toSignificantDigits(Math.max(AVERAGE_PRICE_DIGITS, wholeDigits), Decimal.ROUND_HALF_EVEN),
  );
}

/**
 * A metric for the tables: null as "—", money (a key of MONEY_STATISTICS, or any value given as decimal
 * text) to 2 decimals (see formatMoney), other text as it is, other numbers to 4 decimals (4 significant
 * digits below 1, so 0.000123 stays visible). A key ending in `Ms` is a duration (`578d 3h`) and one
 * ending in `Ts` a time (ISO-8601 UTC), as @ordo/portfolio names them. The exact value goes in the cell's
 * title.
 */
export function formatStatistic(value: number | string | null, key = ""): string {
  if (value === null) return NO_VALUE;
  if (typeof value === "string") {
    return DECIMAL_TEXT.test(value.trim()) ? formatMoney(new Decimal(value.trim())) : value;
  }
  if (key.endsWith("Ms")) return formatDuration(value);
  if (key.endsWith("Ts") && Number.isFinite(value)) return formatTime(value);
  if (MONEY_STATISTICS.has(key) && Number.isFinite(value)) return formatMoney(new Decimal(value));
  return Math.abs(value) >= 1 || value === 0 ? LARGE.format(value) : SMALL.format(value);
}

/**
 * A statistic's key as a label: `maxDrawdown` and `max_drawdown` -> `Max drawdown`; `CAGR` stays `CAGR`;
 * the unit suffixes `Ms` and `Ts` go (`maxDrawdownDurationMs` -> `Max drawdown duration`), as the value
 * is shown as a duration or a time.
 */
export function statisticLabel(key: string): string {
  const words = key
    .replace(/(?<=[a-z0-9])(Ms|Ts)$/, "")
    .replace(/[_-]+/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .trim()
    .split(/\s+/)
    .map((word) => (/^[A-Z0-9]{2,}$/.test(word) ? word : word.toLowerCase()));
  const label = words.join(" ");
  return label === "" ? key : label.charAt(0).toUpperCase() + label.slice(1);
}

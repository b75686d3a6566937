import { type Decimal, decimalToString, formatTimestamp } from "@ordo/core";

/** Shown wherever a value is undefined (a metric with no trades, the limit price of a market order). */
export const NO_VALUE = "—";

/** Exact decimal text with thousands separators: `1234567.891` -> `1,234,567.891` (never rounded). */
export function formatDecimal(value: Decimal | null | undefined): string {
  if (value === null || value === undefined) return NO_VALUE;
  const text = decimalToString(value);
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

/**
 * A metric for the tables: null as "—", text as it is, numbers to 4 decimals (4 significant digits
 * below 1, so 0.000123 stays visible). The exact value goes in the cell's title.
 */
export function formatStatistic(value: number | string | null): string {
  if (value === null) return NO_VALUE;
  if (typeof value === "string") return value;
  return Math.abs(value) >= 1 || value === 0 ? LARGE.format(value) : SMALL.format(value);
}

/** A statistic's key as a label: `maxDrawdown` and `max_drawdown` -> `Max drawdown`; `CAGR` stays `CAGR`. */
export function statisticLabel(key: string): string {
  const words = key
    .replace(/[_-]+/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .trim()
    .split(/\s+/)
    .map((word) => (/^[A-Z0-9]{2,}$/.test(word) ? word : word.toLowerCase()));
  const label = words.join(" ");
  return label === "" ? key : label.charAt(0).toUpperCase() + label.slice(1);
}

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
 * A metric for the tables: null as "—", text as it is, numbers to 4 decimals (4 significant digits
 * below 1, so 0.000123 stays visible). A key ending in `Ms` is a duration (`578d 3h`) and one ending in
 * `Ts` a time (ISO-8601 UTC), as @ordo/portfolio names them. The exact value goes in the cell's title.
 */
export function formatStatistic(value: number | string | null, key = ""): string {
  if (value === null) return NO_VALUE;
  if (typeof value === "string") return value;
  if (key.endsWith("Ms")) return formatDuration(value);
  if (key.endsWith("Ts") && Number.isFinite(value)) return formatTime(value);
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

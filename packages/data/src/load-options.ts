import { basename, extname } from "node:path";
import { ValidationError } from "@ordo/core";
import { z } from "zod";
import type { TradingCalendar } from "./calendars/trading-calendar.js";
import type { SourceField } from "./column-mapping.js";
import { DEFAULT_MAX_PROBLEMS } from "./data-problems.js";
import { DEFAULT_MAX_REPORTED } from "./data-report.js";
import { isValidTimeZone } from "./time-zone.js";

const SOURCE_FIELDS = [
  "ts",
  "date",
  "time",
  "open",
  "high",
  "low",
  "close",
  "volume",
  "adjClose",
  "bid",
  "ask",
  "bidSize",
  "askSize",
  "price",
  "size",
  "aggressor",
  "tradeId",
] as const satisfies readonly SourceField[];

function isCalendar(value: unknown): value is TradingCalendar {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as TradingCalendar).id === "string" &&
    typeof (value as TradingCalendar).sessionOn === "function"
  );
}

/** Options every loader takes (CSV and Parquet). Defaults are documented per field. */
export const LoadOptionsSchema = z.strictObject({
  /** Instrument id of the series; default: the file name without extension. */
  instrumentId: z.string().min(1).optional(),
  /** Zone of times written without one; default "UTC". */
  timezone: z
    .string()
    .superRefine((zone, ctx) => {
      if (!isValidTimeZone(zone)) {
        ctx.addIssue({
          code: "custom",
          message: `is not a time zone this runtime knows: ${JSON.stringify(zone)} (use an IANA name such as America/New_York)`,
        });
      }
    })
    .default("UTC"),
  /** Read `01/02/2024` as 1 February; default false (US month-first order). */
  dayFirst: z.boolean().default(false),
  /** Unit of numeric timestamps; default: from the first value's digit count (10 s, 13 ms, 16 µs, 19 ns). */
  epochUnit: z.enum(["s", "ms", "us", "ns"]).optional(),
  /** Whether the first line is a header; default: when it starts with a letter. */
  header: z.boolean().optional(),
  /** Field separator; default: the most frequent of , ; tab | in the first line. */
  delimiter: z.string().length(1).optional(),
  /**
   * Decimal separator of the numbers: "." (default) or "," for European exports (`101,5`, fields then
   * usually separated by ";"). With "," a point in a number is refused, never read as a thousands
   * separator. Applies to CSV and to numbers stored as text in Parquet.
   */
  decimal: z.enum([".", ","]).default("."),
  /** Source column (header name or 0-based index) per field, overriding header detection. */
  columns: z
    .partialRecord(z.enum(SOURCE_FIELDS), z.union([z.string().min(1), z.number().int().nonnegative()]))
    .optional(),
  /** Date-only times become this calendar's session close; gaps count only trading time. */
  calendar: z
    .custom<TradingCalendar>(isCalendar, { message: "must be a TradingCalendar (e.g. XNYS)" })
    .optional(),
  /** Scale open/high/low by Adj Close / Close and set close = Adj Close (Yahoo files); default false. */
  adjust: z.boolean().default(false),
  /** Decimals adjusted prices are rounded to; default 6 (Yahoo's own precision). */
  adjustDecimals: z.number().int().min(0).max(12).default(6),
  /** Repairs to apply instead of failing: sort rows, keep the first/last of rows with equal times. */
  repair: z
    .strictObject({ sort: z.boolean().optional(), dropDuplicates: z.enum(["first", "last"]).optional() })
    .default({}),
  /**
   * Keep bar and trade prices at or below zero (spreads, some futures: oil traded at -37.63 in April 2020);
   * default false: such a price is a row problem, since for most instruments it is a filled-in gap.
   */
  allowNegativePrices: z.boolean().default(false),
  /** Keep quotes whose bid is above the ask; default false (they are errors). */
  allowCrossedQuotes: z.boolean().default(false),
  /** Problems listed in the error (all are counted); default 20. */
  maxProblems: z.number().int().positive().default(DEFAULT_MAX_PROBLEMS),
  /** Duplicates and gaps listed in the report (all are counted); default 1000. */
  maxReported: z.number().int().nonnegative().default(DEFAULT_MAX_REPORTED),
});

export type LoadOptions = z.input<typeof LoadOptionsSchema>;
export type ResolvedLoadOptions = z.output<typeof LoadOptionsSchema>;

/** Validates options; a bad option throws a ValidationError naming it. */
export function resolveLoadOptions(options: LoadOptions | undefined): ResolvedLoadOptions {
  const parsed = LoadOptionsSchema.safeParse(options ?? {});
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((i) => ({
        path: ["options", ...i.path.map((p) => (typeof p === "symbol" ? String(p) : p))],
        message: i.message,
        code: "BAD_OPTION",
      })),
    );
  }
  return parsed.data;
}

/** Options that only a text file can use, and why a Parquet file has no use for them. */
const CSV_ONLY_OPTIONS = {
  header: "a Parquet file's column names are in its schema",
  delimiter: "a Parquet file's columns are stored apart, not split at a character",
} as const satisfies Partial<Record<keyof LoadOptions, string>>;

/**
 * Refuses CSV-only options given for a Parquet file: they used to be ignored without a word, so a user who
 * set `delimiter` or `header` (say, after converting a CSV to Parquet and keeping its config) believed
 * they changed how the file was read.
 */
export function refuseCsvOnlyOptions(options: LoadOptions | undefined): void {
  const issues = csvOnlyOptionsGiven(options).map(({ option, why }) => ({
    path: ["options", option],
    message: `applies to CSV files only and would be ignored here (${why}): remove it (in an ordo backtest config, from the instrument's "load")`,
    code: "BAD_OPTION",
  }));
  if (issues.length > 0) throw new ValidationError(issues);
}

/**
 * The CSV-only options set in `options`, each with why a Parquet file has no use for it: what the Parquet
 * loaders refuse, for a caller (a config check) that reports it at its own place first.
 */
export function csvOnlyOptionsGiven(
  options: Partial<Pick<LoadOptions, keyof typeof CSV_ONLY_OPTIONS>> | undefined,
): { option: keyof typeof CSV_ONLY_OPTIONS; why: string }[] {
  if (options === undefined) return [];
  return (Object.keys(CSV_ONLY_OPTIONS) as (keyof typeof CSV_ONLY_OPTIONS)[])
    .filter((option) => options[option] !== undefined)
    .map((option) => ({ option, why: CSV_ONLY_OPTIONS[option] }));
}

/** `data/AAPL.csv` -> `AAPL`. */
export function instrumentIdFromPath(path: string): string {
  return basename(path, extname(path));
}

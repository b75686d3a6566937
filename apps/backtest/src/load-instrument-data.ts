import { relative } from "node:path";
import { ValidationError } from "@ordo/core";
import {
  calendarById,
  DataFileError,
  type DataReport,
  type LoadOptions,
  loadBarsCsv,
  loadBarsParquet,
  loadQuotesCsv,
  loadQuotesParquet,
  loadTradesCsv,
  loadTradesParquet,
  type MarketSeries,
  type TradingCalendar,
} from "@ordo/data";
import type { InstrumentData } from "./backtest-config.js";

const LOADERS = {
  csv: { bars: loadBarsCsv, quotes: loadQuotesCsv, trades: loadTradesCsv },
  parquet: { bars: loadBarsParquet, quotes: loadQuotesParquet, trades: loadTradesParquet },
} as const;

/** A path as a user would type it from here: relative to the working folder when inside it. */
export function displayPath(path: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel === "" || rel.startsWith("..") || rel.startsWith("/") ? path : rel;
}

export type DataLoadResult =
  | {
      readonly ok: true;
      readonly series: MarketSeries;
      readonly report: DataReport;
      /** The instrument's calendar, when its config names one. */
      readonly calendar: TradingCalendar | undefined;
      /** The instrument's tick size, to tell prices in the file that are off it. */
      readonly tickSize: number;
    }
  | { readonly ok: false; readonly message: string };

/**
 * Loads an instrument's data file with its own id and, when the instrument names one, its trading
 * calendar: a date-only daily bar of an XNYS instrument is then stamped at that session's close (the
 * time a daily bar means in Ordo), and gaps count only trading time.
 */
export async function loadInstrumentData(entry: InstrumentData, index = 0): Promise<DataLoadResult> {
  const file = displayPath(entry.data);
  // The config check has made sure the calendar is one Ordo knows.
  const calendar =
    entry.instrument.calendar === undefined ? undefined : calendarById(entry.instrument.calendar);
  const options: LoadOptions = {
    ...entry.load,
    instrumentId: entry.instrument.id,
    ...(calendar !== undefined && { calendar }),
  };
  try {
    const loaded = await LOADERS[entry.dataFormat][entry.kind](file, options);
    return {
      ok: true,
      series: loaded.series,
      report: loaded.report,
      calendar,
      tickSize: entry.instrument.tickSize.toNumber(),
    };
  } catch (error) {
    if (error instanceof DataFileError)
      // Without the code the loader puts first (VALIDATION, or a code all problems share): the lines
      // below name each problem, and every data error then reads `<file>: N problems, nothing loaded:`.
      return { ok: false, message: configHints(error.message.replace(/^[A-Z][A-Z_]*: /, ""), index) };
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT")
      return { ok: false, message: `${file}: cannot read the data file: it does not exist` };
    if (code === "EISDIR")
      return { ok: false, message: `${file}: cannot read the data file: it is a directory` };
    if (error instanceof ValidationError)
      return { ok: false, message: `${file}: ${configHints(error.message, index)}` };
    throw error;
  }
}

/** A loader option value as the loader's messages write it: an object literal, a string, a boolean, a number. */
const OPTION_VALUE = String.raw`\{[^{}]*\}|"[^"]*"|true|false|-?\d+`;

/** `{ sort: true }` (library syntax) as JSON: `{ "sort": true }`. */
function asJson(value: string): string {
  return value.replace(/([{,]\s*)([A-Za-z_$][\w$]*)\s*:/g, '$1"$2":');
}

/**
 * What a backtest user can do about a price at or below zero. The loader suggests `allowNegativePrices:
 * true`, which a backtest config refuses (the simulated venue trades above zero only), so the hint would
 * send the user round in a circle; no `load` option (repair sorts and drops duplicates only) drops such a
 * row either, so the file itself has to change.
 */
const BACKTEST_NON_POSITIVE_HINT =
  'a backtest cannot use it, as the simulated venue trades at prices above zero only: correct the row in the file or delete it (no "load" option drops such rows; a 0 is often a gap the export filled in)';

/** The quote loader's hint, for a bid or ask below zero (a 0 is kept: files write "no bid" that way). */
const BACKTEST_NEGATIVE_QUOTE_HINT =
  'a backtest cannot use it, as the simulated venue trades at prices above zero only: correct the row in the file or delete it (no "load" option drops such rows; a bid or ask of 0 is kept, read as no bid or no ask)';

/**
 * Rewrites the loader's hints, written for its library options (`pass repair: { sort: true }`), as what
 * a config user writes: the key under the instrument entry's `load` and the JSON to put there. A hint to
 * set an option a backtest refuses (`allowNegativePrices`) becomes what the user can do instead.
 */
export function configHints(message: string, index: number): string {
  const at = (key: string) => `instruments[${index}].load.${key}`;
  return message
    .replace(
      /\bprices at or below zero are refused unless allowNegativePrices: true(?: \([^()]*\))?/g,
      BACKTEST_NON_POSITIVE_HINT,
    )
    .replace(
      /\bquotes below zero are refused unless allowNegativePrices: true(?: \([^()]*\))?/g,
      BACKTEST_NEGATIVE_QUOTE_HINT,
    )
    .replace(
      new RegExp(String.raw`\bpass (\w+): (${OPTION_VALUE})`, "g"),
      (_, key: string, value: string) =>
        `set ${at(key)} in the config: "load": { "${key}": ${asJson(value)} }`,
    )
    .replace(
      /\bis epochUnit: ("\w+") right\?/g,
      (_, unit: string) => `is ${at("epochUnit")} right ("load": { "epochUnit": ${unit} })?`,
    )
    .replace(/\bset epochUnit\b/g, `set ${at("epochUnit")}`);
}

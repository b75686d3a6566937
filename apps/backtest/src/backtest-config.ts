import { isAbsolute, resolve } from "node:path";
import { type Instrument, type InstrumentInput, InstrumentSchema } from "@ordo/core";
import { calendarById, csvOnlyOptionsGiven, type LoadOptions, LoadOptionsSchema } from "@ordo/data";
import { ScenarioAccountSchema, ScenarioVenueSchema } from "@ordo/execution";
import {
  type CircuitBreakerConfigInput,
  CircuitBreakerConfigSchema,
  type RiskConfigInput,
  RiskConfigSchema,
} from "@ordo/risk";
import { z } from "zod";
import { issueReason, type Problem, problemsWithFieldHints, UNKNOWN_FIELD } from "./config-problems.js";
import { knownFieldsAt } from "./known-fields.js";
import { TimeBoundSchema, timeBound } from "./time-bound.js";

/** The backtest config format this code reads (docs/backtest-cli.md). */
export const BACKTEST_CONFIG_FORMAT = 1 as const;

export const DATA_FORMATS = ["csv", "parquet"] as const;
export const DATA_KINDS = ["bars", "quotes", "trades"] as const;

/**
 * Loader options a config may set; the instrument id and calendar come from the instrument itself.
 * `allowNegativePrices` loads prices at or below zero, which the simulated venue cannot trade at (its
 * prices are on a tick grid above zero), so a backtest refuses it up front rather than after loading.
 */
export const DataLoadOptionsSchema = LoadOptionsSchema.omit({ instrumentId: true, calendar: true }).refine(
  (options) => options.allowNegativePrices !== true,
  {
    path: ["allowNegativePrices"],
    message:
      "is not supported in a backtest: the simulated venue trades at prices above zero only (load such data with @ordo/data's loaders directly)",
  },
);

/** The keys of an instrument entry that are not Instrument fields. */
const DATA_KEYS = ["data", "dataFormat", "kind", "load"] as const;
const INSTRUMENT_KEYS: ReadonlySet<string> = new Set(Object.keys(InstrumentSchema.in.shape));
const ENTRY_KEYS: ReadonlySet<string> = new Set([...INSTRUMENT_KEYS, ...DATA_KEYS]);

const DataFieldsSchema = z.object({
  /** The data file: CSV or Parquet, relative to the config file's folder. */
  data: z.string({ error: (i) => (i.input === undefined ? undefined : "must be a file path") }).min(1),
  /** Default: from the extension (`.parquet` is Parquet, anything else CSV). */
  dataFormat: z.enum(DATA_FORMATS).optional(),
  /** What the file holds; default bars. */
  kind: z.enum(DATA_KINDS).default("bars"),
  /** Loader options (timezone, columns, repair, ...), see @ordo/data's LoadOptions. */
  load: DataLoadOptionsSchema.optional(),
});

function isKnownCalendar(id: string): boolean {
  try {
    calendarById(id);
    return true;
  } catch {
    return false;
  }
}

/** One instrument entry: every field of @ordo/core's Instrument plus where its data is. */
const InstrumentEntrySchema = z
  .record(z.string(), z.unknown(), { error: "must be an object (an instrument with its data file)" })
  .transform((raw, ctx) => {
    let ok = true;
    for (const key of Object.keys(raw)) {
      if (!ENTRY_KEYS.has(key)) {
        ctx.addIssue({ code: "custom", path: [key], message: UNKNOWN_FIELD });
        ok = false;
      }
    }
    const instrumentInput: Record<string, unknown> = {};
    const dataInput: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw)) {
      if ((DATA_KEYS as readonly string[]).includes(key)) dataInput[key] = value;
      else if (INSTRUMENT_KEYS.has(key)) instrumentInput[key] = value;
    }
    const instrument = InstrumentSchema.safeParse(instrumentInput, { reportInput: true });
    const data = DataFieldsSchema.safeParse(dataInput, { reportInput: true });
    for (const issue of [...(instrument.error?.issues ?? []), ...(data.error?.issues ?? [])]) {
      const path = issue.path.filter((p) => typeof p !== "symbol") as (string | number)[];
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys)
          ctx.addIssue({ code: "custom", path: [...path, key], message: UNKNOWN_FIELD });
      } else ctx.addIssue({ code: "custom", path, message: issueReason(issue) });
      ok = false;
    }
    const calendarId = instrumentInput.calendar;
    if (typeof calendarId === "string" && !isKnownCalendar(calendarId)) {
      ctx.addIssue({
        code: "custom",
        path: ["calendar"],
        message: `is not a trading calendar Ordo knows: "${calendarId}" (known: XNYS, 24/7)`,
      });
      ok = false;
    }
    if (data.success && dataFormatOf(data.data.data, data.data.dataFormat) === "parquet") {
      // The loader would refuse these too; here they are reported at the entry's `load`, with the rest.
      for (const { option, why } of csvOnlyOptionsGiven(data.data.load)) {
        ctx.addIssue({
          code: "custom",
          path: ["load", option],
          message: `applies to CSV files only and would be ignored for this Parquet file (${why}): remove it`,
        });
        ok = false;
      }
    }
    if (!ok || !instrument.success || !data.success) return z.NEVER;
    return {
      instrument: instrument.data as Instrument,
      instrumentInput: instrumentInput as InstrumentInput,
      ...data.data,
      load: dataInput.load as DataLoadOptions | undefined,
    };
  });

const OutputSchema = z.strictObject({
  /** The result JSON. */
  json: z.string().min(1).optional(),
  /** The HTML report. */
  report: z.string().min(1).optional(),
  /** The event log, one JSON line per event. */
  events: z.string().min(1).optional(),
});

/**
 * A backtest config file, format 1. `account` and `venue` are exactly the scenario format's; `risk` and
 * `breaker` are compatible extensions (the RiskEngine's and CircuitBreaker's configs of @ordo/risk).
 */
export const BacktestConfigSchema = z
  .strictObject({
    /** What the run is for, for people. */
    description: z.string().optional(),
    format: z.literal(BACKTEST_CONFIG_FORMAT, {
      error: `must be ${BACKTEST_CONFIG_FORMAT} (the backtest config format version)`,
    }),
    strategy: z.strictObject({
      /** TypeScript or JavaScript file whose default export (or `strategy` export) is the strategy. */
      file: z.string().min(1).optional(),
      /** The strategy id in orders and results; default the class name. */
      id: z.string().min(1).optional(),
      /** Parameters, validated by the strategy's static `params` zod schema when it has one. */
      params: z.record(z.string(), z.unknown()).default({}),
    }),
    instruments: z.array(InstrumentEntrySchema).min(1, "must list at least one instrument"),
    account: ScenarioAccountSchema,
    venue: ScenarioVenueSchema.optional(),
    risk: RiskConfigSchema.optional(),
    breaker: CircuitBreakerConfigSchema.optional(),
    /** First time replayed (inclusive). */
    start: TimeBoundSchema.optional(),
    /** Last time replayed (exclusive; a date alone includes that whole day). */
    end: TimeBoundSchema.optional(),
    output: OutputSchema.default({}),
  })
  .superRefine((config, ctx) => {
    const seen = new Map<string, number>();
    config.instruments.forEach((entry, i) => {
      const first = seen.get(entry.instrument.id);
      if (first === undefined) seen.set(entry.instrument.id, i);
      else
        ctx.addIssue({
          code: "custom",
          path: ["instruments", i, "id"],
          message: `"${entry.instrument.id}" is listed twice (first at instruments[${first}]); give each instrument one entry`,
        });
    });
  });

export type DataLoadOptions = Omit<LoadOptions, "instrumentId" | "calendar">;
export type DataFormat = (typeof DATA_FORMATS)[number];
export type DataKind = (typeof DATA_KINDS)[number];

/** One instrument of a run and its data file (an absolute path). */
export interface InstrumentData {
  readonly instrument: Instrument;
  readonly instrumentInput: InstrumentInput;
  readonly data: string;
  readonly dataFormat: DataFormat;
  readonly kind: DataKind;
  readonly load: DataLoadOptions | undefined;
}

/** A validated config with every path absolute and every time in epoch ms. */
export interface BacktestConfig {
  readonly strategy: {
    readonly file: string | undefined;
    readonly id: string | undefined;
    readonly params: Readonly<Record<string, unknown>>;
  };
  readonly instruments: readonly InstrumentData[];
  /** The scenario format's account and venue, as written (runBacktest validates them again). */
  readonly account: z.input<typeof ScenarioAccountSchema>;
  readonly venue: z.input<typeof ScenarioVenueSchema> | undefined;
  readonly risk: RiskConfigInput | undefined;
  readonly breaker: CircuitBreakerConfigInput | undefined;
  readonly start: number | undefined;
  readonly end: number | undefined;
  readonly output: { readonly json?: string; readonly report?: string; readonly events?: string };
}

export type ConfigParseResult =
  | { readonly ok: true; readonly config: BacktestConfig }
  | { readonly ok: false; readonly problems: readonly Problem[] };

function dataFormatOf(file: string, given: DataFormat | undefined): DataFormat {
  return given ?? (file.toLowerCase().endsWith(".parquet") ? "parquet" : "csv");
}

/**
 * The fields a config knows in the object at `path` of `json`, for "did you mean" hints. An instrument entry
 * is read by hand (Instrument fields and data fields side by side), so its fields are looked up by hand too.
 */
function configFieldsAt(json: unknown, path: readonly (string | number)[]): readonly string[] {
  if (path[0] !== "instruments" || typeof path[1] !== "number") {
    return knownFieldsAt(BacktestConfigSchema, path, json);
  }
  const [field, ...inside] = path.slice(2);
  if (field === undefined) return [...ENTRY_KEYS];
  const entry = (json as { instruments: unknown[] }).instruments[path[1]];
  if ((DATA_KEYS as readonly (string | number)[]).includes(field)) {
    const known = knownFieldsAt(DataFieldsSchema, [field, ...inside], entry);
    // A config refuses allowNegativePrices (DataLoadOptionsSchema): listing it as a known option would invite it.
    return field === "load" && inside.length === 0 ? known.filter((k) => k !== "allowNegativePrices") : known;
  }
  return knownFieldsAt(InstrumentSchema, [field, ...inside], entry);
}

/**
 * Validates a config document (parsed JSON) and resolves its relative paths against `baseDir` (the config
 * file's folder). Problems come with JSON paths, in file order.
 */
export function parseBacktestConfig(json: unknown, baseDir: string): ConfigParseResult {
  const parsed = BacktestConfigSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) {
    const problems = problemsWithFieldHints(parsed.error.issues, (path) => configFieldsAt(json, path)).map(
      (problem) => {
        // The loader's own options, which a config takes from the entry instead: say where they are set.
        const option = /^instruments\[\d+\]\.load\.(instrumentId|calendar)$/.exec(problem.path)?.[1];
        if (option === undefined) return problem;
        const from = option === "instrumentId" ? "id" : "calendar";
        return {
          path: problem.path,
          reason: `${UNKNOWN_FIELD} in a config: the file is loaded with the instrument's own ${from}, so set "${from}" on the instrument entry`,
        };
      },
    );
    return { ok: false, problems };
  }
  const c = parsed.data;
  const raw = json as Record<string, unknown>;
  const at = (path: string | undefined) =>
    path === undefined ? undefined : isAbsolute(path) ? path : resolve(baseDir, path);
  const output: { json?: string; report?: string; events?: string } = {};
  for (const key of ["json", "report", "events"] as const) {
    const path = at(c.output[key]);
    if (path !== undefined) output[key] = path;
  }
  return {
    ok: true,
    config: {
      strategy: { file: at(c.strategy.file), id: c.strategy.id, params: c.strategy.params },
      instruments: c.instruments.map((entry) => {
        const data = at(entry.data)!;
        return {
          instrument: entry.instrument,
          instrumentInput: entry.instrumentInput,
          data,
          dataFormat: dataFormatOf(data, entry.dataFormat),
          kind: entry.kind,
          load: entry.load,
        };
      }),
      account: raw.account as BacktestConfig["account"],
      venue: raw.venue as BacktestConfig["venue"],
      risk: raw.risk as RiskConfigInput | undefined,
      breaker: raw.breaker as CircuitBreakerConfigInput | undefined,
      start: c.start === undefined ? undefined : timeBound(c.start, "start"),
      end: c.end === undefined ? undefined : timeBound(c.end, "end"),
      output,
    },
  };
}

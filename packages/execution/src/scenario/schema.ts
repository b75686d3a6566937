import {
  InstrumentSchema,
  NonNegativeDecimalSchema,
  PositiveDecimalSchema,
  parseTimestamp,
  timestampProblem,
} from "@ordo/core";
import { z } from "zod";
import {
  CommissionConfigSchema,
  LatencyConfigSchema,
  SlippageConfigSchema,
  TouchFillConfigSchema,
} from "../models/index.js";
import { ScenarioBarSchema, ScenarioQuoteSchema, ScenarioTradeSchema } from "./market-data-schema.js";
import {
  ScenarioBracketSchema,
  ScenarioCancelSchema,
  ScenarioModifySchema,
  ScenarioOcoSchema,
  ScenarioSubmitSchema,
} from "./order-schema.js";

/** The scenario format this code reads and writes (docs/scenario-format.md). */
export const SCENARIO_FORMAT = 1 as const;

const ISO_EXAMPLE = '"2024-01-02T14:31:00Z"';

/** `at`: an ISO-8601 time with a zone (Z or ±hh:mm); out: epoch milliseconds. */
export const ScenarioTimeSchema = z
  .string({ error: `must be an ISO-8601 time with a zone, e.g. ${ISO_EXAMPLE}` })
  .superRefine((value, ctx) => {
    const problem = timestampProblem(value);
    if (problem !== null) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform(parseTimestamp);

export const ScenarioAccountSchema = z
  .strictObject({
    type: z.enum(["cash", "margin"]),
    currency: z.string().min(1),
    balance: NonNegativeDecimalSchema,
    /** Margin accounts: buying power = equity × leverage. */
    leverage: PositiveDecimalSchema.optional(),
  })
  .superRefine((account, ctx) => {
    if (account.type === "cash" && account.leverage !== undefined) {
      ctx.addIssue({ code: "custom", path: ["leverage"], message: 'applies to "margin" accounts only' });
    }
  });
export type ScenarioAccount = z.output<typeof ScenarioAccountSchema>;

/** A trading session (for DAY, AT_THE_OPEN and AT_THE_CLOSE): a bar belongs to it when open < at <= close. */
export const ScenarioSessionSchema = z
  .strictObject({ open: ScenarioTimeSchema, close: ScenarioTimeSchema })
  .superRefine((session, ctx) => {
    if (
      typeof session.open === "number" &&
      typeof session.close === "number" &&
      session.close <= session.open
    ) {
      ctx.addIssue({ code: "custom", path: ["close"], message: "must be after open" });
    }
  });

/**
 * Venue options. `latency`, `touchFill`, `otoRelease` and `sessions` extend the reference format
 * compatibly: a file without them reads as before (no latency beyond `latencyMs`, touches fill, OTO
 * children on the first fill, sessions are UTC days).
 */
export const ScenarioVenueSchema = z
  .strictObject({
    fillTiming: z.enum(["next-open", "next-close", "same-close"]).default("next-open"),
    barPath: z.enum(["ohlc", "adaptive"]).default("ohlc"),
    slippage: SlippageConfigSchema.default({ model: "none" }),
    /**
     * Absent: each instrument's own makerFee / takerFee (none when it has none, as the reference's
     * default `{ "model": "none" }`); a model given, `none` included, replaces them.
     */
    commission: CommissionConfigSchema.optional(),
    latencyMs: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
    /** A latency model (fixed or seeded random) instead of `latencyMs`. */
    latency: LatencyConfigSchema.optional(),
    /** Whether a limit only touched by the price fills (default: always). */
    touchFill: TouchFillConfigSchema.optional(),
    /** When OTO children are released: on the parent's first fill (default) or its full fill. */
    otoRelease: z.enum(["first-fill", "full-fill"]).optional(),
    /** Trading sessions, in time order and not overlapping (default: UTC calendar days). */
    sessions: z.array(ScenarioSessionSchema).min(1).optional(),
  })
  .superRefine((venue, ctx) => {
    venue.sessions?.forEach((session, i) => {
      const previous = venue.sessions?.[i - 1];
      if (previous !== undefined && session.open < previous.close) {
        ctx.addIssue({
          code: "custom",
          path: ["sessions", i, "open"],
          message: "sessions must be in time order and must not overlap",
        });
      }
    });
    if (venue.latency !== undefined && venue.latencyMs !== 0) {
      ctx.addIssue({
        code: "custom",
        path: ["latency"],
        message: "give either latencyMs or latency, not both",
      });
    }
  });
export type ScenarioVenue = z.output<typeof ScenarioVenueSchema>;

/** The kinds of input, each the one key (besides `at`) of an input object. */
export const SCENARIO_INPUT_KINDS = [
  "bar",
  "quote",
  "trade",
  "submit",
  "submitBracket",
  "submitOco",
  "modify",
  "cancel",
] as const;
export type ScenarioInputKind = (typeof SCENARIO_INPUT_KINDS)[number];

const InputObjectSchema = z.strictObject({
  at: ScenarioTimeSchema,
  bar: ScenarioBarSchema.optional(),
  quote: ScenarioQuoteSchema.optional(),
  trade: ScenarioTradeSchema.optional(),
  submit: ScenarioSubmitSchema.optional(),
  submitBracket: ScenarioBracketSchema.optional(),
  submitOco: ScenarioOcoSchema.optional(),
  modify: ScenarioModifySchema.optional(),
  cancel: ScenarioCancelSchema.optional(),
});
type InputObject = z.output<typeof InputObjectSchema>;

/** One input: its time and exactly one of bar, quote, trade, submit, submitBracket, submitOco, modify, cancel. */
export type ScenarioInput = {
  [K in ScenarioInputKind]: { readonly at: number; readonly kind: K } & {
    readonly [P in K]: NonNullable<InputObject[K]>;
  };
}[ScenarioInputKind];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const INPUT_KEYS: ReadonlySet<string> = new Set(["at", ...SCENARIO_INPUT_KINDS]);
const KINDS_TEXT = SCENARIO_INPUT_KINDS.join(", ");

/**
 * The input's shape is checked first (known keys, exactly one kind), so a misspelt kind gets one clear
 * problem instead of a second "needs one of" for the same input.
 */
export const ScenarioInputSchema = z
  .preprocess((raw, ctx) => {
    if (!isRecord(raw)) return raw;
    const unknown = Object.keys(raw).filter((key) => !INPUT_KEYS.has(key));
    for (const key of unknown) {
      ctx.addIssue({
        code: "custom",
        path: [key],
        message: `is not a known field: an input has "at" and one of ${KINDS_TEXT}`,
      });
    }
    const kinds = SCENARIO_INPUT_KINDS.filter((kind) => raw[kind] !== undefined);
    if (unknown.length === 0 && kinds.length !== 1) {
      ctx.addIssue({
        code: "custom",
        message:
          kinds.length === 0
            ? `needs one of ${KINDS_TEXT} besides "at"`
            : `has ${kinds.join(" and ")}; give one per input`,
      });
    }
    return raw;
  }, InputObjectSchema)
  .transform((input): ScenarioInput => {
    const kind = SCENARIO_INPUT_KINDS.find((k) => input[k] !== undefined)!;
    return { at: input.at, kind, [kind]: input[kind] } as ScenarioInput;
  });

/**
 * A scenario file, format 1: one instrument (core's InstrumentSchema), one account, venue options and a
 * list of inputs. Structure only; `parseScenario` adds the checks across inputs (time order, order ids).
 */
export const ScenarioSchema = z.strictObject({
  /** What the scenario shows, for people (a compatible extension; ignored by the runner). */
  description: z.string().optional(),
  format: z.literal(SCENARIO_FORMAT, { error: `must be ${SCENARIO_FORMAT} (the scenario format version)` }),
  instrument: InstrumentSchema,
  account: ScenarioAccountSchema,
  venue: ScenarioVenueSchema.default({
    fillTiming: "next-open",
    barPath: "ohlc",
    slippage: { model: "none" },
    latencyMs: 0,
  }),
  inputs: z.array(ScenarioInputSchema),
});
export type ScenarioFileInput = z.input<typeof ScenarioSchema>;
export type Scenario = z.output<typeof ScenarioSchema>;

import {
  Decimal,
  type DecimalLike,
  decimalProblem,
  decimalToString,
  formatTimestamp,
  InstrumentIdSchema,
  ORDER_SIDES,
  ORDER_STATUSES,
  ORDER_TYPES,
  parseTimestamp,
  timestampProblem,
  type UnixMillis,
  ValidationError,
} from "@ordo/core";
import { z } from "zod";

// Decimal and time fields are checked with one transform each rather than core's union-based schemas:
// an equity curve or bar series can hold a million points, and this keeps parsing them near a second.

/** Plain decimal text under 1e24 in magnitude: needs no further checks, which matters for long curves. */
const PLAIN_DECIMAL = /^-?\d{1,24}(\.\d+)?$/;

/** zod: a decimal as a string, number or Decimal (same rules and messages as core's `DecimalSchema`). */
const DecimalField = z
  .custom<DecimalLike>(() => true)
  .transform((value, ctx): Decimal => {
    if (typeof value === "string" && PLAIN_DECIMAL.test(value)) return new Decimal(value);
    const problem = decimalProblem(value, { allowNegative: true });
    if (problem !== null) {
      ctx.addIssue({ code: "custom", message: problem });
      return z.NEVER;
    }
    return value instanceof Decimal ? value : new Decimal(typeof value === "string" ? value.trim() : value);
  });

/**
 * zod: a decimal kept as its plain text (`"101250.5"`), for curves of up to millions of points that are
 * only drawn and passed on: a Decimal per point would cost seconds of allocation for nothing.
 */
const DecimalTextField = z
  .custom<DecimalLike>(() => true)
  .transform((value, ctx): string => {
    if (typeof value === "string" && PLAIN_DECIMAL.test(value)) return value;
    const problem = decimalProblem(value, { allowNegative: true });
    if (problem !== null) {
      ctx.addIssue({ code: "custom", message: problem });
      return z.NEVER;
    }
    return decimalToString(
      value instanceof Decimal ? value : new Decimal(typeof value === "string" ? value.trim() : value),
    );
  });

/** zod: a decimal that may be absent (`null` or missing), e.g. the limit price of a market order. */
const OptionalDecimalField = z.union([z.null(), DecimalField]).optional();

/** zod: an ISO-8601 time with a zone, or epoch milliseconds; output epoch milliseconds. */
const TimeField = z
  .custom<string | number>(() => true)
  .transform((value, ctx): UnixMillis => {
    const problem = timestampProblem(value);
    if (problem !== null) {
      ctx.addIssue({ code: "custom", message: problem });
      return z.NEVER;
    }
    return parseTimestamp(value);
  });

const finite = (what: string) =>
  z.number({ error: (issue) => `${what} must be a finite number, got ${describe(issue.input)}` });

function describe(value: unknown): string {
  if (typeof value === "string") return `"${value}"`;
  if (value === null) return "null";
  return typeof value === "number" ? String(value) : typeof value;
}

/**
 * One price bar. Market data are plain numbers in Ordo (see `Bar` in @ordo/core); they only feed the
 * chart, so they never become money.
 */
const BarSchema = z.object({
  ts: TimeField,
  open: finite("open"),
  high: finite("high"),
  low: finite("low"),
  close: finite("close"),
  volume: finite("volume").min(0, "volume must not be negative").optional(),
});

/** Adds an issue for each timestamp that does not come after (or, with `allowEqual`, at) the one before. */
function requireAscending<T>(
  items: readonly T[],
  ctx: z.RefinementCtx,
  timeOf: (item: T) => number,
  key: string,
  allowEqual: boolean,
): void {
  for (let i = 1; i < items.length; i++) {
    const previous = timeOf(items[i - 1]!);
    const current = timeOf(items[i]!);
    if (current > previous || (allowEqual && current === previous)) continue;
    ctx.addIssue({
      code: "custom",
      path: [i, key],
      message: `must be ${allowEqual ? "at or after" : "after"} the previous point's time ${formatTimestamp(previous)}, got ${formatTimestamp(current)} (sort the series first)`,
    });
    return;
  }
}

/** A column of a tick series: an array, or a typed array such as a loaded series' own Float64Array. */
function isColumn(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/** Tick columns after validation: times in epoch milliseconds, prices as given. */
export type TickColumns<F extends string> = { readonly ts: ArrayLike<number> } & {
  readonly [K in F]: ArrayLike<number>;
};

/**
 * zod: ticks as columns of equal length, `{ ts: [...], bid: [...], ask: [...] }`, not an object per tick: a
 * tick file can hold tens of millions of rows, and an object each would take gigabytes where columns
 * (passed through as they are when they hold numbers) take nothing more. Times are ISO-8601 or epoch
 * milliseconds and must not go back (ticks may share a time); prices are finite numbers. Each column
 * reports its first problem, with its index.
 */
function tickColumnsSchema<F extends string>(fields: readonly F[]) {
  const shape = `{ ts: [...], ${fields.map((f) => `${f}: [...]`).join(", ")} }`;
  return z
    .custom<{ readonly ts: ArrayLike<string | number> } & { readonly [K in F]: ArrayLike<number> }>(
      () => true,
    )
    .transform((value, ctx): TickColumns<F> => {
      if (typeof value !== "object" || value === null || isColumn(value)) {
        ctx.addIssue({
          code: "custom",
          message: `must be columns of equal length, ${shape}, one entry per tick; got ${isColumn(value) ? "an array (write the ticks as columns, not an object per tick)" : describe(value)}`,
        });
        return z.NEVER;
      }
      const columns = value as unknown as Record<string, unknown>;
      const ts = columns.ts;
      let ok = true;
      for (const key of ["ts", ...fields]) {
        const column = columns[key];
        if (!isColumn(column)) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: `must be an array with one entry per tick, got ${column === undefined ? "nothing" : describe(column)}`,
          });
          ok = false;
        } else if (isColumn(ts) && column.length !== ts.length) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: `has ${column.length} entries where ts has ${ts.length}: the columns must be of equal length, one entry per tick`,
          });
          ok = false;
        }
      }
      if (!ok || !isColumn(ts)) return z.NEVER;
      const times = tickTimes(ts, ctx);
      if (times === null) return z.NEVER;
      for (const field of fields) {
        const column = columns[field] as ArrayLike<unknown>;
        for (let i = 0; i < column.length; i++) {
          const price = column[i];
          if (typeof price === "number" && Number.isFinite(price)) continue;
          ctx.addIssue({
            code: "custom",
            path: [field, i],
            message: `${field} must be a finite number, got ${describe(price)}`,
          });
          return z.NEVER;
        }
      }
      const out: Record<string, ArrayLike<number>> = { ts: times };
      for (const field of fields) out[field] = columns[field] as ArrayLike<number>;
      return out as TickColumns<F>;
    });
}

/** Tick times in epoch ms (the column itself when it holds valid ms), or null after reporting an issue. */
function tickTimes(column: ArrayLike<unknown>, ctx: z.RefinementCtx): ArrayLike<number> | null {
  let times: ArrayLike<number> = column as ArrayLike<number>;
  let converted: Float64Array | null = null;
  for (let i = 0; i < column.length; i++) {
    const value = column[i];
    const problem = typeof value === "number" && Number.isSafeInteger(value) ? null : timestampProblem(value);
    if (problem !== null) {
      ctx.addIssue({ code: "custom", path: ["ts", i], message: problem });
      return null;
    }
    if (typeof value === "string" && converted === null) {
      converted = new Float64Array(column.length);
      for (let j = 0; j < i; j++) converted[j] = column[j] as number;
      times = converted;
    }
    const ms = parseTimestamp(value as string | number);
    if (converted !== null) converted[i] = ms;
    if (i > 0 && ms < times[i - 1]!) {
      ctx.addIssue({
        code: "custom",
        path: ["ts", i],
        message: `must be at or after the previous tick's time ${formatTimestamp(times[i - 1]!)}, got ${formatTimestamp(ms)} (sort the series first)`,
      });
      return null;
    }
  }
  return times;
}

const InstrumentSeriesSchema = z
  .object({
    id: InstrumentIdSchema,
    bars: z
      .array(BarSchema)
      .superRefine((bars, ctx) => requireAscending(bars, ctx, (b) => b.ts, "ts", false))
      .default([]),
    /** Top-of-book quotes, for a run on quotes. A side at 0 is how files write "no bid": not drawn. */
    quotes: tickColumnsSchema(["bid", "ask"] as const).optional(),
    /** Trade prints, for a run on trades. */
    trades: tickColumnsSchema(["price"] as const).optional(),
  })
  .superRefine((instrument, ctx) => {
    if (instrument.bars.length === 0) return;
    const ticks = (["quotes", "trades"] as const).find((key) => (instrument[key]?.ts.length ?? 0) > 0);
    if (ticks === undefined) return;
    ctx.addIssue({
      code: "custom",
      path: [ticks],
      message: `an instrument's chart is drawn from its bars or from its quotes and trades, not both: give "${ticks}" or "bars", and put the other under an instrument of its own`,
    });
  });

const EquityPointSchema = z.object({
  ts: TimeField,
  /** Equity (cash + positions' value) at `ts`, kept as decimal text. */
  equity: DecimalTextField,
  /** Fraction below the running peak, `(equity − peak) / peak`: 0 at a new high, -0.1 ten percent below. */
  drawdown: DecimalTextField.refine((text) => text.startsWith("-") || !/[1-9]/.test(text), {
    message: "drawdown must be a fraction at or below 0, (equity − peak) / peak, e.g. -0.05",
  }).optional(),
});

const FillSchema = z.object({
  at: TimeField,
  orderId: z.string().min(1),
  instrumentId: InstrumentIdSchema,
  side: z.enum(ORDER_SIDES),
  price: DecimalField,
  quantity: DecimalField,
  commission: DecimalField,
});

const OrderSummarySchema = z.object({
  id: z.string().min(1),
  instrumentId: InstrumentIdSchema,
  side: z.enum(ORDER_SIDES),
  type: z.enum(ORDER_TYPES),
  status: z.enum(ORDER_STATUSES),
  quantity: DecimalField,
  filledQuantity: DecimalField,
  avgPrice: OptionalDecimalField,
  price: OptionalDecimalField,
  triggerPrice: OptionalDecimalField,
  /** Why the order ended denied, rejected, failed or canceled by the venue (the result JSON's `reason`). */
  reason: z.string().nullish(),
});

/** A position still open at the end of the run (the result JSON's `positions`). */
const PositionSchema = z.object({
  instrumentId: InstrumentIdSchema,
  /** LONG or SHORT; when absent (results written before it), the quantity's sign says. */
  side: z.enum(["LONG", "SHORT"]).optional(),
  /** Signed: + long, − short. */
  quantity: DecimalField,
  avgOpenPrice: DecimalField,
  realizedPnl: DecimalField,
  unrealizedPnl: DecimalField,
});

/** One currency of the account at the end (the result JSON's `account.balances`). */
const BalanceSchema = z.object({
  currency: z.string().min(1),
  cash: DecimalField,
  equity: DecimalField,
  initialMargin: DecimalField,
  maintenanceMargin: DecimalField,
  /** null where the portfolio has none (a currency other than the account's). */
  buyingPower: z.union([z.null(), DecimalField]),
  marginCall: z.boolean(),
  /**
   * A margin account's margin during the run, read at the equity curve's points: the peak initial margin
   * and the points in a margin call. Null (or absent, in a result written before it) when there is none.
   */
  marginHistory: z
    .union([
      z.null(),
      z.object({
        samples: z.number().int().nonnegative(),
        peakInitialMargin: DecimalField,
        peakInitialMarginAt: z.union([z.null(), TimeField]),
        marginCallSamples: z.number().int().nonnegative(),
        firstMarginCallAt: z.union([z.null(), TimeField]),
      }),
    ])
    .optional(),
});

/** The account at the end of the run (the result JSON's `account`). */
const AccountSchema = z.object({
  type: z.enum(["cash", "margin"]),
  leverage: z.union([z.null(), DecimalField]),
  balances: z.array(BalanceSchema),
});

/** Metric values: numbers, text (e.g. a duration "3d 4h"), or null when undefined (no trades, no losses). */
const StatisticsSchema = z.record(
  z.string(),
  z.union([z.number(), z.string(), z.null()], {
    error: (issue) => `must be a finite number, a string or null, got ${describe(issue.input)}`,
  }),
);

const RecordedPointSchema = z.object({
  ts: TimeField,
  values: z.record(z.string(), finite("recorded value")),
});

/** A throw from a strategy hook that the run caught and went on past (the result JSON's `strategyErrors`). */
const StrategyErrorSchema = z.object({
  ts: TimeField,
  strategyId: z.string().min(1),
  /** The hook that threw: `onBar`, `onOrderEvent`, `schedule` (a scheduled callback)... */
  hook: z.string().min(1),
  /** The thrown error's message, as the strategy wrote it (shown as text, never as HTML). */
  message: z.string(),
});

/**
 * What a report shows: the backtest result JSON of `ordo backtest` (finalValue, cash, realizedPnl,
 * unrealizedPnl, commissions, account, positions, fills, orders, metrics, tradeStats, equityCurve, recorded,
 * strategyErrors, eventLogHash) plus the run's title, period, currency, starting value and each instrument's
 * prices: its bars, or its quotes and trades for a run on ticks. Decimals are strings (numbers and Decimals are accepted); times are ISO-8601 with a zone or epoch
 * milliseconds. Unknown keys are ignored, so a result JSON can be passed as it is with the extra fields added.
 */
export const ReportInputSchema = z
  .object({
    title: z.string().min(1),
    start: TimeField,
    end: TimeField,
    currency: z.string().min(1),
    startingValue: DecimalField,
    finalValue: DecimalField,
    cash: DecimalField,
    /**
     * Realized PnL of every fill before commissions, unrealized PnL of the open positions and commissions,
     * in `currency`. Optional (inputs written before them stay valid); given, the header shows them.
     */
    realizedPnl: DecimalField.optional(),
    unrealizedPnl: DecimalField.optional(),
    commissions: DecimalField.optional(),
    /** The account at the end: margin in use and buying power per currency. Optional. */
    account: AccountSchema.optional(),
    /** Positions still open at the end. Optional; given (even empty), the page lists them. */
    positions: z.array(PositionSchema).optional(),
    eventLogHash: z.string(),
    instruments: z.array(InstrumentSeriesSchema),
    equityCurve: z
      .array(EquityPointSchema)
      .superRefine((points, ctx) => requireAscending(points, ctx, (p) => p.ts, "ts", true)),
    fills: z.array(FillSchema),
    orders: z.array(OrderSummarySchema),
    metrics: StatisticsSchema,
    tradeStats: StatisticsSchema,
    recorded: z
      .array(RecordedPointSchema)
      .superRefine((points, ctx) => requireAscending(points, ctx, (p) => p.ts, "ts", true))
      .optional(),
    /** Optional so that inputs written before it stay valid; absent or empty, the page says nothing of it. */
    strategyErrors: z.array(StrategyErrorSchema).optional(),
  })
  .superRefine((report, ctx) => {
    if (report.end < report.start) {
      ctx.addIssue({
        code: "custom",
        path: ["end"],
        message: `must not be before start ${formatTimestamp(report.start)}, got ${formatTimestamp(report.end)}`,
      });
    }
    const ids = new Set<string>();
    report.instruments.forEach((instrument, i) => {
      if (ids.has(instrument.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["instruments", i, "id"],
          message: `instrument "${instrument.id}" is listed twice`,
        });
      }
      ids.add(instrument.id);
    });
    report.fills.forEach((fill, i) => {
      if (!ids.has(fill.instrumentId)) {
        ctx.addIssue({
          code: "custom",
          path: ["fills", i, "instrumentId"],
          message: `"${fill.instrumentId}" is not in instruments; add it (its bars may be empty) so its trades can be charted`,
        });
      }
    });
  });

/** A report input as JSON or code writes it: decimals as strings (or numbers, or Decimals), times as ISO or ms. */
export type ReportInput = z.input<typeof ReportInputSchema>;
/** A validated report input: decimals as Decimal, times as epoch milliseconds. */
export type ReportData = z.output<typeof ReportInputSchema>;
export type ReportBar = ReportData["instruments"][number]["bars"][number];
/** An instrument's quotes as columns: `ts` (epoch ms), `bid`, `ask`. */
export type ReportQuotes = NonNullable<ReportData["instruments"][number]["quotes"]>;
/** An instrument's trades as columns: `ts` (epoch ms), `price`. */
export type ReportTrades = NonNullable<ReportData["instruments"][number]["trades"]>;
export type ReportFill = ReportData["fills"][number];
export type ReportOrder = ReportData["orders"][number];
export type ReportStatistics = ReportData["metrics"];
export type ReportStrategyError = NonNullable<ReportData["strategyErrors"]>[number];
export type ReportPosition = NonNullable<ReportData["positions"]>[number];
export type ReportAccount = NonNullable<ReportData["account"]>;

/** Validates a report input; throws a ValidationError naming every bad field (`fills[2].price: ...`). */
export function parseReportInput(input: unknown): ReportData {
  const result = ReportInputSchema.safeParse(input);
  if (!result.success) {
    throw new ValidationError(
      result.error.issues.map((issue) => ({
        path: issue.path.filter((key): key is string | number => typeof key !== "symbol"),
        message: issue.message,
      })),
    );
  }
  return result.data;
}

import {
  type Clock,
  type Decimal,
  DecimalSchema,
  type Instrument,
  type InstrumentInput,
  InstrumentSchema,
  type OrderFilled,
  PositiveDecimalSchema,
  ValidationError,
} from "@ordo/core";
import { z } from "zod";
import type { CommissionModel, LatencyModel, SlippageModel, TouchFillModel } from "../models/types.js";
import type { BarPathMode } from "./bar-path.js";
import type { SessionCalendar } from "./session-calendar.js";

/**
 * When an order first meets the market after it arrives:
 * - "next-open" (default): along the path of the first bar closing after its arrival, from that bar's open;
 * - "next-close": at the close of that bar (Zipline parity; every bar is read at its close only);
 * - "same-close": at the close of the bar that closed at the moment it arrived, when there is one;
 *   otherwise as "next-open".
 */
export type FillTiming = "next-open" | "next-close" | "same-close";
/** When OTO children start working: on the parent's first fill (default) or once it is completely filled. */
export type OtoRelease = "first-fill" | "full-fill";

/**
 * Asked before the venue makes each fill, with the OrderFilled it would report: null lets the fill
 * happen; a reason (text) cancels what is left of the order with that reason instead, as a broker
 * cancels an order it cannot fund at execution. The engine's backtest sets it to its portfolio's account
 * rules (cash, short sales, initial margin), so a fill the account would refuse to book is never made.
 */
export type FillGuard = (fill: OrderFilled) => string | null;

export interface SimulatedAccountOptions {
  /** "cash": the balance is cash and moves by each fill's notional; "margin": it moves by realized PnL. */
  readonly type: "cash" | "margin";
  readonly currency: string;
  readonly balance: Decimal | string | number;
  /** Recorded and reported with the account; the venue itself refuses no order for funds (risk does). */
  readonly leverage?: Decimal | string | number;
}

export interface SimulatedVenueOptions {
  /** The venue code (default "SIM"). */
  readonly venue?: string;
  /**
   * The only source of time: arrival times, expiry checks and event timestamps read it. A full `Clock`
   * (with `setTimer`) lets DAY, GTD and auction orders expire at their time (1 ms after it), as a timer;
   * a clock with only `now()` expires them when the next data or message reaches the venue.
   */
  readonly clock: Pick<Clock, "now"> | Clock;
  /** The instruments this venue trades; each has its own book. Their currency must be the account's. */
  readonly instruments: readonly (Instrument | InstrumentInput)[];
  readonly account: SimulatedAccountOptions;
  readonly fillTiming?: FillTiming;
  readonly barPath?: BarPathMode;
  /** Prices aggressive fills and caps per-bar volume (default: none, no cap). */
  readonly slippage?: SlippageModel;
  /** Charges each fill (default: each instrument's makerFee / takerFee, none when it has none). */
  readonly commission?: CommissionModel;
  /** Delays every submit, modify and cancel (default: none, they arrive at once). */
  readonly latency?: LatencyModel;
  /** Decides limit fills when the price only touches the limit (default: always fill). */
  readonly touchFill?: TouchFillModel;
  readonly otoRelease?: OtoRelease;
  /** Trading sessions for DAY, AT_THE_OPEN and AT_THE_CLOSE (default: UTC days). */
  readonly calendar?: SessionCalendar;
  /** Checks each fill before it is made (default: none, every fill is made). */
  readonly fillGuard?: FillGuard;
}

const hasMethod = (name: string) => (value: unknown) =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as Record<string, unknown>)[name] === "function";

function model<T>(method: string, what: string) {
  return z.custom<T>(hasMethod(method), {
    message: `must be a ${what} (an object with a ${method}() method)`,
  });
}

/** zod schema of the venue's options; models and the clock are checked for their methods. */
export const SimulatedVenueOptionsSchema = z
  .object({
    venue: z.string().min(1).default("SIM"),
    clock: model<Pick<Clock, "now">>("now", "Clock"),
    instruments: z.array(InstrumentSchema).min(1, "a venue needs at least one instrument"),
    account: z.object({
      type: z.enum(["cash", "margin"]),
      currency: z.string().min(1),
      balance: DecimalSchema,
      leverage: PositiveDecimalSchema.optional(),
    }),
    fillTiming: z.enum(["next-open", "next-close", "same-close"]).default("next-open"),
    barPath: z.enum(["ohlc", "adaptive"]).default("ohlc"),
    slippage: model<SlippageModel>("price", "SlippageModel").optional(),
    commission: model<CommissionModel>("commission", "CommissionModel").optional(),
    latency: model<LatencyModel>("delayMs", "LatencyModel").optional(),
    touchFill: model<TouchFillModel>("fillsOnTouch", "TouchFillModel").optional(),
    otoRelease: z.enum(["first-fill", "full-fill"]).default("first-fill"),
    calendar: z.custom<SessionCalendar>((v) => typeof v === "function", "must be a function").optional(),
    fillGuard: z.custom<FillGuard>((v) => typeof v === "function", "must be a function").optional(),
  })
  .superRefine((options, ctx) => {
    const seen = new Set<string>();
    options.instruments.forEach((instrument, i) => {
      if (seen.has(instrument.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["instruments", i, "id"],
          message: `duplicate instrument ${instrument.id}`,
        });
      }
      seen.add(instrument.id);
      if (instrument.currency !== options.account.currency) {
        ctx.addIssue({
          code: "custom",
          path: ["instruments", i, "currency"],
          message: `is ${instrument.currency}, but the account is in ${options.account.currency}; the simulated venue does not convert currencies`,
        });
      }
    });
  });

export type ParsedVenueOptions = z.output<typeof SimulatedVenueOptionsSchema>;

/** Validates the options; throws one ValidationError listing every problem with its path. */
export function parseVenueOptions(options: SimulatedVenueOptions): ParsedVenueOptions {
  const parsed = SimulatedVenueOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message })),
    );
  }
  return parsed.data;
}

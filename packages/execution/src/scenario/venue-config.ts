import type { Clock, Instrument } from "@ordo/core";
import {
  createCommissionModel,
  createLatencyModel,
  createSlippageModel,
  createTouchFillModel,
} from "../models/index.js";
import { type FillGuard, type SessionCalendar, SimulatedVenue, sessionListCalendar } from "../venue/index.js";
import type { ScenarioAccount, ScenarioVenue } from "./schema.js";

export interface ScenarioVenueInput {
  readonly clock: Pick<Clock, "now">;
  readonly instruments: readonly Instrument[];
  /** The scenario format's `account` object (parsed). */
  readonly account: ScenarioAccount;
  /** The scenario format's `venue` object (parsed). */
  readonly venue: ScenarioVenue;
  /** The venue code (default: the first instrument's venue). */
  readonly venueCode?: string;
  /** Sessions for DAY / auction orders when the venue config lists none (e.g. an exchange calendar). */
  readonly calendar?: SessionCalendar;
  /** Checks each fill before it is made (the engine's backtest: its portfolio's account rules). */
  readonly fillGuard?: FillGuard;
}

/**
 * A SimulatedVenue from the scenario format's `account` and `venue` objects: the one place that turns
 * that JSON into models, shared by `ordo simulate` and the backtest config (whose account and venue are
 * exactly the scenario's).
 */
export function createScenarioVenue(input: ScenarioVenueInput): SimulatedVenue {
  const { account, venue } = input;
  const latency =
    venue.latency !== undefined
      ? createLatencyModel(venue.latency, ["venue", "latency"])
      : venue.latencyMs > 0
        ? createLatencyModel(venue.latencyMs, ["venue", "latencyMs"])
        : undefined;
  const calendar = venue.sessions !== undefined ? sessionListCalendar(venue.sessions) : input.calendar;
  return new SimulatedVenue({
    venue: input.venueCode ?? input.instruments[0]?.venue ?? "SIM",
    clock: input.clock,
    instruments: input.instruments,
    account: {
      type: account.type,
      currency: account.currency,
      balance: account.balance,
      ...(account.leverage !== undefined && { leverage: account.leverage }),
    },
    fillTiming: venue.fillTiming,
    barPath: venue.barPath,
    slippage: createSlippageModel(venue.slippage, ["venue", "slippage"]),
    ...(venue.commission !== undefined && {
      commission: createCommissionModel(venue.commission, ["venue", "commission"]),
    }),
    ...(latency !== undefined && { latency }),
    ...(venue.touchFill !== undefined && {
      touchFill: createTouchFillModel(venue.touchFill, ["venue", "touchFill"]),
    }),
    ...(venue.otoRelease !== undefined && { otoRelease: venue.otoRelease }),
    ...(calendar !== undefined && { calendar }),
    ...(input.fillGuard !== undefined && { fillGuard: input.fillGuard }),
  });
}

import { CONTINGENCY_TYPES, ORDER_TYPES, TIMES_IN_FORCE, ValidationError } from "@ordo/core";
import { type ScenarioVenue, type SessionCalendar, sessionListCalendar } from "@ordo/execution";
import { z } from "zod";
import type { EmulatorHost, OrderEmulator } from "../order-emulator.js";
import type { NodeVenue } from "../trading-node.js";
import { limitVenue } from "./limit-venue.js";
import { localEmulator } from "./local-order-emulator.js";

/**
 * runBacktest's `emulator` option:
 * - "pass-through" (default): the simulated venue takes every order natively;
 * - "local": the LocalOrderEmulator, over the simulated venue's full capabilities (it holds nothing);
 * - `{ venueSupports: { orderTypes?, timeInForce?, contingencies? } }`: the run is as against a venue
 *   supporting only those (each list defaults to everything); the emulator works the rest.
 */
const VenueSupportsSchema = z.strictObject({
  venueSupports: z.strictObject({
    orderTypes: z.array(z.enum(ORDER_TYPES)).optional(),
    timeInForce: z.array(z.enum(TIMES_IN_FORCE)).optional(),
    contingencies: z.array(z.enum(CONTINGENCY_TYPES)).optional(),
  }),
});
const EmulatorNameSchema = z.enum(["pass-through", "local"]);
export const BacktestEmulationSchema = z.union([EmulatorNameSchema, VenueSupportsSchema]);
export type BacktestEmulation = z.input<typeof BacktestEmulationSchema>;

type EmulatorFactory = (host: EmulatorHost, venue: NodeVenue) => OrderEmulator;

/**
 * The venue and emulator a backtest runs with. The emulator reads bars as the venue does (its fill
 * timing, bar path, OTO release) and its sessions for DAY orders.
 */
export function backtestEmulation(
  venue: NodeVenue,
  venueConfig: ScenarioVenue,
  sessions: SessionCalendar,
  option: BacktestEmulation | undefined,
): { readonly venue: NodeVenue; readonly emulator?: EmulatorFactory } {
  // Parsed by shape, so a bad field is named (a union would only say "invalid input").
  const value = option ?? "pass-through";
  const parsed =
    typeof value === "string" ? EmulatorNameSchema.safeParse(value) : VenueSupportsSchema.safeParse(value);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((i) => ({
        path: ["emulator", ...(i.path as (string | number)[])],
        message: i.message,
      })),
    );
  }
  const choice = parsed.data;
  if (choice === "pass-through") return { venue };
  const emulator = localEmulator({
    fillTiming: venueConfig.fillTiming,
    barPath: venueConfig.barPath,
    ...(venueConfig.otoRelease !== undefined && { otoRelease: venueConfig.otoRelease }),
    sessions: venueConfig.sessions !== undefined ? sessionListCalendar(venueConfig.sessions) : sessions,
  });
  if (choice === "local") return { venue, emulator };
  try {
    return { venue: limitVenue(venue, choice.venueSupports), emulator };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(
      error.issues.map((i) => ({ ...i, path: ["emulator", "venueSupports", ...i.path] })),
    );
  }
}

export { type BarPathMode, barPathPrices, visitsHighFirst } from "./bar-path.js";
export {
  type SessionCalendar,
  sessionListCalendar,
  type TradingSession,
  utcDayCalendar,
} from "./session-calendar.js";
export type { VenueAccountState, VenuePositionState } from "./simulated-account.js";
export { SimulatedVenue } from "./simulated-venue.js";
export {
  ratchets,
  reachesActivation,
  type TrailingUpdate,
  trailedPrice,
  trailingDistance,
  trailingUpdate,
  trailingZeroRefusal,
  trailsToZero,
} from "./trailing-stop.js";
export {
  type FillGuard,
  type FillTiming,
  type OtoRelease,
  type SimulatedAccountOptions,
  type SimulatedVenueOptions,
  SimulatedVenueOptionsSchema,
} from "./venue-options.js";

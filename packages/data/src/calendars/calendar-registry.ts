import { AlwaysOpenCalendar } from "./always-open.js";
import type { TradingCalendar } from "./trading-calendar.js";
import { XnysCalendar } from "./xnys.js";

/** The shared NYSE calendar (sessions are cached, so share one instance). */
export const XNYS: TradingCalendar = new XnysCalendar();
/** The shared around-the-clock calendar for crypto venues. */
export const ALWAYS_OPEN: TradingCalendar = new AlwaysOpenCalendar();

const BY_ID = new Map<string, TradingCalendar>([
  [XNYS.id, XNYS],
  [ALWAYS_OPEN.id, ALWAYS_OPEN],
]);

/** The calendar for an id ("XNYS", "24/7"); throws a RangeError naming the known ids otherwise. */
export function calendarById(id: string): TradingCalendar {
  const cal = BY_ID.get(id);
  if (cal === undefined)
    throw new RangeError(`unknown trading calendar "${id}" (known: ${[...BY_ID.keys()].join(", ")})`);
  return cal;
}

import { DAY_MS, isoDateOfDays } from "../civil.js";
import { DailySessionCalendar, type TradingSession } from "./trading-calendar.js";

/** Crypto venues trade around the clock: one session per UTC day, [00:00, 24:00). */
export class AlwaysOpenCalendar extends DailySessionCalendar {
  readonly id = "24/7";
  readonly timezone = "UTC";

  protected computeSession(days: number): TradingSession {
    return { date: isoDateOfDays(days), open: days * DAY_MS, close: (days + 1) * DAY_MS, earlyClose: false };
  }
}

import { DAY_MS, daysFromCivil, isoDateOfDays, weekdayOfDays } from "../civil.js";
import { wallTimeToUtc } from "../time-zone.js";
import { DailySessionCalendar, type TradingSession } from "./trading-calendar.js";

/*
 * NYSE (MIC XNYS) regular sessions, 09:30-16:00 America/New_York, from 1990 on.
 * Sources for the rules and dates below:
 * - NYSE, "Holidays and Trading Hours": https://www.nyse.com/markets/hours-calendars (current rules:
 *   Saturday holidays are observed on Friday, Sunday holidays on Monday; early closes at 13:00).
 * - NYSE Rule 7.2 (holidays), and NYSE's "Closings" history compiled in pandas_market_calendars
 *   (holidays/nyse.py, github.com/rsheftel/pandas_market_calendars), which gives the year each rule began
 *   (MLK Day 1998, Juneteenth 2022, the July 3rd/5th early-close variants) and the unscheduled closures.
 * - National days of mourning and emergencies: NYSE notices of 1994-04-27 (Nixon), 2004-06-11 (Reagan),
 *   2007-01-02 (Ford), 2018-12-05 (G. H. W. Bush), 2025-01-09 (Carter); 2001-09-11..14 (September 11
 *   attacks) and 2012-10-29/30 (Hurricane Sandy).
 */

export interface MarketHoliday {
  /** `YYYY-MM-DD` in New York. */
  readonly date: string;
  readonly name: string;
}

export interface EarlyClose {
  readonly date: string;
  /** Local close time `HH:MM` in New York. */
  readonly close: string;
  readonly name: string;
}

const MONDAY = 1;
const TUESDAY = 2;
const WEDNESDAY = 3;
const THURSDAY = 4;
const FRIDAY = 5;
const SATURDAY = 6;
const SUNDAY = 0;

/** The first year whose holiday rules this calendar encodes. */
export const XNYS_FIRST_YEAR = 1990;

/** Unscheduled full-day closures since 1990 (see the sources above). */
const SPECIAL_CLOSURES: readonly MarketHoliday[] = [
  { date: "1994-04-27", name: "National Day of Mourning (Richard Nixon)" },
  { date: "2001-09-11", name: "September 11 attacks" },
  { date: "2001-09-12", name: "September 11 attacks" },
  { date: "2001-09-13", name: "September 11 attacks" },
  { date: "2001-09-14", name: "September 11 attacks" },
  { date: "2004-06-11", name: "National Day of Mourning (Ronald Reagan)" },
  { date: "2007-01-02", name: "National Day of Mourning (Gerald Ford)" },
  { date: "2012-10-29", name: "Hurricane Sandy" },
  { date: "2012-10-30", name: "Hurricane Sandy" },
  { date: "2018-12-05", name: "National Day of Mourning (George H. W. Bush)" },
  { date: "2025-01-09", name: "National Day of Mourning (Jimmy Carter)" },
];

/** One-off 13:00 closes that no yearly rule produces (day after Christmas in 1997 and 2003). */
const SPECIAL_EARLY_CLOSES: readonly EarlyClose[] = [
  { date: "1997-12-26", close: "13:00", name: "Day after Christmas" },
  { date: "2003-12-26", close: "13:00", name: "Day after Christmas" },
];

/** Easter Sunday (Gregorian; the anonymous algorithm of Meeus, Jones and Butcher) as a day number. */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return daysFromCivil(year, month, day);
}

/** The n-th (1-based) `weekday` of a month; n = -1 for the last. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  if (n > 0) {
    const first = daysFromCivil(year, month, 1);
    return first + ((weekday - weekdayOfDays(first) + 7) % 7) + (n - 1) * 7;
  }
  const last = (month === 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, month + 1, 1)) - 1;
  return last - ((weekdayOfDays(last) - weekday + 7) % 7);
}

/** Saturday holidays move to Friday, Sunday holidays to Monday. */
function nearestWeekday(days: number): number {
  const wd = weekdayOfDays(days);
  if (wd === SATURDAY) return days - 1;
  if (wd === SUNDAY) return days + 1;
  return days;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < XNYS_FIRST_YEAR) {
    throw new RangeError(`XNYS: holiday rules cover ${XNYS_FIRST_YEAR} onwards, got ${year}`);
  }
}

/** NYSE full-day closures of `year` (weekday holidays only), in date order. */
export function xnysHolidays(year: number): MarketHoliday[] {
  checkYear(year);
  const out: { days: number; name: string }[] = [];
  const newYear = daysFromCivil(year, 1, 1);
  // A Saturday New Year's Day is not observed on the Friday before: that Friday ends the accounting year.
  if (weekdayOfDays(newYear) !== SATURDAY)
    out.push({ days: nearestWeekday(newYear), name: "New Year's Day" });
  if (year >= 1998) out.push({ days: nthWeekday(year, 1, MONDAY, 3), name: "Martin Luther King Jr. Day" });
  out.push({ days: nthWeekday(year, 2, MONDAY, 3), name: "Washington's Birthday" });
  out.push({ days: easterSunday(year) - 2, name: "Good Friday" });
  out.push({ days: nthWeekday(year, 5, MONDAY, -1), name: "Memorial Day" });
  if (year >= 2022) out.push({ days: nearestWeekday(daysFromCivil(year, 6, 19)), name: "Juneteenth" });
  out.push({ days: nearestWeekday(daysFromCivil(year, 7, 4)), name: "Independence Day" });
  out.push({ days: nthWeekday(year, 9, MONDAY, 1), name: "Labor Day" });
  out.push({ days: nthWeekday(year, 11, THURSDAY, 4), name: "Thanksgiving Day" });
  out.push({ days: nearestWeekday(daysFromCivil(year, 12, 25)), name: "Christmas Day" });
  const prefix = `${year}-`;
  const listed = out.map((h) => ({ date: isoDateOfDays(h.days), name: h.name }));
  for (const s of SPECIAL_CLOSURES) if (s.date.startsWith(prefix)) listed.push(s);
  return listed.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** NYSE early closes of `year` (sessions that end before 16:00), in date order. */
export function xnysEarlyCloses(year: number): EarlyClose[] {
  checkYear(year);
  const closed = new Set(xnysHolidays(year).map((h) => h.date));
  const out: EarlyClose[] = [];
  const add = (days: number, close: string, name: string) => {
    const wd = weekdayOfDays(days);
    const date = isoDateOfDays(days);
    if (wd !== SATURDAY && wd !== SUNDAY && !closed.has(date)) out.push({ date, close, name });
  };
  const july3 = daysFromCivil(year, 7, 3);
  const july3Weekday = weekdayOfDays(july3);
  // Day before Independence Day: Mon/Tue/Thu since 1995; a Wednesday too since 2013 (before that the
  // Friday after a Thursday July 4th closed early instead).
  if (year >= 1995 && (july3Weekday === MONDAY || july3Weekday === TUESDAY || july3Weekday === THURSDAY)) {
    add(july3, "13:00", "Day before Independence Day");
  }
  if (year >= 2013 && july3Weekday === WEDNESDAY) add(july3, "13:00", "Day before Independence Day");
  const july5 = daysFromCivil(year, 7, 5);
  if (year >= 1996 && year <= 2012 && weekdayOfDays(july5) === FRIDAY) {
    add(july5, "13:00", "Day after Independence Day");
  }
  const dayAfterThanksgiving = nthWeekday(year, 11, THURSDAY, 4) + 1;
  if (year === 1992) add(dayAfterThanksgiving, "14:00", "Day after Thanksgiving");
  if (year >= 1993) add(dayAfterThanksgiving, "13:00", "Day after Thanksgiving");
  const christmasEve = daysFromCivil(year, 12, 24);
  const eveWeekday = weekdayOfDays(christmasEve);
  if (year <= 1992) add(christmasEve, "14:00", "Christmas Eve");
  else if (year >= 1996 && eveWeekday >= MONDAY && eveWeekday <= THURSDAY) {
    add(christmasEve, "13:00", "Christmas Eve");
  }
  const prefix = `${year}-`;
  for (const s of SPECIAL_EARLY_CLOSES) if (s.date.startsWith(prefix)) out.push(s);
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

const OPEN_MINUTES = 9 * 60 + 30;
const CLOSE_MINUTES = 16 * 60;
const MINUTE_MS = 60_000;

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** The New York Stock Exchange's regular sessions; DST comes from the runtime's zone database. */
export class XnysCalendar extends DailySessionCalendar {
  readonly id = "XNYS";
  readonly timezone = "America/New_York";
  readonly firstYear = XNYS_FIRST_YEAR;
  private readonly years = new Map<number, { closed: Set<string>; early: Map<string, number> }>();

  private yearRules(year: number) {
    let rules = this.years.get(year);
    if (rules === undefined) {
      rules = {
        closed: new Set(xnysHolidays(year).map((h) => h.date)),
        early: new Map(xnysEarlyCloses(year).map((e) => [e.date, minutesOf(e.close)])),
      };
      this.years.set(year, rules);
    }
    return rules;
  }

  protected computeSession(days: number): TradingSession | null {
    const wd = weekdayOfDays(days);
    if (wd === SATURDAY || wd === SUNDAY) return null;
    const date = isoDateOfDays(days);
    const rules = this.yearRules(Number(date.slice(0, 4)));
    if (rules.closed.has(date)) return null;
    const early = rules.early.get(date);
    const midnight = days * DAY_MS;
    return {
      date,
      open: wallTimeToUtc(midnight + OPEN_MINUTES * MINUTE_MS, this.timezone),
      close: wallTimeToUtc(midnight + (early ?? CLOSE_MINUTES) * MINUTE_MS, this.timezone),
      earlyClose: early !== undefined,
    };
  }
}

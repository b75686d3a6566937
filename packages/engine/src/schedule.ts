import { didYouMean, ValidationError } from "@ordo/core";
import type { TradingCalendar, TradingSession } from "@ordo/data";

/**
 * Zipline's scheduling vocabulary: a date rule picks trading days, a time rule picks the moment within
 * the day's session. `ctx.schedule(dateRules.monthStart(), timeRules.marketOpen({ minutes: 30 }), fn)`.
 */
export interface DateRule {
  readonly description: string;
  /** Whether the session belongs to the rule, given the calendar (to count trading days). */
  matches(session: TradingSession, calendar: TradingCalendar): boolean;
}

export interface TimeRule {
  readonly description: string;
  /** The instant within the session. */
  at(session: TradingSession): number;
}

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const isoDate = (days: number) => new Date(days * DAY_MS).toISOString().slice(0, 10);

/** Trading days before `date` (exclusive) back to `firstDay` (inclusive). */
function tradingDaysBetween(calendar: TradingCalendar, firstDay: number, day: number): number {
  let n = 0;
  for (let d = firstDay; d < day; d++) if (calendar.isTradingDay(isoDate(d))) n++;
  return n;
}

function checkOffset(offset: number, what: string): number {
  if (!(Number.isInteger(offset) && offset >= 0)) {
    throw ValidationError.field(
      what,
      `days offset must be a whole number >= 0, got ${offset}`,
      INVALID_SCHEDULE,
    );
  }
  return offset;
}

export const dateRules = {
  /** Every trading day. */
  everyDay(): DateRule {
    return { description: "every trading day", matches: () => true };
  },
  /** The (offset+1)-th trading day of each week (Monday-based). */
  weekStart(daysOffset = 0): DateRule {
    const offset = checkOffset(daysOffset, "weekStart");
    return {
      description: `trading day ${offset + 1} of the week`,
      matches(session, calendar) {
        const day = dayNumber(session.date);
        const weekday = (new Date(day * DAY_MS).getUTCDay() + 6) % 7; // Monday = 0
        return tradingDaysBetween(calendar, day - weekday, day) === offset;
      },
    };
  },
  /** The (offset+1)-th last trading day of each week. */
  weekEnd(daysOffset = 0): DateRule {
    const offset = checkOffset(daysOffset, "weekEnd");
    return {
      description: `trading day ${offset + 1} from the end of the week`,
      matches(session, calendar) {
        const day = dayNumber(session.date);
        const weekday = (new Date(day * DAY_MS).getUTCDay() + 6) % 7;
        return tradingDaysBetween(calendar, day + 1, day - weekday + 7) === offset;
      },
    };
  },
  /** The (offset+1)-th trading day of each month. */
  monthStart(daysOffset = 0): DateRule {
    const offset = checkOffset(daysOffset, "monthStart");
    return {
      description: `trading day ${offset + 1} of the month`,
      matches(session, calendar) {
        const day = dayNumber(session.date);
        const first = dayNumber(`${session.date.slice(0, 8)}01`);
        return tradingDaysBetween(calendar, first, day) === offset;
      },
    };
  },
  /** The (offset+1)-th last trading day of each month. */
  monthEnd(daysOffset = 0): DateRule {
    const offset = checkOffset(daysOffset, "monthEnd");
    return {
      description: `trading day ${offset + 1} from the end of the month`,
      matches(session, calendar) {
        const day = dayNumber(session.date);
        const d = new Date(day * DAY_MS);
        const nextMonth = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS;
        return tradingDaysBetween(calendar, day + 1, nextMonth) === offset;
      },
    };
  },
} as const;

const OFFSET_OPTIONS = ["minutes", "hours"] as const;

/**
 * The offset a time rule's options give, in ms (`minutes` defaults to 1 when neither is given). Checked,
 * because a strategy file runs with its types stripped: `{ minute: 30 }` would fire at the default minute,
 * a negative offset outside the session and NaN never, each without a word.
 */
function offsetMs(options: unknown, what: string): number {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw ValidationError.field(
      what,
      `options must be an object such as { minutes: 30 }, got ${String(options)}`,
      INVALID_SCHEDULE,
    );
  }
  const given = options as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!(OFFSET_OPTIONS as readonly string[]).includes(key)) {
      const hint = didYouMean(key, OFFSET_OPTIONS);
      throw ValidationError.field(
        what,
        `${key} is not an option${hint === "" ? " (options: minutes, hours)" : hint}`,
        INVALID_SCHEDULE,
      );
    }
  }
  for (const key of OFFSET_OPTIONS) {
    const v = given[key];
    if (v !== undefined && !(typeof v === "number" && Number.isFinite(v) && v >= 0)) {
      throw ValidationError.field(
        what,
        `${key} must be a number >= 0, got ${JSON.stringify(v) ?? String(v)}`,
        INVALID_SCHEDULE,
      );
    }
  }
  const hours = (given.hours as number | undefined) ?? 0;
  const minutes = (given.minutes as number | undefined) ?? (given.hours === undefined ? 1 : 0);
  return (hours * 60 + minutes) * 60_000;
}

/**
 * A time rule fires inside the session: an offset longer than the day's session (an early close) fires
 * at its other end, never before the open or after the close.
 */
export const timeRules = {
  /** `minutes` after the session opens (default 1, as Zipline: the first minute bar has closed). */
  marketOpen(options: { minutes?: number; hours?: number } = {}): TimeRule {
    const ms = offsetMs(options, "marketOpen");
    return { description: `market open + ${ms / 60_000} min`, at: (s) => Math.min(s.open + ms, s.close) };
  },
  /** `minutes` before the session closes (default 1). */
  marketClose(options: { minutes?: number; hours?: number } = {}): TimeRule {
    const ms = offsetMs(options, "marketClose");
    return { description: `market close - ${ms / 60_000} min`, at: (s) => Math.max(s.close - ms, s.open) };
  },
} as const;

/** How many sessions ahead `nextScheduledTime` looks (about three years of XNYS, two of 24/7). */
export const SCHEDULE_SEARCH_SESSIONS = 800;

/** The code of a date or time rule made with options it cannot use (a misspelt or negative offset). */
export const INVALID_SCHEDULE = "INVALID_SCHEDULE";
/** The code of `ctx.schedule` refusing rules that no session of the calendar matches. */
export const SCHEDULE_NEVER_FIRES = "SCHEDULE_NEVER_FIRES";

/** How a value a strategy passed looks in a message: JSON where it has one, else its kind. */
function shown(value: unknown): string {
  if (typeof value === "function") return `the function ${value.name || "(anonymous)"}`;
  if (value === undefined) return "undefined";
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The rule maker a function passed uncalled is (`dateRules.weekEnd` for `dateRules.weekEnd()`), or null. */
function uncalledRule(value: unknown, rules: Readonly<Record<string, unknown>>): string | null {
  if (typeof value !== "function") return null;
  for (const [name, make] of Object.entries(rules)) if (make === value) return name;
  return null;
}

/**
 * Checks `ctx.schedule`'s arguments when it is called. A strategy file runs with its types stripped, and
 * a rule written as `{ every: "weekEnd" }` or `dateRules.weekEnd` (not called) used to fail inside the
 * node as `dateRule.matches is not a function`, and a missing function only when the schedule fired.
 */
export function checkScheduleArguments(dateRule: unknown, timeRule: unknown, fn: unknown): void {
  const check = (
    value: unknown,
    field: string,
    method: string,
    kind: string,
    rules: Readonly<Record<string, unknown>>,
    examples: string,
  ) => {
    const maker = uncalledRule(value, rules);
    if (maker !== null) {
      throw ValidationError.field(
        ["schedule", field],
        `got ${field}s.${maker} itself, which makes a ${kind}: call it, ${field}s.${maker}()`,
        INVALID_SCHEDULE,
      );
    }
    const rule = value as { readonly [k: string]: unknown } | null;
    if (typeof rule !== "object" || rule === null || typeof rule[method] !== "function") {
      throw ValidationError.field(
        ["schedule", field],
        `must be a ${kind} made by ${field}s of "@ordo/engine" (${examples}), got ${shown(value)}`,
        INVALID_SCHEDULE,
      );
    }
  };
  check(
    dateRule,
    "dateRule",
    "matches",
    "date rule",
    dateRules,
    "everyDay(), weekStart(n), weekEnd(n), monthStart(n), monthEnd(n)",
  );
  check(
    timeRule,
    "timeRule",
    "at",
    "time rule",
    timeRules,
    "marketOpen({ minutes }), marketClose({ minutes })",
  );
  if (typeof fn !== "function") {
    throw ValidationError.field(
      ["schedule", "fn"],
      `must be the function to call, got ${shown(fn)}`,
      INVALID_SCHEDULE,
    );
  }
}

/** The first instant strictly after `after` at which the rules fire, within the next 800 sessions. */
export function nextScheduledTime(
  calendar: TradingCalendar,
  dateRule: DateRule,
  timeRule: TimeRule,
  after: number,
): number | null {
  let session: TradingSession | null = calendar.sessionFor(after) ?? calendar.previousSession(after);
  for (let i = 0; i < SCHEDULE_SEARCH_SESSIONS && session !== null; i++) {
    if (dateRule.matches(session, calendar)) {
      const at = timeRule.at(session);
      if (at > after) return at;
    }
    session = calendar.nextSession(Math.max(session.open, session.close - 1));
  }
  return null;
}

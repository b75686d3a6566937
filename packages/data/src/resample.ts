import { ValidationError } from "@ordo/core";
import { BarSeries } from "./bar-series.js";
import type { TradingCalendar, TradingSession } from "./calendars/trading-calendar.js";
import { civilFromDays, DAY_MS, daysOfIsoDate, isoDateOfDays, weekdayOfDays } from "./civil.js";
import { DAILY_MS, inferIntervalMs } from "./data-report.js";
import { utcToWallTime } from "./time-zone.js";
import { describeInstant } from "./timestamp-parser.js";

export interface ResampleOptions {
  /** Target frequency: "30s", "5m", "15m", "1h", "4h", "1d", "1w" (ISO weeks) or "1M" (months), or a width in ms. */
  readonly to: string | number;
  /**
   * Which end of its interval a bar's time marks. Default "close", Ordo's convention (`Bar.ts` is the time
   * the bar closes): a 09:31 minute bar covers 09:30-09:31 and falls in the 09:30-09:35 bucket, stamped
   * 09:35. With "open" a 09:30 bar starts that bucket, stamped 09:30.
   */
  readonly label?: "close" | "open";
  /**
   * Align buckets to this calendar's sessions instead of UTC: intraday buckets start at the session open
   * (the last one ends at the close), "1d" is one bar per session and "Nd" one bar per N sessions (counted
   * from the first bar's session), "1w"/"1M" group sessions by their date. Bars outside every session are
   * dropped.
   */
  readonly calendar?: TradingCalendar;
}

type Unit = "ms" | "week" | "month";
const MINUTE = 60_000;

function parseFrequency(to: string | number): { unit: Unit; width: number } {
  if (typeof to === "number") {
    if (!(Number.isInteger(to) && to > 0))
      throw ValidationError.field("to", `width must be a positive integer of ms, got ${to}`, "BAD_FREQUENCY");
    return { unit: "ms", width: to };
  }
  const m = /^(\d+)\s*(s|m|min|h|d|w|M|mo)$/.exec(to.trim());
  const n = m === null ? 0 : Number(m[1]);
  if (m === null || n <= 0) {
    throw ValidationError.field(
      "to",
      `"${to}" is not a frequency (e.g. 30s, 5m, 15m, 1h, 1d, 1w, 1M, or a width in ms as a number)`,
      "BAD_FREQUENCY",
    );
  }
  const unit = m[2]!;
  if (unit === "w" || unit === "M" || unit === "mo") {
    if (n !== 1)
      throw ValidationError.field(
        "to",
        `"${to}": weeks and months resample one at a time (1w, 1M)`,
        "BAD_FREQUENCY",
      );
    return { unit: unit === "w" ? "week" : "month", width: 0 };
  }
  const per = unit === "d" ? DAY_MS : unit === "h" ? 60 * MINUTE : unit === "s" ? 1000 : MINUTE;
  return { unit: "ms", width: n * per };
}

/**
 * Aggregates bars to a coarser frequency: open = first open, high = max high, low = min low, close = last
 * close, volume = sum; buckets without bars produce no bar. The result is a new series (same instrument).
 */
export function resampleBars(series: BarSeries, options: ResampleOptions): BarSeries {
  const { unit, width } = parseFrequency(options.to);
  const close = (options.label ?? "close") === "close";
  const cal = options.calendar;
  const n = series.length;
  // With a calendar a width of a day or more counts sessions ("2d" = two sessions), not 24-hour spans:
  // nights, weekends and holidays would otherwise make "2d" one session, or two, depending on the week.
  let sessionsPerBar = 0;
  if (cal !== undefined && unit === "ms" && width >= DAY_MS) {
    if (width % DAY_MS !== 0) {
      throw ValidationError.field(
        "to",
        `"${options.to}": with a calendar, a width of a day or more counts sessions and must be whole days (1d, 2d, ...)`,
        "BAD_FREQUENCY",
      );
    }
    sessionsPerBar = width / DAY_MS;
  }
  const blocks = cal === undefined ? null : new SessionBlocks(cal, sessionsPerBar);
  const interval = inferIntervalMs(series.ts, n);
  const target = JSON.stringify(options.to);
  if (unit === "ms" && interval !== null && interval > width) {
    throw ValidationError.field(
      "to",
      `cannot resample ${barWidth(interval)} bars to a finer ${target} (${describeWidth(width)}); the target must be ${describeWidth(interval)} or wider`,
      "BAD_FREQUENCY",
    );
  }
  const daily = interval !== null && interval >= DAILY_MS;
  if (cal === undefined && close && daily && (unit !== "ms" || width > DAY_MS) && allAtUtcMidnight(series)) {
    // A midnight stamp is the start of a date (a file of dates loaded without a calendar) or the close of a
    // 24/7 day; read as a close, a Monday bar would end the week before. Which one it is cannot be told.
    throw ValidationError.field(
      ["series", "ts"],
      `cannot resample to ${target} by close time: every bar is stamped at midnight UTC, as a file of dates loads without a calendar (the start of each day), and read as closes each bar would fall in the period before; load the file with its venue's calendar (e.g. calendar: XNYS) and pass the same calendar here, or pass label: "open" to group each bar by the day it starts; if the times are the closes of 24/7 days, pass calendar: ALWAYS_OPEN`,
      "AMBIGUOUS_BAR_TIME",
    );
  }
  let outTs = 0;
  /** Bucket key of a bar at time t (NaN: outside every session); sets outTs to the bucket's label time. */
  const bucket = (t: number): number => {
    // A close-labelled bar belongs to the bucket containing the instant just before its time.
    const u = close ? t - 1 : t;
    if (cal === undefined) {
      if (unit === "ms") {
        const idx = Math.floor(u / width);
        outTs = close ? (idx + 1) * width : idx * width;
        return idx;
      }
      const day = Math.floor(u / DAY_MS);
      if (unit === "week") {
        const monday = day - ((weekdayOfDays(day) + 6) % 7);
        outTs = (close ? monday + 7 : monday) * DAY_MS;
        return monday;
      }
      const { year, month } = civilFromDays(day);
      outTs = close ? Date.UTC(year, month, 1) : Date.UTC(year, month - 1, 1);
      return year * 12 + month;
    }
    const session = cal.sessionFor(u);
    if (session === null) return Number.NaN;
    if (unit === "ms") {
      if (sessionsPerBar > 0) {
        const block = blocks!.blockOf(session);
        outTs = close ? blocks!.blockClose : blocks!.blockOpen;
        return block;
      }
      const idx = Math.floor((u - session.open) / width);
      const start = session.open + idx * width;
      outTs = close ? Math.min(start + width, session.close) : start;
      return start;
    }
    const days = daysOfIsoDate(session.date);
    let first: number;
    let last: number;
    if (unit === "week") {
      first = days - ((weekdayOfDays(days) + 6) % 7);
      last = first + 6;
    } else {
      const { year, month } = civilFromDays(days);
      first = Math.round(Date.UTC(year, month - 1, 1) / DAY_MS);
      last = Math.round(Date.UTC(year, month, 1) / DAY_MS) - 1;
    }
    outTs = close ? lastSessionClose(cal, first, last) : firstSessionOpen(cal, first, last);
    return first;
  };
  const ts: number[] = [];
  const open: number[] = [];
  const high: number[] = [];
  const low: number[] = [];
  const cls: number[] = [];
  const volume: number[] = [];
  let key = Number.NaN;
  let outside = 0;
  let firstOutside = -1;
  // An intraday bar whose own span holds a bucket boundary (1-hour bars into "90m" buckets, or hourly bars
  // on the hour against a session that opens at 09:30) cannot be split: it would land whole in one bucket
  // and give bars that cover more than their width, or pre-market trading in a session bar. Such bars are
  // found by their span, known when the neighbour is one interval away (a bar after a gap is not judged),
  // and only in series that are mostly regular: trades or quotes written as bars (ticksample.csv) have no
  // width, and a few of them one "interval" apart would be judged by chance.
  const checkSpans = interval !== null && !daily && mostlyRegular(series.ts, n, interval);
  let crossings = 0;
  let firstCrossing = -1;
  let crossingOther = Number.NaN;
  let crossingStamp = 0;
  const ts0 = series.ts;
  for (let i = 0; i < n; i++) {
    const t = ts0[i]!;
    // Bucket of the bar's other end: the first instant after the previous bar's time (label "close"), or
    // the last instant before the next bar's time (label "open").
    let other = Number.NaN;
    let regular = false;
    if (checkSpans) {
      if (close) {
        regular = i > 0 && t - ts0[i - 1]! === interval;
        if (regular) other = bucket(ts0[i - 1]! + 1);
      } else {
        regular = i + 1 < n && ts0[i + 1]! - t === interval;
        if (regular) other = bucket(ts0[i + 1]! - 1);
      }
    }
    const k = bucket(t);
    if (Number.isNaN(k)) {
      if (outside++ === 0) firstOutside = i;
      continue;
    }
    if (regular && other !== k) {
      if (crossings++ === 0) {
        firstCrossing = i;
        crossingOther = other;
        crossingStamp = outTs;
      }
    }
    if (k !== key) {
      key = k;
      ts.push(outTs);
      open.push(series.open[i]!);
      high.push(series.high[i]!);
      low.push(series.low[i]!);
      cls.push(series.close[i]!);
      volume.push(series.volume[i]!);
      continue;
    }
    const j = ts.length - 1;
    if (series.high[i]! > high[j]!) high[j] = series.high[i]!;
    if (series.low[i]! < low[j]!) low[j] = series.low[i]!;
    cls[j] = series.close[i]!;
    volume[j] = volume[j]! + series.volume[i]!;
  }
  // Intraday bars outside the sessions (extended hours) are dropped on purpose; a daily bar outside every
  // session, or every bar outside, means the times do not fit the calendar, and the result would be wrong
  // or empty without a word.
  if (cal !== undefined && outside > 0 && (daily || ts.length === 0)) {
    const t = series.ts[firstOutside]!;
    throw ValidationError.field(
      ["series", "ts", firstOutside],
      `cannot resample to ${target} on ${cal.id}: ${outside} of ${n} bars fall outside every ${cal.id} session, the first at ${describeInstant(t)}; ${outsideHint(cal, t, close, daily)}`,
      "BARS_OUTSIDE_SESSIONS",
    );
  }
  if (crossings > 0) {
    const t = ts0[firstCrossing]!;
    const from = close ? t - interval! : t;
    const to = close ? t : t + interval!;
    const span = `${describeInstant(from)} to ${describeInstant(to)}`;
    let why: string;
    if (cal !== undefined && Number.isNaN(crossingOther)) {
      const session = cal.sessionFor(close ? t - 1 : t)!;
      why = close
        ? `it starts before the ${cal.id} session opens at ${describeInstant(session.open)}`
        : `it ends after the ${cal.id} session closes at ${describeInstant(session.close)}`;
      why += `, so trading outside the session would be counted in it; resample from bars that fit inside the sessions (e.g. minute bars), or without a calendar`;
    } else if (unit === "ms" && sessionsPerBar === 0 && width % interval! !== 0) {
      why = `${target} is not a whole number of ${barWidth(interval!)} bars: resample to a multiple (e.g. ${JSON.stringify(frequencyText(Math.ceil(width / interval!) * interval!))}), or from finer bars`;
    } else {
      why =
        cal === undefined
          ? "the buckets are counted from UTC midnight and these bars do not line up with them: pass the bars' trading calendar (buckets then start at its session open), or resample from finer bars"
          : `the buckets are counted from the ${cal.id} session open and these bars do not line up with it: resample from finer bars`;
    }
    throw ValidationError.field(
      ["series", "ts", firstCrossing],
      `cannot resample ${barWidth(interval!)} bars to ${target}${cal === undefined ? "" : ` on ${cal.id}`}: ${crossings} of ${n} bars straddle a bucket boundary and would be counted whole in one bucket, the first at ${describeInstant(t)} (covering ${span}, put in the bar stamped ${describeInstant(crossingStamp)}); ${why}`,
      "BAR_STRADDLES_BUCKETS",
    );
  }
  return new BarSeries(series.instrumentId, {
    ts: Float64Array.from(ts),
    open: Float64Array.from(open),
    high: Float64Array.from(high),
    low: Float64Array.from(low),
    close: Float64Array.from(cls),
    volume: Float64Array.from(volume),
  });
}

const WIDTH_UNITS: readonly (readonly [number, string])[] = [
  [DAY_MS, "day"],
  [60 * MINUTE, "hour"],
  [MINUTE, "minute"],
  [1000, "second"],
];

/** `1 hour`, `90 minutes`, `250 ms`: a width as a user thinks of it. */
function describeWidth(ms: number): string {
  for (const [size, name] of WIDTH_UNITS) {
    if (ms % size === 0) return `${ms / size} ${name}${ms === size ? "" : "s"}`;
  }
  return `${ms} ms`;
}

/** `1-hour`, `5-minute`, `250 ms`: a bar width as an adjective. */
function barWidth(ms: number): string {
  for (const [size, name] of WIDTH_UNITS) if (ms % size === 0) return `${ms / size}-${name}`;
  return `${ms} ms`;
}

/** A width as `to` takes it: `2h`, `15m`, `1d`, `30s`, or ms. */
function frequencyText(ms: number): string | number {
  if (ms % DAY_MS === 0) return `${ms / DAY_MS}d`;
  if (ms % (60 * MINUTE) === 0) return `${ms / (60 * MINUTE)}h`;
  if (ms % MINUTE === 0) return `${ms / MINUTE}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return ms;
}

/** Whether at least half the steps between consecutive bars are exactly `interval`. */
function mostlyRegular(ts: Float64Array, n: number, interval: number): boolean {
  let regular = 0;
  for (let i = 1; i < n; i++) if (ts[i]! - ts[i - 1]! === interval) regular++;
  return regular * 2 >= n - 1;
}

function allAtUtcMidnight(series: BarSeries): boolean {
  for (let i = 0; i < series.length; i++) if (series.ts[i]! % DAY_MS !== 0) return false;
  return series.length > 0;
}

/** What to change when bar `t` is outside every session of `cal`, from where it sits. */
function outsideHint(cal: TradingCalendar, t: number, close: boolean, daily: boolean): string {
  if (daily && (t % DAY_MS === 0 || utcToWallTime(t, cal.timezone) % DAY_MS === 0)) {
    return `daily bars stamped at midnight come from a file of dates loaded without a calendar: load it with calendar: ${cal.id} so that each date is stamped at its session's close`;
  }
  if (!close && cal.sessionFor(t - 1)?.close === t) {
    return 'the bars are stamped at session closes: pass label: "close" (the default)';
  }
  if (close && cal.sessionFor(t)?.open === t)
    return 'the bars are stamped at session opens: pass label: "open"';
  const date = cal.dateOf(close ? t - 1 : t);
  if (daily && cal.sessionOn(date) === null) return `${cal.id} has no session on ${date}`;
  if (daily) {
    return `a daily bar must be stamped inside its session, at its close (label: "close", Ordo's convention) or its open (label: "open")`;
  }
  return `if the times are wall times in ${cal.timezone}, load the file with timezone: "${cal.timezone}"`;
}

/**
 * Numbers sessions from the first one asked about (0) and groups them in blocks of `size`: a session
 * missing from the data still takes its place, so blocks follow the calendar, not the rows. Asked in time
 * order, it walks the calendar once.
 */
class SessionBlocks {
  private current: TradingSession | null = null;
  private index = 0;
  private block = -1;
  /** Open of the current block's first session and close of its last, once `blockOf` has run. */
  blockOpen = 0;
  blockClose = 0;

  constructor(
    private readonly cal: TradingCalendar,
    private readonly size: number,
  ) {}

  /** The block number of `session` (sessions must come in time order). */
  blockOf(session: TradingSession): number {
    const prev = this.current;
    if (prev === null) this.index = 0;
    else if (session.date !== prev.date) {
      // Sessions after `prev` up to and including `session`.
      this.index += this.cal.sessionsBetween(prev.close, session.close).length;
    }
    this.current = session;
    const block = Math.floor(this.index / this.size);
    if (block !== this.block) {
      this.block = block;
      const position = this.index - block * this.size;
      let first = session;
      for (let k = 0; k < position; k++) first = this.cal.previousSession(first.open);
      let last = session;
      for (let k = position; k < this.size - 1; k++) last = this.cal.nextSession(last.open);
      this.blockOpen = first.open;
      this.blockClose = last.close;
    }
    return block;
  }
}

function lastSessionClose(cal: TradingCalendar, first: number, last: number): number {
  for (let d = last; d >= first; d--) {
    const s = cal.sessionOn(isoDateOfDays(d));
    if (s !== null) return s.close;
  }
  return last * DAY_MS;
}

function firstSessionOpen(cal: TradingCalendar, first: number, last: number): number {
  for (let d = first; d <= last; d++) {
    const s = cal.sessionOn(isoDateOfDays(d));
    if (s !== null) return s.open;
  }
  return first * DAY_MS;
}

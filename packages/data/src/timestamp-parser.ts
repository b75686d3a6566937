import { formatTimestamp } from "@ordo/core";
import { coverStart, type TradingCalendar } from "./calendars/trading-calendar.js";
import { civilFromDays, DAY_MS, daysFromCivil, daysInMonth, isoDateOfDays } from "./civil.js";
import { textOf } from "./number-parse.js";
import {
  type RepeatedWallTime,
  repeatedWallTimeAt,
  utcToWallTime,
  type WallTimeReading,
  wallTimeToUtc,
} from "./time-zone.js";

/** Units of numeric epoch timestamps. */
export type EpochUnit = "s" | "ms" | "us" | "ns";

export interface TimestampParserOptions {
  /** Zone of wall times written without one (default "UTC"). */
  readonly timezone: string;
  /** Read `01/02/2024` as 1 February (default: 2 January, the US order). */
  readonly dayFirst: boolean;
  /** Unit of numeric timestamps; detected from the first value's digits when absent. */
  readonly epochUnit?: EpochUnit | undefined;
  /** Date-only values become this calendar's session close on that date (else local midnight). */
  readonly calendar?: TradingCalendar | undefined;
  /**
   * Count times of day without a zone read as UTC, for `utcNote` (the loaders set it when the user left
   * `timezone` out: UTC was then a default, not a statement about the file).
   */
  readonly noteUtcWallTimes?: boolean | undefined;
}

const DIGIT0 = 48;
const isDigit = (c: number | undefined) => c !== undefined && c >= 48 && c <= 57;

/** The first and the last instant ISO-8601's four-digit years can write: 0000-01-01 .. 9999-12-31T23:59:59.999Z. */
const FIRST_ISO_MS = -62_167_219_200_000;
const LAST_ISO_MS = 253_402_300_799_999;
/** The largest epoch ms a JavaScript Date holds. */
const MAX_DATE_MS = 8.64e15;
const EPOCH_UNIT_WORD: Readonly<Record<EpochUnit, string>> = {
  s: "seconds",
  ms: "milliseconds",
  us: "microseconds",
  ns: "nanoseconds",
};

/** The unit of an epoch value from its count of integer digits: up to 11 s, 12-14 ms, 15-17 µs, else ns. */
function epochUnitOfDigits(intDigits: number): EpochUnit {
  return intDigits <= 11 ? "s" : intDigits <= 14 ? "ms" : intDigits <= 17 ? "us" : "ns";
}

/**
 * Parses the time formats market data comes in, from bytes, without building a Date: ISO 8601 and its
 * space-separated form (`2024-01-02T09:30:00.123+01:00`, `2024-01-02 09:30:00`), `YYYY-MM-DD`,
 * `YYYYMMDD[ HHMMSS[mmm]]`, `MM/DD/YYYY HH:MM:SS [AM|PM]` (or day first), and epoch seconds, ms, µs or ns.
 * The first value fixes text vs epoch for the whole file. On failure `parse` returns NaN and `problem`
 * says why. Sub-millisecond digits are truncated: Ordo times are integer epoch ms.
 */
export class TimestampParser {
  /** Why the last parse failed. */
  problem = "";
  /** Whether the last value carried a time of day / an explicit zone. */
  hasTime = false;
  hasZone = false;
  private mode: "text" | "epoch" | undefined;
  private epochUnit: EpochUnit | undefined;
  /** Whether `epochUnit` was given rather than read from the first value's digit count. */
  private readonly epochUnitGiven: boolean;
  private readonly timezone: string;
  private readonly isUtc: boolean;
  private readonly dayFirst: boolean;
  private readonly calendar: TradingCalendar | undefined;
  /** First instant the calendar's rules cover (-Infinity without a calendar or a limit). */
  private readonly coverStart: number;
  private year = 0;
  private month = 0;
  private day = 0;
  private wallMsOfDay = 0;
  private offsetMs = 0;
  /** Whether a zone-less value was read as a wall time in a zone other than UTC. */
  private sawWallTime = false;
  private readonly reading: WallTimeReading = { repeated: false };
  /** Values whose wall time happens twice (clocks going back), the first of them, and whether they span days. */
  private repeatedCount = 0;
  private firstRepeated = Number.NaN;
  private repeatedOnOtherDays = false;
  /** Repeated stretches already explained in a problem (wall start -> line of that problem). */
  private readonly explained = new Map<number, number>();
  /** Times of day without a zone read as UTC by default (counted only with `noteUtcWallTimes`), and the first. */
  private readonly noteUtcWallTimes: boolean;
  private utcWallTimes = 0;
  private firstUtcWallTime = Number.NaN;

  constructor(options: TimestampParserOptions) {
    this.timezone = options.timezone;
    this.isUtc = options.timezone === "UTC" || options.timezone === "Etc/UTC";
    this.dayFirst = options.dayFirst;
    this.epochUnit = options.epochUnit;
    this.epochUnitGiven = options.epochUnit !== undefined;
    this.calendar = options.calendar;
    this.coverStart =
      options.calendar === undefined ? Number.NEGATIVE_INFINITY : coverStart(options.calendar);
    if (options.epochUnit !== undefined) this.mode = "epoch";
    this.noteUtcWallTimes = options.noteUtcWallTimes === true && this.isUtc;
  }

  /** What the parser settled on, for reports: "text" or "epoch-ms" etc. */
  describe(): string {
    return this.mode === "epoch" ? `epoch-${this.epochUnit}` : (this.mode ?? "unknown");
  }

  /** A whole timestamp in one field. */
  parse(buf: Uint8Array, start: number, end: number): number {
    return this.covered(this.parseField(buf, start, end));
  }

  /** A date field and a separate time-of-day field (backtrader's `Date,Time` layout). */
  parseSplit(buf: Uint8Array, ds: number, de: number, ts: number, te: number): number {
    return this.covered(this.parseDateAndTime(buf, ds, de, ts, te));
  }

  /**
   * `ts` when the calendar's rules cover it, else NaN with `problem` set: a calendar asked about a year
   * before its rules start throws, and that must surface as this row's problem, not as a bare RangeError
   * from the gap finder after loading.
   */
  covered(ts: number): number {
    const calendar = this.calendar;
    if (!(ts < this.coverStart) || calendar === undefined) return ts;
    return this.fail(
      `${describeInstant(ts)} is before ${calendar.id}'s first year ${calendar.firstYear} (${calendar.firstYear}-01-01 in ${calendar.timezone})`,
    );
  }

  /**
   * A date (days since 1970-01-01) and an optional wall time of day (ms) from a typed source such as a
   * Parquet DATE or TIME column, read exactly as the same text would be: a wall time in `timezone`, or
   * for a date alone midnight there or the calendar's session close.
   */
  fromWallTime(days: number, msOfDay: number | undefined): number {
    const { year, month, day } = civilFromDays(days);
    this.year = year;
    this.month = month;
    this.day = day;
    this.hasTime = msOfDay !== undefined;
    this.hasZone = false;
    this.wallMsOfDay = msOfDay ?? 0;
    return this.covered(this.toInstant());
  }

  private parseField(buf: Uint8Array, start: number, end: number): number {
    let s = start;
    let e = end;
    while (s < e && buf[s] === 32) s++;
    while (e > s && buf[e - 1] === 32) e--;
    if (s === e) return this.fail("is empty");
    if (this.mode === undefined) this.mode = this.looksLikeEpoch(buf, s, e) ? "epoch" : "text";
    if (this.mode === "epoch") return this.parseEpoch(buf, s, e);
    this.hasTime = false;
    this.hasZone = false;
    this.wallMsOfDay = 0;
    let i = this.parseDate(buf, s, e);
    if (i < 0) return Number.NaN;
    if (i < e) {
      const sep = buf[i];
      if (sep !== 84 && sep !== 116 && sep !== 32 && sep !== 95) {
        return this.fail(
          `has "${String.fromCharCode(sep!)}" after the date where a time or the end was expected`,
        );
      }
      i++;
      while (i < e && buf[i] === 32) i++;
      i = this.parseTime(buf, i, e);
      if (i < 0) return Number.NaN;
      i = this.parseZone(buf, i, e);
      if (i < 0) return Number.NaN;
      if (i !== e) return this.fail(`has unexpected text "${textOf(buf, i, e)}" after the time`);
    }
    return this.toInstant();
  }

  private parseDateAndTime(buf: Uint8Array, ds: number, de: number, ts: number, te: number): number {
    let s = ds;
    let e = de;
    while (s < e && buf[s] === 32) s++;
    while (e > s && buf[e - 1] === 32) e--;
    if (s === e) return this.fail("date is empty");
    this.mode = "text";
    this.hasTime = false;
    this.hasZone = false;
    this.wallMsOfDay = 0;
    const i = this.parseDate(buf, s, e);
    if (i < 0) return Number.NaN;
    if (i !== e) return this.fail(`date has unexpected text "${textOf(buf, i, e)}"`);
    let t = ts;
    let te2 = te;
    while (t < te2 && buf[t] === 32) t++;
    while (te2 > t && buf[te2 - 1] === 32) te2--;
    if (t === te2) return this.fail("time is empty");
    let j = this.parseTime(buf, t, te2);
    if (j < 0) return Number.NaN;
    j = this.parseZone(buf, j, te2);
    if (j < 0) return Number.NaN;
    if (j !== te2) return this.fail(`time has unexpected text "${textOf(buf, j, te2)}"`);
    return this.toInstant();
  }

  private fail(reason: string): number {
    this.problem = reason;
    return Number.NaN;
  }

  /**
   * Why an epoch value is refused when its instant is outside the four-digit years (what a unit that does not
   * fit the file gives: `epochUnit: "s"` over ms values puts 1995 in the year 26977, which loaded without a
   * word before), with the unit its digit count would have given.
   */
  private outsideIsoYears(text: string, ms: number, intDigits: number): string {
    const unit = this.epochUnit ?? "ms";
    const where =
      Math.abs(ms) <= MAX_DATE_MS
        ? `in the year ${new Date(ms).getUTCFullYear()}, outside 0000..9999`
        : "outside the years 0000..9999";
    const byDigits = epochUnitOfDigits(intDigits);
    const hint = this.epochUnitGiven
      ? byDigits === unit
        ? ""
        : `; is epochUnit: "${unit}" right? ${intDigits} digits read as ${EPOCH_UNIT_WORD[byDigits]} without it`
      : `; the first value's digits made the unit ${EPOCH_UNIT_WORD[unit]} (set epochUnit if that is wrong)`;
    return `"${text}" as epoch ${EPOCH_UNIT_WORD[unit]} is ${where}${hint}`;
  }

  private looksLikeEpoch(buf: Uint8Array, s: number, e: number): boolean {
    let i = s;
    if (buf[i] === 45) i++;
    let intDigits = 0;
    while (i < e && isDigit(buf[i])) {
      i++;
      intDigits++;
    }
    if (intDigits === 0) return false;
    if (i < e && buf[i] === 46) {
      i++;
      while (i < e && isDigit(buf[i])) i++;
    }
    if (i !== e) return false;
    // Eight digits that form a real date read as YYYYMMDD, not as seconds in 1970-73.
    if (intDigits === 8 && buf[s] !== 45) {
      const y = num(buf, s, s + 4);
      const m = num(buf, s + 4, s + 6);
      const d = num(buf, s + 6, s + 8);
      if (y >= 1900 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)) return false;
    }
    if (this.epochUnit === undefined) {
      this.epochUnit = epochUnitOfDigits(intDigits);
    }
    return true;
  }

  private parseEpoch(buf: Uint8Array, s: number, e: number): number {
    this.hasTime = true;
    this.hasZone = true;
    let i = s;
    let sign = 1;
    if (buf[i] === 45) {
      sign = -1;
      i++;
    }
    const intStart = i;
    while (i < e && isDigit(buf[i])) i++;
    const intEnd = i;
    let fracStart = i;
    let fracEnd = i;
    if (i < e && buf[i] === 46) {
      fracStart = i + 1;
      i++;
      while (i < e && isDigit(buf[i])) i++;
      fracEnd = i;
    }
    if (i !== e || intEnd === intStart)
      return this.fail(`"${textOf(buf, s, e)}" is not an epoch ${this.epochUnit} value`);
    let ms: number;
    switch (this.epochUnit) {
      case "s": {
        let frac = 0;
        for (let k = 0; k < 3; k++)
          frac = frac * 10 + (fracStart + k < fracEnd ? buf[fracStart + k]! - DIGIT0 : 0);
        ms = num(buf, intStart, intEnd) * 1000 + frac;
        break;
      }
      case "ms":
        ms = num(buf, intStart, intEnd);
        break;
      case "us":
        ms = intEnd - intStart > 3 ? num(buf, intStart, intEnd - 3) : 0;
        break;
      default:
        ms = intEnd - intStart > 6 ? num(buf, intStart, intEnd - 6) : 0;
    }
    if (!Number.isSafeInteger(ms) || sign * ms > LAST_ISO_MS || sign * ms < FIRST_ISO_MS)
      return this.fail(this.outsideIsoYears(textOf(buf, s, e), sign * ms, intEnd - intStart));
    return sign * ms;
  }

  /** Reads the date at `s`; returns the index after it, or -1 with `problem` set. */
  private parseDate(buf: Uint8Array, s: number, e: number): number {
    let j = s;
    while (j < e && isDigit(buf[j])) j++;
    const run = j - s;
    const sep = j < e ? buf[j] : -1;
    let year: number;
    let month: number;
    let day: number;
    if (run === 4 && (sep === 45 || sep === 47 || sep === 46)) {
      year = num(buf, s, j);
      let k = j + 1;
      const mStart = k;
      while (k < e && isDigit(buf[k]) && k - mStart < 2) k++;
      if (k === mStart || k >= e || buf[k] !== sep) return this.failDate(buf, s, e);
      month = num(buf, mStart, k);
      const dStart = ++k;
      while (k < e && isDigit(buf[k]) && k - dStart < 2) k++;
      if (k === dStart) return this.failDate(buf, s, e);
      day = num(buf, dStart, k);
      j = k;
    } else if (run === 8) {
      year = num(buf, s, s + 4);
      month = num(buf, s + 4, s + 6);
      day = num(buf, s + 6, s + 8);
    } else if ((run === 1 || run === 2) && (sep === 47 || sep === 46 || sep === 45)) {
      const a = num(buf, s, j);
      let k = j + 1;
      const bStart = k;
      while (k < e && isDigit(buf[k]) && k - bStart < 2) k++;
      if (k === bStart || k >= e || buf[k] !== sep) return this.failDate(buf, s, e);
      const b = num(buf, bStart, k);
      const yStart = ++k;
      while (k < e && isDigit(buf[k])) k++;
      if (k - yStart !== 4) return this.failDate(buf, s, e);
      year = num(buf, yStart, k);
      // Dotted dates (23.09.2015) are day-first everywhere they are used.
      if (this.dayFirst || sep === 46) {
        day = a;
        month = b;
      } else {
        month = a;
        day = b;
      }
      j = k;
    } else {
      return this.failDate(buf, s, e);
    }
    if (month < 1 || month > 12) {
      const hint =
        sep === 47 && !this.dayFirst && month > 12 ? " (if dates are day-first, pass dayFirst: true)" : "";
      this.problem = `"${textOf(buf, s, e)}" has month ${month}, outside 1..12${hint}`;
      return -1;
    }
    if (day < 1 || day > daysInMonth(year, month)) {
      this.problem = `"${textOf(buf, s, e)}" has day ${day}, outside 1..${daysInMonth(year, month)} for ${year}-${String(month).padStart(2, "0")}`;
      return -1;
    }
    this.year = year;
    this.month = month;
    this.day = day;
    return j;
  }

  private failDate(buf: Uint8Array, s: number, e: number): number {
    this.problem = `"${textOf(buf, s, e)}" is not a date or time this loader reads (e.g. 2024-01-02T14:30:00Z, 2024-01-02, 20240102, 01/02/2024 09:30:00, epoch seconds or ms)`;
    return -1;
  }

  /** Reads `HH:MM[:SS[.fff]] [AM|PM]` or `HHMM[SS[fff]]`; returns the index after it, or -1. */
  private parseTime(buf: Uint8Array, s: number, e: number): number {
    let j = s;
    while (j < e && isDigit(buf[j])) j++;
    const run = j - s;
    let hour: number;
    let minute: number;
    let second = 0;
    let millis = 0;
    const afterRun = j < e ? buf[j] : -1;
    if (run >= 4 && afterRun !== 58) {
      // Compact HHMM, HHMMSS or HHMMSS followed by fraction digits (HHMMSSmmm).
      hour = num(buf, s, s + 2);
      minute = num(buf, s + 2, s + 4);
      if (run === 5) return this.failTime(buf, s, e);
      if (run >= 6) second = num(buf, s + 4, s + 6);
      if (run > 6) millis = fractionMillis(buf, s + 6, j);
    } else if ((run === 1 || run === 2) && afterRun === 58) {
      hour = num(buf, s, j);
      let k = j + 1;
      const mStart = k;
      while (k < e && isDigit(buf[k])) k++;
      if (k - mStart !== 2) return this.failTime(buf, s, e);
      minute = num(buf, mStart, k);
      if (k < e && buf[k] === 58) {
        const sStart = ++k;
        while (k < e && isDigit(buf[k])) k++;
        if (k - sStart !== 2) return this.failTime(buf, s, e);
        second = num(buf, sStart, k);
        if (k < e && (buf[k] === 46 || buf[k] === 44)) {
          const fStart = ++k;
          while (k < e && isDigit(buf[k])) k++;
          if (k === fStart) return this.failTime(buf, s, e);
          millis = fractionMillis(buf, fStart, k);
        }
      }
      j = k;
      // 12-hour clock suffix.
      let a = j;
      while (a < e && buf[a] === 32) a++;
      const c0 = a < e ? buf[a]! | 0x20 : -1;
      const c1 = a + 1 < e ? buf[a + 1]! | 0x20 : -1;
      if ((c0 === 97 || c0 === 112) && c1 === 109) {
        if (hour < 1 || hour > 12) {
          this.problem = `"${textOf(buf, s, e)}" has hour ${hour} with AM/PM`;
          return -1;
        }
        hour = (hour % 12) + (c0 === 112 ? 12 : 0);
        j = a + 2;
      }
    } else {
      return this.failTime(buf, s, e);
    }
    if (hour > 23 || minute > 59 || second > 59) {
      this.problem = `"${textOf(buf, s, e)}" is not a valid time of day`;
      return -1;
    }
    this.hasTime = true;
    this.wallMsOfDay = ((hour * 60 + minute) * 60 + second) * 1000 + millis;
    return j;
  }

  private failTime(buf: Uint8Array, s: number, e: number): number {
    this.problem = `"${textOf(buf, s, e)}" is not a time of day (expected HH:MM[:SS[.fff]] or HHMMSS[fff])`;
    return -1;
  }

  /** Reads an optional zone: `Z`, `±HH[:MM]`, `±HHMM`, ` UTC`/` GMT`. Returns the index after it, or -1. */
  private parseZone(buf: Uint8Array, s: number, e: number): number {
    let i = s;
    while (i < e && buf[i] === 32) i++;
    if (i === e) return s === e ? e : i;
    const c = buf[i]!;
    if (c === 90 || c === 122) {
      this.hasZone = true;
      this.offsetMs = 0;
      return i + 1;
    }
    if ((c | 0x20) === 117 || (c | 0x20) === 103) {
      const word = textOf(buf, i, Math.min(e, i + 3)).toUpperCase();
      if (word === "UTC" || word === "GMT") {
        this.hasZone = true;
        this.offsetMs = 0;
        i += 3;
        if (i >= e || (buf[i] !== 43 && buf[i] !== 45)) return i;
      }
    }
    const sign = buf[i];
    if (sign !== 43 && sign !== 45) return i;
    let k = i + 1;
    const hStart = k;
    while (k < e && isDigit(buf[k])) k++;
    let hours: number;
    let minutes = 0;
    if (k - hStart === 4) {
      hours = num(buf, hStart, hStart + 2);
      minutes = num(buf, hStart + 2, k);
    } else if (k - hStart === 2) {
      hours = num(buf, hStart, k);
      if (k < e && buf[k] === 58) {
        const mStart = ++k;
        while (k < e && isDigit(buf[k])) k++;
        if (k - mStart !== 2) return this.failZone(buf, i, e);
        minutes = num(buf, mStart, k);
      }
    } else return this.failZone(buf, i, e);
    if (hours > 18 || minutes > 59) return this.failZone(buf, i, e);
    this.hasZone = true;
    this.offsetMs = (sign === 45 ? -1 : 1) * (hours * 60 + minutes) * 60_000;
    return k;
  }

  private failZone(buf: Uint8Array, s: number, e: number): number {
    this.problem = `"${textOf(buf, s, e)}" is not a zone offset (expected Z or ±HH:MM)`;
    return -1;
  }

  private toInstant(): number {
    const days = daysFromCivil(this.year, this.month, this.day);
    const wall = days * DAY_MS + this.wallMsOfDay;
    if (this.hasZone) return wall - this.offsetMs;
    if (!this.hasTime && this.calendar !== undefined) {
      const date = isoDateOfDays(days);
      const firstYear = this.calendar.firstYear;
      if (firstYear !== undefined && this.year < firstYear)
        return this.fail(`${date} is before ${this.calendar.id}'s first year ${firstYear}`);
      const session = this.calendar.sessionOn(date);
      if (session === null) return this.fail(`${date} is not a trading day on ${this.calendar.id}`);
      return session.close;
    }
    if (this.isUtc) {
      if (this.noteUtcWallTimes && this.hasTime && this.utcWallTimes++ === 0) this.firstUtcWallTime = wall;
      return wall;
    }
    this.sawWallTime = true;
    const t = wallTimeToUtc(wall, this.timezone, this.reading);
    if (this.reading.repeated) {
      if (this.repeatedCount++ === 0) this.firstRepeated = t;
      else if (Math.abs(t - this.firstRepeated) > DAY_MS) this.repeatedOnOtherDays = true;
    }
    return t;
  }

  /**
   * Why a row that looks earlier than (or equal to) the one before may be in order after all: its wall
   * time happens twice, and a zone-less time is read as the first occurrence. Undefined when that is not
   * the case. The first problem of a repeated stretch gets the whole story, later ones point back to it.
   */
  repeatedHourHint(ts: number, line: number, rowWord: string): string | undefined {
    if (!this.sawWallTime) return undefined;
    const r = repeatedWallTimeAt(ts, this.timezone);
    if (r === null) return undefined;
    const seen = this.explained.get(r.wallStart);
    if (seen !== undefined)
      return `${describeStretch(r)} happens twice in ${this.timezone} (see ${rowWord} ${seen})`;
    this.explained.set(r.wallStart, line);
    const first = formatOffset(r.firstOffset);
    const second = formatOffset(r.secondOffset);
    const example = `${formatTimestamp(utcToWallTime(ts, this.timezone)).slice(0, 19)}${second}`;
    return `the file's times have no offset and are read as wall times in ${this.timezone}, where ${describeStretch(r)} happens twice (the clocks go back from ${first} to ${second}) and each is read as its first occurrence (${first}); write the times with their offset (${example} for the second) or in UTC, or pass timezone: "UTC" if they are UTC already; sorting or dropping duplicates would mix up or lose the repeated times`;
  }

  /**
   * A note for the report when times of day without a zone were read as UTC because no `timezone` was
   * given (else undefined): local times loaded as UTC are hours off without any other sign, so the user
   * is told once, with the option that changes it. `calendar` suggests its zone.
   */
  utcNote(): string | undefined {
    if (this.utcWallTimes === 0) return undefined;
    const n = this.utcWallTimes;
    const zone =
      this.calendar !== undefined && this.calendar.timezone !== "UTC"
        ? this.calendar.timezone
        : "America/New_York";
    const rows = n === 1 ? "1 row, at" : `${n.toLocaleString("en-US")} rows, the first`;
    return `times without a zone read as UTC (${rows} ${describeInstant(this.firstUtcWallTime)}), since no timezone was given: if they are local times, pass their zone (e.g. timezone: "${zone}"; in an ordo backtest config, "load": { "timezone": "${zone}" }); pass timezone: "UTC" if they are UTC`;
  }

  /** A note for the report when values fell in a repeated stretch of wall time (else undefined). */
  repeatedNote(): string | undefined {
    if (this.repeatedCount === 0) return undefined;
    const r = repeatedWallTimeAt(this.firstRepeated, this.timezone);
    if (r === null) return undefined;
    const n = this.repeatedCount;
    const rows = n === 1 ? "1 row has a wall time" : `${n} rows have wall times`;
    const which = this.repeatedOnOtherDays ? "the first: " : "";
    return `${rows} that happen twice in ${this.timezone} (${which}${describeStretch(r)}, the clocks go back from ${formatOffset(r.firstOffset)} to ${formatOffset(r.secondOffset)}) and were read as the first occurrence; write times with an offset to tell them apart`;
  }
}

/** `01:00 to 02:00 on 2024-11-03` for a repeated stretch of wall time. */
function describeStretch(r: RepeatedWallTime): string {
  const start = formatTimestamp(r.wallStart);
  return `${start.slice(11, 16)} to ${formatTimestamp(r.wallEnd).slice(11, 16)} on ${start.slice(0, 10)}`;
}

/** `-04:00` for an offset in ms. */
function formatOffset(ms: number): string {
  const minutes = Math.abs(Math.round(ms / 60_000));
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = String(minutes % 60).padStart(2, "0");
  return `${ms < 0 ? "-" : "+"}${hh}:${mm}`;
}

function num(buf: Uint8Array, s: number, e: number): number {
  let v = 0;
  for (let i = s; i < e; i++) v = v * 10 + (buf[i]! - DIGIT0);
  return v;
}

/** Milliseconds from fraction-of-second digits (truncating anything past the third). */
function fractionMillis(buf: Uint8Array, s: number, e: number): number {
  let v = 0;
  for (let k = 0; k < 3; k++) v = v * 10 + (s + k < e ? buf[s + k]! - DIGIT0 : 0);
  return v;
}

/** `2024-01-02T14:30:00Z` for messages; the raw number when it is not a usable time. */
export function describeInstant(ts: number): string {
  return Number.isFinite(ts) && Math.abs(ts) < 8.64e15 ? formatTimestamp(ts) : String(ts);
}

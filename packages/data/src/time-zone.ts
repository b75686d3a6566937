import { DAY_MS } from "./civil.js";

/**
 * Time-zone arithmetic through the runtime's Intl database (no tz library): offsets are looked up once per
 * 15-minute UTC bucket and cached, since every real zone transition falls on a quarter hour.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCaches = new Map<string, Map<number, number>>();
const BUCKET_MS = 900_000;

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether the runtime knows `timeZone` (an IANA name such as "America/New_York", or "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function computeOffset(ts: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(ts));
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const p of parts) {
    if (p.type === "year") year = Number(p.value);
    else if (p.type === "month") month = Number(p.value);
    else if (p.type === "day") day = Number(p.value);
    else if (p.type === "hour") hour = Number(p.value);
    else if (p.type === "minute") minute = Number(p.value);
    else if (p.type === "second") second = Number(p.value);
  }
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const whole = ts - (((ts % 1000) + 1000) % 1000);
  return wall - whole;
}

/** The zone's offset from UTC at instant `ts`, in ms (local wall time = ts + offset). */
export function zoneOffsetMs(ts: number, timeZone: string): number {
  if (timeZone === "UTC") return 0;
  let cache = offsetCaches.get(timeZone);
  if (cache === undefined) {
    cache = new Map();
    offsetCaches.set(timeZone, cache);
  }
  const bucket = Math.floor(ts / BUCKET_MS);
  let offset = cache.get(bucket);
  if (offset === undefined) {
    offset = computeOffset(bucket * BUCKET_MS, timeZone);
    cache.set(bucket, offset);
  }
  return offset;
}

/** Filled by `wallTimeToUtc` when asked: whether the wall time happens twice (clocks going back). */
export interface WallTimeReading {
  repeated: boolean;
}

/**
 * The instant at which the zone's clocks show `wallMs` (a wall time written as if it were UTC epoch ms).
 * Like Temporal's "compatible" rule: a repeated wall time (clocks go back) takes the earlier instant, a
 * skipped one (clocks go forward) moves forward by the gap. `reading.repeated` tells the first case.
 */
export function wallTimeToUtc(wallMs: number, timeZone: string, reading?: WallTimeReading): number {
  if (reading !== undefined) reading.repeated = false;
  if (timeZone === "UTC") return wallMs;
  const before = zoneOffsetMs(wallMs - DAY_MS, timeZone);
  const after = zoneOffsetMs(wallMs + DAY_MS, timeZone);
  if (before === after) {
    const t = wallMs - before;
    const actual = zoneOffsetMs(t, timeZone);
    return actual === before ? t : wallMs - actual;
  }
  const tBefore = wallMs - before;
  const tAfter = wallMs - after;
  const beforeValid = zoneOffsetMs(tBefore, timeZone) === before;
  const afterValid = zoneOffsetMs(tAfter, timeZone) === after;
  if (beforeValid && afterValid) {
    if (reading !== undefined) reading.repeated = tBefore !== tAfter;
    return Math.min(tBefore, tAfter);
  }
  if (beforeValid) return tBefore;
  if (afterValid) return tAfter;
  return tBefore;
}

/** The wall time in `timeZone` at instant `ts`, as epoch-like ms (read it with UTC getters). */
export function utcToWallTime(ts: number, timeZone: string): number {
  return ts + zoneOffsetMs(ts, timeZone);
}

/** A stretch of wall time that happens twice because the clocks go back (the end of daylight saving). */
export interface RepeatedWallTime {
  /** First and last-plus-one wall times that repeat (wall ms, read with UTC getters). */
  readonly wallStart: number;
  readonly wallEnd: number;
  /** Offsets from UTC (ms) of the first and the second time through. */
  readonly firstOffset: number;
  readonly secondOffset: number;
}

/**
 * When the wall time at instant `ts` happens twice in `timeZone`, the stretch that repeats and its two
 * offsets; else null. Zone changes fall on quarter hours, so the change is found by 15-minute steps.
 */
export function repeatedWallTimeAt(ts: number, timeZone: string): RepeatedWallTime | null {
  if (timeZone === "UTC" || !Number.isFinite(ts)) return null;
  const wall = utcToWallTime(ts, timeZone);
  const reading: WallTimeReading = { repeated: false };
  wallTimeToUtc(wall, timeZone, reading);
  if (!reading.repeated) return null;
  const a = zoneOffsetMs(wall - DAY_MS, timeZone);
  const b = zoneOffsetMs(wall + DAY_MS, timeZone);
  const firstOffset = Math.max(a, b);
  const secondOffset = Math.min(a, b);
  // The change happens between the two instants of this wall time: the first with the larger offset.
  const first = wall - firstOffset;
  let change = Math.floor(first / BUCKET_MS) * BUCKET_MS;
  while (zoneOffsetMs(change, timeZone) === firstOffset && change <= wall - secondOffset) change += BUCKET_MS;
  return {
    wallStart: change + secondOffset,
    wallEnd: change + firstOffset,
    firstOffset,
    secondOffset,
  };
}

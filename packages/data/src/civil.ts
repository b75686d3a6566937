import { civilFromDays } from "@ordo/core";

/** Milliseconds in one day of UTC (no leap seconds in epoch time). */
export const DAY_MS = 86_400_000;

/**
 * Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's `days_from_civil`): exact integer
 * arithmetic, so date parsing in the CSV hot loop never builds a Date.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

// The inverse of `daysFromCivil` lives in core (order ids need it too).
export { type CivilDate, civilFromDays } from "@ordo/core";

/** 0 = Sunday … 6 = Saturday, as `Date.getUTCDay`. */
export function weekdayOfDays(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `YYYY-MM-DD` for a day number. */
export function isoDateOfDays(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a `YYYY-MM-DD` text, or NaN when it is not a real date. */
export function daysOfIsoDate(text: string): number {
  const m = ISO_DATE.exec(text);
  if (m === null) return Number.NaN;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  return daysFromCivil(year, month, day);
}

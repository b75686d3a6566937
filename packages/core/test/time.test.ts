import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { civilFromDays, compactDateProblem, timestampProblem, utcMidnight } from "../src/index.js";

const DAY_MS = 86_400_000;

describe("civilFromDays", () => {
  it("gives the calendar date of a day since 1970-01-01", () => {
    expect(civilFromDays(0)).toEqual({ year: 1970, month: 1, day: 1 });
    expect(civilFromDays(-1)).toEqual({ year: 1969, month: 12, day: 31 });
    expect(civilFromDays(Date.UTC(2024, 1, 29) / DAY_MS)).toEqual({ year: 2024, month: 2, day: 29 });
    expect(civilFromDays(Date.UTC(2000, 2, 1) / DAY_MS)).toEqual({ year: 2000, month: 3, day: 1 });
  });

  it("agrees with Date's UTC calendar for every day of years 0 to 9999", () => {
    const first = new Date(0).setUTCFullYear(0, 0, 1) / DAY_MS; // Date.UTC would read year 0 as 1900
    const last = Date.UTC(9999, 11, 31) / DAY_MS;
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), (days) => {
        const d = new Date(days * DAY_MS);
        expect(civilFromDays(days)).toEqual({
          year: d.getUTCFullYear(),
          month: d.getUTCMonth() + 1,
          day: d.getUTCDate(),
        });
      }),
    );
  });
});

describe("utcMidnight", () => {
  it("gives the epoch ms of a YYYY-MM-DD date's midnight UTC, and null for a date that does not exist", () => {
    expect(utcMidnight("2024-01-04")).toBe(Date.UTC(2024, 0, 4));
    expect(utcMidnight("2024-02-30")).toBeNull();
    expect(utcMidnight("2024-01-04T00:00:00Z")).toBeNull();
  });
});

describe("compactDateProblem", () => {
  it("refuses eight digits that read as a date, with both readings and what to write", () => {
    expect(compactDateProblem(20230104)).toBe(
      'is ambiguous: 20230104 reads as epoch ms 1970-01-01T05:37:10.104Z; write the date as "2023-01-04", or epoch ms in full (1672790400000)',
    );
    expect(compactDateProblem("20230104")).toBe(compactDateProblem(20230104));
  });

  it("lets every other value through, to be read as before", () => {
    for (const value of [1672790400000, 20231399, 2023010, 202301040, "2023-01-04", 20230104.5, null]) {
      expect(compactDateProblem(value)).toBeNull();
    }
  });
});

describe("timestampProblem", () => {
  it("refuses a day past the month's end, which Date.parse rolls over into the next month", () => {
    expect(timestampProblem("2024-02-30T00:00:00Z")).toBe('is not a valid date: "2024-02-30T00:00:00Z"');
    expect(timestampProblem("2023-04-31T09:30:00-04:00")).toBe(
      'is not a valid date: "2023-04-31T09:30:00-04:00"',
    );
    expect(timestampProblem("2024-02-29T23:59:59.5+01:00")).toBeNull();
  });
});

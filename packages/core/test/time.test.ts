import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { civilFromDays } from "../src/index.js";

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

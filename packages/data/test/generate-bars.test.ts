import { describe, expect, it } from "vitest";
import { formatBarsCsv, generateBars, parseBarsCsv, resampleBars, XNYS } from "../src/index.js";

describe("seeded sample bars", () => {
  const options = { seed: 42, start: "2024-01-02T00:00:00Z", count: 2000, interval: "1m" } as const;

  it("is the same for the same seed and different for another", () => {
    const a = generateBars(options);
    expect(Array.from(a.close)).toEqual(Array.from(generateBars(options).close));
    expect(Array.from(a.close)).not.toEqual(Array.from(generateBars({ ...options, seed: 43 }).close));
    expect([a.open[0], a.close[0], a.close[1999]]).toEqual([100.01, 100.06, 103.08]);
  });

  it("puts prices on a 0.01 grid and keeps bars well formed", () => {
    const s = generateBars(options);
    for (let i = 0; i < s.length; i++) {
      for (const p of [s.open[i]!, s.high[i]!, s.low[i]!, s.close[i]!]) {
        expect(Math.round(p * 100) / 100).toBe(p);
        expect(p).toBeGreaterThanOrEqual(0.01);
      }
      expect(s.high[i]).toBeGreaterThanOrEqual(Math.max(s.open[i]!, s.close[i]!));
      expect(s.low[i]).toBeLessThanOrEqual(Math.min(s.open[i]!, s.close[i]!));
      expect(s.ts[i]).toBe(Date.parse(options.start) + i * 60_000);
    }
  });

  it("ends each session's intraday bars at its close, with a short last bar when the width does not divide it", () => {
    const hhmm = (s: { ts: Float64Array }) => Array.from(s.ts, (t) => new Date(t).toISOString().slice(5, 16));
    // Hourly on XNYS: 10:30 .. 15:30 New York and then 15:30-16:00; the half hour used to have no bar.
    expect(
      hhmm(
        generateBars({ seed: 1, start: "2024-01-02T00:00:00Z", count: 8, interval: "1h", calendar: XNYS }),
      ),
    ).toEqual([
      "01-02T15:30",
      "01-02T16:30",
      "01-02T17:30",
      "01-02T18:30",
      "01-02T19:30",
      "01-02T20:30",
      "01-02T21:00",
      "01-03T15:30",
    ]);
    // 4-hour bars: the 13:00 early close of 2024-07-03 is one bar; a full session is 09:30-13:30 and 13:30-16:00.
    expect(
      hhmm(
        generateBars({ seed: 1, start: "2024-07-03T00:00:00Z", count: 3, interval: "4h", calendar: XNYS }),
      ),
    ).toEqual(["07-03T17:00", "07-05T17:30", "07-05T20:00"]);
    // The same hours as resampling minute bars of the session to 1h on the calendar.
    const minutes = generateBars({
      seed: 1,
      start: "2024-01-02T00:00:00Z",
      count: 390,
      interval: "1m",
      calendar: XNYS,
    });
    expect(hhmm(resampleBars(minutes, { to: "1h", calendar: XNYS }))).toEqual(
      hhmm(
        generateBars({ seed: 1, start: "2024-01-02T00:00:00Z", count: 7, interval: "1h", calendar: XNYS }),
      ),
    );
  });

  it("places daily bars on session closes of a calendar", () => {
    const s = generateBars({
      seed: 1,
      start: "2024-07-01T00:00:00Z",
      count: 4,
      interval: "1d",
      calendar: XNYS,
    });
    expect(Array.from(s.ts, (t) => new Date(t).toISOString())).toEqual([
      "2024-07-01T20:00:00.000Z",
      "2024-07-02T20:00:00.000Z",
      "2024-07-03T17:00:00.000Z",
      "2024-07-05T20:00:00.000Z",
    ]);
  });

  it("writes CSV that loads back to the same bars", () => {
    const s = generateBars({ ...options, count: 50 });
    const { series } = parseBarsCsv(formatBarsCsv(s));
    for (const f of ["ts", "open", "high", "low", "close", "volume"] as const) {
      expect(Array.from(series[f])).toEqual(Array.from(s[f]));
    }
  });

  it("refuses bad options with the field named", () => {
    expect(() => generateBars({ ...options, interval: "fortnight" })).toThrow(
      'interval: must be a bar width such as "1m"',
    );
    expect(() => generateBars({ ...options, start: "2024-01-02" })).toThrow(
      "start: must be an ISO-8601 time with a zone",
    );
  });

  it("refuses a start before the calendar's first year instead of failing inside it", () => {
    // 1990-01-01T03:00Z is still 1989 in New York.
    expect(() =>
      generateBars({ ...options, interval: "1d", calendar: XNYS, start: "1990-01-01T03:00:00Z" }),
    ).toThrow(
      "BAD_OPTION: start: is before XNYS's first year 1990 (1990-01-01 in America/New_York), got 1990-01-01T03:00:00Z",
    );
    expect(
      generateBars({ ...options, interval: "1d", count: 1, calendar: XNYS, start: "1990-01-01T06:00:00Z" })
        .length,
    ).toBe(1);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ALWAYS_OPEN,
  findOffSession,
  generateBars,
  loadBarsCsv,
  type TradingCalendar,
  XNYS,
} from "../src/index.js";
import { hasSharedData, SKIP_REASON, shared } from "./shared-data.js";

const M = 60_000;
const at = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString();

const off = (times: readonly number[], calendar: TradingCalendar = XNYS, maxItems?: number) => {
  const ts = Float64Array.from(times);
  const r = findOffSession(ts, ts.length, calendar, maxItems === undefined ? {} : { maxItems });
  return { ...r, items: r.items.map((s) => [iso(s.from), iso(s.to), s.rows]) };
};

/** The same answer asked of the calendar row by row: inside when a session holds t, its close included. */
function isInsideByLookup(calendar: TradingCalendar, t: number): boolean {
  return calendar.sessionFor(t) !== null || calendar.sessionFor(t - 1)?.close === t;
}

describe("rows outside a calendar's sessions", () => {
  it("finds none in NYSE minute bars stamped at their close (09:31 .. 16:00) or at their open (09:30 .. 15:59)", () => {
    const bars = generateBars({
      seed: 1,
      start: "2024-01-02T00:00:00Z",
      count: 390 * 5,
      interval: "1m",
      calendar: XNYS,
    });
    expect(off([...bars.ts]).count).toBe(0);
    expect(off(Array.from(bars.ts, (t) => t - M)).count).toBe(0);
  });

  it("finds none in daily bars stamped at each session's close, early closes included", () => {
    const days = generateBars({
      seed: 1,
      start: "2024-06-01T00:00:00Z",
      count: 200,
      interval: "1d",
      calendar: XNYS,
    });
    expect(days.ts).toContain(at("2024-12-24T18:00:00Z")); // Christmas Eve closes at 13:00 New York
    expect(off([...days.ts]).count).toBe(0);
  });

  it("counts a bar one minute past the close, before the open, on a holiday and on a weekend", () => {
    const r = off([
      at("2024-01-02T21:00:00Z"), // 16:00 New York: the close, inside
      at("2024-01-02T21:01:00Z"), // 16:01
      at("2024-01-03T14:29:00Z"), // 09:29
      at("2024-01-03T14:30:00Z"), // 09:30: the open, inside
      at("2024-01-06T15:00:00Z"), // a Saturday
      at("2024-01-15T15:00:00Z"), // Martin Luther King Jr. Day
      at("2024-01-16T15:00:00Z"),
    ]);
    expect(r).toEqual({
      count: 4,
      stretches: 2,
      items: [
        ["2024-01-02T21:01:00.000Z", "2024-01-03T14:29:00.000Z", 2],
        ["2024-01-06T15:00:00.000Z", "2024-01-15T15:00:00.000Z", 2],
      ],
    });
  });

  it("counts every stretch and lists only the first maxItems", () => {
    const nights = [2, 3, 4, 5].map((d) => at(`2024-01-0${d}T23:00:00Z`));
    const r = off(nights, XNYS, 2);
    expect(r.count).toBe(4);
    expect(r.stretches).toBe(1); // nothing inside between them: one stretch
    const split = off(
      nights.flatMap((t) => [t, t + 16 * 60 * M]), // each night, then 15:00 the next day (inside)
      XNYS,
      2,
    );
    expect(split.stretches).toBe(4);
    expect(split.items).toEqual([
      ["2024-01-02T23:00:00.000Z", "2024-01-02T23:00:00.000Z", 1],
      ["2024-01-03T23:00:00.000Z", "2024-01-03T23:00:00.000Z", 1],
    ]);
  });

  it("treats 24/7 days as one session joined at midnight", () => {
    const btc = generateBars({ seed: 1, start: "2024-01-05T00:00:00Z", count: 3 * 1440, interval: "1m" });
    expect(off([...btc.ts], ALWAYS_OPEN).count).toBe(0);
    // Under XNYS the same bars (Friday 00:00 to Sunday 23:59) are mostly outside: all but Friday's
    // 09:30 .. 16:00, both ends included (391 minutes).
    const r = off([...btc.ts], XNYS);
    expect(r.count).toBe(3 * 1440 - 391);
    expect(r.items[0]).toEqual(["2024-01-05T00:00:00.000Z", "2024-01-05T14:29:00.000Z", 870]);
  });

  it("agrees with a lookup row by row for any ascending times", () => {
    const start = at("2023-12-20T00:00:00Z");
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 30 * 1440 }), { minLength: 0, maxLength: 200 }),
        (minutes) => {
          const times = minutes.sort((a, b) => a - b).map((m) => start + m * M);
          const outside = times.map((t) => !isInsideByLookup(XNYS, t));
          const r = off(times);
          expect(r.count).toBe(outside.filter(Boolean).length);
          expect(r.stretches).toBe(outside.filter((o, i) => o && !outside[i - 1]).length);
          expect(r.items.reduce((n, s) => n + (s[2] as number), 0)).toBe(r.count);
        },
      ),
    );
  });
});

describe.skipIf(!hasSharedData)(
  `rows outside the sessions in the real files of ../shared/data (${hasSharedData ? "present" : SKIP_REASON})`,
  () => {
    const offIn = async (file: string, calendar: TradingCalendar) => {
      const { series } = await loadBarsCsv(shared(file), { calendar });
      const r = findOffSession(series.ts, series.length, calendar, { maxItems: 1 });
      return [r.count, r.stretches];
    };

    it.each([
      "orcl-1995-2014.txt",
      "nvda-1999-2014.txt",
      "yhoo-1996-2015.txt",
      "daily-KO.csv",
      "daily-PEP.csv",
    ])("finds none in %s's daily bars loaded under XNYS (each date at its session's close)", async (file) => {
      expect(await offIn(file, XNYS)).toEqual([0, 0]);
    });

    it("finds the hours outside New York's sessions in backtrader's 09:01 .. 22:00 minute bars and in BTC's 24/7 ones", async () => {
      expect(await offIn("2006-01-02-volume-min-001.txt", XNYS)).toEqual([16352, 39]);
      expect(await offIn("btc-perp-20211231-20220201_1m.csv", XNYS)).toEqual([37211, 21]);
      expect(await offIn("btc-perp-20211231-20220201_1m.csv", ALWAYS_OPEN)).toEqual([0, 0]);
    });
  },
);

import { describe, expect, it } from "vitest";
import { ALWAYS_OPEN, findGaps, formatBarsCsv, generateBars, parseBarsCsv, XNYS } from "../src/index.js";

const M = 60_000;
const iso = (t: number) => new Date(t).toISOString();

/** NYSE minute bars of `sessions` sessions from `start`, stamped at each minute's close (09:31 .. 16:00). */
function closeStamped(start: string, sessions: number): Float64Array {
  return generateBars({ seed: 2, start, count: 390 * sessions, interval: "1m", calendar: XNYS }).ts;
}

/** The same minutes stamped at their open (09:30 .. 15:59). */
const openStamped = (ts: Float64Array) => Float64Array.from(ts, (t) => t - M);

/** `ts` without the rows at `drop` (indexes). */
function without(ts: Float64Array, drop: number[]): Float64Array {
  const skip = new Set(drop);
  return Float64Array.from(ts.filter((_, i) => !skip.has(i)));
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, k) => from + k);

const gaps = (ts: Float64Array, options: Parameters<typeof findGaps>[3] = { calendar: XNYS }) =>
  findGaps(ts, ts.length, M, options).items.map((g) => [iso(g.from), iso(g.to), g.missing]);

describe("gaps at the edges of sessions, with a calendar", () => {
  const bars = closeStamped("2024-01-02T00:00:00Z", 3); // 2024-01-02, -03, -04

  it("reports nothing for complete sessions, stamped at the close or the open", () => {
    expect(gaps(bars)).toEqual([]);
    expect(gaps(openStamped(bars))).toEqual([]);
  });

  it("reports a missing last bar of a session (16:00 when bars are stamped at their close)", () => {
    expect(gaps(without(bars, [389]))).toEqual([["2024-01-02T20:59:00.000Z", "2024-01-03T14:31:00.000Z", 1]]);
  });

  it("reports a missing first bar of a session (09:31 when stamped at the close)", () => {
    expect(gaps(without(bars, [390]))).toEqual([["2024-01-02T21:00:00.000Z", "2024-01-03T14:32:00.000Z", 1]]);
  });

  it("reports a missing first bar (09:30) and last bar (15:59) of bars stamped at their open", () => {
    const open = openStamped(bars);
    expect(gaps(without(open, [390]))).toEqual([["2024-01-02T20:59:00.000Z", "2024-01-03T14:31:00.000Z", 1]]);
    expect(gaps(without(open, [389]))).toEqual([["2024-01-02T20:58:00.000Z", "2024-01-03T14:30:00.000Z", 1]]);
  });

  it("counts every bar of a whole missing session, 390 for a regular NYSE day", () => {
    const day2 = range(390, 390);
    expect(gaps(without(bars, day2))).toEqual([
      ["2024-01-02T21:00:00.000Z", "2024-01-04T14:31:00.000Z", 390],
    ]);
    expect(gaps(without(openStamped(bars), day2))).toEqual([
      ["2024-01-02T20:59:00.000Z", "2024-01-04T14:30:00.000Z", 390],
    ]);
  });

  it("counts a missing session with the bars missing at the edges around it", () => {
    // 15:58 .. 16:00 of day 1, all of day 2 and 09:31 .. 09:32 of day 3: 3 + 390 + 2.
    expect(gaps(without(bars, range(387, 395)))).toEqual([
      ["2024-01-02T20:57:00.000Z", "2024-01-04T14:33:00.000Z", 395],
    ]);
  });

  it("uses the early close: a missing 13:00 bar on 2024-07-03 is a gap", () => {
    // 2024-07-03 closes at 13:00 (210 bars), 07-04 is a holiday, 07-05 is a full day.
    const july = closeStamped("2024-07-03T00:00:00Z", 2);
    expect(iso(july[209]!)).toBe("2024-07-03T17:00:00.000Z");
    expect(gaps(july)).toEqual([]);
    expect(gaps(without(july, [209]))).toEqual([["2024-07-03T16:59:00.000Z", "2024-07-05T13:31:00.000Z", 1]]);
  });

  it("reports the bar missing at midnight on a 24/7 calendar, where sessions join", () => {
    const t0 = Date.parse("2024-01-02T23:58:00Z");
    const ts = Float64Array.from([t0, t0 + M, t0 + 3 * M, t0 + 4 * M]); // 00:00 is missing
    expect(gaps(ts, { calendar: ALWAYS_OPEN })).toEqual([
      ["2024-01-02T23:59:00.000Z", "2024-01-03T00:01:00.000Z", 1],
    ]);
    expect(gaps(openStamped(ts), { calendar: ALWAYS_OPEN })).toEqual([
      ["2024-01-02T23:58:00.000Z", "2024-01-03T00:00:00.000Z", 1],
    ]);
  });

  it("counts the short last bucket of hourly bars aligned to the open (15:30-16:00)", () => {
    // Close-stamped hourly NYSE bars: 10:30, 11:30, ..., 15:30 and 16:00, seven a day.
    const hourly = (day: string) =>
      ["14:30", "15:30", "16:30", "17:30", "18:30", "19:30", "20:00"].map((t) =>
        Date.parse(`${day}T${t}:00Z`),
      );
    const ts = Float64Array.from([...hourly("2024-01-02"), ...hourly("2024-01-03"), ...hourly("2024-01-04")]);
    const h = (t: Float64Array) =>
      findGaps(t, t.length, 3_600_000, { calendar: XNYS }).items.map((g) => g.missing);
    expect(h(ts)).toEqual([]);
    expect(h(without(ts, [6]))).toEqual([1]);
    expect(h(without(ts, range(7, 7)))).toEqual([7]);
  });

  it("reads the bars' label from label: when bars outside the sessions hide which end stamps them", () => {
    // Close-stamped with after-hours bars: 15:59, (16:00 missing), 16:01 .. 16:02.
    const t = Date.parse("2024-01-02T20:59:00Z");
    const ts = Float64Array.from([t, t + 2 * M, t + 3 * M]);
    expect(gaps(ts, { calendar: XNYS, label: "close" })).toEqual([
      ["2024-01-02T20:59:00.000Z", "2024-01-02T21:01:00.000Z", 1],
    ]);
    // Without it, a slot at the edge is counted only when both readings agree.
    expect(gaps(ts)).toEqual([]);
  });

  it("reports a session's missing last bar when loading with a calendar", () => {
    const series = generateBars({
      seed: 2,
      start: "2024-01-02T00:00:00Z",
      count: 780,
      interval: "1m",
      calendar: XNYS,
    });
    const text = formatBarsCsv(series)
      .split("\n")
      .filter((line) => !line.startsWith("2024-01-02T21:00:00"))
      .join("\n");
    const { report } = parseBarsCsv(text, { calendar: XNYS });
    expect(report.gaps).toEqual({
      count: 1,
      items: [
        { from: Date.parse("2024-01-02T20:59:00Z"), to: Date.parse("2024-01-03T14:31:00Z"), missing: 1 },
      ],
    });
  });
});

import { formatTimestamp, parseTimestamp, timestampProblem, ValidationError } from "@ordo/core";
import { z } from "zod";
import { BarSeries } from "./bar-series.js";
import { coverStart, type TradingCalendar } from "./calendars/trading-calendar.js";
import { DAY_MS } from "./civil.js";
import { Xoshiro128 } from "./prng.js";

function intervalMsOf(value: string | number): number | null {
  if (typeof value === "number") return Number.isInteger(value) && value > 0 ? value : null;
  const m = /^(\d+)\s*(s|m|min|h|d)$/.exec(value.trim());
  if (m === null || Number(m[1]) <= 0) return null;
  const per = { s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: DAY_MS }[
    m[2] as "s" | "m" | "min" | "h" | "d"
  ];
  return Number(m[1]) * per;
}

export const GenerateBarsOptionsSchema = z
  .strictObject({
    /** PRNG seed (32-bit integer): the same seed gives the same bars. */
    seed: z.number().int({ error: (issue) => `must be a whole number, got ${String(issue.input)}` }),
    /** Time of the first bar: ISO with zone or epoch ms (with a calendar: the first session from then). */
    start: z.union([z.string(), z.number()]).superRefine((v, ctx) => {
      const problem = timestampProblem(v);
      if (problem !== null) ctx.addIssue({ code: "custom", message: problem });
    }),
    /** Number of bars. */
    count: z
      .number()
      .int({ error: (issue) => `must be a whole number above 0, got ${String(issue.input)}` })
      .positive({ error: (issue) => `must be a whole number above 0, got ${String(issue.input)}` }),
    /** Bar width: "1m", "5m", "1h", "1d" or ms. */
    interval: z.union([z.string(), z.number()]).refine((v) => intervalMsOf(v) !== null, {
      message: 'must be a bar width such as "1m", "1h", "1d" or a positive integer of ms',
    }),
    /** First price; default 100. */
    s0: z
      .number()
      .positive({ error: (issue) => `must be above 0, got ${String(issue.input)}` })
      .default(100),
    /** Annualised drift; default 0.08. */
    mu: z.number().default(0.08),
    /** Annualised volatility; default 0.25. */
    sigma: z
      .number()
      .nonnegative({ error: (issue) => `must be 0 or more, got ${String(issue.input)}` })
      .default(0.25),
    /** Bars per year that mu and sigma are scaled by; default 252 trading days of 390 minutes. */
    periodsPerYear: z.number().positive().optional(),
    instrumentId: z.string().min(1).default("SIM"),
    /** Place bars in this calendar's sessions only (stamped at each interval's close). */
    calendar: z
      .custom<TradingCalendar>((v) => typeof v === "object" && v !== null && "sessionOn" in v, {
        message: "must be a TradingCalendar",
      })
      .optional(),
  })
  .superRefine((options, ctx) => {
    // A calendar knows its sessions from its first year on (XNYS: 1990); before it there is none to
    // place a bar in.
    const firstYear = options.calendar?.firstYear;
    if (firstYear === undefined || timestampProblem(options.start) !== null) return;
    const start = parseTimestamp(options.start);
    const calendar = options.calendar!;
    if (start < coverStart(calendar)) {
      ctx.addIssue({
        code: "custom",
        path: ["start"],
        message: `is before ${calendar.id}'s first year ${firstYear} (${firstYear}-01-01 in ${calendar.timezone}), got ${formatTimestamp(start)}`,
      });
    }
  });
export type GenerateBarsOptions = z.input<typeof GenerateBarsOptionsSchema>;

const r2 = (x: number) => Math.max(0.01, Math.round(x * 100) / 100);

/**
 * Bar close times: every interval from `start`, or within the calendar's sessions (each session's last bar
 * ends at its close, shorter when the width does not divide the session).
 */
function barTimes(
  start: number,
  count: number,
  interval: number,
  calendar: TradingCalendar | undefined,
): Float64Array {
  const ts = new Float64Array(count);
  if (calendar === undefined) {
    for (let i = 0; i < count; i++) ts[i] = start + i * interval;
    return ts;
  }
  let i = 0;
  let session = calendar.sessionFor(start) ?? calendar.nextSession(start);
  while (i < count) {
    if (interval >= DAY_MS) ts[i++] = session.close;
    else {
      let t = session.open + interval;
      for (; t <= session.close && i < count; t += interval) if (t > start) ts[i++] = t;
      // A width that does not divide the session (1h over 09:30-16:00, or any width on a 13:00 early
      // close) ends with a short bar at the close, as resampleBars makes one: without it the last half
      // hour (with 4h bars, two and a half hours) of every session had no bar.
      if (t - interval < session.close && session.close > start && i < count) ts[i++] = session.close;
    }
    session = calendar.nextSession(session.open);
  }
  return ts;
}

/**
 * Deterministic sample bars: geometric Brownian motion from a seeded xoshiro128** stream, prices on a
 * 0.01 grid. Per bar five normals drive the opening gap, the return, the high and low excursions and the
 * volume, so high >= max(open, close) and low <= min(open, close) always hold.
 */
export function generateBars(options: GenerateBarsOptions): BarSeries {
  const parsed = GenerateBarsOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message, code: "BAD_OPTION" })),
    );
  }
  const o = parsed.data;
  const interval = intervalMsOf(o.interval)!;
  const periodsPerYear =
    o.periodsPerYear ?? (interval >= DAY_MS ? (252 * DAY_MS) / interval : (252 * 390 * 60_000) / interval);
  const dt = 1 / periodsPerYear;
  const sd = o.sigma * Math.sqrt(dt);
  const drift = (o.mu - 0.5 * o.sigma * o.sigma) * dt;
  const rng = new Xoshiro128(o.seed);
  const n = o.count;
  const cols = {
    ts: barTimes(parseTimestamp(o.start), n, interval, o.calendar),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  let prevClose = r2(o.s0);
  for (let i = 0; i < n; i++) {
    const zGap = rng.nextNormal();
    const zRet = rng.nextNormal();
    const zHigh = rng.nextNormal();
    const zLow = rng.nextNormal();
    const zVolume = rng.nextNormal();
    const open = r2(prevClose * Math.exp(0.25 * sd * zGap));
    const close = r2(open * Math.exp(drift + sd * zRet));
    cols.open[i] = open;
    cols.close[i] = close;
    cols.high[i] = Math.max(r2(Math.max(open, close) * Math.exp(0.5 * sd * Math.abs(zHigh))), open, close);
    cols.low[i] = Math.min(r2(Math.min(open, close) * Math.exp(-0.5 * sd * Math.abs(zLow))), open, close);
    cols.volume[i] = Math.round(100_000 * Math.exp(0.5 * zVolume));
    prevClose = close;
  }
  return new BarSeries(o.instrumentId, cols);
}

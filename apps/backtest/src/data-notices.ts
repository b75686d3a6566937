import { formatTimestamp } from "@ordo/core";
import {
  type DataReport,
  findGaps,
  findOffSession,
  type MarketSeries,
  type TradingCalendar,
} from "@ordo/data";

/** One instrument's loaded data: its series and the loader's report (whose `source` names the file). */
export interface LoadedInstrumentData {
  readonly series: MarketSeries;
  readonly report: DataReport;
  /** The instrument's trading calendar, when its config names one: only then are sessions checked. */
  readonly calendar: TradingCalendar | undefined;
  /** The instrument's tick size, when known: prices off it are reported. */
  readonly tickSize?: number;
}

/** Gaps (and stretches outside the sessions) listed by name before the rest are only counted. */
const GAPS_SHOWN = 3;

/** The largest step between consecutive rows, or null with fewer than two rows. */
function largestStep(ts: Float64Array, length: number): number | null {
  if (length < 2) return null;
  let largest = 0;
  for (let i = 1; i < length; i++) largest = Math.max(largest, ts[i]! - ts[i - 1]!);
  return largest;
}

/** The price columns of a series, by name. */
function priceColumns(series: MarketSeries): [string, Float64Array][] {
  if (series.kind === "bar") {
    return [
      ["open", series.open],
      ["high", series.high],
      ["low", series.low],
      ["close", series.close],
    ];
  }
  if (series.kind === "quote") {
    return [
      ["bid", series.bid],
      ["ask", series.ask],
    ];
  }
  return [["price", series.price]];
}

/**
 * Rows with a price that is not a multiple of `tick` (within a millionth of a tick, so that binary
 * floating point's 185.23 / 0.01 = 18523.000000000004 counts as on it), and the first such price.
 */
function offTickRows(
  series: MarketSeries,
  tick: number,
): { count: number; first: { ts: number; field: string; value: number } | null } {
  const columns = priceColumns(series);
  let count = 0;
  let first: { ts: number; field: string; value: number } | null = null;
  for (let row = 0; row < series.length; row++) {
    for (const [field, values] of columns) {
      const value = values[row]!;
      if (!Number.isFinite(value)) continue;
      const units = value / tick;
      if (Math.abs(units - Math.round(units)) <= 1e-6) continue;
      count++;
      first ??= { ts: series.ts[row]!, field, value };
      break;
    }
  }
  return { count, first };
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * What a user should know about the data before trusting a run's figures, one line each, prefixed with
 * the data file (`<file>: warning: ...` or `<file>: note: ...`):
 *
 * - an instrument whose data starts after the run's start or ends before its end, by more than the largest
 *   step inside its own file (so weekends, holidays and the file's own breaks never count): the strategy
 *   sees no data of it for that stretch. The run's window is `start`/`end` when given, else the span of
 *   all the instruments' data. An instrument with no row in the window at all is named too.
 * - rows in the window outside the sessions of the instrument's trading calendar, when it names one (bars,
 *   quotes or trades on a holiday, a weekend or outside session hours: the wrong calendar, or extended
 *   hours), with the first stretches of them. A row at a session's open or close counts as inside.
 * - gaps in the window's bars, when the instrument names a trading calendar: sessions (daily bars) or bars
 *   of a session (intraday) that are missing. Without a calendar nights, weekends and holidays cannot be
 *   told from missing data, so gaps are not checked.
 * - prices off the instrument's tick size (an interpolated or adjusted file): orders fill at the file's
 *   prices, so fills can land off the tick.
 * - the loader's notes (a missing volume column, an adjustment, a repeated wall time) and its repairs
 *   (rows sorted, repeated times dropped, when the config asked for them).
 *
 * `start` is inclusive and `end` exclusive, as for the run.
 */
export function dataNotices(
  loads: readonly LoadedInstrumentData[],
  window: { readonly start?: number | undefined; readonly end?: number | undefined },
): string[] {
  const inWindow = loads.map((load) =>
    window.start === undefined && window.end === undefined
      ? load.series
      : load.series.between(window.start ?? Number.NEGATIVE_INFINITY, window.end ?? Number.POSITIVE_INFINITY),
  );
  let firstOfAll = Number.POSITIVE_INFINITY;
  let lastOfAll = Number.NEGATIVE_INFINITY;
  for (const s of inWindow) {
    if (s.length === 0) continue;
    firstOfAll = Math.min(firstOfAll, s.ts[0]!);
    lastOfAll = Math.max(lastOfAll, s.ts[s.length - 1]!);
  }
  const runStart = window.start ?? firstOfAll;
  const runEnd = window.end ?? lastOfAll;
  const lines: string[] = [];
  loads.forEach((load, i) => {
    const s = inWindow[i]!;
    const file = load.report.source;
    const id = load.series.instrumentId;
    const warn = (message: string) => lines.push(`${file}: warning: ${message}`);
    if (s.length === 0) {
      if (load.series.length > 0) {
        warn(
          `${id} has no data in the run's window (its rows run from ${formatTimestamp(load.series.ts[0]!)} to ${formatTimestamp(load.series.ts[load.series.length - 1]!)}): the strategy sees none of it`,
        );
      }
    } else {
      const step = largestStep(load.series.ts, load.series.length);
      const first = s.ts[0]!;
      const last = s.ts[s.length - 1]!;
      if (step !== null && Number.isFinite(runStart) && first - runStart > step) {
        warn(
          `${id}'s data starts at ${formatTimestamp(first)}, after the run's start at ${formatTimestamp(runStart)}: the strategy sees no data of it before then`,
        );
      }
      if (step !== null && Number.isFinite(runEnd) && runEnd - last > step) {
        warn(
          `${id}'s data ends at ${formatTimestamp(last)}, before the run's ${window.end === undefined ? "last event" : "end"} at ${formatTimestamp(runEnd)}: the strategy sees no data of it after then`,
        );
      }
      if (load.calendar !== undefined) {
        const off = findOffSession(s.ts, s.length, load.calendar, { maxItems: GAPS_SHOWN });
        if (off.count > 0) {
          const noun = s.kind; // "bar", "quote" or "trade"
          const shown = off.items.map((r) =>
            r.rows === 1
              ? `${formatTimestamp(r.from)} (1 ${noun})`
              : `${formatTimestamp(r.from)} → ${formatTimestamp(r.to)} (${plural(r.rows, noun)})`,
          );
          const more = off.stretches > GAPS_SHOWN ? `, and ${off.stretches - GAPS_SHOWN} more` : "";
          warn(
            `${plural(off.count, noun)} of ${id} ${off.count === 1 ? "falls" : "fall"} outside the ${load.calendar.id} sessions, in ${off.stretches.toLocaleString("en-US")} ${off.stretches === 1 ? "stretch" : "stretches"}: ${shown.join(", ")}${more}`,
          );
        }
      }
      if (load.tickSize !== undefined && load.tickSize > 0) {
        const off = offTickRows(s, load.tickSize);
        if (off.first !== null) {
          const noun = s.kind;
          warn(
            `${plural(off.count, noun)} of ${id} ${off.count === 1 ? "has a price" : "have prices"} off its tick size ${load.tickSize} (the first at ${formatTimestamp(off.first.ts)}: ${off.first.field} ${off.first.value}): orders can fill at those prices, which the venue itself would never quote`,
          );
        }
      }
      const interval = load.report.intervalMs;
      if (load.calendar !== undefined && s.kind === "bar" && interval !== null) {
        const gaps = findGaps(s.ts, s.length, interval, {
          calendar: load.calendar,
          maxItems: Number.POSITIVE_INFINITY,
        });
        if (gaps.count > 0) {
          const missing = gaps.items.reduce((n, g) => n + g.missing, 0);
          const shown = gaps.items
            .slice(0, GAPS_SHOWN)
            .map((g) => `${formatTimestamp(g.from)} → ${formatTimestamp(g.to)} (${g.missing} missing)`);
          const more = gaps.count > GAPS_SHOWN ? `, and ${gaps.count - GAPS_SHOWN} more` : "";
          warn(
            `${plural(gaps.count, "gap")} in the ${load.calendar.id} sessions, ${plural(missing, "bar")} missing in all: ${shown.join(", ")}${more}`,
          );
        }
      }
    }
    const note = (message: string) => lines.push(`${file}: note: ${message}`);
    for (const text of load.report.notes) note(text);
    if (load.report.unsorted > 0)
      note(`${plural(load.report.unsorted, "row")} out of time order, sorted as asked (repair.sort)`);
    if (load.report.duplicates.dropped > 0) {
      note(
        `${plural(load.report.duplicates.dropped, "row")} with a time already seen dropped as asked (repair.dropDuplicates)`,
      );
    }
  });
  return lines;
}

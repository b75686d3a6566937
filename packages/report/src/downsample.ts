/**
 * Display series for the charts, in the columnar shape the page embeds. Times are whole UTC seconds (what
 * the charting library plots); points that fall in the same second are merged, so every series is strictly
 * ascending as the library requires.
 */

/** Most points one chart series gets in the page; longer series are bucketed down to at most this many. */
export const DEFAULT_MAX_POINTS_PER_CHART = 5000;

export interface CandleColumns {
  /** UTC seconds of each candle's first bar. */
  readonly t: number[];
  readonly o: number[];
  readonly h: number[];
  readonly l: number[];
  readonly c: number[];
  /** Summed volume per candle, or null when the bars carry no volume. */
  readonly v: number[] | null;
  /** How many input bars the widest candle holds (1 when nothing was merged). */
  readonly barsPerCandle: number;
}

export interface BarLike {
  readonly ts: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume?: number | undefined;
}

/**
 * Bars as candles: each run of `ceil(n / maxPoints)` consecutive bars becomes one candle (open of the
 * first, highest high, lowest low, close of the last, summed volume), so the page holds at most
 * `maxPoints` candles and still shows every high and low.
 */
export function downsampleBars(
  bars: readonly BarLike[],
  maxPoints: number = DEFAULT_MAX_POINTS_PER_CHART,
): CandleColumns {
  const bucket = Math.max(1, Math.ceil(bars.length / Math.max(1, maxPoints)));
  const hasVolume = bars.length > 0 && bars.every((b) => b.volume !== undefined);
  const t: number[] = [];
  const o: number[] = [];
  const h: number[] = [];
  const l: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  let widest = 0;
  let count = 0;
  let group = -1;
  for (let i = 0; i < bars.length; i++) {
    const bar = bars[i]!;
    const second = Math.floor(bar.ts / 1000);
    const barGroup = Math.floor(i / bucket);
    const last = t.length - 1;
    if (last >= 0 && (barGroup === group || t[last] === second)) {
      if (bar.high > h[last]!) h[last] = bar.high;
      if (bar.low < l[last]!) l[last] = bar.low;
      c[last] = bar.close;
      if (hasVolume) v[last]! += bar.volume!;
      count++;
    } else {
      t.push(second);
      o.push(bar.open);
      h.push(bar.high);
      l.push(bar.low);
      c.push(bar.close);
      if (hasVolume) v.push(bar.volume!);
      count = 1;
    }
    group = barGroup;
    if (count > widest) widest = count;
  }
  return { t, o, h, l, c, v: hasVolume ? v : null, barsPerCandle: Math.max(widest, 1) };
}

export interface LineColumns {
  /** UTC seconds. */
  readonly t: number[];
  readonly y: number[];
}

/**
 * A line with at most `maxPoints` points: each bucket of consecutive points keeps its lowest and its
 * highest point (in time order), so peaks and troughs (the maximum drawdown) survive. Within one second
 * the later point wins.
 */
export function downsampleLine(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  maxPoints: number = DEFAULT_MAX_POINTS_PER_CHART,
): LineColumns {
  return downsampleKept(times, values, maxPoints, null).line;
}

/**
 * A line of ticks (one side of quotes, or trade prices) by the rule of `downsampleLine`, leaving out the
 * prices at exactly 0, how quote files write "no bid" or "no ask". Reads the columns as they are (a
 * loaded series' Float64Arrays), so millions of ticks cost no copy. `ticks` is how many were drawn from.
 */
export function downsampleTickLine(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  maxPoints: number = DEFAULT_MAX_POINTS_PER_CHART,
): { readonly line: LineColumns; readonly ticks: number } {
  return downsampleKept(times, values, maxPoints, 0);
}

/** downsampleLine over the points whose value is not `skip` (null: every point). */
function downsampleKept(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  maxPoints: number,
  skip: number | null,
): { line: LineColumns; ticks: number } {
  const n = times.length;
  let kept = n;
  if (skip !== null) {
    kept = 0;
    for (let i = 0; i < n; i++) if (values[i] !== skip) kept++;
  }
  const t: number[] = [];
  const y: number[] = [];
  const push = (i: number) => {
    const second = Math.floor(times[i]! / 1000);
    if (t.length > 0 && t[t.length - 1] === second) y[y.length - 1] = values[i]!;
    else {
      t.push(second);
      y.push(values[i]!);
    }
  };
  if (kept <= maxPoints) {
    for (let i = 0; i < n; i++) if (values[i] !== skip) push(i);
    return { line: { t, y }, ticks: kept };
  }
  const bucket = Math.ceil(kept / Math.max(1, Math.floor(maxPoints / 2)));
  const flush = (lowest: number, highest: number) => {
    if (lowest === highest) push(lowest);
    else if (lowest < highest) {
      push(lowest);
      push(highest);
    } else {
      push(highest);
      push(lowest);
    }
  };
  let inBucket = 0;
  let lowest = -1;
  let highest = -1;
  for (let i = 0; i < n; i++) {
    const value = values[i]!;
    if (value === skip) continue;
    if (inBucket === 0) {
      lowest = i;
      highest = i;
    } else {
      if (value < values[lowest]!) lowest = i;
      if (value > values[highest]!) highest = i;
    }
    if (++inBucket === bucket) {
      flush(lowest, highest);
      inBucket = 0;
    }
  }
  if (inBucket > 0) flush(lowest, highest);
  return { line: { t, y }, ticks: kept };
}

/**
 * The candle a time falls in: the index of the last candle starting at or before `second` (the first
 * candle for earlier times), so a trade marker lands on the candle that holds its fill.
 */
export function candleIndexAt(candleTimes: readonly number[], second: number): number {
  let lo = 0;
  let hi = candleTimes.length - 1;
  if (hi < 0) return -1;
  if (second <= candleTimes[0]!) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (candleTimes[mid]! <= second) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

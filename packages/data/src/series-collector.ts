import { BarSeries } from "./bar-series.js";
import type { ProblemLog } from "./data-problems.js";
import type { DuplicateTimestamp } from "./data-report.js";
import { GrowableColumn } from "./growable-column.js";
import { QuoteSeries } from "./quote-series.js";
import { describeInstant } from "./timestamp-parser.js";
import { TradeSeries } from "./trade-series.js";

/** Repairs a user may ask for; without them unsorted rows and (for bars) repeated times are errors. */
export interface RepairOptions {
  /** Sort rows by time (stable: rows with equal times keep their file order). */
  readonly sort?: boolean | undefined;
  /** Keep one row per time: the first or the last one in the file. */
  readonly dropDuplicates?: "first" | "last" | undefined;
}

export interface CollectorSettings {
  readonly problems: ProblemLog;
  /** Column name used in messages about times. */
  readonly tsColumn: string;
  readonly repair: RepairOptions;
  readonly capacity: number;
  readonly maxReported: number;
  /** How messages name a position: "line" (CSV) or "row" (Parquet). */
  readonly rowWord?: string;
  /** Keep bar and trade prices at or below zero instead of refusing them. */
  readonly allowNegativePrices?: boolean;
  /**
   * Explains a row at `ts` (on `line`) that looks out of order or repeated when the cause is not the
   * file's order (a wall time in the hour that repeats when clocks go back); undefined when it is.
   */
  readonly orderHint?: (ts: number, line: number) => string | undefined;
}

/** What the collector saw about order and duplicates, for the report. */
export interface OrderFindings {
  readonly unsorted: number;
  readonly duplicates: { count: number; dropped: number; items: DuplicateTimestamp[] };
}

/**
 * Receives rows that passed their field checks, enforces time order, handles duplicates and repairs, and
 * builds the columns. Rows arrive one at a time, so memory is the columns themselves (plus a line column
 * only when sorting is requested).
 */
abstract class SeriesCollector {
  protected readonly problems: ProblemLog;
  private readonly tsColumn: string;
  private readonly sort: boolean;
  private readonly drop: "first" | "last" | undefined;
  private readonly maxReported: number;
  private readonly rowWord: string;
  private readonly orderHint: ((ts: number, line: number) => string | undefined) | undefined;
  /** Ticks may share a millisecond; bars may not. */
  protected abstract readonly allowEqualTimes: boolean;
  protected readonly ts: GrowableColumn;
  protected readonly cols: GrowableColumn[];
  protected readonly row: Float64Array;
  private readonly lines: GrowableColumn | null;
  protected labels: string[] | null = null;
  private prevTs = Number.NEGATIVE_INFINITY;
  private prevLine = 0;
  private unsorted = 0;
  private readonly dup = { count: 0, dropped: 0, items: [] as DuplicateTimestamp[] };

  constructor(settings: CollectorSettings, valueCount: number) {
    this.problems = settings.problems;
    this.tsColumn = settings.tsColumn;
    this.sort = settings.repair.sort === true;
    this.drop = settings.repair.dropDuplicates;
    this.maxReported = settings.maxReported;
    this.rowWord = settings.rowWord ?? "line";
    this.orderHint = settings.orderHint;
    this.ts = new GrowableColumn(settings.capacity);
    this.cols = Array.from({ length: valueCount }, () => new GrowableColumn(settings.capacity));
    this.row = new Float64Array(valueCount);
    this.lines = this.sort ? new GrowableColumn(settings.capacity) : null;
  }

  get rowCount(): number {
    return this.ts.length;
  }

  private recordDuplicate(ts: number, line: number, firstLine: number): void {
    this.dup.count++;
    if (this.dup.items.length < this.maxReported) this.dup.items.push({ ts, line, firstLine });
  }

  private duplicateProblem(ts: number, line: number, firstLine: number): void {
    // Dropping a duplicate is the wrong repair when the two rows are different times written alike.
    const hint = this.orderHint?.(ts, line);
    this.problems.add(
      line,
      this.tsColumn,
      hint === undefined
        ? `${describeInstant(ts)} repeats ${this.rowWord} ${firstLine} (pass repair: { dropDuplicates: "first" } or "last" to keep one)`
        : `${describeInstant(ts)} repeats ${this.rowWord} ${firstLine}: ${hint}`,
      "DUPLICATE_TIMESTAMP",
    );
  }

  private pushRow(ts: number, label: string | undefined, line: number): void {
    this.ts.push(ts);
    for (let k = 0; k < this.cols.length; k++) this.cols[k]!.push(this.row[k]!);
    if (this.labels !== null) this.labels.push(label ?? "");
    this.lines?.push(line);
  }

  /**
   * Adds the row in `this.row` at time `ts` (from file line `line`), applying the order rules. Only rows
   * that reach here set the time the next row is compared with: a refused row (bad high, negative size)
   * may carry a wrong time itself, and using it would report every following row as out of order.
   */
  protected commit(line: number, ts: number, label?: string): void {
    if (this.sort) {
      if (ts < this.prevTs) this.unsorted++;
      this.pushRow(ts, label, line);
      this.prevTs = ts;
      return;
    }
    if (ts < this.prevTs) {
      this.unsorted++;
      // Sorting is the wrong repair when the rows are in order and only their times read alike.
      const hint = this.orderHint?.(ts, line);
      const earlier = `${describeInstant(ts)} is earlier than ${describeInstant(this.prevTs)} on ${this.rowWord} ${this.prevLine}`;
      this.problems.add(
        line,
        this.tsColumn,
        hint === undefined
          ? `${earlier}; rows must be in time order (pass repair: { sort: true } to sort them)`
          : `${earlier}: ${hint}`,
        "TIMESTAMP_NOT_INCREASING",
      );
      return;
    }
    if (ts === this.prevTs) {
      if (this.drop !== undefined || this.allowEqualTimes) this.recordDuplicate(ts, line, this.prevLine);
      if (this.drop === "first") {
        this.dup.dropped++;
        return;
      }
      if (this.drop === "last") {
        const last = this.ts.length - 1;
        for (let k = 0; k < this.cols.length; k++) this.cols[k]!.data[last] = this.row[k]!;
        if (this.labels !== null) this.labels[last] = label ?? "";
        this.dup.dropped++;
        this.prevLine = line;
        return;
      }
      if (!this.allowEqualTimes) {
        this.duplicateProblem(ts, line, this.prevLine);
        return;
      }
    }
    this.pushRow(ts, label, line);
    this.prevTs = ts;
    this.prevLine = line;
  }

  /** Final columns (ts first), sorted and de-duplicated as requested. */
  protected finishColumns(): { ts: Float64Array; values: Float64Array[]; labels: string[] | null } {
    if (!this.sort || this.lines === null) {
      return { ts: this.ts.finish(), values: this.cols.map((c) => c.finish()), labels: this.labels };
    }
    const n = this.ts.length;
    const ts = this.ts.data;
    const lines = this.lines.data;
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    if (this.unsorted > 0) order.sort((a, b) => ts[a]! - ts[b]! || a - b);
    const keep: number[] = [];
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      const prev = keep.length > 0 ? keep[keep.length - 1]! : -1;
      if (prev >= 0 && ts[i] === ts[prev]) {
        if (this.drop !== undefined || this.allowEqualTimes)
          this.recordDuplicate(ts[i]!, lines[i]!, lines[prev]!);
        if (this.drop === "first") {
          this.dup.dropped++;
          continue;
        }
        if (this.drop === "last") {
          keep[keep.length - 1] = i;
          this.dup.dropped++;
          continue;
        }
        if (!this.allowEqualTimes) {
          this.duplicateProblem(ts[i]!, lines[i]!, lines[prev]!);
          continue;
        }
      }
      keep.push(i);
    }
    const gather = (src: Float64Array) => {
      const out = new Float64Array(keep.length);
      for (let k = 0; k < keep.length; k++) out[k] = src[keep[k]!]!;
      return out;
    };
    const labels = this.labels;
    return {
      ts: gather(ts),
      values: this.cols.map((c) => gather(c.data)),
      labels: labels === null ? null : keep.map((i) => labels[i]!),
    };
  }

  findings(): OrderFindings {
    return { unsorted: this.unsorted, duplicates: this.dup };
  }
}

const fmt = (v: number) => String(v);

const NON_POSITIVE_HINT =
  "prices at or below zero are refused unless allowNegativePrices: true (for spreads and instruments that can trade there, e.g. oil futures in April 2020)";

/** Reports a price at or below zero (one problem per row); true when the price is acceptable. */
function checkPositivePrice(problems: ProblemLog, line: number, column: string, price: number): boolean {
  if (price > 0) return true;
  problems.add(line, column, `${fmt(price)} is not above zero; ${NON_POSITIVE_HINT}`, "NON_POSITIVE_PRICE");
  return false;
}

/** Column names used in messages, by field. */
export interface BarColumnNames {
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  readonly volume: string;
}

/** Bars: checks high >= max(open, close), low <= min(open, close), volume >= 0; optional Adj Close scaling. */
export class BarCollector extends SeriesCollector {
  protected readonly allowEqualTimes = false;
  private readonly names: BarColumnNames;
  private readonly adjustDecimals: number | null;
  private readonly allowNegativePrices: boolean;

  constructor(settings: CollectorSettings, names: BarColumnNames, adjustDecimals: number | null) {
    super(settings, 5);
    this.names = names;
    this.adjustDecimals = adjustDecimals;
    this.allowNegativePrices = settings.allowNegativePrices === true;
  }

  /** Values must be finite numbers already (the reader reports unparsable fields). */
  add(
    line: number,
    ts: number,
    open: number,
    high: number,
    low: number,
    close: number,
    volume: number,
    adj: number,
  ): void {
    let ok = true;
    const top = Math.max(open, close);
    const bottom = Math.min(open, close);
    const highBelow = high < top;
    const lowAbove = low > bottom;
    if (highBelow) {
      this.problems.add(
        line,
        this.names.high,
        `${fmt(high)} is below max(open, close) = ${fmt(top)}`,
        "HIGH_BELOW_OPEN_CLOSE",
      );
      ok = false;
    }
    if (lowAbove) {
      this.problems.add(
        line,
        this.names.low,
        `${fmt(low)} is above min(open, close) = ${fmt(bottom)}`,
        "LOW_ABOVE_OPEN_CLOSE",
      );
      ok = false;
    }
    // At most one sign problem per row: the first price column at or below zero (the low, when the bar
    // rules hold), unless a bar rule already named that column.
    if (!this.allowNegativePrices && !(open > 0 && high > 0 && low > 0 && close > 0)) {
      const n = this.names;
      if (open <= 0) checkPositivePrice(this.problems, line, n.open, open);
      else if (high <= 0 && !highBelow) checkPositivePrice(this.problems, line, n.high, high);
      else if (low <= 0 && !lowAbove) checkPositivePrice(this.problems, line, n.low, low);
      else if (close <= 0) checkPositivePrice(this.problems, line, n.close, close);
      ok = false;
    }
    if (volume < 0) {
      this.problems.add(line, this.names.volume, `${fmt(volume)} is negative`, "NEGATIVE_VOLUME");
      ok = false;
    }
    const row = this.row;
    if (this.adjustDecimals !== null) {
      // A close at or below zero (allowed by allowNegativePrices) gives a ratio that is not positive,
      // which would swap high and low or zero the bar.
      if (!(adj > 0) || !(close > 0)) {
        this.problems.add(
          line,
          "Adj Close",
          `${fmt(adj)} cannot scale a close of ${fmt(close)}`,
          "BAD_ADJ_CLOSE",
        );
        ok = false;
      }
      if (!ok) return;
      const scale = 10 ** this.adjustDecimals;
      const ratio = adj / close;
      // All four prices go through the same monotonic scale-and-round, so a bar that passed the checks
      // above still has high >= max(open, close) and low <= min(open, close) after adjusting.
      const round = (v: number) => Math.round(v * ratio * scale) / scale;
      row[0] = round(open);
      row[1] = round(high);
      row[2] = round(low);
      row[3] = round(close);
      // Volume moves the other way so that traded value (price x volume) is unchanged.
      row[4] = Math.round(volume / ratio);
    } else {
      if (!ok) return;
      row[0] = open;
      row[1] = high;
      row[2] = low;
      row[3] = close;
      row[4] = volume;
    }
    this.commit(line, ts);
  }

  finish(instrumentId: string): BarSeries {
    const { ts, values } = this.finishColumns();
    return new BarSeries(instrumentId, {
      ts,
      open: values[0]!,
      high: values[1]!,
      low: values[2]!,
      close: values[3]!,
      volume: values[4]!,
    });
  }
}

export interface QuoteColumnNames {
  readonly bid: string;
  readonly ask: string;
  readonly bidSize: string;
  readonly askSize: string;
}

/**
 * Quotes: bid and ask >= 0 (0 is how files write "no bid"; below zero unless allowNegativePrices), bid <= ask
 * unless crossed quotes are allowed; sizes >= 0. Equal times are normal for ticks.
 */
export class QuoteCollector extends SeriesCollector {
  protected readonly allowEqualTimes = true;
  private readonly allowNegativePrices: boolean;

  constructor(
    settings: CollectorSettings,
    private readonly names: QuoteColumnNames,
    private readonly allowCrossed: boolean,
  ) {
    super(settings, 4);
    this.allowNegativePrices = settings.allowNegativePrices === true;
  }

  add(line: number, ts: number, bid: number, ask: number, bidSize: number, askSize: number): void {
    let ok = true;
    if (!this.allowNegativePrices && (bid < 0 || ask < 0)) {
      const [column, value] = bid < 0 ? [this.names.bid, bid] : [this.names.ask, ask];
      this.problems.add(
        line,
        column,
        `${fmt(value)} is below zero; quotes below zero are refused unless allowNegativePrices: true (a bid or ask of 0 is kept)`,
        "NON_POSITIVE_PRICE",
      );
      return;
    }
    if (!this.allowCrossed && bid > ask) {
      this.problems.add(
        line,
        this.names.bid,
        `${fmt(bid)} is above the ask ${fmt(ask)} (a crossed quote; pass allowCrossedQuotes: true to keep such rows)`,
        "CROSSED_QUOTE",
      );
      ok = false;
    }
    if (bidSize < 0) {
      this.problems.add(line, this.names.bidSize, `${fmt(bidSize)} is negative`, "NEGATIVE_SIZE");
      ok = false;
    }
    if (askSize < 0) {
      this.problems.add(line, this.names.askSize, `${fmt(askSize)} is negative`, "NEGATIVE_SIZE");
      ok = false;
    }
    if (!ok) return;
    const row = this.row;
    row[0] = bid;
    row[1] = ask;
    row[2] = bidSize;
    row[3] = askSize;
    this.commit(line, ts);
  }

  finish(instrumentId: string, hasSizes: boolean): QuoteSeries {
    const { ts, values } = this.finishColumns();
    return new QuoteSeries(
      instrumentId,
      { ts, bid: values[0]!, ask: values[1]!, bidSize: values[2]!, askSize: values[3]! },
      hasSizes,
    );
  }
}

/** Trades: size >= 0; aggressor as a code (1 buyer, -1 seller, 0 unknown); trade ids kept when present. */
export class TradeCollector extends SeriesCollector {
  protected readonly allowEqualTimes = true;

  private readonly allowNegativePrices: boolean;

  constructor(
    settings: CollectorSettings,
    private readonly sizeColumn: string,
    withTradeIds: boolean,
    private readonly priceColumn = "price",
  ) {
    super(settings, 3);
    if (withTradeIds) this.labels = [];
    this.allowNegativePrices = settings.allowNegativePrices === true;
  }

  add(line: number, ts: number, price: number, size: number, aggressor: number, tradeId?: string): void {
    let ok = this.allowNegativePrices || checkPositivePrice(this.problems, line, this.priceColumn, price);
    if (size < 0) {
      this.problems.add(line, this.sizeColumn, `${fmt(size)} is negative`, "NEGATIVE_SIZE");
      ok = false;
    }
    if (!ok) return;
    const row = this.row;
    row[0] = price;
    row[1] = size;
    row[2] = aggressor;
    this.commit(line, ts, tradeId);
  }

  finish(instrumentId: string): TradeSeries {
    const { ts, values, labels } = this.finishColumns();
    return new TradeSeries(
      instrumentId,
      { ts, price: values[0]!, size: values[1]!, aggressor: Int8Array.from(values[2]!) },
      labels ?? undefined,
    );
  }
}

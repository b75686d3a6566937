import {
  type ColumnMapping,
  HEADER_ALIASES,
  headerlessColumns,
  headerlessMapping,
  mapHeader,
  otherKindHint,
  type SeriesKind,
  type SourceField,
} from "./column-mapping.js";
import type { ProblemLog } from "./data-problems.js";
import type { ResolvedLoadOptions } from "./load-options.js";
import { decimalPointByte, decimalSeparatorHint, parseDecimalBytes, textOf } from "./number-parse.js";
import { BarCollector, type CollectorSettings, QuoteCollector, TradeCollector } from "./series-collector.js";
import { TimestampParser } from "./timestamp-parser.js";
import { aggressorCode } from "./trade-series.js";

const QUOTE = 34;
const CR = 13;
const SPACE = 32;
const TIME_OF_DAY = /^\s*\d{1,2}:\d{2}(:\d{2}([.,]\d+)?)?\s*$/;

/** How the reader understood the file, for the report. */
export interface CsvLayout {
  format: string;
  readonly columns: Record<string, string>;
  readonly notes: string[];
}

/**
 * Why a file whose first line starts with these bytes cannot be CSV, or null. Read as text, a Parquet file
 * (a `.parquet` named `.csv`), a compressed download or UTF-16 text gave a header of mojibake and a
 * MISSING_COLUMN error listing it.
 */
function notCsvReason(buf: Uint8Array, s: number, e: number): string | null {
  const at = (i: number) => (s + i < e ? buf[s + i] : -1);
  if (at(0) === 0x50 && at(1) === 0x41 && at(2) === 0x52 && at(3) === 0x31)
    return 'is a Parquet file (it starts with "PAR1"), not CSV: load it with loadBarsParquet, loadQuotesParquet or loadTradesParquet (in an ordo backtest config, name it .parquet or set "dataFormat": "parquet")';
  if (at(0) === 0x1f && at(1) === 0x8b) return "is gzip-compressed, not CSV: decompress it first";
  if (at(0) === 0x50 && at(1) === 0x4b && at(2) === 0x03 && at(3) === 0x04)
    return "is a zip archive, not CSV: extract the CSV file from it first";
  if ((at(0) === 0xff && at(1) === 0xfe) || (at(0) === 0xfe && at(1) === 0xff))
    return "is UTF-16 text (it starts with a UTF-16 byte order mark): save it as UTF-8";
  for (let i = s; i < e; i++) {
    if (buf[i] === 0)
      return `is not text: its first line holds a NUL byte at byte ${i - s + 1} (a binary file, or UTF-16 text without a byte order mark: save it as UTF-8 CSV)`;
  }
  return null;
}

/**
 * A header starts with a letter of any script (`Date`, `日期`, `Дата`), optionally double-quoted, with spaces
 * allowed inside the quotes (`" Date "`).
 */
const STARTS_WITH_LETTER = /^"?\s*\p{L}/u;

/**
 * Reads CSV lines into a collector: finds the header and the column of each field (with backtrader's
 * unnamed Time column), splits fields in place, parses numbers and times from bytes and reports every bad
 * field as `line: column: reason`. One instance reads one file.
 */
export class CsvTableReader {
  private line = 0;
  private headerDecided = false;
  private header: string[] | null = null;
  private delimiter: number;
  /** Byte of the decimal separator (46 "." or 44 ","). */
  private readonly point: number;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private mapping: ColumnMapping | null = null;
  private expected = 0;
  private bad = false;
  private trailingDelimiterNoted = false;
  private readonly tsParser: TimestampParser;
  private bars: BarCollector | null = null;
  private quotes: QuoteCollector | null = null;
  private trades: TradeCollector | null = null;
  private sizeHint = 0;
  readonly layout: CsvLayout = { format: "generic", columns: {}, notes: [] };
  // Column indexes resolved once, read per row (-1 = absent).
  private iTs = -1;
  private iDate = -1;
  private iTime = -1;
  private i0 = -1;
  private i1 = -1;
  private i2 = -1;
  private i3 = -1;
  private i4 = -1;
  private i5 = -1;
  private i6 = -1;
  private names: Partial<Record<SourceField, string>> = {};

  constructor(
    private readonly kind: SeriesKind,
    private readonly options: ResolvedLoadOptions,
    private readonly problems: ProblemLog,
    /** Whether the user gave `timezone` (else zone-less times of day read as UTC get a note). */
    timezoneGiven = true,
  ) {
    this.delimiter = options.delimiter === undefined ? -1 : options.delimiter.charCodeAt(0);
    this.point = decimalPointByte(options.decimal);
    this.tsParser = new TimestampParser({
      timezone: options.timezone,
      dayFirst: options.dayFirst,
      epochUnit: options.epochUnit,
      calendar: options.calendar,
      noteUtcWallTimes: !timezoneGiven,
    });
  }

  /** The source's size in bytes, to size the columns up front. */
  setSizeHint(bytes: number): void {
    this.sizeHint = bytes;
  }

  get timeFormat(): string {
    return this.tsParser.describe();
  }

  get rows(): number {
    return this.bars?.rowCount ?? this.quotes?.rowCount ?? this.trades?.rowCount ?? 0;
  }

  get barCollector(): BarCollector | null {
    return this.bars;
  }
  get quoteCollector(): QuoteCollector | null {
    return this.quotes;
  }
  /** Whether quotes are read with both sizes (else they are NaN: unknown). */
  get quoteSizes(): boolean {
    return this.i2 >= 0 && this.i3 >= 0;
  }
  get tradeCollector(): TradeCollector | null {
    return this.trades;
  }

  /** Feeds one line (bytes [start, end) of `buf`, without "\n"). */
  readonly onLine = (buf: Uint8Array, start: number, end: number): void => {
    this.line++;
    let s = start;
    let e = end;
    if (e > s && buf[e - 1] === CR) e--;
    if (this.line === 1) {
      const notCsv = notCsvReason(buf, s, e);
      if (notCsv !== null) this.problems.fatal(0, "", notCsv, "NOT_CSV");
    }
    if (this.line === 1 && buf[s] === 0xef && buf[s + 1] === 0xbb && buf[s + 2] === 0xbf) s += 3;
    let k = s;
    while (k < e && buf[k] === SPACE) k++;
    if (k === e) return;
    if (!this.headerDecided) {
      this.headerDecided = true;
      if (this.delimiter < 0) this.delimiter = this.detectDelimiter(buf, s, e);
      if (this.options.header ?? STARTS_WITH_LETTER.test(textOf(buf, k, e))) {
        const n = this.split(buf, s, e);
        this.header = [];
        for (let f = 0; f < n; f++) this.header.push(this.fieldText(buf, f));
        // A header that ends with the delimiter (`Date,...,Volume,`) names no column after it.
        if (n > 1 && this.header[n - 1] === "") this.header.pop();
        return;
      }
    }
    const n = this.split(buf, s, e);
    if (this.mapping === null) this.setup(buf, n, e - s);
    if (n !== this.expected) {
      // Rows that end with the delimiter (`2024-01-02,1,2,0.5,1.5,`) carry an empty field the header does
      // not name: nothing is lost by leaving it out. Checked only here, off the path of well-formed rows.
      if (!(this.header !== null && n === this.expected + 1 && this.starts[n - 1] === this.ends[n - 1])) {
        this.problems.add(this.line, "", `has ${n} fields, expected ${this.expected}`, "FIELD_COUNT");
        return;
      }
      if (!this.trailingDelimiterNoted) {
        this.trailingDelimiterNoted = true;
        this.layout.notes.push("rows end with a delimiter: the empty field after it is ignored");
      }
    }
    this.bad = false;
    if (this.kind === "bar") this.readBar(buf);
    else if (this.kind === "quote") this.readQuote(buf);
    else this.readTrade(buf);
  };

  /** Throws when the file had no data rows; notes wall times read in a repeated hour. */
  finishReading(): void {
    if (this.mapping === null) {
      this.problems.fatal(
        0,
        "",
        this.header === null ? "has no rows" : "has a header but no data rows",
        "EMPTY_FILE",
      );
    }
    const note = this.tsParser.repeatedNote();
    if (note !== undefined) this.layout.notes.push(note);
    const utc = this.tsParser.utcNote();
    if (utc !== undefined) this.layout.notes.push(utc);
  }

  private detectDelimiter(buf: Uint8Array, s: number, e: number): number {
    // Ties go to the first: with decimal commas a header-less row such as `2024-01-02;101,5;102,25`
    // holds as many commas as semicolons, and ";" is the separator such files use.
    const candidates = this.point === 44 ? [59, 44, 9, 124] : [44, 59, 9, 124];
    const counts = [0, 0, 0, 0];
    for (let i = s; i < e; i++) {
      const c = buf[i]!;
      for (let j = 0; j < 4; j++) if (c === candidates[j]) counts[j]!++;
    }
    let best = 0;
    for (let j = 1; j < 4; j++) if (counts[j]! > counts[best]!) best = j;
    return candidates[best]!;
  }

  /** Splits [s, e) into fields (double-quoted fields may hold the delimiter); returns the count. */
  private split(buf: Uint8Array, s: number, e: number): number {
    const d = this.delimiter;
    let n = 0;
    let i = s;
    for (;;) {
      if (n === this.starts.length) {
        const grownStarts = new Int32Array(n * 2);
        grownStarts.set(this.starts);
        this.starts = grownStarts;
        const grownEnds = new Int32Array(n * 2);
        grownEnds.set(this.ends);
        this.ends = grownEnds;
      }
      // A quoted field after a space (`"Date", "Open"`, as some exporters write) is still quoted: without
      // this its quotes stayed in the name and the value ("\"1.5\"" is not a number).
      if (buf[i] === SPACE) {
        let k = i + 1;
        while (k < e && buf[k] === SPACE) k++;
        if (k < e && buf[k] === QUOTE) i = k;
      }
      if (buf[i] === QUOTE) {
        let j = i + 1;
        while (j < e) {
          if (buf[j] === QUOTE) {
            if (buf[j + 1] === QUOTE) j += 2;
            else break;
          } else j++;
        }
        this.starts[n] = i + 1;
        this.ends[n] = j;
        n++;
        let k = j + 1;
        while (k < e && buf[k] !== d) k++;
        if (k >= e) return n;
        i = k + 1;
        continue;
      }
      let j = i;
      while (j < e && buf[j] !== d) j++;
      this.starts[n] = i;
      this.ends[n] = j;
      n++;
      if (j >= e) return n;
      i = j + 1;
    }
  }

  private fieldText(buf: Uint8Array, f: number): string {
    return textOf(buf, this.starts[f]!, this.ends[f]!).replace(/""/g, '"').trim();
  }

  private setup(buf: Uint8Array, fieldCount: number, lineBytes: number): void {
    const explicit = this.options.columns ?? {};
    const header = this.header;
    let mapping: ColumnMapping;
    const notes = this.layout.notes;
    if (header !== null) {
      const mapped = mapHeader(this.kind, header, explicit);
      if ("missing" in mapped) {
        const field = mapped.missing;
        const explicitValue = explicit[field];
        const message =
          explicitValue !== undefined
            ? `columns.${field} names "${String(explicitValue)}", which is not a column (columns: ${header.join(", ")})`
            : `no column for ${field === "ts" ? "the time" : `"${field}"`} (columns: ${header.join(", ")}); name it one of ${HEADER_ALIASES[field].slice(0, 5).join(", ")} or pass columns: { ${field}: "<header name>" }${Object.keys(explicit).length === 0 ? otherKindHint(this.kind, header) : ""}`;
        this.problems.fatal(1, "header", message, "MISSING_COLUMN");
      }
      mapping = mapped;
      this.expected = header.length;
      // backtrader's files name 7 columns (Date,Open,...) but carry 8: the time of day follows the date.
      const tsIndex = mapping.index.ts;
      if (
        fieldCount === header.length + 1 &&
        !mapping.splitTime &&
        tsIndex !== undefined &&
        TIME_OF_DAY.test(textOf(buf, this.starts[tsIndex + 1]!, this.ends[tsIndex + 1]!))
      ) {
        const index: Partial<Record<SourceField, number>> = {};
        for (const [field, i] of Object.entries(mapping.index) as [SourceField, number][]) {
          index[field] = i > tsIndex ? i + 1 : i;
        }
        delete index.ts;
        index.date = tsIndex;
        index.time = tsIndex + 1;
        const names = { ...mapping.names, date: header[tsIndex] ?? "date", time: "time (unnamed column)" };
        delete names.ts;
        mapping = { index, names, splitTime: true };
        this.expected = header.length + 1;
        this.layout.notes.push(
          `the header names ${header.length} columns but rows have ${header.length + 1}: column ${tsIndex + 2} is read as the time of day (backtrader's Date,Time layout)`,
        );
        this.layout.format = "backtrader";
      } else if (mapping.index.adjClose !== undefined && this.kind === "bar") {
        this.layout.format = "yahoo";
      } else if (header.some((h) => h.toLowerCase().replace(/[^a-z]/g, "") === "openinterest")) {
        this.layout.format = "backtrader";
      }
    } else {
      if (Object.keys(explicit).length > 0) {
        const mapped = headerlessColumns(this.kind, fieldCount, explicit);
        if ("problem" in mapped) this.problems.fatal(1, "", mapped.problem, "MISSING_COLUMN");
        mapping = mapped;
      } else mapping = headerlessMapping(this.kind, fieldCount);
      this.expected = fieldCount;
      this.layout.format = "headerless";
      // The columns no field reads (1-based): the last ones, or with `columns` any of them.
      const read = new Set(Object.values(mapping.index));
      const unread: number[] = [];
      for (let i = 0; i < fieldCount; i++) if (!read.has(i)) unread.push(i + 1);
      const last = unread[unread.length - 1];
      if (unread.length === 1) notes.push(`no header: column ${unread[0]} ignored`);
      else if (unread.length > 1 && last! - unread[0]! === unread.length - 1)
        notes.push(`no header: columns ${unread[0]}..${last} ignored`);
      else if (unread.length > 1) notes.push(`no header: columns ${unread.join(", ")} ignored`);
    }
    this.mapping = mapping;
    this.names = mapping.names;
    const idx = mapping.index;
    this.iTs = idx.ts ?? -1;
    this.iDate = idx.date ?? -1;
    this.iTime = idx.time ?? -1;
    for (const [field, name] of Object.entries(mapping.names)) this.layout.columns[field] = name;
    if (mapping.splitTime) {
      delete this.layout.columns.date;
      delete this.layout.columns.time;
      this.layout.columns.ts = `${mapping.names.date}+${mapping.names.time}`;
    }
    const settings: CollectorSettings = {
      problems: this.problems,
      tsColumn: mapping.splitTime ? (mapping.names.date ?? "date") : (mapping.names.ts ?? "ts"),
      repair: this.options.repair,
      capacity: this.sizeHint > 0 ? Math.ceil((this.sizeHint / Math.max(8, lineBytes + 1)) * 1.1) + 16 : 1024,
      maxReported: this.options.maxReported,
      allowNegativePrices: this.options.allowNegativePrices,
      orderHint: (ts, line) => this.tsParser.repeatedHourHint(ts, line, "line"),
    };
    const o = this.options;
    if (this.kind === "bar") {
      this.i0 = idx.open!;
      this.i1 = idx.high!;
      this.i2 = idx.low!;
      this.i3 = idx.close!;
      this.i4 = idx.volume ?? -1;
      this.i5 = idx.adjClose ?? -1;
      if (this.i4 < 0) notes.push("no volume column: volume is 0");
      if (o.adjust && this.i5 < 0) {
        this.problems.fatal(1, "header", 'adjust: true needs an "Adj Close" column', "MISSING_COLUMN");
      }
      if (o.adjust) notes.push("prices scaled by Adj Close / Close, volume by its inverse (adjust: true)");
      this.bars = new BarCollector(
        settings,
        {
          open: this.names.open ?? "open",
          high: this.names.high ?? "high",
          low: this.names.low ?? "low",
          close: this.names.close ?? "close",
          volume: this.names.volume ?? "volume",
        },
        o.adjust ? o.adjustDecimals : null,
      );
    } else if (this.kind === "quote") {
      this.i0 = idx.bid!;
      this.i1 = idx.ask!;
      this.i2 = idx.bidSize ?? -1;
      this.i3 = idx.askSize ?? -1;
      if (this.i2 < 0 || this.i3 < 0) {
        if (this.i2 < 0 && this.i3 < 0) notes.push("no bid/ask size columns: sizes are NaN (unknown)");
        else {
          const [has, lacks] = this.i2 >= 0 ? ["bidSize", "askSize"] : ["askSize", "bidSize"];
          notes.push(
            `${this.names[has as "bidSize"]} is ignored: quote sizes need both bidSize and askSize, and there is no ${lacks} column; sizes are NaN (unknown)`,
          );
        }
        this.i2 = -1;
        this.i3 = -1;
      }
      this.quotes = new QuoteCollector(
        settings,
        {
          bid: this.names.bid ?? "bid",
          ask: this.names.ask ?? "ask",
          bidSize: this.names.bidSize ?? "bidSize",
          askSize: this.names.askSize ?? "askSize",
        },
        o.allowCrossedQuotes,
      );
    } else {
      this.i0 = idx.price!;
      this.i1 = idx.size ?? -1;
      this.i2 = idx.aggressor ?? -1;
      this.i6 = idx.tradeId ?? -1;
      if (this.i1 < 0) notes.push("no size column: sizes are NaN (unknown)");
      this.trades = new TradeCollector(
        settings,
        this.names.size ?? "size",
        this.i6 >= 0,
        this.names.price ?? "price",
      );
    }
  }

  private readTs(buf: Uint8Array): number {
    const ts =
      this.iTs >= 0
        ? this.tsParser.parse(buf, this.starts[this.iTs]!, this.ends[this.iTs]!)
        : this.tsParser.parseSplit(
            buf,
            this.starts[this.iDate]!,
            this.ends[this.iDate]!,
            this.starts[this.iTime]!,
            this.ends[this.iTime]!,
          );
    if (Number.isNaN(ts)) {
      const column = this.iTs >= 0 ? (this.names.ts ?? "ts") : `${this.names.date}+${this.names.time}`;
      this.problems.add(this.line, column, this.tsParser.problem, "BAD_TIMESTAMP");
      this.bad = true;
    }
    return ts;
  }

  private num(buf: Uint8Array, f: number, field: SourceField): number {
    const s = this.starts[f]!;
    const e = this.ends[f]!;
    const v = parseDecimalBytes(buf, s, e, this.point);
    if (Number.isFinite(v)) return v;
    const text = textOf(buf, s, e).trim();
    const name = this.names[field] ?? field;
    if (text === "") this.problems.add(this.line, name, "is empty", "MISSING_VALUE");
    else
      this.problems.add(
        this.line,
        name,
        `"${text}" is not a number${decimalSeparatorHint(text, this.options.decimal)}`,
        "NOT_A_NUMBER",
      );
    this.bad = true;
    return v;
  }

  private readBar(buf: Uint8Array): void {
    const problemsBefore = this.problems.count;
    const listedBefore = this.problems.items.length;
    const ts = this.readTs(buf);
    const open = this.num(buf, this.i0, "open");
    const high = this.num(buf, this.i1, "high");
    const low = this.num(buf, this.i2, "low");
    const close = this.num(buf, this.i3, "close");
    const volume = this.i4 >= 0 ? this.num(buf, this.i4, "volume") : 0;
    const adj = this.i5 >= 0 && this.options.adjust ? this.num(buf, this.i5, "adjClose") : Number.NaN;
    if (this.bad) {
      if (!Number.isNaN(ts) && Number.isNaN(open))
        this.reportRowWithoutPrices(buf, problemsBefore, listedBefore);
      return;
    }
    this.bars!.add(this.line, ts, open, high, low, close, volume, adj);
  }

  /**
   * A dated row whose every value is one same word that is not a number (`2010-03-10,null,null,...`, how
   * Yahoo's download writes a day without prices, or all empty): reported once, saying what it is and what
   * to do, instead of once per column. Five problems a row used to fill the list of 20 with four rows.
   */
  private reportRowWithoutPrices(buf: Uint8Array, problemsBefore: number, listedBefore: number): void {
    const fields = [this.i0, this.i1, this.i2, this.i3, this.i4, this.i5].filter((f) => f >= 0);
    const texts = new Set(fields.map((f) => textOf(buf, this.starts[f]!, this.ends[f]!).trim()));
    if (texts.size !== 1) return;
    const [text = ""] = texts;
    if (Number.isFinite(Number(text)) && text !== "") return;
    this.problems.rewind(problemsBefore, listedBefore);
    const what =
      text === ""
        ? "is empty: a date without prices"
        : `is "${text}": a date without prices${text === "null" ? ", as Yahoo's download writes a day without trading" : ""}`;
    this.problems.add(
      this.line,
      "",
      `every value of the row ${what}; delete such lines from the file (no load option drops them)`,
      "MISSING_VALUE",
    );
  }

  private readQuote(buf: Uint8Array): void {
    const ts = this.readTs(buf);
    const bid = this.num(buf, this.i0, "bid");
    const ask = this.num(buf, this.i1, "ask");
    const bidSize = this.i2 >= 0 ? this.num(buf, this.i2, "bidSize") : Number.NaN;
    const askSize = this.i3 >= 0 ? this.num(buf, this.i3, "askSize") : Number.NaN;
    if (this.bad) return;
    this.quotes!.add(this.line, ts, bid, ask, bidSize, askSize);
  }

  private readTrade(buf: Uint8Array): void {
    const ts = this.readTs(buf);
    const price = this.num(buf, this.i0, "price");
    const size = this.i1 >= 0 ? this.num(buf, this.i1, "size") : Number.NaN;
    let aggressor = 0;
    if (this.i2 >= 0) {
      const text = this.fieldText(buf, this.i2);
      const code = aggressorCode(text);
      if (code === undefined) {
        this.problems.add(
          this.line,
          this.names.aggressor ?? "aggressor",
          `"${text}" is not buy or sell`,
          "BAD_AGGRESSOR",
        );
        this.bad = true;
      } else aggressor = code;
    }
    if (this.bad) return;
    this.trades!.add(
      this.line,
      ts,
      price,
      size,
      aggressor,
      this.i6 >= 0 ? this.fieldText(buf, this.i6) : undefined,
    );
  }
}

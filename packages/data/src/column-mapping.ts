/** Which series a file holds. */
export type SeriesKind = "bar" | "quote" | "trade";

/** Every field a loader can map from a source column. */
export type SourceField =
  | "ts"
  | "date"
  | "time"
  | "open"
  | "high"
  | "low"
  | "close"
  | "volume"
  | "adjClose"
  | "bid"
  | "ask"
  | "bidSize"
  | "askSize"
  | "price"
  | "size"
  | "aggressor"
  | "tradeId";

/**
 * Header names are compared lower-cased with everything but letters and digits (any script) removed, so
 * `开盘` stays `开盘` instead of collapsing to "" and matching another empty name.
 */
export function normalizeHeader(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

/** Accepted header names per field, most specific first (already normalized). */
export const HEADER_ALIASES: Readonly<Record<SourceField, readonly string[]>> = {
  ts: [
    "datetime",
    "timestamp",
    "ts",
    "dt",
    "datetimeutc",
    "timestamputc",
    "timeutc",
    "utctime",
    "gmttime",
    "localtime",
    "opentime",
    "time",
  ],
  date: ["date", "day", "tradedate", "tradingday"],
  time: ["time", "timeofday"],
  open: ["open", "o", "openprice", "openpx"],
  high: ["high", "h", "highprice", "highpx", "hi"],
  low: ["low", "l", "lowprice", "lowpx", "lo"],
  close: ["close", "c", "closeprice", "closepx"],
  volume: ["volume", "vol", "v"],
  adjClose: ["adjclose", "adjustedclose", "adjclosing"],
  bid: ["bid", "bidprice", "bidpx", "bestbid"],
  ask: ["ask", "askprice", "askpx", "bestask", "offer", "offerprice"],
  bidSize: ["bidsize", "bidqty", "bidquantity", "bidvolume", "bidvol", "bidsz"],
  askSize: ["asksize", "askqty", "askquantity", "askvolume", "askvol", "asksz", "offersize"],
  price: ["price", "last", "lastprice", "px", "tradeprice", "close"],
  size: ["size", "qty", "quantity", "amount", "tradesize", "lastsize", "volume", "vol"],
  aggressor: ["aggressor", "aggressorside", "side", "takerside"],
  tradeId: ["tradeid", "id", "matchid", "tid"],
};

/** Fields each kind needs (besides the time) and may use. */
export const REQUIRED_FIELDS: Readonly<Record<SeriesKind, readonly SourceField[]>> = {
  bar: ["open", "high", "low", "close"],
  quote: ["bid", "ask"],
  trade: ["price"],
};
export const OPTIONAL_FIELDS: Readonly<Record<SeriesKind, readonly SourceField[]>> = {
  bar: ["volume", "adjClose"],
  quote: ["bidSize", "askSize"],
  trade: ["size", "aggressor", "tradeId"],
};

/** Column order assumed for files without a header. */
export const HEADERLESS_ORDER: Readonly<Record<SeriesKind, readonly SourceField[]>> = {
  bar: ["ts", "open", "high", "low", "close", "volume"],
  quote: ["ts", "bid", "ask", "bidSize", "askSize"],
  trade: ["ts", "price", "size"],
};

/** Where each field comes from: a column index and its display name. */
export interface ColumnMapping {
  readonly index: Partial<Record<SourceField, number>>;
  readonly names: Partial<Record<SourceField, string>>;
  /** Fields read as a date column plus a time column. */
  readonly splitTime: boolean;
}

function findAlias(normalized: readonly string[], field: SourceField, taken: Set<number>): number {
  for (const alias of HEADER_ALIASES[field]) {
    const i = normalized.indexOf(alias);
    if (i >= 0 && !taken.has(i)) return i;
  }
  return -1;
}

/**
 * Maps header names to fields. `explicit` (field -> header name or 0-based index) wins over aliases.
 * Returns the mapping or the name of the first required field it could not find.
 */
export function mapHeader(
  kind: SeriesKind,
  header: readonly string[],
  explicit: Readonly<Partial<Record<SourceField, string | number>>>,
): ColumnMapping | { missing: SourceField } {
  const normalized = header.map(normalizeHeader);
  const index: Partial<Record<SourceField, number>> = {};
  const taken = new Set<number>();
  const resolve = (_field: SourceField, value: string | number): number => {
    if (typeof value === "number") return value < header.length ? value : -1;
    if (value.trim() === "") return -1;
    const exact = header.indexOf(value);
    if (exact >= 0) return exact;
    const key = normalizeHeader(value);
    // A name of only punctuation or spaces normalizes to "", which must not pick an arbitrary column.
    return key === "" ? -1 : normalized.indexOf(key);
  };
  for (const [field, value] of Object.entries(explicit) as [SourceField, string | number][]) {
    const i = resolve(field, value);
    if (i < 0) return { missing: field };
    index[field] = i;
    taken.add(i);
  }
  const fields = [...REQUIRED_FIELDS[kind], ...OPTIONAL_FIELDS[kind]];
  for (const field of fields) {
    if (index[field] !== undefined) continue;
    const i = findAlias(normalized, field, taken);
    if (i >= 0) {
      index[field] = i;
      taken.add(i);
    }
  }
  let splitTime = false;
  if (index.ts === undefined) {
    if (index.date !== undefined && index.time !== undefined) splitTime = true;
    else {
      const date = index.date ?? findAlias(normalized, "date", taken);
      const time = index.time ?? findAlias(normalized, "time", taken);
      const tsAlias = findAlias(normalized, "ts", taken);
      if (tsAlias >= 0 && normalized[tsAlias] !== "time") index.ts = tsAlias;
      else if (date >= 0 && time >= 0) {
        index.date = date;
        index.time = time;
        splitTime = true;
      } else if (date >= 0) index.ts = date;
      else if (time >= 0) index.ts = time;
    }
  }
  if (index.ts === undefined && !splitTime) return { missing: "ts" };
  for (const field of REQUIRED_FIELDS[kind]) if (index[field] === undefined) return { missing: field };
  const names: Partial<Record<SourceField, string>> = {};
  for (const [field, i] of Object.entries(index) as [SourceField, number][])
    names[field] = header[i] ?? field;
  return { index, names, splitTime };
}

/** The mapping for a header-less file with `fieldCount` columns. */
export function headerlessMapping(kind: SeriesKind, fieldCount: number): ColumnMapping {
  const order = HEADERLESS_ORDER[kind];
  const index: Partial<Record<SourceField, number>> = {};
  const names: Partial<Record<SourceField, string>> = {};
  // Quotes need both sizes or neither.
  const usable = kind === "quote" && fieldCount < 5 ? 3 : Math.min(order.length, fieldCount);
  for (let i = 0; i < usable; i++) {
    const field = order[i]!;
    index[field] = i;
    names[field] = `${field} (column ${i + 1})`;
  }
  return { index, names, splitTime: false };
}

/**
 * The mapping for a header-less file with `fieldCount` columns when the user gave `columns`: the fields it
 * names go where it says, and every other field keeps its place in the header-less order (time, bid, ask,
 * bidSize, askSize for quotes) unless a named field took that column. So `{ bidSize: 3 }` on
 * `20200101 170000065,1.1212,1.12172,0` reads time, bid and ask from columns 0..2 and the bid size from 3.
 * Returns a problem instead when a named index is past the row's fields, or when a required field ends
 * up without a column (its place taken, or beyond the row).
 */
export function headerlessColumns(
  kind: SeriesKind,
  fieldCount: number,
  explicit: Readonly<Partial<Record<SourceField, string | number>>>,
): ColumnMapping | { problem: string } {
  const synthetic = Array.from({ length: fieldCount }, (_, i) => `column ${i + 1}`);
  const merged: Partial<Record<SourceField, string | number>> = { ...explicit };
  const taken = new Set<number>();
  for (const [field, value] of Object.entries(explicit) as [SourceField, string | number][]) {
    const i = typeof value === "number" ? value : synthetic.indexOf(value);
    if (typeof value === "number" && i >= fieldCount) {
      return {
        problem: `columns.${field} is index ${value}, but the rows have ${fieldCount} fields (indexes 0..${fieldCount - 1})`,
      };
    }
    if (i >= 0) taken.add(i);
  }
  const splitTime = explicit.date !== undefined || explicit.time !== undefined;
  const order = HEADERLESS_ORDER[kind];
  const defaults = headerlessMapping(kind, fieldCount).index;
  for (const field of order) {
    const i = defaults[field];
    if (i === undefined || field in explicit || taken.has(i) || (field === "ts" && splitTime)) continue;
    merged[field] = i;
    taken.add(i);
  }
  const mapped = mapHeader(kind, synthetic, merged);
  if ("missing" in mapped) {
    const required: SourceField[] = splitTime ? ["date", "time"] : ["ts"];
    const missing = [...required, ...REQUIRED_FIELDS[kind]].filter((f) => merged[f] === undefined);
    if (missing.length === 0) missing.push(mapped.missing);
    const rank = (f: SourceField) => (order.includes(f) ? order.indexOf(f) : order.length);
    const given = (Object.entries(merged) as [SourceField, string | number][])
      .filter(([f]) => !missing.includes(f))
      .sort(([a], [b]) => rank(a) - rank(b))
      .map(([f, v]) => `${f}: ${typeof v === "number" ? v : JSON.stringify(v)}`);
    const wanted = [...given, ...missing.map((f) => `${f}: <0-based index>`)].join(", ");
    return {
      problem: `the file has no header, and columns leaves ${missing.join(", ")} without a column (a field columns does not name keeps its place in the order ${order.join(", ")}, unless a named field took it); pass columns: { ${wanted} }`,
    };
  }
  const names: Partial<Record<SourceField, string>> = {};
  for (const [field, i] of Object.entries(mapped.index) as [SourceField, number][])
    names[field] = `${field} (column ${i + 1})`;
  return { index: mapped.index, names, splitTime: mapped.splitTime };
}

const KIND_WORDS: Readonly<Record<SeriesKind, { readonly plural: string; readonly config: string }>> = {
  bar: { plural: "bars", config: "bars" },
  quote: { plural: "quotes", config: "quotes" },
  trade: { plural: "trades", config: "trades" },
};

/**
 * When a header lacks a field of `kind` but maps as another kind (a bar file loaded as quotes, quote ticks
 * loaded as trades), says so and what to load it as; "" otherwise. Bars are tried before trades, since a
 * bar file's close also reads as a trade's price.
 */
export function otherKindHint(kind: SeriesKind, header: readonly string[]): string {
  for (const other of ["bar", "quote", "trade"] as const) {
    if (other === kind || "missing" in mapHeader(other, header, {})) continue;
    const fields = [...REQUIRED_FIELDS[other]].join(", ");
    const { plural, config } = KIND_WORDS[other];
    return `. These columns hold ${plural} (${fields}), not ${KIND_WORDS[kind].plural}: load the file as ${plural} (in an ordo backtest config, "kind": "${config}")`;
  }
  return "";
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16];
const UTF8 = new TextDecoder("utf-8", { fatal: true });
const LATIN1 = new TextDecoder("latin1");
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The bytes [start, end) as text: UTF-8, so that names such as `开盘` or `Clôture` read as written; bytes
 * that are not valid UTF-8 (an old Latin-1 export) fall back to Latin-1, which maps every byte and never
 * throws.
 */
export function textOf(buf: Uint8Array, start: number, end: number): string {
  const bytes = buf.subarray(start, end);
  try {
    return UTF8.decode(bytes);
  } catch {
    return LATIN1.decode(bytes);
  }
}

/** The decimal separators a file may write numbers with: a point (`101.5`) or a comma (`101,5`). */
export type DecimalSeparator = "." | ",";

/** The byte of a decimal separator, as `parseDecimalBytes` takes it. */
export function decimalPointByte(separator: DecimalSeparator): number {
  return separator === "," ? 44 : 46;
}

/**
 * A number from text written with `separator` as its decimal point, or NaN when the text is not one. With
 * a comma, a point anywhere is refused rather than read: `1.101,5` groups thousands, and `1.101` in such a
 * file means one thousand one hundred and one, not a little over one.
 */
export function parseDecimalText(text: string, separator: DecimalSeparator = "."): number {
  const t = text.trim();
  if (separator === ",") {
    if (t.includes(".")) return Number.NaN;
    const dotted = t.replace(",", ".");
    return NUMBER_TEXT.test(dotted) ? Number(dotted) : Number.NaN;
  }
  return NUMBER_TEXT.test(t) ? Number(t) : Number.NaN;
}

/**
 * What to add to `"<text>" is not a number` when the text is a number written with the other decimal
 * separator, so the message says which option reads it; "" otherwise.
 */
export function decimalSeparatorHint(text: string, separator: DecimalSeparator): string {
  if (separator === "." && /^[+-]?\d*,\d+$/.test(text))
    return '; if the file writes decimal commas (101,5), pass decimal: ","';
  if (separator === "," && /^[+-]?\d*\.\d+$/.test(text))
    return `; with decimal: "," a point is not a decimal point${/\.\d{3}$/.test(text) ? ` (in such files "${text}" is ${text.replace(".", "")})` : ""}; if this file writes decimal points, leave decimal out`;
  if (separator === "," && /^[+-]?[\d.]+,?\d*$/.test(text))
    return '; with decimal: "," points are not read (thousands separators are not supported)';
  return "";
}

/**
 * A decimal number straight from CSV bytes, or NaN when the text is not one. `point` is the byte of the
 * decimal separator (46 ".", the default, or 44 ","). With at most 15 significant digits the mantissa is
 * an exact integer and one division by an exact power of ten rounds correctly, so the result equals
 * `Number(text)` bit for bit (Clinger's fast path); longer or exponent forms fall back to `Number`.
 */
export function parseDecimalBytes(buf: Uint8Array, start: number, end: number, point = 46): number {
  let s = start;
  let e = end;
  while (s < e && buf[s] === 32) s++;
  while (e > s && buf[e - 1] === 32) e--;
  if (s === e) return Number.NaN;
  let i = s;
  let negative = false;
  const first = buf[i];
  if (first === 45) {
    negative = true;
    i++;
  } else if (first === 43) i++;
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  let dot = false;
  for (; i < e; i++) {
    const c = buf[i]!;
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (dot) fraction++;
    } else if (c === point && !dot) dot = true;
    else break;
  }
  if (i === e && digits > 0 && digits <= 15) {
    const v = fraction === 0 ? mantissa : mantissa / POW10[fraction]!;
    return negative ? -v : v;
  }
  return parseDecimalText(textOf(buf, s, e), point === 44 ? "," : ".");
}

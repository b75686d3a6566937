import { Decimal } from "@ordo/core";

/**
 * Writes values as JSON straight into a byte buffer: the same bytes `JSON.stringify` gives, encoded as
 * UTF-8, without building a string per value. The event log writes ~5 events per order this way; with
 * `JSON.stringify` each event was a ~300-byte string, then a concatenation, then a UTF-8 copy for the hash.
 *
 * Same rules as `JSON.stringify`: `toJSON()` is honoured (Decimal writes its text), `undefined`, functions
 * and symbols are left out of objects and become `null` in arrays, non-finite numbers are `null`, and a
 * string that is not plain printable ASCII goes through `JSON.stringify` itself, so escaping is identical.
 * An event (a plain object with a string `type`) has its keys' bytes written from a plan kept per type,
 * checked key by key against the event. Tests compare the two on every event of a backtest, on awkward
 * values and on events whose keys change from one to the next.
 */
export class JsonBytes {
  #buf: Buffer;
  /** A view of `#buf` for writing a key's bytes four at a time (see `putKey`). */
  #view: DataView;
  /** Digits of the Decimal being written. */
  readonly #digits = new Uint8Array(64);
  #pos = 0;
  /** Plans of top-level objects by their `type` (events: one shape per type). */
  readonly #plans = new Map<string, ObjectPlan>();
  #lastNumber = -1;
  readonly #lastDigits = new Uint8Array(16);
  #lastCount = 0;

  constructor(capacity = 1 << 17) {
    this.#buf = Buffer.allocUnsafe(capacity);
    this.#view = viewOf(this.#buf);
  }

  /** Bytes written since the last `reset`. */
  get length(): number {
    return this.#pos;
  }

  /** A view of the bytes written (valid until the next write or reset). */
  bytes(): Buffer {
    return this.#buf.subarray(0, this.#pos);
  }

  /** The text of the bytes from `start` to the end. */
  text(start: number): string {
    return this.#buf.toString("utf8", start, this.#pos);
  }

  reset(): void {
    this.#pos = 0;
  }

  /** Writes `value` as `JSON.stringify(value)` would, then a newline. */
  writeLine(value: unknown): void {
    const v = withToJson(value, "");
    const type = isPlainObject(v) ? (v as { type?: unknown }).type : undefined;
    if (typeof type === "string") {
      // An event: its type's plan, made from the first one seen (and again if a later one differs).
      const o = v as Record<string, unknown>;
      let plan = this.#plans.get(type);
      if (plan === undefined) {
        plan = new ObjectPlan(Object.keys(o));
        this.#plans.set(type, plan);
      }
      if (this.#planned(o, plan)) {
        // The plan's room covers the newline (ObjectPlan.reserve).
        this.#buf[this.#pos++] = 10; // \n
        return;
      }
      this.#plans.set(type, new ObjectPlan(Object.keys(o)));
      this.#object(o);
    } else {
      this.#value(v, false);
    }
    this.#ensure(1);
    this.#buf[this.#pos++] = 10; // \n
  }

  /**
   * Writes a plain object with its keys' bytes taken from a plan (made once: most of an event's bytes are
   * its keys). Each key the object has is checked against the plan's key at its place; at the first that
   * differs it returns false, having written nothing, and the caller writes the object the general way.
   * (Fewer keys than the plan is fine: only the object's keys are written.) A for-in over a plain object
   * visits its own enumerable keys in JSON.stringify's order; Object.prototype has none, and if it had,
   * they would not match the plan. Nested plain objects use plans of their own, one per key.
   */
  #planned(o: Record<string, unknown>, plan: ObjectPlan): boolean {
    const start = this.#pos;
    const keys = plan.keys;
    const n = keys.length;
    const keyFirst = plan.keyFirst;
    const keyNext = plan.keyNext;
    // Room for the braces, every key with its comma and any number, null or boolean (see ObjectPlan):
    // strings, Decimals and nested objects make room for themselves and this again after them.
    const reserve = plan.reserve;
    this.#ensure(reserve);
    let buf = this.#buf;
    let view = this.#view;
    let at = this.#pos;
    buf[at++] = 123; // {
    let first = true;
    let i = 0;
    // The values are told apart with `typeof x === "..."` tests, which the JIT compiles to type checks
    // (a `typeof` kept in a variable is a call that makes a string).
    for (const key in o) {
      if (i === n || key !== keys[i]) {
        this.#pos = start;
        return false;
      }
      const raw = o[key];
      if (
        typeof raw === "string" ||
        typeof raw === "number" ||
        typeof raw === "boolean" ||
        raw === null ||
        isPlainDecimal(raw)
      ) {
        at = putKey(view, at, first ? keyFirst[i]! : keyNext[i]!);
        first = false;
        if (typeof raw === "string") {
          this.#pos = at;
          this.#string(raw, reserve);
          buf = this.#buf;
          view = this.#view;
          at = this.#pos;
        } else if (typeof raw === "number") {
          if (raw === this.#lastNumber) {
            const digits = this.#lastDigits;
            for (let k = 0, count = this.#lastCount; k < count; k++) buf[at++] = digits[k]!;
          } else {
            this.#pos = at;
            this.#number(raw, reserve);
            buf = this.#buf;
            view = this.#view;
            at = this.#pos;
          }
        } else if (raw === null) {
          at = putNull(buf, at);
        } else if (typeof raw === "boolean") {
          at = putBoolean(buf, at, raw);
        } else {
          this.#pos = at;
          this.#decimal(raw as DecimalFields, reserve);
          buf = this.#buf;
          view = this.#view;
          at = this.#pos;
        }
      } else {
        const v = withToJson(raw, key);
        if (v === undefined || typeof v === "function" || typeof v === "symbol") {
          i++;
          continue; // left out, as JSON.stringify leaves it out
        }
        at = putKey(view, at, first ? keyFirst[i]! : keyNext[i]!);
        first = false;
        this.#pos = at;
        if (typeof v === "object" && isPlainObject(v)) this.#nested(v as Record<string, unknown>, plan, i);
        else this.#value(v, false);
        this.#ensure(reserve);
        buf = this.#buf;
        view = this.#view;
        at = this.#pos;
      }
      i++;
    }
    buf[at++] = 125; // }
    this.#pos = at;
    return true;
  }

  /** A plain object under key `i` of `plan`: with that key's plan (made or remade as needed). */
  #nested(o: Record<string, unknown>, plan: ObjectPlan, i: number): void {
    const child = plan.children[i]!;
    if (child !== null && this.#planned(o, child)) return;
    plan.children[i] = new ObjectPlan(Object.keys(o));
    this.#object(o);
  }

  #ensure(n: number): void {
    if (this.#pos + n <= this.#buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.#buf.length * 2, this.#pos + n));
    this.#buf.copy(grown, 0, 0, this.#pos);
    this.#buf = grown;
    this.#view = viewOf(grown);
  }

  #ascii(code: number): void {
    this.#ensure(1);
    this.#buf[this.#pos++] = code;
  }

  /** Writes a value; returns false when it writes nothing (undefined, a function, a symbol). */
  #value(value: unknown, inArray: boolean): boolean {
    switch (typeof value) {
      case "string":
        this.#string(value, 0);
        return true;
      case "number":
        this.#number(value, 0);
        return true;
      case "boolean":
        this.#raw(value ? "true" : "false");
        return true;
      case "object":
        if (value === null) {
          this.#raw("null");
          return true;
        }
        if (Array.isArray(value)) this.#array(value);
        else this.#object(value as Record<string, unknown>);
        return true;
      case "bigint":
        // What JSON.stringify does with a bigint.
        throw new TypeError("Do not know how to serialize a BigInt");
      default:
        if (inArray) this.#raw("null");
        return inArray;
    }
  }

  #object(o: Record<string, unknown>): void {
    this.#ascii(123); // {
    let first = true;
    // Object.keys: the own enumerable string keys in JSON.stringify's order (a for-in needs an own check).
    const keys = Object.keys(o);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const raw = o[key];
      if (isPlainDecimal(raw)) {
        if (!first) this.#ascii(44);
        first = false;
        this.#string(key, 0);
        this.#ascii(58);
        this.#decimal(raw, 0);
        continue;
      }
      const v = withToJson(raw, key);
      const t = typeof v;
      if (v === undefined || t === "function" || t === "symbol") continue;
      if (!first) this.#ascii(44); // ,
      first = false;
      this.#string(key, 0);
      this.#ascii(58); // :
      this.#value(v, false);
    }
    this.#ascii(125); // }
  }

  #array(a: readonly unknown[]): void {
    this.#ascii(91); // [
    for (let i = 0; i < a.length; i++) {
      if (i > 0) this.#ascii(44);
      const raw = a[i];
      if (isPlainDecimal(raw)) this.#decimal(raw, 0);
      else this.#value(withToJson(raw, String(i)), true);
    }
    this.#ascii(93); // ]
  }

  /** Writes a number as JSON, and makes `room` more bytes of room after it. */
  #number(n: number, room: number): void {
    if (!Number.isFinite(n)) {
      this.#raw("null");
      this.#ensure(room);
      return;
    }
    if (Number.isSafeInteger(n) && n >= 0) {
      // Digits written directly: event times are integers and are most of the numbers in the log, and the
      // events of one step share their time, so the last number's digits are kept for the next.
      if (n !== this.#lastNumber) this.#setLastNumber(n);
      const digits = this.#lastDigits;
      const count = this.#lastCount;
      this.#ensure(count + room);
      const buf = this.#buf;
      let at = this.#pos;
      for (let i = 0; i < count; i++) buf[at++] = digits[i]!;
      this.#pos = at;
      return;
    }
    this.#raw(String(n));
    this.#ensure(room);
  }

  /**
   * A Decimal's JSON (its `toJSON()` text in quotes) written from its base-1e7 words, as decimal.js's
   * digitsToString and finiteToString lay them out in plain notation: no string is made. Makes `room` more
   * bytes of room after it.
   */
  #decimal(x: DecimalFields, room: number): void {
    const d = x.d;
    const digits = this.#digits;
    let n = 0;
    const last = d.length - 1;
    // Words are below 1e7: `(w / 10) | 0` and `w - q * 10` keep the digit loops in integer arithmetic
    // (a `%` on a value that was ever divided is a floating-point remainder, several times slower).
    for (let i = 0; i <= last; i++) {
      let w = d[i]! | 0;
      if (i === last) {
        // Trailing zeros of the last word go.
        for (let q = (w / 10) | 0; w !== 0 && w === q * 10; q = (w / 10) | 0) w = q;
      }
      // The first word has no leading zeros; the others are 7 digits (the last one before its stripping).
      const width = i === 0 ? 0 : i === last ? 7 - wordDigits(d[i]!) + wordDigits(w) : 7;
      const count = i === 0 ? wordDigits(w) : width;
      for (let k = count - 1; k >= 0; k--) {
        const q = (w / 10) | 0;
        digits[n + k] = 48 + w - q * 10;
        w = q;
      }
      n += count;
    }
    const e = x.e;
    // Sign, quotes, "0." and zeros: at most 3 + 2 + 40 + n bytes.
    this.#ensure(n + 48 + room);
    const buf = this.#buf;
    let at = this.#pos;
    buf[at++] = 34;
    if (x.s < 0) buf[at++] = 45; // -
    if (e < 0) {
      buf[at++] = 48;
      buf[at++] = 46;
      for (let k = -e - 1; k > 0; k--) buf[at++] = 48;
      for (let k = 0; k < n; k++) buf[at++] = digits[k]!;
    } else if (e >= n) {
      for (let k = 0; k < n; k++) buf[at++] = digits[k]!;
      for (let k = e + 1 - n; k > 0; k--) buf[at++] = 48;
    } else {
      for (let k = 0; k < n; k++) {
        if (k === e + 1) buf[at++] = 46;
        buf[at++] = digits[k]!;
      }
    }
    buf[at++] = 34;
    this.#pos = at;
  }

  /** Keeps the decimal digits of a safe integer >= 0 (at most 16 digits). */
  #setLastNumber(n: number): void {
    const digits = this.#lastDigits;
    let count = 0;
    // Two halves below 1e8 keep the digit loop in small-integer arithmetic.
    const high = Math.floor(n / 1e8);
    let low = n - high * 1e8;
    if (high > 0) {
      for (let h = high; h > 0; h = (h / 10) | 0) count++;
      count += 8;
    } else {
      for (let l = low; l >= 10; l = (l / 10) | 0) count++;
      count++;
    }
    let at = count;
    const lowDigits = high > 0 ? 8 : count;
    for (let i = 0; i < lowDigits; i++) {
      digits[--at] = 48 + (low % 10);
      low = (low / 10) | 0;
    }
    for (let h = high; at > 0; h = (h / 10) | 0) digits[--at] = 48 + (h % 10);
    this.#lastNumber = n;
    this.#lastCount = count;
  }

  /** A string known to be ASCII that needs no escaping (numbers, literals). */
  #raw(s: string): void {
    const n = s.length;
    this.#ensure(n);
    const buf = this.#buf;
    let at = this.#pos;
    for (let i = 0; i < n; i++) buf[at++] = s.charCodeAt(i);
    this.#pos = at;
  }

  /** Writes `s` as a JSON string, and makes `room` more bytes of room after it. */
  #string(s: string, room: number): void {
    const n = s.length;
    this.#ensure(n + 2 + room);
    const buf = this.#buf;
    const start = this.#pos;
    let at = start;
    buf[at++] = 34; // "
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 32 || c > 126 || c === 34 || c === 92) {
        // Needs escaping or UTF-8: let JSON.stringify decide, so the bytes are exactly its bytes.
        this.#pos = start;
        this.#encoded(JSON.stringify(s));
        this.#ensure(room);
        return;
      }
      buf[at++] = c;
    }
    buf[at++] = 34;
    this.#pos = at;
  }

  #encoded(json: string): void {
    this.#ensure(Buffer.byteLength(json, "utf8"));
    this.#pos += this.#buf.write(json, this.#pos, "utf8");
  }
}

/**
 * The keys of an object shape, in order, with each one's `"key":` bytes (and `,"key":` for a key after the
 * first) as little-endian words for `putKey`, and the plans of plain objects found under them.
 */
class ObjectPlan {
  /** Key i's `"key":` as `keyWords` gives it, for the first key written. */
  readonly keyFirst: readonly Uint32Array[];
  /** Key i's `,"key":`, for any later key. */
  readonly keyNext: readonly Uint32Array[];
  readonly children: (ObjectPlan | null)[];
  /**
   * Bytes of an object of this shape other than its strings, Decimals and nested objects: the braces,
   * each key with its comma (in whole words: up to 3 bytes more each), and for each a number (at most 24
   * characters, as String(number) writes), null or a boolean; and a line's newline after it.
   */
  readonly reserve: number;

  constructor(readonly keys: readonly string[]) {
    this.keyFirst = keys.map((k) => keyWords(`${JSON.stringify(k)}:`));
    this.keyNext = keys.map((k) => keyWords(`,${JSON.stringify(k)}:`));
    let room = 0;
    for (const words of this.keyNext) room += (words.length - 1) * 4;
    this.children = keys.map(() => null);
    this.reserve = room + keys.length * 25 + 3;
  }
}

/**
 * A key's bytes as [byte count, then the bytes four to a little-endian word, the last padded with zeros]:
 * `putKey` stores a word at a time, a quarter of the stores of a byte loop (and of the interpreter's work
 * while the writer is not yet compiled, which is most of a short run's writing).
 */
function keyWords(text: string): Uint32Array {
  const bytes = Buffer.from(text, "utf8");
  const padded = Buffer.alloc(Math.ceil(bytes.length / 4) * 4);
  bytes.copy(padded);
  const words = new Uint32Array(1 + padded.length / 4);
  words[0] = bytes.length;
  for (let k = 1; k < words.length; k++) words[k] = padded.readUInt32LE((k - 1) * 4);
  return words;
}

/**
 * Writes a key's words (`keyWords`) at `at` and returns the position after its bytes. The last word's
 * padding lands past that position, in room already made (ObjectPlan.reserve), and the value written next
 * covers it.
 */
function putKey(view: DataView, at: number, words: Uint32Array): number {
  const n = words.length;
  for (let k = 1; k < n; k++) view.setUint32(at + 4 * (k - 1), words[k]!, true);
  return at + words[0]!;
}

/** A DataView over a buffer's bytes. */
function viewOf(buf: Buffer): DataView {
  return new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Writes `null` at `at` (room already made); returns the position after it. */
function putNull(buf: Buffer, at: number): number {
  buf[at] = 110;
  buf[at + 1] = 117;
  buf[at + 2] = 108;
  buf[at + 3] = 108;
  return at + 4;
}

/** Writes `true` or `false` at `at` (room already made); returns the position after it. */
function putBoolean(buf: Buffer, at: number, value: boolean): number {
  if (value) {
    buf[at] = 116;
    buf[at + 1] = 114;
    buf[at + 2] = 117;
    buf[at + 3] = 101;
    return at + 4;
  }
  buf[at] = 102;
  buf[at + 1] = 97;
  buf[at + 2] = 108;
  buf[at + 3] = 115;
  buf[at + 4] = 101;
  return at + 5;
}

/** An object whose prototype is Object.prototype: one whose for-in keys are JSON.stringify's. */
function isPlainObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** The fields of a decimal.js instance: sign, exponent (base 10) and base-1e7 words. */
interface DecimalFields {
  readonly s: number;
  readonly e: number;
  readonly d: readonly number[];
}

/** An Ordo Decimal that is finite and prints without an exponent (what `#decimal` writes). */
function isPlainDecimal(value: unknown): value is DecimalFields {
  if (typeof value !== "object" || value === null || value.constructor !== Decimal) return false;
  const x = value as unknown as { e: number; d: number[] | null };
  // At most 9 words (63 digits) fit the digit scratch; longer ones (made beyond the precision) use toJSON.
  return x.d !== null && x.d.length <= 9 && x.e > Decimal.toExpNeg && x.e < Decimal.toExpPos;
}

/** Decimal digits of a word (0 to 9,999,999): 1 to 7. */
function wordDigits(w: number): number {
  if (w < 1e3) return w < 10 ? 1 : w < 100 ? 2 : 3;
  return w < 1e4 ? 4 : w < 1e5 ? 5 : w < 1e6 ? 6 : 7;
}

/** A value as JSON.stringify sees it: its `toJSON(key)` result when it has one (Decimal's text). */
function withToJson(value: unknown, key: string): unknown {
  if (typeof value === "object" && value !== null) {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === "function") return (toJSON as (key: string) => unknown).call(value, key);
  }
  return value;
}

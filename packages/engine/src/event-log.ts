import { createHash, type Hash } from "node:crypto";
import { JsonBytes } from "./json-bytes.js";

/** Bytes hashed at once: one hash update per ~64 KB is far cheaper than one per event. */
const FLUSH_AT = 65_536;

/**
 * The run's event log: every order, position and strategy-error event in the order the node processed
 * them, folded into a SHA-256 as it goes. Two runs with the same inputs give the same hash, byte for byte;
 * a differing hash means something observable differed. Each event is one JSON line (`JSON.stringify`'s
 * bytes: decimals as strings, times as epoch milliseconds), written straight into a byte buffer; the lines
 * are kept as strings only when asked (`keep: true`).
 */
export class EventLog {
  readonly #hash: Hash = createHash("sha256");
  readonly #lines: string[] | null;
  readonly #out = new JsonBytes();
  #count = 0;

  constructor(options: { keep?: boolean } = {}) {
    this.#lines = options.keep ? [] : null;
  }

  append(event: object): void {
    const out = this.#out;
    const start = out.length;
    out.writeLine(event);
    if (this.#lines !== null) this.#lines.push(out.text(start).slice(0, -1));
    this.#count++;
    if (out.length >= FLUSH_AT) this.#flush();
  }

  get count(): number {
    return this.#count;
  }

  /** The JSON lines, when kept. */
  lines(): readonly string[] {
    return this.#lines ?? [];
  }

  #flush(): void {
    this.#hash.update(this.#out.bytes());
    this.#out.reset();
  }

  /** Hex SHA-256 of every line appended so far (each followed by "\n"). */
  digest(): string {
    this.#flush();
    return this.#hash.copy().digest("hex");
  }
}

import { createHash, type Hash } from "node:crypto";

/**
 * The run's event log: every order, position and strategy-error event in the order the node processed
 * them, folded into a SHA-256 as it goes. Two runs with the same inputs give the same hash, byte for byte;
 * a differing hash means something observable differed. Optionally keeps the JSON lines (`keep: true`):
 * decimals as strings, times as epoch milliseconds.
 */
export class EventLog {
  readonly #hash: Hash = createHash("sha256");
  readonly #lines: string[] | null;
  #count = 0;
  /** Lines not yet hashed: one hash update per ~64 KB is far cheaper than two per event. */
  #pending = "";

  constructor(options: { keep?: boolean } = {}) {
    this.#lines = options.keep ? [] : null;
  }

  append(event: object): void {
    // Decimal's toJSON gives its decimal text; times stay epoch milliseconds (cheap, and exact).
    const line = JSON.stringify(event);
    this.#pending += `${line}\n`;
    if (this.#pending.length > 65_536) this.#flush();
    this.#lines?.push(line);
    this.#count++;
  }

  get count(): number {
    return this.#count;
  }

  /** The JSON lines, when kept. */
  lines(): readonly string[] {
    return this.#lines ?? [];
  }

  #flush(): void {
    this.#hash.update(this.#pending);
    this.#pending = "";
  }

  /** Hex SHA-256 of every line appended so far (each followed by "\n"). */
  digest(): string {
    this.#flush();
    return this.#hash.copy().digest("hex");
  }
}

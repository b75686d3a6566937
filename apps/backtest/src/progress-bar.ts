/** Where the bar draws: a terminal stream (stderr) in the CLI, a buffer in tests. */
export interface ProgressOutput {
  write(text: string): void;
  /** Terminal width in columns; 80 when unknown. */
  readonly columns?: number | undefined;
}

export interface ProgressBarOptions {
  /** Nothing is drawn before this much time has passed (ms): short runs stay quiet. Default 1,000. */
  readonly delayMs?: number;
  /** Least time between two redraws (ms). Default 100. */
  readonly redrawMs?: number;
  /** Wall clock in ms (a parameter so tests can drive it; the bar is display only, never a trading rule). */
  readonly now?: () => number;
}

const FILLED = "█";
const EMPTY = "░";

/**
 * A one-line progress bar (`[█████░░░░░]  48%  480,000/1,000,000 events  2.1 s`) redrawn in place with a
 * carriage return. It stays hidden for the first second, so only runs longer than that show one.
 * Hand-written (50 lines) rather than a library: it needs no terminal features beyond `\r`, and the
 * maintained bar libraries bring ANSI cursor control and dependencies for nothing here.
 */
export class ProgressBar {
  readonly #out: ProgressOutput;
  readonly #delayMs: number;
  readonly #redrawMs: number;
  readonly #now: () => number;
  readonly #startedAt: number;
  #lastDrawAt = Number.NEGATIVE_INFINITY;
  #drawn = false;
  #last: { done: number; total: number } | null = null;

  constructor(out: ProgressOutput, options: ProgressBarOptions = {}) {
    this.#out = out;
    this.#delayMs = options.delayMs ?? 1000;
    this.#redrawMs = options.redrawMs ?? 100;
    this.#now = options.now ?? (() => performance.now());
    this.#startedAt = this.#now();
  }

  /** Reports progress; draws when the delay has passed and the last redraw is old enough. */
  update(done: number, total: number): void {
    this.#last = { done, total };
    const now = this.#now();
    const elapsed = now - this.#startedAt;
    if (elapsed < this.#delayMs || now - this.#lastDrawAt < this.#redrawMs) return;
    this.#lastDrawAt = now;
    this.#drawn = true;
    this.#out.write(`\r${this.line(done, total, elapsed)}`);
  }

  /** Writes whole lines (a log message) above the bar and draws the bar again beneath them. */
  printAbove(text: string): void {
    const wasDrawn = this.#drawn;
    this.clear();
    this.#out.write(text);
    if (wasDrawn && this.#last !== null) {
      this.#drawn = true;
      this.#out.write(`\r${this.line(this.#last.done, this.#last.total, this.#now() - this.#startedAt)}`);
    }
  }

  /** The bar's text for a state (no carriage return). */
  line(done: number, total: number, elapsedMs: number): string {
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const count = `${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")} events`;
    const tail = `${String(Math.floor(fraction * 100)).padStart(3)}%  ${count}  ${(elapsedMs / 1000).toFixed(1)} s`;
    const width = Math.max(10, Math.min(40, (this.#out.columns ?? 80) - tail.length - 4));
    const filled = Math.round(fraction * width);
    return `[${FILLED.repeat(filled)}${EMPTY.repeat(width - filled)}] ${tail}`;
  }

  /** Removes the bar (when one was drawn) so the next output starts on a clean line. */
  clear(): void {
    if (!this.#drawn) return;
    const width = this.#out.columns ?? 80;
    this.#out.write(`\r${" ".repeat(Math.max(0, width - 1))}\r`);
    this.#drawn = false;
  }
}

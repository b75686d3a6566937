import type { UnixMillis } from "./time.js";

export interface TimeEvent {
  readonly name: string;
  /** When the timer was due (the clock reads this time while the callback runs). */
  readonly ts: UnixMillis;
}
export type TimerCallback = (event: TimeEvent) => void;

/**
 * The only source of time in Ordo. Backtests use a VirtualClock advanced by the runner; live nodes a
 * LiveClock. Components read `now()` and set timers; none calls Date.now().
 */
export interface Clock {
  now(): UnixMillis;
  /** Fires `callback` once at `at` (immediately on the next advance if `at` is not in the future). */
  setTimer(name: string, at: UnixMillis, callback: TimerCallback): void;
  /** Fires every `intervalMs` from `start` (first at `start`) until `stop` (inclusive) or cancel. */
  setInterval(
    name: string,
    start: UnixMillis,
    intervalMs: number,
    callback: TimerCallback,
    stop?: UnixMillis,
  ): void;
  cancelTimer(name: string): boolean;
  /** Names of the timers still due, in firing order. */
  timerNames(): string[];
}

interface Timer {
  readonly name: string;
  at: UnixMillis;
  readonly intervalMs: number | null;
  readonly stop: UnixMillis | null;
  readonly callback: TimerCallback;
  /** Creation order: breaks ties between timers due at the same time, so runs are deterministic. */
  seq: number;
}

function checkTimerArgs(name: string, at: UnixMillis, intervalMs?: number): void {
  if (name === "") throw new RangeError("a timer needs a name");
  if (!Number.isFinite(at)) throw new RangeError(`timer "${name}": time must be finite, got ${at}`);
  if (intervalMs !== undefined && !(intervalMs > 0)) {
    throw new RangeError(`timer "${name}": interval must be > 0 ms, got ${intervalMs}`);
  }
}

/**
 * A clock that moves only when told. `advanceTo(t)` fires every timer due up to `t` in time order (ties in
 * creation order), setting `now()` to each timer's time while its callback runs, then to `t`. A callback
 * may set new timers; those due before `t` fire in the same advance.
 */
export class VirtualClock implements Clock {
  #now: UnixMillis;
  #timers = new Map<string, Timer>();
  #seq = 0;
  /** No timer is due before this time (a lower bound): most advances then skip the timer scan. */
  #earliest = Number.POSITIVE_INFINITY;

  constructor(start: UnixMillis = 0) {
    this.#now = start;
  }

  now(): UnixMillis {
    return this.#now;
  }

  setTimer(name: string, at: UnixMillis, callback: TimerCallback): void {
    checkTimerArgs(name, at);
    this.#timers.set(name, { name, at, intervalMs: null, stop: null, callback, seq: this.#seq++ });
    if (at < this.#earliest) this.#earliest = at;
  }

  setInterval(
    name: string,
    start: UnixMillis,
    intervalMs: number,
    callback: TimerCallback,
    stop?: UnixMillis,
  ): void {
    checkTimerArgs(name, start, intervalMs);
    this.#timers.set(name, { name, at: start, intervalMs, stop: stop ?? null, callback, seq: this.#seq++ });
    if (start < this.#earliest) this.#earliest = start;
  }

  cancelTimer(name: string): boolean {
    return this.#timers.delete(name);
  }

  timerNames(): string[] {
    return this.#sorted().map((t) => t.name);
  }

  /** When the next timer is due, or null: lets a runner merge timers with data in one time order. */
  nextTimerAt(): UnixMillis | null {
    let next: number | null = null;
    for (const t of this.#timers.values()) if (next === null || t.at < next) next = t.at;
    return next;
  }

  /** Moves time forward to `to`, firing due timers on the way. Time never goes backwards. */
  advanceTo(to: UnixMillis): void {
    if (to < this.#now) {
      throw new RangeError(`the clock cannot go back from ${this.#now} to ${to}`);
    }
    if (to < this.#earliest) {
      this.#now = to;
      return;
    }
    for (;;) {
      const due = this.#nextDue(to);
      if (!due) break;
      this.#now = Math.max(this.#now, due.at);
      const event = { name: due.name, ts: due.at };
      if (due.intervalMs === null) {
        this.#timers.delete(due.name);
      } else {
        const nextAt = due.at + due.intervalMs;
        if (due.stop !== null && nextAt > due.stop) this.#timers.delete(due.name);
        else {
          due.at = nextAt;
          due.seq = this.#seq++;
        }
      }
      due.callback(event);
    }
    this.#now = to;
  }

  #nextDue(to: UnixMillis): Timer | undefined {
    let best: Timer | undefined;
    let earliest = Number.POSITIVE_INFINITY;
    for (const t of this.#timers.values()) {
      if (t.at < earliest) earliest = t.at;
      if (t.at > to) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    this.#earliest = earliest;
    return best;
  }

  #sorted(): Timer[] {
    return [...this.#timers.values()].sort((a, b) => a.at - b.at || a.seq - b.seq);
  }
}

/** Wall-clock time for live and paper trading. Timers run on the event loop. */
export class LiveClock implements Clock {
  readonly #timers = new Map<
    string,
    { handle: ReturnType<typeof setTimeout>; at: UnixMillis; seq: number }
  >();
  #seq = 0;
  readonly #source: () => UnixMillis;

  /** `source` is the time source (default Date.now); tests may pass their own. */
  constructor(source: () => UnixMillis = Date.now) {
    this.#source = source;
  }

  now(): UnixMillis {
    return this.#source();
  }

  setTimer(name: string, at: UnixMillis, callback: TimerCallback): void {
    checkTimerArgs(name, at);
    this.cancelTimer(name);
    const handle = setTimeout(
      () => {
        this.#timers.delete(name);
        callback({ name, ts: at });
      },
      Math.max(0, at - this.now()),
    );
    this.#timers.set(name, { handle, at, seq: this.#seq++ });
  }

  setInterval(
    name: string,
    start: UnixMillis,
    intervalMs: number,
    callback: TimerCallback,
    stop?: UnixMillis,
  ): void {
    checkTimerArgs(name, start, intervalMs);
    const fire = (at: UnixMillis) => {
      if (stop !== undefined && at > stop) {
        this.#timers.delete(name);
        return;
      }
      this.setTimer(name, at, (e) => {
        fire(at + intervalMs);
        callback(e);
      });
    };
    fire(start);
  }

  cancelTimer(name: string): boolean {
    const timer = this.#timers.get(name);
    if (timer === undefined) return false;
    clearTimeout(timer.handle);
    return this.#timers.delete(name);
  }

  timerNames(): string[] {
    return [...this.#timers.entries()]
      .sort(([, a], [, b]) => a.at - b.at || a.seq - b.seq)
      .map(([name]) => name);
  }
}

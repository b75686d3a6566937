import {
  type Clock,
  type Decimal,
  type DecimalLike,
  dec,
  parseDecimal,
  type RiskEvent,
  type UnixMillis,
  ZERO,
} from "@ordo/core";
import { type Observable, Subject } from "rxjs";
import {
  type CircuitBreakerConfig,
  type CircuitBreakerConfigInput,
  parseCircuitBreakerConfig,
} from "./circuit-breaker-config.js";
import { type SessionStartFn, sessionStartFunction } from "./session-boundary.js";
import { SlidingWindowCounter } from "./sliding-window.js";

export type CircuitState = "CLOSED" | "OPEN" | "HALF_OPEN";

/** Why the breaker tripped: stable codes, carried by the CircuitBreakerTripped event. */
export const TripCode = {
  MAX_DAILY_LOSS: "MAX_DAILY_LOSS",
  MAX_DRAWDOWN: "MAX_DRAWDOWN",
  MAX_CONSECUTIVE_LOSSES: "MAX_CONSECUTIVE_LOSSES",
  MAX_CONSECUTIVE_ERRORS: "MAX_CONSECUTIVE_ERRORS",
  MAX_ORDERS_PER_MINUTE: "MAX_ORDERS_PER_MINUTE",
  MAX_ORDERS_PER_HOUR: "MAX_ORDERS_PER_HOUR",
  HALF_OPEN_FAILURE: "HALF_OPEN_FAILURE",
  MANUAL: "MANUAL",
} as const;
export type TripCode = (typeof TripCode)[keyof typeof TripCode];

export type CircuitBreakerEvent = Extract<
  RiskEvent,
  { type: "CircuitBreakerTripped" | "CircuitBreakerHalfOpen" | "CircuitBreakerReset" }
>;

export interface CircuitBreakerOptions {
  /** The only source of time: daily windows, order rates, cooldown and auto reset all read it. */
  readonly clock: Clock;
  readonly config?: CircuitBreakerConfigInput;
  /** Called with every event, after the state has changed (same events as `events$`). */
  readonly onEvent?: (event: CircuitBreakerEvent) => void;
}

/** A snapshot of the breaker. Percentages are of the balance (3 = 3 %); times are epoch ms. */
export interface CircuitBreakerStatus {
  readonly state: CircuitState;
  readonly isOperational: boolean;
  /** Realized PnL recorded since the session start (or the last reset / half-open). */
  readonly dailyPnl: Decimal;
  /** Today's loss as a % of the balance at the session start; null while no balance is known. */
  readonly dailyLossPct: Decimal | null;
  readonly balance: Decimal | null;
  readonly peakBalance: Decimal | null;
  /** How far the balance is below its peak, in %; null while no balance is known. */
  readonly drawdownPct: Decimal | null;
  readonly consecutiveLosses: number;
  readonly consecutiveErrors: number;
  readonly ordersLastMinute: number;
  readonly ordersLastHour: number;
  readonly ordersToday: number;
  readonly tripCode: TripCode | null;
  readonly tripReason: string | null;
  readonly trippedAt: UnixMillis | null;
  /** When an OPEN breaker moves to HALF_OPEN (cooldownMinutes), or null. */
  readonly halfOpensAt: UnixMillis | null;
  /** When the breaker closes by itself (autoResetAfterMinutes), or null. */
  readonly resetsAt: UnixMillis | null;
  /** Start of the current daily window. */
  readonly sessionStart: UnixMillis;
}

const HUNDRED = dec(100);
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
/** Trips about money: only a trade that is not a loss proves recovery in HALF_OPEN. */
const LOSS_TRIPS: ReadonlySet<TripCode> = new Set([
  TripCode.MAX_DAILY_LOSS,
  TripCode.MAX_DRAWDOWN,
  TripCode.MAX_CONSECUTIVE_LOSSES,
]);
let instances = 0;

interface Breach {
  readonly code: TripCode;
  readonly reason: string;
}

/**
 * Stops trading when losses, errors or order rates go beyond their limits, standalone or wired into a
 * RiskEngine. CLOSED is normal; OPEN (tripped) stops orders; after `cooldownMinutes` it goes HALF_OPEN,
 * where probing orders pass until a success closes it or a failure re-opens it. Every time rule reads the
 * injected clock; timed transitions happen at their exact moment (clock timers, and again on every read).
 */
export class CircuitBreaker {
  readonly config: CircuitBreakerConfig;
  /** Tripped, half-open and reset events, in the order they happen. */
  readonly events$: Observable<CircuitBreakerEvent>;

  readonly #clock: Clock;
  readonly #subject = new Subject<CircuitBreakerEvent>();
  readonly #onEvent: ((event: CircuitBreakerEvent) => void) | undefined;
  readonly #sessionStartOf: SessionStartFn;
  readonly #halfOpenTimer: string;
  readonly #resetTimer: string;
  readonly #ordersMinute = new SlidingWindowCounter(MINUTE_MS);
  readonly #ordersHour = new SlidingWindowCounter(HOUR_MS);

  #state: CircuitState = "CLOSED";
  #tripCode: TripCode | null = null;
  #tripReason: string | null = null;
  #trippedAt: UnixMillis | null = null;
  #halfOpensAt: UnixMillis | null = null;
  #resetsAt: UnixMillis | null = null;
  /** Whether the current trip was about money (needs a non-losing trade to close from HALF_OPEN). */
  #lossTrip = false;

  #sessionStart: UnixMillis;
  #dailyPnl: Decimal = ZERO;
  #dayStartBalance: Decimal | null;
  #balance: Decimal | null;
  #peak: Decimal | null;
  #consecutiveLosses = 0;
  #consecutiveErrors = 0;
  #ordersToday = 0;

  constructor(options: CircuitBreakerOptions) {
    this.config = parseCircuitBreakerConfig(options.config);
    this.#clock = options.clock;
    this.#onEvent = options.onEvent;
    this.events$ = this.#subject.asObservable();
    this.#sessionStartOf = sessionStartFunction(this.config.sessionBoundary);
    instances += 1;
    this.#halfOpenTimer = `${this.config.name}#${instances}:half-open`;
    this.#resetTimer = `${this.config.name}#${instances}:auto-reset`;
    this.#sessionStart = this.#sessionStartOf(this.#clock.now());
    this.#balance = this.config.initialBalance ?? null;
    this.#dayStartBalance = this.#balance;
    this.#peak = this.#balance;
  }

  get state(): CircuitState {
    this.#sync();
    return this.#state;
  }

  /** True when orders may go: CLOSED or HALF_OPEN. */
  get isOperational(): boolean {
    return this.state !== "OPEN";
  }

  /**
   * Records a closed trade's realized PnL (negative = a loss; zero breaks a losing streak). In HALF_OPEN a
   * losing trade re-opens the breaker and a trade that is not a loss closes it.
   */
  recordTrade(pnl: DecimalLike): void {
    const value = parseDecimal(pnl, { field: "pnl" });
    this.#sync();
    this.#dailyPnl = this.#dailyPnl.plus(value);
    const isLoss = value.isNegative() && !value.isZero();
    this.#consecutiveLosses = isLoss ? this.#consecutiveLosses + 1 : 0;
    if (this.#state === "OPEN") return;
    if (this.#tripOnBreach()) return;
    if (this.#state === "HALF_OPEN") {
      if (isLoss) {
        this.#trip(TripCode.HALF_OPEN_FAILURE, `losing trade ${value.toFixed()} while half-open`, true);
      } else this.#close(this.#clock.now(), false, false);
    }
  }

  /** Records a failure (order rejected, venue error, strategy exception). In HALF_OPEN it re-opens. */
  recordError(error?: unknown): void {
    this.#sync();
    this.#consecutiveErrors += 1;
    if (this.#state === "OPEN") return;
    if (this.#tripOnBreach()) return;
    if (this.#state === "HALF_OPEN") {
      this.#trip(TripCode.HALF_OPEN_FAILURE, `error while half-open${describe(error)}`, false);
    }
  }

  /** Records a success (an order placed without error): ends an error streak; closes an error trip's HALF_OPEN. */
  recordSuccess(): void {
    this.#sync();
    this.#consecutiveErrors = 0;
    if (this.#state === "HALF_OPEN" && !this.#lossTrip) this.#close(this.#clock.now(), false, false);
  }

  /**
   * Counts an order about to be sent and returns whether it may go. While OPEN nothing is counted and the
   * answer is false; the order that takes a rate beyond its limit trips the breaker and gets false.
   */
  recordOrder(): boolean {
    this.#sync();
    if (this.#state === "OPEN") return false;
    const now = this.#clock.now();
    this.#ordersMinute.record(now);
    this.#ordersHour.record(now);
    this.#ordersToday += 1;
    return !this.#tripOnBreach();
  }

  /**
   * Sets the current balance (or equity, to count unrealized losses) and, optionally, its peak. The peak
   * kept is the highest of the previous peak, `current` and `peak`.
   */
  updateBalance(current: DecimalLike, peak?: DecimalLike): void {
    const balance = parseDecimal(current, { field: "current" });
    const given = peak === undefined ? null : parseDecimal(peak, { field: "peak" });
    this.#sync();
    this.#setBalance(balance, given);
    if (this.#state !== "OPEN") this.#tripOnBreach();
  }

  /**
   * Checks every limit now (after taking the balance given, if any) and trips on the first one reached.
   * Returns whether the breaker is OPEN afterwards.
   */
  checkAndTrip(input: { readonly balance?: DecimalLike; readonly peak?: DecimalLike } = {}): boolean {
    const balance = input.balance === undefined ? null : parseDecimal(input.balance, { field: "balance" });
    const peak = input.peak === undefined ? null : parseDecimal(input.peak, { field: "peak" });
    this.#sync();
    if (balance !== null) this.#setBalance(balance, peak);
    if (this.#state !== "OPEN") this.#tripOnBreach();
    return this.#state === "OPEN";
  }

  /** Trips by hand (a kill switch). Already OPEN: nothing changes. */
  trip(reason: string, code: TripCode = TripCode.MANUAL): void {
    this.#sync();
    if (this.#state === "OPEN") return;
    this.#trip(code, reason, LOSS_TRIPS.has(code));
  }

  /**
   * Closes an OPEN or HALF_OPEN breaker and starts a fresh measurement (see docs/risk.md). Returns false,
   * changing nothing, when it is already CLOSED or when `requireManualReset` is set and `manual` is false.
   */
  reset(options: { readonly manual?: boolean } = {}): boolean {
    const manual = options.manual ?? true;
    this.#sync();
    if (this.#state === "CLOSED") return false;
    if (this.config.requireManualReset && !manual) return false;
    this.#close(this.#clock.now(), manual, true);
    return true;
  }

  status(): CircuitBreakerStatus {
    this.#sync();
    const now = this.#clock.now();
    return {
      state: this.#state,
      isOperational: this.#state !== "OPEN",
      dailyPnl: this.#dailyPnl,
      dailyLossPct: this.#dailyLossPct(),
      balance: this.#balance,
      peakBalance: this.#peak,
      drawdownPct: this.#drawdownPct(),
      consecutiveLosses: this.#consecutiveLosses,
      consecutiveErrors: this.#consecutiveErrors,
      ordersLastMinute: this.#ordersMinute.count(now),
      ordersLastHour: this.#ordersHour.count(now),
      ordersToday: this.#ordersToday,
      tripCode: this.#tripCode,
      tripReason: this.#tripReason,
      trippedAt: this.#trippedAt,
      halfOpensAt: this.#halfOpensAt,
      resetsAt: this.#resetsAt,
      sessionStart: this.#sessionStart,
    };
  }

  /** Cancels the breaker's timers and completes `events$`. */
  dispose(): void {
    this.#clock.cancelTimer(this.#halfOpenTimer);
    this.#clock.cancelTimer(this.#resetTimer);
    this.#subject.complete();
  }

  // -------------------------------------------------------------------------------------------------------

  /** Applies what time alone changes: HALF_OPEN after the cooldown, auto reset, the daily roll. */
  #sync(): void {
    const now = this.#clock.now();
    const halfOpensAt = this.#halfOpensAt;
    if (this.#state === "OPEN" && halfOpensAt !== null && now >= halfOpensAt) {
      this.#halfOpen(halfOpensAt);
    }
    const resetsAt = this.#resetsAt;
    if (this.#state !== "CLOSED" && resetsAt !== null && now >= resetsAt) {
      this.#close(resetsAt, false, true);
    }
    const sessionStart = this.#sessionStartOf(now);
    if (sessionStart !== this.#sessionStart) {
      this.#sessionStart = sessionStart;
      this.#dailyPnl = ZERO;
      this.#dayStartBalance = this.#balance;
      this.#ordersToday = 0;
    }
  }

  #setBalance(balance: Decimal, peak: Decimal | null): void {
    this.#balance = balance;
    let top = this.#peak === null || balance.gt(this.#peak) ? balance : this.#peak;
    if (peak?.gt(top)) top = peak;
    this.#peak = top;
    if (this.#dayStartBalance === null) this.#dayStartBalance = balance;
  }

  #dailyLossPct(): Decimal | null {
    const base = this.#dayStartBalance;
    if (base === null || !base.isPositive() || base.isZero()) return null;
    if (!this.#dailyPnl.isNegative()) return ZERO;
    return this.#dailyPnl.neg().div(base).times(HUNDRED);
  }

  #drawdownPct(): Decimal | null {
    const peak = this.#peak;
    const balance = this.#balance;
    if (peak === null || balance === null || !peak.isPositive() || peak.isZero()) return null;
    return balance.gte(peak) ? ZERO : peak.minus(balance).div(peak).times(HUNDRED);
  }

  /** The first limit reached, in a fixed order (losses before errors before order rates). */
  #breach(): Breach | null {
    const c = this.config;
    if (c.maxDailyLossPct !== undefined) {
      const pct = this.#dailyLossPct();
      if (pct?.gte(c.maxDailyLossPct)) {
        return {
          code: TripCode.MAX_DAILY_LOSS,
          reason: `daily loss ${fmtPct(pct)} (PnL ${this.#dailyPnl.toFixed()} on a session-start balance of ${this.#dayStartBalance!.toFixed()}) reached the limit of ${c.maxDailyLossPct.toFixed()}%`,
        };
      }
    }
    if (c.maxDrawdownPct !== undefined) {
      const pct = this.#drawdownPct();
      if (pct?.gte(c.maxDrawdownPct)) {
        return {
          code: TripCode.MAX_DRAWDOWN,
          reason: `drawdown ${fmtPct(pct)} (balance ${this.#balance!.toFixed()} from a peak of ${this.#peak!.toFixed()}) reached the limit of ${c.maxDrawdownPct.toFixed()}%`,
        };
      }
    }
    if (c.maxConsecutiveLosses !== undefined && this.#consecutiveLosses >= c.maxConsecutiveLosses) {
      return {
        code: TripCode.MAX_CONSECUTIVE_LOSSES,
        reason: `${plural(this.#consecutiveLosses, "losing trade")} in a row reached the limit of ${c.maxConsecutiveLosses}`,
      };
    }
    if (c.maxConsecutiveErrors !== undefined && this.#consecutiveErrors >= c.maxConsecutiveErrors) {
      return {
        code: TripCode.MAX_CONSECUTIVE_ERRORS,
        reason: `${plural(this.#consecutiveErrors, "error")} in a row reached the limit of ${c.maxConsecutiveErrors}`,
      };
    }
    const now = this.#clock.now();
    if (c.maxOrdersPerMinute !== undefined) {
      const n = this.#ordersMinute.count(now);
      if (n > c.maxOrdersPerMinute) {
        return {
          code: TripCode.MAX_ORDERS_PER_MINUTE,
          reason: `${n} orders in the last minute exceed the limit of ${c.maxOrdersPerMinute} per minute`,
        };
      }
    }
    if (c.maxOrdersPerHour !== undefined) {
      const n = this.#ordersHour.count(now);
      if (n > c.maxOrdersPerHour) {
        return {
          code: TripCode.MAX_ORDERS_PER_HOUR,
          reason: `${n} orders in the last hour exceed the limit of ${c.maxOrdersPerHour} per hour`,
        };
      }
    }
    return null;
  }

  #tripOnBreach(): boolean {
    const breach = this.#breach();
    if (breach === null) return false;
    this.#trip(breach.code, breach.reason, LOSS_TRIPS.has(breach.code));
    return true;
  }

  #trip(code: TripCode, reason: string, lossTrip: boolean): void {
    const now = this.#clock.now();
    const c = this.config;
    this.#state = "OPEN";
    this.#tripCode = code;
    this.#tripReason = reason;
    this.#trippedAt = now;
    this.#lossTrip = lossTrip;
    this.#halfOpensAt = c.cooldownMinutes === undefined ? null : now + minutesToMs(c.cooldownMinutes);
    this.#resetsAt =
      c.autoResetAfterMinutes === undefined ? null : now + minutesToMs(c.autoResetAfterMinutes);
    this.#clock.cancelTimer(this.#halfOpenTimer);
    this.#clock.cancelTimer(this.#resetTimer);
    if (this.#halfOpensAt !== null)
      this.#clock.setTimer(this.#halfOpenTimer, this.#halfOpensAt, this.#onTimer);
    if (this.#resetsAt !== null) this.#clock.setTimer(this.#resetTimer, this.#resetsAt, this.#onTimer);
    this.#emit({ type: "CircuitBreakerTripped", ts: now, reason, code });
  }

  readonly #onTimer = (): void => this.#sync();

  #halfOpen(ts: UnixMillis): void {
    this.#state = "HALF_OPEN";
    this.#halfOpensAt = null;
    this.#clock.cancelTimer(this.#halfOpenTimer);
    this.#freshStart();
    this.#emit({ type: "CircuitBreakerHalfOpen", ts });
  }

  #close(ts: UnixMillis, manual: boolean, freshStart: boolean): void {
    this.#state = "CLOSED";
    this.#tripCode = null;
    this.#tripReason = null;
    this.#trippedAt = null;
    this.#halfOpensAt = null;
    this.#resetsAt = null;
    this.#lossTrip = false;
    this.#clock.cancelTimer(this.#halfOpenTimer);
    this.#clock.cancelTimer(this.#resetTimer);
    if (freshStart) this.#freshStart();
    this.#emit({ type: "CircuitBreakerReset", ts, manual });
  }

  /** A recovery measures from here: otherwise the limit that tripped would trip again at once. */
  #freshStart(): void {
    this.#consecutiveLosses = 0;
    this.#consecutiveErrors = 0;
    this.#ordersMinute.clear();
    this.#ordersHour.clear();
    this.#dailyPnl = ZERO;
    if (this.#balance !== null) {
      this.#dayStartBalance = this.#balance;
      this.#peak = this.#balance;
    }
  }

  #emit(event: CircuitBreakerEvent): void {
    this.#subject.next(event);
    this.#onEvent?.(event);
  }
}

function minutesToMs(minutes: number): number {
  return Math.round(minutes * MINUTE_MS);
}

function fmtPct(value: Decimal): string {
  return `${value.toDecimalPlaces(4).toFixed()}%`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function describe(error: unknown): string {
  if (error === undefined) return "";
  if (error instanceof Error) return `: ${error.message}`;
  return `: ${String(error)}`;
}

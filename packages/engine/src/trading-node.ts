import {
  type BrokerAdapter,
  type Clock,
  type Decimal,
  type DecimalLike,
  DeniedError,
  ExactDecimal,
  type Instrument,
  InvalidStateTransitionError,
  isPositionEventType,
  type MarketData,
  MessageBus,
  type Order,
  OrderCache,
  type OrderEvent,
  type PositionEvent,
  parseDecimal,
  quoteMark,
  type RiskEvent,
  roundQuantityToLot,
  ValidationError,
} from "@ordo/core";
import type { TradingCalendar } from "@ordo/data";
import type { InstrumentPriceFeed, Portfolio } from "@ordo/portfolio";
import type { CircuitBreaker, RiskEngine, RiskPortfolioView } from "@ordo/risk";
import { EventLog } from "./event-log.js";
import { type EmulatorHost, type OrderEmulator, PassThroughEmulator } from "./order-emulator.js";
import { OrderManager } from "./order-manager.js";
import { nextScheduledTime, SCHEDULE_NEVER_FIRES, SCHEDULE_SEARCH_SESSIONS } from "./schedule.js";
import type { StrategyHooks, StrategyLike } from "./strategy.js";
import { createStrategyContext, type StrategyRuntime } from "./strategy-runtime.js";
import { thrownMessage } from "./thrown-message.js";

/** The data a node's strategies read (`ctx.data`): a replay cursor in backtests, a live cache live. */
export interface MarketDataView {
  current(instrumentId: string, field: string): number;
  history(instrumentId: string, field: string, n: number): Float64Array;
}

/** A venue the node can drive: any BrokerAdapter; a simulated one also takes market data. */
export type NodeVenue = BrokerAdapter & { process?(data: MarketData): void };

export interface StrategyRegistration {
  readonly strategy: StrategyLike;
  /** Default: the class name, else "S1", "S2", ... */
  readonly id?: string;
  readonly params?: unknown;
}

/** A failure inside a strategy hook: reported, counted by the breaker, and the run goes on. */
export interface StrategyError {
  readonly type: "StrategyError";
  readonly ts: number;
  readonly strategyId: string;
  readonly hook: string;
  readonly message: string;
}

/** An event the node refused to apply (e.g. a venue's late ModifyRejected for an order already filled). */
export interface NodeWarning {
  readonly type: "NodeWarning";
  readonly ts: number;
  readonly message: string;
}

export interface LogLine {
  readonly ts: number;
  readonly strategyId: string;
  readonly level: "debug" | "info" | "warn" | "error";
  readonly message: string;
  readonly fields?: Readonly<Record<string, unknown>>;
  /**
   * On the line that reports a throwing hook: what it threw, so a front end can show where (the CLI
   * prints the strategy file's line). Not in the event log: a stack names paths of one machine.
   */
  readonly error?: unknown;
}

export interface TradingNodeOptions {
  readonly clock: Clock;
  readonly instruments: readonly Instrument[];
  readonly venue: NodeVenue;
  readonly portfolio: Portfolio;
  readonly risk?: RiskEngine | null;
  readonly breaker?: CircuitBreaker | null;
  /** Builds the emulator for this venue; default: pass-through (the venue supports every order). */
  readonly emulator?: (host: EmulatorHost, venue: NodeVenue) => OrderEmulator;
  readonly calendar: TradingCalendar;
  readonly data: MarketDataView;
  readonly strategies: readonly StrategyRegistration[];
  readonly bus?: MessageBus;
  /** Record fills beyond an order's quantity instead of refusing them. */
  readonly allowOverfill?: boolean;
  /** Keep the event log's JSON lines (for `--events` output); the hash is always computed. */
  readonly keepEventLog?: boolean;
  /** Receives every strategy log line as it is written (default: kept only). */
  readonly onLog?: (line: LogLine) => void;
  readonly traderId?: string;
  /**
   * Why the calendar may not be the one the strategy means, logged as a warning with the first schedule
   * (a backtest of equities whose instruments name no calendar schedules on 24/7: a weekEnd rule then
   * fires on Sunday night).
   */
  readonly calendarWarning?: string;
}

interface Mark {
  data: MarketData;
  /**
   * The portfolio's bar input for the instrument: made with the mark when its first data is a bar, else
   * when its first bar is flushed.
   */
  feed: InstrumentPriceFeed | null;
  /** The portfolio has not seen `data` yet. */
  dirty: boolean;
  /** In the dirty list (it may have been flushed on its own since: then it is skipped there). */
  listed: boolean;
}

/** An epoch-ms time as ISO-8601 UTC to the second, as the CLI prints event times. */
function isoTime(ts: number): string {
  return new Date(ts).toISOString().replace(".000Z", "Z");
}

/** A hook call queued by the node itself (onStart, onStop, a schedule). */
interface HookCall {
  readonly type: "HookCall";
  readonly strategy: StrategyRuntime;
  readonly hook: string;
  readonly fn: () => void;
}

/** What waits for delivery to strategies: order and position events are queued as they are (no wrapper). */
type Notification = OrderEvent | PositionEvent | HookCall;

/**
 * The trading node (DESIGN.md sections 2 and 6): owns the clock, the bus, the order cache and the
 * components, and moves every event through them in one deterministic order.
 *
 * State changes (cache, portfolio, event log, bus) happen the moment an event is produced, in production
 * order. Strategy callbacks are queued and delivered once the component that produced the event has
 * returned, so a venue is never re-entered from inside its own matching and a strategy always sees
 * events in the order they happened. For market data: the venue matches first, then the emulator, then
 * marks, then `onBar`/`onQuote`/`onTrade`.
 */
export class TradingNode {
  readonly clock: Clock;
  readonly bus: MessageBus;
  readonly cache: OrderCache;
  readonly portfolio: Portfolio;
  readonly venue: NodeVenue;
  readonly risk: RiskEngine | null;
  readonly breaker: CircuitBreaker | null;
  readonly calendar: TradingCalendar;
  readonly data: MarketDataView;
  readonly eventLog: EventLog;
  readonly orders: OrderManager;
  readonly emulator: OrderEmulator;
  readonly instruments: ReadonlyMap<string, Instrument>;
  readonly strategies: readonly StrategyRuntime[];
  readonly logs: LogLine[] = [];
  readonly strategyErrors: StrategyError[] = [];
  readonly warnings: NodeWarning[] = [];
  /** Risk and circuit-breaker events (trading state changes, trips, resets) in the order they happened. */
  readonly riskEvents: RiskEvent[] = [];
  /**
   * Why each order that ended denied, rejected, canceled with a reason (the venue's, e.g. a fill the
   * account could not book) or failed ended so, by order id: its event's reason, with the code first for
   * a denial (`INSUFFICIENT_FUNDS: ...`).
   */
  readonly endReasons = new Map<string, string>();
  /** Every fill applied, in order. */
  readonly fillLog: Extract<OrderEvent, { type: "OrderFilled" }>[] = [];

  /**
   * Notifications waiting for delivery: `#queue[#queueHead]` to `#queue[#queueEnd - 1]`. The list keeps its
   * room between steps: setting an array's length to 0 gives its room back to the heap (V8 trims it), so
   * the next step's first push would allocate a new one.
   */
  readonly #queue: (Notification | undefined)[] = [];
  #queueHead = 0;
  #queueEnd = 0;
  #depth = 0;
  readonly #marks = new Map<string, Mark>();
  /** Marks flagged since the last flush: `#dirty[0]` to `#dirty[#dirtyCount - 1]` (kept room, as the queue's). */
  readonly #dirty: Mark[] = [];
  #dirtyCount = 0;
  readonly #onLog: ((line: LogLine) => void) | undefined;
  readonly #portfolioView: RiskPortfolioView;
  #started = false;
  #stopped = false;
  #ended = false;
  #scheduleCount = 0;
  #calendarWarning: string | null;
  /** Each schedule's rules, how often it fired and its first time, to name at the stop the ones that never fired. */
  readonly #schedules: { strategy: StrategyRuntime; rules: string; fired: number; firstAt: number }[] = [];
  /**
   * A hook threw and the breaker has not yet heard of a hook that returned since, or it is still not CLOSED
   * after that: the next hook that returns records a success (one boolean read per hook otherwise).
   */
  #errorStreak = false;

  constructor(options: TradingNodeOptions) {
    this.clock = options.clock;
    this.bus = options.bus ?? new MessageBus();
    this.cache = new OrderCache({ allowOverfill: options.allowOverfill ?? false });
    this.portfolio = options.portfolio;
    this.venue = options.venue;
    this.risk = options.risk ?? null;
    this.breaker = options.breaker ?? this.risk?.breaker ?? null;
    this.calendar = options.calendar;
    this.#calendarWarning = options.calendarWarning ?? null;
    this.data = options.data;
    this.eventLog = new EventLog({ keep: options.keepEventLog ?? false });
    this.instruments = new Map(options.instruments.map((i) => [i.id, i]));
    this.#onLog = options.onLog;
    this.#portfolioView = this.#flushingView();

    const host: EmulatorHost = {
      now: () => this.clock.now(),
      order: (id) => this.cache.get(id),
      emit: (event) => {
        this.emit(event);
      },
      sendToVenue: (_order, asSent) => this.venue.submit(asSent),
      cancelAtVenue: (orderId) => {
        this.orders.cancel(orderId);
      },
      modifyAtVenue: (orderId, change) => {
        this.orders.modify(orderId, change);
      },
      instrument: (id) => this.instruments.get(id),
      setTimer: (name, at, callback) => this.clock.setTimer(name, at, () => this.#run(callback)),
      cancelTimer: (name) => {
        this.clock.cancelTimer(name);
      },
    };
    this.emulator = options.emulator
      ? options.emulator(host, this.venue)
      : new PassThroughEmulator(this.venue.capabilities);
    this.orders = new OrderManager({
      clock: this.clock,
      cache: this.cache,
      instruments: this.instruments,
      venue: this.venue,
      emulator: this.emulator,
      risk: this.risk,
      emit: (event) => this.emit(event),
      ...(options.traderId !== undefined && { traderId: options.traderId }),
    });

    this.venue.reports.subscribe((report) => this.#onReport(report));
    this.risk?.events$.subscribe((event) => this.#onRiskEvent(event));
    if (this.breaker && !this.risk) this.breaker.events$.subscribe((event) => this.#onRiskEvent(event));

    const usedIds = new Set<string>();
    this.strategies = options.strategies.map((registration, i) => {
      const runtime = createStrategyContext(this, registration, i, usedIds);
      usedIds.add(runtime.id);
      return runtime;
    });
  }

  /** The portfolio as the risk engine should read it: marks brought up to date first. */
  get portfolioView(): RiskPortfolioView {
    return this.#portfolioView;
  }

  /**
   * What each read needs of the marks: quantities none, one instrument's price its own mark, equity (and a
   * margin account's buying power, which depends on it) all of them. A cash account's buying power is cash.
   */
  #flushingView(): RiskPortfolioView {
    const p = this.portfolio;
    const marginAccount = p.config.accountType === "MARGIN";
    return {
      netQuantity: (id) => p.netQuantity(id),
      equity: () => {
        this.flushMarks();
        return p.equity();
      },
      buyingPower: () => {
        if (marginAccount) this.flushMarks();
        return p.buyingPower();
      },
      lastPrice: (id) => {
        this.#flushMark(id);
        return p.lastPrice(id);
      },
      // The latest quote's ask (buy) or bid (sell), so market orders on quotes are valued where they fill;
      // null on bar and trade data, where the risk engine keeps to lastPrice.
      marketPrice: (id, side) => {
        this.#flushMark(id);
        return p.marketPrice(id, side);
      },
      // What an order commits: a margin account's initial margin (a cash account's is the notional, the
      // risk engine's default).
      ...(marginAccount && {
        fundsRequired: (instrument, quantity, price) => p.fundsRequired(instrument, quantity, price),
      }),
    };
  }

  // -------------------------------------------------------------------------------------------------------
  // Events
  // -------------------------------------------------------------------------------------------------------

  /**
   * Applies an order event: state machine (through the cache), event log, bus, portfolio (fills),
   * emulator; queues the strategy's notification. Returns the order's new state, or undefined when the
   * state machine refused the event (recorded as a NodeWarning; the order is unchanged).
   */
  emit(event: OrderEvent): Order | undefined {
    let order: Order;
    try {
      order = this.cache.apply(event);
    } catch (error) {
      if (!(error instanceof InvalidStateTransitionError)) throw error;
      const warning: NodeWarning = { type: "NodeWarning", ts: this.clock.now(), message: error.message };
      this.warnings.push(warning);
      this.eventLog.append(warning);
      return undefined;
    }
    this.eventLog.append(event);
    this.bus.publish("orderEvents", event);
    const type = event.type;
    if (
      type === "OrderCanceled" ||
      type === "OrderDenied" ||
      type === "OrderRejected" ||
      type === "OrderFailed"
    )
      this.#noteEndReason(event);
    // Queued before the fill's position events and before the emulator reacts: a strategy sees the fill,
    // then the position it changed, then the sibling it cancels, as the event log has them.
    this.#enqueue(event);
    if (event.type === "OrderFilled") this.#applyFill(event);
    this.emulator.onOrderEvent(event);
    return order;
  }

  /**
   * Why the portfolio would refuse a fill the venue is about to make (its DeniedError's message), or null:
   * the backtest's venue asks before each fill (`fillGuard`) and cancels the order with this reason.
   */
  fillDenial(fill: Extract<OrderEvent, { type: "OrderFilled" }>): string | null {
    const instrument = this.instruments.get(fill.instrumentId);
    if (instrument === undefined) return null;
    // Valued as applyFill would value it: the fill's own instrument at its latest data.
    this.#flushMark(fill.instrumentId);
    return this.portfolio.fillDenial(fill, instrument)?.message ?? null;
  }

  #applyFill(event: Extract<OrderEvent, { type: "OrderFilled" }>): void {
    const instrument = this.instruments.get(event.instrumentId)!;
    this.fillLog.push(event);
    // The fill's own instrument is brought up to date (its position event carries unrealized PnL); the
    // others wait until something reads a valuation.
    this.#flushMark(event.instrumentId);
    let outcome: ReturnType<Portfolio["applyFill"]>;
    try {
      outcome = this.portfolio.applyFill(event, instrument);
    } catch (error) {
      // A venue without a fill guard (a broker, a custom venue) filled what the account cannot book. The
      // fill happened at the venue, so it stays in the fill log; the books leave it out (the portfolio
      // changed nothing), and the run goes on with the discrepancy reported, not thrown into the venue.
      if (!(error instanceof DeniedError)) throw error;
      const warning: NodeWarning = {
        type: "NodeWarning",
        ts: this.clock.now(),
        message: `the portfolio refused fill ${event.tradeId} of order ${event.orderId}, which the venue made: ${error.message}; positions and cash leave it out`,
      };
      this.warnings.push(warning);
      this.eventLog.append(warning);
      return;
    }
    const events = outcome.events;
    for (let i = 0; i < events.length; i++) {
      const positionEvent = events[i]!;
      this.eventLog.append(positionEvent);
      this.bus.publish("positions", positionEvent);
      this.#enqueue(positionEvent);
    }
    if (this.breaker) {
      for (const trip of outcome.roundTrips) this.breaker.recordTrade(trip.netPnl);
      this.breaker.updateBalance(this.portfolio.equity());
    }
  }

  #noteEndReason(
    event: Extract<OrderEvent, { type: "OrderCanceled" | "OrderDenied" | "OrderRejected" | "OrderFailed" }>,
  ): void {
    if (event.reason === null) return;
    this.endReasons.set(
      event.orderId,
      event.type === "OrderDenied" ? `${event.code}: ${event.reason}` : event.reason,
    );
  }

  #onRiskEvent(event: RiskEvent): void {
    this.riskEvents.push(event);
    this.eventLog.append(event);
    this.bus.publish("risk", event);
  }

  /** A venue report is one step: applied now, its notifications delivered when the step ends. */
  #onReport(report: OrderEvent): void {
    this.#depth++;
    try {
      this.emit(report);
    } finally {
      this.#depth--;
    }
    if (this.#depth === 0) this.#drain();
  }

  /** Runs `fn` as one step; when the outermost step ends, queued strategy notifications are delivered. */
  #run(fn: () => void): void {
    this.#depth++;
    try {
      fn();
    } finally {
      this.#depth--;
    }
    if (this.#depth === 0) this.#drain();
  }

  #enqueue(n: Notification): void {
    this.#queue[this.#queueEnd++] = n;
  }

  #drain(): void {
    if (this.#queueEnd === 0) return;
    this.#depth++;
    try {
      const queue = this.#queue;
      // A hook may queue more while this runs: the end is read again each time.
      while (this.#queueHead < this.#queueEnd) {
        const at = this.#queueHead++;
        const n = queue[at]!;
        queue[at] = undefined; // delivered: not kept alive by the queue
        this.#deliver(n);
      }
      this.#queueHead = 0;
      this.#queueEnd = 0;
    } finally {
      this.#depth--;
    }
  }

  #deliver(n: Notification): void {
    // Told apart by their `type`, which every notification has: on objects of many shapes (every event
    // type has its own) a field they all have is a quick read, while testing for one that some lack (or
    // `in`) looks along the prototype chain each time.
    const type = n.type;
    if (type === "HookCall") {
      this.#invoke(n.strategy, n.hook, n.fn);
      return;
    }
    const isPosition = isPositionEventType(type);
    const strategyId = isPosition ? (n as PositionEvent).position.strategyId : (n as OrderEvent).strategyId;
    const strategies = this.strategies;
    for (let i = 0; i < strategies.length; i++) {
      const s = strategies[i]!;
      if (s.id !== strategyId) continue;
      const hooks = s.hooks as StrategyHooks<unknown>;
      if (isPosition) {
        if (hooks.onPositionEvent)
          this.#call(s, "onPositionEvent", hooks.onPositionEvent, n as PositionEvent);
      } else {
        if (hooks.onOrderEvent) this.#call(s, "onOrderEvent", hooks.onOrderEvent, n as OrderEvent);
        // Then `ctx.orders.events$` and its filters, at the same point: their subscribers are guarded.
        const stream = s.orderEvents;
        if (stream.observed) stream.next(n as OrderEvent);
      }
    }
  }

  /** A subscriber of a strategy's `ctx.orders` streams threw: a StrategyError, as for a hook. */
  streamFailed(strategy: StrategyRuntime, error: unknown): void {
    this.#failed(strategy, "events$", error);
  }

  /** Calls `hook(ctx, arg)` on a strategy's hooks object; a throw becomes a StrategyError (no closure per call). */
  #call<A>(
    strategy: StrategyRuntime,
    hook: string,
    fn: (this: unknown, ctx: StrategyRuntime["ctx"], arg: A) => void,
    arg: A,
  ): void {
    try {
      fn.call(strategy.hooks, strategy.ctx, arg);
    } catch (error) {
      this.#failed(strategy, hook, error);
      return;
    }
    if (this.#errorStreak) this.#succeeded();
  }

  /** Calls a strategy hook; a throw becomes a StrategyError event, counted by the breaker. */
  #invoke(strategy: StrategyRuntime, hook: string, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.#failed(strategy, hook, error);
      return;
    }
    if (this.#errorStreak) this.#succeeded();
  }

  /**
   * A hook returned after one threw: a success for the breaker, which ends the error streak (so
   * `maxConsecutiveErrors` counts errors in a row, not in all) and closes a HALF_OPEN breaker that an error
   * tripped. Called again on each hook that returns until the breaker is CLOSED.
   */
  #succeeded(): void {
    const breaker = this.breaker;
    if (breaker === null) {
      this.#errorStreak = false;
      return;
    }
    breaker.recordSuccess();
    this.#errorStreak = breaker.state !== "CLOSED";
  }

  #failed(strategy: StrategyRuntime, hook: string, error: unknown): void {
    const message = thrownMessage(error);
    const failure: StrategyError = {
      type: "StrategyError",
      ts: this.clock.now(),
      strategyId: strategy.id,
      hook,
      message,
    };
    this.strategyErrors.push(failure);
    this.eventLog.append(failure);
    this.bus.publish("errors", {
      topic: "strategy",
      subscriber: `${strategy.id}.${hook}`,
      error,
      message: failure,
    });
    if (this.breaker !== null) {
      this.breaker.recordError(error);
      this.#errorStreak = true;
    }
    this.log(strategy.id, "error", `${hook} threw: ${message}`, undefined, error);
  }

  log(
    strategyId: string,
    level: LogLine["level"],
    message: string,
    fields?: Readonly<Record<string, unknown>>,
    error?: unknown,
  ): void {
    const line: LogLine = {
      ts: this.clock.now(),
      strategyId,
      level,
      message,
      ...(fields !== undefined && { fields }),
      ...(error !== undefined && { error }),
    };
    this.logs.push(line);
    this.#onLog?.(line);
  }

  // -------------------------------------------------------------------------------------------------------
  // Market data and marks
  // -------------------------------------------------------------------------------------------------------

  /** Brings the portfolio's marks up to date with the latest data (done lazily: most are replaced before a read). */
  flushMarks(): void {
    const count = this.#dirtyCount;
    if (count === 0) return;
    const dirty = this.#dirty;
    for (let i = 0; i < count; i++) {
      const mark = dirty[i]!;
      mark.listed = false;
      if (!mark.dirty) continue;
      mark.dirty = false;
      this.#toPortfolio(mark);
    }
    this.#dirtyCount = 0;
  }

  /** Brings one instrument's mark up to date. */
  #flushMark(instrumentId: string): void {
    const mark = this.#marks.get(instrumentId);
    if (mark === undefined || !mark.dirty) return;
    // It stays in the dirty list (a search there costs more than the skip in flushMarks).
    mark.dirty = false;
    this.#toPortfolio(mark);
  }

  /** Gives the portfolio an instrument's latest data: a bar through the instrument's feed (no lookup). */
  #toPortfolio(mark: Mark): void {
    const data = mark.data;
    if (data.kind !== "bar") {
      this.portfolio.onMarketData(data);
      return;
    }
    let feed = mark.feed;
    if (feed === null) {
      feed = this.portfolio.priceFeed(data.instrumentId);
      mark.feed = feed;
    }
    feed.onBar(data);
  }

  #mark(data: MarketData): void {
    let mark = this.#marks.get(data.instrumentId);
    if (mark === undefined) {
      // A bar's instrument gets its portfolio feed now: a field that starts null and later holds an
      // object would throw away the code already optimized for marks when the first feed arrived.
      const feed = data.kind === "bar" ? this.portfolio.priceFeed(data.instrumentId) : null;
      mark = { data, feed, dirty: false, listed: false };
      this.#marks.set(data.instrumentId, mark);
    } else if (mark.feed === null && data.kind === "quote" && data.bid === 0 && data.ask === 0) {
      // A quote with neither side (both at 0 in a file) leaves the price as it was, as the portfolio and
      // the venue do; taking it would hand the portfolio only this quote at the next flush, and it would
      // keep a mark older than the quotes before it. (A bar instrument has a feed: one test, no more.)
      return;
    }
    mark.data = data;
    mark.dirty = true;
    if (!mark.listed) {
      mark.listed = true;
      this.#dirty[this.#dirtyCount++] = mark;
    }
  }

  /** Starts the strategies (`onStart`). The clock must already read the start time. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#run(() => {
      for (const s of this.strategies) {
        const hooks = s.hooks as StrategyHooks<unknown>;
        if (hooks.onStart)
          this.#enqueue({ type: "HookCall", strategy: s, hook: "onStart", fn: () => hooks.onStart!(s.ctx) });
      }
    });
  }

  /**
   * One market data event: the venue matches first (so resting orders see it before the strategy), then
   * the emulator, then marks, then the strategies' hooks. The caller has advanced the clock to `data.ts`.
   */
  onMarketData(data: MarketData): void {
    this.#depth++;
    try {
      this.venue.process?.(data);
      this.emulator.onMarketData(data);
      this.#mark(data);
      this.bus.publish("marketData", data);
    } finally {
      this.#depth--;
    }
    this.#drain();
    const strategies = this.strategies;
    for (let i = 0; i < strategies.length; i++) {
      const s = strategies[i]!;
      const hooks = s.hooks as StrategyHooks<unknown>;
      this.#depth++;
      try {
        if (data.kind === "bar") {
          if (hooks.onBar) this.#call(s, "onBar", hooks.onBar, data);
        } else if (data.kind === "quote") {
          if (hooks.onQuote) this.#call(s, "onQuote", hooks.onQuote, data);
        } else if (hooks.onTrade) this.#call(s, "onTrade", hooks.onTrade, data);
      } finally {
        this.#depth--;
      }
      this.#drain();
    }
  }

  /** Stops the strategies (`onStop`); orders still working stay as they are. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    // A rule that can fire but did not in this run (monthStart(22) over a quarter without a 23-session
    // month) leaves its function silently unrun: say so, with the time it was waiting for.
    for (const s of this.#schedules) {
      if (s.fired === 0)
        this.log(
          s.strategy.id,
          "warn",
          `the schedule ${s.rules} never fired in this run: its first time, ${isoTime(s.firstAt)}, is after the run's last event at ${isoTime(this.clock.now())}`,
        );
    }
    this.#run(() => {
      for (const s of this.strategies) {
        const hooks = s.hooks as StrategyHooks<unknown>;
        if (hooks.onStop)
          this.#enqueue({ type: "HookCall", strategy: s, hook: "onStop", fn: () => hooks.onStop!(s.ctx) });
      }
    });
    this.flushMarks();
    this.#ended = true;
  }

  /** Whether the node has stopped and `onStop` has run: from then on nothing works an order or fires a timer. */
  get ended(): boolean {
    return this.#ended;
  }

  // -------------------------------------------------------------------------------------------------------
  // Helpers for the strategy context
  // -------------------------------------------------------------------------------------------------------

  /** Runs a command from outside a hook (tests, the live node's API) as one step. */
  command<T>(fn: () => T): T {
    let out: T;
    this.#run(() => {
      out = fn();
    });
    return out!;
  }

  /** Schedules `fn` by date and time rules on the node's calendar; re-arms itself after each firing. */
  schedule(
    strategy: StrategyRuntime,
    dateRule: Parameters<typeof nextScheduledTime>[1],
    timeRule: Parameters<typeof nextScheduledTime>[2],
    fn: () => void,
  ): void {
    const name = `schedule:${strategy.id}:${++this.#scheduleCount}`;
    const rules = `${dateRule.description} at ${timeRule.description}`;
    const first = nextScheduledTime(this.calendar, dateRule, timeRule, this.clock.now());
    if (first === null) {
      // A rule no session matches (monthStart(30), weekStart(5) on XNYS) would never run fn: say so now.
      throw ValidationError.field(
        "schedule",
        `${rules} never fires on the ${this.calendar.id} calendar (none of the next ${SCHEDULE_SEARCH_SESSIONS} sessions matches it)`,
        SCHEDULE_NEVER_FIRES,
      );
    }
    if (this.#calendarWarning !== null) {
      const weekday = new Date(first).toLocaleDateString("en-US", { weekday: "long", timeZone: "UTC" });
      this.log(
        strategy.id,
        "warn",
        `the schedule ${rules} runs on the ${this.calendar.id} calendar: ${this.#calendarWarning}; it first fires at ${isoTime(first)} (a ${weekday})`,
      );
      this.#calendarWarning = null; // once a run
    }
    const entry = { strategy, rules, fired: 0, firstAt: first };
    this.#schedules.push(entry);
    const arm = (at: number) => {
      this.clock.setTimer(name, at, (event) => {
        entry.fired++;
        const next = nextScheduledTime(this.calendar, dateRule, timeRule, event.ts);
        if (next !== null) arm(next);
        this.#run(() => {
          this.#enqueue({ type: "HookCall", strategy, hook: "schedule", fn });
        });
      });
    };
    arm(first);
  }

  /** Signed quantity the portfolio holds in an instrument. */
  position(instrumentId: string): Decimal {
    return this.portfolio.netQuantity(instrumentId);
  }

  /** Whether the instrument has had market data in this run (so `lastPrice` is not null). */
  hasPrice(instrumentId: string): boolean {
    return this.#marks.has(instrumentId);
  }

  /**
   * The latest price of an instrument as a Decimal (close, trade price or quote mid), or null. A quote
   * with a side at 0 ("no bid" or "no ask" in a file) gives its other side, not half of it; a quote with
   * neither side is not noted (`#mark`), so the quote before it answers.
   */
  lastPrice(instrumentId: string): Decimal | null {
    const mark = this.#marks.get(instrumentId);
    if (mark === undefined) return null;
    const d = mark.data;
    if (d.kind === "bar") return ExactDecimal.fromNumber(d.close);
    if (d.kind === "trade") return ExactDecimal.fromNumber(d.price);
    return quoteMark(d.bid, d.ask);
  }

  /** Rounds a signed quantity toward zero onto the instrument's lot. */
  lotQuantity(instrumentId: string, amount: DecimalLike): Decimal {
    const instrument = this.instruments.get(instrumentId);
    const q = parseDecimal(amount, { field: "amount" });
    if (!instrument) return q;
    const rounded = roundQuantityToLot(instrument, q.abs());
    return q.isNegative() ? rounded.neg() : rounded;
  }

  /** Rounds a quantity (not negative) down onto the instrument's lot. */
  roundToLot(instrumentId: string, quantity: Decimal): Decimal {
    const instrument = this.instruments.get(instrumentId);
    return instrument ? roundQuantityToLot(instrument, quantity) : quantity;
  }

  /** The strategy's active orders. */
  activeOrders(strategyId: string, instrumentId?: string): Order[] {
    return this.cache.activeOrders({ strategyId, ...(instrumentId !== undefined && { instrumentId }) });
  }
}

import {
  createInstrument,
  type Instrument,
  type InstrumentInput,
  type Order,
  type OrderFilled,
  type OrderSide,
  type RiskEvent,
  ValidationError,
  VirtualClock,
} from "@ordo/core";
import {
  ALWAYS_OPEN,
  calendarById,
  type MarketSeries,
  Replay,
  type ReplayCursor,
  type TradingCalendar,
} from "@ordo/data";
import {
  createScenarioVenue,
  type ScenarioAccount,
  ScenarioAccountSchema,
  type ScenarioVenue,
  ScenarioVenueSchema,
  type SessionCalendar,
} from "@ordo/execution";
import {
  type EquityPoint,
  type MarginHistory,
  type PerformanceMetrics,
  Portfolio,
  type PositionDirection,
  type TradeStatistics,
} from "@ordo/portfolio";
import { CircuitBreaker, type CircuitBreakerConfigInput, type RiskConfigInput, RiskEngine } from "@ordo/risk";
import type { z } from "zod";
import { type BacktestEmulation, backtestEmulation } from "./emulator/backtest-emulation.js";
import type { StrategyLike } from "./strategy.js";
import { type LogLine, type MarketDataView, type StrategyError, TradingNode } from "./trading-node.js";

export interface BacktestFeed {
  readonly instrument: Instrument | InstrumentInput;
  /** One or more series of this instrument (bars, quotes, trades). */
  readonly series: MarketSeries | readonly MarketSeries[];
}

export interface BacktestOptions {
  readonly strategy: StrategyLike;
  readonly strategyId?: string;
  readonly params?: unknown;
  readonly feeds: readonly BacktestFeed[];
  /** The scenario format's `account` (type cash or margin, currency, balance, leverage). */
  readonly account: z.input<typeof ScenarioAccountSchema>;
  /** The scenario format's `venue` (fill timing, bar path, slippage, commission, latency). */
  readonly venue?: z.input<typeof ScenarioVenueSchema>;
  /** Pre-trade risk config; default: instrument rules only (no buying-power check in a margin account). */
  readonly risk?: RiskConfigInput;
  /** A circuit breaker, when given. */
  readonly breaker?: CircuitBreakerConfigInput;
  /** First time replayed (inclusive) and end (exclusive), epoch ms or ISO. */
  readonly start?: number | string;
  readonly end?: number | string;
  /**
   * The trading calendar for schedules, DAY orders and equity sampling; default: the first instrument's
   * `calendar` (e.g. "XNYS"), else 24/7.
   */
  readonly calendar?: TradingCalendar | string;
  /** Equity curve points: one at the end of each UTC day with data ("day", default) or one per event ("event"). */
  readonly equityCurve?: "day" | "event";
  /** Keep the event log's JSON lines in the result (the hash is always there). */
  readonly keepEventLog?: boolean;
  /** Periods per year for annualised metrics; default inferred from the equity curve's spacing. */
  readonly periodsPerYear?: number;
  readonly riskFreeRate?: number;
  /** Called every `progressEvery` events (default 50,000) and at the end. */
  readonly onProgress?: (done: number, total: number) => void;
  readonly progressEvery?: number;
  readonly onLog?: (line: LogLine) => void;
  /** "local", or `{ venueSupports: {...} }` to run as against a venue lacking the rest (docs/emulator.md). */
  readonly emulator?: BacktestEmulation;
}

export interface BacktestFill {
  readonly at: number;
  readonly orderId: string;
  readonly instrumentId: string;
  readonly side: "BUY" | "SELL";
  readonly price: OrderFilled["price"];
  readonly quantity: OrderFilled["quantity"];
  readonly commission: OrderFilled["commission"];
}

type Money = EquityPoint["equity"];

/** A position still open at the end of a backtest. */
export interface BacktestPosition {
  readonly instrumentId: string;
  /** The way the position faces: LONG (quantity above zero) or SHORT (below). */
  readonly side: PositionDirection;
  /** Signed: + long, − short. */
  readonly quantity: Money;
  readonly avgOpenPrice: Money;
  /** Realized by the fills that reduced this position so far, before commissions. */
  readonly realizedPnl: Money;
  readonly unrealizedPnl: Money;
}

/**
 * The account at the end of a backtest, one entry per currency with a balance or a position (the account's
 * currency first), every figure as the portfolio keeps it (docs/portfolio.md, "Accounts").
 */
export interface BacktestAccount {
  /** The config's account type. */
  readonly type: "cash" | "margin";
  /** A margin account's leverage (1 when the config gives none); null for a cash account. */
  readonly leverage: Money | null;
  readonly balances: readonly BacktestBalance[];
}

export interface BacktestBalance {
  readonly currency: string;
  /** The ledger balance. */
  readonly cash: Money;
  /** Cash + positions' value in this currency (their unrealized PnL in a margin account). */
  readonly equity: Money;
  /** Initial margin locked by the open positions (`Portfolio.marginUsed`); 0 in a cash account. */
  readonly initialMargin: Money;
  /** Maintenance margin of the open positions (`Portfolio.maintenanceMargin`); 0 in a cash account. */
  readonly maintenanceMargin: Money;
  /**
   * What can still be committed (`Portfolio.buyingPower`, what the risk engine's buying-power check reads):
   * the cash of a cash account, equity − initial margin of a margin account, not below zero. The portfolio
   * has it in the account's currency only (it converts no currency), so other currencies have null.
   */
  readonly buyingPower: Money | null;
  /** Whether equity is below the maintenance margin (`Portfolio.isMarginCall`); false in a cash account. */
  readonly marginCall: boolean;
  /**
   * A margin account's margin during the run, read at each point of the equity curve
   * (`Portfolio.marginHistory`): the peak initial margin and the points in a margin call, which the
   * figures at the end do not show. Null in a cash account and for a currency the curve is not kept in.
   */
  readonly marginHistory: MarginHistory | null;
}

export interface BacktestResult {
  readonly strategyId: string;
  readonly start: number | null;
  readonly end: number | null;
  readonly events: number;
  readonly currency: string;
  readonly startingValue: Money;
  /** Equity at the end: cash + positions' value. */
  readonly finalValue: Money;
  readonly cash: EquityPoint["balance"];
  /**
   * Realized PnL of every fill in the account's currency, before commissions: partial closes and the
   * reductions of positions still open count, where `tradeStats` counts closed round trips only.
   * finalValue − startingValue = realizedPnl + unrealizedPnl − commissions.
   */
  readonly realizedPnl: Money;
  /** Unrealized PnL of the positions still open, at the last marks, in the account's currency. */
  readonly unrealizedPnl: Money;
  /** Commissions charged in the account's currency (rebates negative). */
  readonly commissions: Money;
  /** Margin in use, buying power and balances per currency at the end. */
  readonly account: BacktestAccount;
  readonly fills: readonly BacktestFill[];
  readonly orders: readonly Order[];
  /** Positions still open at the end, in opening order. */
  readonly positions: readonly BacktestPosition[];
  readonly metrics: PerformanceMetrics;
  /** Statistics of closed round trips only (a position opened and closed again); see `realizedPnl` for every fill's. */
  readonly tradeStats: TradeStatistics;
  readonly equityCurve: readonly EquityPoint[];
  readonly recorded: readonly { ts: number; values: Record<string, number> }[];
  readonly strategyErrors: readonly StrategyError[];
  /**
   * Why each order that ended denied, rejected, canceled with a reason or failed ended so, by order id
   * (`TradingNode.endReasons`); the result JSON puts it on the order as `reason`.
   */
  readonly endReasons: ReadonlyMap<string, string>;
  /** Risk engine and circuit breaker events: trading state changes, trips, half-opens, resets. */
  readonly riskEvents: readonly RiskEvent[];
  readonly logs: readonly LogLine[];
  readonly eventLogHash: string;
  readonly eventLog?: readonly string[];
  /**
   * Wall-clock milliseconds of the run's phases, for reporting speed only (never read by any rule, and left
   * out of the result JSON, which stays byte-identical between runs): `setupMs` builds the node and plans
   * the replay, `loopMs` replays every event through it, `resultMs` works out metrics and statistics.
   */
  readonly timings: BacktestTimings;
}

export interface BacktestTimings {
  readonly setupMs: number;
  readonly loopMs: number;
  readonly resultMs: number;
}

function resolveCalendar(
  option: TradingCalendar | string | undefined,
  instruments: readonly Instrument[],
): TradingCalendar {
  const id =
    typeof option === "string" ? option : option === undefined ? instruments[0]?.calendar : undefined;
  if (option !== undefined && typeof option !== "string") return option;
  if (id === undefined) return ALWAYS_OPEN;
  return calendarAt(id, typeof option === "string" ? ["calendar"] : ["feeds", 0, "instrument", "calendar"]);
}

/** The calendar for an id, or a ValidationError naming `field` (calendarById's own error is a RangeError). */
function calendarAt(id: string, field: readonly (string | number)[]): TradingCalendar {
  try {
    return calendarById(id);
  } catch (error) {
    if (error instanceof RangeError) throw ValidationError.field(field, error.message);
    throw error;
  }
}

/** The venue's view of sessions, from a trading calendar. */
export function venueSessions(calendar: TradingCalendar): SessionCalendar {
  return (_instrumentId, ts) => {
    const s = calendar.sessionFor(ts) ?? calendar.nextSession(ts);
    return { open: s.open, close: s.close };
  };
}

/**
 * The venue's view of sessions when instruments trade on different calendars: each instrument's own
 * `calendar`, else the run's. A DAY order on a 24/7 instrument expires at midnight UTC even when the run's
 * calendar (the first instrument's) is XNYS, whose 16:00 close means nothing to that instrument.
 */
function instrumentSessions(
  instruments: readonly Instrument[],
  runCalendar: TradingCalendar,
): SessionCalendar {
  const byInstrument = new Map<string, TradingCalendar>();
  instruments.forEach((instrument, i) => {
    const id = instrument.calendar;
    if (id === undefined || id === runCalendar.id) return;
    byInstrument.set(instrument.id, calendarAt(id, ["feeds", i, "instrument", "calendar"]));
  });
  const run = venueSessions(runCalendar);
  if (byInstrument.size === 0) return run;
  const own = new Map([...byInstrument].map(([id, calendar]) => [id, venueSessions(calendar)]));
  return (instrumentId, ts) => (own.get(instrumentId) ?? run)(instrumentId, ts);
}

/** ctx.data over a replay cursor: only rows already replayed, or before the run's start, are visible. */
export function replayDataView(cursor: ReplayCursor): MarketDataView {
  return {
    current: (instrumentId, field) => {
      if (field === "ts") {
        const feed = cursor.replay.feedIndex(instrumentId);
        if (feed < 0) return Number.NaN;
        const row = cursor.lastRow(feed);
        return row < 0 ? Number.NaN : cursor.replay.feeds[feed]!.ts[row]!;
      }
      return cursor.current(instrumentId, field as never);
    },
    history: (instrumentId, field, n) => cursor.history(instrumentId, field as never, n),
  };
}

function toTime(value: number | string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  const t = typeof value === "number" ? value : Date.parse(value);
  if (Number.isNaN(t))
    throw ValidationError.field(field, `must be an ISO-8601 time or epoch milliseconds, got "${value}"`);
  return t;
}

/**
 * Runs a strategy over historical data through the full node (order manager, risk, simulated venue,
 * portfolio), driven by event time: data and timers merge into one time order, so the same inputs give
 * the same event log, byte for byte (`eventLogHash`).
 */
export function runBacktest(options: BacktestOptions): BacktestResult {
  const setupStart = performance.now();
  const instruments = options.feeds.map((f, i) => {
    if ("tickSize" in f.instrument && typeof f.instrument.tickSize === "object")
      return f.instrument as Instrument;
    try {
      return createInstrument(f.instrument as InstrumentInput);
    } catch (error) {
      // createInstrument names the field from `instrument`; say which feed's instrument it is.
      if (!(error instanceof ValidationError)) throw error;
      throw new ValidationError(
        error.issues.map((issue) => ({ ...issue, path: ["feeds", i, ...issue.path] })),
      );
    }
  });
  const account: ScenarioAccount = parse(ScenarioAccountSchema, options.account, "account");
  const venueConfig: ScenarioVenue = parse(ScenarioVenueSchema, options.venue ?? {}, "venue");
  const calendar = resolveCalendar(options.calendar, instruments);
  const sessions = instrumentSessions(instruments, calendar);
  const series = options.feeds.flatMap((f) =>
    Array.isArray(f.series) ? f.series : [f.series as MarketSeries],
  );
  const start = toTime(options.start, "start");
  const end = toTime(options.end, "end");
  const replay = new Replay(series, {
    ...(start !== undefined && { start }),
    ...(end !== undefined && { end }),
  });
  const cursor = replay.cursor();
  const firstTs = replay.length > 0 ? replay.feeds[replay.feedOf[0]!]!.ts[replay.rowOf[0]!]! : (start ?? 0);
  const clock = new VirtualClock(firstTs);

  // The node is built last; the venue's and the risk engine's callbacks read it only once the run goes.
  let node: TradingNode | null = null;
  const venue = createScenarioVenue({
    clock,
    instruments,
    account,
    venue: venueConfig,
    calendar: sessions,
    // A fill the portfolio would refuse (cash, a short sale in a cash account, margin) is not made: the
    // venue cancels the order with the portfolio's reason (docs/engine.md, "The order path").
    fillGuard: (fill) => node!.fillDenial(fill),
  });
  const portfolio = new Portfolio({
    // Named, so that the portfolio's refusals ("cash account BACKTEST cannot sell short") do not read as if
    // a placeholder were left in them (the portfolio's default id is "ACCOUNT").
    accountId: "BACKTEST",
    accountType: account.type === "cash" ? "CASH" : "MARGIN",
    baseCurrency: account.currency,
    startingCash: account.balance,
    startTs: firstTs,
    ...(account.leverage !== undefined && { leverage: account.leverage }),
  });
  const breaker = options.breaker
    ? under("breaker", () => new CircuitBreaker({ clock, config: options.breaker! }))
    : null;
  const risk = under(
    "risk",
    () =>
      new RiskEngine({
        clock,
        config: options.risk ?? { checkBuyingPower: account.type === "cash" },
        portfolio: {
          netQuantity: (id) => node!.portfolioView.netQuantity(id),
          equity: () => node!.portfolioView.equity(),
          buyingPower: () => node!.portfolioView.buyingPower(),
          lastPrice: (id) => node!.portfolioView.lastPrice(id),
          // A market order on quote data is valued at the ask (buy) or bid (sell) it meets, not the mid:
          // one sized to all the cash at the mid is denied INSUFFICIENT_FUNDS before it is sent. Bars and
          // trades have no sides, so a run without quotes leaves it out (no call per order).
          ...(replay.feeds.some((feed) => feed.kind === "quote") && {
            marketPrice: (id: string, side: OrderSide) => node!.portfolioView.marketPrice?.(id, side) ?? null,
          }),
          // A margin account commits its initial margin, not the notional: without this the buying-power
          // check held a 2x account to the full notional. (A cash account's is the notional, the default.)
          ...(account.type === "margin" && {
            fundsRequired: (instrument, quantity, price) =>
              portfolio.fundsRequired(instrument, quantity, price),
          }),
        },
        instruments,
        openOrderCount: (instrumentId) =>
          node!.cache.openCount(instrumentId === undefined ? {} : { instrumentId }),
        ...(breaker !== null && { breaker }),
      }),
  );
  node = new TradingNode({
    clock,
    instruments,
    ...backtestEmulation(venue, venueConfig, sessions, options.emulator),
    portfolio,
    risk,
    breaker,
    calendar,
    ...(options.calendar === undefined &&
      instruments[0]?.calendar === undefined &&
      instruments.some((i) => i.assetClass === "equity") && {
        calendarWarning:
          'no instrument names a calendar, so schedules use 24/7 sessions (midnight to midnight UTC, weekends included); give the instruments "calendar": "XNYS" for the exchange\'s sessions',
      }),
    data: replayDataView(cursor),
    strategies: [
      {
        strategy: options.strategy,
        ...(options.strategyId !== undefined && { id: options.strategyId }),
        ...(options.params !== undefined && { params: options.params }),
      },
    ],
    keepEventLog: options.keepEventLog ?? false,
    ...(options.onLog !== undefined && { onLog: options.onLog }),
  });

  const sampleEveryEvent = options.equityCurve === "event";
  const progressEvery = options.progressEvery ?? 50_000;
  const onProgress = options.onProgress;
  portfolio.snapshot(firstTs);
  const loopStart = performance.now();
  node.start();
  let lastTs = firstTs;
  let lastDay = Math.floor(firstTs / 86_400_000);
  let done = 0;
  for (let p = 0; p < replay.length; p++) {
    const ts = cursor.nextTs();
    const day = Math.floor(ts / 86_400_000);
    if (!sampleEveryEvent && day !== lastDay) {
      node.flushMarks();
      portfolio.snapshot(lastTs);
      if (breaker) breaker.updateBalance(portfolio.equity());
      lastDay = day;
    }
    // Timers due by this event (a schedule at 10:00 before a daily bar stamped 21:00) fire before the
    // cursor takes the event in, so ctx.data shows them the closes before it, for every feed alike.
    clock.advanceTo(ts);
    cursor.next();
    node.onMarketData(cursor.event());
    if (sampleEveryEvent) {
      node.flushMarks();
      portfolio.snapshot(ts);
    }
    lastTs = ts;
    if (onProgress && ++done % progressEvery === 0) onProgress(done, replay.length);
  }
  node.stop();
  node.flushMarks();
  portfolio.snapshot(lastTs);
  onProgress?.(replay.length, replay.length);

  const resultStart = performance.now();
  const strategy = node.strategies[0]!;
  const orders = node.cache.orders();
  const fills: BacktestFill[] = node.fillLog.map((f) => ({
    at: f.tsEvent,
    orderId: f.orderId,
    instrumentId: f.instrumentId,
    side: f.side,
    price: f.price,
    quantity: f.quantity,
    commission: f.commission,
  }));
  const curve = portfolio.equityCurve();
  const positions = portfolio.openPositions().map((p) => ({
    instrumentId: p.instrumentId,
    side: p.direction,
    quantity: p.quantity,
    avgOpenPrice: p.avgOpenPrice,
    realizedPnl: p.realizedPnl,
    unrealizedPnl: p.unrealizedPnl,
  }));
  return {
    strategyId: strategy.id,
    start: replay.length > 0 ? firstTs : null,
    end: replay.length > 0 ? lastTs : null,
    events: replay.length,
    currency: account.currency,
    startingValue: curve[0]!.equity,
    finalValue: portfolio.equity(),
    cash: portfolio.balance().total,
    realizedPnl: portfolio.realizedPnl(),
    unrealizedPnl: portfolio.unrealizedPnl(),
    commissions: portfolio.commissions(),
    account: accountAtEnd(portfolio, account.type),
    fills,
    orders,
    positions,
    metrics: portfolio.performance({
      ...(options.periodsPerYear !== undefined && { periodsPerYear: options.periodsPerYear }),
      ...(options.riskFreeRate !== undefined && { riskFreeRate: options.riskFreeRate }),
    }),
    tradeStats: portfolio.tradeStatistics(),
    equityCurve: curve,
    recorded: strategy.recorded,
    strategyErrors: node.strategyErrors,
    endReasons: node.endReasons,
    riskEvents: node.riskEvents,
    logs: node.logs,
    eventLogHash: node.eventLog.digest(),
    ...(options.keepEventLog && { eventLog: node.eventLog.lines() }),
    timings: {
      setupMs: loopStart - setupStart,
      loopMs: resultStart - loopStart,
      resultMs: performance.now() - resultStart,
    },
  };
}

/** The account's figures per currency at the end of a run, read from the portfolio (none worked out here). */
function accountAtEnd(portfolio: Portfolio, type: ScenarioAccount["type"]): BacktestAccount {
  const base = portfolio.config.baseCurrency;
  return {
    type,
    leverage: type === "margin" ? portfolio.config.leverage : null,
    balances: portfolio.currencies().map((currency) => ({
      currency,
      cash: portfolio.balance(currency).total,
      equity: portfolio.equity(currency),
      initialMargin: portfolio.marginUsed(currency),
      maintenanceMargin: portfolio.maintenanceMargin(currency),
      buyingPower: currency === base ? portfolio.buyingPower() : null,
      marginCall: portfolio.isMarginCall(currency),
      marginHistory: currency === base ? portfolio.marginHistory(currency) : null,
    })),
  };
}

/** Runs `make`, naming `field` in front of the path of a ValidationError it throws (its config's place). */
function under<T>(field: string, make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(
      error.issues.map((issue) => ({ ...issue, path: [field, ...issue.path] })),
      { cause: error },
    );
  }
}

function parse<S extends z.ZodType>(schema: S, value: unknown, field: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    throw new ValidationError(
      r.error.issues.map((i) => ({ path: [field, ...(i.path as (string | number)[])], message: i.message })),
    );
  }
  return r.data;
}

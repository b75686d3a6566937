import {
  type Clock,
  type Decimal,
  DenyReason,
  didYouMean,
  formatTimestamp,
  type Instrument,
  isClosed,
  type Order,
  type OrderDenied,
  type OrderSpec,
  type RiskEvent,
  type TradingState,
  type UnixMillis,
  ValidationError,
  type ValidationIssue,
} from "@ordo/core";
import { type Observable, Subject, type Subscription } from "rxjs";
import { buyingPowerCheck } from "./checks/buying-power.js";
import { instrumentRulesCheck, meetsInstrumentRules } from "./checks/instrument-rules.js";
import { maxLeverageCheck } from "./checks/leverage.js";
import { longOnlyCheck } from "./checks/long-only.js";
import { maxOpenOrdersCheck, type OpenOrderCount } from "./checks/open-orders.js";
import { maxOrderNotionalCheck, maxOrderQuantityCheck } from "./checks/order-size.js";
import { positionLimitCheck } from "./checks/position-limit.js";
import { priceBandCheck } from "./checks/price-band.js";
import { reduceOnlyCheck } from "./checks/reduce-only.js";
import { referencePriceCheck } from "./checks/reference-price.js";
import { restrictedListCheck } from "./checks/restricted-list.js";
import type { CircuitBreaker, CircuitBreakerEvent } from "./circuit-breaker.js";
import { absolute, compare, isAboveZero, isBelowZero, times, timesMultiplier } from "./decimal-shortcuts.js";
import {
  ALLOWED,
  type CheckDenial,
  orderDeniedEvent,
  type RiskAllowed,
  type RiskDecision,
  type RiskDenied,
} from "./decision.js";
import { exposureChange, fundsCommitted, referencePrice, referencePriceSource } from "./exposure.js";
import type { CheckContext, PreTradeCheck, ProposedOrder } from "./pre-trade-check.js";
import {
  type InstrumentLimits,
  limitsFor,
  parseRiskConfig,
  type RiskConfig,
  type RiskConfigInput,
} from "./risk-config.js";
import type { RiskPortfolioView } from "./risk-portfolio-view.js";
import { Throttle } from "./throttle.js";

export interface RiskEngineOptions {
  /** The only source of time (throttles, event timestamps). */
  readonly clock: Pick<Clock, "now">;
  readonly config?: RiskConfigInput;
  /**
   * Positions, equity, buying power and last prices: a portfolio, or a hand-written view. With
   * `marketPrice` (a `Portfolio` has it), market orders on quote data are valued at the ask or the bid.
   */
  readonly portfolio: RiskPortfolioView;
  /** The instruments orders may be for; orders on others are denied UNKNOWN_INSTRUMENT. */
  readonly instruments: Iterable<Instrument>;
  /** Open orders (all, or one instrument's); required by maxOpenOrders / maxOpenOrdersPerInstrument. */
  readonly openOrderCount?: OpenOrderCount;
  /** A circuit breaker to obey: while it is OPEN submits and modifies are denied CIRCUIT_OPEN. */
  readonly breaker?: CircuitBreaker;
  /** Your own checks, run after the built-in ones in the order given. */
  readonly checks?: readonly PreTradeCheck[];
  /** Called with every event (same as `events$`). */
  readonly onEvent?: (event: RiskEvent) => void;
}

/** What a modify changes; null or absent = unchanged. A core `ModifyOrder` command fits. */
export interface OrderModification {
  readonly quantity?: Decimal | null;
  readonly price?: Decimal | null;
  readonly triggerPrice?: Decimal | null;
}

const STRICTNESS: Readonly<Record<TradingState, number>> = { ACTIVE: 0, REDUCING: 1, HALTED: 2 };

/**
 * Pre-trade risk: every submit and modify goes through the trading state, the circuit breaker, the
 * throttles and the configured checks; the first check that refuses decides the deny code. Cancels always
 * pass. An allowed submit is counted by the throttles and the breaker, so ask only when about to send.
 */
export class RiskEngine {
  readonly config: RiskConfig;
  /** TradingStateChanged events, and the wired breaker's events, in the order they happen. */
  readonly events$: Observable<RiskEvent>;
  readonly breaker: CircuitBreaker | null;

  readonly #clock: Pick<Clock, "now">;
  readonly #portfolio: RiskPortfolioView;
  readonly #instruments = new Map<string, Instrument>();
  readonly #limits = new Map<string, InstrumentLimits>();
  readonly #checks: PreTradeCheck[];
  readonly #submitThrottle: Throttle;
  readonly #modifyThrottle: Throttle;
  readonly #subject = new Subject<RiskEvent>();
  readonly #onEvent: ((event: RiskEvent) => void) | undefined;
  readonly #breakerSubscription: Subscription | null;

  /**
   * True while the checks that run are only built-in ones `#passes` can answer for (instrument rules,
   * reduce-only, reference price, buying power: the default config's): see `#passes`.
   */
  #lean: boolean;
  #state: TradingState;
  #stateReason = "initial state";
  /** The state before a breaker trip changed it, restored when the breaker recovers; null otherwise. */
  #stateBeforeTrip: TradingState | null = null;

  constructor(options: RiskEngineOptions) {
    const config = parseRiskConfig(options.config);
    this.config = config;
    this.#clock = options.clock;
    this.#portfolio = options.portfolio;
    this.#onEvent = options.onEvent;
    this.events$ = this.#subject.asObservable();
    for (const instrument of options.instruments) this.#instruments.set(instrument.id, instrument);
    unknownLimitInstruments(config, this.#instruments);
    this.#state = config.initialTradingState;
    this.#submitThrottle = new Throttle("submits", config.maxSubmitsPerSecond, config.maxSubmitsPerMinute);
    this.#modifyThrottle = new Throttle("modifies", config.maxModifiesPerSecond, config.maxModifiesPerMinute);
    this.#checks = builtInChecks(config, options.openOrderCount, () => this.#instruments.values());
    this.#checks.push(...(options.checks ?? []));
    this.#lean =
      (options.checks ?? []).length === 0 &&
      this.#checks.every((check) => LEAN_CHECKS.has(check.name)) &&
      Object.keys(config.perInstrument).length === 0;
    this.breaker = options.breaker ?? null;
    this.#breakerSubscription = this.breaker?.events$.subscribe((e) => this.#onBreakerEvent(e)) ?? null;
  }

  /** The names of the checks that run, in order (built-in ones first, then yours). */
  get checkNames(): readonly string[] {
    return this.#checks.map((c) => c.name);
  }

  /** Adds your check after the others. */
  addCheck(check: PreTradeCheck): void {
    this.#checks.push(check);
    this.#lean = false;
  }

  /** Makes an instrument known (or replaces it). */
  addInstrument(instrument: Instrument): void {
    this.#instruments.set(instrument.id, instrument);
  }

  get tradingState(): TradingState {
    if (this.breaker !== null) void this.breaker.state; // lets a due cooldown or reset restore the state first
    return this.#state;
  }

  /** Why the trading state is what it is (the reason of the last change). */
  get tradingStateReason(): string {
    return this.#stateReason;
  }

  /** Sets the trading state; emits TradingStateChanged and returns true when it changed. */
  setTradingState(state: TradingState, reason = "set by the user"): boolean {
    this.#stateBeforeTrip = null; // the user's choice wins over a breaker's pending restore
    return this.#changeState(state, reason);
  }

  /** Judges a new order (an OrderSpec, or an Order not yet sent). */
  checkSubmit(order: OrderSpec | Order): RiskDecision {
    const working = "leavesQuantity" in order ? order.leavesQuantity : order.quantity;
    if (!(this.#lean && this.#passes(order, working))) {
      const proposed: ProposedOrder = { action: "submit", order, previous: null, workingQuantity: working };
      const denied = this.#judge(proposed, this.#submitThrottle);
      if (denied !== null) return denied;
    }
    if (this.breaker !== null && this.breaker.state !== "OPEN" && !this.breaker.recordOrder()) {
      return this.#circuitOpen();
    }
    this.#submitThrottle.record(this.#clock.now());
    return ALLOWED;
  }

  /** Judges a change to an order: the order as it would be after the change goes through the checks. */
  checkModify(order: Order, change: OrderModification): RiskDecision {
    if (isClosed(order.status)) {
      return denied(
        "order",
        DenyReason.INVALID_ORDER,
        `order ${order.id} is ${order.status}; it cannot be modified`,
      );
    }
    const quantity = change.quantity ?? order.quantity;
    if (!quantity.gt(order.filledQuantity)) {
      return denied(
        "order",
        DenyReason.INVALID_ORDER,
        `new quantity ${quantity.toFixed()} of order ${order.id} must be above its filled quantity ${order.filledQuantity.toFixed()}`,
      );
    }
    const spec: OrderSpec = {
      ...order,
      quantity,
      price: change.price ?? order.price,
      triggerPrice: change.triggerPrice ?? order.triggerPrice,
    };
    const proposed: ProposedOrder = {
      action: "modify",
      order: spec,
      previous: order,
      workingQuantity: quantity.minus(order.filledQuantity),
    };
    const result = this.#judge(proposed, this.#modifyThrottle);
    if (result !== null) return result;
    this.#modifyThrottle.record(this.#clock.now());
    return ALLOWED;
  }

  /** Cancels always pass: taking risk off must never be blocked. */
  checkCancel(_order?: unknown): RiskAllowed {
    return ALLOWED;
  }

  /** The OrderDenied event for a refused order, stamped with the engine's clock. */
  deniedEvent(
    order: { readonly id: string; readonly instrumentId: string; readonly strategyId: string },
    denial: CheckDenial,
  ): OrderDenied {
    return orderDeniedEvent(order, denial, this.#clock.now());
  }

  /** Stops listening to the breaker and completes `events$`. */
  dispose(): void {
    this.#breakerSubscription?.unsubscribe();
    this.#subject.complete();
  }

  // -------------------------------------------------------------------------------------------------------

  #judge(proposed: ProposedOrder, throttle: Throttle): RiskDenied | null {
    const { order, workingQuantity } = proposed;
    const instrument = this.#instruments.get(order.instrumentId);
    if (instrument === undefined) {
      return denied(
        "instrument",
        DenyReason.UNKNOWN_INSTRUMENT,
        `instrument ${order.instrumentId} is not known to the risk engine`,
      );
    }
    if (!isAboveZero(workingQuantity)) {
      return denied(
        "order",
        DenyReason.INVALID_ORDER,
        `quantity must be positive, got ${workingQuantity.toFixed()}`,
      );
    }
    // Read the breaker first: a due cooldown or reset may change the trading state.
    const breakerOpen = this.breaker !== null && this.breaker.state === "OPEN";
    const context = this.#context(proposed, instrument);
    if (breakerOpen && !(this.config.tradingStateOnTrip === "REDUCING" && context.reducesExposure)) {
      return this.#circuitOpen();
    }
    const state = this.#state;
    if (state === "HALTED") {
      return denied(
        "trading-state",
        DenyReason.TRADING_HALTED,
        `trading is HALTED (${this.#stateReason}); only cancels pass`,
      );
    }
    if (state === "REDUCING" && !context.reducesExposure) {
      return denied(
        "trading-state",
        DenyReason.TRADING_REDUCING,
        `trading is REDUCING (${this.#stateReason}): ${order.side} ${workingQuantity.toFixed()} would add exposure to ${instrument.id} (position ${context.position.toFixed()}); only orders that reduce a position pass`,
      );
    }
    const throttled = throttle.check(context.now);
    if (throttled !== null) return { allowed: false, check: `${proposed.action}-throttle`, ...throttled };
    const checks = this.#checks;
    for (let i = 0; i < checks.length; i++) {
      const check = checks[i]!;
      const denial = check.check(proposed, context);
      if (denial !== null)
        return { allowed: false, check: check.name, reason: denial.reason, message: denial.message };
    }
    return null;
  }

  /**
   * Whether `#judge` would pass a new order, for the lean configurations, answered with only what the
   * order needs read: an order against the position that only reduces it needs no price and no funds; one
   * that opens needs its notional against the buying power. False means "not surely": `#judge` then
   * decides, with its messages. Every condition here is one of `#judge`'s or of the lean checks'.
   */
  #passes(order: OrderSpec | Order, working: Decimal): boolean {
    const instrument = this.#instruments.get(order.instrumentId);
    if (instrument === undefined || !isAboveZero(working)) return false;
    // The breaker first, as in #judge: a due cooldown or reset may change the trading state.
    if (this.breaker !== null && this.breaker.state === "OPEN") return false;
    if (this.#state !== "ACTIVE" || !this.#submitThrottle.isEmpty) return false;
    const config = this.config;
    if (
      config.instrumentRules &&
      (!meetsInstrumentRules(order, instrument) ||
        // Held to the min notional at the last price: left to the check.
        (instrument.minNotional !== undefined && order.price === null && order.triggerPrice === null))
    ) {
      return false;
    }
    const portfolio = this.#portfolio;
    const position = portfolio.netQuantity(instrument.id);
    if (order.side === "BUY" ? isBelowZero(position) : isAboveZero(position)) {
      // Against the position: one that only reduces it commits no funds and meets reduce-only.
      return compare(working, absolute(position)) <= 0;
    }
    if (order.reduceOnly) return false;
    if (!config.checkBuyingPower) return true;
    const quoted = portfolio.marketPrice?.(instrument.id, order.side) ?? null;
    const price = order.price ?? order.triggerPrice ?? quoted ?? portfolio.lastPrice(instrument.id);
    if (price === null) return false;
    const needed =
      instrument.marginInit === undefined && portfolio.fundsRequired === undefined
        ? timesMultiplier(times(price, working), instrument.multiplier)
        : fundsCommitted(portfolio, instrument, working, price);
    return compare(needed, portfolio.buyingPower()) <= 0;
  }

  #context(proposed: ProposedOrder, instrument: Instrument): CheckContext {
    const { order, workingQuantity } = proposed;
    const portfolio = this.#portfolio;
    const position = portfolio.netQuantity(instrument.id);
    const change = exposureChange(position, order.side, workingQuantity);
    const lastPrice = portfolio.lastPrice(instrument.id);
    // A market order meets the quote's ask (a buy) or bid (a sell), not the mid the mark is: when the view
    // knows that side, orders without a price of their own are valued there.
    const quoted = portfolio.marketPrice?.(instrument.id, order.side) ?? null;
    const marketPrice = quoted ?? lastPrice;
    const price = referencePrice(order, marketPrice);
    const source = referencePriceSource(order, quoted, lastPrice);
    let limits = this.#limits.get(instrument.id);
    if (limits === undefined) {
      limits = limitsFor(this.config, instrument.id);
      this.#limits.set(instrument.id, limits);
    }
    return {
      now: this.#clock.now(),
      instrument,
      portfolio,
      config: this.config,
      limits,
      tradingState: this.#state,
      position,
      positionAfter: change.positionAfter,
      openingQuantity: change.openingQuantity,
      reducesExposure: change.reducesExposure,
      lastPrice,
      marketPrice,
      referencePrice: price,
      referencePriceSource: source,
      notional: price === null ? null : timesMultiplier(times(price, workingQuantity), instrument.multiplier),
    };
  }

  #circuitOpen(): RiskDenied {
    const s = this.breaker!.status();
    const since = s.trippedAt === null ? "" : ` since ${formatTimestamp(s.trippedAt)}`;
    const next =
      s.halfOpensAt !== null
        ? `; it half-opens at ${formatTimestamp(s.halfOpensAt)}`
        : s.resetsAt !== null
          ? `; it resets at ${formatTimestamp(s.resetsAt)}`
          : // Nothing will close it by itself: say what would, since a backtest's strategy cannot call reset().
            this.breaker!.config.requireManualReset
            ? "; it stays OPEN until a manual reset() (requireManualReset)"
            : "; it stays OPEN until reset() is called (cooldownMinutes or autoResetAfterMinutes let it recover on its own)";
    return denied(
      "circuit-breaker",
      DenyReason.CIRCUIT_OPEN,
      `the circuit breaker is OPEN${since}: ${s.tripReason ?? "tripped"}${next}`,
    );
  }

  #onBreakerEvent(event: CircuitBreakerEvent): void {
    this.#emit(event);
    if (event.type === "CircuitBreakerTripped") {
      const target = this.config.tradingStateOnTrip;
      if (STRICTNESS[target] > STRICTNESS[this.#state]) {
        const before = this.#state;
        this.#changeState(target, `circuit breaker tripped: ${event.reason}`, event.ts);
        this.#stateBeforeTrip = before;
      }
    } else if (this.#stateBeforeTrip !== null) {
      const restore = this.#stateBeforeTrip;
      this.#stateBeforeTrip = null;
      const why = event.type === "CircuitBreakerHalfOpen" ? "half-open" : "reset";
      this.#changeState(restore, `circuit breaker ${why}`, event.ts);
    }
  }

  #changeState(state: TradingState, reason: string, ts: UnixMillis = this.#clock.now()): boolean {
    if (state === this.#state) return false;
    this.#state = state;
    this.#stateReason = reason;
    this.#emit({ type: "TradingStateChanged", ts, state, reason });
    return true;
  }

  #emit(event: RiskEvent): void {
    this.#subject.next(event);
    this.#onEvent?.(event);
  }
}

function denied(check: string, reason: string, message: string): RiskDenied {
  return { allowed: false, check, reason, message };
}

/**
 * The built-in checks `RiskEngine.#passes` answers for. Named here rather than read off the config, so a
 * check added later is off the short path until `#passes` learns it (a config that builds it is not lean).
 */
const LEAN_CHECKS: ReadonlySet<string> = new Set([
  "instrument-rules",
  "reduce-only",
  "reference-price",
  "buying-power",
]);

/** The built-in checks the config asks for, in the order documented in docs/risk.md. */
function builtInChecks(
  config: RiskConfig,
  openOrderCount: OpenOrderCount | undefined,
  instruments: () => Iterable<Instrument>,
): PreTradeCheck[] {
  const checks: PreTradeCheck[] = [];
  const anyLimit = (key: keyof InstrumentLimits) =>
    config[key] !== undefined || Object.values(config.perInstrument).some((l) => l[key] !== undefined);
  if (config.restrictedInstruments.length > 0) checks.push(restrictedListCheck(config.restrictedInstruments));
  if (config.instrumentRules) checks.push(instrumentRulesCheck());
  checks.push(reduceOnlyCheck());
  if (config.longOnly) checks.push(longOnlyCheck());
  if (anyLimit("maxOrderQuantity")) checks.push(maxOrderQuantityCheck());
  const needsPrice = [
    ...(anyLimit("maxOrderNotional") ? ["maxOrderNotional"] : []),
    ...(config.checkBuyingPower ? ["checkBuyingPower"] : []),
    ...(config.maxLeverage !== undefined ? ["maxLeverage"] : []),
  ];
  if (needsPrice.length > 0) checks.push(referencePriceCheck(needsPrice));
  if (anyLimit("priceBandPct")) checks.push(priceBandCheck());
  if (anyLimit("maxOrderNotional")) checks.push(maxOrderNotionalCheck());
  if (anyLimit("maxPositionQuantity")) checks.push(positionLimitCheck());
  if (config.maxOpenOrders !== undefined || config.maxOpenOrdersPerInstrument !== undefined) {
    if (openOrderCount === undefined) {
      throw new TypeError(
        "RiskEngine: maxOpenOrders / maxOpenOrdersPerInstrument need the openOrderCount option (e.g. (id) => cache.activeOrders(id ? { instrumentId: id } : {}).length)",
      );
    }
    checks.push(maxOpenOrdersCheck(openOrderCount, config.maxOpenOrders, config.maxOpenOrdersPerInstrument));
  }
  if (config.checkBuyingPower) checks.push(buyingPowerCheck());
  if (config.maxLeverage !== undefined) checks.push(maxLeverageCheck(config.maxLeverage, instruments));
  return checks;
}

/**
 * Refuses `perInstrument` limits for an id that is not one of the engine's instruments: such limits would
 * never apply (orders on an unknown instrument are denied anyway), so a misspelt id (`KO` for `KO.XNYS`)
 * would silently leave the instrument on the general limits. `restrictedInstruments` may be wider than
 * the engine's instruments (a firm-wide list), so it is not judged here.
 */
function unknownLimitInstruments(config: RiskConfig, instruments: ReadonlyMap<string, Instrument>): void {
  const issues: ValidationIssue[] = [];
  for (const id of Object.keys(config.perInstrument)) {
    if (instruments.has(id)) continue;
    const known = [...instruments.keys()];
    const hint = didYouMean(id, known) || ` (instruments: ${known.length > 0 ? known.join(", ") : "none"})`;
    issues.push({
      path: ["perInstrument", id],
      message: `is not an instrument of this risk engine, so these limits would never apply${hint}`,
    });
  }
  if (issues.length > 0) throw new ValidationError(issues);
}

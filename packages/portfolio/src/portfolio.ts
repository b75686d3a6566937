import {
  type AccountBalance,
  type AccountState,
  type Bar,
  Decimal,
  type DecimalLike,
  DeniedError,
  DenyReason,
  type MarketData,
  type MessageBus,
  type OrderFilled,
  type OrderSide,
  type PortfolioView,
  type PositionEvent,
  parseDecimal,
  type QuoteTick,
  quoteMark,
  type TradeTick,
  type UnixMillis,
  ValidationError,
  ZERO,
} from "@ordo/core";
import type { AccountingInstrument } from "./accounting-instrument.js";
import { CurrencyTotals } from "./currency-totals.js";
import type { EquityPoint } from "./equity-point.js";
import { absolute, compare, minus, plus, plusPnl, times, timesMultiplier } from "./exact-shortcuts.js";
import { describeFill, FillBooking } from "./fill-booking.js";
import { type CloseLeg, type FillPlan, type OpenLeg, type PlanningView, planFill } from "./fill-plan.js";
import { FixedLane } from "./fixed-lane.js";
import { millionthsOf } from "./fixed-point.js";
import {
  EmptyValuation,
  emptyValuation,
  FixedValuation,
  InstrumentBook,
  type Valuation,
} from "./instrument-book.js";
import { Ledger, type LedgerEntry } from "./ledger.js";
import { MarginRule } from "./margin.js";
import { type MarginHistory, MarginWatch } from "./margin-history.js";
import {
  type InstrumentMarks,
  MarkPrices,
  pendingNumberOf,
  setLastNumberOf,
  setLastOf,
} from "./mark-prices.js";
import { parseWithSchema } from "./parse-input.js";
import {
  type PerformanceMetrics,
  type PerformanceOptions,
  performanceMetrics,
} from "./performance-metrics.js";
import {
  type PortfolioConfig,
  type PortfolioOptionsInput,
  PortfolioOptionsSchema,
  refuseCashLeverage,
} from "./portfolio-options.js";
import { type Position, type PositionDirection, PositionRecord } from "./position.js";
import { type RoundTrip, roundTripOf } from "./round-trip.js";
import { type TradeStatistics, tradeStatistics } from "./trade-statistics.js";
import { decimalOfUnits, unitsExact, ValuationTotals } from "./valuation-totals.js";

/** What a fill says about the position it belongs to, beyond the OrderFilled event itself. */
export interface FillContext {
  /**
   * HEDGING: the position the fill belongs to: an open one to add to or reduce, or the id of a new one.
   * Without it the fill first closes opposite positions of the instrument, oldest first (FIFO), and the
   * rest adds to the position this order opened, or opens a new one.
   * NETTING: may only name the instrument's open position (or the id of the one the fill opens).
   */
  readonly positionId?: string;
  /** Set on the position the fill opens or adds to. */
  readonly stopLoss?: DecimalLike;
  readonly takeProfit?: DecimalLike;
  /** Recorded on the position (and its round trip) when this fill closes it. */
  readonly exitReason?: string;
}

export interface FillOutcome {
  /** The position events the fill caused, in order (a netting flip: PositionClosed, then PositionOpened). */
  readonly events: readonly PositionEvent[];
  /** Positions the fill closed. */
  readonly roundTrips: readonly RoundTrip[];
  /** Realized PnL of this fill before commission, in the instrument's currency. */
  readonly realizedPnl: Decimal;
}

export interface FundingInput {
  readonly ts: UnixMillis;
  readonly currency: string;
  /** Received (+) or paid (−). */
  readonly amount: DecimalLike;
  readonly instrumentId?: string;
  readonly reference?: string;
}

export interface TransferInput {
  readonly ts: UnixMillis;
  readonly currency: string;
  /** Deposit (+) or withdrawal (−). */
  readonly amount: DecimalLike;
  readonly reference?: string;
}

export type PositionEventListener = (event: PositionEvent) => void;

/** Sums in millionths over a cash account's open books (see `#sumAtFeedPrices`). */
interface FeedPriceSums {
  market: number;
  gross: number;
  cost: number;
  /** Balance + market value. */
  equity: number;
}

const MAX_UNITS = Number.MAX_SAFE_INTEGER;

/** One instrument's bar input into a portfolio (see `Portfolio.priceFeed`). */
export interface InstrumentPriceFeed {
  readonly instrumentId: string;
  /** Marks the instrument at the bar's close, as `Portfolio.onBar` does. */
  onBar(bar: Bar): void;
}

/** Where a portfolio publishes its events when wired to the engine: core's MessageBus fits. */
export type PortfolioEventSink = Pick<MessageBus, "publish">;

export type PortfolioOptions = PortfolioOptionsInput & {
  /** When given, position events go to its `positions` topic and account states to `account`. */
  readonly bus?: PortfolioEventSink;
};

/**
 * An account and its positions, kept from fills and market prices: cash or margin, netting or hedging,
 * balances per currency with a ledger that explains them, realized and unrealized PnL, commissions, an
 * equity curve, trade statistics and performance metrics. Implements core's `PortfolioView` for the risk
 * engine. Money is Decimal throughout; see docs/portfolio.md for every accounting rule.
 *
 * ```ts
 * const portfolio = new Portfolio({ accountType: "MARGIN", startingCash: "100000" });
 * portfolio.applyFill(fillEvent, instrument);
 * portfolio.onBar(bar);
 * portfolio.equity();
 * ```
 */
export class Portfolio implements PortfolioView {
  readonly config: PortfolioConfig;
  readonly #bus: PortfolioEventSink | undefined;
  /** null in a cash account. */
  readonly #margin: MarginRule | null;
  readonly #planning: PlanningView;
  readonly #ledger = new Ledger();
  readonly #marks = new MarkPrices();
  readonly #positions = new Map<string, PositionRecord>();
  /** Open positions and their valuation, per instrument. */
  readonly #books = new Map<string, InstrumentBook>();
  /** Cash accounts: the books re-valued at feed prices from columns (see FixedLane); null until one is. */
  #lane: FixedLane | null = null;
  /** Sums of the books' valuations, per currency. */
  readonly #totals = new Map<string, ValuationTotals>();
  /** The currency `#totalsOf` looked up last, and its totals. */
  #lastTotalsCurrency: string | null = null;
  #lastTotals: ValuationTotals | null = null;
  /** Trade ids applied, per instrument. */
  readonly #appliedTrades = new Map<string, Set<string>>();
  /**
   * The books that hold open positions, in no particular order (each knows its index: see #removeOpen):
   * a daily sample of a cash account visits these, not every instrument ever traded.
   */
  readonly #held: InstrumentBook[] = [];
  /** Books whose valuation is out of date: the totals take them in when next read. */
  readonly #stale: InstrumentBook[] = [];
  /**
   * How many of `#stale` are in use (from index 0). The list keeps its room between settles: setting an
   * array's length to 0 gives its room back to the heap (V8 trims it), and the next day's marks would
   * grow a new one push by push.
   */
  #staleCount = 0;
  /** Currencies of positions ever opened, in order of first appearance. */
  readonly #positionCurrencies = new Set<string>();
  readonly #roundTrips: RoundTrip[] = [];
  readonly #curve: EquityPoint[] = [];
  /** A margin account's margin at each sample of the curve, per currency sampled (`marginHistory`). */
  readonly #marginWatch = new Map<string, MarginWatch>();
  readonly #listeners = new Set<PositionEventListener>();
  readonly #realized = new CurrencyTotals();
  readonly #commissions = new CurrencyTotals();
  readonly #funding = new CurrencyTotals();
  readonly #transfers = new CurrencyTotals();
  readonly #tradedNotional = new CurrencyTotals();
  /** The last commission charged and its negation (see #commissionCharge). */
  #lastCommission: { readonly commission: Decimal; readonly charge: Decimal } | null = null;
  #openCount = 0;
  /** `#sumAtFeedPrices`'s result, one object re-used. */
  readonly #sums: FeedPriceSums = { market: 0, gross: 0, cost: 0, equity: 0 };
  /**
   * The fill `fillDenial` last found the account certainly books (#surelyBooks), with its quantity × price
   * and notional; null once anything was booked since. `applyFill` of that very fill then skips the
   * account's rules: a venue asks just before it fills, so each fill would otherwise be checked twice.
   */
  #passed: OrderFilled | null = null;
  #passedInstrument: AccountingInstrument | null = null;
  #passedProduct: Decimal = ZERO;
  #passedNotional: Decimal = ZERO;
  /** Whether a position was ever opened under an id the caller chose (a generated id could meet it). */
  #namedPositions = false;
  #sequence = 0;
  #idCounter = 0;

  constructor(options: PortfolioOptions = {}) {
    const { bus, ...rest } = options;
    this.config = parseWithSchema(PortfolioOptionsSchema, rest, "options");
    refuseCashLeverage(rest.leverage, this.config.accountType);
    this.#bus = bus;
    this.#margin = this.config.accountType === "MARGIN" ? new MarginRule(this.config.leverage) : null;
    this.#planning = {
      openPositions: (instrumentId) => this.#books.get(instrumentId)?.open ?? [],
      position: (positionId) => this.#positions.get(positionId),
      idPrefix: this.config.positionIdPrefix,
      namedPositions: () => this.#namedPositions,
      idCounter: () => this.#idCounter,
    };
    const { baseCurrency, startingCash, startingBalances, startTs } = this.config;
    if (startingCash !== undefined) this.#bookStart(baseCurrency, startingCash, startTs);
    for (const [currency, amount] of Object.entries(startingBalances)) {
      this.#bookStart(currency, amount, startTs);
    }
  }

  #bookStart(currency: string, amount: Decimal, ts: UnixMillis): void {
    this.#transfers.add(currency, amount);
    this.#ledger.book({
      ts,
      currency,
      amount,
      kind: "transfer",
      reference: "starting balance",
      instrumentId: null,
      description: `starting balance ${amount.toFixed()} ${currency}`,
    });
  }

  // -------------------------------------------------------------------------------------------------------
  // Fills
  // -------------------------------------------------------------------------------------------------------

  /**
   * Applies a fill: updates positions, books cash and commission in the ledger, emits position events.
   * Refused with nothing changed: a fill for another instrument, a trade id already applied, a position
   * id that does not fit (ValidationError); a cash account going below zero or short, a margin account
   * without the initial margin, one position too many (DeniedError).
   */
  applyFill(
    fill: OrderFilled,
    instrument: AccountingInstrument,
    context: FillContext = NO_CONTEXT,
  ): FillOutcome {
    this.#validateFill(fill, instrument);
    // The trade id is recorded by the validation (one lookup); a refusal below takes it out again.
    let plan: FillPlan;
    let stopLoss: Decimal | undefined;
    let takeProfit: Decimal | undefined;
    let quantityTimesPrice: Decimal;
    let notional: Decimal;
    /** A cash account's settlement of the fill (− notional bought, + sold); null in a margin account. */
    let cashChange: Decimal | null;
    const direction: PositionDirection = fill.side === "BUY" ? "LONG" : "SHORT";
    try {
      stopLoss = context.stopLoss === undefined ? undefined : parsePrice(context.stopLoss, "stopLoss");
      takeProfit =
        context.takeProfit === undefined ? undefined : parsePrice(context.takeProfit, "takeProfit");
      plan = planFill(this.config.positionMode, fill, direction, context.positionId, this.#planning);
      if (
        this.#passed === fill &&
        this.#passedInstrument === instrument &&
        context.positionId === undefined
      ) {
        // `fillDenial` just found the account certainly books this fill, and nothing was booked since:
        // the account's rules would pass it again (see #surelyBooks), so only the settlement is left.
        quantityTimesPrice = this.#passedProduct;
        notional = this.#passedNotional;
        cashChange = fill.side === "BUY" ? notional.neg() : notional;
      } else {
        quantityTimesPrice = times(fill.quantity, fill.price);
        notional = timesMultiplier(quantityTimesPrice, instrument.multiplier);
        cashChange = this.#checkAccount(fill, instrument, plan, direction, notional);
      }
    } catch (error) {
      this.#appliedTrades.get(fill.instrumentId)!.delete(fill.tradeId);
      throw error;
    }
    return this.#commit(
      fill,
      instrument,
      plan,
      direction,
      stopLoss,
      takeProfit,
      context,
      notional,
      quantityTimesPrice,
      cashChange,
    );
  }

  /**
   * Why the account would refuse this fill (the DeniedError `applyFill` would throw: cash below zero, a
   * short sale in a cash account, initial margin, one position too many), or null when it would book it.
   * Nothing changes and the trade id is not recorded: a venue asks before it fills (the engine's
   * backtest does, so a fill the account cannot book is never made). Malformed fills still throw.
   * When it passes a cash account's fill on its quick rules (#surelyBooks), `applyFill` of that same
   * fill object, with nothing booked in between, does not check the account again.
   */
  fillDenial(
    fill: OrderFilled,
    instrument: AccountingInstrument,
    context: FillContext = NO_CONTEXT,
  ): DeniedError | null {
    if (this.#surelyBooks(fill, instrument, context)) return null;
    const direction: PositionDirection = fill.side === "BUY" ? "LONG" : "SHORT";
    const plan = planFill(this.config.positionMode, fill, direction, context.positionId, this.#planning);
    const notional = timesMultiplier(times(fill.quantity, fill.price), instrument.multiplier);
    try {
      this.#checkAccount(fill, instrument, plan, direction, notional);
    } catch (error) {
      if (error instanceof DeniedError) return error;
      throw error;
    }
    return null;
  }

  /**
   * True when a cash account's rules certainly pass the fill, told cheaply (a venue asks before every
   * fill): no position limit or named position, the fee in the instrument's currency, and either a buy
   * whose notional and fee the balance covers, or a sale of no more than is held whose proceeds cover its
   * fee (so no balance falls). Amounts are compared in exact millionths; anything else (a margin account,
   * a figure that is not a safe integer of millionths: NaN compares false) goes through the full rules.
   */
  #surelyBooks(fill: OrderFilled, instrument: AccountingInstrument, context: FillContext): boolean {
    if (
      this.config.accountType !== "CASH" ||
      this.config.maxOpenPositions !== undefined ||
      context.positionId !== undefined ||
      fill.commissionCurrency !== instrument.currency
    ) {
      return false;
    }
    const quantityTimesPrice = times(fill.quantity, fill.price);
    const notionalValue = timesMultiplier(quantityTimesPrice, instrument.multiplier);
    const notional = millionthsOf(notionalValue);
    const fee = millionthsOf(fill.commission);
    const books =
      fill.side === "BUY"
        ? this.#ledger.balanceUnits(instrument.currency) - notional - fee >= 0
        : compare(fill.quantity, this.netQuantity(fill.instrumentId)) <= 0 && notional - fee >= 0;
    if (books) {
      this.#passed = fill;
      this.#passedInstrument = instrument;
      this.#passedProduct = quantityTimesPrice;
      this.#passedNotional = notionalValue;
    }
    return books;
  }

  /** The account's rules for a planned fill (throws DeniedError); returns a cash account's settlement, else null. */
  #checkAccount(
    fill: OrderFilled,
    instrument: AccountingInstrument,
    plan: FillPlan,
    direction: PositionDirection,
    notional: Decimal,
  ): Decimal | null {
    this.#checkPositionLimit(fill, plan);
    if (this.config.accountType === "CASH") {
      const cashChange = fill.side === "BUY" ? notional.neg() : notional;
      this.#checkCash(fill, instrument, plan, direction, notional, cashChange);
      return cashChange;
    }
    this.#checkMargin(fill, instrument, plan, direction);
    return null;
  }

  #validateFill(fill: OrderFilled, instrument: AccountingInstrument): void {
    if (fill.instrumentId !== instrument.id) {
      throw ValidationError.field(
        "instrument.id",
        `fill ${fill.tradeId} is for ${fill.instrumentId} but the instrument given is ${instrument.id}`,
        "INSTRUMENT_MISMATCH",
      );
    }
    const quantity = fill.quantity;
    if (!quantity.isFinite() || quantity.isNegative() || quantity.isZero()) {
      throw ValidationError.field(
        "fill.quantity",
        `must be greater than zero, got ${fill.quantity.toString()} (trade ${fill.tradeId})`,
      );
    }
    if (!fill.price.isFinite()) {
      throw ValidationError.field("fill.price", `must be finite, got ${fill.price.toString()}`);
    }
    if (!fill.commission.isFinite()) {
      throw ValidationError.field("fill.commission", `must be finite, got ${fill.commission.toString()}`);
    }
    let trades = this.#appliedTrades.get(fill.instrumentId);
    if (trades === undefined) {
      trades = new Set();
      this.#appliedTrades.set(fill.instrumentId, trades);
    }
    const before = trades.size;
    trades.add(fill.tradeId);
    if (trades.size === before) {
      throw ValidationError.field(
        "fill.tradeId",
        `trade ${fill.tradeId} of ${fill.instrumentId} was already applied`,
        "DUPLICATE_TRADE_ID",
      );
    }
  }

  #checkPositionLimit(fill: OrderFilled, plan: FillPlan): void {
    const max = this.config.maxOpenPositions;
    if (max === undefined || plan.open === null || plan.open.position !== null) return;
    let closedByFill = 0;
    for (const leg of plan.closes)
      if (compare(leg.quantity, leg.position.absQuantity) === 0) closedByFill += 1;
    const after = this.#openCount - closedByFill + 1;
    if (after > max) {
      throw new DeniedError(
        DenyReason.POSITION_LIMIT,
        `${describeFill(fill)} would open position number ${after} in account ${this.config.accountId}; maxOpenPositions is ${max}`,
      );
    }
  }

  #checkCash(
    fill: OrderFilled,
    instrument: AccountingInstrument,
    plan: FillPlan,
    direction: PositionDirection,
    notional: Decimal,
    settlement: Decimal,
  ) {
    if (plan.open !== null && direction === "SHORT") {
      const held = this.netQuantity(fill.instrumentId);
      throw new DeniedError(
        DenyReason.LONG_ONLY,
        `cash account ${this.config.accountId} cannot sell short: ${describeFill(fill)} exceeds the ${held.toFixed()} held (a cash account cannot borrow: short sales need a margin account)`,
      );
    }
    if (fill.commissionCurrency === instrument.currency) {
      this.#checkBalance(fill, instrument, notional, instrument.currency, minus(settlement, fill.commission));
    } else {
      this.#checkBalance(fill, instrument, notional, instrument.currency, settlement);
      this.#checkBalance(fill, instrument, notional, fill.commissionCurrency, minus(ZERO, fill.commission));
    }
  }

  /** A cash account's balance in `currency` may not go below zero by `change`. */
  #checkBalance(
    fill: OrderFilled,
    instrument: AccountingInstrument,
    notional: Decimal,
    currency: string,
    change: Decimal,
  ): void {
    if (!change.isNegative()) return;
    const balance = this.#ledger.balance(currency);
    if (plus(balance, change).isNegative()) {
      throw new DeniedError(
        DenyReason.INSUFFICIENT_FUNDS,
        `cash account ${this.config.accountId}: ${describeFill(fill)} needs ${change.neg().toFixed()} ${currency} (notional ${notional.toFixed()} ${instrument.currency}, commission ${fill.commission.toFixed()} ${fill.commissionCurrency}) but the balance is ${balance.toFixed()} ${currency}`,
      );
    }
  }

  #checkMargin(
    fill: OrderFilled,
    instrument: AccountingInstrument,
    plan: FillPlan,
    direction: PositionDirection,
  ): void {
    if (plan.open === null) return; // A fill that only reduces exposure is never refused.
    const currency = instrument.currency;
    const book = this.#books.get(fill.instrumentId);
    // Everything else in the currency as it stands: the totals without this instrument's share, so
    // the instrument itself need not be re-valued at its old mark first.
    this.#settle(book);
    const totals = this.#totals.get(currency);
    const own = book !== undefined && book.valuation.currency === currency ? book.valuation : null;
    let equityAfter = this.#ledger.balance(currency);
    let marginAfter = ZERO;
    if (totals !== undefined) {
      equityAfter = equityAfter.plus(
        own === null ? totals.unrealized : totals.unrealized.minus(own.marketValue.minus(own.cost)),
      );
      marginAfter = own === null ? totals.initialMargin : totals.initialMargin.minus(own.initialMargin);
    }
    // The instrument after the fill, at the mark the fill leaves: what was held and the fill itself
    // valued there (net × mark − cost + the fill's own gain), less the fee.
    const markAfter = this.#marks.markAfterTrade(fill.instrumentId, fill.price, fill.tsEvent);
    const signed = direction === "LONG" ? fill.quantity : fill.quantity.neg();
    let gain = signed.times(markAfter.minus(fill.price));
    if (book !== undefined && book.open.length > 0) {
      gain = book.netQuantity.times(markAfter).minus(book.signedCost).plus(gain);
    }
    const fee = fill.commissionCurrency === currency ? fill.commission : ZERO;
    equityAfter = equityAfter.plus(timesMultiplier(gain, instrument.multiplier)).minus(fee);
    let gross = book?.grossQuantity ?? ZERO;
    for (const leg of plan.closes) gross = gross.minus(leg.quantity);
    gross = gross.plus(plan.open.quantity);
    marginAfter = marginAfter.plus(gross.times(this.#margin!.initialPerUnit(instrument, markAfter)));
    if (compare(marginAfter, equityAfter) > 0) {
      throw new DeniedError(
        DenyReason.INSUFFICIENT_FUNDS,
        `margin account ${this.config.accountId}: after ${describeFill(fill)} the initial margin would be ${marginAfter.toFixed()} ${currency} but equity only ${equityAfter.toFixed()} ${currency}`,
      );
    }
  }

  #commit(
    fill: OrderFilled,
    instrument: AccountingInstrument,
    plan: FillPlan,
    direction: PositionDirection,
    stopLoss: Decimal | undefined,
    takeProfit: Decimal | undefined,
    context: FillContext,
    notional: Decimal,
    quantityTimesPrice: Decimal,
    cashChange: Decimal | null,
  ): FillOutcome {
    this.#passed = null;
    const ts = fill.tsEvent;
    const currency = instrument.currency;
    const book = this.#bookOf(instrument);
    // The fill changes what the lane re-values the book from.
    this.#lane?.leave(book);
    book.instrument = instrument;
    setLastOf(book.marks, fill.price, ts);

    const events: PositionEvent[] = [];
    const roundTrips: RoundTrip[] = [];
    // The fee in the position's currency is shared among the legs by quantity; the last leg takes the rest.
    const fee = fill.commissionCurrency === currency ? fill.commission : ZERO;
    let feeLeft = fee;
    let realized = ZERO;
    // An indexed loop: `for...of` compiles to the iterator protocol inside a try block, a larger graph
    // for the compiler on the hottest function of a fill.
    const closes = plan.closes;
    const lastLeg = plan.open === null ? closes.length - 1 : closes.length;
    for (let i = 0; i < closes.length; i++) {
      const leg = closes[i]!;
      let share = feeLeft;
      if (i !== lastLeg) {
        share = feeShare(fee, leg.quantity, fill.quantity);
        feeLeft = feeLeft.minus(share);
      }
      realized = plusPnl(
        realized,
        this.#closeLeg(book, leg, share, fill, context, quantityTimesPrice, events, roundTrips),
      );
    }
    if (plan.open !== null) {
      // The open leg is always the last one: it takes what the closing legs left of the fee.
      this.#openLeg(
        book,
        plan.open,
        feeLeft,
        fill,
        direction,
        stopLoss,
        takeProfit,
        quantityTimesPrice,
        events,
      );
    }

    book.recount();
    this.#touch(book);
    this.#realized.add(currency, realized);
    this.#commissions.add(fill.commissionCurrency, fill.commission);
    this.#tradedNotional.add(currency, notional);
    this.#ledger.book(new FillBooking(fill, "fill", currency, cashChange === null ? realized : cashChange));
    this.#ledger.book(
      new FillBooking(fill, "commission", fill.commissionCurrency, this.#commissionCharge(fill.commission)),
    );
    this.#emit(events, ts);
    return { events, roundTrips, realizedPnl: realized };
  }

  /** The instrument's book, made on its first fill. */
  #bookOf(instrument: AccountingInstrument): InstrumentBook {
    let book = this.#books.get(instrument.id);
    if (book === undefined) {
      book = new InstrumentBook(instrument, this.#marks.entry(instrument.id));
      this.#books.set(instrument.id, book);
    }
    return book;
  }

  /**
   * Closes or reduces one position by a leg of the fill, paying `fee` from it; records its event (and its
   * round trip when it closes) and returns the realized PnL. Apart from `#commit` (as is `#openLeg`): a
   * fill either closes or opens, so the optimizing compiler can work on each half on its own.
   */
  #closeLeg(
    book: InstrumentBook,
    leg: CloseLeg,
    fee: Decimal,
    fill: OrderFilled,
    context: FillContext,
    quantityTimesPrice: Decimal,
    events: PositionEvent[],
    roundTrips: RoundTrip[],
  ): Decimal {
    const p = leg.position;
    const pnl = p.reduce(
      leg.quantity,
      fill.price,
      fee,
      fill.tradeId,
      fill.tsEvent,
      context.exitReason ?? null,
      wholeFill(leg.quantity, fill) ? quantityTimesPrice : undefined,
    );
    const open = p.isOpen;
    if (!open) {
      this.#removeOpen(book, p);
      const trip = roundTripOf(p);
      roundTrips.push(trip);
      this.#roundTrips.push(trip);
    }
    events.push(positionEvent(open ? "PositionChanged" : "PositionClosed", fill, p));
    return pnl;
  }

  /** Opens a position or adds to one by the fill's open leg, paying `fee` from it; records its event. */
  #openLeg(
    book: InstrumentBook,
    leg: OpenLeg,
    fee: Decimal,
    fill: OrderFilled,
    direction: PositionDirection,
    stopLoss: Decimal | undefined,
    takeProfit: Decimal | undefined,
    quantityTimesPrice: Decimal,
    events: PositionEvent[],
  ): void {
    const opened = leg.position === null;
    const p = leg.position ?? this.#newPosition(book, leg, fill, direction);
    p.add(
      leg.quantity,
      fill.price,
      fee,
      fill.tradeId,
      wholeFill(leg.quantity, fill) ? quantityTimesPrice : undefined,
    );
    if (stopLoss !== undefined) p.stopLoss = stopLoss;
    if (takeProfit !== undefined) p.takeProfit = takeProfit;
    events.push(positionEvent(opened ? "PositionOpened" : "PositionChanged", fill, p));
  }

  /** A new position for the open leg, registered as open in its book and the account. */
  #newPosition(
    book: InstrumentBook,
    leg: OpenLeg,
    fill: OrderFilled,
    direction: PositionDirection,
  ): PositionRecord {
    const instrument = book.instrument;
    const currency = instrument.currency;
    const p = new PositionRecord({
      id: leg.id,
      instrumentId: instrument.id,
      strategyId: fill.strategyId,
      currency,
      multiplier: instrument.multiplier,
      direction,
      openingOrderId: fill.orderId,
      sequence: ++this.#sequence,
      openedAt: fill.tsEvent,
      marks: book,
    });
    if (leg.idCounter !== null) this.#idCounter = leg.idCounter;
    else this.#namedPositions = true;
    this.#positions.set(p.id, p);
    this.#positionCurrencies.add(currency);
    book.open.push(p);
    if (book.heldAt < 0) {
      book.heldAt = this.#held.length;
      this.#held.push(book);
    }
    this.#openCount += 1;
    this.#totalsOf(currency).openPositions += 1;
    return p;
  }

  /**
   * −commission, the same Decimal for a run of fills with equal commissions (Decimals are immutable, so
   * ledger entries can share one).
   */
  #commissionCharge(commission: Decimal): Decimal {
    const last = this.#lastCommission;
    // `compare`, not `eq`: decimal.js's `eq` copies its argument first, once per fill.
    if (last === null || compare(commission, last.commission) !== 0 || commission.isZero()) {
      this.#lastCommission = { commission, charge: commission.neg() };
    }
    return this.#lastCommission!.charge;
  }

  #removeOpen(book: InstrumentBook, position: PositionRecord): void {
    const open = book.open;
    const i = open.indexOf(position);
    // The last one (a netting book's only one) is popped: splice would make an array of what it removed.
    if (i === open.length - 1) open.pop();
    else if (i >= 0) open.splice(i, 1);
    if (book.open.length === 0 && book.heldAt >= 0) {
      // Out of the list of books holding positions: the last one takes its place.
      const held = this.#held;
      const last = held.pop()!;
      if (last !== book) {
        held[book.heldAt] = last;
        last.heldAt = book.heldAt;
      }
      book.heldAt = -1;
    }
    this.#openCount -= 1;
    this.#totalsOf(position.currency).openPositions -= 1;
  }

  #totalsOf(currency: string): ValuationTotals {
    // Books re-valued in a row are nearly always in one currency: the last one looked up is kept.
    if (currency === this.#lastTotalsCurrency) return this.#lastTotals!;
    let totals = this.#totals.get(currency);
    if (totals === undefined) {
      totals = new ValuationTotals();
      this.#totals.set(currency, totals);
    }
    this.#lastTotalsCurrency = currency;
    this.#lastTotals = totals;
    return totals;
  }

  /** The book's valuation is out of date: it is re-valued when the totals are next read. */
  #touch(book: InstrumentBook): void {
    if (book.stale) return;
    book.stale = true;
    this.#stale[this.#staleCount++] = book;
  }

  /**
   * Brings the currency totals up to date with the books that changed since they were last read. Fills
   * and marks only flag their book, so a run of them costs one re-valuation when someone reads a total.
   */
  #settle(except: InstrumentBook | undefined = undefined): void {
    const count = this.#staleCount;
    if (count === 0) return;
    const stale = this.#stale;
    // Cash accounts value in fixed point while Decimal's configuration makes it exact (read once: slow).
    const fixed = this.#margin === null && unitsExact();
    const lane = fixed && except === undefined ? this.#lane : null;
    let kept = 0;
    for (let i = 0; i < count; i++) {
      // The lane takes runs of books whose feed price alone moved; the others are done one by one.
      if (lane !== null) {
        i = lane.revalueRun(stale, i, count);
        if (i === count) break;
      }
      const book = stale[i]!;
      if (book === except) {
        stale[kept++] = book;
        continue;
      }
      book.stale = false;
      this.#lane?.leave(book);
      if (fixed && this.#revalueFixed(book)) this.#enterLane(book);
      else this.#revalue(book);
    }
    this.#staleCount = kept;
  }

  /** Puts a book just held in fixed point into the lane of its currency (the first currency to have one). */
  #enterLane(book: InstrumentBook): void {
    if (book.open.length === 0) return;
    const currency = book.instrument.currency;
    this.#lane ??= new FixedLane(currency, this.#totalsOf(currency));
    this.#lane.enter(book);
  }

  /**
   * Cash accounts: re-values a book held in fixed point (or empty) at a feed price (or to empty) and
   * moves its currency's totals by the difference in millionths, without a Decimal or an object; false
   * (nothing changed) when it cannot be (then `#revalue` does it with Decimals, to the same figures).
   */
  #revalueFixed(book: InstrumentBook): boolean {
    const before = book.valuation;
    const beforeEmpty = before instanceof EmptyValuation;
    if (!(beforeEmpty || before instanceof FixedValuation)) return false;
    const currency = book.instrument.currency;
    if (before.currency !== currency) return false;
    if (book.open.length === 0) {
      // Nothing held before or after: `replace` would change nothing.
      if (beforeEmpty) return true;
      if (!this.#totalsOf(currency).shift(before, 0, 0, ZERO, 0)) return false;
      book.valuation = book.emptyValuation();
      return true;
    }
    const price = pendingNumberOf(book.marks);
    if (price === null || !book.fixedAt(price)) return false;
    const totals = this.#totalsOf(currency);
    if (!totals.shift(before, book.fixedMarket, book.fixedGross, book.costValue(), book.costUnits()))
      return false;
    book.holdFixed();
    return true;
  }

  /** Re-values one instrument's positions at its mark and updates its currency's totals by difference. */
  #revalue(book: InstrumentBook): void {
    const before = book.valuation;
    let after: Valuation | null = null;
    if (this.#margin === null) {
      // Worked out in fixed point when it can be, so the next re-valuation can be a numeric one.
      const price = pendingNumberOf(book.marks);
      if (price !== null && book.fixedAt(price)) after = book.fixedValuation();
    }
    after ??= book.valueAt(this.#marks.mark(book.instrument.id), this.#margin);
    if (before.currency === after.currency) {
      this.#totalsOf(after.currency).replace(before, after);
    } else {
      this.#totalsOf(before.currency).replace(before, emptyValuation(before.currency));
      this.#totalsOf(after.currency).replace(emptyValuation(after.currency), after);
    }
    book.valuation = after;
  }

  /** After a price update: re-values the instrument when it has open positions. */
  #marked(instrumentId: string, changed: boolean): void {
    if (!changed) return;
    const book = this.#books.get(instrumentId);
    if (book !== undefined) this.#markedBook(book);
  }

  /** After a price update of the book's instrument: re-values it when it has open positions. */
  #markedBook(book: InstrumentBook): void {
    // Holding positions (heldAt >= 0) is `book.open.length > 0` without reading the list.
    if (book.heldAt >= 0) this.#touch(book);
  }

  /** Sends events to listeners and the bus. State is already committed: a throwing listener cannot undo it. */
  #emit(events: readonly PositionEvent[], ts: UnixMillis): void {
    // Nobody to tell (a backtest reads the outcome instead): nothing to iterate, and #publish's loops
    // stay out of the fill's compiled code.
    if (this.#listeners.size !== 0 || this.#bus !== undefined) this.#publish(events, ts);
  }

  #publish(events: readonly PositionEvent[], ts: UnixMillis): void {
    let failure: unknown = null;
    for (const event of events) {
      for (const listener of this.#listeners) {
        try {
          listener(event);
        } catch (error) {
          failure ??= error;
        }
      }
      this.#bus?.publish("positions", event);
    }
    this.#bus?.publish("account", this.accountState(ts));
    if (failure !== null) throw failure;
  }

  /** Calls `listener` with every position event; returns the function that stops it. */
  onPositionEvent(listener: PositionEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Sets or clears (null) the stop-loss of an open position. */
  setStopLoss(positionId: string, price: DecimalLike | null): void {
    this.#openPosition(positionId).stopLoss = price === null ? null : parsePrice(price, "stopLoss");
  }

  /** Sets or clears (null) the take-profit of an open position. */
  setTakeProfit(positionId: string, price: DecimalLike | null): void {
    this.#openPosition(positionId).takeProfit = price === null ? null : parsePrice(price, "takeProfit");
  }

  #openPosition(positionId: string): PositionRecord {
    const p = this.#positions.get(positionId);
    if (p === undefined) {
      throw ValidationError.field("positionId", `no position ${positionId}`, "UNKNOWN_POSITION");
    }
    if (!p.isOpen)
      throw ValidationError.field("positionId", `position ${positionId} is closed`, "POSITION_CLOSED");
    return p;
  }

  // -------------------------------------------------------------------------------------------------------
  // Funding and transfers
  // -------------------------------------------------------------------------------------------------------

  /** Books a funding payment (perpetual swaps) or interest: received (+) or paid (−). Never refused. */
  applyFunding(input: FundingInput): void {
    const amount = parseDecimal(input.amount, { field: "funding.amount" });
    checkTs(input.ts, "funding.ts");
    checkCurrency(input.currency, "funding.currency");
    this.#passed = null;
    this.#funding.add(input.currency, amount);
    this.#ledger.book({
      ts: input.ts,
      currency: input.currency,
      amount,
      kind: "funding",
      reference: input.reference ?? "funding",
      instrumentId: input.instrumentId ?? null,
      description: `funding ${input.instrumentId ?? ""}`.trim(),
    });
  }

  /**
   * Deposits (+) or withdraws (−) cash. A withdrawal is refused (INSUFFICIENT_FUNDS) when it would take
   * the balance below zero or, in a margin account, equity below the initial margin in use.
   */
  transfer(input: TransferInput): void {
    const amount = parseDecimal(input.amount, { field: "transfer.amount" });
    checkTs(input.ts, "transfer.ts");
    checkCurrency(input.currency, "transfer.currency");
    if (amount.isNegative()) {
      const balance = this.#ledger.balance(input.currency);
      const headroom =
        this.config.accountType === "CASH"
          ? balance
          : Decimal.min(balance, this.equity(input.currency).minus(this.marginUsed(input.currency)));
      if (headroom.plus(amount).isNegative()) {
        throw new DeniedError(
          DenyReason.INSUFFICIENT_FUNDS,
          `withdrawing ${amount.neg().toFixed()} ${input.currency} from account ${this.config.accountId}: only ${Decimal.max(headroom, ZERO).toFixed()} ${input.currency} can be withdrawn`,
        );
      }
    }
    this.#passed = null;
    this.#transfers.add(input.currency, amount);
    this.#ledger.book({
      ts: input.ts,
      currency: input.currency,
      amount,
      kind: "transfer",
      reference: input.reference ?? (amount.isNegative() ? "withdrawal" : "deposit"),
      instrumentId: null,
      description: `${amount.isNegative() ? "withdrawal" : "deposit"} ${amount.abs().toFixed()} ${input.currency}`,
    });
  }

  // -------------------------------------------------------------------------------------------------------
  // Market prices
  // -------------------------------------------------------------------------------------------------------

  /** Sets the last traded price of an instrument (an update older than the one held is ignored). */
  updatePrice(instrumentId: string, price: DecimalLike, ts: UnixMillis): void {
    checkTs(ts, "ts");
    this.#marked(
      instrumentId,
      this.#marks.setLast(instrumentId, parseDecimal(price, { field: "price" }), ts),
    );
  }

  /** Marks at the bar's close. */
  onBar(bar: Bar): void {
    checkFinite(bar.close, "bar.close");
    this.#markAt(this.#marks.entry(bar.instrumentId), bar.close, bar.ts);
  }

  /**
   * One instrument's bar input, for a caller that marks it on every bar (the engine does, through one
   * feed per instrument): `feed.onBar(bar)` does what `onBar(bar)` does, without looking the instrument
   * up each time. A bar of another instrument is refused (ValidationError).
   */
  priceFeed(instrumentId: string): InstrumentPriceFeed {
    const entry = this.#marks.entry(instrumentId);
    return {
      instrumentId,
      onBar: (bar) => {
        if (bar.instrumentId !== instrumentId) {
          throw ValidationError.field(
            "bar.instrumentId",
            `the price feed of ${instrumentId} got a bar of ${bar.instrumentId}`,
            "INSTRUMENT_MISMATCH",
          );
        }
        const close = bar.close;
        checkFinite(close, "bar.close");
        // `#markAt` written out (setLastNumberOf, then #markedBook and #touch; keep them in step): this
        // runs on every bar of every instrument, and as one function it is one compilation for the
        // optimizing compiler, not one more for each small function it would call.
        const ts = bar.ts;
        if (ts < entry.lastTs) return;
        entry.last = null;
        entry.lastNumber = close;
        entry.lastTs = ts;
        const book = entry.book;
        if (book !== null && book.heldAt >= 0 && !book.stale) {
          book.stale = true;
          this.#stale[this.#staleCount++] = book;
        }
      },
    };
  }

  /**
   * Marks at the quote's mid; from then on the instrument is marked by quotes, not last trades. A side at 0
   * is no quote on that side (how files write "no bid" or "no ask", as the simulated venue reads it): the
   * mark is then the other side, where the mid would be half of it; a quote with both sides at 0 keeps
   * the mark as it was.
   */
  onQuote(quote: QuoteTick): void {
    const { bid, ask } = quote;
    checkFinite(bid, "quote.bid");
    checkFinite(ask, "quote.ask");
    const mark = quoteMark(bid, ask);
    this.#marked(quote.instrumentId, this.#marks.setQuote(quote.instrumentId, bid, ask, mark, quote.ts));
  }

  /** Marks at the trade's price. */
  onTrade(trade: TradeTick): void {
    checkFinite(trade.price, "trade.price");
    this.#markAt(this.#marks.entry(trade.instrumentId), trade.price, trade.ts);
  }

  /** A feed price (finite) at `ts` for the instrument of `entry`; its book is re-valued when next read. */
  #markAt(entry: InstrumentMarks, price: number, ts: UnixMillis): void {
    if (setLastNumberOf(entry, price, ts) && entry.book !== null) this.#markedBook(entry.book);
  }

  onMarketData(data: MarketData): void {
    if (data.kind === "bar") this.onBar(data);
    else if (data.kind === "quote") this.onQuote(data);
    else this.onTrade(data);
  }

  // -------------------------------------------------------------------------------------------------------
  // Reading: PortfolioView and more
  // -------------------------------------------------------------------------------------------------------

  /** The mark (quote mid or the only side quoted, else last price) of an instrument, or null before any price. */
  lastPrice(instrumentId: string): Decimal | null {
    return this.#marks.mark(instrumentId);
  }

  /**
   * The price a market order on `side` would trade at, as far as the portfolio's data tells: the latest
   * quote's ask for a buy, its bid for a sell. Null before any quote of the instrument (bar or trade data:
   * `lastPrice` is all there is) and when that side is 0 (a file's "no bid"). The risk engine values a
   * market order at it (`RiskPortfolioView.marketPrice` in `@ordo/risk`), so one sized at the mark to all
   * the cash is refused before it is sent rather than at its fill.
   */
  marketPrice(instrumentId: string, side: OrderSide): Decimal | null {
    if (side !== "BUY" && side !== "SELL")
      throw ValidationError.field("side", `must be "BUY" or "SELL", got ${JSON.stringify(side)}`);
    return this.#marks.quoted(instrumentId, side);
  }

  /** Net signed quantity over the instrument's open positions (0 when flat). */
  netQuantity(instrumentId: string): Decimal {
    return this.#books.get(instrumentId)?.netQuantity ?? ZERO;
  }

  /**
   * Balance + the value of open positions in `currency` (default: the base currency): their market value
   * in a cash account, their unrealized PnL in a margin account. No FX conversion between currencies.
   */
  equity(currency: string = this.config.baseCurrency): Decimal {
    this.#settle();
    return this.#equityOf(currency, this.#ledger.balance(currency), this.#totals.get(currency));
  }

  /** Equity from the settled totals: in a cash account held in millionths, their exact sum without a Decimal sum. */
  #equityOf(currency: string, balance: Decimal, totals: ValuationTotals | undefined): Decimal {
    if (totals === undefined) return balance;
    if (this.#margin !== null) return balance.plus(totals.unrealized);
    // Both exact integers of millionths (the balance never −0): their sum is what Decimal's plus gives.
    const units = this.#ledger.balanceUnits(currency) + totals.marketUnits;
    if (Math.abs(units) <= Number.MAX_SAFE_INTEGER && unitsExact()) return decimalOfUnits(units);
    return balance.plus(totals.marketValue);
  }

  /**
   * What can still be committed, in the base currency: the cash balance in a cash account; equity minus
   * the initial margin in use in a margin account (not below zero).
   */
  buyingPower(): Decimal {
    const currency = this.config.baseCurrency;
    if (this.config.accountType === "CASH") return notBelowZero(this.#ledger.balance(currency));
    return notBelowZero(this.equity(currency).minus(this.marginUsed(currency)));
  }

  /**
   * What opening `quantity` of `instrument` at `price` would take out of `buyingPower()`, by this account's
   * rules: the notional (|quantity| × price × multiplier) in a cash account, the initial margin in a margin
   * account (per contract for a future with `marginInit`, else that fraction of the notional, else 1 /
   * leverage of it). The risk engine's buying-power check asks this, so a leveraged account is not held
   * to the full notional. Fees are not included.
   */
  fundsRequired(instrument: AccountingInstrument, quantity: DecimalLike, price: DecimalLike): Decimal {
    const units = absolute(parseDecimal(quantity, { field: "quantity" }));
    const at = parseDecimal(price, { field: "price" });
    if (this.#margin === null) return timesMultiplier(times(units, absolute(at)), instrument.multiplier);
    return units.times(this.#margin.initialPerUnit(instrument, at));
  }

  /** Initial margin locked by open positions in `currency` (0 in a cash account). */
  marginUsed(currency: string = this.config.baseCurrency): Decimal {
    this.#settle();
    return this.#totals.get(currency)?.initialMargin ?? ZERO;
  }

  /** Maintenance margin of open positions in `currency` (0 in a cash account). */
  maintenanceMargin(currency: string = this.config.baseCurrency): Decimal {
    this.#settle();
    return this.#totals.get(currency)?.maintenanceMargin ?? ZERO;
  }

  /** Whether equity has fallen below the maintenance margin (margin accounts). */
  isMarginCall(currency: string = this.config.baseCurrency): boolean {
    return this.config.accountType === "MARGIN" && this.equity(currency).lt(this.maintenanceMargin(currency));
  }

  /** Unrealized PnL of open positions in `currency` at the latest marks. */
  unrealizedPnl(currency: string = this.config.baseCurrency): Decimal {
    this.#settle();
    return this.#totals.get(currency)?.unrealized ?? ZERO;
  }

  /** Realized PnL in `currency`, before commissions. */
  realizedPnl(currency: string = this.config.baseCurrency): Decimal {
    return this.#realized.get(currency);
  }

  /** Commissions charged in `currency` (rebates negative). */
  commissions(currency: string = this.config.baseCurrency): Decimal {
    return this.#commissions.get(currency);
  }

  /** Net funding received (+) or paid (−) in `currency`. */
  totalFunding(currency: string = this.config.baseCurrency): Decimal {
    return this.#funding.get(currency);
  }

  /** Net deposits in `currency`, starting balance included. */
  netTransfers(currency: string = this.config.baseCurrency): Decimal {
    return this.#transfers.get(currency);
  }

  /** Σ |quantity| × mark × multiplier over open positions in `currency`. */
  grossExposure(currency: string = this.config.baseCurrency): Decimal {
    this.#settle();
    return this.#totals.get(currency)?.grossExposure ?? ZERO;
  }

  /** Σ signed quantity × mark × multiplier over open positions in `currency`. */
  netExposure(currency: string = this.config.baseCurrency): Decimal {
    this.#settle();
    return this.#totals.get(currency)?.marketValue ?? ZERO;
  }

  /** Every currency with a balance or a position, the base currency first. */
  currencies(): string[] {
    const set = new Set<string>([this.config.baseCurrency, ...this.#ledger.currencies()]);
    for (const currency of this.#positionCurrencies) set.add(currency);
    return [...set];
  }

  /** The balance in `currency`: total, locked (initial margin in a margin account) and free. */
  balance(currency: string = this.config.baseCurrency): AccountBalance {
    const total = this.#ledger.balance(currency);
    const locked = this.marginUsed(currency);
    return { currency, total, locked, free: total.minus(locked) };
  }

  balances(): AccountBalance[] {
    return this.currencies().map((c) => this.balance(c));
  }

  /** The ledger entries, all or in one currency, in booking order, as of this call (a new array each time). */
  ledger(currency?: string): readonly LedgerEntry[] {
    return this.#ledger.entries(currency);
  }

  position(positionId: string): Position | undefined {
    return this.#positions.get(positionId);
  }

  /** Positions, open and closed, in opening order; filter by instrument and/or open state. */
  positions(filter: { readonly instrumentId?: string; readonly open?: boolean } = {}): Position[] {
    const out: Position[] = [];
    for (const p of this.#positions.values()) {
      if (filter.instrumentId !== undefined && p.instrumentId !== filter.instrumentId) continue;
      if (filter.open !== undefined && p.isOpen !== filter.open) continue;
      out.push(p);
    }
    return out;
  }

  /** Open positions, of one instrument or all, in opening order. */
  openPositions(instrumentId?: string): Position[] {
    if (instrumentId !== undefined) return [...(this.#books.get(instrumentId)?.open ?? [])];
    return this.positions({ open: true });
  }

  get openPositionCount(): number {
    return this.#openCount;
  }

  /** Closed positions in the order they closed. */
  roundTrips(): readonly RoundTrip[] {
    return this.#roundTrips;
  }

  /** The account as core's AccountState event. */
  accountState(ts: UnixMillis): AccountState {
    return {
      type: "AccountState",
      ts,
      accountId: this.config.accountId,
      balances: this.balances(),
      equity: this.equity(),
    };
  }

  // -------------------------------------------------------------------------------------------------------
  // Equity curve and statistics
  // -------------------------------------------------------------------------------------------------------

  /**
   * Records a point of the equity curve at `ts` in `currency` (default base) and returns it. A second
   * snapshot at the same time replaces the first; one earlier than the last point is refused.
   */
  snapshot(ts: UnixMillis, currency: string = this.config.baseCurrency): EquityPoint {
    checkTs(ts, "ts");
    const last = this.#curve.at(-1);
    if (last !== undefined && ts < last.ts) {
      throw ValidationError.field(
        "ts",
        `equity curve points must be in time order: ${ts} is before the last point ${last.ts}`,
      );
    }
    const totals = this.#totals.get(currency);
    const balance = this.#ledger.balance(currency);
    let equity: Decimal;
    let unrealizedPnl: Decimal;
    let grossExposure: Decimal;
    let netExposure: Decimal;
    const units = totals === undefined ? null : this.#sumAtFeedPrices(currency);
    if (units !== null) {
      equity = decimalOfUnits(units.equity);
      unrealizedPnl = decimalOfUnits(units.market - units.cost);
      netExposure = decimalOfUnits(units.market);
      grossExposure = units.gross === units.market ? netExposure : decimalOfUnits(units.gross);
    } else {
      this.#settle();
      equity = this.#equityOf(currency, balance, totals);
      unrealizedPnl = totals?.unrealized ?? ZERO;
      grossExposure = totals?.grossExposure ?? ZERO;
      netExposure = totals?.marketValue ?? ZERO;
      if (this.#margin !== null) this.#watchMargin(ts, currency, equity, totals);
    }
    const point: EquityPoint = {
      ts,
      currency,
      equity,
      balance,
      realizedPnl: this.#realized.get(currency),
      unrealizedPnl,
      commissions: this.#commissions.get(currency),
      funding: this.#funding.get(currency),
      grossExposure,
      netExposure,
      tradedNotional: this.#tradedNotional.get(currency),
      openPositions: totals?.openPositions ?? 0,
    };
    if (last !== undefined && last.ts === ts) this.#curve[this.#curve.length - 1] = point;
    else this.#curve.push(point);
    return point;
  }

  /**
   * A cash account's figures in `currency` summed afresh over its open books at their feed prices, in
   * millionths: what the totals hold once `#settle` has re-valued every book that a fill or a price
   * changed (the same per-book figures, `InstrumentBook.fixedAt` and `costUnits`; the totals never round,
   * so they are these exact sums whenever and however often they were brought up to date), without
   * bringing them up to date. A daily sample of many instruments then costs one pass over the books, not
   * a re-valuation of each changed one through the totals (nor the code of that, which a short backtest
   * pays for in JIT warm-up: docs/performance.md, eleventh look). Null when a mark is not a feed
   * number, a figure or a sum is not a safe integer of millionths (each sum is checked after each step:
   * rounding is monotone, so a true sum beyond MAX_SAFE_INTEGER cannot come back below it), the account
   * is a margin account, or Decimal's settings do not keep such sums exact: then the totals are used.
   */
  #sumAtFeedPrices(currency: string): FeedPriceSums | null {
    if (this.#margin !== null || !unitsExact()) return null;
    let market = 0;
    let gross = 0;
    let cost = 0;
    const held = this.#held;
    for (let i = 0; i < held.length; i++) {
      const book = held[i]!;
      if (book.instrument.currency !== currency) continue;
      const price = pendingNumberOf(book.marks);
      if (price === null || !book.fixedAt(price)) return null;
      market += book.fixedMarket;
      gross += book.fixedGross;
      cost += book.costUnits();
      if (!(Math.abs(market) <= MAX_UNITS && Math.abs(gross) <= MAX_UNITS && Math.abs(cost) <= MAX_UNITS))
        return null;
    }
    const equity = this.#ledger.balanceUnits(currency) + market;
    if (!(Math.abs(equity) <= MAX_UNITS && Math.abs(market - cost) <= MAX_UNITS)) return null;
    const sums = this.#sums;
    sums.market = market;
    sums.gross = gross;
    sums.cost = cost;
    sums.equity = equity;
    return sums;
  }

  equityCurve(): readonly EquityPoint[] {
    return this.#curve;
  }

  /**
   * A margin account's margin over the equity curve's samples in `currency` (default base): the peak
   * initial margin in use and the sample times in a margin call (equity below the maintenance margin, as
   * `isMarginCall` reads it). Null for a cash account. Before any sample in that currency: no samples,
   * no peak, no call.
   */
  marginHistory(currency: string = this.config.baseCurrency): MarginHistory | null {
    if (this.#margin === null) return null;
    return (this.#marginWatch.get(currency) ?? new MarginWatch(currency)).history();
  }

  /** A margin account's sample: the settled totals' margins against the point's equity. */
  #watchMargin(ts: UnixMillis, currency: string, equity: Decimal, totals: ValuationTotals | undefined): void {
    let watch = this.#marginWatch.get(currency);
    if (watch === undefined) {
      watch = new MarginWatch(currency);
      this.#marginWatch.set(currency, watch);
    }
    const maintenance = totals?.maintenanceMargin ?? ZERO;
    watch.observe(ts, totals?.initialMargin ?? ZERO, equity.lt(maintenance));
  }

  /** Trade statistics over the closed round trips (of one currency when given). */
  tradeStatistics(currency?: string): TradeStatistics {
    const trips =
      currency === undefined ? this.#roundTrips : this.#roundTrips.filter((t) => t.currency === currency);
    return tradeStatistics(trips);
  }

  /** Performance metrics of the recorded equity curve. */
  performance(options: PerformanceOptions = {}): PerformanceMetrics {
    return performanceMetrics(this.#curve, options);
  }
}

const NO_CONTEXT: FillContext = {};

/** `Decimal.max(x, 0)` without its copies: x unless it is negative (−0 included, which max turns into 0). */
function notBelowZero(x: Decimal): Decimal {
  return x.isNegative() ? ZERO : x;
}

/**
 * Whether a leg is the whole fill, so its notional is the fill's quantity × price already worked out
 * (a close of the whole position is planned as the position's own quantity object, equal in value).
 */
function wholeFill(quantity: Decimal, fill: OrderFilled): boolean {
  return quantity === fill.quantity || compare(quantity, fill.quantity) === 0;
}

/**
 * A closing leg's share of a fee shared by several legs (a netting flip, a hedging fill closing several
 * positions): fee × leg / fill. Apart from `#commit`, which a one-leg fill never takes this way.
 */
function feeShare(fee: Decimal, legQuantity: Decimal, fillQuantity: Decimal): Decimal {
  return fee.times(legQuantity).div(fillQuantity);
}

/** The event of a position a fill changed, with the position as it now stands. */
function positionEvent(
  type: "PositionOpened" | "PositionChanged" | "PositionClosed",
  fill: OrderFilled,
  p: PositionRecord,
): PositionEvent {
  return { type, ts: fill.tsEvent, position: p.snapshot(), tradeId: fill.tradeId };
}

function parsePrice(value: DecimalLike, field: string): Decimal {
  return parseDecimal(value, { field });
}

function checkFinite(value: number, field: string): void {
  if (!Number.isFinite(value)) throw ValidationError.field(field, `must be a finite number, got ${value}`);
}

function checkTs(ts: number, field: string): void {
  if (!Number.isSafeInteger(ts)) {
    throw ValidationError.field(field, `must be integer epoch milliseconds, got ${ts}`);
  }
}

function checkCurrency(currency: string, field: string): void {
  if (typeof currency !== "string" || currency.length === 0) {
    throw ValidationError.field(field, "must be a non-empty currency code");
  }
}

import {
  type AggressorSide,
  type Bar,
  BROKER_ADAPTER_API_VERSION,
  type BrokerAdapter,
  type CancelOrder,
  type Clock,
  CONTINGENCY_TYPES,
  Decimal,
  type ExecutionReport,
  formatTimestamp,
  hasLimitPrice,
  hasTriggerPrice,
  isTrailing,
  type LiquiditySide,
  type MarketData,
  type ModifyOrder,
  ORDER_TYPES,
  type Order,
  type OrderAccepted,
  type OrderCanceled,
  type OrderExpired,
  type OrderFilled,
  type OrderRejected,
  type OrderSide,
  type OrderTriggered,
  type OrderUpdated,
  orderEvent,
  type QuoteTick,
  quoteMark,
  roundQuantityToLot,
  TIMES_IN_FORCE,
  type TradeTick,
  ValidationError,
  type VenueCapabilities,
  type VenueSnapshot,
  ZERO,
} from "@ordo/core";
import { Observable, type Subscriber } from "rxjs";
import { compare, minus, plus } from "../decimal-shortcuts.js";
import { AlwaysFillOnTouch } from "../models/always-fill-on-touch.js";
import { InstrumentFeeCommission } from "../models/instrument-fee-commission.js";
import { NoSlippage } from "../models/no-slippage.js";
import type { CommissionModel, LatencyModel, SlippageModel, TouchFillModel } from "../models/types.js";
import { type BarPathMode, visitsHighFirst } from "./bar-path.js";
import { BookIndex } from "./book-index.js";
import { ClosedOrder } from "./closed-order.js";
import { InstrumentBook } from "./instrument-book.js";
import { compareToPoint, equalsNumber, type PricePoint } from "./price-point.js";
import type { SessionCalendar } from "./session-calendar.js";
import { utcDayCalendar } from "./session-calendar.js";
import { SimulatedAccount, type VenueAccountState } from "./simulated-account.js";
import {
  reachesActivation,
  trailedPrice,
  trailingDistance,
  trailingUpdate,
  trailingZeroRefusal,
  trailsToZero,
} from "./trailing-stop.js";
import {
  type FillGuard,
  type FillTiming,
  type OtoRelease,
  parseVenueOptions,
  type SimulatedVenueOptions,
} from "./venue-options.js";
import { VenueOrder } from "./venue-order.js";

/** What travels to the venue: a submit (one order or a list), a modify or a cancel. */
type VenueCommand =
  | { readonly kind: "submit"; readonly orders: readonly Order[] }
  | { readonly kind: "modify"; readonly command: ModifyOrder }
  | { readonly kind: "cancel"; readonly command: CancelOrder };

interface InFlight {
  readonly message: VenueCommand;
  /** When the venue sees it: sent time + latency, never before an earlier message. */
  readonly arrival: number;
}

type OrderRef = { readonly id: string; readonly instrumentId: string; readonly strategyId: string };

/** The bar walk in progress: where the price is (null: still at `from`) and where the segment ends. */
interface Walk {
  readonly book: InstrumentBook;
  readonly from: PricePoint;
  readonly to: PricePoint;
  cur: Decimal | null;
  index: number;
  /** The orders the segment reaches, in the order it reaches them (an order starting mid-walk is inserted). */
  readonly candidates: VenueOrder[];
}

/** What a bar's steps meet in a book (see #barMeets). */
const MEETS_NONE = 0;
const MEETS_MARKET = 1;
const MEETS_ANY = 2;

/** Numbers each venue's timer, so two venues on one clock never share a timer name. */
let venueInstances = 0;

const ascending = (a: VenueOrder, b: VenueOrder) => a.hitLevel!.cmp(b.hitLevel!);
const descending = (a: VenueOrder, b: VenueOrder) => b.hitLevel!.cmp(a.hitLevel!);

/**
 * The simulated venue: matches orders against bars (walked as a price path), quotes and trade ticks,
 * with fill timing, volume caps, slippage, commission, latency, time in force and contingent orders, and
 * keeps the account a real venue would know (cash, netting positions). It implements core's
 * BrokerAdapter, so the engine cannot tell it from a live venue. Rules: docs/simulated-venue.md.
 *
 * The caller emits OrderSubmitted / OrderPendingUpdate / OrderPendingCancel itself before calling
 * submit / modify / cancel; the venue answers on `reports`, synchronously: every report a call causes is
 * emitted before the call returns (calls made from a report subscriber while the venue is busy are queued
 * and handled, in order, right after the current step).
 */
export class SimulatedVenue implements BrokerAdapter {
  readonly apiVersion = BROKER_ADAPTER_API_VERSION;
  readonly venue: string;
  readonly capabilities: VenueCapabilities = {
    orderTypes: [...ORDER_TYPES],
    timeInForce: [...TIMES_IN_FORCE],
    contingencies: [...CONTINGENCY_TYPES],
    modify: true,
    reduceOnly: true,
    postOnly: true,
    displayQuantity: true,
  };
  readonly reports: Observable<ExecutionReport>;

  /**
   * Subscribers of `reports`, in subscription order. Replaced, never changed in place, on (un)subscribe,
   * so a delivery goes to the list as it was when it started, as an RxJS Subject's does (without the
   * closure, iterator and copy a Subject's `next` costs per report: two reports per order).
   */
  #listeners: readonly Subscriber<ExecutionReport>[] = [];
  readonly #clock: { now(): number };
  /**
   * The clock's timers, when it has them: delayed messages then arrive and DAY / GTD orders expire at their
   * time, not when the next data reaches the venue.
   */
  readonly #timers: Pick<Clock, "setTimer"> | null;
  readonly #timerName: string;
  /** When the venue's one timer is set to fire (+Infinity: not set). */
  #timerAt = Number.POSITIVE_INFINITY;
  readonly #fillTiming: FillTiming;
  readonly #barPath: BarPathMode;
  readonly #slippage: SlippageModel;
  /** The slippage model is NoSlippage's own: a taker fills at the base price without asking it. */
  readonly #noSlippage: boolean;
  /** The slippage model watches market data (so no bar may skip #onData). */
  readonly #observes: boolean;
  readonly #commission: CommissionModel;
  readonly #latency: LatencyModel | null;
  readonly #touchFill: TouchFillModel;
  readonly #otoRelease: OtoRelease;
  readonly #fillGuard: FillGuard | null;
  readonly #calendar: SessionCalendar;
  readonly #books = new BookIndex();
  readonly #account: SimulatedAccount;

  /** Every order that arrived: working ones in full, closed ones as the little the venue still needs. */
  readonly #orders = new Map<string, VenueOrder | ClosedOrder>();
  /** OCO / OUO links, both ways: order id -> linked id -> type. */
  readonly #links = new Map<string, Map<string, "OCO" | "OUO">>();
  /** OTO parent id -> child ids, and child id -> parent id. */
  readonly #children = new Map<string, readonly string[]>();
  readonly #parentOf = new Map<string, string>();
  /** Working orders with an expiry time (DAY, GTD, auctions). */
  readonly #expiring = new Set<VenueOrder>();
  /** An AT_THE_OPEN / AT_THE_CLOSE order has arrived (until then a bar has no auction to run). */
  #auctions = false;

  readonly #inFlight: InFlight[] = [];
  #lastArrival = Number.NEGATIVE_INFINITY;
  #connected = true;
  #seq = 0;
  #venueOrderCount = 0;
  #tradeCount = 0;
  /** Time of the step being handled: the event time of every report it causes. */
  #ts = 0;
  #depth = 0;
  readonly #deferred: (() => void)[] = [];
  #walk: Walk | null = null;

  constructor(options: SimulatedVenueOptions) {
    const o = parseVenueOptions(options);
    this.venue = o.venue;
    this.#clock = o.clock;
    const timers = o.clock as Partial<Pick<Clock, "setTimer">>;
    this.#timers = typeof timers.setTimer === "function" ? (timers as Pick<Clock, "setTimer">) : null;
    venueInstances += 1;
    this.#timerName = `ordo.venue:${o.venue}#${venueInstances}`;
    this.#fillTiming = o.fillTiming;
    this.#barPath = o.barPath;
    this.#slippage = o.slippage ?? new NoSlippage();
    this.#observes = this.#slippage.observe !== undefined;
    this.#noSlippage =
      this.#slippage instanceof NoSlippage && this.#slippage.price === NoSlippage.prototype.price;
    this.#commission = o.commission ?? new InstrumentFeeCommission();
    this.#latency = o.latency ?? null;
    this.#touchFill = o.touchFill ?? new AlwaysFillOnTouch();
    this.#otoRelease = o.otoRelease;
    this.#fillGuard = o.fillGuard ?? null;
    this.#calendar = o.calendar ?? utcDayCalendar;
    const instruments = new Map<string, InstrumentBook>();
    for (const instrument of o.instruments) {
      const book = new InstrumentBook(instrument, !this.#noSlippage);
      instruments.set(instrument.id, book);
      this.#books.add(book);
    }
    this.#account = new SimulatedAccount({
      type: o.account.type,
      currency: o.account.currency,
      balance: o.account.balance,
      leverage: o.account.leverage ?? null,
      instruments,
    });
    this.reports = new Observable<ExecutionReport>((subscriber) => {
      this.#listeners = [...this.#listeners, subscriber];
      return () => {
        this.#listeners = this.#listeners.filter((s) => s !== subscriber);
      };
    });
  }

  // -------------------------------------------------------------------------------------------------
  // BrokerAdapter
  // -------------------------------------------------------------------------------------------------

  get isConnected(): boolean {
    return this.#connected;
  }

  /** The simulated venue is reachable from construction; connect() after disconnect() restores it. */
  async connect(): Promise<void> {
    this.#connected = true;
  }

  /** While disconnected, submits fail (OrderFailed) and modifies / cancels are refused. */
  async disconnect(): Promise<void> {
    this.#connected = false;
  }

  submit(order: Order): void {
    if (this.#depth > 0) {
      this.#deferSend(order);
      return;
    }
    // #run without a closure: this runs once per order.
    this.#depth += 1;
    try {
      this.#sendOne(order);
      this.#runDeferred();
    } finally {
      this.#depth -= 1;
    }
  }

  /** Linked orders (a bracket, an OCO group) sent together: they arrive together, after one latency. */
  submitList(orders: readonly Order[]): void {
    this.#run(() => this.#send({ kind: "submit", orders: [...orders] }));
  }

  modify(command: ModifyOrder): void {
    this.#run(() => this.#send({ kind: "modify", command }));
  }

  cancel(command: CancelOrder): void {
    this.#run(() => this.#send({ kind: "cancel", command }));
  }

  async snapshot(): Promise<VenueSnapshot> {
    const state = this.#account.state();
    const openOrders = [];
    for (const vo of this.#orders.values()) {
      if (vo instanceof ClosedOrder || !vo.isWorking) continue;
      const o = vo.order;
      openOrders.push({
        orderId: o.id,
        venueOrderId: o.venueOrderId ?? "",
        instrumentId: o.instrumentId,
        side: o.side,
        type: o.type,
        quantity: o.quantity,
        filledQuantity: o.filledQuantity,
        price: o.price,
        triggerPrice: o.triggerPrice,
      });
    }
    return {
      ts: this.#clock.now(),
      openOrders,
      positions: state.positions
        .filter((p) => !p.quantity.isZero())
        .map((p) => ({ instrumentId: p.instrumentId, quantity: p.quantity, avgOpenPrice: p.avgOpenPrice })),
      balances: [{ currency: state.currency, total: state.balance, locked: ZERO, free: state.balance }],
    };
  }

  // -------------------------------------------------------------------------------------------------
  // Market data and state
  // -------------------------------------------------------------------------------------------------

  /**
   * Matches the working orders of the data's instrument against a bar, quote or trade tick. The caller
   * advances the clock to `data.ts` first. Messages (submits, modifies, cancels) whose latency has
   * elapsed arrive first, and orders whose expiry time has passed expire, in time order. Data of an
   * instrument the venue does not trade is ignored; data older than the instrument's last is an error.
   */
  process(data: MarketData): void {
    checkMarketData(data);
    const book = this.#books.forData(data.instrumentId);
    if (book !== undefined && data.ts < book.lastTs) {
      throw ValidationError.field(
        "ts",
        `market data for ${data.instrumentId} went back in time: ${data.ts} is before ${book.lastTs}`,
      );
    }
    if (this.#depth > 0) {
      this.#deferData(data, book);
      return;
    }
    if (
      data.kind === "bar" &&
      book !== undefined &&
      book.orders.length === 0 &&
      this.#inFlight.length === 0 &&
      this.#expiring.size === 0 &&
      !this.#observes
    ) {
      // Nothing can happen on this bar: no order of the instrument works, no message is in flight and no
      // order waits to expire. #onData would only move the book's market state and the mark.
      this.#ts = data.ts;
      book.passBar(data, this.#slippage.volumeLimit);
      return;
    }
    // #run without a closure: this runs once per bar.
    this.#depth += 1;
    try {
      this.#onData(data, book);
      this.#runDeferred();
    } finally {
      this.#depth -= 1;
    }
  }

  /** Cash, equity, commissions and netting positions, as the venue keeps them. */
  account(): VenueAccountState {
    return this.#account.state();
  }

  /** The venue's own copy of an order (kept with core's applyEvent), or undefined when it never arrived. */
  order(orderId: string): Order | undefined {
    return this.#orders.get(orderId)?.order;
  }

  // -------------------------------------------------------------------------------------------------
  // Steps, messages and expiry
  // -------------------------------------------------------------------------------------------------

  /** Runs a step; a step requested while another runs (from a report subscriber) waits for it to end. */
  #run(step: () => void): void {
    if (this.#depth > 0) {
      this.#deferred.push(step);
      return;
    }
    this.#depth += 1;
    try {
      step();
      this.#runDeferred();
    } finally {
      this.#depth -= 1;
    }
  }

  #runDeferred(): void {
    // Nothing is deferred after almost every step: no call to shift on an empty list.
    const deferred = this.#deferred;
    while (deferred.length !== 0) deferred.shift()!();
  }

  // The deferring closures live in their own methods: a closure in process or submit would make each of
  // their calls allocate a context for the captured variables, deferred or not.

  #deferSend(order: Order): void {
    this.#deferred.push(() => this.#sendOne(order));
  }

  #deferData(data: MarketData, book: InstrumentBook | undefined): void {
    this.#deferred.push(() => this.#onData(data, book));
  }

  #send(message: VenueCommand): void {
    const now = this.#clock.now();
    if (!this.#connected) {
      this.#refuseDisconnected(message, now);
      return;
    }
    const arrival = this.#arrival(now);
    this.#inFlight.push({ message, arrival });
    this.#advance(now, false);
    if (arrival > now) this.#armTimer(arrival);
  }

  /**
   * `#send` of one order. With nothing in flight and no delay it is delivered at once, between the
   * expiries due before now and those after it, as #advance would order them, without a message object.
   */
  #sendOne(order: Order): void {
    const now = this.#clock.now();
    if (!this.#connected) {
      this.#refuseDisconnected({ kind: "submit", orders: [order] }, now);
      return;
    }
    const arrival = this.#arrival(now);
    if (arrival !== now || this.#inFlight.length !== 0) {
      this.#inFlight.push({ message: { kind: "submit", orders: [order] }, arrival });
      this.#advance(now, false);
      if (arrival > now) this.#armTimer(arrival);
      return;
    }
    // Nothing in flight (the common case): #advance returns at once when nothing expires either.
    this.#advance(now, false);
    this.#ts = now;
    this.#arriveOne(order);
    this.#advance(now, false);
  }

  /** When a message sent now arrives: after the latency model's delay, never before an earlier message. */
  #arrival(now: number): number {
    const delay = this.#latency === null ? 0 : this.#latency.delayMs();
    if (!(Number.isFinite(delay) && delay >= 0)) {
      throw new RangeError(`latency model ${this.#latency?.name} returned ${delay} ms; it must be >= 0`);
    }
    // Messages on one session arrive in the order they were sent, whatever each one's delay.
    const arrival = Math.max(now + delay, this.#lastArrival);
    this.#lastArrival = arrival;
    return arrival;
  }

  #refuseDisconnected(message: VenueCommand, now: number): void {
    this.#ts = now;
    const reason = `venue ${this.venue} is disconnected`;
    if (message.kind === "submit") {
      for (const order of message.orders)
        this.#report(orderEvent(order, "OrderFailed", now, { reason }, now));
    } else {
      const c = message.command;
      const ref = { id: c.orderId, instrumentId: c.instrumentId, strategyId: c.strategyId };
      const type = message.kind === "modify" ? "OrderModifyRejected" : "OrderCancelRejected";
      this.#report(orderEvent(ref, type, now, { reason }, now));
    }
  }

  /**
   * Delivers the messages that have arrived by `limit` and expires orders due before it (or at it, when
   * `inclusive`), in time order; a message and an expiry at the same time: the message first.
   */
  #advance(limit: number, inclusive: boolean): void {
    if (this.#inFlight.length === 0 && this.#expiring.size === 0) return;
    for (;;) {
      const next = this.#inFlight[0];
      const messageDue = next !== undefined && next.arrival <= limit;
      const expiring = this.#nextExpiry();
      const expiryDue =
        expiring !== null && (inclusive ? expiring.expireAt! <= limit : expiring.expireAt! < limit);
      if (!messageDue && !expiryDue) return;
      if (messageDue && (!expiryDue || next.arrival <= expiring.expireAt!)) {
        this.#inFlight.shift();
        this.#deliver(next);
      } else if (expiring !== null) {
        this.#ts = expiring.expireAt!;
        this.#expire(expiring);
      }
    }
  }

  /**
   * Sets the venue's timer to fire at `at` (a message's arrival, or 1 ms after an order's expiry), unless
   * it is set to fire sooner. When it fires, the messages that have arrived are delivered and the orders
   * due expire, with no data needed: the caller hears of them at their time.
   */
  #armTimer(at: number): void {
    if (this.#timers === null || at >= this.#timerAt) return;
    this.#timerAt = at;
    this.#timers.setTimer(this.#timerName, at, this.#onTimer);
  }

  readonly #onTimer = (): void => {
    this.#timerAt = Number.POSITIVE_INFINITY;
    this.#run(() => {
      this.#advance(this.#clock.now(), false);
      const message = this.#inFlight[0];
      if (message !== undefined) this.#armTimer(message.arrival);
      const expiring = this.#nextExpiry();
      if (expiring !== null) this.#armTimer(expiring.expireAt! + 1);
    });
  };

  #nextExpiry(): VenueOrder | null {
    if (this.#expiring.size === 0) return null;
    let best: VenueOrder | null = null;
    for (const vo of this.#expiring) {
      if (
        best === null ||
        vo.expireAt! < best.expireAt! ||
        (vo.expireAt === best.expireAt && vo.seq < best.seq)
      ) {
        best = vo;
      }
    }
    return best;
  }

  #deliver({ message, arrival }: InFlight): void {
    this.#ts = arrival;
    if (message.kind === "submit") this.#arrive(message.orders);
    else if (message.kind === "modify") this.#applyModify(message.command);
    else this.#applyCancel(message.command);
  }

  #onData(data: MarketData, book: InstrumentBook | undefined): void {
    this.#advance(data.ts, false);
    if (book === undefined) return;
    this.#ts = data.ts;
    book.lastTs = data.ts;
    if (data.kind === "bar") this.#matchBar(book, data);
    else if (data.kind === "quote") this.#matchQuote(book, data);
    else this.#matchTrade(book, data);
    // Observed after matching: a fill along this bar's path (at its open, say) must not be priced from
    // statistics that include the bar's own close and volume, which were not known at the open.
    this.#slippage.observe?.(data);
    // Marked after matching: the fills of this cycle mark at their own prices first.
    if (data.kind === "quote") {
      // A side at 0 is no quote on that side ("no bid" in a file): the mark is then the other side.
      const mark = quoteMark(data.bid, data.ask);
      if (mark !== null) book.markAt(mark);
    } else book.markAtLastPrice();
    this.#ts = data.ts;
    this.#advance(data.ts, true);
    book.compact();
  }

  // -------------------------------------------------------------------------------------------------
  // Arrival
  // -------------------------------------------------------------------------------------------------

  #arrive(orders: readonly Order[]): void {
    if (orders.length === 1) {
      this.#arriveOne(orders[0]!);
      return;
    }
    const arrived: VenueOrder[] = [];
    for (const order of orders) {
      const vo = this.#admit(order);
      if (vo !== null) arrived.push(vo);
    }
    const accepted: VenueOrder[] = [];
    for (const vo of arrived) if (this.#acceptOrReject(vo)) accepted.push(vo);
    for (const vo of accepted) if (vo.isWorking) this.#start(vo);
  }

  /** One order (the common case): the steps of #arrive without their lists. */
  #arriveOne(order: Order): void {
    const vo = this.#admit(order);
    if (vo !== null && this.#acceptOrReject(vo) && vo.isWorking) this.#start(vo);
  }

  /** Rejects an arrived order with the reason it is refused, or accepts it; true when accepted. */
  #acceptOrReject(vo: VenueOrder): boolean {
    const reason = this.#refusal(vo);
    if (reason !== null) {
      this.#emitReason(vo, "OrderRejected", reason);
      return false;
    }
    this.#venueOrderCount += 1;
    this.#emitAccepted(vo, `V-${this.#venueOrderCount}`);
    if (vo.expireAt !== null) {
      this.#expiring.add(vo);
      // 1 ms after the expiry, so that data stamped at the expiry time (the closing bar) still works it.
      this.#armTimer(vo.expireAt + 1);
    }
    return true;
  }

  /** Takes an order in: the venue's own copy, its links. Refuses what cannot even be recorded. */
  #admit(order: Order): VenueOrder | null {
    if (this.#orders.has(order.id)) {
      return this.#refuseOrder(
        order,
        `DUPLICATE_ORDER_ID: order ${order.id} already exists at venue ${this.venue}`,
      );
    }
    const book = this.#books.get(order.instrumentId);
    if (book === undefined) {
      return this.#refuseOrder(
        order,
        `UNKNOWN_INSTRUMENT: venue ${this.venue} does not trade ${order.instrumentId}`,
      );
    }
    // An INITIALIZED / RELEASED order is submitted here: the venue's copy gets OrderSubmitted when asked for.
    const submitted = order.status === "INITIALIZED" || order.status === "RELEASED";
    if (!submitted && order.status !== "SUBMITTED") {
      return this.#refuseOrder(
        order,
        `INVALID_STATE: order ${order.id} is ${order.status}; the venue takes new orders only`,
      );
    }
    this.#seq += 1;
    const vo = new VenueOrder(order, book.instrument, book, this.#seq, this.#ts, submitted);
    this.#orders.set(order.id, vo);
    if (order.contingency !== null) this.#register(vo);
    return vo;
  }

  #refuseOrder(order: Order, reason: string): null {
    this.#report(orderEvent(order, "OrderRejected", this.#ts, { reason }, this.#clock.now()));
    return null;
  }

  /** Records an order's OTO / OCO / OUO links (it has a contingency). */
  #register(vo: VenueOrder): void {
    const c = vo.spec.contingency!;
    if (c.type === "OTO") {
      this.#children.set(vo.id, [...c.linkedIds]);
      for (const child of c.linkedIds) if (!this.#parentOf.has(child)) this.#parentOf.set(child, vo.id);
    } else if (c.type === "OCO" || c.type === "OUO") {
      for (const other of c.linkedIds) {
        this.#link(vo.id, other, c.type);
        this.#link(other, vo.id, c.type);
      }
    }
    if (c.parentId !== null) this.#parentOf.set(vo.id, c.parentId);
  }

  #link(from: string, to: string, type: "OCO" | "OUO"): void {
    let links = this.#links.get(from);
    if (links === undefined) {
      links = new Map();
      this.#links.set(from, links);
    }
    if (!links.has(to)) links.set(to, type);
  }

  /** Why the venue refuses an order that it could record, or null. Also fixes its expiry. */
  #refusal(vo: VenueOrder): string | null {
    const o = vo.spec; // nothing has moved it yet
    const book = vo.book;
    if (
      o.type === "MARKET" &&
      o.timeInForce === "GTC" &&
      o.price === null &&
      o.triggerPrice === null &&
      o.displayQuantity === null &&
      !o.reduceOnly &&
      (this.#parentOf.size === 0 || !this.#parentOf.has(o.id))
    ) {
      // A plain market order: every check of #fullRefusal passes but the lot, the only one it can fail.
      return offLot("quantity", o.quantity, book);
    }
    return this.#fullRefusal(vo);
  }

  /** #refusal with every check (kept apart: a small #refusal for the plain market order compiles sooner). */
  #fullRefusal(vo: VenueOrder): string | null {
    const o = vo.spec;
    const book = vo.book;
    const id = book.instrument.id;
    const offGrid =
      offTick("limit price", o.price, book) ??
      offTick("trigger price", o.triggerPrice, book) ??
      offLot("quantity", o.quantity, book) ??
      offLot("displayQuantity", o.displayQuantity, book);
    if (offGrid !== null) return offGrid;
    const structural = structuralProblem(o);
    if (structural !== null) return `INVALID_ORDER: ${structural}`;

    const parentId = this.#parentOf.get(o.id);
    if (parentId !== undefined) {
      const parent = this.#orders.get(parentId);
      if (parent === undefined)
        return `UNKNOWN_PARENT: parent order ${parentId} is not known at venue ${this.venue}`;
      if (!parent.isWorking && parent.filledQuantity.isZero()) {
        return `PARENT_CLOSED: parent order ${parentId} is ${parent.status} without a fill`;
      }
    }

    const tif = o.timeInForce;
    if (tif === "GTD") {
      if (o.expireAt! <= this.#ts)
        return `EXPIRED: GTD expireAt ${formatTimestamp(o.expireAt!)} is not after the arrival time ${formatTimestamp(this.#ts)}`;
      vo.expireAt = o.expireAt;
    } else if (tif === "DAY" || tif === "AT_THE_OPEN" || tif === "AT_THE_CLOSE") {
      const session = this.#calendar(id, this.#ts);
      if (session === null) {
        if (tif !== "DAY") return `NO_SESSION: the calendar has no session for ${id} after ${this.#ts}`;
      } else {
        if (tif === "AT_THE_OPEN" && session.open < this.#ts) {
          return `SESSION_OPEN: AT_THE_OPEN order arrived at ${this.#ts}, after the session opened at ${session.open}`;
        }
        vo.expireAt = session.close;
        if (tif !== "DAY") {
          vo.session = session;
          this.#auctions = true;
        }
      }
    }

    if (o.postOnly && o.price !== null) {
      const taking = this.#postOnlyProblem(vo.book, o.side, o.price);
      if (taking !== null) return taking;
    }
    if (o.reduceOnly && parentId === undefined) {
      const room = this.#account.reducibleQuantity(id, o.side);
      if (room.isZero()) {
        return `REDUCE_ONLY: a ${o.side} would not reduce the position in ${id} (net ${this.#account.netQuantity(id).toFixed()})`;
      }
    }
    // An OTO child meets the market only when its parent fills: it is checked where it first trails.
    if (o.trailing !== null && o.side === "SELL" && parentId === undefined) return this.#trailingRefusal(vo);
    return null;
  }

  /**
   * A SELL trailing order that would trail from the price it meets on arrival to a trigger (or limit) at
   * or below 0 is rejected, not accepted to rest where it never fires. Without a price at arrival (bars
   * with next-open), its first trail decides: it is canceled there with the same reason (#trailOne).
   */
  #trailingRefusal(vo: VenueOrder): string | null {
    const price = this.#arrivalPrice(vo);
    if (price === null) return null;
    const activation = vo.spec.trailing!.activationPrice;
    if (activation !== null && !reachesActivation("SELL", activation, price)) return null;
    return trailingZeroRefusal(vo.spec, vo, price, this.#arrivalPriceName(vo), vo.instrument);
  }

  /**
   * Why a post-only limit at `price` would take liquidity now (marketable against the quote, else the last
   * price), or null. The reason names the level it crosses: on bars that is the last close, which a user
   * cannot tell from "the market".
   */
  #postOnlyProblem(book: InstrumentBook, side: OrderSide, price: Decimal): string | null {
    let level: Decimal | number;
    let what: string;
    if (book.quoteAsk !== null && book.quoteBid !== null) {
      const quoted = side === "BUY" ? book.quoteAsk : book.quoteBid;
      if (quoted.lte(0)) return null; // no ask (or no bid) to take
      [level, what] = [quoted, side === "BUY" ? "ask" : "bid"];
    } else {
      if (Number.isNaN(book.lastPrice)) return null;
      [level, what] = [book.lastPrice, "last price"];
    }
    const taking = side === "BUY" ? price.gte(level) : price.lte(level);
    if (!taking) return null;
    const [crosses, rests] = side === "BUY" ? ["at or above", "below"] : ["at or below", "above"];
    return `POST_ONLY: ${side} limit ${price.toFixed()} would take liquidity: it is ${crosses} the ${what} ${typeof level === "number" ? String(level) : level.toFixed()} (a post-only ${side} must rest ${rests} it)`;
  }

  /** Puts an accepted order to work, or keeps an OTO child waiting for its parent's fill. */
  #start(vo: VenueOrder): void {
    const parentId = this.#parentOf.size === 0 ? undefined : this.#parentOf.get(vo.id);
    if (parentId === undefined) {
      this.#activate(vo);
      return;
    }
    const parent = this.#orders.get(parentId)!;
    if (parent.filledQuantity.isPositive() && !parent.filledQuantity.isZero()) {
      this.#releaseChildren(parent);
    }
  }

  /** Adds an order to its book; it meets the market now if the venue has a price for it now. */
  #activate(vo: VenueOrder): void {
    vo.active = true;
    vo.fresh = true;
    vo.book.add(vo);
    const walk = this.#walk;
    if (walk !== null && walk.book === vo.book) {
      this.#insertCandidate(walk, vo);
      return;
    }
    if (this.#tickBook === vo.book) return; // the tick loop reaches orders appended to the book
    // Without a quote, only a same-close bar gives a price now (see #arrivalPrice): bars with next-open
    // or next-close have none, and the order waits for the next bar.
    if ((vo.book.quoteBid === null || vo.book.quoteAsk === null) && this.#fillTiming !== "same-close") return;
    this.#matchOnArrival(vo);
  }

  #tickBook: InstrumentBook | null = null;

  /**
   * An order that starts working meets the market at once when there is a market now: the latest quote,
   * or (same-close) the close of the bar that closed at this very moment. Otherwise it waits for data.
   * A trailing stop that meets it trails from it, as on every later tick: a sell placed on a quote with
   * bid 1.1000 and a 0.0050 offset has its trigger at 1.0950 at once, not only from the next quote on.
   */
  #matchOnArrival(vo: VenueOrder): void {
    if (vo.isAuction) return;
    const price = this.#arrivalPrice(vo);
    if (price === null) return;
    this.#evaluateAt(vo, price, true);
    if (vo.isWorking && vo.mode === "stop" && isTrailing(vo.spec.type))
      this.#trailOne(vo, price, this.#arrivalPriceName(vo));
  }

  /** The price an order meets on arrival (its side of the latest quote, or a same-close bar's close), or null. */
  #arrivalPrice(vo: VenueOrder): Decimal | null {
    const book = vo.book;
    if (book.quoteAsk !== null && book.quoteBid !== null) {
      const price = vo.spec.side === "BUY" ? book.quoteAsk : book.quoteBid;
      // That side has no quote ("no ask" / "no bid"): nothing to meet.
      return price.lte(0) ? null : price;
    }
    if (this.#fillTiming === "same-close" && book.isBarCycle && book.lastTs === this.#ts) {
      return new Decimal(book.lastPrice); // the close of the bar that closed now
    }
    return null;
  }

  /** What #arrivalPrice is, for a reason: "bid", "ask" or "close". */
  #arrivalPriceName(vo: VenueOrder): string {
    const book = vo.book;
    if (book.quoteAsk === null || book.quoteBid === null) return "close";
    return vo.spec.side === "BUY" ? "ask" : "bid";
  }

  // -------------------------------------------------------------------------------------------------
  // Modify and cancel
  // -------------------------------------------------------------------------------------------------

  /** The working order a modify or cancel names; undefined after refusing the command (unknown or closed). */
  #workingOrderFor(
    command: ModifyOrder | CancelOrder,
    refusal: "OrderModifyRejected" | "OrderCancelRejected",
    closedReason: (vo: VenueOrder | ClosedOrder) => string,
  ): VenueOrder | undefined {
    const vo = this.#orders.get(command.orderId);
    if (vo === undefined) {
      this.#refuseCommand(
        command,
        refusal,
        `UNKNOWN_ORDER: order ${command.orderId} is not known at venue ${this.venue}`,
      );
      return undefined;
    }
    if (vo instanceof ClosedOrder || !vo.isWorking) {
      this.#refuseCommand(command, refusal, `ORDER_CLOSED: ${closedReason(vo)}`);
      return undefined;
    }
    return vo;
  }

  #applyModify(command: ModifyOrder): void {
    const vo = this.#workingOrderFor(
      command,
      "OrderModifyRejected",
      (o) => `order ${o.id} is ${o.status} and can no longer be modified`,
    );
    if (vo === undefined) return;
    const problem = this.#modifyProblem(vo, command);
    if (problem !== null) {
      this.#report(
        orderEvent(vo.spec, "OrderModifyRejected", this.#ts, { reason: problem }, this.#clock.now()),
      );
      return;
    }
    const losesPriority =
      (command.price !== null && !command.price.eq(vo.price ?? ZERO)) ||
      (command.triggerPrice !== null && !command.triggerPrice.eq(vo.triggerPrice ?? ZERO)) ||
      command.quantity?.gt(vo.quantity) === true;
    this.#emitUpdated(vo, command.quantity, command.price, command.triggerPrice);
    if (!vo.released && command.quantity !== null) vo.plannedQuantity = command.quantity;
    if (!vo.active) return;
    if (losesPriority) {
      this.#seq += 1;
      vo.seq = this.#seq;
      vo.book.moveToBack(vo);
    }
    vo.fresh = true;
    this.#matchOnArrival(vo);
  }

  #modifyProblem(vo: VenueOrder, command: ModifyOrder): string | null {
    const o = vo.spec;
    const instrument = vo.instrument;
    if (command.quantity === null && command.price === null && command.triggerPrice === null) {
      return "NOTHING_TO_MODIFY: give a new quantity, price or triggerPrice";
    }
    if (command.quantity !== null) {
      if (!command.quantity.gt(vo.filledQuantity)) {
        return `INVALID_QUANTITY: quantity ${command.quantity.toFixed()} must exceed the filled ${vo.filledQuantity.toFixed()} (cancel instead)`;
      }
      if (!vo.book.lot.holds(command.quantity)) {
        return `QUANTITY_NOT_ON_LOT: quantity ${command.quantity.toFixed()} is not a multiple of lot size ${instrument.lotSize.toFixed()}`;
      }
    }
    if (command.price !== null) {
      const takesPrice = hasLimitPrice(o.type) || (o.type === "MARKET_TO_LIMIT" && vo.price !== null);
      if (!takesPrice) return `INVALID_PRICE: ${o.type} orders take no price`;
      if (!command.price.isPositive() || command.price.isZero()) return "INVALID_PRICE: price must be > 0";
      if (!vo.book.tick.holds(command.price)) {
        return `PRICE_NOT_ON_TICK: limit price ${command.price.toFixed()} is not a multiple of tick size ${instrument.tickSize.toFixed()}`;
      }
      if (o.postOnly) {
        const taking = this.#postOnlyProblem(vo.book, o.side, command.price);
        if (taking !== null) return taking;
      }
    }
    if (command.triggerPrice !== null) {
      if (!hasTriggerPrice(o.type)) return `INVALID_TRIGGER: ${o.type} orders take no triggerPrice`;
      if (vo.isTriggered || vo.marketTriggered)
        return `ALREADY_TRIGGERED: order ${o.id} was already triggered`;
      if (!command.triggerPrice.isPositive() || command.triggerPrice.isZero()) {
        return "INVALID_TRIGGER: triggerPrice must be > 0";
      }
      if (!vo.book.tick.holds(command.triggerPrice)) {
        return `PRICE_NOT_ON_TICK: trigger price ${command.triggerPrice.toFixed()} is not a multiple of tick size ${instrument.tickSize.toFixed()}`;
      }
    }
    return null;
  }

  #applyCancel(command: CancelOrder): void {
    const vo = this.#workingOrderFor(
      command,
      "OrderCancelRejected",
      (o) => `order ${o.id} is already ${o.status}`,
    );
    if (vo === undefined) return;
    this.#cancel(vo, null);
    vo.book.compact();
  }

  /** A refusal the venue's copy does not record (its copy never enters PENDING_*); the caller decides. */
  #refuseCommand(
    command: ModifyOrder | CancelOrder,
    type: "OrderModifyRejected" | "OrderCancelRejected",
    reason: string,
  ): void {
    const vo = this.#orders.get(command.orderId);
    const ref: OrderRef = vo?.spec ?? {
      id: command.orderId,
      instrumentId: command.instrumentId,
      strategyId: command.strategyId,
    };
    this.#report(orderEvent(ref, type, this.#ts, { reason }, this.#clock.now()));
  }

  // -------------------------------------------------------------------------------------------------
  // Closing orders and their links
  // -------------------------------------------------------------------------------------------------

  /** The order `id` names when it is known and still working. */
  #working(id: string): VenueOrder | undefined {
    const vo = this.#orders.get(id);
    return vo instanceof VenueOrder && vo.isWorking ? vo : undefined;
  }

  /** Cancels an order and its links; `cause` (an order whose fill caused this) keeps working. */
  #cancel(vo: VenueOrder, reason: string | null, cause: VenueOrder | null = null): void {
    this.#emitReason(vo, "OrderCanceled", reason);
    this.#closeLinks(vo, "was canceled", cause);
  }

  #expire(vo: VenueOrder): void {
    this.#emitPlain(vo, "OrderExpired");
    this.#closeLinks(vo, "expired");
  }

  /**
   * Canceling or expiring an order cancels its OCO / OUO siblings and its OTO children that are still
   * waiting for a fill; children already working keep protecting what the parent filled.
   */
  #closeLinks(vo: VenueOrder, what: string, cause: VenueOrder | null = null): void {
    const links = this.#links.get(vo.id);
    if (links !== undefined) {
      for (const [otherId, type] of links) {
        const other = this.#working(otherId);
        if (other !== undefined && other !== cause)
          this.#cancel(other, `${type}: linked order ${vo.id} ${what}`, cause);
      }
    }
    const children = this.#children.get(vo.id);
    if (children !== undefined) {
      for (const childId of children) {
        const child = this.#working(childId);
        if (child !== undefined && !child.released && this.#parentOf.get(childId) === vo.id) {
          this.#cancel(child, `OTO: parent order ${vo.id} ${what} before releasing it`);
        }
      }
    }
  }

  /** After a fill: OCO siblings canceled, OUO siblings reduced, OTO children released or grown. */
  #afterFill(vo: VenueOrder): void {
    const links = this.#links.get(vo.id);
    if (links !== undefined) {
      const leaves = vo.leavesQuantity;
      for (const [otherId, type] of links) {
        const other = this.#working(otherId);
        if (other === undefined) continue;
        if (type === "OCO") {
          this.#cancel(other, `OCO: linked order ${vo.id} filled`, vo);
        } else if (leaves.isZero()) {
          this.#cancel(other, `OUO: linked order ${vo.id} completed`);
        } else if (other.active) {
          const target = other.filledQuantity.plus(leaves);
          if (target.lt(other.quantity)) this.#emitUpdated(other, target, null, null);
        }
      }
    }
    this.#releaseChildren(vo);
  }

  /**
   * Sizes OTO children to what the parent filled: quantity × parent filled / parent quantity, rounded
   * down to the lot (all of it once the parent is filled, with "full-fill" release only then). A child
   * starts working on its first release and grows by each later release.
   */
  #releaseChildren(parent: VenueOrder | ClosedOrder): void {
    const childIds = this.#children.get(parent.id);
    if (childIds === undefined) return;
    const p = parent;
    for (const childId of childIds) {
      const child = this.#working(childId);
      if (child === undefined || this.#parentOf.get(childId) !== parent.id) continue;
      if (child.status === "SUBMITTED") continue; // not accepted yet (same list): #start releases it
      let allowed: Decimal;
      if (p.status === "FILLED" || p.filledQuantity.gte(p.quantity)) allowed = child.plannedQuantity;
      else if (this.#otoRelease === "full-fill") allowed = ZERO;
      else {
        allowed = roundQuantityToLot(
          child.instrument,
          child.plannedQuantity.times(p.filledQuantity).div(p.quantity),
        );
      }
      if (!allowed.gt(child.granted)) continue;
      const first = !child.released;
      const quantity = first ? allowed : child.quantity.plus(allowed.minus(child.granted));
      child.released = true;
      child.granted = allowed;
      if (!quantity.eq(child.quantity)) this.#emitUpdated(child, quantity, null, null);
      if (first) this.#activate(child);
    }
  }

  // -------------------------------------------------------------------------------------------------
  // Matching: bars
  // -------------------------------------------------------------------------------------------------

  #eligibleForBar(vo: VenueOrder, barTs: number): boolean {
    return vo.active && vo.isWorking && vo.arrivalTs < barTs && !vo.isAuction;
  }

  /** Whether an order of the book works and arrived before the bar: the only ones a bar's steps touch. */
  #anyMeetsBar(book: InstrumentBook, barTs: number): boolean {
    const orders = book.orders;
    for (let i = 0; i < orders.length; i++) {
      const vo = orders[i]!;
      if (vo.active && vo.isWorking && vo.arrivalTs < barTs) return true;
    }
    return false;
  }

  /**
   * Which orders of the book a bar's steps touch (working, arrived before the bar): none, only market
   * orders (all of them fill at the walk's first point), or others too.
   */
  #barMeets(book: InstrumentBook, barTs: number): typeof MEETS_NONE | typeof MEETS_MARKET | typeof MEETS_ANY {
    const orders = book.orders;
    let meets: typeof MEETS_NONE | typeof MEETS_MARKET = MEETS_NONE;
    for (let i = 0; i < orders.length; i++) {
      const vo = orders[i]!;
      if (!(vo.active && vo.isWorking && vo.arrivalTs < barTs)) continue;
      if (vo.isAuction || vo.mode !== "market") return MEETS_ANY;
      meets = MEETS_MARKET;
    }
    return meets;
  }

  #matchBar(book: InstrumentBook, bar: Bar): void {
    book.startBarCycle(bar, this.#slippage.volumeLimit);
    const meets = this.#barMeets(book, bar.ts);
    if (meets === MEETS_NONE) return;

    if (this.#auctions) this.#auction(book, bar, "AT_THE_OPEN");
    // The path's points are the book's, reused; their Decimals are made only where an order is hit. The
    // points after the first are set only when an order is left to meet them.
    const path = book.path;
    const nextClose = this.#fillTiming === "next-close";
    const first = path[0]!.set(nextClose ? bar.close : bar.open);
    book.cycleLow = nextClose ? bar.close : bar.low;
    book.cycleHigh = nextClose ? bar.close : bar.high;
    // No OTO children: no fill can start an order that the walk would have to meet mid-way.
    if (meets === MEETS_MARKET && this.#children.size === 0) this.#fillAtFirst(book, bar.ts, first.decimal);
    else {
      this.#walkSegment(book, bar.ts, first, first, true);
      for (const vo of book.orders) if (vo.fresh && this.#eligibleForBar(vo, bar.ts)) this.#endFresh(vo);
    }
    // The rest of the walk acts only on such orders: when the open filled them all, it would do nothing.
    if (!this.#anyMeetsBar(book, bar.ts)) return;
    this.#trail(book, bar.ts, first);
    if (!nextClose) {
      const highFirst = visitsHighFirst(bar, this.#barPath);
      path[1]!.set(highFirst ? bar.high : bar.low);
      path[2]!.set(highFirst ? bar.low : bar.high);
      path[3]!.set(bar.close);
      for (let i = 1; i < 4; i++) {
        const from = path[i - 1]!;
        const to = path[i]!;
        // Equal numbers are equal Decimals (a number's Decimal is its shortest text).
        if (from.value !== to.value) this.#walkSegment(book, bar.ts, from, to, false);
        this.#trail(book, bar.ts, to);
      }
    }
    if (this.#auctions) this.#auction(book, bar, "AT_THE_CLOSE");
  }

  /**
   * The walk's first point when every order it meets is a market order: each fills there as a taker, in
   * time priority, and has met the market, as #walkSegment and #hit would do without their candidate list.
   */
  #fillAtFirst(book: InstrumentBook, barTs: number, price: Decimal): void {
    const orders = book.orders;
    for (let i = 0; i < orders.length; i++) {
      const vo = orders[i]!;
      if (!this.#eligibleForBar(vo, barTs)) continue;
      this.#fill(vo, price, "TAKER");
      this.#endFresh(vo);
    }
  }

  /**
   * One stretch of the walk: from `from` to `to` (equal for the first point, where every order meets the
   * opening price). Orders are hit in the order the price reaches their level, ties in time priority.
   */
  #walkSegment(book: InstrumentBook, barTs: number, from: PricePoint, to: PricePoint, jump: boolean): void {
    // A new list each time: emptying a kept one (length = 0) is a runtime call that gives its room back anyway.
    const candidates: VenueOrder[] = [];
    const rising = to.value > from.value;
    for (const vo of book.orders) {
      if (!this.#eligibleForBar(vo, barTs)) continue;
      const direction = vo.direction;
      if (jump) {
        if (satisfiedAt(vo, direction, from)) {
          vo.hitLevel = from.decimal;
          vo.hitAtStart = true;
          candidates.push(vo);
        }
        continue;
      }
      if (direction !== (rising ? "above" : "below")) continue;
      const level = vo.level;
      if (level === null) continue;
      const n = vo.numberOf(level);
      if (
        rising
          ? compareToPoint(level, n, from) > 0 && compareToPoint(level, n, to) <= 0
          : compareToPoint(level, n, from) < 0 && compareToPoint(level, n, to) >= 0
      ) {
        vo.hitLevel = level;
        vo.hitAtStart = false;
        candidates.push(vo);
      }
    }
    if (candidates.length === 0) return;
    if (!jump) candidates.sort(rising ? ascending : descending);
    const walk: Walk = { book, from, to, cur: null, index: 0, candidates };
    this.#walk = walk;
    try {
      while (walk.index < candidates.length) {
        const vo = candidates[walk.index]!;
        walk.index += 1;
        if (!vo.isWorking || !vo.active || vo.hitLevel === null) continue;
        walk.cur = vo.hitLevel;
        this.#hit(vo, vo.hitLevel, vo.hitAtStart, true);
      }
    } finally {
      this.#walk = null;
    }
  }

  /**
   * An order that starts working in the middle of a walk (a triggered stop-limit, a released child) meets
   * the price where the walk is, then the rest of the segment.
   */
  #insertCandidate(walk: Walk, vo: VenueOrder): void {
    const cur = walk.cur ?? walk.from.decimal;
    const direction = vo.direction;
    const level = vo.level;
    let hit: Decimal | null = null;
    let atStart = false;
    if (satisfied(direction, level, cur)) {
      hit = cur;
      atStart = true;
    } else if (level !== null && walk.from.value !== walk.to.value) {
      const rising = walk.to.value > walk.from.value;
      const n = vo.numberOf(level);
      if (
        rising
          ? direction === "above" && level.gt(cur) && compareToPoint(level, n, walk.to) <= 0
          : direction === "below" && level.lt(cur) && compareToPoint(level, n, walk.to) >= 0
      ) {
        hit = level;
      }
    }
    if (hit === null || !atStart) this.#endFresh(vo);
    if (hit === null) return;
    vo.hitLevel = hit;
    vo.hitAtStart = atStart;
    const candidates = walk.candidates;
    const rising = walk.to.value > walk.from.value;
    let at = walk.index;
    while (at < candidates.length) {
      const other = candidates[at]!.hitLevel;
      if (other !== null && (rising ? other.gt(hit) : other.lt(hit))) break;
      at += 1;
    }
    candidates.splice(at, 0, vo);
  }

  /** AT_THE_OPEN orders meet the first bar of their session at its open; AT_THE_CLOSE the closing bar. */
  #auction(book: InstrumentBook, bar: Bar, tif: "AT_THE_OPEN" | "AT_THE_CLOSE"): void {
    let price: Decimal | null = null;
    for (let i = 0; i < book.orders.length; i++) {
      const vo = book.orders[i]!;
      if (!vo.active || !vo.isWorking || vo.spec.timeInForce !== tif || vo.arrivalTs >= bar.ts) continue;
      const session = vo.session!;
      const inAuction =
        tif === "AT_THE_OPEN" ? session.open < bar.ts && bar.ts <= session.close : bar.ts === session.close;
      if (!inAuction) continue;
      price ??= new Decimal(tif === "AT_THE_OPEN" ? bar.open : bar.close);
      this.#tickBook = book;
      this.#evaluateAt(vo, price, true);
      this.#tickBook = null;
      if (vo.isWorking) this.#expire(vo);
    }
  }

  /**
   * What an order does when the price reaches `price`: fill (market), trigger (stops, touches) or fill at
   * its limit. `atStart`: the price is where the order met the market (a gap, its arrival, its trigger).
   */
  #hit(vo: VenueOrder, price: Decimal, atStart: boolean, inWalk: boolean): void {
    const mode = vo.mode;
    if (mode === "market") {
      this.#fill(vo, price, "TAKER");
    } else if (mode === "limit") {
      const limit = vo.price!;
      if (atStart && (vo.fresh || !price.eq(limit))) this.#fill(vo, price, "TAKER");
      else {
        const extreme = vo.spec.side === "BUY" ? vo.book.cycleLow : vo.book.cycleHigh;
        this.#passiveFill(vo, limit, equalsNumber(limit, vo.numberOf(limit), extreme));
      }
    } else {
      this.#trigger(vo, price);
      if (vo.mode === "limit" && vo.isWorking) {
        // The triggered limit meets the price where it triggered, then the rest of the path.
        if (inWalk && this.#walk !== null) {
          this.#insertCandidate(this.#walk, vo);
          return;
        }
        this.#hit(vo, price, satisfied(vo.direction, vo.level, price), false);
        return;
      }
    }
    if (atStart) this.#endFresh(vo);
  }

  /** Stops, touches and trailing stops reaching their trigger. */
  #trigger(vo: VenueOrder, price: Decimal): void {
    const o = vo.spec;
    if (o.type === "STOP_MARKET" || o.type === "MARKET_IF_TOUCHED" || o.type === "TRAILING_STOP_MARKET") {
      // Core gives market-type stops no TRIGGERED state: the venue flags it and fills it as a market order.
      vo.marketTriggered = true;
      this.#fill(vo, price, "TAKER");
      return;
    }
    let limit: Decimal | null = null;
    if (o.type === "TRAILING_STOP_LIMIT" && vo.price === null && o.trailing?.limitOffset != null) {
      const distance = trailingDistance(
        o.trailing.offsetType,
        o.trailing.limitOffset,
        price,
        vo.instrument.tickSize,
      );
      limit = trailedPrice(vo.instrument, o.side, price, distance);
      if (limit.isNegative() || limit.isZero()) {
        // Triggered before it ever trailed, a SELL's limit offset beyond the price leaves no limit to work.
        this.#cancel(vo, trailingZeroRefusal(o, vo, price, "price", vo.instrument));
        return;
      }
    }
    this.#emitPlain(vo, "OrderTriggered");
    if (limit !== null) this.#emitUpdated(vo, null, limit, null);
    vo.fresh = true;
  }

  /** Trailing stops follow the price at each point of the walk (and each tick), in the holder's favour. */
  #trail(book: InstrumentBook, barTs: number, basis: PricePoint): void {
    for (const vo of book.orders) {
      if (!isTrailing(vo.spec.type) || vo.mode !== "stop") continue;
      if (!vo.active || !vo.isWorking || vo.arrivalTs >= barTs) continue;
      this.#trailOne(vo, basis.decimal, "price");
    }
  }

  /** `basisName` names the basis in a refusal: "bid", "ask", "price" (a bar's path, a trade), "close". */
  #trailOne(vo: VenueOrder, basis: Decimal, basisName: string): void {
    const o = vo.spec;
    const trailing = o.trailing;
    if (trailing === null) return;
    if (!vo.trailingActive) {
      if (trailing.activationPrice === null || !reachesActivation(o.side, trailing.activationPrice, basis))
        return;
      vo.trailingActive = true;
    }
    const update = trailingUpdate(vo.instrument, o.side, trailing, vo, basis);
    if (update === null) return;
    if (trailsToZero(update)) {
      // Its first trigger (or limit) from here would be at or below 0, where it never fires.
      this.#cancel(vo, trailingZeroRefusal(o, vo, basis, basisName, vo.instrument));
      return;
    }
    this.#emitUpdated(vo, null, update.price, update.triggerPrice);
  }

  // -------------------------------------------------------------------------------------------------
  // Matching: quotes and trades
  // -------------------------------------------------------------------------------------------------

  /** Buys meet the ask and sells the bid; the quoted sizes cap what fills on this quote, per side. */
  #matchQuote(book: InstrumentBook, quote: QuoteTick): void {
    book.quote = quote;
    book.quoteBid = new Decimal(quote.bid);
    book.quoteAsk = new Decimal(quote.ask);
    // A size of NaN is unknown (a file without size columns): it caps nothing, as a bar without a volume limit.
    book.startCycle(sizeCap(book, quote.askSize), sizeCap(book, quote.bidSize), false);
    // A side at 0 is how files write "no bid" (or "no ask"): orders of that side have nothing to meet.
    this.#matchTick(book, book.quoteAsk, book.quoteBid, "NONE", true, quote.ask > 0, quote.bid > 0);
  }

  /**
   * A trade print: market orders and triggers meet its price; resting limits fill at their limit only
   * against an opposite aggressor (a seller hits resting buys); its size caps all fills on it.
   */
  #matchTrade(book: InstrumentBook, trade: TradeTick): void {
    book.lastPrice = trade.price;
    const cap = sizeCap(book, trade.size);
    book.startCycle(cap, cap, true);
    const price = new Decimal(trade.price);
    this.#matchTick(book, price, price, trade.aggressor, false);
  }

  #matchTick(
    book: InstrumentBook,
    buyPrice: Decimal,
    sellPrice: Decimal,
    aggressor: AggressorSide,
    isQuote: boolean,
    buysMeet = true,
    sellsMeet = true,
  ): void {
    this.#tickBook = book;
    try {
      for (let i = 0; i < book.orders.length; i++) {
        const vo = book.orders[i]!;
        if (!vo.active || !vo.isWorking || vo.isAuction) continue;
        const buy = vo.spec.side === "BUY";
        if (!(buy ? buysMeet : sellsMeet)) continue;
        const restingMayFill = aggressor === "NONE" || (buy ? aggressor === "SELLER" : aggressor === "BUYER");
        this.#evaluateAt(vo, buy ? buyPrice : sellPrice, restingMayFill);
        if (vo.isWorking && vo.mode === "stop" && isTrailing(vo.spec.type))
          this.#trailOne(vo, buy ? buyPrice : sellPrice, isQuote ? (buy ? "ask" : "bid") : "price");
      }
    } finally {
      this.#tickBook = null;
    }
  }

  /**
   * An order meeting one price (a tick, its arrival, an auction): marketable orders fill there as takers;
   * resting limits crossed by the market fill at their limit as makers (when `restingMayFill`).
   */
  #evaluateAt(vo: VenueOrder, price: Decimal, restingMayFill: boolean): void {
    for (let step = 0; step < 2 && vo.isWorking; step++) {
      const mode = vo.mode;
      if (mode === "market") {
        this.#fill(vo, price, "TAKER");
        break;
      }
      if (!satisfied(vo.direction, vo.level, price)) break;
      if (mode === "limit") {
        if (vo.fresh) this.#fill(vo, price, "TAKER");
        else if (restingMayFill) this.#passiveFill(vo, vo.price!, vo.price!.eq(price));
        break;
      }
      this.#trigger(vo, price);
    }
    this.#endFresh(vo);
  }

  // -------------------------------------------------------------------------------------------------
  // Fills
  // -------------------------------------------------------------------------------------------------

  /** The order has met the market once: IOC / FOK orders cancel what did not fill there. */
  #endFresh(vo: VenueOrder): void {
    if (!vo.fresh) return;
    vo.fresh = false;
    if (vo.isImmediate && vo.isWorking) {
      this.#cancel(vo, `${vo.spec.timeInForce}: ${vo.leavesQuantity.toFixed()} not filled on arrival`);
    }
  }

  /** A resting limit reached by the price fills at its limit; a limit only touched asks the touch model. */
  #passiveFill(vo: VenueOrder, limit: Decimal, touchedOnly: boolean): void {
    const book = vo.book;
    if (vo.touchDeclinedCycle === book.cycle) return;
    if (touchedOnly && !this.#touchFill.fillsOnTouch()) {
      vo.touchDeclinedCycle = book.cycle;
      return;
    }
    this.#fill(vo, limit, "MAKER");
  }

  /**
   * Fills as much as the cycle allows: leaves, iceberg display, the volume or size cap, and for
   * reduce-only orders the position. Takers are priced by the slippage model, never worse than a limit.
   */
  #fill(vo: VenueOrder, basePrice: Decimal, liquidity: LiquiditySide): void {
    const book = vo.book;
    const o = vo.spec;
    let quantity = vo.shownQuantity(book.cycle);
    const cap = book.remaining(o.side);
    if (cap?.lt(quantity)) quantity = cap;
    if (o.reduceOnly) {
      const room = this.#reducibleOrCancel(vo);
      if (room === null) return;
      if (room.lt(quantity)) quantity = room;
    }
    if (!quantity.isPositive() || quantity.isZero()) return;
    if (vo.fresh && o.timeInForce === "FOK" && quantity.lt(vo.leavesQuantity)) return;

    const price = liquidity === "TAKER" ? this.#takerPrice(vo, basePrice, quantity) : basePrice;
    const commission = this.#commission.commission({
      instrument: vo.instrument,
      orderId: o.id,
      side: o.side,
      price,
      quantity,
      liquidity,
      orderQuantity: vo.quantity,
      orderFilledBefore: vo.filledQuantity,
      orderCommissionBefore: vo.commissionTotal,
    });
    const fill = this.#fillEvent(vo, `T-${this.#tradeCount + 1}`, price, quantity, commission, liquidity);
    if (this.#fillGuard !== null) {
      const refusal = this.#fillGuard(fill);
      if (refusal !== null) {
        this.#cancel(vo, refusal);
        return;
      }
    }
    this.#tradeCount += 1;
    this.#emitFilled(vo, fill);
    this.#account.applyFill(fill);
    book.markAt(fill.price);
    book.consume(o.side, quantity);
    if (o.displayQuantity !== null) vo.countShown(book.cycle, quantity);
    vo.commissionTotal = plus(vo.commissionTotal, commission);
    // A plain order of a venue without links or OTO children (the common case) has nothing more to do.
    if (o.type === "MARKET_TO_LIMIT" || o.reduceOnly || this.#links.size !== 0 || this.#children.size !== 0) {
      this.#settleFill(vo, basePrice);
    }
  }

  /** A reduce-only order's room (what would reduce the position), or null after canceling it for none. */
  #reducibleOrCancel(vo: VenueOrder): Decimal | null {
    const o = vo.spec;
    const room = this.#account.reducibleQuantity(o.instrumentId, o.side);
    if (!room.isZero()) return room;
    this.#cancel(vo, `REDUCE_ONLY: no ${o.side === "SELL" ? "long" : "short"} position left to reduce`);
    return null;
  }

  /** A taker's price: the slippage model's for the fill, never worse than the order's limit. */
  #takerPrice(vo: VenueOrder, basePrice: Decimal, quantity: Decimal): Decimal {
    const o = vo.spec;
    let price = basePrice;
    if (!this.#noSlippage) {
      const book = vo.book;
      price = this.#slippage.price({
        instrument: vo.instrument,
        side: o.side,
        basePrice,
        quantity,
        filledThisBar: book.filledInCycle,
        bar: book.cycleBar,
        quote: book.quote,
      });
    }
    // A MARKET order is always in market mode: no limit, and no need to work the mode out.
    if (o.type !== "MARKET" && vo.mode === "limit") {
      const limit = vo.price!;
      if (o.side === "BUY" ? price.gt(limit) : price.lt(limit)) price = limit;
    }
    return price;
  }

  /**
   * What a fill leads to beyond the order itself: a market-to-limit rest, links and OTO children, and
   * the end of a reduce-only order whose position is closed.
   */
  #settleFill(vo: VenueOrder, basePrice: Decimal): void {
    const o = vo.spec;
    // What a market-to-limit order could not fill rests as a limit at the price it got. Its mode before
    // the fill: a fill moves no price, so the mode is the same now.
    if (o.type === "MARKET_TO_LIMIT" && vo.mode === "market" && vo.isWorking) {
      this.#emitUpdated(vo, null, basePrice, null);
    }
    if (this.#links.size !== 0 || this.#children.size !== 0) this.#afterFill(vo);
    if (o.reduceOnly && vo.isWorking) {
      const room = this.#account.reducibleQuantity(o.instrumentId, o.side);
      if (room.isZero()) this.#cancel(vo, "REDUCE_ONLY: the position is closed; the rest is canceled");
    }
  }

  // -------------------------------------------------------------------------------------------------
  // Reports
  // -------------------------------------------------------------------------------------------------

  // Each report is built as one object literal (the keys in orderEvent's order: type, orderId,
  // instrumentId, strategyId, tsEvent, tsInit, then the event's fields), and moves the venue order's
  // state as core's applyEvent would; the venue's full copy is built from the events only when asked for.

  /** Accepted right after it arrives (#arrive): the copy rebuilds this report from the arrival (not recorded here). */
  #emitAccepted(vo: VenueOrder, venueOrderId: string): void {
    const s = vo.spec;
    const event: OrderAccepted = {
      type: "OrderAccepted",
      orderId: s.id,
      instrumentId: s.instrumentId,
      strategyId: s.strategyId,
      tsEvent: vo.arrivalTs,
      tsInit: this.#clock.now(),
      venueOrderId,
    };
    vo.accept(venueOrderId);
    this.#report(event);
  }

  #emitReason(vo: VenueOrder, type: "OrderRejected" | "OrderCanceled", reason: string | null): void {
    const s = vo.spec;
    const event = {
      type,
      orderId: s.id,
      instrumentId: s.instrumentId,
      strategyId: s.strategyId,
      tsEvent: this.#ts,
      tsInit: this.#clock.now(),
      reason,
    } as OrderRejected | OrderCanceled;
    vo.status = type === "OrderRejected" ? "REJECTED" : "CANCELED";
    vo.isWorking = false;
    this.#record(vo, event);
  }

  #emitPlain(vo: VenueOrder, type: "OrderExpired" | "OrderTriggered"): void {
    const s = vo.spec;
    const event: OrderExpired | OrderTriggered = {
      type,
      orderId: s.id,
      instrumentId: s.instrumentId,
      strategyId: s.strategyId,
      tsEvent: this.#ts,
      tsInit: this.#clock.now(),
    };
    if (type === "OrderExpired") {
      vo.status = "EXPIRED";
      vo.isWorking = false;
    } else {
      vo.status = "TRIGGERED";
      vo.isTriggered = true;
    }
    this.#record(vo, event);
  }

  #emitUpdated(
    vo: VenueOrder,
    quantity: Decimal | null,
    price: Decimal | null,
    triggerPrice: Decimal | null,
  ): void {
    const s = vo.spec;
    const event: OrderUpdated = {
      type: "OrderUpdated",
      orderId: s.id,
      instrumentId: s.instrumentId,
      strategyId: s.strategyId,
      tsEvent: this.#ts,
      tsInit: this.#clock.now(),
      quantity,
      price,
      triggerPrice,
    };
    if (quantity !== null) {
      vo.quantity = quantity;
      vo.leavesQuantity = minus(quantity, vo.filledQuantity);
    }
    if (price !== null) vo.price = price;
    if (triggerPrice !== null) vo.triggerPrice = triggerPrice;
    this.#record(vo, event);
  }

  /** The OrderFilled report of a fill the venue is about to make. */
  #fillEvent(
    vo: VenueOrder,
    tradeId: string,
    price: Decimal,
    quantity: Decimal,
    commission: Decimal,
    liquidity: LiquiditySide,
  ): OrderFilled {
    const s = vo.spec;
    return {
      type: "OrderFilled",
      orderId: s.id,
      instrumentId: s.instrumentId,
      strategyId: s.strategyId,
      tsEvent: this.#ts,
      tsInit: this.#clock.now(),
      tradeId,
      venueOrderId: vo.venueOrderId,
      side: s.side,
      price,
      quantity,
      commission,
      commissionCurrency: vo.instrument.currency,
      liquidity,
    };
  }

  /** Makes a fill: moves the venue order's quantities and status, and reports it. */
  #emitFilled(vo: VenueOrder, event: OrderFilled): void {
    const quantity = event.quantity;
    // The venue never fills beyond leaves, so leaves = quantity − filled stays >= 0 (applyEvent's max);
    // a fill of all that is left leaves exactly 0 with all of the quantity filled.
    const all = compare(quantity, vo.leavesQuantity) === 0;
    const filled = all ? vo.quantity : plus(vo.filledQuantity, quantity);
    const leaves = all ? ZERO : minus(vo.quantity, filled);
    vo.filledQuantity = filled;
    vo.leavesQuantity = leaves;
    if (leaves.isZero()) {
      vo.status = "FILLED";
      vo.isWorking = false;
    } else vo.status = "PARTIALLY_FILLED";
    this.#record(vo, event);
  }

  #record(vo: VenueOrder, event: ExecutionReport): void {
    vo.record(event);
    if (!vo.isWorking) {
      this.#expiring.delete(vo);
      // The matching state goes with the book's next compaction; the venue keeps only what it still needs.
      this.#orders.set(vo.id, vo.closed());
    }
    this.#report(event);
  }

  #report(event: ExecutionReport): void {
    const listeners = this.#listeners;
    for (let i = 0; i < listeners.length; i++) listeners[i]!.next(event);
  }
}

/** Whether `price` satisfies an order's condition right now. */
function satisfied(direction: "below" | "above" | "any", level: Decimal | null, price: Decimal): boolean {
  if (direction === "any") return true;
  if (level === null) return false;
  return direction === "below" ? price.lte(level) : price.gte(level);
}

/** Whether the price at `point` satisfies an order's condition (as `satisfied`, numbers first). */
function satisfiedAt(vo: VenueOrder, direction: "below" | "above" | "any", point: PricePoint): boolean {
  if (direction === "any") return true;
  const level = vo.level;
  if (level === null) return false;
  const c = compareToPoint(level, vo.numberOf(level), point);
  return direction === "below" ? c >= 0 : c <= 0;
}

function offTick(label: string, value: Decimal | null, book: InstrumentBook): string | null {
  if (value === null || book.tick.holds(value)) return null;
  const instrument = book.instrument;
  return `PRICE_NOT_ON_TICK: ${label} ${value.toFixed()} is not a multiple of tick size ${instrument.tickSize.toFixed()} for ${instrument.id}`;
}

function offLot(label: string, value: Decimal | null, book: InstrumentBook): string | null {
  if (value === null || book.lot.holds(value)) return null;
  const instrument = book.instrument;
  return `QUANTITY_NOT_ON_LOT: ${label} ${value.toFixed()} is not a multiple of lot size ${instrument.lotSize.toFixed()} for ${instrument.id}`;
}

/** Defensive checks of what core's request validation guarantees, for orders built by hand. */
function structuralProblem(o: Order): string | null {
  if (hasLimitPrice(o.type) && o.type !== "TRAILING_STOP_LIMIT" && o.price === null)
    return `${o.type} needs a price`;
  if (hasTriggerPrice(o.type) && !isTrailing(o.type) && o.triggerPrice === null)
    return `${o.type} needs a triggerPrice`;
  if (isTrailing(o.type) && o.trailing === null) return `${o.type} needs a trailing offset`;
  if (o.type === "TRAILING_STOP_LIMIT" && o.price === null && o.trailing?.limitOffset == null) {
    return "TRAILING_STOP_LIMIT needs a price or trailing.limitOffset";
  }
  if (o.timeInForce === "GTD" && o.expireAt === null) return "GTD needs expireAt";
  return null;
}

function finite(path: string, value: number, min = Number.NEGATIVE_INFINITY): void {
  if (!Number.isFinite(value) || value < min) {
    throw ValidationError.field(path, `must be a finite number${min === 0 ? " >= 0" : ""}, got ${value}`);
  }
}

/** The checks of checkMarketData on a bar in one expression (a comparison with NaN is false). */
function isSoundBar(bar: Bar): boolean {
  const { open, high, low, close, volume } = bar;
  return (
    Number.isSafeInteger(bar.ts) &&
    open >= 0 &&
    high < Number.POSITIVE_INFINITY &&
    low >= 0 &&
    close >= 0 &&
    volume >= 0 &&
    volume < Number.POSITIVE_INFINITY &&
    low <= open &&
    low <= close &&
    high >= open &&
    high >= close
  );
}

/** Bad market data is the caller's bug: a clear error naming the field, before anything changes. */
function checkMarketData(data: MarketData): void {
  if (data.kind === "bar" && isSoundBar(data)) return;
  if (!Number.isSafeInteger(data.ts))
    throw ValidationError.field("ts", `must be integer epoch ms, got ${data.ts}`);
  if (data.kind === "bar") {
    finite("bar.open", data.open, 0);
    finite("bar.high", data.high, 0);
    finite("bar.low", data.low, 0);
    finite("bar.close", data.close, 0);
    finite("bar.volume", data.volume, 0);
    if (data.low > Math.min(data.open, data.close) || data.high < Math.max(data.open, data.close)) {
      throw ValidationError.field(
        "bar",
        `low ${data.low} and high ${data.high} must enclose open ${data.open} and close ${data.close} (${data.instrumentId} at ${data.ts})`,
      );
    }
  } else if (data.kind === "quote") {
    finite("quote.bid", data.bid, 0);
    finite("quote.ask", data.ask, 0);
    sizeOrUnknown("quote.bidSize", data.bidSize);
    sizeOrUnknown("quote.askSize", data.askSize);
  } else {
    finite("trade.price", data.price, 0);
    sizeOrUnknown("trade.size", data.size);
  }
}

/** A tick's size as a fill cap: rounded down to the lot, or none when the size is unknown (NaN). */
function sizeCap(book: InstrumentBook, size: number): Decimal | null {
  return Number.isNaN(size) ? null : book.capFrom(size, null);
}

/** A tick's size: a finite number >= 0, or NaN for a size the data does not give. */
function sizeOrUnknown(field: string, value: number): void {
  if (!Number.isNaN(value)) finite(field, value, 0);
}

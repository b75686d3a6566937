import { type Bar, Decimal, type Instrument, type QuoteTick, roundQuantityToLot, ZERO } from "@ordo/core";
import { plus } from "../decimal-shortcuts.js";
import { GridStep } from "./grid-step.js";
import { PricePoint } from "./price-point.js";
import type { VenueOrder } from "./venue-order.js";

/** What the book's mark is (see InstrumentBook.markKind). */
const MARK_NONE = 0;
const MARK_LAST_PRICE = 1;
const MARK_DECIMAL = 2;

/**
 * One instrument's side of the venue: its working orders in time priority, the latest market data, and
 * the current fill cycle (one bar, quote or trade) with the quantity still fillable in it.
 */
export class InstrumentBook {
  readonly instrument: Instrument;
  /** The instrument's tick and lot size, for the venue's on-grid checks. */
  readonly tick: GridStep;
  readonly lot: GridStep;
  /** Working orders in priority order (arrival, or the time of a modify that lost priority). */
  orders: VenueOrder[] = [];
  /** Time of the latest market data processed for the instrument. */
  lastTs = Number.NEGATIVE_INFINITY;
  /**
   * The latest bar, kept only for a slippage model (see cycleBar; null otherwise and before the first):
   * storing each bar in the long-lived book is a write barrier per bar, and the venue's own matching needs
   * only the bar's numbers (lastTs, lastPrice, barVolume).
   */
  bar: Bar | null = null;
  readonly #keepsBars: boolean;
  /** The latest bar's volume, for the fill cap (NaN before the first: a number field, not boxed per bar). */
  barVolume = Number.NaN;
  /** The latest quote (null before the first). */
  quote: QuoteTick | null = null;
  quoteBid: Decimal | null = null;
  quoteAsk: Decimal | null = null;
  /** The fill cycle: a counter of market data events of this instrument. */
  cycle = 0;
  /** What is left to fill in this cycle per side; null = no cap. Bars and trades share one cap. */
  remainingBuy: Decimal | null = null;
  remainingSell: Decimal | null = null;
  sharedCap = true;
  /** Quantity filled in this cycle (both sides), for volume-share slippage. */
  filledInCycle: Decimal = ZERO;
  /** Whether this cycle is a bar's (the latest, `bar`) rather than a quote's or a trade's. */
  #barCycle = false;
  /**
   * Lowest and highest price the current bar walk reaches: a limit at one of them was only touched. NaN
   * before the first walk (not 0: a field that starts as a small integer changes the book's hidden class
   * when it first takes a price, and code already optimized for the book is thrown away).
   */
  cycleLow = Number.NaN;
  cycleHigh = Number.NaN;
  /** The last price seen (bar close, trade price), as the feed's number; NaN before any (a number field stores a bar's close without boxing it). */
  lastPrice = Number.NaN;
  /**
   * The instrument's mark, the last price seen (the account's positions read it for unrealized PnL):
   * MARK_LAST_PRICE is `lastPrice` (a bar's close, a trade's price), MARK_DECIMAL is `markDecimal` (a
   * fill's price, a quote's mark). A kind rather than the bar: marking a bar stores a small integer, not a
   * pointer from the long-lived book to the young bar (a write barrier on every bar).
   */
  markKind = MARK_NONE;
  markDecimal: Decimal | null = null;
  /** Scratch for the bar walk's prices (open, high or low, low or high, close), reused across bars. */
  readonly path: readonly PricePoint[];

  /** `keepsBars`: a slippage model may read the cycle's bar (cycleBar). */
  constructor(instrument: Instrument, keepsBars: boolean) {
    this.instrument = instrument;
    this.#keepsBars = keepsBars;
    this.tick = new GridStep(instrument.tickSize);
    this.lot = new GridStep(instrument.lotSize);
    const places = instrument.tickSize.decimalPlaces();
    this.path = [
      new PricePoint(places),
      new PricePoint(places),
      new PricePoint(places),
      new PricePoint(places),
    ];
  }

  /** The bar whose walk this cycle is (null for quote and trade cycles, and when the book keeps no bars). */
  get cycleBar(): Bar | null {
    return this.#barCycle ? this.bar : null;
  }

  /** This cycle is a bar's: its time is lastTs, its close lastPrice and its volume barVolume. */
  get isBarCycle(): boolean {
    return this.#barCycle;
  }

  /**
   * Starts a quote's or a trade's fill cycle with a cap per side (null = no cap); `shared` when both
   * sides draw on one cap.
   */
  startCycle(buyCap: Decimal | null, sellCap: Decimal | null, shared: boolean): void {
    this.cycle += 1;
    this.#barCycle = false;
    this.remainingBuy = buyCap;
    this.remainingSell = sellCap;
    this.sharedCap = shared;
    this.filledInCycle = ZERO;
    this.#pendingFraction = null;
  }

  /**
   * Takes a bar in as the latest and starts its fill cycle, capped at `fraction` of its volume (null = no
   * cap). The cap is worked out on the first fill only, so bars that fill nothing cost no Decimal
   * arithmetic.
   */
  startBarCycle(bar: Bar, fraction: Decimal | null): void {
    if (this.#keepsBars) this.bar = bar;
    this.lastPrice = bar.close;
    this.barVolume = bar.volume;
    // startCycle(null, null, true) written out, this runs once per bar; the cycle's bar is `bar` (a flag,
    // not a second field to store the bar in).
    this.cycle += 1;
    this.#barCycle = true;
    this.remainingBuy = null;
    this.remainingSell = null;
    this.sharedCap = true;
    this.filledInCycle = ZERO;
    this.#pendingFraction = fraction;
  }

  /**
   * A bar of the instrument while none of its orders works: what matching it would leave behind (the
   * latest bar and price, a new fill cycle) and the account's mark, without the matching.
   */
  passBar(bar: Bar, fraction: Decimal | null): void {
    this.lastTs = bar.ts;
    this.startBarCycle(bar, fraction);
    this.markKind = MARK_LAST_PRICE;
  }

  /** Marks the instrument at the latest bar's close or trade's price (`lastPrice`). */
  markAtLastPrice(): void {
    this.markKind = MARK_LAST_PRICE;
  }

  /** Marks the instrument at a fill's price or a quote's mark. */
  markAt(price: Decimal): void {
    this.markDecimal = price;
    this.markKind = MARK_DECIMAL;
  }

  /** The mark as a Decimal, or null before any price. */
  markPrice(): Decimal | null {
    if (this.markKind === MARK_DECIMAL) return this.markDecimal;
    return this.markKind === MARK_LAST_PRICE ? new Decimal(this.lastPrice) : null;
  }

  #pendingFraction: Decimal | null = null;

  #resolveCap(): void {
    const fraction = this.#pendingFraction;
    if (fraction === null || !this.#barCycle) return;
    this.#pendingFraction = null;
    this.remainingBuy = this.capFrom(this.barVolume, fraction);
    this.remainingSell = this.remainingBuy;
  }

  /** The cap from a volume in the feed's units, rounded down to the lot. */
  capFrom(volume: number, fraction: Decimal | null): Decimal {
    const base = new Decimal(Math.max(volume, 0));
    return roundQuantityToLot(this.instrument, fraction === null ? base : base.times(fraction));
  }

  remaining(side: "BUY" | "SELL"): Decimal | null {
    this.#resolveCap();
    return side === "BUY" ? this.remainingBuy : this.remainingSell;
  }

  consume(side: "BUY" | "SELL", quantity: Decimal): void {
    this.#resolveCap();
    this.filledInCycle = plus(this.filledInCycle, quantity);
    if (this.sharedCap) {
      if (this.remainingBuy !== null) this.remainingBuy = this.remainingBuy.minus(quantity);
      this.remainingSell = this.remainingBuy;
    } else if (side === "BUY") {
      if (this.remainingBuy !== null) this.remainingBuy = this.remainingBuy.minus(quantity);
    } else if (this.remainingSell !== null) {
      this.remainingSell = this.remainingSell.minus(quantity);
    }
  }

  /** Appends an order at the back of the queue. */
  add(order: VenueOrder): void {
    this.orders.push(order);
  }

  /** Moves an order to the back of the queue (a modify that loses time priority). */
  moveToBack(order: VenueOrder): void {
    const i = this.orders.indexOf(order);
    if (i >= 0) this.orders.splice(i, 1);
    this.orders.push(order);
  }

  /** Drops orders that no longer work, in place. */
  compact(): void {
    const orders = this.orders;
    let n = 0;
    for (let i = 0; i < orders.length; i++) {
      const o = orders[i]!;
      if (o.isWorking) orders[n++] = o;
    }
    if (n !== orders.length) orders.length = n;
  }
}

import { priceMillionths } from "./fixed-point.js";
import { FixedValuation, type InstrumentBook } from "./instrument-book.js";
import type { ValuationTotals } from "./valuation-totals.js";

const MAX = Number.MAX_SAFE_INTEGER;

/**
 * A cash account's books whose only change since their last fixed-point valuation can be their feed
 * price, with what re-values them kept in columns indexed by slot (a sample re-values every book whose
 * mark moved, and columns stay in cache where the books and their valuations do not): market value =
 * netFactor × price millionths, gross exposure the same from grossFactor. While a book is in the lane
 * the figures the totals hold for it are the lane's (its FixedValuation object is brought up to date
 * when it leaves). A fill or a new instrument object takes the book out (`leave`) before it changes.
 */
export class FixedLane {
  /** The currency of the books in the lane, and its totals. */
  readonly currency: string;
  readonly #totals: ValuationTotals;
  /** netQuantity × multiplier, in units. */
  #netFactor = new Float64Array(16);
  /** grossQuantity × multiplier in units, or −1 with one direction (gross exposure = |market value|). */
  #grossFactor = new Float64Array(16);
  /** The figures the totals hold for the book, in millionths. */
  #market = new Float64Array(16);
  #gross = new Float64Array(16);
  #inLane = new Uint8Array(16);
  /** Slots given out so far. */
  #slots = 0;

  constructor(currency: string, totals: ValuationTotals) {
    this.currency = currency;
    this.#totals = totals;
  }

  /**
   * Re-values the stale books from `from` on while they are in the lane (clearing their stale flag), as
   * `InstrumentBook.fixedAt` and `ValuationTotals.move` would one after another (with the same cost:
   * no fill since they entered); returns the index of the first book it could not re-value (nothing
   * changed for it), or `end` (the stale books are `stale[from]` to `stale[end - 1]`). Why the figures
   * are the same: |net × multiplier × price| is at least each partial product (all nonzero integers), so
   * the product is a safe integer exactly when `fixedAt`'s two checked steps are, and then equal to it;
   * zero is refused as there; the totals take each book's difference in the same checked steps as
   * `move`, in the same order.
   */
  revalueRun(stale: readonly InstrumentBook[], from: number, end: number): number {
    const totals = this.#totals;
    if (!totals.unitsHeld()) return from;
    let market = totals.marketUnits;
    let gross = totals.grossUnits;
    const inLane = this.#inLane;
    const netFactor = this.#netFactor;
    const grossFactor = this.#grossFactor;
    const heldMarket = this.#market;
    const heldGross = this.#gross;
    let i = from;
    for (; i < end; i++) {
      const book = stale[i]!;
      const slot = book.laneSlot;
      if (slot < 0 || inLane[slot] === 0) break;
      const marks = book.marks;
      const price = marks.lastNumber;
      if (Number.isNaN(price) || marks.quoteMark !== null) break;
      const units = priceMillionths(price);
      const bookMarket = netFactor[slot]! * units;
      // NaN (a price that is not an integer of millionths) fails the comparisons too.
      if (!(Math.abs(bookMarket) <= MAX && bookMarket !== 0)) break;
      const factor = grossFactor[slot]!;
      const bookGross = factor < 0 ? Math.abs(bookMarket) : factor * Math.abs(units);
      if (!(bookGross <= MAX)) break;
      let nextMarket = market - heldMarket[slot]!;
      let nextGross = gross - heldGross[slot]!;
      if (!(Math.abs(nextMarket) <= MAX && Math.abs(nextGross) <= MAX)) break;
      nextMarket += bookMarket;
      nextGross += bookGross;
      if (!(Math.abs(nextMarket) <= MAX && Math.abs(nextGross) <= MAX)) break;
      market = nextMarket;
      gross = nextGross;
      heldMarket[slot] = bookMarket;
      heldGross[slot] = bookGross;
      book.stale = false;
    }
    totals.setUnits(market, gross);
    return i;
  }

  /**
   * Puts a book whose valuation the totals of this currency hold as a FixedValuation (just worked out
   * by `fixedAt`) into the lane, when its factors are safe integers.
   */
  enter(book: InstrumentBook): void {
    const valuation = book.valuation;
    if (!(valuation instanceof FixedValuation) || valuation.currency !== this.currency) return;
    if (!book.laneFactors()) return;
    let slot = book.laneSlot;
    if (slot < 0) {
      slot = this.#slots++;
      if (slot >= this.#inLane.length) this.#grow();
      book.laneSlot = slot;
    }
    this.#netFactor[slot] = book.netFactor;
    this.#grossFactor[slot] = book.grossFactor;
    this.#market[slot] = valuation.marketMillionths;
    this.#gross[slot] = valuation.grossMillionths;
    this.#inLane[slot] = 1;
  }

  /** Takes the book out of the lane, its FixedValuation given the figures the totals hold. */
  leave(book: InstrumentBook): void {
    const slot = book.laneSlot;
    if (slot < 0 || this.#inLane[slot] === 0) return;
    this.#inLane[slot] = 0;
    (book.valuation as FixedValuation).move(this.#market[slot]!, this.#gross[slot]!);
  }

  #grow(): void {
    const size = this.#inLane.length * 2;
    this.#netFactor = grown(this.#netFactor, size);
    this.#grossFactor = grown(this.#grossFactor, size);
    this.#market = grown(this.#market, size);
    this.#gross = grown(this.#gross, size);
    const inLane = new Uint8Array(size);
    inLane.set(this.#inLane);
    this.#inLane = inLane;
  }
}

function grown(column: Float64Array, size: number): Float64Array<ArrayBuffer> {
  const next = new Float64Array(size);
  next.set(column);
  return next;
}

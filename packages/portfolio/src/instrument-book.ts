import { type Decimal, ZERO } from "@ordo/core";
import type { AccountingInstrument } from "./accounting-instrument.js";
import { absolute, timesMultiplier, zeroMinus } from "./exact-shortcuts.js";
import {
  exactMillionthsOf,
  millionthsToDecimal,
  priceMillionths,
  safeIntegerOf,
  safeProduct,
} from "./fixed-point.js";
import type { MarginRule } from "./margin.js";
import { type InstrumentMarks, markOf } from "./mark-prices.js";
import type { MarkSource, PositionRecord } from "./position.js";

/** What an instrument's open positions add to its currency's totals, valued at one mark. */
export interface Valuation {
  readonly currency: string;
  /** Σ signed quantity × mark × multiplier: what the positions are worth in a cash account. */
  readonly marketValue: Decimal;
  /** Σ signed cost × multiplier: the unrealized PnL is marketValue − cost. */
  readonly cost: Decimal;
  readonly grossExposure: Decimal;
  readonly initialMargin: Decimal;
  readonly maintenanceMargin: Decimal;
}

/**
 * The open positions of one instrument with their sums, and their valuation at the last mark. The
 * portfolio keeps per-currency totals of these valuations and updates them by difference when a fill or
 * a price changes one instrument, so a fill costs the same however many positions are open elsewhere.
 */
export class InstrumentBook implements MarkSource {
  instrument: AccountingInstrument;
  /** The instrument's marks (whose `book` is this book). */
  readonly marks: InstrumentMarks;
  /** Open positions in opening order (FIFO for hedging closes). */
  readonly open: PositionRecord[] = [];
  netQuantity: Decimal = ZERO;
  grossQuantity: Decimal = ZERO;
  /** Σ cost of long positions − Σ cost of short positions. */
  signedCost: Decimal = ZERO;
  /** No long and short positions at once, so grossQuantity = |netQuantity|. */
  oneDirection = true;
  /** The valuation the currency totals hold for this instrument. */
  valuation: Valuation;
  /** Positions or mark changed since `valuation` was worked out (the portfolio re-values it when read). */
  stale = false;
  #empty: EmptyValuation;
  /** signedCost × multiplier, kept for the signedCost object it was worked out from. */
  #costOf: Decimal | null = null;
  #cost: Decimal = ZERO;
  #costUnits = 0;
  /** netQuantity and grossQuantity as safe integers (NaN when not), kept for the objects they came from. */
  #netOf: Decimal | null = null;
  #grossOf: Decimal | null = null;
  #netUnits = Number.NaN;
  #grossUnits = Number.NaN;
  /** The multiplier as a safe integer (NaN when not), kept for the multiplier object. */
  #multiplierOf: Decimal | null = null;
  #multiplierUnits = Number.NaN;
  /** The market value and gross exposure in millionths that the last successful `fixedAt` found. */
  fixedMarket = 0;
  fixedGross = 0;
  /** Its slot in the cash account's FixedLane, −1 before it has one. */
  laneSlot = -1;
  /** Its index in the portfolio's list of books that hold open positions, −1 while it holds none. */
  heldAt = -1;
  /** What `laneFactors` found: net quantity × multiplier, and gross quantity × multiplier (−1: one direction). */
  netFactor = 0;
  grossFactor = 0;

  constructor(instrument: AccountingInstrument, marks: InstrumentMarks) {
    this.instrument = instrument;
    this.marks = marks;
    marks.book = this;
    this.#empty = emptyValuation(instrument.currency);
    this.valuation = this.#empty;
  }

  /**
   * The instrument's mark, as `MarkPrices.mark` gives it: the book is its positions' mark source, so
   * valuing one (each position event does) needs no lookup by instrument id.
   */
  mark(_instrumentId: string): Decimal | null {
    return markOf(this.marks);
  }

  /** Recomputes the sums after the positions changed (a fill). */
  recount(): void {
    const open = this.open;
    if (open.length === 1) {
      // One position: the sums are its own figures (0 + x is x for any result of Decimal arithmetic).
      const p = open[0]!;
      const long = p.direction === "LONG";
      this.grossQuantity = p.absQuantity.isZero() ? ZERO : p.absQuantity;
      this.netQuantity = long ? this.grossQuantity : zeroMinus(p.absQuantity);
      this.signedCost = long ? (p.costBasis.isZero() ? ZERO : p.costBasis) : zeroMinus(p.costBasis);
      this.oneDirection = true;
      return;
    }
    let net = ZERO;
    let gross = ZERO;
    let cost = ZERO;
    let longs = 0;
    for (const p of open) {
      gross = gross.plus(p.absQuantity);
      if (p.direction === "LONG") {
        net = net.plus(p.absQuantity);
        cost = cost.plus(p.costBasis);
        longs += 1;
      } else {
        net = net.minus(p.absQuantity);
        cost = cost.minus(p.costBasis);
      }
    }
    this.netQuantity = net;
    this.grossQuantity = gross;
    this.signedCost = cost;
    this.oneDirection = longs === 0 || longs === open.length;
  }

  /** The valuation of no positions, in the instrument's currency. */
  emptyValuation(): EmptyValuation {
    const { currency } = this.instrument;
    if (this.#empty.currency !== currency) this.#empty = emptyValuation(currency);
    return this.#empty;
  }

  /** The valuation at `mark`; margins only under a margin rule (a margin account). */
  valueAt(mark: Decimal | null, margin: MarginRule | null): Valuation {
    const { instrument } = this;
    if (mark === null || this.open.length === 0) return this.emptyValuation();
    const multiplier = instrument.multiplier;
    const marketValue = timesMultiplier(this.netQuantity.times(mark), multiplier);
    // With one direction, gross × |mark| × multiplier is |net × mark × multiplier| (multipliers are > 0).
    const grossExposure = this.oneDirection
      ? absolute(marketValue)
      : timesMultiplier(this.grossQuantity.times(absolute(mark)), multiplier);
    let initialMargin = ZERO;
    let maintenanceMargin = ZERO;
    if (margin !== null) {
      initialMargin = this.grossQuantity.times(margin.initialPerUnit(instrument, mark));
      // Without its own maintenance rate an instrument's maintenance margin is its initial margin.
      maintenanceMargin =
        instrument.marginMaint === undefined
          ? initialMargin
          : this.grossQuantity.times(margin.maintenancePerUnit(instrument, mark));
    }
    return {
      currency: instrument.currency,
      marketValue,
      cost: this.#costValue(),
      grossExposure,
      initialMargin,
      maintenanceMargin,
    };
  }

  /**
   * `valueAt(new Decimal(price), null)` worked out in fixed point (see fixed-point.ts): true with the
   * figures in `fixedMarket` and `fixedGross`, false when a quantity, the multiplier or the price is not
   * a small enough integer of millionths, or the market value is zero (whose sign Decimal arithmetic
   * carries): then the caller values it with Decimals.
   */
  fixedAt(price: number): boolean {
    if (this.open.length === 0) return false;
    const multiplier = this.instrument.multiplier;
    if (this.#multiplierOf !== multiplier) {
      this.#multiplierOf = multiplier;
      this.#multiplierUnits = safeIntegerOf(multiplier);
    }
    if (this.#netOf !== this.netQuantity || this.#grossOf !== this.grossQuantity) {
      this.#netOf = this.netQuantity;
      this.#grossOf = this.grossQuantity;
      this.#netUnits = safeIntegerOf(this.netQuantity);
      this.#grossUnits = safeIntegerOf(this.grossQuantity);
    }
    const unitValue = safeProduct(priceMillionths(price), this.#multiplierUnits);
    const market = safeProduct(this.#netUnits, unitValue);
    // NaN fails both comparisons, so this also refuses every failed check above.
    if (!(market > 0 || market < 0)) return false;
    let gross: number;
    if (this.oneDirection) {
      gross = Math.abs(market);
    } else {
      gross = safeProduct(this.#grossUnits, Math.abs(unitValue));
      if (!(gross > 0)) return false;
    }
    this.fixedMarket = market;
    this.fixedGross = gross;
    return true;
  }

  /**
   * After a successful `fixedAt`: net quantity × multiplier and, with both directions, gross quantity ×
   * multiplier as safe integers (into netFactor and grossFactor); false when one is not.
   */
  laneFactors(): boolean {
    const net = safeProduct(this.#netUnits, this.#multiplierUnits);
    // Gross exposure is gross quantity × |price × multiplier| (see fixedAt).
    const gross = this.oneDirection ? -1 : safeProduct(this.#grossUnits, Math.abs(this.#multiplierUnits));
    // NaN fails the comparisons.
    if (!(Math.abs(net) > 0 && (this.oneDirection || gross > 0))) return false;
    this.netFactor = net;
    this.grossFactor = gross;
    return true;
  }

  /** The valuation of the last successful `fixedAt`, in a new object. */
  fixedValuation(): FixedValuation {
    return new FixedValuation(this, this.fixedMarket, this.fixedGross);
  }

  /**
   * Makes the figures of the last successful `fixedAt` the book's valuation, re-using its fixed
   * valuation object when it has one (the totals keep no reference to it: they hold numbers).
   */
  holdFixed(): void {
    const valuation = this.valuation;
    if (valuation instanceof FixedValuation) valuation.set(this, this.fixedMarket, this.fixedGross);
    else this.valuation = this.fixedValuation();
  }

  /** signedCost × multiplier, worked out once per signedCost object. */
  costValue(): Decimal {
    return this.#costValue();
  }

  /** `costValue()` in millionths, NaN when it is not a safe integer of them. */
  costUnits(): number {
    this.#costValue();
    return this.#costUnits;
  }

  /** signedCost × multiplier, worked out once per signedCost object. */
  #costValue(): Decimal {
    if (this.#costOf !== this.signedCost) {
      this.#costOf = this.signedCost;
      this.#cost = timesMultiplier(this.signedCost, this.instrument.multiplier);
      this.#costUnits = exactMillionthsOf(this.#cost);
    }
    return this.#cost;
  }
}

/**
 * A cash account's valuation held as integers of millionths; its Decimals are made only when read, and
 * equal what `valueAt` gives at the same price. A book re-uses its own as its mark moves (`set`).
 */
export class FixedValuation implements Valuation {
  currency!: string;
  marketMillionths!: number;
  grossMillionths!: number;
  cost!: Decimal;
  /** The cost in millionths, NaN when it is not a safe integer of them. */
  costMillionths!: number;
  readonly initialMargin: Decimal = ZERO;
  readonly maintenanceMargin: Decimal = ZERO;
  #oneDirection!: boolean;
  #marketValue: Decimal | null = null;
  #grossExposure: Decimal | null = null;

  constructor(book: InstrumentBook, market: number, gross: number) {
    this.set(book, market, gross);
  }

  /** The book's valuation at `market` and `gross` millionths. */
  set(book: InstrumentBook, market: number, gross: number): void {
    this.currency = book.instrument.currency;
    this.marketMillionths = market;
    this.grossMillionths = gross;
    this.#oneDirection = book.oneDirection;
    this.cost = book.costValue();
    this.costMillionths = book.costUnits();
    this.#marketValue = null;
    this.#grossExposure = null;
  }

  /** The same valuation at another mark: `market` and `gross` millionths. */
  move(market: number, gross: number): void {
    this.marketMillionths = market;
    this.grossMillionths = gross;
    this.#marketValue = null;
    this.#grossExposure = null;
  }

  get marketValue(): Decimal {
    this.#marketValue ??= millionthsToDecimal(this.marketMillionths);
    return this.#marketValue;
  }

  get grossExposure(): Decimal {
    if (this.#grossExposure === null) {
      this.#grossExposure = this.#oneDirection
        ? absolute(this.marketValue)
        : millionthsToDecimal(this.grossMillionths);
    }
    return this.#grossExposure;
  }
}

/** The valuation of no open positions; its figures in millionths let a fixed-point batch take it in. */
export class EmptyValuation implements Valuation {
  readonly currency: string;
  readonly marketValue: Decimal = ZERO;
  readonly cost: Decimal = ZERO;
  readonly grossExposure: Decimal = ZERO;
  readonly initialMargin: Decimal = ZERO;
  readonly maintenanceMargin: Decimal = ZERO;
  readonly marketMillionths = 0;
  readonly grossMillionths = 0;
  readonly costMillionths = 0;

  constructor(currency: string) {
    this.currency = currency;
  }
}

export function emptyValuation(currency: string): EmptyValuation {
  return new EmptyValuation(currency);
}

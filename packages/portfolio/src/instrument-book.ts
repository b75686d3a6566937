import { type Decimal, ZERO } from "@ordo/core";
import type { AccountingInstrument } from "./accounting-instrument.js";
import { absolute, timesMultiplier, zeroMinus } from "./exact-shortcuts.js";
import { millionthsToDecimal, priceMillionths, safeIntegerOf, safeProduct } from "./fixed-point.js";
import type { MarginRule } from "./margin.js";
import type { InstrumentMarks } from "./mark-prices.js";
import type { PositionRecord } from "./position.js";

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
export class InstrumentBook {
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
  /** netQuantity and grossQuantity as safe integers (NaN when not), kept for the objects they came from. */
  #netOf: Decimal | null = null;
  #grossOf: Decimal | null = null;
  #netUnits = Number.NaN;
  #grossUnits = Number.NaN;
  /** The multiplier as a safe integer (NaN when not), kept for the multiplier object. */
  #multiplierOf: Decimal | null = null;
  #multiplierUnits = Number.NaN;

  constructor(instrument: AccountingInstrument, marks: InstrumentMarks) {
    this.instrument = instrument;
    this.marks = marks;
    marks.book = this;
    this.#empty = emptyValuation(instrument.currency);
    this.valuation = this.#empty;
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
   * `valueAt(new Decimal(price), null)` worked out in fixed point (see fixed-point.ts), or null when a
   * quantity, the multiplier or the price is not a small enough integer of millionths, or the market
   * value is zero (whose sign Decimal arithmetic carries): then the caller values it with Decimals.
   */
  fixedValueAt(price: number): FixedValuation | null {
    if (this.open.length === 0) return null;
    const { instrument } = this;
    const multiplier = instrument.multiplier;
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
    if (!(market > 0 || market < 0)) return null;
    let gross: number;
    if (this.oneDirection) {
      gross = Math.abs(market);
    } else {
      gross = safeProduct(this.#grossUnits, Math.abs(unitValue));
      if (!(gross > 0)) return null;
    }
    return new FixedValuation(instrument.currency, market, gross, this.oneDirection, this.#costValue());
  }

  /** signedCost × multiplier, worked out once per signedCost object. */
  #costValue(): Decimal {
    if (this.#costOf !== this.signedCost) {
      this.#costOf = this.signedCost;
      this.#cost = timesMultiplier(this.signedCost, this.instrument.multiplier);
    }
    return this.#cost;
  }
}

/**
 * A cash account's valuation held as integers of millionths; its Decimals are made only when read, and
 * equal what `valueAt` gives at the same price (gross exposure is the market value object itself when
 * `valueAt` would take it from a non-negative market value, as `absolute` does).
 */
export class FixedValuation implements Valuation {
  readonly currency: string;
  readonly marketMillionths: number;
  readonly grossMillionths: number;
  /** Whether `valueAt` would give gross exposure as the market value object (one direction, long value). */
  readonly grossIsMarket: boolean;
  readonly cost: Decimal;
  readonly initialMargin: Decimal = ZERO;
  readonly maintenanceMargin: Decimal = ZERO;
  readonly #oneDirection: boolean;
  #marketValue: Decimal | null = null;
  #grossExposure: Decimal | null = null;

  constructor(currency: string, market: number, gross: number, oneDirection: boolean, cost: Decimal) {
    this.currency = currency;
    this.marketMillionths = market;
    this.grossMillionths = gross;
    this.#oneDirection = oneDirection;
    this.grossIsMarket = oneDirection && market > 0;
    this.cost = cost;
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
  /** Gross exposure is the market value object (both ZERO). */
  readonly grossIsMarket = true;

  constructor(currency: string) {
    this.currency = currency;
  }
}

export function emptyValuation(currency: string): EmptyValuation {
  return new EmptyValuation(currency);
}

/** Running sums of valuations in one currency. */
export class ValuationTotals {
  marketValue: Decimal = ZERO;
  cost: Decimal = ZERO;
  grossExposure: Decimal = ZERO;
  initialMargin: Decimal = ZERO;
  maintenanceMargin: Decimal = ZERO;
  openPositions = 0;
  #unrealized: Decimal = ZERO;
  #unrealizedOf: readonly [Decimal, Decimal] = [ZERO, ZERO];

  /** Σ unrealized PnL: market value − cost, worked out when either has changed since the last read. */
  get unrealized(): Decimal {
    const [marketValue, cost] = this.#unrealizedOf;
    if (marketValue !== this.marketValue || cost !== this.cost) {
      this.#unrealizedOf = [this.marketValue, this.cost];
      this.#unrealized = this.marketValue.minus(this.cost);
    }
    return this.#unrealized;
  }

  /**
   * Takes the valuation `before` out and puts `after` in. A figure held by the same object in both is
   * left alone (x − v + v is x); gross exposure follows market value, and maintenance margin initial
   * margin, while every valuation had the two equal (the same sums of the same numbers).
   */
  replace(before: Valuation, after: Valuation): void {
    const grossFollows = this.grossExposure === this.marketValue;
    const same = this.maintenanceMargin === this.initialMargin;
    if (before.marketValue !== after.marketValue)
      this.marketValue = this.marketValue.minus(before.marketValue).plus(after.marketValue);
    if (before.cost !== after.cost) this.cost = this.cost.minus(before.cost).plus(after.cost);
    if (
      grossFollows &&
      before.grossExposure === before.marketValue &&
      after.grossExposure === after.marketValue
    ) {
      this.grossExposure = this.marketValue;
    } else if (before.grossExposure !== after.grossExposure) {
      this.grossExposure = this.grossExposure.minus(before.grossExposure).plus(after.grossExposure);
    }
    if (before.initialMargin !== after.initialMargin)
      this.initialMargin = this.initialMargin.minus(before.initialMargin).plus(after.initialMargin);
    if (
      same &&
      before.maintenanceMargin === before.initialMargin &&
      after.maintenanceMargin === after.initialMargin
    ) {
      this.maintenanceMargin = this.initialMargin;
    } else if (before.maintenanceMargin !== after.maintenanceMargin) {
      this.maintenanceMargin = this.maintenanceMargin
        .minus(before.maintenanceMargin)
        .plus(after.maintenanceMargin);
    }
  }
}

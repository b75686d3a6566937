import { Decimal, ZERO } from "@ordo/core";
import { exactMillionthsOf, millionthsToDecimal } from "./fixed-point.js";
import type { EmptyValuation, FixedValuation, Valuation } from "./instrument-book.js";

/** A valuation whose figures are known as integers of millionths (its cost possibly not). */
export type UnitValuation = FixedValuation | EmptyValuation;

/**
 * Running sums of valuations in one currency. Market value, gross exposure and cost are held as
 * integers of millionths while they are known to be exactly that (a cash account re-valuing its books
 * at feed prices moves them by numeric differences, `shift`), and made Decimals only when read; any
 * other change (`replace`, with Decimals) keeps a figure as its Decimal until a `shift` finds it an
 * integer of millionths again. Both give the Decimals that `replace` alone gives (see `shift`).
 */
export class ValuationTotals {
  initialMargin: Decimal = ZERO;
  maintenanceMargin: Decimal = ZERO;
  openPositions = 0;
  readonly #market = new HeldFigure();
  readonly #gross = new HeldFigure();
  readonly #cost = new HeldFigure();
  /** The last unrealized PnL, for the market value and cost millionths, or else objects, it came from. */
  #unrealized: Decimal = ZERO;
  #unrealizedUnits = 0;
  #unrealizedMarket: Decimal | null = null;
  #unrealizedCost: Decimal | null = null;

  get marketValue(): Decimal {
    return this.#market.value;
  }

  set marketValue(value: Decimal) {
    this.#market.set(value);
  }

  get grossExposure(): Decimal {
    const gross = this.#gross;
    // Equal figures share one object, as `replace` shares it while gross exposure follows market value.
    return gross.units === this.#market.units ? gross.valueOr(this.#market) : gross.value;
  }

  set grossExposure(value: Decimal) {
    this.#gross.set(value);
  }

  get cost(): Decimal {
    return this.#cost.value;
  }

  set cost(value: Decimal) {
    this.#cost.set(value);
  }

  /** The market value in millionths while it is held so, else NaN. */
  get marketUnits(): number {
    return this.#market.units;
  }

  /** Σ unrealized PnL: market value − cost, worked out when either has changed since the last read. */
  get unrealized(): Decimal {
    // Both integers of millionths: the exact difference, which the Decimal subtraction gives too.
    const units = this.#market.units - this.#cost.units;
    if (Math.abs(units) <= MAX && unitsExact()) {
      if (units !== this.#unrealizedUnits || this.#unrealizedMarket !== null) {
        this.#unrealizedUnits = units;
        this.#unrealizedMarket = null;
        this.#unrealized = decimalOfUnits(units);
      }
      return this.#unrealized;
    }
    const marketValue = this.marketValue;
    const cost = this.cost;
    if (marketValue !== this.#unrealizedMarket || cost !== this.#unrealizedCost) {
      this.#unrealizedMarket = marketValue;
      this.#unrealizedCost = cost;
      this.#unrealized = marketValue.minus(cost);
    }
    return this.#unrealized;
  }

  /**
   * Takes the valuation `before` out and puts in one of `market` and `gross` millionths and `cost`
   * (`costUnits` millionths, NaN when it is not), ZERO margins, as `replace` would; false (nothing
   * changed) when market value or gross exposure is not held in millionths or a result would not be
   * a safe integer (cost then falls back to Decimals). Why the Decimals are the same: every operand of
   * the subtractions and additions `replace` makes is then an integer of millionths below 2^53, and so
   * is every result, so none has more than 16 digits and each is exact at the precision (16 or more);
   * an exact zero result is +0 (the rounding is not ROUND_FLOOR), which is what the millionths make.
   * The caller checks that configuration first (`unitsExact`, once for a run of shifts).
   */
  shift(before: UnitValuation, market: number, gross: number, cost: Decimal, costUnits: number): boolean {
    if (!this.move(before.marketMillionths, before.grossMillionths, market, gross)) return false;
    if (before.cost !== cost) {
      const c = this.#cost;
      const costSum = c.held() ? sum(c.units - before.costMillionths, costUnits) : Number.NaN;
      if (Math.abs(costSum) <= MAX) c.setUnits(costSum);
      else c.set(c.value.minus(before.cost).plus(cost));
    }
    return true;
  }

  /**
   * `shift` of market value and gross exposure alone (the cost unchanged): from `beforeMarket` and
   * `beforeGross` millionths to `market` and `gross`.
   */
  move(beforeMarket: number, beforeGross: number, market: number, gross: number): boolean {
    if (!this.unitsHeld()) return false;
    const marketUnits = sum(this.#market.units - beforeMarket, market);
    const grossUnits = sum(this.#gross.units - beforeGross, gross);
    if (!(Math.abs(marketUnits) <= MAX && Math.abs(grossUnits) <= MAX)) return false;
    this.setUnits(marketUnits, grossUnits);
    return true;
  }

  /** Whether market value and gross exposure are held in millionths (read from their Decimals when they can be). */
  unitsHeld(): boolean {
    return this.#market.held() && this.#gross.held();
  }

  /** The gross exposure in millionths while it is held so, else NaN. */
  get grossUnits(): number {
    return this.#gross.units;
  }

  /** Sets market value and gross exposure to safe integers of millionths that `move` steps reached. */
  setUnits(market: number, gross: number): void {
    this.#market.setUnits(market);
    this.#gross.setUnits(gross);
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

const MAX = Number.MAX_SAFE_INTEGER;

/**
 * Whether sums of integers of millionths below 2^53 (16 digits) are exact Decimal sums, and an exact zero
 * is +0: at a precision of 16 or more, rounding anything but ROUND_FLOOR (which makes x − x −0).
 */
export function unitsExact(): boolean {
  return Decimal.precision >= 16 && Decimal.rounding !== Decimal.ROUND_FLOOR;
}

/** The Decimal of a safe integer of millionths (+0 for zero, as an exact Decimal sum gives). */
export function decimalOfUnits(units: number): Decimal {
  return units === 0 ? ZERO : millionthsToDecimal(units);
}

/** a + b when a is a safe integer (else NaN): exact when the result is at most MAX in magnitude. */
function sum(a: number, b: number): number {
  return Math.abs(a) <= MAX ? a + b : Number.NaN;
}

/** One total, held as an integer of millionths while it is known to be one, else as its Decimal. */
class HeldFigure {
  /** The figure in millionths, NaN while only its Decimal is known. */
  units = 0;
  /** Its Decimal; null until read after `setUnits`. */
  #value: Decimal | null = ZERO;
  /** The last Decimal found not to be an integer of millionths (so `held` does not look at it again). */
  #notUnits: Decimal | null = null;

  get value(): Decimal {
    this.#value ??= decimalOfUnits(this.units);
    return this.#value;
  }

  /** The Decimal, taking `equal`'s when none is made yet (a figure of the same millionths). */
  valueOr(equal: HeldFigure): Decimal {
    this.#value ??= equal.value;
    return this.#value;
  }

  set(value: Decimal): void {
    this.#value = value;
    this.units = Number.NaN;
  }

  setUnits(units: number): void {
    if (units === this.units) return;
    this.units = units;
    this.#value = null;
  }

  /** Whether the figure is held in millionths, after reading its Decimal as them when it can be. */
  held(): boolean {
    if (!Number.isNaN(this.units)) return true;
    const value = this.#value!;
    if (value === this.#notUnits) return false;
    const units = exactMillionthsOf(value);
    if (Number.isNaN(units)) {
      this.#notUnits = value;
      return false;
    }
    this.units = units;
    return true;
  }
}

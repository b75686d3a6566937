import { Decimal, ZERO } from "@ordo/core";
import { exactMillionthsOf, millionthsToDecimal } from "./fixed-point.js";
import type { EmptyValuation, FixedValuation, Valuation } from "./instrument-book.js";

/** A valuation whose figures are known as integers of millionths (its cost possibly not). */
export type UnitValuation = FixedValuation | EmptyValuation;

/**
 * Running sums of valuations in one currency. They never round: market value, gross exposure and cost are
 * held as integers of millionths while they are known to be exactly that (a cash account re-valuing its
 * books at feed prices moves them by numeric differences, `shift`), and otherwise as unrounded Decimal
 * sums (`replace`); a figure is rounded to core's precision only when read. So a total is the exact sum
 * of the valuations it holds, whatever the order and the number of the updates that brought it there:
 * the portfolio may re-value its books as often or as rarely as it likes (an equity sample can sum the
 * books afresh) and read the same figures. While a sum has no more digits than core's precision (any
 * everyday prices, quantities and multipliers), reading rounds nothing and the figures are what Decimal
 * additions in any order give.
 */
export class ValuationTotals {
  openPositions = 0;
  readonly #market = new HeldFigure();
  readonly #gross = new HeldFigure();
  readonly #cost = new HeldFigure();
  readonly #initialMargin = new HeldFigure();
  readonly #maintenanceMargin = new HeldFigure();
  /** The last unrealized PnL, for the market value and cost millionths, or else the Decimals read, it came from. */
  #unrealized: Decimal = ZERO;
  #unrealizedUnits = 0;
  #unrealizedMarket: Decimal | null = null;
  #unrealizedCost: Decimal | null = null;

  get marketValue(): Decimal {
    return this.#market.value;
  }

  get grossExposure(): Decimal {
    const gross = this.#gross;
    // Equal figures share one object while gross exposure follows market value.
    return gross.sharesSum(this.#market) ? gross.valueOr(this.#market) : gross.value;
  }

  get cost(): Decimal {
    return this.#cost.value;
  }

  get initialMargin(): Decimal {
    return this.#initialMargin.value;
  }

  get maintenanceMargin(): Decimal {
    const maintenance = this.#maintenanceMargin;
    return maintenance.sharesSum(this.#initialMargin)
      ? maintenance.valueOr(this.#initialMargin)
      : maintenance.value;
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
    // Worked out again when either figure changed (each makes a new Decimal when read after a change).
    const marketValue = this.#market.value;
    const cost = this.#cost.value;
    if (marketValue !== this.#unrealizedMarket || cost !== this.#unrealizedCost) {
      this.#unrealizedMarket = marketValue;
      this.#unrealizedCost = cost;
      // The exact difference of the exact sums, rounded once.
      this.#unrealized = rounded(unrounded(this.#market.exact).minus(this.#cost.exact));
    }
    return this.#unrealized;
  }

  /**
   * Takes the valuation `before` out and puts in one of `market` and `gross` millionths and `cost`
   * (`costUnits` millionths, NaN when it is not), ZERO margins, as `replace` would; false (nothing
   * changed) when market value or gross exposure is not held in millionths or a result would not be
   * a safe integer (cost then falls back to Decimals). The figures are then the same as `replace`'s:
   * both are exact sums. The caller checks that Decimal's configuration makes a zero sum +0 first
   * (`unitsExact`, once for a run of shifts), as an unrounded Decimal sum makes it.
   */
  shift(before: UnitValuation, market: number, gross: number, cost: Decimal, costUnits: number): boolean {
    if (!this.move(before.marketMillionths, before.grossMillionths, market, gross)) return false;
    if (before.cost !== cost) {
      const c = this.#cost;
      const costSum = c.held() ? sum(c.units - before.costMillionths, costUnits) : Number.NaN;
      if (Math.abs(costSum) <= MAX) c.setUnits(costSum);
      else c.change(before.cost, cost);
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

  /** Whether market value and gross exposure are held in millionths (read from their sums when they can be). */
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
   * Takes the valuation `before` out and puts `after` in, without rounding. A figure held by the same
   * object in both is left alone (x − v + v is x); gross exposure follows market value, and maintenance
   * margin initial margin, while every valuation had the two equal (the same sums of the same numbers).
   */
  replace(before: Valuation, after: Valuation): void {
    const market = this.#market;
    const gross = this.#gross;
    const initial = this.#initialMargin;
    const maintenance = this.#maintenanceMargin;
    const grossFollows = gross.sharesSum(market);
    const same = maintenance.sharesSum(initial);
    if (before.marketValue !== after.marketValue) market.change(before.marketValue, after.marketValue);
    if (before.cost !== after.cost) this.#cost.change(before.cost, after.cost);
    if (
      grossFollows &&
      before.grossExposure === before.marketValue &&
      after.grossExposure === after.marketValue
    ) {
      gross.follow(market);
    } else if (before.grossExposure !== after.grossExposure) {
      gross.change(before.grossExposure, after.grossExposure);
    }
    if (before.initialMargin !== after.initialMargin)
      initial.change(before.initialMargin, after.initialMargin);
    if (
      same &&
      before.maintenanceMargin === before.initialMargin &&
      after.maintenanceMargin === after.initialMargin
    ) {
      maintenance.follow(initial);
    } else if (before.maintenanceMargin !== after.maintenanceMargin) {
      maintenance.change(before.maintenanceMargin, after.maintenanceMargin);
    }
  }
}

const MAX = Number.MAX_SAFE_INTEGER;

/**
 * Decimals that do not round (only sums and differences are made with them): the totals' running sums.
 * Not core's Decimal: its results are never handed out (`rounded` makes core's Decimal of one).
 */
const Unrounded = Decimal.clone({ precision: 1e9 });

/** x as an Unrounded, so that arithmetic on it is exact (the same number; the same object when it is one). */
function unrounded(x: Decimal): Decimal {
  if (x.constructor === Unrounded) return x;
  // A zero result's sign follows the rounding mode, as core's would.
  if (Unrounded.rounding !== Decimal.rounding) Unrounded.set({ rounding: Decimal.rounding });
  return new Unrounded(x);
}

/** Core's Decimal of an exact sum, rounded to core's precision (a copy when it fits: nothing rounds). */
function rounded(x: Decimal): Decimal {
  const value = new Decimal(x);
  return value.sd() > Decimal.precision
    ? value.toSignificantDigits(Decimal.precision, Decimal.rounding)
    : value;
}

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

/** One total, held as an integer of millionths while it is known to be one, else as its unrounded sum. */
class HeldFigure {
  /** The figure in millionths, NaN while only its sum is known. */
  units = 0;
  /** The unrounded sum while the figure is not held in millionths, else null. */
  #sum: Decimal | null = null;
  /** The figure as core's Decimal; null until read after a change. */
  #value: Decimal | null = ZERO;
  /** The last sum found not to be an integer of millionths (so `held` does not look at it again). */
  #notUnits: Decimal | null = null;

  get value(): Decimal {
    this.#value ??= this.#sum === null ? decimalOfUnits(this.units) : rounded(this.#sum);
    return this.#value;
  }

  /** The exact figure: its sum, or its millionths as a Decimal. */
  get exact(): Decimal {
    return this.#sum ?? decimalOfUnits(this.units);
  }

  /** The Decimal, taking `equal`'s when none is made yet (a figure of the same value). */
  valueOr(equal: HeldFigure): Decimal {
    this.#value ??= equal.value;
    return this.#value;
  }

  /** Whether this figure is `other`'s own sum (set by `follow`) or the same millionths. */
  sharesSum(other: HeldFigure): boolean {
    return this.#sum === null ? other.#sum === null && this.units === other.units : this.#sum === other.#sum;
  }

  /** Takes `other`'s figure (the same sum, the same object). */
  follow(other: HeldFigure): void {
    if (other.#sum === null) {
      this.setUnits(other.units);
      return;
    }
    this.#sum = other.#sum;
    this.#value = null;
    this.units = Number.NaN;
  }

  /** The figure − `before` + `after`, exactly. */
  change(before: Decimal, after: Decimal): void {
    this.#sum = unrounded(this.exact).minus(before).plus(after);
    this.#value = null;
    this.units = Number.NaN;
  }

  setUnits(units: number): void {
    if (units === this.units && this.#sum === null) return;
    this.units = units;
    this.#sum = null;
    this.#value = null;
  }

  /** Whether the figure is held in millionths, after reading its sum as them when it can be. */
  held(): boolean {
    const sum = this.#sum;
    if (sum === null) return true;
    if (sum === this.#notUnits) return false;
    const units = exactMillionthsOf(sum);
    if (Number.isNaN(units)) {
      this.#notUnits = sum;
      return false;
    }
    // The same number, now held in millionths (the Decimal already read, if any, stays: it is equal).
    this.#sum = null;
    this.units = units;
    return true;
  }
}

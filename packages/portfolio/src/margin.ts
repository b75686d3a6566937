import { Decimal } from "@ordo/core";
import type { AccountingInstrument } from "./accounting-instrument.js";
import { absolute, timesMultiplier } from "./exact-shortcuts.js";

/**
 * Margin per unit of position (one contract, share or coin) at `mark`.
 * - Futures with `marginInit` set: `marginInit` / `marginMaint` are per-contract amounts, whatever the
 *   price (maintenance defaults to the initial amount).
 * - Everything else: `marginInit` / `marginMaint` are fractions of notional (|mark| × multiplier); when
 *   absent the initial fraction is 1 / leverage and the maintenance fraction equals the initial one.
 * Futures without `marginInit` fall back to the notional rule.
 */
export class MarginRule {
  readonly leverage: Decimal;
  /** 1 / leverage, computed once: the initial fraction where an instrument sets none. */
  readonly #defaultRate: Decimal;

  constructor(leverage: Decimal) {
    this.leverage = leverage;
    this.#defaultRate = new Decimal(1).div(leverage);
  }

  initialPerUnit(instrument: AccountingInstrument, mark: Decimal): Decimal {
    if (instrument.assetClass === "future" && instrument.marginInit !== undefined)
      return instrument.marginInit;
    return timesMultiplier(absolute(mark), instrument.multiplier).times(
      instrument.marginInit ?? this.#defaultRate,
    );
  }

  maintenancePerUnit(instrument: AccountingInstrument, mark: Decimal): Decimal {
    if (instrument.assetClass === "future" && instrument.marginInit !== undefined) {
      return instrument.marginMaint ?? instrument.marginInit;
    }
    const rate = instrument.marginMaint ?? instrument.marginInit ?? this.#defaultRate;
    return timesMultiplier(absolute(mark), instrument.multiplier).times(rate);
  }
}

/** Initial margin of one unit at `mark` under `leverage` (see MarginRule). */
export function initialMarginPerUnit(
  instrument: AccountingInstrument,
  mark: Decimal,
  leverage: Decimal,
): Decimal {
  return new MarginRule(leverage).initialPerUnit(instrument, mark);
}

/** Maintenance margin of one unit at `mark` under `leverage` (see MarginRule). */
export function maintenanceMarginPerUnit(
  instrument: AccountingInstrument,
  mark: Decimal,
  leverage: Decimal,
): Decimal {
  return new MarginRule(leverage).maintenancePerUnit(instrument, mark);
}

import { type Decimal, ZERO } from "@ordo/core";
import type { AccountingInstrument } from "./accounting-instrument.js";
import type { MarginRule } from "./margin.js";
import type { PositionRecord } from "./position.js";

/** What an instrument's open positions add to its currency's totals, valued at one mark. */
export interface Valuation {
  readonly currency: string;
  readonly unrealized: Decimal;
  /** Σ signed quantity × mark × multiplier: what the positions are worth in a cash account. */
  readonly marketValue: Decimal;
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
  /** Open positions in opening order (FIFO for hedging closes). */
  readonly open: PositionRecord[] = [];
  netQuantity: Decimal = ZERO;
  grossQuantity: Decimal = ZERO;
  /** Σ cost of long positions − Σ cost of short positions. */
  signedCost: Decimal = ZERO;
  valuation: Valuation;

  constructor(instrument: AccountingInstrument) {
    this.instrument = instrument;
    this.valuation = emptyValuation(instrument.currency);
  }

  /** Recomputes the sums after the positions changed (a fill). */
  recount(): void {
    let net = ZERO;
    let gross = ZERO;
    let cost = ZERO;
    for (const p of this.open) {
      gross = gross.plus(p.absQuantity);
      if (p.direction === "LONG") {
        net = net.plus(p.absQuantity);
        cost = cost.plus(p.costBasis);
      } else {
        net = net.minus(p.absQuantity);
        cost = cost.minus(p.costBasis);
      }
    }
    this.netQuantity = net;
    this.grossQuantity = gross;
    this.signedCost = cost;
  }

  /** The valuation at `mark`; margins only under a margin rule (a margin account). */
  valueAt(mark: Decimal | null, margin: MarginRule | null): Valuation {
    const { instrument } = this;
    if (mark === null || this.open.length === 0) return emptyValuation(instrument.currency);
    const multiplier = instrument.multiplier;
    const marketValue = this.netQuantity.times(mark).times(multiplier);
    return {
      currency: instrument.currency,
      unrealized: marketValue.minus(this.signedCost.times(multiplier)),
      marketValue,
      grossExposure: this.grossQuantity.times(mark.abs()).times(multiplier),
      initialMargin:
        margin === null ? ZERO : this.grossQuantity.times(margin.initialPerUnit(instrument, mark)),
      maintenanceMargin:
        margin === null ? ZERO : this.grossQuantity.times(margin.maintenancePerUnit(instrument, mark)),
    };
  }
}

export function emptyValuation(currency: string): Valuation {
  return {
    currency,
    unrealized: ZERO,
    marketValue: ZERO,
    grossExposure: ZERO,
    initialMargin: ZERO,
    maintenanceMargin: ZERO,
  };
}

/** Running sums of valuations in one currency. */
export class ValuationTotals {
  unrealized: Decimal = ZERO;
  marketValue: Decimal = ZERO;
  grossExposure: Decimal = ZERO;
  initialMargin: Decimal = ZERO;
  maintenanceMargin: Decimal = ZERO;
  openPositions = 0;

  /** Adds `sign` × the valuation (−1 to take an old one out, +1 to put the new one in). */
  apply(v: Valuation, sign: 1 | -1): void {
    if (sign === 1) {
      this.unrealized = this.unrealized.plus(v.unrealized);
      this.marketValue = this.marketValue.plus(v.marketValue);
      this.grossExposure = this.grossExposure.plus(v.grossExposure);
      this.initialMargin = this.initialMargin.plus(v.initialMargin);
      this.maintenanceMargin = this.maintenanceMargin.plus(v.maintenanceMargin);
    } else {
      this.unrealized = this.unrealized.minus(v.unrealized);
      this.marketValue = this.marketValue.minus(v.marketValue);
      this.grossExposure = this.grossExposure.minus(v.grossExposure);
      this.initialMargin = this.initialMargin.minus(v.initialMargin);
      this.maintenanceMargin = this.maintenanceMargin.minus(v.maintenanceMargin);
    }
  }
}

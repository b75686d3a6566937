import { type Decimal, type Instrument, type PortfolioView, ZERO } from "@ordo/core";

interface Entry {
  quantity: Decimal | null;
  mark: Decimal | null;
  exposure: Decimal;
}

/**
 * Σ |net quantity| × last price × multiplier over a set of instruments, read through a PortfolioView.
 * Decimals are immutable, so when the view hands back the same quantity and price objects as last time the
 * instrument's exposure is reused and the total is kept incrementally: a check costs two reads per
 * instrument and no arithmetic unless something moved. Instruments without a last price count as 0.
 */
export class GrossExposure {
  readonly #entries = new Map<string, Entry>();
  readonly #instruments: () => Iterable<Instrument>;
  #total: Decimal = ZERO;

  constructor(instruments: () => Iterable<Instrument>) {
    this.#instruments = instruments;
  }

  /** The current gross exposure, and the part of it that is `instrumentId`'s. */
  measure(portfolio: PortfolioView, instrumentId: string): { total: Decimal; own: Decimal } {
    let own = ZERO;
    for (const instrument of this.#instruments()) {
      const quantity = portfolio.netQuantity(instrument.id);
      const mark = portfolio.lastPrice(instrument.id);
      let entry = this.#entries.get(instrument.id);
      if (entry === undefined) {
        entry = { quantity: null, mark: null, exposure: ZERO };
        this.#entries.set(instrument.id, entry);
      }
      if (entry.quantity !== quantity || entry.mark !== mark) {
        const exposure =
          mark === null || quantity.isZero()
            ? ZERO
            : instrument.multiplier.eq(1)
              ? quantity.abs().times(mark)
              : quantity.abs().times(mark).times(instrument.multiplier);
        if (!exposure.eq(entry.exposure)) this.#total = this.#total.minus(entry.exposure).plus(exposure);
        entry.quantity = quantity;
        entry.mark = mark;
        entry.exposure = exposure;
      }
      if (instrument.id === instrumentId) own = entry.exposure;
    }
    return { total: this.#total, own };
  }
}

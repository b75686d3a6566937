import { type Decimal, ZERO } from "@ordo/core";

/** A running Decimal total per currency (realized PnL, commissions, funding, ...). */
export class CurrencyTotals {
  readonly #totals = new Map<string, Decimal>();

  get(currency: string): Decimal {
    return this.#totals.get(currency) ?? ZERO;
  }

  add(currency: string, amount: Decimal): void {
    if (amount.isZero()) return;
    this.#totals.set(currency, this.get(currency).plus(amount));
  }
}

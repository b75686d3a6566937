import { type Decimal, ZERO } from "@ordo/core";
import { ExactSum } from "./exact-sum.js";

/** A running Decimal total per currency (realized PnL, commissions, funding, ...). */
export class CurrencyTotals {
  readonly #totals = new Map<string, ExactSum>();

  get(currency: string): Decimal {
    return this.#totals.get(currency)?.value ?? ZERO;
  }

  add(currency: string, amount: Decimal): void {
    if (amount.isZero()) return;
    let total = this.#totals.get(currency);
    if (total === undefined) {
      total = new ExactSum();
      this.#totals.set(currency, total);
    }
    total.add(amount);
  }
}

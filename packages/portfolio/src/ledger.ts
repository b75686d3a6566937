import { type Decimal, type UnixMillis, ZERO } from "@ordo/core";

/**
 * What moved a balance:
 * - `fill`: the cash settlement of a fill. In a cash account the notional (− bought, + sold); in a margin
 *   account the fill's realized PnL (opening fills move no cash there, so they book no fill entry).
 * - `commission`: a fee (negative amount) or a rebate (positive), in the fee's currency.
 * - `funding`: a funding payment (perpetuals) or interest, received (+) or paid (−).
 * - `transfer`: a deposit (+) or withdrawal (−); starting balances are transfers.
 */
export type LedgerEntryKind = "fill" | "commission" | "funding" | "transfer";

export interface LedgerEntry {
  /** Position in the ledger, from 1: entries are in booking order. */
  readonly seq: number;
  readonly ts: UnixMillis;
  readonly currency: string;
  /** Signed change of the balance. */
  readonly amount: Decimal;
  /** The balance in `currency` after this entry. */
  readonly balance: Decimal;
  readonly kind: LedgerEntryKind;
  /** What caused it: the trade id of a fill, or the caller's reference for funding and transfers. */
  readonly reference: string;
  readonly instrumentId: string | null;
  /** A line a person reads: "BUY 10 AAPL.XNAS @ 189.5". */
  readonly description: string;
}

/**
 * Balances per currency, changed only by booking an entry, so every balance is the sum of its entries
 * and can be explained line by line. Zero amounts are not booked.
 */
export class Ledger {
  readonly #entries: LedgerEntry[] = [];
  readonly #balances = new Map<string, Decimal>();

  balance(currency: string): Decimal {
    return this.#balances.get(currency) ?? ZERO;
  }

  currencies(): string[] {
    return [...this.#balances.keys()];
  }

  book(entry: Omit<LedgerEntry, "seq" | "balance">): void {
    if (entry.amount.isZero()) return;
    const balance = this.balance(entry.currency).plus(entry.amount);
    this.#balances.set(entry.currency, balance);
    this.#entries.push({
      seq: this.#entries.length + 1,
      ts: entry.ts,
      currency: entry.currency,
      amount: entry.amount,
      balance,
      kind: entry.kind,
      reference: entry.reference,
      instrumentId: entry.instrumentId,
      description: entry.description,
    });
  }

  entries(currency?: string): readonly LedgerEntry[] {
    return currency === undefined ? this.#entries : this.#entries.filter((e) => e.currency === currency);
  }
}

import { type Decimal, type UnixMillis, ZERO } from "@ordo/core";
import { ExactSum } from "./exact-sum.js";

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

/** What a booking stores: an entry without its position and balance, which reading works out. */
export interface LedgerBooking {
  readonly ts: UnixMillis;
  readonly currency: string;
  readonly amount: Decimal;
  readonly kind: LedgerEntryKind;
  readonly reference: string;
  readonly instrumentId: string | null;
  /** The line itself, or what makes it when the entry is first read (a fill's line is rarely read). */
  readonly description: string | LedgerDescription;
}

/** Makes an entry's description when the entry is first read. */
export interface LedgerDescription {
  describe(kind: LedgerEntryKind): string;
}

/**
 * Balances per currency, changed only by booking an entry, so every balance is the sum of its entries
 * and can be explained line by line. Zero amounts are not booked. Bookings are kept as given and made
 * into entries when the ledger is read: a backtest books two per fill and rarely reads one; the
 * balances after each entry are the same sums replayed in the same order, so the same Decimals.
 */
export class Ledger {
  readonly #bookings: LedgerBooking[] = [];
  /** Running balances as exact sums: a fill moves them twice and they are read far less often. */
  readonly #balances = new Map<string, ExactSum>();
  /** The entries of the bookings read so far, and the balances after the last of them. */
  readonly #entries: LedgerEntry[] = [];
  readonly #entryBalances = new Map<string, Decimal>();

  balance(currency: string): Decimal {
    return this.#balances.get(currency)?.value ?? ZERO;
  }

  /** The balance in millionths while it is kept so (see ExactSum), else NaN. */
  balanceUnits(currency: string): number {
    const balance = this.#balances.get(currency);
    return balance === undefined ? 0 : balance.units;
  }

  currencies(): string[] {
    return [...this.#balances.keys()];
  }

  book(booking: LedgerBooking): void {
    if (booking.amount.isZero()) return;
    let balance = this.#balances.get(booking.currency);
    if (balance === undefined) {
      balance = new ExactSum();
      this.#balances.set(booking.currency, balance);
    }
    balance.add(booking.amount);
    this.#bookings.push(booking);
  }

  entries(currency?: string): readonly LedgerEntry[] {
    const entries = this.#entries;
    const bookings = this.#bookings;
    const balances = this.#entryBalances;
    for (let i = entries.length; i < bookings.length; i++) {
      const b = bookings[i]!;
      const balance = (balances.get(b.currency) ?? ZERO).plus(b.amount);
      balances.set(b.currency, balance);
      entries.push({
        seq: i + 1,
        ts: b.ts,
        currency: b.currency,
        amount: b.amount,
        balance,
        kind: b.kind,
        reference: b.reference,
        instrumentId: b.instrumentId,
        description: typeof b.description === "string" ? b.description : b.description.describe(b.kind),
      });
    }
    // A copy: entries are made when read, so a kept array would silently stop growing.
    return currency === undefined ? entries.slice() : entries.filter((e) => e.currency === currency);
  }
}

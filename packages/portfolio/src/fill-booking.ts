import type { Decimal, OrderFilled } from "@ordo/core";
import type { LedgerBooking, LedgerDescription, LedgerEntryKind } from "./ledger.js";

/**
 * A fill's booking (its cash or its commission): the time, trade id and instrument are the fill's own,
 * and its line is made from the fill only when the ledger is read.
 */
export class FillBooking implements LedgerBooking, LedgerDescription {
  // Declared, not defined: the constructor sets every field, so no field initializer runs (two bookings
  // are made per fill).
  declare readonly currency: string;
  declare readonly amount: Decimal;
  declare readonly kind: LedgerEntryKind;
  declare private readonly fill: OrderFilled;

  constructor(fill: OrderFilled, kind: "fill" | "commission", currency: string, amount: Decimal) {
    this.fill = fill;
    this.kind = kind;
    this.currency = currency;
    this.amount = amount;
  }

  get ts(): OrderFilled["tsEvent"] {
    return this.fill.tsEvent;
  }

  get reference(): string {
    return this.fill.tradeId;
  }

  get instrumentId(): string {
    return this.fill.instrumentId;
  }

  get description(): LedgerDescription {
    return this;
  }

  describe(kind: LedgerEntryKind): string {
    const line = describeFill(this.fill);
    return kind === "commission" ? `commission on ${line}` : line;
  }
}

/** "BUY 10 AAPL.XNAS @ 189.5" */
export function describeFill(fill: OrderFilled): string {
  return `${fill.side} ${fill.quantity.toFixed()} ${fill.instrumentId} @ ${fill.price.toFixed()}`;
}

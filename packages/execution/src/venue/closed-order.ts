import type { Decimal, Order, OrderStatus } from "@ordo/core";
import { appliedCopy, type CopyParts, type PendingEvents } from "./order-copy.js";

/**
 * What the venue keeps of an order once it is closed (filled, canceled, expired, rejected): enough to
 * refuse a late modify or cancel, judge an OTO child by its parent, and answer order(id), without the
 * matching state of a working VenueOrder. Fields are declared and set in the constructor, as
 * VenueOrder's are: one is made per order, and each field is kept for the rest of the run.
 */
export class ClosedOrder implements CopyParts {
  declare readonly status: OrderStatus;
  declare readonly quantity: Decimal;
  declare readonly filledQuantity: Decimal;
  /** The venue's copy of the order, in parts (see order-copy.ts). */
  declare copy: Order;
  declare readonly arrivalTs: number;
  declare unapplied: number;
  declare readonly venueOrderId: string | null;
  declare pending: PendingEvents;

  constructor(status: OrderStatus, quantity: Decimal, filledQuantity: Decimal, parts: CopyParts) {
    this.status = status;
    this.quantity = quantity;
    this.filledQuantity = filledQuantity;
    this.copy = parts.copy;
    this.arrivalTs = parts.arrivalTs;
    this.unapplied = parts.unapplied;
    this.venueOrderId = parts.venueOrderId;
    this.pending = parts.pending;
  }

  /** Never working (a getter, not a field: one field less on every closed order). */
  get isWorking(): false {
    return false;
  }

  /** The order's fixed fields (id, instrument, strategy...): the copy's, which no event changes. */
  get spec(): Order {
    return this.copy;
  }

  get id(): string {
    return this.copy.id;
  }

  get order(): Order {
    const copy = appliedCopy(this);
    this.copy = copy;
    this.unapplied = 0;
    this.pending = null;
    return copy;
  }
}

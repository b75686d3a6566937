import type { Decimal, Order, OrderEvent, OrderStatus } from "@ordo/core";
import { appliedCopy } from "./order-copy.js";

/**
 * What the venue keeps of an order once it is closed (filled, canceled, expired, rejected): enough to
 * refuse a late modify or cancel, judge an OTO child by its parent, and answer order(id), without the
 * matching state of a working VenueOrder. Fields are declared and set in the constructor, as
 * VenueOrder's are: one is made per order.
 */
export class ClosedOrder {
  declare readonly isWorking: false;
  declare readonly spec: Order;
  declare readonly status: OrderStatus;
  declare readonly quantity: Decimal;
  declare readonly filledQuantity: Decimal;
  /** The venue's copy of the order, in three parts (see order-copy.ts). */
  declare private copy: Order;
  declare private submittedAt: number | null;
  declare private pending: readonly OrderEvent[] | null;

  constructor(
    spec: Order,
    status: OrderStatus,
    quantity: Decimal,
    filledQuantity: Decimal,
    copy: Order,
    submittedAt: number | null,
    pending: readonly OrderEvent[] | null,
  ) {
    this.isWorking = false;
    this.spec = spec;
    this.status = status;
    this.quantity = quantity;
    this.filledQuantity = filledQuantity;
    this.copy = copy;
    this.submittedAt = submittedAt;
    this.pending = pending;
  }

  get id(): string {
    return this.spec.id;
  }

  get order(): Order {
    const copy = appliedCopy(this.copy, this.submittedAt, this.pending);
    this.copy = copy;
    this.submittedAt = null;
    this.pending = null;
    return copy;
  }
}

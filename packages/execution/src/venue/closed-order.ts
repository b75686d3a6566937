import type { Decimal, Order, OrderStatus } from "@ordo/core";
import type { OrderCopy } from "./order-copy.js";
import type { VenueOrder } from "./venue-order.js";

/**
 * What the venue keeps of an order once it is closed (filled, canceled, expired, rejected): enough to
 * refuse a late modify or cancel, judge an OTO child by its parent, and answer order(id), without the
 * matching state of a working VenueOrder.
 */
export class ClosedOrder {
  readonly isWorking = false;
  readonly spec: Order;
  readonly status: OrderStatus;
  readonly quantity: Decimal;
  readonly filledQuantity: Decimal;
  readonly #copy: OrderCopy;

  constructor(vo: VenueOrder, copy: OrderCopy) {
    this.spec = vo.spec;
    this.status = vo.status;
    this.quantity = vo.quantity;
    this.filledQuantity = vo.filledQuantity;
    this.#copy = copy;
  }

  get id(): string {
    return this.spec.id;
  }

  get order(): Order {
    return this.#copy.order;
  }
}

import { applyEvent, type Order, type OrderEvent, orderEvent } from "@ordo/core";

/**
 * The venue's full copy of one order, as core's applyEvent makes it: the order as it arrived and the
 * events reported since, applied only when someone asks (most copies are never read).
 */
export class OrderCopy {
  #copy: Order;
  /** When the venue took in an INITIALIZED / RELEASED order: the copy gets OrderSubmitted first (null: none). */
  #submittedAt: number | null;
  /** Reported events not yet applied to `#copy` (null when none). */
  #pending: OrderEvent[] | null = null;

  constructor(order: Order, submittedAt: number | null) {
    this.#copy = order;
    this.#submittedAt = submittedAt;
  }

  get order(): Order {
    if (this.#submittedAt !== null) {
      this.#copy = applyEvent(this.#copy, orderEvent(this.#copy, "OrderSubmitted", this.#submittedAt, {}));
      this.#submittedAt = null;
    }
    const pending = this.#pending;
    if (pending !== null) {
      let copy = this.#copy;
      for (const event of pending) copy = applyEvent(copy, event);
      this.#copy = copy;
      this.#pending = null;
    }
    return this.#copy;
  }

  record(event: OrderEvent): void {
    const pending = this.#pending;
    if (pending === null) this.#pending = [event];
    // Most orders see two events (accepted, filled): a list of exactly two, where a push would reserve 17 slots.
    else if (pending.length === 1) this.#pending = [pending[0]!, event];
    else pending.push(event);
  }
}

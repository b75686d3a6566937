import { applyEvent, type Order, type OrderEvent, orderEvent } from "@ordo/core";

// The venue's full copy of one order, as core's applyEvent makes it, is kept as three values on the
// venue's record of the order (VenueOrder, then ClosedOrder): the order as it arrived (or as last built),
// when the venue took it in as an INITIALIZED / RELEASED order (the copy gets OrderSubmitted first; null:
// none), and the reported events not yet applied (null: none). The events are applied only when someone
// asks for the copy: most copies are never read.

/** The copy with OrderSubmitted (when `submittedAt` is set) and the pending events applied. */
export function appliedCopy(
  copy: Order,
  submittedAt: number | null,
  pending: readonly OrderEvent[] | null,
): Order {
  let order = copy;
  if (submittedAt !== null) order = applyEvent(order, orderEvent(order, "OrderSubmitted", submittedAt, {}));
  if (pending !== null) for (const event of pending) order = applyEvent(order, event);
  return order;
}

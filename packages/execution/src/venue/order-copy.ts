import { applyEvent, type Order, type OrderEvent, orderEvent } from "@ordo/core";

// The venue's full copy of one order, as core's applyEvent makes it, is kept in parts on the venue's
// record of the order (VenueOrder, then ClosedOrder): the order as it arrived (or as last built), which of
// OrderSubmitted / OrderAccepted the copy still lacks (rebuilt from the arrival time and the venue order
// id, so no such event is kept past its report), and the other reported events not yet applied. The
// events are applied only when someone asks for the copy: most copies are never read.

/** `unapplied` flag: the venue took the order in as INITIALIZED / RELEASED; the copy gets OrderSubmitted at arrival. */
export const SUBMITTED_UNAPPLIED = 1;
/** `unapplied` flag: the venue accepted the order (at its arrival); the copy gets OrderAccepted. */
export const ACCEPTED_UNAPPLIED = 2;

/** The events reported since the copy was built: null (none), one event, or a list of two or more. */
export type PendingEvents = OrderEvent | OrderEvent[] | null;

/** The parts of a copy, as VenueOrder and ClosedOrder keep them. */
export interface CopyParts {
  readonly copy: Order;
  /** When the order reached the venue: the time of its OrderSubmitted and OrderAccepted. */
  readonly arrivalTs: number;
  /** SUBMITTED_UNAPPLIED | ACCEPTED_UNAPPLIED: the events the copy still lacks before `pending`. */
  readonly unapplied: number;
  /** The venue order id OrderAccepted gave (the venue sets it only when it accepts). */
  readonly venueOrderId: string | null;
  readonly pending: PendingEvents;
}

/**
 * The copy with OrderSubmitted, OrderAccepted and the pending events applied. The OrderAccepted rebuilt
 * here has the arrival as its tsInit too: applyEvent reads no tsInit (order-copy.test.ts holds the copy
 * equal to the reported events applied).
 */
export function appliedCopy(parts: CopyParts): Order {
  let order = parts.copy;
  const at = parts.arrivalTs;
  if ((parts.unapplied & SUBMITTED_UNAPPLIED) !== 0)
    order = applyEvent(order, orderEvent(order, "OrderSubmitted", at, {}));
  if ((parts.unapplied & ACCEPTED_UNAPPLIED) !== 0)
    order = applyEvent(order, orderEvent(order, "OrderAccepted", at, { venueOrderId: parts.venueOrderId! }));
  const pending = parts.pending;
  if (Array.isArray(pending)) for (const event of pending) order = applyEvent(order, event);
  else if (pending !== null) order = applyEvent(order, pending);
  return order;
}

/** `pending` with one more event (a list of exactly two for the second, where a push would reserve 17 slots). */
export function withEvent(pending: PendingEvents, event: OrderEvent): PendingEvents {
  if (pending === null) return event;
  if (!Array.isArray(pending)) return [pending, event];
  pending.push(event);
  return pending;
}

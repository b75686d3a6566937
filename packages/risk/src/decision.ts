import { type DenyReason, type OrderDenied, orderEvent, type UnixMillis } from "@ordo/core";

/** Deny codes this package uses that core's `DenyReason` lacks. */
export const RiskDenyReason = {
  /** A notional-based limit applies but the order has no price and the instrument no last price. */
  NO_REFERENCE_PRICE: "NO_REFERENCE_PRICE",
} as const;
export type RiskDenyReason = (typeof RiskDenyReason)[keyof typeof RiskDenyReason];

/** A deny code: one of core's `DenyReason`, this package's `RiskDenyReason`, or a custom check's own code. */
export type DenyCode = DenyReason | RiskDenyReason | (string & {});

/** What a check returns to refuse an order: a stable code and a message with the value and the limit. */
export interface CheckDenial {
  readonly reason: DenyCode;
  readonly message: string;
}

export interface RiskAllowed {
  readonly allowed: true;
}
export interface RiskDenied extends CheckDenial {
  readonly allowed: false;
  /** The name of the check that refused. */
  readonly check: string;
}
export type RiskDecision = RiskAllowed | RiskDenied;

export const ALLOWED: RiskAllowed = Object.freeze({ allowed: true });

/** Shorthand for a check's denial: `return deny(DenyReason.MAX_NOTIONAL, "order notional ...")`. */
export function deny(reason: DenyCode, message: string): CheckDenial {
  return { reason, message };
}

/**
 * The OrderDenied event for a refused order, ready for the order cache and the bus:
 * `code` is the deny code, `reason` the message.
 */
export function orderDeniedEvent(
  order: { readonly id: string; readonly instrumentId: string; readonly strategyId: string },
  denial: CheckDenial,
  ts: UnixMillis,
): OrderDenied {
  return orderEvent(order, "OrderDenied", ts, { code: denial.reason, reason: denial.message });
}

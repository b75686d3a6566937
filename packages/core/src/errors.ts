/**
 * The error taxonomy every Ordo package uses. Each error has a stable `code` (safe to switch on and to
 * show users) and a `kind` (what the caller can do about it): fix the input, accept the denial, read the
 * venue's reason, retry later, or fix the sequence of events.
 */

export type ErrorKind = "validation" | "denied" | "rejected" | "transient" | "invalid-state";

/** Reason codes for an order refused before it reached the venue (risk, trading state, instrument rules). */
export const DenyReason = {
  INSUFFICIENT_FUNDS: "INSUFFICIENT_FUNDS",
  POSITION_LIMIT: "POSITION_LIMIT",
  MAX_NOTIONAL: "MAX_NOTIONAL",
  MAX_ORDER_QUANTITY: "MAX_ORDER_QUANTITY",
  MAX_OPEN_ORDERS: "MAX_OPEN_ORDERS",
  MAX_LEVERAGE: "MAX_LEVERAGE",
  RATE_LIMIT: "RATE_LIMIT",
  CIRCUIT_OPEN: "CIRCUIT_OPEN",
  TRADING_HALTED: "TRADING_HALTED",
  TRADING_REDUCING: "TRADING_REDUCING",
  REDUCE_ONLY: "REDUCE_ONLY",
  PRICE_NOT_ON_TICK: "PRICE_NOT_ON_TICK",
  QUANTITY_NOT_ON_LOT: "QUANTITY_NOT_ON_LOT",
  QUANTITY_BELOW_MIN: "QUANTITY_BELOW_MIN",
  QUANTITY_ABOVE_MAX: "QUANTITY_ABOVE_MAX",
  NOTIONAL_BELOW_MIN: "NOTIONAL_BELOW_MIN",
  PRICE_BAND: "PRICE_BAND",
  RESTRICTED_INSTRUMENT: "RESTRICTED_INSTRUMENT",
  LONG_ONLY: "LONG_ONLY",
  DUPLICATE_ORDER_ID: "DUPLICATE_ORDER_ID",
  UNKNOWN_INSTRUMENT: "UNKNOWN_INSTRUMENT",
  INVALID_ORDER: "INVALID_ORDER",
} as const;
export type DenyReason = (typeof DenyReason)[keyof typeof DenyReason];

/** One problem found in an input: where (a path of keys or indexes) and why. */
export interface ValidationIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** A stable code for this problem when it has one (e.g. PRICE_NOT_ON_TICK). */
  readonly code?: string;
}

/** Formats a path the way users read it in a JSON document: `inputs[3].submit.price`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? key : `.${key}`;
  }
  return out === "" ? "(root)" : out;
}

export abstract class OrdoError extends Error {
  abstract readonly kind: ErrorKind;
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(`${code}: ${message}`, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** Bad input: a field with a value that cannot be used. Fix the input and try again. */
export class ValidationError extends OrdoError {
  readonly kind = "validation" as const;
  readonly issues: readonly ValidationIssue[];

  /** The code is the issues' common code when they share one (PRICE_NOT_ON_TICK), else VALIDATION. */
  constructor(issues: readonly ValidationIssue[], options?: { cause?: unknown }) {
    const codes = new Set(issues.map((i) => i.code ?? "VALIDATION"));
    const code = codes.size === 1 ? [...codes][0]! : "VALIDATION";
    super(code, issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join("; "), options);
    this.issues = issues;
  }

  static field(path: string | readonly (string | number)[], message: string, code?: string) {
    const issue = { path: typeof path === "string" ? [path] : path, message };
    return new ValidationError([code === undefined ? issue : { ...issue, code }]);
  }
}

/** Refused locally before sending, with a stable reason code (risk check, trading state, instrument rule). */
export class DeniedError extends OrdoError {
  readonly kind = "denied" as const;
  readonly reason: DenyReason;

  constructor(reason: DenyReason, message: string) {
    super(reason, message);
    this.reason = reason;
  }
}

/** Refused by the venue; `reason` is the venue's own words. */
export class RejectedError extends OrdoError {
  readonly kind = "rejected" as const;
  readonly reason: string;

  constructor(reason: string, code = "REJECTED") {
    super(code, reason);
    this.reason = reason;
  }
}

/** A failure that may pass (network, rate limit): safe to retry, after `retryAfterMs` when known. */
export class TransientError extends OrdoError {
  readonly kind = "transient" as const;
  readonly retryAfterMs: number | undefined;

  constructor(code: string, message: string, retryAfterMs?: number, options?: { cause?: unknown }) {
    super(code, message, options);
    this.retryAfterMs = retryAfterMs;
  }
}

/** An event that the order's current state does not allow (see the transition table). Nothing changed. */
export class InvalidStateTransitionError extends OrdoError {
  readonly kind = "invalid-state" as const;
  readonly orderId: string;
  readonly status: string;
  readonly eventType: string;

  constructor(
    orderId: string,
    status: string,
    eventType: string,
    detail?: string,
    code = "INVALID_STATE_TRANSITION",
  ) {
    super(code, detail ?? `order ${orderId} in status ${status} cannot apply ${eventType}`);
    this.orderId = orderId;
    this.status = status;
    this.eventType = eventType;
  }
}

export function isOrdoError(value: unknown): value is OrdoError {
  return value instanceof OrdoError;
}

import {
  compactDateProblem,
  DenyReason,
  didYouMean,
  ORDER_STATUSES,
  type OrderStatus,
  timestampProblem,
  utcMidnight,
  ValidationError,
  type ValidationIssue,
} from "@ordo/core";
import type { OrderQueryOptions } from "./strategy-context.js";
import { unknownKeyIssues } from "./unknown-keys.js";

const QUERY_FIELDS = ["instrumentId", "status", "from", "to", "limit"] as const;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** `ctx.orders.query`'s options, checked: what it filters by, with `from` / `to` as epoch ms. */
export interface OrderQuery {
  readonly instrumentId?: string;
  readonly status?: OrderStatus | readonly OrderStatus[];
  readonly from: number;
  readonly to: number;
  readonly limit?: number;
}

function timeAt(value: unknown, field: "from" | "to", issues: ValidationIssue[]): number {
  // `from: 20230104` read as epoch ms is 1970: refused with both readings, as the CLI's --start is.
  const ambiguous = compactDateProblem(value);
  if (ambiguous !== null) {
    issues.push({ path: ["query", field], message: ambiguous });
    return Number.NaN;
  }
  if (typeof value === "string" && DATE_ONLY.test(value)) {
    const ts = utcMidnight(value);
    if (ts !== null) return ts;
    issues.push({ path: ["query", field], message: `is not a valid date: "${value}"` });
    return Number.NaN;
  }
  const problem = timestampProblem(value);
  if (problem === null) return typeof value === "number" ? value : Date.parse(value as string);
  issues.push({
    path: ["query", field],
    message: problem.replace(
      /^must be an ISO-8601 time with a zone/,
      "must be epoch ms, a YYYY-MM-DD date or an ISO-8601 time with a zone",
    ),
  });
  return Number.NaN;
}

/**
 * Checks a query before it filters anything: a misspelt status (`"FILED"`), an unreadable time or a
 * negative limit used to answer with no orders (or all but the last), and a misspelt key with all of
 * them, which a strategy cannot tell from "there are none".
 */
export function parseOrderQuery(
  options: OrderQueryOptions,
  instruments: ReadonlyMap<string, unknown>,
): OrderQuery {
  const issues = unknownKeyIssues(options, QUERY_FIELDS, ["query"], "a query option", "options");
  const { instrumentId, status, limit } = options;
  if (instrumentId !== undefined && !instruments.has(instrumentId)) {
    issues.push({
      path: ["query", "instrumentId"],
      message: `unknown instrument ${String(instrumentId)} (this node trades: ${[...instruments.keys()].join(", ")})`,
      code: DenyReason.UNKNOWN_INSTRUMENT,
    });
  }
  if (status !== undefined) {
    const list: readonly unknown[] = Array.isArray(status) ? status : [status];
    list.forEach((s, i) => {
      if ((ORDER_STATUSES as readonly unknown[]).includes(s)) return;
      const hint = typeof s === "string" ? didYouMean(s, ORDER_STATUSES) : "";
      issues.push({
        path: Array.isArray(status) ? ["query", "status", i] : ["query", "status"],
        message: `${JSON.stringify(s)} is not an order status${hint === "" ? ` (statuses: ${ORDER_STATUSES.join(", ")})` : hint}`,
      });
    });
  }
  const from = options.from === undefined ? Number.NEGATIVE_INFINITY : timeAt(options.from, "from", issues);
  const to = options.to === undefined ? Number.POSITIVE_INFINITY : timeAt(options.to, "to", issues);
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 0)) {
    issues.push({ path: ["query", "limit"], message: `must be a whole number >= 0, got ${String(limit)}` });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return {
    from,
    to,
    ...(instrumentId !== undefined && { instrumentId }),
    ...(status !== undefined && { status }),
    ...(limit !== undefined && { limit }),
  };
}

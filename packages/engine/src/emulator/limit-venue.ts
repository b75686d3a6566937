import {
  type ContingencyType,
  type ExecutionReport,
  type Order,
  type OrderType,
  orderEvent,
  type TimeInForce,
  ValidationError,
  type ValidationIssue,
  type VenueCapabilities,
} from "@ordo/core";
import { merge, Subject } from "rxjs";
import type { NodeVenue } from "../trading-node.js";
import { contingencyTypesOf } from "./emulation-plan.js";

/** What a limited venue supports natively; a field left out keeps the wrapped venue's own list. */
export interface VenueSupport {
  readonly orderTypes?: readonly OrderType[] | undefined;
  readonly timeInForce?: readonly TimeInForce[] | undefined;
  readonly contingencies?: readonly ContingencyType[] | undefined;
}

/**
 * A venue that advertises, and accepts, only part of what `venue` supports: everything is delegated to
 * `venue`, but an order of a type, time in force or contingency outside `support` is rejected
 * (`UNSUPPORTED: ...`), as a real venue lacking it would. Lets a backtest (or a test) run against the
 * simulated venue as if it were a venue that needs the emulator.
 */
export function limitVenue(venue: NodeVenue, support: VenueSupport): NodeVenue {
  const own = venue.capabilities;
  const issues: ValidationIssue[] = [];
  const subset = <T extends string>(
    field: keyof VenueSupport,
    wanted: readonly T[] | undefined,
    has: readonly T[],
  ) => {
    if (wanted === undefined) return has;
    wanted.forEach((value, i) => {
      if (!has.includes(value)) {
        issues.push({
          path: [field, i],
          message: `${value} is not supported by venue ${venue.venue} itself`,
        });
      }
    });
    return [...new Set(wanted)];
  };
  const capabilities: VenueCapabilities = {
    ...own,
    orderTypes: subset("orderTypes", support.orderTypes, own.orderTypes),
    timeInForce: subset("timeInForce", support.timeInForce, own.timeInForce),
    contingencies: subset("contingencies", support.contingencies, own.contingencies),
  };
  if (issues.length > 0) throw new ValidationError(issues);

  const rejections = new Subject<ExecutionReport>();
  const unsupported = (order: Order): string | null => {
    if (!capabilities.orderTypes.includes(order.type)) return `${order.type} orders`;
    if (!capabilities.timeInForce.includes(order.timeInForce)) return `${order.timeInForce} orders`;
    const missing = contingencyTypesOf(order).find((t) => !capabilities.contingencies.includes(t));
    return missing === undefined ? null : `${missing} contingencies`;
  };
  const accepted = (orders: readonly Order[]): Order[] =>
    orders.filter((order) => {
      const what = unsupported(order);
      if (what === null) return true;
      // The venue answers at once, at the time the order was sent (its OrderSubmitted).
      rejections.next(
        orderEvent(order, "OrderRejected", order.updatedAt, {
          reason: `UNSUPPORTED: venue ${venue.venue} does not support ${what}`,
        }),
      );
      return false;
    });
  const limited: NodeVenue = {
    apiVersion: venue.apiVersion,
    venue: venue.venue,
    capabilities,
    connect: () => venue.connect(),
    disconnect: () => venue.disconnect(),
    get isConnected() {
      return venue.isConnected;
    },
    submit: (order) => {
      if (accepted([order]).length === 1) venue.submit(order);
    },
    submitList: (orders) => {
      const ok = accepted(orders);
      if (ok.length > 0) venue.submitList(ok);
    },
    modify: (command) => venue.modify(command),
    cancel: (command) => venue.cancel(command),
    reports: merge(venue.reports, rejections),
    snapshot: () => venue.snapshot(),
  };
  const process = venue.process;
  if (process !== undefined) limited.process = (data) => process.call(venue, data);
  return limited;
}

import {
  applyEvent,
  type CancelOrder,
  createInstrument,
  type ExecutionReport,
  type Instrument,
  type InstrumentInput,
  type ModifyOrder,
  type Order,
  OrderCache,
  OrderFactory,
  orderEvent,
  parseDecimal,
  VirtualClock,
} from "@ordo/core";
import { SimulatedVenue, type SimulatedVenueOptions } from "../../src/index.js";

/** 2024-01-02 14:30 UTC: the harness's time zero; bars are written by minute after it. */
export const T0 = Date.parse("2024-01-02T14:30:00Z");
export const at = (minute: number) => T0 + minute * 60_000;

export const AAPL: InstrumentInput = {
  id: "AAPL.XNAS",
  assetClass: "equity",
  currency: "USD",
  tickSize: "0.01",
  lotSize: "1",
};

type BarInput = readonly [open: number, high: number, low: number, close: number, volume?: number];

/**
 * A venue with a caller around it, the way the order manager will drive it: orders come from core's
 * OrderFactory, the caller emits OrderSubmitted / PendingUpdate / PendingCancel itself, and every report
 * is applied to the caller's OrderCache, so a report the state machine refuses fails the test (except
 * the documented refusals of modifies / cancels on closed orders, which the caller decides about).
 */
export function harness(
  options: Partial<Omit<SimulatedVenueOptions, "clock" | "instruments">> & {
    instruments?: readonly InstrumentInput[];
    start?: number;
    /** Give the venue a clock that only tells the time (no timers), as a caller without a Clock would. */
    timeOnly?: boolean;
  } = {},
) {
  const clock = new VirtualClock(options.start ?? T0);
  const instruments: Instrument[] = (options.instruments ?? [AAPL]).map((i) => createInstrument(i));
  const { instruments: _i, start: _s, timeOnly, ...rest } = options;
  const venue = new SimulatedVenue({
    clock: timeOnly === true ? { now: () => clock.now() } : clock,
    instruments,
    account: { type: "cash", currency: "USD", balance: "100000" },
    ...rest,
  });
  const reports: ExecutionReport[] = [];
  const cache = new OrderCache();
  const refusedByCaller: ExecutionReport[] = [];
  venue.reports.subscribe((report) => {
    reports.push(report);
    try {
      cache.apply(report);
    } catch (error) {
      const closedRefusal =
        (report.type === "OrderModifyRejected" || report.type === "OrderCancelRejected") &&
        (/ORDER_CLOSED|UNKNOWN_ORDER/.test(report.reason) || !cache.has(report.orderId));
      const rejectedUnknown = report.type === "OrderRejected" || report.type === "OrderFailed";
      if (!closedRefusal && !rejectedUnknown) throw error;
      refusedByCaller.push(report);
    }
  });
  const factory = new OrderFactory({ clock });
  const defaultInstrument = instruments[0]!.id;

  const advance = (ts?: number) => {
    if (ts !== undefined && ts > clock.now()) clock.advanceTo(ts);
  };

  /** Creates an order from a request (instrument defaults to the first) as the caller would. */
  const create = (request: Record<string, unknown>): Order => {
    const { order, event } = factory.create({ instrumentId: defaultInstrument, ...request });
    cache.apply(event);
    return cache.apply(orderEvent(order, "OrderSubmitted", clock.now(), {}));
  };

  return {
    venue,
    clock,
    reports,
    cache,
    refusedByCaller,
    instruments,
    submit(request: Record<string, unknown>, ts?: number): Order {
      advance(ts);
      const order = create(request);
      venue.submit(order);
      return order;
    },
    submitList(requests: readonly Record<string, unknown>[], ts?: number): Order[] {
      advance(ts);
      const orders = requests.map(create);
      venue.submitList(orders);
      return orders;
    },
    modify(
      orderId: string,
      change: { quantity?: string; price?: string; triggerPrice?: string },
      ts?: number,
    ): void {
      advance(ts);
      const current = cache.get(orderId);
      if (current && current.status !== "FILLED" && current.status !== "CANCELED") {
        try {
          cache.apply(orderEvent(current, "OrderPendingUpdate", clock.now(), {}));
        } catch {
          // the caller's copy may be closed; the venue answers anyway
        }
      }
      const command: ModifyOrder = {
        type: "ModifyOrder",
        strategyId: current?.strategyId ?? "default",
        instrumentId: current?.instrumentId ?? defaultInstrument,
        ts: clock.now(),
        orderId,
        quantity: change.quantity === undefined ? null : parseDecimal(change.quantity),
        price: change.price === undefined ? null : parseDecimal(change.price),
        triggerPrice: change.triggerPrice === undefined ? null : parseDecimal(change.triggerPrice),
      };
      venue.modify(command);
    },
    cancel(orderId: string, ts?: number): void {
      advance(ts);
      const current = cache.get(orderId);
      if (current) {
        try {
          cache.apply(orderEvent(current, "OrderPendingCancel", clock.now(), {}));
        } catch {
          // closed at the caller: the venue still answers (CancelRejected)
        }
      }
      const command: CancelOrder = {
        type: "CancelOrder",
        strategyId: current?.strategyId ?? "default",
        instrumentId: current?.instrumentId ?? defaultInstrument,
        ts: clock.now(),
        orderId,
      };
      venue.cancel(command);
    },
    bar(
      ts: number,
      [open, high, low, close, volume = 1_000_000]: BarInput,
      instrumentId = defaultInstrument,
    ) {
      advance(ts);
      venue.process({ kind: "bar", instrumentId, ts, open, high, low, close, volume });
    },
    quote(
      ts: number,
      bid: number,
      ask: number,
      bidSize = 1_000_000,
      askSize = 1_000_000,
      instrumentId = defaultInstrument,
    ) {
      advance(ts);
      venue.process({ kind: "quote", instrumentId, ts, bid, ask, bidSize, askSize });
    },
    trade(
      ts: number,
      price: number,
      size: number,
      aggressor: "BUYER" | "SELLER" | "NONE" = "NONE",
      instrumentId = defaultInstrument,
    ) {
      advance(ts);
      venue.process({ kind: "trade", instrumentId, ts, price, size, aggressor });
    },
    /** Every report as one readable line: `OrderFilled o1 BUY 100 @ 3.5 TAKER T-1`. */
    log(): string[] {
      return reports.map(describe);
    },
    /** Only the fills: `o1 BUY 100 @ 3.5 TAKER`. */
    fills(): string[] {
      return reports
        .filter((r) => r.type === "OrderFilled")
        .map((r) => `${r.orderId} ${r.side} ${r.quantity.toFixed()} @ ${r.price.toFixed()} ${r.liquidity}`);
    },
    /** Reports of one order, described. */
    of(orderId: string): string[] {
      return reports.filter((r) => r.orderId === orderId).map(describe);
    },
    status(orderId: string) {
      return cache.get(orderId)?.status;
    },
  };
}

export function describe(r: ExecutionReport): string {
  switch (r.type) {
    case "OrderFilled":
      return `OrderFilled ${r.orderId} ${r.side} ${r.quantity.toFixed()} @ ${r.price.toFixed()} ${r.liquidity} ${r.tradeId}${r.commission.isZero() ? "" : ` fee ${r.commission.toFixed()}`}`;
    case "OrderAccepted":
      return `OrderAccepted ${r.orderId} ${r.venueOrderId}`;
    case "OrderUpdated": {
      const parts = [
        r.quantity ? `quantity ${r.quantity.toFixed()}` : null,
        r.price ? `price ${r.price.toFixed()}` : null,
        r.triggerPrice ? `trigger ${r.triggerPrice.toFixed()}` : null,
      ].filter((p) => p !== null);
      return `OrderUpdated ${r.orderId} ${parts.join(" ")}`;
    }
    case "OrderRejected":
    case "OrderModifyRejected":
    case "OrderCancelRejected":
    case "OrderFailed":
      return `${r.type} ${r.orderId}: ${r.reason}`;
    case "OrderCanceled":
      return `OrderCanceled ${r.orderId}${r.reason === null ? "" : `: ${r.reason}`}`;
    default:
      return `${r.type} ${r.orderId}`;
  }
}

/** Applies a report list to fresh copies (to check the venue's own view). */
export function replay(order: Order, reports: readonly ExecutionReport[]): Order {
  let o = order;
  for (const r of reports) if (r.orderId === order.id) o = applyEvent(o, r);
  return o;
}

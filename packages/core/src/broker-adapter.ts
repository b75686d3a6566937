import type { Observable } from "rxjs";
import type { CancelOrder, ModifyOrder } from "./commands.js";
import type { Decimal } from "./decimal.js";
import type { ContingencyType, OrderSide, OrderType, TimeInForce } from "./enums.js";
import type { OrderEventOf } from "./events.js";
import type { Order } from "./order.js";
import type { AccountBalance } from "./portfolio-events.js";
import type { UnixMillis } from "./time.js";

/**
 * The broker adapter interface, version 1 (DESIGN.md section 8). Every venue (the simulated venue,
 * paper, ccxt, FIX, ...) implements it, so everything above it runs unchanged in a backtest, on paper and
 * live. Breaking changes bump `BROKER_ADAPTER_API_VERSION` and ship beside the old version for a while.
 */
export const BROKER_ADAPTER_API_VERSION = 1 as const;

/** What the venue does natively; the engine's emulator handles the rest locally. */
export interface VenueCapabilities {
  readonly orderTypes: readonly OrderType[];
  readonly timeInForce: readonly TimeInForce[];
  readonly contingencies: readonly ContingencyType[];
  readonly modify: boolean;
  readonly reduceOnly: boolean;
  readonly postOnly: boolean;
  readonly displayQuantity: boolean;
}

/** The venue's side of an order's life: every event an adapter may report. */
export type ExecutionReport = OrderEventOf<
  | "OrderSubmitted"
  | "OrderAccepted"
  | "OrderRejected"
  | "OrderTriggered"
  | "OrderUpdated"
  | "OrderModifyRejected"
  | "OrderCanceled"
  | "OrderCancelRejected"
  | "OrderExpired"
  | "OrderFilled"
  | "OrderFailed"
>;

/** An open order as the venue sees it, for reconciliation after a restart. */
export interface VenueOrderSnapshot {
  readonly orderId: string;
  readonly venueOrderId: string;
  readonly instrumentId: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly quantity: Decimal;
  readonly filledQuantity: Decimal;
  readonly price: Decimal | null;
  readonly triggerPrice: Decimal | null;
}

export interface VenuePositionSnapshot {
  readonly instrumentId: string;
  /** Signed: + long, − short. */
  readonly quantity: Decimal;
  readonly avgOpenPrice: Decimal;
}

export interface VenueSnapshot {
  readonly ts: UnixMillis;
  readonly openOrders: readonly VenueOrderSnapshot[];
  readonly positions: readonly VenuePositionSnapshot[];
  readonly balances: readonly AccountBalance[];
}

export interface BrokerAdapter {
  readonly apiVersion: typeof BROKER_ADAPTER_API_VERSION;
  /** The venue code instruments carry after the dot (`XNAS`, `BINANCE`, `SIM`). */
  readonly venue: string;
  readonly capabilities: VenueCapabilities;

  connect(): Promise<void>;
  disconnect(): Promise<void>;
  readonly isConnected: boolean;

  /**
   * Sends orders. Answers arrive on `reports` (OrderAccepted / OrderRejected, then fills, ...); a delivery
   * failure that the venue confirms is reported as OrderFailed. Methods never throw for venue refusals.
   */
  submit(order: Order): void;
  /** Sends linked orders together (a bracket, an OCO group) when the venue takes lists. */
  submitList(orders: readonly Order[]): void;
  modify(command: ModifyOrder): void;
  cancel(command: CancelOrder): void;

  /** Every execution report, in the order the venue produced them. */
  readonly reports: Observable<ExecutionReport>;

  /** Open orders, positions and balances as the venue knows them, for reconciliation. */
  snapshot(): Promise<VenueSnapshot>;
}

import type { Decimal } from "./decimal.js";
import type { OrderSpec } from "./order.js";
import type { UnixMillis } from "./time.js";

/** Commands go from strategies to the order manager, then down the path to the venue. */
interface CommandBase {
  readonly strategyId: string;
  readonly instrumentId: string;
  readonly ts: UnixMillis;
}

export interface SubmitOrder extends CommandBase {
  readonly type: "SubmitOrder";
  readonly order: OrderSpec;
}

/** Several orders submitted together (a bracket, an OCO pair): all are accepted for routing or none. */
export interface SubmitOrderList extends CommandBase {
  readonly type: "SubmitOrderList";
  readonly orders: readonly OrderSpec[];
}

export interface ModifyOrder extends CommandBase {
  readonly type: "ModifyOrder";
  readonly orderId: string;
  readonly quantity: Decimal | null;
  readonly price: Decimal | null;
  readonly triggerPrice: Decimal | null;
}

export interface CancelOrder extends CommandBase {
  readonly type: "CancelOrder";
  readonly orderId: string;
}

export interface CancelAllOrders extends Omit<CommandBase, "instrumentId"> {
  readonly type: "CancelAllOrders";
  /** Only this instrument's orders; all instruments when null. */
  readonly instrumentId: string | null;
}

export type TradingCommand = SubmitOrder | SubmitOrderList | ModifyOrder | CancelOrder | CancelAllOrders;
export type TradingCommandType = TradingCommand["type"];

import type {
  BracketInput,
  Clock,
  Decimal,
  DecimalLike,
  Instrument,
  Order,
  OrderEvent,
  OrderEventOf,
  OrderEventType,
  OrderFilled,
  OrderStatus,
  TimeInForce,
  TrailingOffsetType,
} from "@ordo/core";
import type { Observable } from "rxjs";
import type { DateRule, TimeRule } from "./schedule.js";

/** Zipline-style order style: market (default), limit, stop or stop-limit. */
export interface OrderStyleOptions {
  readonly limitPrice?: DecimalLike;
  readonly stopPrice?: DecimalLike;
  readonly timeInForce?: TimeInForce;
  readonly tags?: readonly string[];
}

export interface CommonOrderFields {
  readonly instrumentId: string;
  readonly side: "BUY" | "SELL";
  readonly quantity: DecimalLike;
  readonly id?: string;
  readonly timeInForce?: TimeInForce;
  readonly expireAt?: string | number;
  readonly reduceOnly?: boolean;
  readonly tags?: readonly string[];
}

export interface TrailingStopFields extends CommonOrderFields {
  readonly offsetType: TrailingOffsetType;
  readonly offset: DecimalLike;
  /** With a limit offset the order is a TRAILING_STOP_LIMIT, else a TRAILING_STOP_MARKET. */
  readonly limitOffset?: DecimalLike;
  readonly activationPrice?: DecimalLike;
  /** Initial trigger; computed from the market when absent. */
  readonly triggerPrice?: DecimalLike;
}

export interface OrderQueryOptions {
  readonly instrumentId?: string;
  readonly status?: OrderStatus | readonly OrderStatus[];
  /** Orders created at or after this time (epoch ms or ISO). */
  readonly from?: number | string;
  /** Orders created before this time. */
  readonly to?: number | string;
  /** At most this many, newest first. */
  readonly limit?: number;
}

export interface OrderChange {
  readonly price?: DecimalLike;
  readonly triggerPrice?: DecimalLike;
  readonly quantity?: DecimalLike;
}

/** Defaults applied to every order placed through it; `place` takes the rest. */
export interface OrderTemplate {
  readonly defaults: Readonly<Record<string, unknown>>;
  place(fields: Readonly<Record<string, unknown>>): Order;
}

/** The order-manager style API (`ctx.orders`). Every place* returns the order as created (INITIALIZED or DENIED). */
export interface OrdersApi {
  placeMarket(fields: CommonOrderFields): Order;
  placeLimit(
    fields: CommonOrderFields & { price: DecimalLike; postOnly?: boolean; displayQuantity?: DecimalLike },
  ): Order;
  placeStop(fields: CommonOrderFields & { triggerPrice: DecimalLike }): Order;
  placeStopLimit(fields: CommonOrderFields & { triggerPrice: DecimalLike; price: DecimalLike }): Order;
  placeTrailingStop(fields: TrailingStopFields): Order;
  /** Any order request (all fields of core's OrderRequest). */
  place(request: Readonly<Record<string, unknown>>): Order;
  /** Two or more orders linked one-cancels-other. */
  placeOco(requests: readonly Readonly<Record<string, unknown>>[]): Order[];
  /** Entry + stop-loss + take-profit (core's buildBracket input without strategyId). */
  placeBracket(input: Omit<BracketInput, "strategyId">): { entry: Order; stopLoss: Order; takeProfit: Order };
  /** Closes the strategy's position in the instrument: a reduce-only MARKET (or LIMIT with `price`). Null when flat. */
  placePositionExit(
    instrumentId: string,
    options?: { price?: DecimalLike; tags?: readonly string[] },
  ): Order | null;
  /**
   * Sends a change of a working order. True when it went out (or was applied to an order held locally);
   * false when nothing was sent: the order is already closed (a warning goes to the log), or the risk
   * engine refused the change (an OrderModifyRejected follows). An id this strategy never placed throws.
   */
  modify(orderId: string, change: OrderChange): boolean;
  /**
   * Cancels a working order. True when the cancel went out (or the order, never sent, is canceled); false
   * when there is nothing to cancel: the order is already closed or a cancel is pending. An id this
   * strategy never placed throws.
   */
  cancel(orderId: string): boolean;
  /** `cancel` for each id, after checking them all (an unknown id cancels nothing); what each returned. */
  cancelMany(orderIds: readonly string[]): boolean[];
  /** Cancels every active order of the strategy (in one instrument when given). */
  cancelAll(instrumentId?: string): void;
  get(orderId: string): Order | undefined;
  query(options?: OrderQueryOptions): Order[];
  template(defaults: Readonly<Record<string, unknown>>): OrderTemplate;
  /** Every event of this strategy's orders. */
  readonly events$: Observable<OrderEvent>;
  readonly fills$: Observable<OrderFilled>;
  /** Events of one type, typed: `ctx.orders.on("OrderFilled")`. */
  on<T extends OrderEventType>(type: T): Observable<OrderEventOf<T>>;
  /** Events of one order. */
  eventsFor(orderId: string): Observable<OrderEvent>;
}

/** One position as Zipline shows it. */
export interface PositionView {
  readonly instrumentId: string;
  /** Signed quantity (Zipline's `amount`). */
  readonly amount: Decimal;
  /** Average open price (Zipline's `cost_basis`). */
  readonly costBasis: Decimal;
  /** Latest price (Zipline's `last_sale_price`). */
  readonly lastSalePrice: Decimal | null;
}

export interface PortfolioApi {
  readonly cash: Decimal;
  /** Cash + positions' value. */
  readonly portfolioValue: Decimal;
  readonly positionsValue: Decimal;
  readonly startingCash: Decimal;
  /** Open positions by instrument. */
  readonly positions: ReadonlyMap<string, PositionView>;
  /** Signed quantity held in an instrument (0 when flat). */
  position(instrumentId: string): Decimal;
}

export interface DataApi {
  /**
   * Latest value of a field (bars: open/high/low/close/volume; quotes: bid/ask/...; trades: price/size);
   * in a backtest with a start, the last row before it until the instrument's first event; NaN before any.
   */
  current(instrumentId: string, field: string): number;
  /**
   * The last `n` values up to now, oldest first (fewer at the start), reaching back before a backtest's
   * start when the data has rows there. Never a future value. A new array on every call: the strategy may
   * sort or change it without touching the data.
   */
  history(instrumentId: string, field: string, n: number): Float64Array;
  /** Whether the instrument has had an event in this run (a price to size orders by). */
  canTrade(instrumentId: string): boolean;
}

export interface StrategyLog {
  debug(message: string, fields?: Readonly<Record<string, unknown>>): void;
  info(message: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
}

/** What every strategy hook receives. */
export interface StrategyContext<Params = Record<string, unknown>> {
  readonly strategyId: string;
  readonly params: Params;
  readonly clock: Pick<Clock, "now">;
  /** Current event time (epoch ms). */
  now(): number;

  // Zipline style. Amounts are signed (+ buy, − sell); quantities are rounded toward zero to the lot.
  order(instrumentId: string, amount: DecimalLike, style?: OrderStyleOptions): Order | null;
  orderValue(instrumentId: string, value: DecimalLike, style?: OrderStyleOptions): Order | null;
  orderPercent(instrumentId: string, percent: DecimalLike, style?: OrderStyleOptions): Order | null;
  orderTarget(instrumentId: string, target: DecimalLike, style?: OrderStyleOptions): Order | null;
  orderTargetValue(instrumentId: string, value: DecimalLike, style?: OrderStyleOptions): Order | null;
  orderTargetPercent(instrumentId: string, percent: DecimalLike, style?: OrderStyleOptions): Order | null;
  getOpenOrders(instrumentId?: string): Order[];
  getOrder(orderId: string): Order | undefined;
  /** The instrument's definition (tick size, lot size, multiplier, ...); throws for an unknown id. */
  instrument(instrumentId: string): Instrument;
  /** As `orders.cancel`: true when a cancel went out, false for an order already closed. */
  cancelOrder(order: string | Order): boolean;
  schedule(dateRule: DateRule, timeRule: TimeRule, fn: (ctx: StrategyContext<Params>) => void): void;
  record(values: Readonly<Record<string, number | Decimal>>): void;
  readonly data: DataApi;
  readonly portfolio: PortfolioApi;
  readonly log: StrategyLog;

  // Order-manager style.
  readonly orders: OrdersApi;
}

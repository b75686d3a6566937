import type { Bar, Decimal, Instrument, LiquiditySide, MarketData, OrderSide, QuoteTick } from "@ordo/core";

/**
 * The contracts between the simulated venue and its cost and realism models. Each model is a small
 * class with one job and documented defaults (docs/execution-models.md); the venue calls them, never the
 * other way round. Models may keep state (rolling volume, volatility, cumulative notional) through
 * `observe`, which the venue calls with every market data event of the instrument before matching.
 */

/** What the venue knows when it prices one aggressive fill. */
export interface SlippageContext {
  readonly instrument: Instrument;
  readonly side: OrderSide;
  /** The price the fill would get without slippage: the path price (open, trigger, close) or the touch. */
  readonly basePrice: Decimal;
  /** Quantity of this fill (already capped by the volume limit). */
  readonly quantity: Decimal;
  /** Quantity already filled for this instrument in the current bar, before this fill (FIFO volume share). */
  readonly filledThisBar: Decimal;
  /** The bar being matched, when fills come from bars. */
  readonly bar: Bar | null;
  /** The latest quote for the instrument, when there is one. */
  readonly quote: QuoteTick | null;
}

export interface SlippageModel {
  /** Short name for reports, e.g. "volume-share". */
  readonly name: string;
  /**
   * Cap on the quantity fillable per bar for one instrument, across all its orders, as a fraction of
   * the bar's volume (0.025 = 2.5%); null = no cap (a zero-volume bar still fills).
   */
  readonly volumeLimit: Decimal | null;
  /**
   * The price of an aggressive (taker) fill: market orders, stops, and limits marketable at arrival.
   * Passive limit fills at their limit price do not call it. The venue never lets the result of this
   * model make a limit order fill worse than its limit.
   */
  price(context: SlippageContext): Decimal;
  /** Sees every market data event of an instrument before matching (rolling statistics). */
  observe?(data: MarketData): void;
}

/** What the venue knows when it charges one fill. */
export interface CommissionContext {
  readonly instrument: Instrument;
  readonly orderId: string;
  readonly side: OrderSide;
  readonly price: Decimal;
  readonly quantity: Decimal;
  readonly liquidity: LiquiditySide;
  /** The order's total quantity. */
  readonly orderQuantity: Decimal;
  /** Filled on this order before this fill. */
  readonly orderFilledBefore: Decimal;
  /** Commission already charged on this order before this fill. */
  readonly orderCommissionBefore: Decimal;
}

export interface CommissionModel {
  readonly name: string;
  /** The commission of one fill, in the instrument's currency (>= 0; a maker rebate may be < 0). */
  commission(context: CommissionContext): Decimal;
}

/** Delay between an order (or modify / cancel) being sent and the venue seeing it. */
export interface LatencyModel {
  readonly name: string;
  /** Milliseconds for the next message. Seeded models give the same sequence for the same seed. */
  delayMs(): number;
}

/**
 * Whether a limit order fills when the price only touches its limit (reaches it, does not trade
 * through). Default: always. Seeded probabilistic models give the same answers for the same seed.
 */
export interface TouchFillModel {
  readonly name: string;
  fillsOnTouch(): boolean;
}

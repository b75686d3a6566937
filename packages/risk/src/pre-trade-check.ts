import type { Decimal, Instrument, Order, OrderSpec, TradingState, UnixMillis } from "@ordo/core";
import type { CheckDenial } from "./decision.js";
import type { ReferencePriceSource } from "./exposure.js";
import type { InstrumentLimits, RiskConfig } from "./risk-config.js";
import type { RiskPortfolioView } from "./risk-portfolio-view.js";

/** The order a check judges: a new order, or an open order as it would be after a modify. */
export interface ProposedOrder {
  readonly action: "submit" | "modify";
  /** The order's spec; for a modify, with the new quantity and prices. */
  readonly order: OrderSpec;
  /** For a modify, the order before the change; null for a submit. */
  readonly previous: Order | null;
  /** What can still fill: the quantity for a submit, the new quantity minus what already filled for a modify. */
  readonly workingQuantity: Decimal;
}

/** Everything a check may need, computed once per order. Prices and quantities are Decimal. */
export interface CheckContext {
  readonly now: UnixMillis;
  readonly instrument: Instrument;
  readonly portfolio: RiskPortfolioView;
  readonly config: RiskConfig;
  /** The limits in force for this instrument (its `perInstrument` overrides, else the defaults). */
  readonly limits: InstrumentLimits;
  readonly tradingState: TradingState;
  /** Net signed position before the order (+ long, − short). */
  readonly position: Decimal;
  /** Net signed position if the working quantity fills. */
  readonly positionAfter: Decimal;
  /** The part of the working quantity that adds exposure (0 for a reducing order; the excess for a flip). */
  readonly openingQuantity: Decimal;
  /** True when the order only reduces the position (opposite side, no larger than the position). */
  readonly reducesExposure: boolean;
  readonly lastPrice: Decimal | null;
  /**
   * What a market order on the order's side would trade at: the latest quote's ask for a buy, its bid for
   * a sell, when the portfolio view knows it (`RiskPortfolioView.marketPrice`), else `lastPrice`.
   */
  readonly marketPrice: Decimal | null;
  /** The price the order would trade at: its limit, else its trigger, else `marketPrice`. */
  readonly referencePrice: Decimal | null;
  /** Where `referencePrice` comes from (null when there is none), so a message can name it: "ask 1.1003". */
  readonly referencePriceSource: ReferencePriceSource | null;
  /** referencePrice × workingQuantity × multiplier, in the instrument's currency; null without a price. */
  readonly notional: Decimal | null;
}

/**
 * A pre-trade check. Return null to let the order pass, or a denial with a stable code and a message
 * that says what was wrong, the limit and the value. Checks must not mutate anything: the engine may
 * run them for orders that are then refused by a later check.
 *
 * ```ts
 * const noFridayShorts: PreTradeCheck = {
 *   name: "no-friday-shorts",
 *   check: ({ order }, ctx) =>
 *     order.side === "SELL" && ctx.positionAfter.isNegative() && new Date(ctx.now).getUTCDay() === 5
 *       ? deny("NO_FRIDAY_SHORTS", `short ${order.instrumentId} refused on a Friday`)
 *       : null,
 * };
 * ```
 */
export interface PreTradeCheck {
  readonly name: string;
  check(order: ProposedOrder, context: CheckContext): CheckDenial | null;
}

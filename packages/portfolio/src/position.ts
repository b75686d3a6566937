import {
  Decimal,
  type DecimalLike,
  type PositionSide,
  type PositionSnapshot,
  parseDecimal,
  type UnixMillis,
  ZERO,
} from "@ordo/core";
import {
  compare,
  exactProduct,
  minus,
  NEGATIVE_ZERO,
  plus,
  plusPnl,
  times,
  timesMultiplier,
} from "./exact-shortcuts.js";

/**
 * Decimal places of the cost released by a partial close (cost × closed / open). The quotient can use
 * all 40 significant digits of core's Decimal, and then the remaining cost would round; at 12 places
 * (far below any currency's smallest unit) the remaining cost and every later sum stay exact, so
 * realized + unrealized PnL always add up to what was paid and received, and the numbers stay short.
 */
const RELEASED_COST_DECIMALS = 12;

/** The direction a position was opened in; it never changes (a netting flip opens a new position). */
export type PositionDirection = "LONG" | "SHORT";

/** Where a position reads the mark it values itself at. */
export interface MarkSource {
  mark(instrumentId: string): Decimal | null;
}

/**
 * An open or closed position, read-only. The portfolio (or a PositionManager) changes it only by fills;
 * reading it always shows the current state, and `unrealizedPnl` uses the instrument's latest mark.
 */
export interface Position {
  readonly id: string;
  readonly instrumentId: string;
  readonly strategyId: string;
  /** The currency prices and PnL are in: the instrument's quote currency. */
  readonly currency: string;
  readonly multiplier: Decimal;
  /** LONG or SHORT while open; FLAT once closed. */
  readonly side: PositionSide;
  readonly direction: PositionDirection;
  /** Signed: + long, − short, 0 when closed. */
  readonly quantity: Decimal;
  /** Quantity-weighted average price of the quantity still open (the last one, once closed). */
  readonly avgOpenPrice: Decimal;
  /** Realized PnL so far, before commissions. */
  readonly realizedPnl: Decimal;
  /** Unrealized PnL at the latest mark (0 when closed or before any price). */
  readonly unrealizedPnl: Decimal;
  /** Commissions charged in the position's currency, opening fills included. */
  readonly commissions: Decimal;
  readonly openedAt: UnixMillis;
  readonly closedAt: UnixMillis | null;
  readonly isOpen: boolean;
  readonly stopLoss: Decimal | null;
  readonly takeProfit: Decimal | null;
  /** Why it was closed, when the closing fill said so ("stop-loss", "take-profit", ...). */
  readonly exitReason: string | null;
  /** Whether `price` has reached the stop-loss: at or below it for a long, at or above it for a short. */
  shouldStopLoss(price: DecimalLike): boolean;
  /** Whether `price` has reached the take-profit: at or above it for a long, at or below it for a short. */
  shouldTakeProfit(price: DecimalLike): boolean;
  /** Unrealized PnL if the mark were `price`. */
  unrealizedPnlAt(price: DecimalLike): Decimal;
  /** The position as core's PositionSnapshot (what PositionEvents carry). */
  snapshot(): PositionSnapshot;
}

/**
 * The mutable record behind a Position. Not exported from the package: only the portfolio changes it,
 * through `add` and `reduce`, so its fields always agree with the ledger.
 *
 * The open quantity's cost is kept as a sum (`costBasis` = Σ quantity × price) rather than as an average
 * price, so that closing releases exactly what was paid and realized + unrealized PnL add up to the cent.
 */
export class PositionRecord implements Position {
  readonly id: string;
  readonly instrumentId: string;
  readonly strategyId: string;
  readonly currency: string;
  readonly multiplier: Decimal;
  readonly direction: PositionDirection;
  /** The order whose fill opened it: later fills of that order add to it in hedging mode. */
  readonly openingOrderId: string;
  /** Creation order across the portfolio: FIFO order for hedging closes. */
  readonly sequence: number;
  readonly openedAt: UnixMillis;
  readonly #marks: MarkSource;

  absQuantity: Decimal = ZERO;
  costBasis: Decimal = ZERO;
  realizedPnl: Decimal = ZERO;
  commissions: Decimal = ZERO;
  closedAt: UnixMillis | null = null;
  stopLoss: Decimal | null = null;
  takeProfit: Decimal | null = null;
  exitReason: string | null = null;
  lastTradeId = "";
  /**
   * Totals over the position's life, for the round-trip record. Until the first reduction they equal the
   * open quantity and cost (the same sums of the same fills), so they are kept apart only from then on.
   */
  #openedQuantity: Decimal | null = null;
  #openedNotional: Decimal | null = null;
  closedQuantity: Decimal = ZERO;
  closedNotional: Decimal = ZERO;
  #avgAtClose: Decimal = ZERO;
  /**
   * Prices known without a division: while one fill made the open quantity (and quantity × price was
   * exact), cost / quantity is that fill's price; likewise the entry and exit averages of a position
   * opened by one fill and closed by one. Null when unknown.
   */
  #avgKnown: Decimal | null = null;
  #entryKnown: Decimal | null = null;
  #exitKnown: Decimal | null = null;
  #adds = 0;
  #reductions = 0;

  constructor(fields: {
    id: string;
    instrumentId: string;
    strategyId: string;
    currency: string;
    multiplier: Decimal;
    direction: PositionDirection;
    openingOrderId: string;
    sequence: number;
    openedAt: UnixMillis;
    marks: MarkSource;
  }) {
    this.id = fields.id;
    this.instrumentId = fields.instrumentId;
    this.strategyId = fields.strategyId;
    this.currency = fields.currency;
    this.multiplier = fields.multiplier;
    this.direction = fields.direction;
    this.openingOrderId = fields.openingOrderId;
    this.sequence = fields.sequence;
    this.openedAt = fields.openedAt;
    this.#marks = fields.marks;
  }

  get openedQuantity(): Decimal {
    return this.#openedQuantity ?? this.absQuantity;
  }

  get openedNotional(): Decimal {
    return this.#openedNotional ?? this.costBasis;
  }

  get isOpen(): boolean {
    return this.closedAt === null;
  }

  get side(): PositionSide {
    return this.isOpen ? this.direction : "FLAT";
  }

  get quantity(): Decimal {
    return this.direction === "LONG" ? this.absQuantity : this.absQuantity.neg();
  }

  get avgOpenPrice(): Decimal {
    if (this.absQuantity.isZero()) return this.#avgAtClose;
    return this.#avgKnown ?? this.costBasis.div(this.absQuantity);
  }

  /** The round trip's average entry price when known without dividing (see #avgKnown), else null. */
  get knownEntryPrice(): Decimal | null {
    return this.#entryKnown;
  }

  /** The round trip's average exit price when known without dividing, else null. */
  get knownExitPrice(): Decimal | null {
    return this.#exitKnown;
  }

  get unrealizedPnl(): Decimal {
    if (!this.isOpen) return ZERO;
    const mark = this.#marks.mark(this.instrumentId);
    return mark === null ? ZERO : this.#unrealizedAt(mark);
  }

  unrealizedPnlAt(price: DecimalLike): Decimal {
    return this.isOpen ? this.#unrealizedAt(parseDecimal(price, { field: "price" })) : ZERO;
  }

  #unrealizedAt(mark: Decimal): Decimal {
    // Marked at the one fill's own price: quantity × mark is the cost itself, so the gain is 0.
    if (mark === this.#avgKnown) return this.direction === "LONG" ? ZERO : NEGATIVE_ZERO;
    const gain = timesMultiplier(this.absQuantity.times(mark).minus(this.costBasis), this.multiplier);
    return this.direction === "LONG" ? gain : gain.neg();
  }

  shouldStopLoss(price: DecimalLike): boolean {
    if (!this.isOpen || this.stopLoss === null) return false;
    const p = parseDecimal(price, { field: "price" });
    return this.direction === "LONG" ? p.lte(this.stopLoss) : p.gte(this.stopLoss);
  }

  shouldTakeProfit(price: DecimalLike): boolean {
    if (!this.isOpen || this.takeProfit === null) return false;
    const p = parseDecimal(price, { field: "price" });
    return this.direction === "LONG" ? p.gte(this.takeProfit) : p.lte(this.takeProfit);
  }

  /** Adds `quantity` bought (long) or sold (short) at `price`; `notional` is quantity × price. */
  add(
    quantity: Decimal,
    price: Decimal,
    commission: Decimal,
    tradeId: string,
    notional: Decimal = times(quantity, price),
  ): void {
    const fresh = this.#adds === 0;
    this.absQuantity = plus(this.absQuantity, quantity);
    this.costBasis = plus(this.costBasis, notional);
    if (this.#openedQuantity !== null) {
      this.#openedQuantity = this.#openedQuantity.plus(quantity);
      this.#openedNotional = this.#openedNotional!.plus(notional);
    }
    this.commissions = plus(this.commissions, commission);
    this.lastTradeId = tradeId;
    this.#adds += 1;
    const single = fresh && exactProduct(quantity, price) && !price.isZero();
    this.#avgKnown = single ? price : null;
    this.#entryKnown = single ? price : null;
  }

  /**
   * Closes `quantity` (at most the open quantity) at `price` and returns the realized PnL of this fill:
   * (exit notional − the cost released) × multiplier, negated for a short. Closing all of it releases
   * the whole remaining cost, so nothing is left behind by rounding.
   */
  reduce(
    quantity: Decimal,
    price: Decimal,
    commission: Decimal,
    tradeId: string,
    ts: UnixMillis,
    exitReason: string | null,
    exitNotional: Decimal = times(quantity, price),
  ): Decimal {
    if (this.#openedQuantity === null) {
      this.#openedQuantity = this.absQuantity;
      this.#openedNotional = this.costBasis;
    }
    const closesAll = compare(quantity, this.absQuantity) === 0;
    const released = closesAll
      ? this.costBasis
      : this.costBasis
          .times(quantity)
          .div(this.absQuantity)
          .toDecimalPlaces(RELEASED_COST_DECIMALS, Decimal.ROUND_HALF_EVEN);
    const gain = timesMultiplier(minus(exitNotional, released), this.multiplier);
    const realized = this.direction === "LONG" ? gain : gain.neg();
    if (closesAll) {
      this.#avgAtClose = this.avgOpenPrice;
      this.absQuantity = ZERO;
      this.costBasis = ZERO;
      this.closedAt = ts;
      this.exitReason = exitReason;
    } else {
      this.absQuantity = minus(this.absQuantity, quantity);
      this.costBasis = this.costBasis.minus(released);
      this.#avgKnown = null; // the released cost is rounded: the rest may no longer average the price
    }
    this.#reductions += 1;
    this.#exitKnown =
      this.#reductions === 1 && closesAll && exactProduct(quantity, price) && !price.isZero() ? price : null;
    this.realizedPnl = plusPnl(this.realizedPnl, realized);
    this.commissions = plus(this.commissions, commission);
    this.closedQuantity = plus(this.closedQuantity, quantity);
    this.closedNotional = plus(this.closedNotional, exitNotional);
    this.lastTradeId = tradeId;
    return realized;
  }

  snapshot(): PositionSnapshot {
    return {
      positionId: this.id,
      instrumentId: this.instrumentId,
      strategyId: this.strategyId,
      side: this.side,
      quantity: this.quantity,
      avgOpenPrice: this.avgOpenPrice,
      realizedPnl: this.realizedPnl,
      unrealizedPnl: this.unrealizedPnl,
      commissions: this.commissions,
      currency: this.currency,
      openedAt: this.openedAt,
    };
  }
}

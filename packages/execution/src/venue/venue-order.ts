import {
  type Decimal,
  type Instrument,
  type Order,
  type OrderEvent,
  type OrderStatus,
  type OrderType,
  ZERO,
} from "@ordo/core";
import { ClosedOrder } from "./closed-order.js";
import type { InstrumentBook } from "./instrument-book.js";
import { OrderCopy } from "./order-copy.js";
import type { TradingSession } from "./session-calendar.js";

/**
 * How a working order meets the price right now:
 * - "market": fills at the price it meets (market, a triggered stop / touch market, an unconverted MTL);
 * - "limit": buy at or below / sell at or above its limit (limit, triggered stop-limit / LIT / TSL, MTL rest);
 * - "stop": waits for buy >= / sell <= its trigger; "touch": waits for buy <= / sell >= its trigger.
 */
export type MatchMode = "market" | "limit" | "stop" | "touch";

/**
 * The venue's record of one order: the state matching needs, kept in mutable fields (status, quantity,
 * prices, filled and leaves), plus the order as it arrived and the events reported since, from which
 * `order` builds the venue's full copy with core's applyEvent only when someone asks for it.
 */
export class VenueOrder {
  /** The order as it arrived (its status may still be INITIALIZED): its fixed fields (id, side, type...) never change. */
  readonly spec: Order;
  status: OrderStatus;
  quantity: Decimal;
  price: Decimal | null;
  triggerPrice: Decimal | null;
  isTriggered: boolean;
  filledQuantity: Decimal;
  leavesQuantity: Decimal;
  venueOrderId: string | null;
  readonly #copy: OrderCopy;
  readonly instrument: Instrument;
  readonly book: InstrumentBook;
  /** Arrival order at the venue: time priority for matching and volume. */
  seq: number;
  /** When the order reached the venue; it meets only bars closing after this time. */
  readonly arrivalTs: number;
  /** In the matching book. False for an OTO child waiting for its parent's fill. */
  active = false;
  /** Has not met a market price since it started working (or was modified): marketable now = taker. */
  fresh = true;
  /** A stop / touch / trailing market order whose trigger was reached but that has not filled (volume). */
  marketTriggered = false;
  /** A trailing order with an activation price trails (and triggers) only once the market reaches it. */
  trailingActive: boolean;
  /** DAY: the session close; GTD: expireAt; AT_THE_OPEN / AT_THE_CLOSE: their session's close. */
  expireAt: number | null = null;
  /** AT_THE_OPEN / AT_THE_CLOSE: the session of the auction. */
  session: TradingSession | null = null;
  /** Commission charged on this order so far (per-order minimums and once-per-order fees read it). */
  commissionTotal: Decimal = ZERO;
  /** Fill cycle (one bar, quote or trade of the instrument) and quantity filled in it (icebergs). */
  cycle = -1;
  cycleFilled: Decimal = ZERO;
  /** The fill cycle in which the touch-fill model said no: the order sits out the rest of it. */
  touchDeclinedCycle = -1;
  /** OTO child: quantity asked for, whether the parent released it, and the quantity released so far. */
  plannedQuantity: Decimal;
  released = false;
  granted: Decimal = ZERO;
  /** Scratch for the bar walk: the price at which the order is hit in the current segment. */
  hitLevel: Decimal | null = null;
  /** Scratch: the hit is at the start of the segment (the order is marketable on arrival there). */
  hitAtStart = false;
  /** The level whose number is cached, and that number (see numberOf). */
  #numbered: Decimal | null = null;
  #number = 0;

  constructor(
    order: Order,
    instrument: Instrument,
    book: InstrumentBook,
    seq: number,
    arrivalTs: number,
    submittedAt: number | null,
  ) {
    this.spec = order;
    this.#copy = new OrderCopy(order, submittedAt);
    this.status = submittedAt === null ? order.status : "SUBMITTED";
    this.quantity = order.quantity;
    this.price = order.price;
    this.triggerPrice = order.triggerPrice;
    this.isTriggered = order.isTriggered;
    this.filledQuantity = order.filledQuantity;
    this.leavesQuantity = order.leavesQuantity;
    this.venueOrderId = order.venueOrderId;
    this.instrument = instrument;
    this.book = book;
    this.seq = seq;
    this.arrivalTs = arrivalTs;
    this.plannedQuantity = order.quantity;
    this.trailingActive = order.trailing?.activationPrice == null;
  }

  get id(): string {
    return this.spec.id;
  }

  /** The venue's copy of the order, as core's applyEvent makes it from the reported events (built on demand). */
  get order(): Order {
    return this.#copy.order;
  }

  /** Records a reported event for `order` (the caller has already moved the mutable state). */
  record(event: OrderEvent): void {
    this.#copy.record(event);
  }

  /** What the venue keeps once the order is closed. */
  closed(): ClosedOrder {
    return new ClosedOrder(this, this.#copy);
  }

  /** Still able to fill: not terminal at the venue (the venue's copy is never HELD, DENIED or pending). */
  get isWorking(): boolean {
    return isWorkingStatus(this.status);
  }

  get isAuction(): boolean {
    const tif = this.spec.timeInForce;
    return tif === "AT_THE_OPEN" || tif === "AT_THE_CLOSE";
  }

  get isImmediate(): boolean {
    const tif = this.spec.timeInForce;
    return tif === "IOC" || tif === "FOK";
  }

  get mode(): MatchMode {
    return modeOf(this.spec.type, this.price !== null, this.isTriggered || this.marketTriggered);
  }

  /** Which prices satisfy the order now: "below" = price <= level, "above" = price >= level, "any" (market). */
  get direction(): "below" | "above" | "any" {
    const mode = this.mode;
    if (mode === "market") return "any";
    const buy = this.spec.side === "BUY";
    if (mode === "stop") return buy ? "above" : "below";
    return buy ? "below" : "above";
  }

  /**
   * The price level the order waits for: its limit (limit mode) or trigger (stop / touch mode); null in
   * market mode and while it cannot be hit yet (a trailing order before activation or its first trigger).
   */
  get level(): Decimal | null {
    const mode = this.mode;
    if (mode === "market") return null;
    if (mode === "limit") return this.price;
    if (mode === "stop" && !this.trailingActive) return null;
    return this.triggerPrice;
  }

  /** `level.toNumber()`, worked out once per level: matching compares the level with feed numbers first. */
  numberOf(level: Decimal): number {
    if (level !== this.#numbered) {
      this.#numbered = level;
      this.#number = level.toNumber();
    }
    return this.#number;
  }

  /** Quantity still shown in this fill cycle: displayQuantity for icebergs, else everything left. */
  shownQuantity(cycle: number): Decimal {
    const leaves = this.leavesQuantity;
    const display = this.spec.displayQuantity;
    if (display === null) return leaves;
    const used = this.cycle === cycle ? this.cycleFilled : ZERO;
    const shown = display.minus(used);
    return shown.lt(leaves) ? (shown.isNegative() ? ZERO : shown) : leaves;
  }
}

/** Core's isClosed without a Set lookup: the terminal statuses. */
function isWorkingStatus(status: OrderStatus): boolean {
  switch (status) {
    case "DENIED":
    case "REJECTED":
    case "CANCELED":
    case "EXPIRED":
    case "FILLED":
    case "FAILED":
      return false;
    default:
      return true;
  }
}

/** The match mode of an order type, given whether it has a limit price and whether it was triggered. */
function modeOf(type: OrderType, hasPrice: boolean, triggered: boolean): MatchMode {
  switch (type) {
    case "MARKET":
      return "market";
    case "LIMIT":
      return "limit";
    case "MARKET_TO_LIMIT":
      return hasPrice ? "limit" : "market";
    case "STOP_MARKET":
    case "TRAILING_STOP_MARKET":
      return triggered ? "market" : "stop";
    case "MARKET_IF_TOUCHED":
      return triggered ? "market" : "touch";
    case "STOP_LIMIT":
    case "TRAILING_STOP_LIMIT":
      return triggered ? "limit" : "stop";
    case "LIMIT_IF_TOUCHED":
      return triggered ? "limit" : "touch";
  }
}

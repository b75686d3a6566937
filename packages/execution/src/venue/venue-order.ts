import {
  type Decimal,
  type Instrument,
  type Order,
  type OrderEvent,
  type OrderStatus,
  type OrderType,
  ZERO,
} from "@ordo/core";
import { plus } from "../decimal-shortcuts.js";
import { ClosedOrder } from "./closed-order.js";
import type { InstrumentBook } from "./instrument-book.js";
import {
  ACCEPTED_UNAPPLIED,
  appliedCopy,
  type CopyParts,
  type PendingEvents,
  SUBMITTED_UNAPPLIED,
  withEvent,
} from "./order-copy.js";
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
 *
 * Every field is declared (no emitted class field) and set in the constructor: one is made per order, and
 * class field initializers would be a second function per order that defines each field before the
 * constructor writes most of them again.
 */
export class VenueOrder implements CopyParts {
  /** The order as it arrived (its status may still be INITIALIZED): its fixed fields (id, side, type...) never change. */
  declare readonly spec: Order;
  declare status: OrderStatus;
  /** Still able to fill: the status is not terminal (set with the status; the venue's copy is never HELD, DENIED or pending). */
  declare isWorking: boolean;
  declare quantity: Decimal;
  declare price: Decimal | null;
  declare triggerPrice: Decimal | null;
  declare isTriggered: boolean;
  declare filledQuantity: Decimal;
  declare leavesQuantity: Decimal;
  /** The order's venue order id: the spec's, then the one the venue gives it when it accepts it. */
  declare venueOrderId: string | null;
  declare readonly instrument: Instrument;
  declare readonly book: InstrumentBook;
  /** Arrival order at the venue: time priority for matching and volume. */
  declare seq: number;
  /** When the order reached the venue; it meets only bars closing after this time. */
  declare readonly arrivalTs: number;
  /** In the matching book. False for an OTO child waiting for its parent's fill. */
  declare active: boolean;
  /** Has not met a market price since it started working (or was modified): marketable now = taker. */
  declare fresh: boolean;
  /** A stop / touch / trailing market order whose trigger was reached but that has not filled (volume). */
  declare marketTriggered: boolean;
  /** A trailing order with an activation price trails (and triggers) only once the market reaches it. */
  declare trailingActive: boolean;
  /** DAY: the session close; GTD: expireAt; AT_THE_OPEN / AT_THE_CLOSE: their session's close. */
  declare expireAt: number | null;
  /** AT_THE_OPEN / AT_THE_CLOSE: the session of the auction. */
  declare session: TradingSession | null;
  /** Commission charged on this order so far (per-order minimums and once-per-order fees read it). */
  declare commissionTotal: Decimal;
  /** Fill cycle (one bar, quote or trade of the instrument) and quantity filled in it (kept for icebergs only). */
  declare cycle: number;
  declare cycleFilled: Decimal;
  /** The fill cycle in which the touch-fill model said no: the order sits out the rest of it. */
  declare touchDeclinedCycle: number;
  /** OTO child: quantity asked for, whether the parent released it, and the quantity released so far. */
  declare plannedQuantity: Decimal;
  declare released: boolean;
  declare granted: Decimal;
  /** Scratch for the bar walk: the price at which the order is hit in the current segment. */
  declare hitLevel: Decimal | null;
  /** Scratch: the hit is at the start of the segment (the order is marketable on arrival there). */
  declare hitAtStart: boolean;
  /** The venue's copy of the order, in parts (see order-copy.ts; arrivalTs and venueOrderId are parts too). */
  declare copy: Order;
  declare unapplied: number;
  declare pending: PendingEvents;
  /** The level whose number is cached, and that number (see numberOf). */
  declare private numbered: Decimal | null;
  declare private number: number;

  constructor(
    order: Order,
    instrument: Instrument,
    book: InstrumentBook,
    seq: number,
    arrivalTs: number,
    submitted: boolean,
  ) {
    this.spec = order;
    this.status = submitted ? "SUBMITTED" : order.status;
    this.isWorking = true;
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
    this.active = false;
    this.fresh = true;
    this.marketTriggered = false;
    this.trailingActive = order.trailing?.activationPrice == null;
    this.expireAt = null;
    this.session = null;
    this.commissionTotal = ZERO;
    this.cycle = -1;
    this.cycleFilled = ZERO;
    this.touchDeclinedCycle = -1;
    this.plannedQuantity = order.quantity;
    this.released = false;
    this.granted = ZERO;
    this.hitLevel = null;
    this.hitAtStart = false;
    this.copy = order;
    this.unapplied = submitted ? SUBMITTED_UNAPPLIED : 0;
    this.pending = null;
    this.numbered = null;
    this.number = 0;
  }
  get id(): string {
    return this.spec.id;
  }

  /** The venue's copy of the order, as core's applyEvent makes it from the reported events (built on demand). */
  get order(): Order {
    const copy = appliedCopy(this);
    this.copy = copy;
    this.unapplied = 0;
    this.pending = null;
    return copy;
  }

  /** Takes the venue's acceptance in; the copy rebuilds the OrderAccepted from it, so the report is not kept. */
  accept(venueOrderId: string): void {
    this.status = "ACCEPTED";
    this.venueOrderId = venueOrderId;
    this.unapplied |= ACCEPTED_UNAPPLIED;
  }

  /** Records a reported event for `order` (the caller has already moved the mutable state). */
  record(event: OrderEvent): void {
    this.pending = withEvent(this.pending, event);
  }

  /** What the venue keeps once the order is closed. */
  closed(): ClosedOrder {
    return new ClosedOrder(this.status, this.quantity, this.filledQuantity, this);
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
    if (level !== this.numbered) {
      this.numbered = level;
      this.number = level.toNumber();
    }
    return this.number;
  }

  /** Counts an iceberg's fill in a cycle: the rest of its display is all it shows until the next. */
  countShown(cycle: number, quantity: Decimal): void {
    if (this.cycle !== cycle) {
      this.cycle = cycle;
      this.cycleFilled = ZERO;
    }
    this.cycleFilled = plus(this.cycleFilled, quantity);
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

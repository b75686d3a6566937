import type { Decimal, OrderFilled } from "@ordo/core";
import { ValidationError } from "@ordo/core";
import { compare, minus, smaller } from "./exact-shortcuts.js";
import type { PositionDirection, PositionRecord } from "./position.js";

/**
 * How a fill is shared among positions, worked out before anything changes so a refused fill leaves
 * nothing half applied: the positions it closes or reduces, then the position it opens or adds to.
 */
export interface CloseLeg {
  readonly position: PositionRecord;
  readonly quantity: Decimal;
}
export interface OpenLeg {
  /** null: a new position with `id`. */
  readonly position: PositionRecord | null;
  readonly id: string;
  readonly quantity: Decimal;
  /** The generated-id counter to keep when this leg creates a generated id. */
  readonly idCounter: number | null;
}
export interface FillPlan {
  readonly closes: readonly CloseLeg[];
  readonly open: OpenLeg | null;
}

/** What planning reads of the portfolio. */
export interface PlanningView {
  /** Open positions of an instrument, in opening order. */
  openPositions(instrumentId: string): readonly PositionRecord[];
  position(positionId: string): PositionRecord | undefined;
  readonly idPrefix: string;
  /** Whether any position has an id the caller chose: only those can meet a generated id. */
  namedPositions(): boolean;
  /** The last generated position number. */
  idCounter(): number;
}

/** Plans `fill` in NETTING or HEDGING mode (see FillContext for what `positionId` means in each). */
export function planFill(
  mode: "NETTING" | "HEDGING",
  fill: OrderFilled,
  direction: PositionDirection,
  positionId: string | undefined,
  view: PlanningView,
): FillPlan {
  return mode === "NETTING"
    ? planNetting(fill, direction, positionId, view)
    : planHedging(fill, direction, positionId, view);
}

function planNetting(
  fill: OrderFilled,
  direction: PositionDirection,
  positionId: string | undefined,
  view: PlanningView,
): FillPlan {
  const open = view.openPositions(fill.instrumentId)[0];
  if (open === undefined) {
    return fillPlan([], newLeg(fill.quantity, positionId, view));
  }
  if (positionId !== undefined && positionId !== open.id) {
    throw ValidationError.field(
      "context.positionId",
      `${fill.instrumentId} has open position ${open.id} and NETTING keeps one per instrument; the fill named ${positionId}`,
      "POSITION_MISMATCH",
    );
  }
  if (open.direction === direction) {
    return fillPlan([], addLeg(open, fill.quantity));
  }
  const closing = smaller(fill.quantity, open.absQuantity);
  const residual = minus(fill.quantity, closing);
  return fillPlan([closeLeg(open, closing)], residual.isZero() ? null : newLeg(residual, undefined, view));
}

function planHedging(
  fill: OrderFilled,
  direction: PositionDirection,
  positionId: string | undefined,
  view: PlanningView,
): FillPlan {
  if (positionId !== undefined) {
    const named = view.position(positionId);
    if (named === undefined) return fillPlan([], newLeg(fill.quantity, positionId, view));
    if (named.instrumentId !== fill.instrumentId) {
      throw ValidationError.field(
        "context.positionId",
        `position ${positionId} is in ${named.instrumentId}, the fill is in ${fill.instrumentId}`,
        "POSITION_MISMATCH",
      );
    }
    if (!named.isOpen) {
      throw ValidationError.field(
        "context.positionId",
        `position ${positionId} is closed; a fill cannot reopen it (give a new id)`,
        "POSITION_CLOSED",
      );
    }
    if (named.direction === direction) {
      return fillPlan([], addLeg(named, fill.quantity));
    }
    if (compare(fill.quantity, named.absQuantity) > 0) {
      throw ValidationError.field(
        "fill.quantity",
        `${fill.side} ${fill.quantity.toFixed()} exceeds the ${named.absQuantity.toFixed()} open in position ${positionId}; in HEDGING mode a position does not flip`,
        "OVERFILL",
      );
    }
    return fillPlan([closeLeg(named, fill.quantity)], null);
  }
  // No position named: close opposite positions oldest first, then add the rest to this order's own
  // position (partial fills of one order make one position) or open a new one.
  const closes: CloseLeg[] = [];
  let remaining = fill.quantity;
  const open = view.openPositions(fill.instrumentId);
  for (const p of open) {
    if (remaining.isZero()) break;
    if (p.direction === direction) continue;
    const q = smaller(remaining, p.absQuantity);
    closes.push(closeLeg(p, q));
    remaining = remaining.minus(q);
  }
  if (remaining.isZero()) return fillPlan(closes, null);
  const own = open.find((p) => p.direction === direction && p.openingOrderId === fill.orderId);
  return fillPlan(closes, own === undefined ? newLeg(remaining, undefined, view) : addLeg(own, remaining));
}

// Plans and legs are made by these functions, not by literals inside literals: a literal holding another
// literal is a runtime call each time it runs before the JIT has optimized the function that has it.

function fillPlan(closes: readonly CloseLeg[], open: OpenLeg | null): FillPlan {
  return { closes, open };
}

function closeLeg(position: PositionRecord, quantity: Decimal): CloseLeg {
  return { position, quantity };
}

/** A leg that adds to an open position. */
function addLeg(position: PositionRecord, quantity: Decimal): OpenLeg {
  return { position, id: position.id, quantity, idCounter: null };
}

function newLeg(quantity: Decimal, requestedId: string | undefined, view: PlanningView): OpenLeg {
  if (requestedId !== undefined) {
    if (view.position(requestedId) !== undefined) {
      throw ValidationError.field(
        "context.positionId",
        `position id ${requestedId} is already used`,
        "DUPLICATE_POSITION_ID",
      );
    }
    return { position: null, id: requestedId, quantity, idCounter: null };
  }
  let counter = view.idCounter();
  let id: string;
  do {
    counter += 1;
    id = `${view.idPrefix}-${counter}`;
  } while (view.namedPositions() && view.position(id) !== undefined);
  return { position: null, id, quantity, idCounter: counter };
}

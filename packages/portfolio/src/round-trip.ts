import type { Decimal, UnixMillis } from "@ordo/core";
import { minus } from "./exact-shortcuts.js";
import type { PositionDirection } from "./position.js";

/**
 * One closed position, from its first fill to the fill that made it flat: the unit of trade
 * statistics. PnL is in the instrument's currency; `netPnl` = realized − commissions (opening and
 * closing fills, in that currency).
 */
export interface RoundTrip {
  readonly positionId: string;
  readonly instrumentId: string;
  readonly strategyId: string;
  readonly currency: string;
  readonly direction: PositionDirection;
  /** Total quantity opened over the position's life (adds included). */
  readonly quantity: Decimal;
  readonly avgEntryPrice: Decimal;
  readonly avgExitPrice: Decimal;
  readonly openedAt: UnixMillis;
  readonly closedAt: UnixMillis;
  readonly holdingTimeMs: number;
  readonly realizedPnl: Decimal;
  readonly commissions: Decimal;
  readonly netPnl: Decimal;
  readonly exitReason: string | null;
}

/** The round trip of a position that has just been closed. */
export function roundTripOf(position: {
  readonly id: string;
  readonly instrumentId: string;
  readonly strategyId: string;
  readonly currency: string;
  readonly direction: PositionDirection;
  readonly openedQuantity: Decimal;
  readonly openedNotional: Decimal;
  readonly closedQuantity: Decimal;
  readonly closedNotional: Decimal;
  readonly openedAt: UnixMillis;
  readonly closedAt: UnixMillis | null;
  readonly realizedPnl: Decimal;
  readonly commissions: Decimal;
  readonly exitReason: string | null;
  /** Averages already known without dividing (one opening fill, one closing fill), else null. */
  readonly knownEntryPrice?: Decimal | null;
  readonly knownExitPrice?: Decimal | null;
}): RoundTrip {
  const closedAt = position.closedAt ?? position.openedAt;
  return {
    positionId: position.id,
    instrumentId: position.instrumentId,
    strategyId: position.strategyId,
    currency: position.currency,
    direction: position.direction,
    quantity: position.openedQuantity,
    avgEntryPrice: position.knownEntryPrice ?? position.openedNotional.div(position.openedQuantity),
    avgExitPrice: position.knownExitPrice ?? position.closedNotional.div(position.closedQuantity),
    openedAt: position.openedAt,
    closedAt,
    holdingTimeMs: closedAt - position.openedAt,
    realizedPnl: position.realizedPnl,
    commissions: position.commissions,
    netPnl: minus(position.realizedPnl, position.commissions),
    exitReason: position.exitReason,
  };
}

import type { Decimal } from "./decimal.js";

/**
 * The empty collections every new order starts with, shared (and frozen, as orders are immutable) so
 * that creating an order allocates neither; internal to core.
 */
export const NO_COMMISSIONS: Readonly<Record<string, Decimal>> = Object.freeze({});
export const NO_TRADE_IDS: readonly string[] = Object.freeze([]);

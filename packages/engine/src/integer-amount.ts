import { Decimal } from "@ordo/core";

/** Amounts below this share one Decimal each; larger ones are made per call. */
const SHARED_BELOW = 4096;
const shared: (Decimal | undefined)[] = [];

/**
 * The Decimal of a non-negative safe integer order amount. Small ones are made once and shared by every
 * order of that size: decimal.js values are immutable, and a run otherwise keeps one per order (in the
 * order, its fill and its position), which the garbage collector copies as long as the run keeps them.
 */
export function integerAmount(n: number): Decimal {
  if (n >= SHARED_BELOW) return new Decimal(n);
  let d = shared[n];
  if (d === undefined) {
    d = new Decimal(n);
    shared[n] = d;
  }
  return d;
}

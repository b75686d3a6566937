import { Decimal, isOnStep } from "@ordo/core";

/**
 * Decimal results the venue needs on every fill, without the arithmetic when the answer is known; each
 * gives exactly what the plain expression gives.
 */

/** `a.plus(b)`: a sum from zero is the addend itself when it fits the precision. */
export function plus(a: Decimal, b: Decimal): Decimal {
  if (a.isZero() && !b.isZero() && b.sd() <= Decimal.precision) return b;
  return a.plus(b);
}

const unitCache = new WeakMap<Decimal, boolean>();

/** `x.times(m)` for a multiplier: multiplying by 1 only rounds to the precision, which a result already fits. */
export function timesMultiplier(x: Decimal, m: Decimal): Decimal {
  let unit = unitCache.get(m);
  if (unit === undefined) {
    unit = m.eq(1);
    unitCache.set(m, unit);
  }
  return unit && x.sd() <= Decimal.precision ? x : x.times(m);
}

/** The smaller of two finite decimals (as `Decimal.min`, without its copies). */
export function smaller(a: Decimal, b: Decimal): Decimal {
  return a.lte(b) ? a : b;
}

/** Decimal places of a step that is a power of ten at most 1 (1, 0.1, 0.01, ...), else −1. */
const stepPlaces = new WeakMap<Decimal, number>();

/**
 * Core's `isOnStep(value, step)`. A multiple of 0.01 is a number with at most 2 decimal places, so for
 * such steps (ticks and lots usually are) counting places answers without a division.
 */
export function onStep(value: Decimal, step: Decimal): boolean {
  let places = stepPlaces.get(step);
  if (places === undefined) {
    places = /^(?:1|0\.0*1)$/.test(step.toFixed()) ? step.decimalPlaces() : -1;
    stepPlaces.set(step, places);
  }
  if (places < 0) return isOnStep(value, step);
  return value.isFinite() && value.decimalPlaces() <= places;
}

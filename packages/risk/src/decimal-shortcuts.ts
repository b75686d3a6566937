import { ExactDecimal } from "@ordo/core";

/** Core's exact Decimal shortcuts (one implementation, in @ordo/core), under the names this package uses. */
export const { absolute, timesMultiplier, isAboveZero, isBelowZero, plus, minus, times, compare, fits } =
  ExactDecimal;

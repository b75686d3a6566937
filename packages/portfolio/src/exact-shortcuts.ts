import { ExactDecimal } from "@ordo/core";

/** Core's exact Decimal shortcuts (one implementation, in @ordo/core), under the names this package uses. */
export const {
  isUnit,
  timesMultiplier,
  plus,
  minus,
  times,
  exactProduct,
  NEGATIVE_ZERO,
  absolute,
  zeroMinus,
  compare,
  smaller,
  fits,
} = ExactDecimal;

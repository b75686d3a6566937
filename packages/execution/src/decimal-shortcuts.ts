import { ExactDecimal } from "@ordo/core";

/** Core's exact Decimal shortcuts (one implementation, in @ordo/core), under the names this package uses. */
export const { plus, minus, absolute, larger, timesMultiplier, compare, smaller, fits, exactProduct } =
  ExactDecimal;

import { type Decimal, ZERO } from "@ordo/core";
import type { CommissionModel } from "./types.js";

/** Charges nothing. */
export class NoCommission implements CommissionModel {
  readonly name = "none";

  commission(): Decimal {
    return ZERO;
  }
}

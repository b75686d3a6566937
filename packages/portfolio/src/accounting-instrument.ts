import type { Instrument } from "@ordo/core";

/**
 * The part of an instrument that accounting reads. A full core `Instrument` fits; a bot without
 * instrument definitions can pass just these fields.
 */
export type AccountingInstrument = Pick<
  Instrument,
  "id" | "assetClass" | "currency" | "multiplier" | "marginInit" | "marginMaint"
>;

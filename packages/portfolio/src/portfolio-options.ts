import {
  NonNegativeDecimalSchema,
  ONE,
  PositiveDecimalSchema,
  TimestampSchema,
  ValidationError,
} from "@ordo/core";
import { z } from "zod";

/**
 * - CASH: no borrowing. Every fill settles its full notional in cash; a fill that would take a balance
 *   below zero, or open or grow a short position, is refused.
 * - MARGIN: positions are held on margin. Only realized PnL, fees and funding move cash; open positions
 *   add their unrealized PnL to equity and lock initial margin.
 */
export const AccountType = { CASH: "CASH", MARGIN: "MARGIN" } as const;
export type AccountType = (typeof AccountType)[keyof typeof AccountType];

/**
 * - NETTING: one position per instrument; an opposite fill reduces it, and one larger than it flips it
 *   (the old position closes, the residual opens a new one at the fill's price).
 * - HEDGING: several positions per instrument, each with its own id, stop-loss and take-profit.
 */
export const PositionMode = { NETTING: "NETTING", HEDGING: "HEDGING" } as const;
export type PositionMode = (typeof PositionMode)[keyof typeof PositionMode];

export const PortfolioOptionsSchema = z.strictObject({
  accountId: z.string().min(1).default("ACCOUNT"),
  accountType: z.enum(["CASH", "MARGIN"]).default("CASH"),
  positionMode: z.enum(["NETTING", "HEDGING"]).default("NETTING"),
  /** The account currency: equity(), buyingPower() and the equity curve are in it. */
  baseCurrency: z.string().min(1).default("USD"),
  /** Cash in the base currency at the start (booked as a transfer). */
  startingCash: NonNegativeDecimalSchema.optional(),
  /** Starting balances in other currencies, e.g. `{ BTC: "0.5" }` (booked as transfers). */
  startingBalances: z.record(z.string().min(1), NonNegativeDecimalSchema).default({}),
  /** When the starting balances are booked (epoch ms or ISO-8601). */
  startTs: TimestampSchema.default(0),
  /** Margin accounts: initial margin is notional / leverage where an instrument sets no margin. */
  leverage: PositiveDecimalSchema.default(() => ONE),
  /** A fill that would open one more position than this is refused (POSITION_LIMIT). */
  maxOpenPositions: z.number().int().positive().optional(),
  /** Prefix of generated position ids: `P-1`, `P-2`, ... */
  positionIdPrefix: z.string().min(1).default("P"),
});

export type PortfolioOptionsInput = z.input<typeof PortfolioOptionsSchema>;
export type PortfolioConfig = Readonly<z.output<typeof PortfolioOptionsSchema>>;

/**
 * A cash account borrows nothing, so a leverage given with it would be ignored: refused instead, as a
 * forgotten `accountType: "MARGIN"` would otherwise run the whole account at 1× without a word.
 */
export function refuseCashLeverage(leverage: unknown, accountType: AccountType): void {
  if (leverage === undefined || accountType !== "CASH") return;
  throw ValidationError.field(
    ["options", "leverage"],
    `applies to MARGIN accounts only, but accountType is CASH (got leverage ${String(leverage)}): set accountType: "MARGIN" to trade on margin`,
  );
}

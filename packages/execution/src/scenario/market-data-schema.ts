import { Decimal, NonNegativeDecimalSchema, PositiveDecimalSchema } from "@ordo/core";
import { z } from "zod";

/**
 * Market data in a scenario: decimals as written, carried as the plain numbers core's `Bar`, `QuoteTick`
 * and `TradeTick` use. A value whose decimal text a 64-bit float cannot hold exactly is refused rather
 * than rounded, so the venue sees exactly the prices the file states.
 */
function exactNumber(schema: typeof PositiveDecimalSchema) {
  return schema.transform((value, ctx) => {
    const number = value.toNumber();
    if (!new Decimal(number).eq(value)) {
      ctx.addIssue({
        code: "custom",
        message: `${value.toFixed()} has more digits than market data carries (a 64-bit float holds 15 significant digits)`,
      });
      return z.NEVER;
    }
    return number;
  });
}

const price = exactNumber(PositiveDecimalSchema);
const size = exactNumber(NonNegativeDecimalSchema);

/** A bar; its `at` is the time the bar closes. high >= open, close, low; low <= open, close. */
export const ScenarioBarSchema = z
  .strictObject({ open: price, high: price, low: price, close: price, volume: size })
  .superRefine((bar, ctx) => {
    const { open, high, low, close } = bar;
    // A field that failed its own check is still raw input here (zod runs refinements anyway).
    if (![open, high, low, close].every((v) => typeof v === "number")) return;
    if (high < Math.max(open, close, low)) {
      ctx.addIssue({
        code: "custom",
        path: ["high"],
        message: `must be at least the open, low and close (high ${high}, open ${open}, low ${low}, close ${close})`,
      });
    }
    if (low > Math.min(open, close)) {
      ctx.addIssue({
        code: "custom",
        path: ["low"],
        message: `must be at most the open and close (low ${low}, open ${open}, close ${close})`,
      });
    }
  });
export type ScenarioBar = z.output<typeof ScenarioBarSchema>;

/** Best bid and ask with their sizes. A crossed quote (bid above ask) is refused. */
export const ScenarioQuoteSchema = z
  .strictObject({ bid: price, ask: price, bidSize: size, askSize: size })
  .superRefine((quote, ctx) => {
    if (typeof quote.bid !== "number" || typeof quote.ask !== "number") return;
    if (quote.bid > quote.ask) {
      ctx.addIssue({
        code: "custom",
        path: ["bid"],
        message: `must not be above the ask (bid ${quote.bid}, ask ${quote.ask})`,
      });
    }
  });
export type ScenarioQuote = z.output<typeof ScenarioQuoteSchema>;

/** A trade print; `aggressor` is the side that took liquidity (NONE when unknown). */
export const ScenarioTradeSchema = z.strictObject({
  price,
  size: exactNumber(PositiveDecimalSchema),
  aggressor: z.enum(["BUYER", "SELLER", "NONE"]).default("NONE"),
  tradeId: z.string().min(1).optional(),
});
export type ScenarioTrade = z.output<typeof ScenarioTradeSchema>;

import { z } from "zod";
import { Decimal, DecimalSchema, NonNegativeDecimalSchema, PositiveDecimalSchema } from "./decimal.js";
import { DenyReason, ValidationError } from "./errors.js";
import { interned } from "./interned.js";

export const AssetClass = {
  EQUITY: "equity",
  FUTURE: "future",
  CRYPTO_SPOT: "crypto-spot",
  CRYPTO_PERP: "crypto-perp",
  FX: "fx",
  INDEX: "index",
} as const;
export type AssetClass = (typeof AssetClass)[keyof typeof AssetClass];

/** `SYMBOL.VENUE`, e.g. `AAPL.XNAS`, `BTC/USDT.BINANCE`, `ESZ4.XCME`: the venue is after the last dot. */
export const InstrumentIdSchema = z
  .string()
  .regex(/^[^\s.][^\s]*\.[A-Za-z0-9_-]+$/, 'must look like "SYMBOL.VENUE", e.g. "AAPL.XNAS"')
  // The one copy of the id: the engine's per-event lookups by instrument compare ids by identity then.
  .transform(interned);

/**
 * An instrument as users write it (JSON, config files). Decimal fields accept strings or numbers and come
 * out as Decimal. `symbol` and `venue` default to the two halves of `id`.
 */
export const InstrumentSchema = z
  .object({
    id: InstrumentIdSchema,
    symbol: z.string().min(1).optional(),
    venue: z.string().min(1).optional(),
    assetClass: z.enum(["equity", "future", "crypto-spot", "crypto-perp", "fx", "index"]),
    /** Quote and settlement currency: prices, PnL and fees are in it. */
    currency: z.string().min(1),
    /** For pairs (BTC/USDT, EUR/USD): the currency being bought or sold. */
    baseCurrency: z.string().min(1).optional(),
    tickSize: PositiveDecimalSchema,
    lotSize: PositiveDecimalSchema.default(new Decimal(1)),
    minQuantity: PositiveDecimalSchema.optional(),
    maxQuantity: PositiveDecimalSchema.optional(),
    minNotional: NonNegativeDecimalSchema.optional(),
    multiplier: PositiveDecimalSchema.default(new Decimal(1)),
    /** Initial margin: a fraction of notional (e.g. "0.1"), or per contract for futures (e.g. "1000"). */
    marginInit: NonNegativeDecimalSchema.optional(),
    marginMaint: NonNegativeDecimalSchema.optional(),
    /** Fee rates of notional by liquidity side (negative = rebate). */
    makerFee: DecimalSchema.optional(),
    takerFee: DecimalSchema.optional(),
    /** Trading calendar id (e.g. "XNYS", "24/7"): sessions for DAY orders and schedules. */
    calendar: z.string().min(1).optional(),
  })
  .superRefine((value, ctx) => {
    // Either may still be raw input when its own check failed (zod runs this refinement anyway).
    const { minQuantity: min, maxQuantity: max } = value;
    if (min instanceof Decimal && max instanceof Decimal && min.gt(max)) {
      ctx.addIssue({
        code: "custom",
        path: ["minQuantity"],
        message: `must not exceed maxQuantity ${max.toFixed()}, got ${min.toFixed()}`,
      });
    }
  })
  .transform((value) => {
    const dot = value.id.lastIndexOf(".");
    return sameShape({
      ...value,
      symbol: value.symbol ?? value.id.slice(0, dot),
      venue: value.venue ?? value.id.slice(dot + 1),
    });
  });

/**
 * A copy built key by key from `{}`, in the same key order. zod's output objects each get a hidden class
 * of their own in V8 (92 of 100 parsed instruments had distinct ones), which makes every
 * `instrument.tickSize` read on the order path megamorphic once a run trades many instruments (V8 then
 * looks each one up in a shared cache instead of reading a known offset). Objects built by the same
 * sequence of property additions share one hidden class.
 */
function sameShape<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = (value as Record<string, unknown>)[key];
  return out as T;
}

export type InstrumentInput = z.input<typeof InstrumentSchema>;
export type Instrument = Readonly<z.output<typeof InstrumentSchema>>;

/** Parses and validates an instrument; throws a ValidationError naming each bad field. */
export function createInstrument(input: InstrumentInput): Instrument {
  const result = InstrumentSchema.safeParse(input);
  if (!result.success) {
    throw new ValidationError(
      result.error.issues.map((i) => ({
        path: ["instrument", ...(i.path as (string | number)[])],
        message: i.message,
      })),
    );
  }
  return result.data;
}

// ---------------------------------------------------------------------------------------------------------
// Tick and lot alignment
// ---------------------------------------------------------------------------------------------------------

/**
 * How close (as a fraction of one tick) a value must be to a grid point to count as on it. Values from
 * binary floating point (100.00000000000001) snap to the grid instead of rounding a whole tick away.
 */
export const GRID_TOLERANCE = new Decimal("1e-9");

export type RoundingMode = "down" | "up" | "nearest";

/** Rounds `value` to a multiple of `step`: down, up, or to the nearest (ties to even). */
export function roundToStep(value: Decimal, step: Decimal, mode: RoundingMode): Decimal {
  // Already on a power-of-ten grid (the usual tick and lot): nothing to round, no division needed.
  if (isPowerOfTen(step) && value.decimalPlaces() <= step.decimalPlaces()) return value;
  const units = value.div(step);
  const nearest = units.toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN);
  if (units.minus(nearest).abs().lte(GRID_TOLERANCE)) return nearest.times(step);
  const rounded =
    mode === "down"
      ? units.toDecimalPlaces(0, Decimal.ROUND_FLOOR)
      : mode === "up"
        ? units.toDecimalPlaces(0, Decimal.ROUND_CEIL)
        : nearest;
  return rounded.times(step);
}

/** Whether `value` is an exact multiple of `step`. */
export function isOnStep(value: Decimal, step: Decimal): boolean {
  if (isPowerOfTen(step)) return value.decimalPlaces() <= step.decimalPlaces();
  return value.mod(step).isZero();
}

/**
 * Whether `step` is 10^-k for k >= 0 (1, 0.01, 0.0001, ...): then "on the grid" is a count of decimal
 * places. (Not 10, 100: 250 has no decimals but is not a multiple of 100.) Read off the Decimal's digits:
 * one significant digit, a 1 (decimal.js keeps digits in words of seven, the last word without trailing
 * zero words), positive, and not above 1.
 */
export function isPowerOfTen(step: Decimal): boolean {
  const d = step.d as number[] | null;
  if (d === null || d.length !== 1 || step.s !== 1 || step.e > 0) return false;
  const w = d[0]!;
  return w === 1 || w === 10 || w === 100 || w === 1_000 || w === 10_000 || w === 100_000 || w === 1_000_000;
}

/** Which price of an order is being rounded: it decides the direction that favours the trader. */
export type PriceRole = "limit" | "stop";

/**
 * The rounding direction that favours the trader: a buy limit and a sell stop round down, a sell limit
 * and a buy stop round up. A limit never becomes worse than the price the trader asked for.
 */
export function favourableRounding(side: "BUY" | "SELL", role: PriceRole): "down" | "up" {
  if (role === "limit") return side === "BUY" ? "down" : "up";
  return side === "BUY" ? "up" : "down";
}

/** Rounds a limit or stop price onto the instrument's tick in the direction that favours the trader. */
export function roundPriceFavourable(
  instrument: Pick<Instrument, "tickSize">,
  price: Decimal,
  side: "BUY" | "SELL",
  role: PriceRole,
): Decimal {
  return roundToStep(price, instrument.tickSize, favourableRounding(side, role));
}

/** Rounds a price to the nearest tick, ties to even (trailing-stop updates, computed prices). */
export function roundPriceNearest(instrument: Pick<Instrument, "tickSize">, price: Decimal): Decimal {
  return roundToStep(price, instrument.tickSize, "nearest");
}

/** Rounds a quantity down to the lot (never buys more than asked). */
export function roundQuantityToLot(instrument: Pick<Instrument, "lotSize">, quantity: Decimal): Decimal {
  return roundToStep(quantity, instrument.lotSize, "down");
}

/**
 * Throws PRICE_NOT_ON_TICK unless `price` is a multiple of the tick size. For callers that did not ask
 * for rounding: the order is refused with the reason rather than silently changed.
 */
export function assertPriceOnTick(
  instrument: Pick<Instrument, "id" | "tickSize">,
  price: Decimal,
  field = "price",
): void {
  if (!isOnStep(price, instrument.tickSize)) {
    throw ValidationError.field(
      field,
      `${/triggerPrice$/.test(field) ? "trigger" : "limit"} price ${price.toFixed()} is not a multiple of tick size ${instrument.tickSize.toFixed()} for ${instrument.id}`,
      DenyReason.PRICE_NOT_ON_TICK,
    );
  }
}

/** Throws QUANTITY_NOT_ON_LOT unless `quantity` is a multiple of the lot size. */
export function assertQuantityOnLot(
  instrument: Pick<Instrument, "id" | "lotSize">,
  quantity: Decimal,
  field = "quantity",
): void {
  if (!isOnStep(quantity, instrument.lotSize)) {
    throw ValidationError.field(
      field,
      `quantity ${quantity.toFixed()} is not a multiple of lot size ${instrument.lotSize.toFixed()} for ${instrument.id}`,
      DenyReason.QUANTITY_NOT_ON_LOT,
    );
  }
}

/** Number of decimal places of the tick (0.01 -> 2, 0.05 -> 2, 1 -> 0): the precision of prices. */
export function pricePrecision(instrument: Pick<Instrument, "tickSize">): number {
  return instrument.tickSize.decimalPlaces();
}

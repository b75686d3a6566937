/**
 * Mean reversion with limit entries (order-manager style, `ctx.orders`).
 *
 * Prices that stretch far below their recent average tend to come back. Instead of chasing with a market
 * order, the strategy rests a buy limit at the lower band (moving average − `entryZ` standard deviations)
 * and moves it with the band every bar, so it buys only if the market comes down to it, at that price or
 * better. Once long, it exits with a market order when the close is back at or above the average.
 */
import { type Bar, Decimal, isActive, type Order, roundToStep } from "@ordo/core";
import { Strategy, type StrategyContext } from "@ordo/engine";
import { z } from "zod";

const Params = z.object({
  /** Bars in the moving average and standard deviation. */
  lookback: z.number().int().min(2).default(20),
  /** Distance of the entry limit below the average, in standard deviations. */
  entryZ: z.number().positive().default(2),
  /** Shares bought per entry. */
  quantity: z.number().int().positive().default(100),
  /** Price increment of the instrument: limit prices are rounded down onto it. */
  tickSize: z.string().default("0.01"),
});
type Params = z.output<typeof Params>;

/** Mean and population standard deviation of a window. */
function meanAndDeviation(values: Float64Array): { mean: number; deviation: number } {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return { mean, deviation: Math.sqrt(squares / values.length) };
}

export default class MeanReversionLimit extends Strategy<Params> {
  static override params = Params;

  /** The working entry limit per instrument, if any. */
  readonly #entry = new Map<string, string>();

  onBar(ctx: StrategyContext<Params>, bar: Bar): void {
    const { lookback, entryZ, quantity, tickSize } = ctx.params;
    const closes = ctx.data.history(bar.instrumentId, "close", lookback);
    if (closes.length < lookback) return;
    const { mean, deviation } = meanAndDeviation(closes);
    const position = ctx.portfolio.position(bar.instrumentId);

    if (position.isZero()) {
      // The band in price units, rounded down so the limit never pays more than the band.
      const band = roundToStep(new Decimal(mean - entryZ * deviation), new Decimal(tickSize), "down");
      if (band.lte(0)) return;
      const working = this.#workingEntry(ctx, bar.instrumentId);
      if (working === undefined) {
        const order = ctx.orders.placeLimit({
          instrumentId: bar.instrumentId,
          side: "BUY",
          quantity,
          price: band,
          tags: ["entry"],
        });
        this.#entry.set(bar.instrumentId, order.id);
      } else if (!working.price?.eq(band)) {
        ctx.orders.modify(working.id, { price: band });
      }
      return;
    }

    // Long: take the reversion once the close is back at the average, unless an exit is already working.
    const exiting = ctx.orders
      .query({ instrumentId: bar.instrumentId })
      .some((o) => o.tags.includes("position-exit") && isActive(o.status));
    if (bar.close >= mean && !exiting) ctx.orders.placePositionExit(bar.instrumentId);
  }

  #workingEntry(ctx: StrategyContext<Params>, instrumentId: string): Order | undefined {
    const id = this.#entry.get(instrumentId);
    const order = id === undefined ? undefined : ctx.orders.get(id);
    return order !== undefined && isActive(order.status) ? order : undefined;
  }
}

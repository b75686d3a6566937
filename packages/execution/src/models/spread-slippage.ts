import { Decimal, type DecimalLike, ZERO } from "@ordo/core";
import { adversePrice } from "./adverse-price.js";
import { decimalOption } from "./model-options.js";
import type { SlippageContext, SlippageModel } from "./types.js";

export interface SpreadSlippageOptions {
  /**
   * The spread assumed when there is no quote, in basis points of the base price (buys pay half of it,
   * sells receive half less). Default 0: without a quote the fill is at the base price.
   */
  readonly defaultSpreadBps?: DecimalLike | undefined;
}

/**
 * The spread cost read from the latest quote: buys pay half the quoted spread above the base price, sells
 * receive half of it below (a bar's price taken as the mid: buys at the ask, sells at the bid). When the
 * base price already is the quote's ask for a buy (its bid for a sell), the venue matched against the
 * quote and the spread is already paid, so the price is unchanged. A crossed or locked quote adds nothing.
 * Without a quote, `defaultSpreadBps` applies (default 0). No volume cap.
 */
export class SpreadSlippage implements SlippageModel {
  static readonly DEFAULT_SPREAD_BPS = ZERO;

  readonly name = "spread";
  readonly volumeLimit = null;
  readonly defaultSpreadBps: Decimal;
  readonly #defaultHalfSpreadFraction: Decimal;

  constructor(options: SpreadSlippageOptions = {}) {
    this.defaultSpreadBps = decimalOption(
      "SpreadSlippage",
      "defaultSpreadBps",
      options.defaultSpreadBps,
      SpreadSlippage.DEFAULT_SPREAD_BPS,
      "non-negative",
    );
    this.#defaultHalfSpreadFraction = this.defaultSpreadBps.div(20_000);
  }

  /** Half the spread to pay on this fill, in price units (>= 0). */
  halfSpread(context: SlippageContext): Decimal {
    const quote = context.quote;
    if (quote === null) return context.basePrice.abs().times(this.#defaultHalfSpreadFraction);
    if (!(quote.ask > quote.bid)) return ZERO;
    const touch = context.side === "BUY" ? quote.ask : quote.bid;
    if (context.basePrice.eq(touch)) return ZERO;
    return new Decimal(quote.ask).minus(quote.bid).div(2);
  }

  price(context: SlippageContext): Decimal {
    return adversePrice(context.side, context.basePrice, this.halfSpread(context));
  }
}

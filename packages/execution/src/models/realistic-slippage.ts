import { Decimal, type DecimalLike, type MarketData } from "@ordo/core";
import { adversePrice } from "./adverse-price.js";
import { decimalOption } from "./model-options.js";
import { SpreadSlippage } from "./spread-slippage.js";
import { SquareRootImpactSlippage } from "./square-root-impact-slippage.js";
import type { SlippageContext, SlippageModel } from "./types.js";

export interface RealisticSlippageOptions {
  /** Fraction of a bar's volume fillable per instrument and bar. Default 0.025 (2.5%, Zipline's). */
  readonly volumeLimit?: DecimalLike | undefined;
  /** Square-root law constant Y. Default 1. */
  readonly impactCoefficient?: DecimalLike | undefined;
  /** Bars in the rolling volatility and average volume. Default 20. */
  readonly window?: number | undefined;
  /** Fixed per-bar volatility instead of the rolling one. */
  readonly volatility?: DecimalLike | undefined;
  /** Fixed average bar volume instead of the rolling one. */
  readonly averageVolume?: DecimalLike | undefined;
  /** Spread in basis points assumed when there is no quote. Default 0. */
  readonly defaultSpreadBps?: DecimalLike | undefined;
}

/**
 * The composite model: the spread cost from quotes (SpreadSlippage), plus square-root market impact on
 * the base price (SquareRootImpactSlippage), plus a per-bar volume cap.
 * price = base ± halfSpread ± base × Y × σ × sqrt(Q / V); a sell never prices below 0.
 */
export class RealisticSlippage implements SlippageModel {
  static readonly DEFAULT_VOLUME_LIMIT = new Decimal("0.025");

  readonly name = "realistic";
  readonly volumeLimit: Decimal;
  readonly spread: SpreadSlippage;
  readonly impact: SquareRootImpactSlippage;

  constructor(options: RealisticSlippageOptions = {}) {
    const model = "RealisticSlippage";
    this.volumeLimit = decimalOption(
      model,
      "volumeLimit",
      options.volumeLimit,
      RealisticSlippage.DEFAULT_VOLUME_LIMIT,
      "fraction",
    );
    this.spread = new SpreadSlippage({ defaultSpreadBps: options.defaultSpreadBps });
    this.impact = new SquareRootImpactSlippage(
      {
        impactCoefficient: options.impactCoefficient,
        window: options.window,
        volatility: options.volatility,
        averageVolume: options.averageVolume,
      },
      model,
    );
  }

  observe(data: MarketData): void {
    this.impact.observe(data);
  }

  price(context: SlippageContext): Decimal {
    const impact = context.basePrice.abs().times(this.impact.impactFraction(context));
    return adversePrice(context.side, context.basePrice, this.spread.halfSpread(context).plus(impact));
  }
}

import { Decimal, type DecimalLike, type MarketData, ONE, ZERO } from "@ordo/core";
import { adversePrice } from "./adverse-price.js";
import { decimalOption, integerOption } from "./model-options.js";
import { RollingBarStatistics } from "./rolling-bar-statistics.js";
import type { SlippageContext, SlippageModel } from "./types.js";

export interface SquareRootImpactSlippageOptions {
  /** The constant Y of the square-root law, of order one in the empirical literature. Default 1. */
  readonly impactCoefficient?: DecimalLike | undefined;
  /** Bars in the rolling volatility and average volume. Default 20. */
  readonly window?: number | undefined;
  /** A fixed per-bar volatility (0.02 = 2%) instead of the rolling one. Default: rolling. */
  readonly volatility?: DecimalLike | undefined;
  /** A fixed average bar volume instead of the rolling one. Default: rolling. */
  readonly averageVolume?: DecimalLike | undefined;
  /** Fraction of a bar's volume fillable per instrument and bar; null (the default) = no cap. */
  readonly volumeLimit?: DecimalLike | null | undefined;
}

/** Decimal places kept of the impact fraction: far below any tick, and readable fill prices. */
const IMPACT_DECIMAL_PLACES = 10;

/**
 * Square-root market impact: price = base × (1 ± Y × σ × sqrt(Q / V)), the sign against the trader,
 * where σ is the volatility of bar returns, V the average bar volume, and Q the quantity this instrument
 * has taken in the current bar including this fill (so later fills in a bar pay more). σ and V are the
 * sample standard deviation of close-to-close returns and the mean volume over the last `window` observed
 * bars of the fill's instrument, unless fixed in the options. While either is unknown (fewer than two
 * returns seen) or V is zero (files without volume), the model adds no impact. A sell never prices below 0.
 */
export class SquareRootImpactSlippage implements SlippageModel {
  static readonly DEFAULT_IMPACT_COEFFICIENT = ONE;
  static readonly DEFAULT_WINDOW = 20;

  readonly name: string = "sqrt-impact";
  readonly volumeLimit: Decimal | null;
  readonly impactCoefficient: Decimal;
  readonly window: number;
  readonly volatility: Decimal | null;
  readonly averageVolume: Decimal | null;
  readonly #coefficient: number;
  readonly #fixedVolatility: number | null;
  readonly #fixedAverageVolume: number | null;
  readonly #statistics = new Map<string, RollingBarStatistics>();

  constructor(options: SquareRootImpactSlippageOptions = {}, model = "SquareRootImpactSlippage") {
    this.impactCoefficient = decimalOption(
      model,
      "impactCoefficient",
      options.impactCoefficient,
      SquareRootImpactSlippage.DEFAULT_IMPACT_COEFFICIENT,
      "non-negative",
    );
    this.window = integerOption(
      model,
      "window",
      options.window,
      SquareRootImpactSlippage.DEFAULT_WINDOW,
      2,
      100_000,
    );
    this.volatility =
      options.volatility === undefined
        ? null
        : decimalOption(model, "volatility", options.volatility, undefined, "non-negative");
    this.averageVolume =
      options.averageVolume === undefined
        ? null
        : decimalOption(model, "averageVolume", options.averageVolume, undefined, "non-negative");
    this.volumeLimit =
      options.volumeLimit === undefined || options.volumeLimit === null
        ? null
        : decimalOption(model, "volumeLimit", options.volumeLimit, undefined, "fraction");
    this.#coefficient = this.impactCoefficient.toNumber();
    this.#fixedVolatility = this.volatility?.toNumber() ?? null;
    this.#fixedAverageVolume = this.averageVolume?.toNumber() ?? null;
  }

  observe(data: MarketData): void {
    if (data.kind !== "bar") return;
    let statistics = this.#statistics.get(data.instrumentId);
    if (statistics === undefined) {
      statistics = new RollingBarStatistics(this.window);
      this.#statistics.set(data.instrumentId, statistics);
    }
    statistics.add(data);
  }

  /** The relative impact Y × σ × sqrt(Q / V) of this fill (0 while σ or V is unknown or V is 0). */
  impactFraction(context: SlippageContext): Decimal {
    const statistics = this.#statistics.get(context.instrument.id);
    const volatility = this.#fixedVolatility ?? statistics?.volatility() ?? null;
    const averageVolume = this.#fixedAverageVolume ?? statistics?.averageVolume() ?? null;
    if (volatility === null || averageVolume === null || !(averageVolume > 0)) return ZERO;
    const taken = context.filledThisBar.plus(context.quantity).abs().toNumber();
    const impact = this.#coefficient * volatility * Math.sqrt(taken / averageVolume);
    return new Decimal(impact).toDecimalPlaces(IMPACT_DECIMAL_PLACES);
  }

  price(context: SlippageContext): Decimal {
    return adversePrice(
      context.side,
      context.basePrice,
      context.basePrice.abs().times(this.impactFraction(context)),
    );
  }
}

import { type Decimal, type DecimalLike, ValidationError, ZERO } from "@ordo/core";
import { decimalOption } from "./model-options.js";
import type { CommissionContext, CommissionModel } from "./types.js";

/** A volume tier: from `minNotional` of cumulative traded notional on, these rates apply. */
export interface MakerTakerTierOptions {
  readonly minNotional: DecimalLike;
  readonly maker: DecimalLike;
  readonly taker: DecimalLike;
}

export interface MakerTakerCommissionOptions {
  /** Rate of notional for fills that added liquidity; negative = rebate. Required. */
  readonly maker: DecimalLike;
  /** Rate of notional for fills that took liquidity. Required. */
  readonly taker: DecimalLike;
  /** Volume tiers by cumulative traded notional, minNotional strictly increasing. Default none. */
  readonly tiers?: readonly MakerTakerTierOptions[] | undefined;
}

export interface MakerTakerTier {
  readonly minNotional: Decimal;
  readonly maker: Decimal;
  readonly taker: Decimal;
}

/**
 * Exchange-style fees: notional (|quantity| × price × multiplier) × the maker or taker rate of the fill's
 * liquidity side. With tiers, the rates are those of the highest tier whose minNotional the notional
 * traded through this model before this fill reaches (all instruments, in their quote currency); below the
 * first tier the base rates apply. The model counts traded notional itself, so the venue must call it
 * exactly once per fill.
 */
export class MakerTakerCommission implements CommissionModel {
  readonly name = "maker-taker";
  readonly maker: Decimal;
  readonly taker: Decimal;
  readonly tiers: readonly MakerTakerTier[];
  #tradedNotional: Decimal = ZERO;

  constructor(options: MakerTakerCommissionOptions) {
    const model = "MakerTakerCommission";
    this.maker = decimalOption(model, "maker", options.maker, undefined, "any");
    this.taker = decimalOption(model, "taker", options.taker, undefined, "any");
    const tiers: MakerTakerTier[] = [];
    for (const [index, tier] of (options.tiers ?? []).entries()) {
      const field = `tiers[${index}]`;
      const parsed = {
        minNotional: decimalOption(
          model,
          `${field}.minNotional`,
          tier.minNotional,
          undefined,
          "non-negative",
        ),
        maker: decimalOption(model, `${field}.maker`, tier.maker, undefined, "any"),
        taker: decimalOption(model, `${field}.taker`, tier.taker, undefined, "any"),
      };
      const previous = tiers[index - 1];
      if (previous !== undefined && !parsed.minNotional.gt(previous.minNotional)) {
        throw ValidationError.field(
          [model, "tiers", index, "minNotional"],
          `must be greater than the previous tier's ${previous.minNotional.toString()}, got ${parsed.minNotional.toString()}`,
        );
      }
      tiers.push(parsed);
    }
    this.tiers = tiers;
  }

  /** Notional traded through this model so far (the tier basis). */
  get tradedNotional(): Decimal {
    return this.#tradedNotional;
  }

  commission(context: CommissionContext): Decimal {
    const notional = context.quantity.abs().times(context.price).times(context.instrument.multiplier);
    let maker = this.maker;
    let taker = this.taker;
    for (const tier of this.tiers) {
      if (this.#tradedNotional.lt(tier.minNotional)) break;
      maker = tier.maker;
      taker = tier.taker;
    }
    this.#tradedNotional = this.#tradedNotional.plus(notional);
    return notional.times(context.liquidity === "MAKER" ? maker : taker);
  }
}

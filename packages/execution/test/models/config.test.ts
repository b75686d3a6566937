import { ValidationError } from "@ordo/core";
import { describe, expect, it } from "vitest";
import {
  CommissionConfigSchema,
  createCommissionModel,
  createLatencyModel,
  createSlippageModel,
  createTouchFillModel,
  FixedBasisPointsSlippage,
  FixedLatency,
  FixedSpreadSlippage,
  MakerTakerCommission,
  NoCommission,
  NoSlippage,
  PerContractCommission,
  PerDollarCommission,
  PerShareCommission,
  PerTradeCommission,
  ProbabilisticTouchFill,
  RandomLatency,
  RealisticSlippage,
  SlippageConfigSchema,
  SpreadSlippage,
  SquareRootImpactSlippage,
  VolumeShareSlippage,
} from "../../src/index.js";

function validationMessage(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).message;
  }
  throw new Error("expected a ValidationError");
}

describe("slippage config (scenario venue.slippage)", () => {
  it("builds each model of the scenario format with its documented defaults", () => {
    expect(createSlippageModel({ model: "none" })).toBeInstanceOf(NoSlippage);
    const fixed = createSlippageModel({ model: "fixed", spread: "0.02" });
    expect(fixed).toBeInstanceOf(FixedSpreadSlippage);
    expect((fixed as FixedSpreadSlippage).spread.toString()).toBe("0.02");

    const bps = createSlippageModel({ model: "fixed-bps" }) as FixedBasisPointsSlippage;
    expect(bps).toBeInstanceOf(FixedBasisPointsSlippage);
    expect(bps.basisPoints.toString()).toBe("5");
    expect(bps.volumeLimit.toString()).toBe("0.1");

    const share = createSlippageModel({ model: "volume-share" }) as VolumeShareSlippage;
    expect(share).toBeInstanceOf(VolumeShareSlippage);
    expect(share.volumeLimit.toString()).toBe("0.025");
    expect(share.priceImpact.toString()).toBe("0.1");

    expect(createSlippageModel({ model: "spread" })).toBeInstanceOf(SpreadSlippage);
    const sqrt = createSlippageModel({ model: "sqrt-impact" }) as SquareRootImpactSlippage;
    expect(sqrt).toBeInstanceOf(SquareRootImpactSlippage);
    expect(sqrt.volumeLimit).toBeNull();
    expect(sqrt.window).toBe(20);
    const realistic = createSlippageModel({ model: "realistic" }) as RealisticSlippage;
    expect(realistic).toBeInstanceOf(RealisticSlippage);
    expect(realistic.volumeLimit.toString()).toBe("0.025");
  });

  it("accepts decimals as strings or numbers, exactly", () => {
    const model = createSlippageModel({ model: "volume-share", volumeLimit: 0.05, priceImpact: "0.3" });
    expect(model.volumeLimit?.toString()).toBe("0.05");
    expect((model as VolumeShareSlippage).priceImpact.toString()).toBe("0.3");
  });

  it("names the path and the reason for every bad field", () => {
    expect(
      validationMessage(() =>
        createSlippageModel({ model: "fixed-bps", basisPoints: "-1", volumeLimit: "2" }, [
          "venue",
          "slippage",
        ]),
      ),
    ).toBe(
      "VALIDATION: venue.slippage.basisPoints: must not be negative, got -1; " +
        "venue.slippage.volumeLimit: must be at most 1 (a fraction of the bar's volume)",
    );
    expect(validationMessage(() => createSlippageModel({ model: "fixed" } as never))).toBe(
      "VALIDATION: slippage.spread: is required: a decimal number as a string or number",
    );
  });

  it("refuses an unknown model, listing the known ones", () => {
    expect(validationMessage(() => createSlippageModel({ model: "zipline" } as never))).toBe(
      'VALIDATION: slippage.model: unknown model "zipline"; expected one of "none", "fixed", "fixed-bps", ' +
        '"volume-share", "spread", "sqrt-impact", "realistic"',
    );
  });

  it("refuses a misspelt option instead of silently using the default", () => {
    expect(
      validationMessage(() => createSlippageModel({ model: "fixed-bps", basisPoint: 10 } as never)),
    ).toContain('Unrecognized key: "basisPoint"');
  });

  it("parses to Decimals inside a larger schema", () => {
    const parsed = SlippageConfigSchema.parse({ model: "fixed-bps", basisPoints: "10" });
    expect(parsed).toMatchObject({ model: "fixed-bps" });
    if (parsed.model !== "fixed-bps") throw new Error("unreachable");
    expect(parsed.basisPoints?.toString()).toBe("10");
  });
});

describe("commission config (scenario venue.commission)", () => {
  it("builds each model of the scenario format", () => {
    expect(createCommissionModel({ model: "none" })).toBeInstanceOf(NoCommission);
    const perShare = createCommissionModel({ model: "per-share", cost: "0.001" }) as PerShareCommission;
    expect(perShare).toBeInstanceOf(PerShareCommission);
    expect(perShare.minimum.toString()).toBe("0");
    expect(createCommissionModel({ model: "per-trade", cost: "1" })).toBeInstanceOf(PerTradeCommission);
    expect(createCommissionModel({ model: "per-dollar", rate: "0.0015" })).toBeInstanceOf(
      PerDollarCommission,
    );
    const perContract = createCommissionModel({
      model: "per-contract",
      cost: "0.85",
      exchangeFee: "1.18",
    }) as PerContractCommission;
    expect(perContract).toBeInstanceOf(PerContractCommission);
    expect(perContract.exchangeFee.toString()).toBe("1.18");
    expect(perContract.minimum.toString()).toBe("0");
    const makerTaker = createCommissionModel({
      model: "maker-taker",
      maker: "-0.0001",
      taker: "0.002",
      tiers: [{ minNotional: "1000000", maker: "-0.0002", taker: "0.0015" }],
    }) as MakerTakerCommission;
    expect(makerTaker).toBeInstanceOf(MakerTakerCommission);
    expect(makerTaker.maker.toString()).toBe("-0.0001");
    expect(makerTaker.tiers[0]?.taker.toString()).toBe("0.0015");
  });

  it("requires the fields the scenario format requires", () => {
    expect(validationMessage(() => createCommissionModel({ model: "per-dollar" } as never))).toBe(
      "VALIDATION: commission.rate: is required: a decimal number as a string or number",
    );
  });

  it("refuses tiers that do not increase", () => {
    const result = CommissionConfigSchema.safeParse({
      model: "maker-taker",
      maker: 0,
      taker: 0.002,
      tiers: [
        { minNotional: 100, maker: 0, taker: 0.001 },
        { minNotional: 100, maker: 0, taker: 0.0005 },
      ],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["tiers", 1, "minNotional"]);
  });
});

describe("latency and touch-fill config", () => {
  it("reads a bare number of milliseconds as a fixed latency (venue.latencyMs)", () => {
    const latency = createLatencyModel(25);
    expect(latency).toBeInstanceOf(FixedLatency);
    expect(latency.delayMs()).toBe(25);
  });

  it("builds a seeded random latency", () => {
    const latency = createLatencyModel({ model: "random", minMs: 10, maxMs: 20, seed: 7 }) as RandomLatency;
    expect(latency).toBeInstanceOf(RandomLatency);
    expect(latency.seed).toBe(7);
  });

  it("refuses a random latency whose bounds are reversed", () => {
    expect(validationMessage(() => createLatencyModel({ model: "random", minMs: 10, maxMs: 5 }))).toBe(
      "VALIDATION: latency.maxMs: must be at least minMs",
    );
  });

  it("refuses a negative or fractional latency", () => {
    expect(validationMessage(() => createLatencyModel(-1, ["venue", "latencyMs"]))).toBe(
      "VALIDATION: venue.latencyMs.ms: must not be negative",
    );
    expect(validationMessage(() => createLatencyModel(1.5))).toBe(
      "VALIDATION: latency.ms: must be a whole number of milliseconds",
    );
  });

  it("builds the touch-fill models", () => {
    expect(createTouchFillModel({ model: "always" }).fillsOnTouch()).toBe(true);
    const touch = createTouchFillModel({ model: "probabilistic", probability: "0.25", seed: 3 });
    expect(touch).toBeInstanceOf(ProbabilisticTouchFill);
    expect(
      validationMessage(() => createTouchFillModel({ model: "probabilistic", probability: "1.5" })),
    ).toBe("VALIDATION: touchFill.probability: must be at most 1");
  });
});

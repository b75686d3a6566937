import { dec, ValidationError } from "@ordo/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createSlippageModel,
  FixedBasisPointsSlippage,
  FixedSpreadSlippage,
  NoSlippage,
  RealisticSlippage,
  type SlippageConfigInput,
  SpreadSlippage,
  SquareRootImpactSlippage,
  VolumeShareSlippage,
} from "../../src/index.js";
import { AAPL, bar, fill, quote } from "./support.js";

describe("NoSlippage", () => {
  it("fills at the base price with no volume cap", () => {
    const model = new NoSlippage();
    expect(model.volumeLimit).toBeNull();
    expect(model.price(fill("BUY", "3.00", "100", { bar: bar(3, 0) })).toString()).toBe("3");
  });
});

describe("FixedSpreadSlippage", () => {
  it("charges half the spread on each side", () => {
    const model = new FixedSpreadSlippage({ spread: "0.02" });
    expect(model.price(fill("BUY", "3.00", "100")).toString()).toBe("3.01");
    expect(model.price(fill("SELL", "3.00", "100")).toString()).toBe("2.99");
    expect(model.volumeLimit).toBeNull();
  });

  it("refuses a negative spread", () => {
    expect(() => new FixedSpreadSlippage({ spread: "-0.02" })).toThrow(
      "FixedSpreadSlippage.spread: must not be negative, got -0.02",
    );
  });
});

describe("FixedBasisPointsSlippage (figures from Zipline's test suite)", () => {
  it("defaults to 5 bps and a 10% volume limit", () => {
    const model = new FixedBasisPointsSlippage();
    expect(model.basisPoints.toString()).toBe("5");
    expect(model.volumeLimit.toString()).toBe("0.1");
    // Zipline: close 3.00, volume 200 -> int(0.1 × 200) = 20 shares fill.
    expect(model.volumeLimit.times(200).toString()).toBe("20");
  });

  it("buys 20 at 3.0015 and sells 20 at 2.9985 on close 3.00", () => {
    const model = new FixedBasisPointsSlippage();
    const bar200 = bar(3, 200);
    expect(model.price(fill("BUY", "3.00", "20", { bar: bar200 })).toString()).toBe("3.0015");
    expect(model.price(fill("SELL", "3.00", "20", { bar: bar200 })).toString()).toBe("2.9985");
  });

  it("buys at 3.003 with 10 bps", () => {
    const model = new FixedBasisPointsSlippage({ basisPoints: 10 });
    expect(model.price(fill("BUY", "3.00", "20", { bar: bar(3, 200) })).toString()).toBe("3.003");
  });

  it("refuses a volume limit above 1", () => {
    expect(() => new FixedBasisPointsSlippage({ volumeLimit: "1.5" })).toThrow(ValidationError);
  });
});

describe("VolumeShareSlippage (figures from Zipline's test suite)", () => {
  it("defaults to a 2.5% volume limit and price impact 0.1", () => {
    const model = new VolumeShareSlippage();
    expect(model.volumeLimit.toString()).toBe("0.025");
    expect(model.priceImpact.toString()).toBe("0.1");
  });

  it("prices the 5 shares the venue lets fill of a buy of 100 at close 3.00, volume 200, at 3.0001875", () => {
    const model = new VolumeShareSlippage();
    const bar200 = bar(3, 200);
    // The venue caps the fill at 0.025 × 200 = 5 shares.
    expect(model.volumeLimit.times(bar200.volume).toString()).toBe("5");
    expect(model.price(fill("BUY", "3.00", "5", { bar: bar200 })).toString()).toBe("3.0001875");
    expect(model.price(fill("SELL", "3.00", "5", { bar: bar200 })).toString()).toBe("2.9998125");
  });

  it("buys 10 at 5.015 with volume limit 1 and price impact 0.3 at close 5.00 on volume 100", () => {
    const model = new VolumeShareSlippage({ volumeLimit: 1, priceImpact: "0.3" });
    expect(model.price(fill("BUY", "5.00", "10", { bar: bar(5, 100) })).toString()).toBe("5.015");
  });

  it("prices a later fill in the same bar at the larger share the instrument has then taken", () => {
    const model = new VolumeShareSlippage();
    const bar200 = bar(3, 200);
    // First order takes 2 shares: share 0.01 -> 3 × (1 + 0.0001 × 0.1).
    expect(model.price(fill("BUY", "3.00", "2", { bar: bar200 })).toString()).toBe("3.00003");
    // Second order takes the 3 left: share (2 + 3) / 200 = 0.025.
    expect(model.price(fill("BUY", "3.00", "3", { bar: bar200, filledThisBar: "2" })).toString()).toBe(
      "3.0001875",
    );
  });

  it("prices at the volume limit when the bar has no volume or there is no bar", () => {
    const model = new VolumeShareSlippage();
    expect(model.price(fill("BUY", "3.00", "5", { bar: bar(3, 0) })).toString()).toBe("3.0001875");
    expect(model.price(fill("BUY", "3.00", "5")).toString()).toBe("3.0001875");
  });
});

describe("VolumeShareSlippage precision", () => {
  // A third of a bar's volume: share² × priceImpact = 0.1 / 9 = 0.0111…, which no decimal holds.
  const thirds = new VolumeShareSlippage({ volumeLimit: 1, priceImpact: "0.1" });

  it("rounds the impact fraction up to 10 decimal places: a buy's price rounds up, a sell's down", () => {
    // 100 × (1 + 0.0111111112), not 101.1111111111111111111111111111111111111 (40 digits, and rounded down).
    expect(thirds.impactFraction(fill("BUY", "100", "1", { bar: bar(100, 3) })).toString()).toBe(
      "0.0111111112",
    );
    expect(thirds.price(fill("BUY", "100", "1", { bar: bar(100, 3) })).toString()).toBe("101.11111112");
    expect(thirds.price(fill("SELL", "100", "1", { bar: bar(100, 3) })).toString()).toBe("98.88888888");
    // Two thirds taken: 100 × (1 − 0.0444444445), not 95.55555555555555555555555555555555555556 (rounded up).
    expect(thirds.price(fill("SELL", "100", "1", { bar: bar(100, 3), filledThisBar: "1" })).toString()).toBe(
      "95.55555555",
    );
  });

  it("keeps a fraction that fits in 10 decimal places exact (Zipline's figures do)", () => {
    // 0.1 × (1 / 200)² = 0.0000025: no rounding, 3 × 1.0000025.
    expect(new VolumeShareSlippage().price(fill("BUY", "3.00", "1", { bar: bar(3, 200) })).toString()).toBe(
      "3.0000075",
    );
    // A volume limit with more digits than that is rounded up at the cap as well: 0.1 × 0.0123456² = 0.0000152413839…
    const fine = new VolumeShareSlippage({ volumeLimit: "0.0123456" });
    expect(fine.impactFraction(fill("BUY", "3.00", "5")).toString()).toBe("0.0000152414");
  });

  it("never prices a fill in the trader's favour, and misses the exact price by less than 1e-10 of the base", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom("0.1", "0.3", "0.0777"),
        fc.constantFrom("BUY" as const, "SELL" as const),
        (quantity, already, volume, cents, impact, side) => {
          const model = new VolumeShareSlippage({ volumeLimit: 1, priceImpact: impact });
          const base = dec(cents).div(100);
          const context = fill(side, base.toFixed(), String(quantity), {
            bar: bar(base.toNumber(), volume),
            filledThisBar: String(already),
          });
          const price = model.price(context);
          expect(price.decimalPlaces()).toBeLessThanOrEqual(12);
          // The exact move, scaled by volume² so that it is a whole product: base × impact × min(taken, volume)².
          const taken = Math.min(quantity + already, volume);
          const exact = base.times(impact).times(taken).times(taken);
          const paid = (side === "BUY" ? price.minus(base) : base.minus(price)).times(volume).times(volume);
          expect(paid.gte(exact)).toBe(true);
          expect(paid.minus(exact).lt(base.times("1e-10").times(volume).times(volume))).toBe(true);
        },
      ),
    );
  });
});

describe("SpreadSlippage", () => {
  it("buys at the ask and sells at the bid of the quote around a bar price", () => {
    const model = new SpreadSlippage();
    const context = { bar: bar(3, 200), quote: quote(2.99, 3.01) };
    expect(model.price(fill("BUY", "3.00", "100", context)).toString()).toBe("3.01");
    expect(model.price(fill("SELL", "3.00", "100", context)).toString()).toBe("2.99");
  });

  it("does not charge the spread twice when the venue already filled at the quote's touch", () => {
    const model = new SpreadSlippage();
    expect(model.price(fill("BUY", "3.01", "100", { quote: quote(2.99, 3.01) })).toString()).toBe("3.01");
    expect(model.price(fill("SELL", "2.99", "100", { quote: quote(2.99, 3.01) })).toString()).toBe("2.99");
  });

  it("fills at the base price without a quote, unless a default spread is set", () => {
    expect(new SpreadSlippage().price(fill("BUY", "100", "10")).toString()).toBe("100");
    const model = new SpreadSlippage({ defaultSpreadBps: 10 });
    expect(model.price(fill("BUY", "100", "10")).toString()).toBe("100.05");
    expect(model.price(fill("SELL", "100", "10")).toString()).toBe("99.95");
  });

  it("adds nothing for a crossed or locked quote", () => {
    const model = new SpreadSlippage();
    expect(model.price(fill("BUY", "3.00", "1", { quote: quote(3.01, 2.99) })).toString()).toBe("3");
    expect(model.price(fill("BUY", "3.00", "1", { quote: quote(3, 3) })).toString()).toBe("3");
  });
});

describe("SquareRootImpactSlippage", () => {
  it("defaults to Y = 1, a 20-bar window and no volume cap", () => {
    const model = new SquareRootImpactSlippage();
    expect(model.impactCoefficient.toString()).toBe("1");
    expect(model.window).toBe(20);
    expect(model.volumeLimit).toBeNull();
  });

  it("moves the price by Y × σ × sqrt(Q / V) with fixed volatility and volume", () => {
    // 0.02 × sqrt(100 / 10000) = 0.002 -> 50 × 1.002.
    const model = new SquareRootImpactSlippage({ volatility: "0.02", averageVolume: 10_000 });
    expect(model.price(fill("BUY", "50", "100")).toString()).toBe("50.1");
    expect(model.price(fill("SELL", "50", "100")).toString()).toBe("49.9");
  });

  it("measures volatility and average volume from the observed bars of the fill's instrument", () => {
    const model = new SquareRootImpactSlippage();
    for (const close of [100, 110, 99]) model.observe(bar(close, 1000));
    model.observe(bar(5, 1, "MSFT.XNAS"));
    // Returns 0.1 and -0.1: sample σ = sqrt(0.02) = 0.14142135…; Q / V = 10 / 1000.
    // Impact 0.14142135 × 0.1 rounded to 10 places = 0.0141421356.
    expect(model.price(fill("BUY", "100", "10")).toString()).toBe("101.41421356");
  });

  it("counts what the instrument already took in the bar", () => {
    const model = new SquareRootImpactSlippage({ volatility: "0.02", averageVolume: 10_000 });
    expect(model.price(fill("BUY", "50", "60", { filledThisBar: "40" })).toString()).toBe("50.1");
  });

  it("forgets bars older than the window", () => {
    const model = new SquareRootImpactSlippage({ window: 2, volatility: "0.02" });
    for (const volume of [1, 40_000, 40_000]) model.observe(bar(10, volume));
    // V = 40000: 0.02 × sqrt(400 / 40000) = 0.002.
    expect(model.price(fill("BUY", "10", "400")).toString()).toBe("10.02");
  });

  it("adds no impact before two returns are known, or on bars without volume", () => {
    const model = new SquareRootImpactSlippage();
    model.observe(bar(100, 1000));
    model.observe(bar(101, 1000));
    expect(model.price(fill("BUY", "100", "10")).toString()).toBe("100");
    const noVolume = new SquareRootImpactSlippage({ volatility: "0.02" });
    for (const close of [100, 101, 102]) noVolume.observe(bar(close, 0));
    expect(noVolume.price(fill("BUY", "100", "10")).toString()).toBe("100");
  });

  it("never prices a sell below zero", () => {
    const model = new SquareRootImpactSlippage({ volatility: 1, averageVolume: 1 });
    expect(model.price(fill("SELL", "10", "100")).toString()).toBe("0");
  });
});

describe("RealisticSlippage", () => {
  it("adds the half spread and the square-root impact, with a 2.5% volume cap", () => {
    const model = new RealisticSlippage({ volatility: "0.02", averageVolume: 10_000 });
    expect(model.volumeLimit.toString()).toBe("0.025");
    const context = { quote: quote(99.9, 100.1), bar: bar(100, 10_000) };
    // 100 + 0.1 (half spread) + 100 × 0.002 (impact).
    expect(model.price(fill("BUY", "100", "100", context)).toString()).toBe("100.3");
    expect(model.price(fill("SELL", "100", "100", context)).toString()).toBe("99.7");
  });

  it("learns volatility and volume from observed bars", () => {
    const model = new RealisticSlippage();
    for (const close of [100, 110, 99]) model.observe(bar(close, 1000));
    expect(model.price(fill("BUY", "100", "10")).toString()).toBe("101.41421356");
  });
});

const SEEDLESS_CONFIGS: SlippageConfigInput[] = [
  { model: "none" },
  { model: "fixed", spread: "0.05" },
  { model: "fixed-bps" },
  { model: "volume-share" },
  { model: "spread", defaultSpreadBps: 3 },
  { model: "sqrt-impact", volatility: "0.03", averageVolume: 5000 },
  { model: "realistic", volatility: "0.03", averageVolume: 5000 },
];

describe("every slippage model", () => {
  it("moves the price only against the trader", () => {
    const models = SEEDLESS_CONFIGS.map((config) => createSlippageModel(config));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 20 }),
        fc.constantFrom("BUY" as const, "SELL" as const),
        (priceCents, quantity, volume, spreadCents, side) => {
          const base = dec(priceCents).div(100);
          const price = base.toNumber();
          const context = {
            ...fill(side, base.toString(), String(quantity), { bar: bar(price, volume) }),
            quote: quote(price - spreadCents / 100, price + spreadCents / 100),
          };
          for (const model of models) {
            const filled = model.price(context);
            if (side === "BUY") expect(filled.gte(base)).toBe(true);
            else expect(filled.lte(base) && !filled.isNegative()).toBe(true);
          }
        },
      ),
    );
  });

  it("gives the same prices for the same bars and fills", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 500 }), fc.nat(10_000)), { maxLength: 40 }),
        (bars) => {
          const a = createSlippageModel({ model: "realistic" });
          const b = createSlippageModel({ model: "realistic" });
          for (const [close, volume] of bars) {
            a.observe?.(bar(close, volume));
            b.observe?.(bar(close, volume));
          }
          const context = fill("BUY", "100", "25", { instrument: AAPL });
          expect(a.price(context).toString()).toBe(b.price(context).toString());
        },
      ),
    );
  });
});

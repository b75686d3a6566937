import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assertPriceOnTick,
  assertQuantityOnLot,
  createInstrument,
  Decimal,
  dec,
  favourableRounding,
  type Instrument,
  isOnStep,
  isPowerOfTen,
  pricePrecision,
  roundPriceFavourable,
  roundPriceNearest,
  roundQuantityToLot,
  roundToStep,
  ValidationError,
} from "../src/index.js";

function instrument(tickSize: string, lotSize = "1"): Instrument {
  return createInstrument({ id: "AAPL.XNAS", assetClass: "equity", currency: "USD", tickSize, lotSize });
}

/** The four favourable roundings of `price`: [buy limit, sell limit, buy stop, sell stop]. */
function favourable(tick: string, price: Decimal | string): string[] {
  const i = instrument(tick);
  const p = typeof price === "string" ? dec(price) : price;
  return [
    roundPriceFavourable(i, p, "BUY", "limit"),
    roundPriceFavourable(i, p, "SELL", "limit"),
    roundPriceFavourable(i, p, "BUY", "stop"),
    roundPriceFavourable(i, p, "SELL", "stop"),
  ].map((d) => d.toFixed());
}

describe("favourable rounding", () => {
  it("rounds a buy limit and a sell stop down, a sell limit and a buy stop up", () => {
    expect(favourableRounding("BUY", "limit")).toBe("down");
    expect(favourableRounding("SELL", "stop")).toBe("down");
    expect(favourableRounding("SELL", "limit")).toBe("up");
    expect(favourableRounding("BUY", "stop")).toBe("up");
  });

  describe("tick 0.01", () => {
    it.each([
      // price            buy limit  sell limit  buy stop  sell stop
      ["100.01", ["100.01", "100.01", "100.01", "100.01"]],
      ["100.005", ["100", "100.01", "100.01", "100"]],
      ["100.0099999", ["100", "100.01", "100.01", "100"]],
      ["100.0100001", ["100.01", "100.02", "100.02", "100.01"]],
      ["0.001", ["0", "0.01", "0.01", "0"]],
    ])("%s -> %j", (price, expected) => {
      expect(favourable("0.01", price)).toEqual(expected);
    });

    it("snaps float noise onto the tick instead of rounding a whole tick away", () => {
      expect(favourable("0.01", new Decimal(100.00999999999999))).toEqual([
        "100.01",
        "100.01",
        "100.01",
        "100.01",
      ]);
      expect(favourable("0.01", new Decimal(0.1 + 0.2))).toEqual(["0.3", "0.3", "0.3", "0.3"]);
    });

    it("snaps within a billionth of a tick, and no further", () => {
      // 0.4e-9 tick above 100.01: on the grid. 2e-9 tick above: a real price between two ticks.
      expect(favourable("0.01", "100.010000000004")).toEqual(["100.01", "100.01", "100.01", "100.01"]);
      expect(favourable("0.01", "100.00999999999996")).toEqual(["100.01", "100.01", "100.01", "100.01"]);
      expect(favourable("0.01", "100.01000000002")).toEqual(["100.01", "100.02", "100.02", "100.01"]);
      expect(favourable("0.01", "100.00999999998")).toEqual(["100", "100.01", "100.01", "100"]);
    });
  });

  describe("tick 0.0001", () => {
    it.each([
      ["1.2345", ["1.2345", "1.2345", "1.2345", "1.2345"]],
      ["1.23455", ["1.2345", "1.2346", "1.2346", "1.2345"]],
      ["1.23459999", ["1.2345", "1.2346", "1.2346", "1.2345"]],
      ["1.23450001", ["1.2345", "1.2346", "1.2346", "1.2345"]],
      ["1.2344999", ["1.2344", "1.2345", "1.2345", "1.2344"]],
    ])("%s -> %j", (price, expected) => {
      expect(favourable("0.0001", price)).toEqual(expected);
    });

    it("snaps float noise (1.2346 read as 1.2345999999999999)", () => {
      expect(favourable("0.0001", new Decimal(1.2345999999999999))).toEqual([
        "1.2346",
        "1.2346",
        "1.2346",
        "1.2346",
      ]);
    });
  });

  describe("tick 0.05", () => {
    it.each([
      ["100.05", ["100.05", "100.05", "100.05", "100.05"]],
      ["100.02", ["100", "100.05", "100.05", "100"]],
      ["100.04999", ["100", "100.05", "100.05", "100"]],
      ["100.05001", ["100.05", "100.1", "100.1", "100.05"]],
      ["100.099", ["100.05", "100.1", "100.1", "100.05"]],
    ])("%s -> %j", (price, expected) => {
      expect(favourable("0.05", price)).toEqual(expected);
    });

    it("knows which prices are on the grid", () => {
      const tick = dec("0.05");
      expect(isOnStep(dec("100.05"), tick)).toBe(true);
      expect(isOnStep(dec("100.1"), tick)).toBe(true);
      expect(isOnStep(dec("100.07"), tick)).toBe(false);
      expect(isOnStep(dec("100.0500001"), tick)).toBe(false);
    });
  });
});

describe("power-of-ten steps", () => {
  /** The definition: positive, at most 1, and 10^-(its decimal places). */
  const byDefinition = (step: Decimal) =>
    step.isFinite() && step.gt(0) && step.lte(1) && new Decimal(10).pow(-step.decimalPlaces()).eq(step);

  it("are 1, 0.1, 0.01, ... and nothing else, read off the digits as the definition gives", () => {
    const step = fc.oneof(
      fc.integer({ min: -60, max: 4 }).map((k) => new Decimal(`1e${k}`)),
      fc
        .tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: -60, max: 4 }), fc.boolean())
        .map(([digits, k, negative]) => new Decimal(`${negative ? "-" : ""}${digits}e${k}`)),
      fc
        .constantFrom("0", "-0", "1", "10", "0.5", "0.25", "1.0000001", "0.0000001", "1e-7", "1e-8", "1e-14")
        .map((v) => new Decimal(v)),
      fc
        .constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY)
        .map((v) => new Decimal(v)),
    );
    fc.assert(
      fc.property(step, (s) => {
        expect(isPowerOfTen(s)).toBe(byDefinition(s));
      }),
      { numRuns: 5000 },
    );
    expect(["1", "0.01", "0.0001", "1e-7", "1e-30"].map((v) => isPowerOfTen(dec(v)))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(["10", "0.05", "0.25", "2", "0.011"].map((v) => isPowerOfTen(dec(v)))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe("nearest rounding", () => {
  it("rounds to the nearest tick, ties to the even tick", () => {
    const i = instrument("0.05");
    expect(roundPriceNearest(i, dec("100.02")).toFixed()).toBe("100");
    expect(roundPriceNearest(i, dec("100.03")).toFixed()).toBe("100.05");
    expect(roundPriceNearest(i, dec("100.025")).toFixed()).toBe("100"); // 2000.5 ticks -> 2000
    expect(roundPriceNearest(i, dec("100.075")).toFixed()).toBe("100.1"); // 2001.5 ticks -> 2002
  });

  it("rounds to any step in any mode", () => {
    expect(roundToStep(dec("7"), dec("2.5"), "down").toFixed()).toBe("5");
    expect(roundToStep(dec("7"), dec("2.5"), "up").toFixed()).toBe("7.5");
    expect(roundToStep(dec("7"), dec("2.5"), "nearest").toFixed()).toBe("7.5");
  });
});

describe("lots", () => {
  it("rounds a quantity down to the lot (never more than asked)", () => {
    expect(roundQuantityToLot(instrument("0.01", "0.001"), dec("1.2349")).toFixed()).toBe("1.234");
    expect(roundQuantityToLot(instrument("0.01", "100"), dec("250")).toFixed()).toBe("200");
    expect(roundQuantityToLot(instrument("0.01", "100"), dec("99")).toFixed()).toBe("0");
    expect(roundQuantityToLot(instrument("0.01", "0.001"), new Decimal(0.1 + 0.2)).toFixed()).toBe("0.3");
  });

  it("refuses a quantity off the lot with QUANTITY_NOT_ON_LOT", () => {
    const i = instrument("0.01", "0.001");
    expect(() => assertQuantityOnLot(i, dec("1.234"))).not.toThrow();
    expect(() => assertQuantityOnLot(i, dec("1.2345"))).toThrowError(
      "QUANTITY_NOT_ON_LOT: quantity: quantity 1.2345 is not a multiple of lot size 0.001 for AAPL.XNAS",
    );
  });
});

describe("prices not on the tick", () => {
  const aapl = instrument("0.01");

  it("are refused with PRICE_NOT_ON_TICK, naming the field, the price, the tick and the instrument", () => {
    let error: unknown;
    try {
      assertPriceOnTick(aapl, dec("101.003"));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe(
      "PRICE_NOT_ON_TICK: price: limit price 101.003 is not a multiple of tick size 0.01 for AAPL.XNAS",
    );
    expect((error as ValidationError).code).toBe("PRICE_NOT_ON_TICK");
    expect((error as ValidationError).issues).toEqual([
      {
        path: ["price"],
        code: "PRICE_NOT_ON_TICK",
        message: "limit price 101.003 is not a multiple of tick size 0.01 for AAPL.XNAS",
      },
    ]);
  });

  it("call a trigger price a trigger price", () => {
    expect(() => assertPriceOnTick(aapl, dec("99.999"), "triggerPrice")).toThrowError(
      "PRICE_NOT_ON_TICK: triggerPrice: trigger price 99.999 is not a multiple of tick size 0.01 for AAPL.XNAS",
    );
    expect(() => assertPriceOnTick(aapl, dec("99.999"), "stopLoss.triggerPrice")).toThrowError(
      "PRICE_NOT_ON_TICK: stopLoss.triggerPrice: trigger price 99.999",
    );
  });

  it("are not refused when on the tick, whatever the tick", () => {
    expect(() => assertPriceOnTick(aapl, dec("101.01"))).not.toThrow();
    expect(() => assertPriceOnTick(instrument("0.05"), dec("101.05"))).not.toThrow();
    expect(() => assertPriceOnTick(instrument("0.05"), dec("101.01"))).toThrowError(
      "limit price 101.01 is not a multiple of tick size 0.05",
    );
    expect(() => assertPriceOnTick(instrument("0.0001"), dec("1.23456"))).toThrowError(
      "limit price 1.23456 is not a multiple of tick size 0.0001",
    );
  });

  it("include float noise: only rounding snaps it", () => {
    expect(() => assertPriceOnTick(aapl, new Decimal(100.00999999999999))).toThrowError("PRICE_NOT_ON_TICK");
  });
});

describe("createInstrument", () => {
  it("fills in symbol and venue from the id, lot size and multiplier 1", () => {
    const btc = createInstrument({
      id: "BTC/USDT.BINANCE",
      assetClass: "crypto-spot",
      currency: "USDT",
      baseCurrency: "BTC",
      tickSize: "0.01",
      lotSize: 0.00001,
    });
    expect(btc.symbol).toBe("BTC/USDT");
    expect(btc.venue).toBe("BINANCE");
    expect(btc.lotSize.toFixed()).toBe("0.00001");
    expect(btc.multiplier.toFixed()).toBe("1");
    expect(pricePrecision(btc)).toBe(2);
    expect(pricePrecision(instrument("0.05"))).toBe(2);
    expect(pricePrecision(instrument("1"))).toBe(0);
  });

  it("keeps every field it is given", () => {
    const es = createInstrument({
      id: "ESZ4.XCME",
      assetClass: "future",
      currency: "USD",
      tickSize: "0.25",
      multiplier: "50",
      minQuantity: 1,
      maxQuantity: 500,
      minNotional: 0,
      marginInit: "12000",
      marginMaint: "11000",
      makerFee: "-0.0001",
      takerFee: "0.0002",
      calendar: "CME",
    });
    expect(es.multiplier.toFixed()).toBe("50");
    expect(es.makerFee?.toFixed()).toBe("-0.0001");
    expect(es.calendar).toBe("CME");
    // The schema's order, then the filled-in symbol and venue: what a result's JSON shows, every run.
    expect(Object.keys(es)).toEqual([
      "id",
      "assetClass",
      "currency",
      "tickSize",
      "lotSize",
      "minQuantity",
      "maxQuantity",
      "minNotional",
      "multiplier",
      "marginInit",
      "marginMaint",
      "makerFee",
      "takerFee",
      "calendar",
      "symbol",
      "venue",
    ]);
  });

  it("gives instruments parsed alike one hidden class, so reads on the order path stay monomorphic", () => {
    // V8's own check (%HaveSameMap), in a child process allowed to use it, on the built package (npm
    // test builds first). zod's outputs each had a hidden class of their own: over 100 instruments every
    // instrument read on the order path went megamorphic (92 distinct hidden classes).
    const core = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), "../dist/index.js")).href;
    const script = `
      const { createInstrument } = await import(${JSON.stringify(core)});
      const make = (i, extra) => createInstrument({ id: "S" + i + ".BENCH", assetClass: "equity", currency: "USD", tickSize: "0.0001", lotSize: "1", ...extra });
      const plain = Array.from({ length: 100 }, (_, i) => make(i, {}));
      const limited = Array.from({ length: 20 }, (_, i) => make(i, { minQuantity: 1, maxQuantity: 1000 }));
      const shapes = (xs) => xs.filter((x) => !%HaveSameMap(x, xs[0])).length + 1;
      console.log(JSON.stringify([shapes(plain), shapes(limited)]));
    `;
    const child = spawnSync(
      process.execPath,
      ["--allow-natives-syntax", "--input-type=module", "-e", script],
      { encoding: "utf8" },
    );
    expect(child.stderr).toBe("");
    expect(JSON.parse(child.stdout)).toEqual([1, 1]);
  });

  function problems(input: unknown): string {
    try {
      createInstrument(input as never);
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).message;
    }
    throw new Error("expected a ValidationError");
  }

  it("names a missing tick size", () => {
    expect(problems({ id: "AAPL.XNAS", assetClass: "equity", currency: "USD" })).toBe(
      "VALIDATION: instrument.tickSize: is required: a decimal number as a string or number",
    );
  });

  it("names each bad field with the reason, all at once", () => {
    expect(
      problems({
        id: "AAPL",
        assetClass: "stock",
        currency: "",
        tickSize: "-0.01",
        lotSize: 0,
        multiplier: "x",
      }),
    ).toBe(
      [
        'VALIDATION: instrument.id: must look like "SYMBOL.VENUE", e.g. "AAPL.XNAS"',
        'instrument.assetClass: Invalid option: expected one of "equity"|"future"|"crypto-spot"|"crypto-perp"|"fx"|"index"',
        "instrument.currency: Too small: expected string to have >=1 characters",
        "instrument.tickSize: must be greater than zero, got -0.01",
        "instrument.lotSize: must be greater than zero, got 0",
        'instrument.multiplier: must be a decimal number, got "x"',
      ].join("; "),
    );
  });

  it("refuses a minimum quantity above the maximum", () => {
    const base = { id: "AAPL.XNAS", assetClass: "equity", currency: "USD", tickSize: "0.01" };
    expect(problems({ ...base, minQuantity: 10, maxQuantity: 5 })).toBe(
      "VALIDATION: instrument.minQuantity: must not exceed maxQuantity 5, got 10",
    );
    // A bad minimum is reported as such, not as a crash in the comparison.
    expect(problems({ ...base, minQuantity: "abc", maxQuantity: 5 })).toBe(
      'VALIDATION: instrument.minQuantity: must be a decimal number, got "abc"',
    );
  });
});

describe("grid checks agree with exact division for every kind of step", () => {
  const steps = ["1", "0.1", "0.01", "0.0001", "0.05", "0.25", "10", "100", "25"].map((s) => new Decimal(s));
  it("isOnStep(v, s) is v mod s = 0, and roundToStep lands on the grid within one step", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom(...steps),
        fc.constantFrom("down" as const, "up" as const, "nearest" as const),
        (units, places, step, mode) => {
          const value = new Decimal(units).div(new Decimal(10).pow(places));
          expect(isOnStep(value, step)).toBe(value.mod(step).isZero());
          const rounded = roundToStep(value, step, mode);
          expect(rounded.mod(step).isZero()).toBe(true);
          expect(rounded.minus(value).abs().lt(step)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

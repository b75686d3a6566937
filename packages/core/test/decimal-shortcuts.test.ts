import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, ExactDecimal, ZERO } from "../src/index.js";

/** Value and sign of zero: what "exactly the same" means for a Decimal. */
const same = (a: Decimal, b: Decimal) => {
  expect(a.eq(b)).toBe(true);
  expect(a.isNegative()).toBe(b.isNegative());
};

const decimals = fc
  .oneof(
    fc.constantFrom("0", "-0", "1", "-1", "0.01", "100.07", "-3.5"),
    fc
      .tuple(fc.bigInt({ min: -(10n ** 45n), max: 10n ** 45n }), fc.integer({ min: 0, max: 30 }))
      .map(([units, places]) =>
        `${units < 0n ? "-" : ""}${(units < 0n ? -units : units)
          .toString()
          .padStart(places + 1, "0")
          .replace(new RegExp(`(\\d{${places}})$`), ".$1")}`.replace(/\.$/, ""),
      ),
  )
  .map((text) => new Decimal(text));

/** Values of a few digits at any scale (prices, quantities, fees, cash), where the double shortcuts apply. */
const smallDecimals = fc
  .tuple(
    fc.oneof(fc.integer({ min: -99_999, max: 99_999 }), fc.integer({ min: -(2 ** 53), max: 2 ** 53 })),
    fc.integer({ min: -30, max: 30 }),
  )
  .map(([units, exponent]) => new Decimal(units).times(new Decimal(10).pow(exponent)));

describe("ExactDecimal gives exactly what the plain decimal.js expression gives", () => {
  it("for sums, differences, comparisons, min, max, abs and multipliers", () => {
    fc.assert(
      fc.property(decimals, decimals, (a, b) => {
        same(ExactDecimal.plus(a, b), a.plus(b));
        same(ExactDecimal.minus(a, b), a.minus(b));
        expect(ExactDecimal.compare(a, b)).toBe(a.cmp(b));
        same(ExactDecimal.larger(a, b), Decimal.max(a, b));
        same(ExactDecimal.smaller(a, b), Decimal.min(a, b));
        same(ExactDecimal.absolute(a), a.abs());
        same(ExactDecimal.timesMultiplier(a, new Decimal(1)), a.times(1));
        same(ExactDecimal.timesMultiplier(a, b), a.times(b));
        expect(ExactDecimal.isAboveZero(a)).toBe(a.gt(0));
        expect(ExactDecimal.isBelowZero(a)).toBe(a.lt(0));
      }),
      { numRuns: 2000 },
    );
  });

  it("for sums, differences and products of values with few digits (computed in doubles)", () => {
    fc.assert(
      fc.property(fc.oneof(smallDecimals, decimals), fc.oneof(smallDecimals, decimals), (a, b) => {
        same(ExactDecimal.plus(a, b), a.plus(b));
        same(ExactDecimal.minus(a, b), a.minus(b));
        same(ExactDecimal.times(a, b), a.times(b));
        same(ExactDecimal.timesMultiplier(a, b), a.times(b));
        // The same value cancels to the same zero; the result is an ordinary Decimal.
        same(ExactDecimal.minus(a, a), a.minus(a));
        same(ExactDecimal.plus(a, a.neg()), a.plus(a.neg()));
        expect(ExactDecimal.times(a, b)).toEqual(a.times(b));
        expect(ExactDecimal.plus(a, b)).toEqual(a.plus(b));
        expect(ExactDecimal.minus(a, b)).toEqual(a.minus(b));
      }),
      { numRuns: 5000 },
    );
  });
});

describe("ExactDecimal's double paths at the edges of V8's small integers", () => {
  it("subtracts from zero and multiplies words beyond 2^30 as decimal.js does", () => {
    // A first word of 108 or more times 1e7 is beyond 2^30: the scaled arithmetic must stay exact there.
    for (const text of ["107.9999999", "108", "108.0000001", "123.456789", "99999.9999999", "-0.0000001"]) {
      const x = new Decimal(text);
      for (const other of [ZERO, new Decimal("-0"), new Decimal("1"), new Decimal("250.5"), x]) {
        expect(ExactDecimal.minus(other, x)).toEqual(other.minus(x));
        expect(ExactDecimal.times(x, other)).toEqual(x.times(other));
        expect(ExactDecimal.plus(x, other)).toEqual(x.plus(other));
      }
    }
  });
});

describe("ExactDecimal.fromUnits", () => {
  it("builds units × 10^-places as the text would parse (sign, exponent, words)", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -99_999, max: 99_999 }), fc.maxSafeInteger(), fc.integer()),
        fc.integer({ min: 0, max: 20 }),
        (units, places) => {
          const fast = ExactDecimal.fromUnits(units, places) as unknown as {
            s: number;
            e: number;
            d: number[];
          };
          const text = new Decimal(`${units}e-${places}`) as unknown as { s: number; e: number; d: number[] };
          expect({ s: fast.s, e: fast.e, d: fast.d }).toEqual({ s: text.s, e: text.e, d: text.d });
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe("ExactDecimal.fromNumber", () => {
  /** Same fields as decimal.js's own construction (value, sign, exponent, words). */
  const identical = (x: number) => {
    const fast = ExactDecimal.fromNumber(x) as unknown as { s: number; e: number; d: number[] };
    const plain = new Decimal(x) as unknown as { s: number; e: number; d: number[] };
    expect({ s: fast.s, e: fast.e, d: fast.d }).toEqual({ s: plain.s, e: plain.e, d: plain.d });
  };

  it("builds the same Decimal as new Decimal(x) for prices on cent, tick and micro grids", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(10 ** 13), max: 10 ** 13 }),
        fc.constantFrom(1, 100, 10_000, 1_000_000, 8, 20),
        (units, per) => identical(units / per),
      ),
      { numRuns: 5000 },
    );
  });

  it("falls back to decimal.js for any other number (off the grid, tiny, huge, -0)", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => identical(x)),
      { numRuns: 3000 },
    );
    for (const x of [-0, 0, 0.1 + 0.2, 1e-7, 123456789.123456, 99999999999999.98, 1e21, 5e-324]) identical(x);
  });
});

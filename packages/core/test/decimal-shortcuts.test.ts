import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, ExactDecimal } from "../src/index.js";

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
});

import { Decimal, ZERO } from "@ordo/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { plusPnl } from "../src/exact-shortcuts.js";
import { ExactSum } from "../src/exact-sum.js";
import { millionthsOf, millionthsToDecimal } from "../src/fixed-point.js";

/** Decimals of 0-12 places, small to far past the safe integers of millionths. */
const decimal = fc
  .tuple(
    fc.oneof(
      fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }),
      fc.bigInt({ min: -(10n ** 22n), max: 10n ** 22n }),
    ),
    fc.integer({ min: 0, max: 12 }),
  )
  .map(([digits, places]) => new Decimal(`${digits}e-${places}`));

/** The fields decimal.js keeps, so equal values with different shapes would show. */
function shape(x: Decimal): unknown {
  const { s, e, d } = x as unknown as { s: number; e: number; d: number[] };
  return { s, e, d: [...d] };
}

describe("fixed-point conversions", () => {
  it("millionthsToDecimal builds the Decimal parsing the text gives", () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (m) => {
        expect(shape(millionthsToDecimal(m))).toEqual(shape(new Decimal(`${m}e-6`)));
      }),
    );
  });

  it("millionthsOf is the exact value in millionths, or NaN when that is not a safe integer", () => {
    fc.assert(
      fc.property(decimal, (x) => {
        const exact = x.times(1e6);
        const expected =
          exact.isInteger() && exact.abs().lte(Number.MAX_SAFE_INTEGER) ? exact.toNumber() : Number.NaN;
        expect(millionthsOf(x)).toBe(expected === 0 ? 0 : expected);
      }),
    );
  });
});

describe("ExactSum", () => {
  it("reads as the Decimal chain ZERO.plus(a).plus(b)... after every addition", () => {
    fc.assert(
      fc.property(fc.array(decimal, { maxLength: 30 }), (addends) => {
        const sum = new ExactSum();
        let chain = ZERO;
        for (const x of addends) {
          if (x.isZero()) continue;
          sum.add(x);
          chain = chain.plus(x);
          expect(shape(sum.value)).toEqual(shape(chain));
          expect(sum.value.isNegative()).toBe(chain.isNegative());
        }
      }),
    );
  });
});

describe("plusPnl", () => {
  /** Decimals with zeros of both signs among them. */
  const addend = fc.oneof(decimal, fc.constantFrom(ZERO, new Decimal(-0), new Decimal("0e-3")));

  it("gives what decimal.js's plus gives, zeros' signs included", () => {
    fc.assert(
      fc.property(addend, addend, (a, b) => {
        const sum = plusPnl(a, b);
        expect(shape(sum)).toEqual(shape(a.plus(b)));
        expect(sum.isNegative()).toBe(a.plus(b).isNegative());
      }),
    );
  });
});

import { Decimal } from "@ordo/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gridPrice } from "../../src/venue/grid-price.js";

/** decimal.js's fields: the same sign, exponent and words make the same Decimal. */
function shape(x: Decimal): { s: number; e: number; d: number[] | null; text: string } {
  const raw = x as unknown as { s: number; e: number; d: number[] | null };
  return { s: raw.s, e: raw.e, d: raw.d === null ? null : [...raw.d], text: x.toFixed() };
}

describe("gridPrice", () => {
  it("builds exactly new Decimal(price) for prices on a decimal grid", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 7 }),
        fc.integer({ min: 0, max: 8 }),
        fc.maxSafeNat(),
        (places, p, raw) => {
          // Steps counts of every size, from one digit to 15.
          const m = (raw % 10 ** (p + 7)) + 1;
          const price = m / 10 ** places;
          expect(shape(gridPrice(price, places))).toEqual(shape(new Decimal(price)));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it("builds exactly new Decimal(price) for any price, on the grid or not", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e12, noNaN: true }),
        fc.integer({ min: 0, max: 9 }),
        (price, places) => {
          expect(shape(gridPrice(price, places))).toEqual(shape(new Decimal(price)));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it("gives the same Decimal at the edges: zero, whole numbers, many words, just off the grid", () => {
    for (const [price, places] of [
      [0, 4],
      [1, 0],
      [1e7, 2],
      [123456789.1234, 4],
      [0.0001, 4],
      [0.1 + 0.2, 2],
      [99999999.99, 2],
      [100.61, 4],
      [2 ** 53, 0],
    ] as const) {
      expect(shape(gridPrice(price, places))).toEqual(shape(new Decimal(price)));
    }
  });
});

import { Decimal, ZERO } from "@ordo/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  exactMillionthsOf,
  millionthsToDecimal,
  priceMillionths,
  safeIntegerOf,
} from "../src/fixed-point.js";
import type { Valuation } from "../src/instrument-book.js";
import { type UnitValuation, ValuationTotals } from "../src/valuation-totals.js";

/** Millionths: small, anywhere up to the safe limit, at it, and zero. */
const units = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }) },
  { weight: 2, arbitrary: fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }) },
  { weight: 1, arbitrary: fc.constantFrom(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 52) },
  { weight: 1, arbitrary: fc.constant(0) },
);

/** A Decimal of up to 34 digits and 30 places: totals holding it are not integers of millionths. */
const longDecimal = fc
  .tuple(fc.bigInt({ min: -(10n ** 34n), max: 10n ** 34n }), fc.integer({ min: 0, max: 30 }))
  .map(([digits, places]) => new Decimal(`${digits}e-${places}`));

/** A book's valuation: in millionths (as a cash account's feed-price valuation), empty, or Decimals. */
const valuation = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(units, units, fc.oneof(units.map(millionthsToDecimal), longDecimal))
      .map(([market, gross, cost]) => unitValuation(market, Math.abs(gross), cost)),
  },
  { weight: 1, arbitrary: fc.constant(null) },
  {
    weight: 1,
    arbitrary: fc.tuple(longDecimal, longDecimal, longDecimal).map(
      ([marketValue, grossExposure, cost]): Valuation => ({
        currency: "USD",
        marketValue,
        grossExposure: grossExposure.abs(),
        cost,
        initialMargin: ZERO,
        maintenanceMargin: ZERO,
      }),
    ),
  },
);

function unitValuation(market: number, gross: number, cost: Decimal): UnitValuation {
  const marketValue = market === 0 ? ZERO : millionthsToDecimal(market);
  return {
    currency: "USD",
    marketMillionths: market,
    grossMillionths: gross,
    cost,
    costMillionths: exactMillionthsOf(cost),
    marketValue,
    grossExposure: gross === market ? marketValue : gross === 0 ? ZERO : millionthsToDecimal(gross),
    initialMargin: ZERO,
    maintenanceMargin: ZERO,
  } as unknown as UnitValuation;
}

const EMPTY = unitValuation(0, 0, ZERO);

function isUnitValuation(v: Valuation): v is UnitValuation {
  return "marketMillionths" in v;
}

/** Every figure as text with the sign of zero, so −0 and 0 count as different. */
function figures(t: ValuationTotals): string[] {
  return [t.marketValue, t.grossExposure, t.cost, t.unrealized].map(
    (v) => `${v.isNegative() ? "-" : "+"}${v.toString()}`,
  );
}

describe("ValuationTotals", () => {
  it("shifts by millionths to the same Decimals as replacing the valuations with Decimals", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(5), valuation), { maxLength: 60 }), (steps) => {
        const shifted = new ValuationTotals();
        const replaced = new ValuationTotals();
        const held: Valuation[] = Array.from({ length: 6 }, () => EMPTY);
        for (const [book, next] of steps) {
          const before = held[book]!;
          const after = next ?? EMPTY;
          // As the portfolio does: a shift when both are in millionths and it can, else a replace.
          const done =
            isUnitValuation(before) &&
            isUnitValuation(after) &&
            shifted.shift(
              before,
              after.marketMillionths,
              after.grossMillionths,
              after.cost,
              after.costMillionths,
            );
          if (!done) shifted.replace(before, after);
          replaced.replace(before, after);
          held[book] = after;
          expect(figures(shifted)).toEqual(figures(replaced));
        }
      }),
      { numRuns: 500 },
    );
  });

  it("falls back to Decimals when a step of the shift would leave the safe integers", () => {
    const max = Number.MAX_SAFE_INTEGER;
    const shifted = new ValuationTotals();
    const replaced = new ValuationTotals();
    const [a, b, c] = [
      unitValuation(max, 1, ZERO),
      unitValuation(-max, 1, ZERO),
      unitValuation(max, 1, ZERO),
    ];
    for (const [before, after] of [
      [EMPTY, a],
      [EMPTY, b],
      [EMPTY, c],
    ] as const) {
      expect(shifted.shift(before, after.marketMillionths, after.grossMillionths, after.cost, 0)).toBe(true);
      replaced.replace(before, after);
    }
    // Taking b out leaves 2 × max millionths of market value: not a safe integer.
    expect(shifted.shift(b, 0, 0, ZERO, 0)).toBe(false);
    shifted.replace(b, EMPTY);
    replaced.replace(b, EMPTY);
    expect(figures(shifted)).toEqual(figures(replaced));
    expect(shifted.marketValue.toFixed()).toBe("18014398509.481982");
  });

  it("holds the exact sum of the valuations it holds, rounded once when read, whatever the order of the changes", () => {
    // The reference: each figure summed afresh over the valuations held at the end, without rounding.
    const Exact = Decimal.clone({ precision: 1e9 });
    const exactSum = (values: Decimal[]) =>
      values.reduce((s: Decimal, v) => s.plus(v), new Exact(0)).toSignificantDigits(Decimal.precision);
    const text = (v: Decimal) => `${v.isNegative() ? "-" : "+"}${v.toString()}`;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(5), valuation), { maxLength: 40 }), fc.nat(), (steps, seed) => {
        const totals = new ValuationTotals();
        const held: Valuation[] = Array.from({ length: 6 }, () => EMPTY);
        for (const [book, next] of steps) {
          const after = next ?? EMPTY;
          totals.replace(held[book]!, after);
          held[book] = after;
        }
        // Another history that ends with the same valuations: each book's, in another order of books.
        const again = new ValuationTotals();
        const order = held.map((_, i) => (i + seed) % held.length);
        for (const i of order) again.replace(EMPTY, held[i]!);
        for (const t of [totals, again]) {
          expect(t.marketValue.eq(exactSum(held.map((v) => v.marketValue)))).toBe(true);
          expect(t.grossExposure.eq(exactSum(held.map((v) => v.grossExposure)))).toBe(true);
          expect(t.cost.eq(exactSum(held.map((v) => v.cost)))).toBe(true);
          const market = held.reduce((s: Decimal, v) => s.plus(v.marketValue), new Exact(0));
          const cost = held.reduce((s: Decimal, v) => s.plus(v.cost), new Exact(0));
          expect(t.unrealized.eq(market.minus(cost).toSignificantDigits(Decimal.precision))).toBe(true);
        }
        expect(figures(again).map((f) => f.slice(1))).toEqual(figures(totals).map((f) => f.slice(1)));
        expect([again.marketValue, again.cost].map(text)).toEqual(
          [totals.marketValue, totals.cost].map(text),
        );
      }),
      { numRuns: 500 },
    );
  });

  it("does not drift: re-valuing books back and forth leaves the sums where they started", () => {
    // 37 integer digits in one valuation: at 40 digits, a figure keeps only 3 decimals, so sums that
    // rounded at each step would drift (to …999.996 after the first round trip here).
    const huge: Valuation = {
      currency: "USD",
      marketValue: new Decimal("-9999999999999999999999999000000000000"),
      grossExposure: new Decimal("9999999999999999999999999000000000000"),
      cost: ZERO,
      initialMargin: ZERO,
      maintenanceMargin: ZERO,
    };
    const at = (millionths: number) => unitValuation(millionths, millionths, ZERO);
    const totals = new ValuationTotals();
    totals.replace(EMPTY, huge);
    const held = [at(1_500), at(1_500)];
    for (const v of held) totals.replace(EMPTY, v);
    const start = totals.marketValue.toFixed();
    expect(start).toBe("-9999999999999999999999998999999999999.997");
    for (let day = 1; day <= 6; day++) {
      for (let book = 0; book < 2; book++) {
        const next = at(day % 2 === 1 ? 6_500 : 1_500);
        totals.replace(held[book]!, next);
        held[book] = next;
      }
      if (day % 2 === 0) expect(totals.marketValue.toFixed()).toBe(start);
    }
  });
});

describe("fixed-point reading of numbers and quantities", () => {
  /** The first version of priceMillionths: every k from 0 up (the first that passes). */
  function priceMillionthsByPlaces(price: number): number {
    for (let k = 0; k <= 6; k++) {
      const scale = 10 ** k;
      const u = Math.round(price * scale);
      if (u / scale !== price) continue;
      if (u === 0 || Math.abs(u) >= 1e15) return Number.NaN;
      const p = u * 10 ** (6 - k);
      return Math.abs(p) <= Number.MAX_SAFE_INTEGER ? p : Number.NaN;
    }
    return Number.NaN;
  }

  const price = fc.oneof(
    fc
      .tuple(
        fc.oneof(
          fc.integer({ min: -2_000_000, max: 2_000_000 }),
          fc.integer({ min: -(2 ** 53), max: 2 ** 53 }),
        ),
        fc.integer({ min: 0, max: 8 }),
      )
      .map(([u, places]) => u / 10 ** places),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
  );

  it("priceMillionths is new Decimal(price) in millionths, as trying every number of places gives", () => {
    fc.assert(
      fc.property(price, (p) => {
        const m = priceMillionths(p);
        expect(m).toBe(priceMillionthsByPlaces(p));
        if (!Number.isNaN(m)) expect(new Decimal(p).times(1e6).toFixed()).toBe(String(m));
      }),
      { numRuns: 2000 },
    );
  });

  it("safeIntegerOf is the value when it is a safe integer, else NaN", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map((n) => new Decimal(n.toString())),
          longDecimal,
        ),
        (x) => {
          const n = x.toNumber();
          const expected = x.isInteger() && Number.isSafeInteger(n) ? n : Number.NaN;
          // −0 and 0 are the same integer here (either refuses a zero market value).
          expect(safeIntegerOf(x) === 0 ? 0 : safeIntegerOf(x)).toBe(expected === 0 ? 0 : expected);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

import { Decimal, isOnStep } from "@ordo/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GridStep } from "../../src/venue/grid-step.js";

const STEPS = ["1", "0.1", "0.01", "0.0001", "0.00000001", "0.05", "0.25", "5", "10", "100", "0.5", "2.5"];

describe("GridStep", () => {
  it("answers as core's isOnStep, for power-of-ten steps and others", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STEPS),
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.integer({ min: 0, max: 10 }),
        (step, units, places) => {
          const value = new Decimal(units).div(new Decimal(10).pow(places));
          expect(new GridStep(new Decimal(step)).holds(value)).toBe(isOnStep(value, new Decimal(step)));
        },
      ),
      { numRuns: 5000 },
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AlwaysFillOnTouch,
  FixedLatency,
  ProbabilisticTouchFill,
  RandomLatency,
  SeededRandom,
} from "../../src/index.js";

function draws<T>(count: number, draw: () => T): T[] {
  return Array.from({ length: count }, draw);
}

describe("SeededRandom (mulberry32)", () => {
  it("keeps the published mulberry32 sequence, so golden results never drift", () => {
    const random = new SeededRandom(1);
    expect(draws(3, () => random.next())).toEqual([
      0.6270739405881613, 0.002735721180215478, 0.5274470399599522,
    ]);
  });

  it("draws integers within the bounds, both included", () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 50 }),
        (seed, min, width) => {
          const random = new SeededRandom(seed);
          for (const value of draws(20, () => random.nextInt(min, min + width))) {
            expect(Number.isInteger(value) && value >= min && value <= min + width).toBe(true);
          }
        },
      ),
    );
  });

  it("refuses a seed that is not an integer", () => {
    expect(() => new SeededRandom(1.5)).toThrow("seed: must be an integer, got 1.5");
  });
});

describe("FixedLatency", () => {
  it("delays every message by the same milliseconds", () => {
    const latency = new FixedLatency({ ms: 50 });
    expect(draws(3, () => latency.delayMs())).toEqual([50, 50, 50]);
  });

  it("refuses a negative delay", () => {
    expect(() => new FixedLatency({ ms: -5 })).toThrow("FixedLatency.ms: must be between 0 and");
  });
});

describe("RandomLatency", () => {
  it("gives the same delays for the same seed", () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 500 }),
        (seed, min, width) => {
          const a = new RandomLatency({ minMs: min, maxMs: min + width, seed });
          const b = new RandomLatency({ minMs: min, maxMs: min + width, seed });
          const delays = draws(30, () => a.delayMs());
          expect(draws(30, () => b.delayMs())).toEqual(delays);
          for (const delay of delays) expect(delay >= min && delay <= min + width).toBe(true);
        },
      ),
    );
  });

  it("pins the delays of seed 42 in [10, 20]", () => {
    const latency = new RandomLatency({ minMs: 10, maxMs: 20, seed: 42 });
    expect(draws(6, () => latency.delayMs())).toEqual([16, 14, 19, 17, 11, 15]);
  });

  it("gives different delays for different seeds", () => {
    const a = new RandomLatency({ minMs: 0, maxMs: 1000, seed: 1 });
    const b = new RandomLatency({ minMs: 0, maxMs: 1000, seed: 2 });
    expect(draws(10, () => a.delayMs())).not.toEqual(draws(10, () => b.delayMs()));
  });

  it("defaults the seed to 1 and reaches both bounds", () => {
    const latency = new RandomLatency({ minMs: 5, maxMs: 7 });
    expect(latency.seed).toBe(1);
    expect(new Set(draws(200, () => latency.delayMs()))).toEqual(new Set([5, 6, 7]));
  });

  it("refuses bounds in the wrong order", () => {
    expect(() => new RandomLatency({ minMs: 10, maxMs: 5 })).toThrow(
      "RandomLatency.maxMs: must be at least minMs (10), got 5",
    );
  });
});

describe("touch fills", () => {
  it("always fills on touch by default", () => {
    expect(new AlwaysFillOnTouch().fillsOnTouch()).toBe(true);
  });

  it("fills a touched limit with the given probability", () => {
    const model = new ProbabilisticTouchFill({ probability: "0.25", seed: 9 });
    const fills = draws(10_000, () => model.fillsOnTouch()).filter(Boolean).length;
    expect(fills).toBeGreaterThan(2350);
    expect(fills).toBeLessThan(2650);
  });

  it("never fills at probability 0 and always at 1", () => {
    const never = new ProbabilisticTouchFill({ probability: 0 });
    const always = new ProbabilisticTouchFill({ probability: 1 });
    expect(draws(100, () => never.fillsOnTouch()).some(Boolean)).toBe(false);
    expect(draws(100, () => always.fillsOnTouch()).every(Boolean)).toBe(true);
  });

  it("gives the same answers for the same seed", () => {
    fc.assert(
      fc.property(fc.integer(), fc.double({ min: 0, max: 1, noNaN: true }), (seed, probability) => {
        const a = new ProbabilisticTouchFill({ probability, seed });
        const b = new ProbabilisticTouchFill({ probability, seed });
        expect(draws(20, () => a.fillsOnTouch())).toEqual(draws(20, () => b.fillsOnTouch()));
      }),
    );
  });
});

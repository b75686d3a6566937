import { type Bar, type Decimal, Decimal as DecimalClass, ZERO } from "@ordo/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AccountingInstrument, type EquityPoint, Portfolio } from "../src/index.js";
import { closeBar, fill, T0 } from "./fills.js";

/** Feed prices as numbers: 0-6 decimal places, both signs, up to huge; and any double now and then. */
const feedPrice = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(
        fc.oneof(
          fc.integer({ min: -2_000_000, max: 2_000_000 }),
          fc.integer({ min: -(2 ** 53), max: 2 ** 53 }),
        ),
        fc.integer({ min: 0, max: 6 }),
      )
      .map(([units, places]) => units / 10 ** places),
  },
  { weight: 1, arbitrary: fc.double({ min: -1e7, max: 1e7, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 0.1 + 0.2, 1e15, 123456789.123456) },
);
/** Quantities: whole shares mostly, huge ones (past the safe integers once multiplied) and fractions. */
const quantity = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 10_000 }).map(String) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 1_000_000_000_000 }).map(String) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 99_999 }).map((n) => (n / 1000).toString()) },
);
const multiplier = fc.constantFrom("1", "1", "50", "0.1", "1000");

/**
 * A price set as a Decimal with up to 34 digits: an account holding it has totals too long to take
 * the fixed-point re-valuations of other instruments in one addition, so they are applied one by one.
 */
const longDecimal = fc
  .tuple(fc.bigInt({ min: -(10n ** 34n), max: 10n ** 34n }), fc.integer({ min: 11, max: 30 }))
  .map(([digits, places]) => new DecimalClass(`${digits}e-${places}`).toFixed());

/** Prices and quantities small enough that every sum of values is exact at 40 digits, in any order. */
const smallPrice = fc
  .tuple(fc.integer({ min: -2_000_000, max: 2_000_000 }), fc.integer({ min: 0, max: 6 }))
  .map(([units, places]) => units / 10 ** places);
const smallQuantity = fc.integer({ min: 1, max: 10_000 }).map(String);

const scenarioOf = (
  feedPrice: fc.Arbitrary<number>,
  quantity: fc.Arbitrary<string>,
  setPrice: fc.Arbitrary<string>,
) =>
  fc.integer({ min: 1, max: 12 }).chain((count) =>
    fc.record({
      multipliers: fc.array(multiplier, { minLength: count, maxLength: count }),
      opening: fc.array(fc.tuple(quantity, feedPrice), { minLength: count, maxLength: count }),
      steps: fc.array(
        fc.oneof(
          {
            weight: 12,
            arbitrary: fc.record({
              kind: fc.constant("bar" as const),
              instrument: fc.nat(count - 1),
              close: feedPrice,
            }),
          },
          {
            weight: 1,
            arbitrary: fc.record({
              kind: fc.constant("buy" as const),
              instrument: fc.nat(count - 1),
              quantity,
              price: feedPrice,
            }),
          },
          {
            weight: 1,
            arbitrary: fc.record({
              kind: fc.constant("sell" as const),
              instrument: fc.nat(count - 1),
              price: feedPrice,
            }),
          },
          {
            weight: 1,
            arbitrary: fc.record({
              kind: fc.constant("price" as const),
              instrument: fc.nat(count - 1),
              price: setPrice,
            }),
          },
          { weight: 4, arbitrary: fc.constant({ kind: "snapshot" as const }) },
        ),
        { maxLength: 120 },
      ),
    }),
  );

type Scenario = typeof scenarioOf extends (...args: never[]) => fc.Arbitrary<infer S> ? S : never;

/** A fill through the portfolio; a refusal (funds) must be the same in both accounts, so it is reported. */
function tryFill(
  portfolio: Portfolio,
  instrument: AccountingInstrument,
  side: "BUY" | "SELL",
  qty: string,
  price: number,
  ts: number,
): string {
  try {
    portfolio.applyFill(
      fill(side, qty, new DecimalClass(price).toFixed(), {
        ts,
        instrumentId: instrument.id,
        commission: "0.25",
      }),
      instrument,
    );
    return "filled";
  } catch (error) {
    return (error as Error).message.replace(/T-\d+|O-\d+/g, "");
  }
}

/** Every figure of a point as text, with the sign of zero, so −0 and 0 count as different. */
function figures(point: EquityPoint): string[] {
  return Object.values(point).map((v) =>
    v instanceof DecimalClass ? `${v.isNegative() ? "-" : "+"}${v.toString()}` : String(v),
  );
}

/**
 * Runs the scenario on `fast` (bar closes as numbers) and `plain` (each close marked as
 * new Decimal(close), so valued with Decimals throughout); every snapshot must match figure for figure.
 */
function runBoth({ multipliers, opening, steps }: Scenario): {
  fast: Portfolio;
  plain: Portfolio;
  instruments: AccountingInstrument[];
} {
  const instruments: AccountingInstrument[] = multipliers.map((m, i) => ({
    id: `S${i}.TEST`,
    assetClass: "future",
    currency: "USD",
    multiplier: new DecimalClass(m),
  }));
  const fast = new Portfolio({ accountType: "CASH", startingCash: "1e23" });
  const plain = new Portfolio({ accountType: "CASH", startingCash: "1e23" });
  const feeds = instruments.map((instrument) => fast.priceFeed(instrument.id));
  let ts = T0;
  instruments.forEach((instrument, i) => {
    const [qty, price] = opening[i]!;
    ts += 1;
    expect(tryFill(fast, instrument, "BUY", qty, price, ts)).toBe(
      tryFill(plain, instrument, "BUY", qty, price, ts),
    );
  });
  for (const step of steps) {
    ts += 1;
    if (step.kind === "snapshot") {
      expect(figures(fast.snapshot(ts))).toEqual(figures(plain.snapshot(ts)));
      continue;
    }
    const instrument = instruments[step.instrument]!;
    if (step.kind === "bar") {
      // Half the instruments are marked through their price feed (as the engine does), half by onBar.
      const mark = step.instrument % 2 === 0 ? (bar: Bar) => fast.onBar(bar) : feeds[step.instrument]!.onBar;
      mark(closeBar(instrument.id, ts, step.close));
      plain.updatePrice(instrument.id, new DecimalClass(step.close), ts);
    } else if (step.kind === "price") {
      fast.updatePrice(instrument.id, new DecimalClass(step.price), ts);
      plain.updatePrice(instrument.id, new DecimalClass(step.price), ts);
    } else if (step.kind === "buy") {
      expect(tryFill(fast, instrument, "BUY", step.quantity, step.price, ts)).toBe(
        tryFill(plain, instrument, "BUY", step.quantity, step.price, ts),
      );
    } else {
      const held = plain.netQuantity(instrument.id);
      if (held.isZero()) continue;
      const half = held.div(2).toDecimalPlaces(0).isZero() ? held : held.div(2).toDecimalPlaces(0);
      expect(tryFill(fast, instrument, "SELL", half.toFixed(), step.price, ts)).toBe(
        tryFill(plain, instrument, "SELL", half.toFixed(), step.price, ts),
      );
    }
  }
  ts += 1;
  expect(figures(fast.snapshot(ts))).toEqual(figures(plain.snapshot(ts)));
  return { fast, plain, instruments };
}

describe("cash account valuation at feed prices (fixed point)", () => {
  it("gives the same equity curve as marking every price as a Decimal, for any prices and quantities", () => {
    fc.assert(
      fc.property(scenarioOf(feedPrice, quantity, fc.oneof(feedPrice.map(String), longDecimal)), (s) => {
        runBoth(s);
      }),
      { numRuns: 300 },
    );
  });

  it("values the positions at Σ quantity × mark × multiplier", () => {
    fc.assert(
      fc.property(scenarioOf(smallPrice, smallQuantity, smallPrice.map(String)), (s) => {
        const { fast, plain, instruments } = runBoth(s);
        // and both are Σ quantity × mark × multiplier, worked out plainly
        let net: Decimal = ZERO;
        for (const instrument of instruments) {
          const mark = plain.lastPrice(instrument.id);
          if (mark !== null)
            net = net.plus(plain.netQuantity(instrument.id).times(mark).times(instrument.multiplier));
        }
        expect(fast.netExposure().toString()).toBe(net.toString());
      }),
      { numRuns: 200 },
    );
  });

  it("samples as the Decimal figures when every instrument has a bar after the day's fills, in each currency", () => {
    // The engine's case: a day's fills, then a bar of every instrument (through its price feed), then the
    // sample. Each figure of every sample, in each currency, must be what marking every close as a Decimal
    // gives, and the totals read at the end too.
    const day = (count: number) =>
      fc.record({
        fills: fc.array(
          fc.record({
            instrument: fc.nat(count - 1),
            side: fc.constantFrom("BUY" as const, "SELL" as const),
            quantity: quantity,
            price: smallPrice,
          }),
          { maxLength: 4 },
        ),
        closes: fc.array(feedPrice, { minLength: count, maxLength: count }),
      });
    const scenario = fc.integer({ min: 1, max: 6 }).chain((count) =>
      fc.record({
        currencies: fc.array(fc.constantFrom("USD", "EUR"), { minLength: count, maxLength: count }),
        multipliers: fc.array(multiplier, { minLength: count, maxLength: count }),
        days: fc.array(day(count), { minLength: 1, maxLength: 12 }),
      }),
    );
    fc.assert(
      fc.property(scenario, ({ currencies, multipliers, days }) => {
        const instruments: AccountingInstrument[] = multipliers.map((m, i) => ({
          id: `S${i}.TEST`,
          assetClass: "future",
          currency: currencies[i]!,
          multiplier: new DecimalClass(m),
        }));
        // Balances small enough to be held in millionths (a sum beyond 2^53 millionths is not sampled this way).
        const options = { accountType: "CASH" as const, startingBalances: { USD: "1e9", EUR: "1e9" } };
        const fast = new Portfolio(options);
        const plain = new Portfolio(options);
        const feeds = instruments.map((instrument) => fast.priceFeed(instrument.id));
        let ts = T0;
        for (const { fills, closes } of days) {
          for (const f of fills) {
            ts += 1;
            const instrument = instruments[f.instrument]!;
            const held = plain.netQuantity(instrument.id);
            // A cash account sells what it holds: all of it, or the fill's quantity when less.
            const qty = f.side === "SELL" ? DecimalClass.min(held, f.quantity).toFixed() : f.quantity;
            if (f.side === "SELL" && held.isZero()) continue;
            expect(tryFill(fast, instrument, f.side, qty, f.price, ts)).toBe(
              tryFill(plain, instrument, f.side, qty, f.price, ts),
            );
          }
          ts += 1;
          instruments.forEach((instrument, i) => {
            const close = closes[i]!;
            feeds[i]!.onBar(closeBar(instrument.id, ts, close));
            plain.updatePrice(instrument.id, new DecimalClass(close), ts);
          });
          for (const currency of ["USD", "EUR"]) {
            expect(figures(fast.snapshot(ts, currency))).toEqual(figures(plain.snapshot(ts, currency)));
          }
        }
        for (const currency of ["USD", "EUR"]) {
          expect(fast.equity(currency).toString()).toBe(plain.equity(currency).toString());
          expect(fast.unrealizedPnl(currency).toString()).toBe(plain.unrealizedPnl(currency).toString());
        }
      }),
      { numRuns: 400 },
    );
  });

  it("adds re-valuations one by one when the totals are too long to take them in one exact addition", () => {
    const unit = (id: string): AccountingInstrument => ({
      id,
      assetClass: "equity",
      currency: "USD",
      multiplier: new DecimalClass(1),
    });
    const [big, a, b] = [unit("BIG.TEST"), unit("A.TEST"), unit("B.TEST")];
    const fast = new Portfolio({ accountType: "CASH", startingCash: "1e23" });
    const plain = new Portfolio({ accountType: "CASH", startingCash: "1e23" });
    for (const p of [fast, plain]) {
      // 37 integer digits held: a figure keeps only 3 decimals at 40 digits, so the totals cannot be
      // held in millionths and every re-valuation goes through their Decimal sums.
      p.applyFill(
        fill("BUY", "100000000000000", "-99999999999999999999999.99", {
          instrumentId: big.id,
          commission: "0",
        }),
        big,
      );
      p.applyFill(fill("BUY", "1", "0.0015", { instrumentId: a.id, commission: "0", ts: T0 }), a);
      p.applyFill(fill("BUY", "1", "0.0015", { instrumentId: b.id, commission: "0", ts: T0 }), b);
    }
    const seen: string[] = [];
    for (let day = 1; day <= 4; day++) {
      const close = day % 2 === 1 ? 0.0065 : 0.0015;
      for (const instrument of [a, b]) {
        fast.onBar(closeBar(instrument.id, T0 + day, close));
        plain.updatePrice(instrument.id, new DecimalClass(close), T0 + day);
      }
      expect(fast.netExposure().toFixed()).toBe(plain.netExposure().toFixed());
      seen.push(fast.netExposure().toFixed());
    }
    // The exact sum, −9999999999999999999999999000000000000 + 0.0015 + 0.0015, rounded once. (Running sums
    // rounded at each step drifted: …999.996 after two days, and further each day.)
    expect(seen).toEqual([
      "-9999999999999999999999998999999999999.987",
      "-9999999999999999999999998999999999999.997",
      "-9999999999999999999999998999999999999.987",
      "-9999999999999999999999998999999999999.997",
    ]);
  });
});

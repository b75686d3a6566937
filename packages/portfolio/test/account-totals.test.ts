import { createInstrument, type Decimal, dec, ZERO } from "@ordo/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AccountingInstrument, initialMarginPerUnit, Portfolio } from "../src/index.js";
import { AAPL, ES, fill, T0 } from "./fills.js";

/** An index contract: 10 per point, margin as a fraction of notional, no maintenance rate of its own. */
const DAX = createInstrument({
  id: "DAX.XETR",
  assetClass: "index",
  currency: "USD",
  tickSize: "0.5",
  multiplier: "10",
});
const instruments: readonly AccountingInstrument[] = [AAPL, ES, DAX];

type Step =
  | { kind: "fill"; which: number; side: "BUY" | "SELL"; quantity: number; price: number }
  | { kind: "mark"; which: number; price: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("fill" as const),
      which: fc.integer({ min: 0, max: 2 }),
      side: fc.constantFrom("BUY" as const, "SELL" as const),
      quantity: fc.integer({ min: 1, max: 9 }),
      price: fc.integer({ min: 100, max: 900 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("mark" as const),
      which: fc.integer({ min: 0, max: 2 }),
      price: fc.integer({ min: 100, max: 900 }),
    }),
  },
);

/** The account's figures worked out from scratch over its open positions, at each instrument's mark. */
function fromScratch(portfolio: Portfolio, leverage: Decimal) {
  let unrealized = ZERO;
  let gross = ZERO;
  let margin = ZERO;
  for (const p of portfolio.openPositions()) {
    const instrument = instruments.find((i) => i.id === p.instrumentId)!;
    const mark = portfolio.lastPrice(p.instrumentId)!;
    unrealized = unrealized.plus(p.unrealizedPnl);
    gross = gross.plus(p.quantity.abs().times(mark).times(instrument.multiplier));
    margin = margin.plus(p.quantity.abs().times(initialMarginPerUnit(instrument, mark, leverage)));
  }
  return { unrealized, gross, margin };
}

describe("account totals over several instruments", () => {
  it.each(["NETTING", "HEDGING"] as const)(
    "equal the sums over the open positions after every fill and price, read at any moment (%s)",
    (positionMode) => {
      fc.assert(
        fc.property(
          fc.array(step, { minLength: 1, maxLength: 40 }),
          fc.array(fc.boolean()),
          (steps, reads) => {
            const portfolio = new Portfolio({
              accountType: "MARGIN",
              positionMode,
              leverage: "4",
              startingCash: "1000000000",
            });
            steps.forEach((s, i) => {
              const instrument = instruments[s.which]!;
              const ts = T0 + i * 1000;
              if (s.kind === "mark") portfolio.updatePrice(instrument.id, String(s.price), ts);
              else {
                portfolio.applyFill(
                  fill(s.side, String(s.quantity), String(s.price), { instrumentId: instrument.id, ts }),
                  instrument,
                );
              }
              // Totals are read after some steps only: what piles up between reads must add up the same.
              if (reads[i] !== false) {
                const expected = fromScratch(portfolio, dec(4));
                expect(portfolio.unrealizedPnl().toFixed()).toBe(expected.unrealized.toFixed());
                expect(portfolio.grossExposure().toFixed()).toBe(expected.gross.toFixed());
                expect(portfolio.marginUsed().toFixed()).toBe(expected.margin.toFixed());
                expect(portfolio.equity().toFixed()).toBe(
                  portfolio.balance().total.plus(expected.unrealized).toFixed(),
                );
              }
            });
          },
        ),
        { numRuns: 150 },
      );
    },
  );

  it("counts a long and a short of one instrument both in gross exposure, and nets them in net exposure", () => {
    const portfolio = new Portfolio({
      accountType: "MARGIN",
      positionMode: "HEDGING",
      startingCash: "100000",
    });
    portfolio.applyFill(fill("BUY", "10", "100"), AAPL);
    portfolio.applyFill(fill("SELL", "4", "101"), AAPL, { positionId: "HEDGE" });
    portfolio.updatePrice(AAPL.id, "110", T0 + 60_000);
    // 10 × 110 + 4 × 110
    expect(portfolio.grossExposure().toFixed()).toBe("1540");
    // (10 − 4) × 110
    expect(portfolio.netExposure().toFixed()).toBe("660");
    // long +100, short −36
    expect(portfolio.unrealizedPnl().toFixed()).toBe("64");

    portfolio.applyFill(fill("BUY", "4", "110"), AAPL, { positionId: "HEDGE" });
    expect(portfolio.grossExposure().toFixed()).toBe("1100");
  });

  it("keeps a maintenance margin of its own for an instrument that sets one, and the initial one otherwise", () => {
    const portfolio = new Portfolio({ accountType: "MARGIN", leverage: "5", startingCash: "1000000" });
    portfolio.applyFill(fill("BUY", "2", "5000", { instrumentId: ES.id }), ES);
    portfolio.applyFill(fill("SELL", "3", "18000", { instrumentId: DAX.id }), DAX);
    // ES 2 × 12 000 initial; DAX 3 × 18 000 × 10 / 5 = 108 000 both initial and maintenance
    expect(portfolio.marginUsed().toFixed()).toBe("132000");
    // ES 2 × 11 000 maintenance
    expect(portfolio.maintenanceMargin().toFixed()).toBe("130000");
    portfolio.updatePrice(DAX.id, "17000", T0 + 60_000);
    expect(portfolio.marginUsed().toFixed()).toBe("126000");
    expect(portfolio.maintenanceMargin().toFixed()).toBe("124000");
  });

  it("judges a fill's margin against equity that includes another instrument's loss since the last read", () => {
    const portfolio = new Portfolio({ accountType: "MARGIN", leverage: "10", startingCash: "20000" });
    portfolio.applyFill(fill("BUY", "10", "1000", { instrumentId: DAX.id, commission: "0" }), DAX);
    // DAX drops 100 points: −10 000, and nothing reads the totals before the next fill
    portfolio.updatePrice(DAX.id, "900", T0 + 60_000);
    // margin after: DAX 10 × 900 × 10 / 10 = 9 000 and AAPL 90 × 100 / 10 = 900, within equity 9 999
    expect(() =>
      portfolio.applyFill(fill("BUY", "90", "100", { commission: "1", ts: T0 + 120_000 }), AAPL),
    ).not.toThrow();
    // 10 more: 9 000 + 1 000 > 20 000 − 10 000 − 1
    expect(() =>
      portfolio.applyFill(fill("BUY", "10", "100", { commission: "0", ts: T0 + 180_000 }), AAPL),
    ).toThrow(
      "INSUFFICIENT_FUNDS: margin account ACCOUNT: after BUY 10 AAPL.XNAS @ 100 the initial margin would be 10000 USD but equity only 9999 USD",
    );
  });

  it("records a round trip's whole opened quantity and average entry across adds after a partial close", () => {
    const portfolio = new Portfolio({ accountType: "MARGIN", startingCash: "100000" });
    portfolio.applyFill(fill("BUY", "10", "100"), AAPL);
    portfolio.applyFill(fill("SELL", "4", "110"), AAPL);
    portfolio.applyFill(fill("BUY", "6", "90"), AAPL);
    portfolio.applyFill(fill("SELL", "12", "120"), AAPL);
    const [trip] = portfolio.roundTrips();
    // opened 10 @ 100 and 6 @ 90: 16 @ 96.25; closed 4 @ 110 and 12 @ 120: 117.5
    expect(trip?.quantity.toFixed()).toBe("16");
    expect(trip?.avgEntryPrice.toFixed()).toBe("96.25");
    expect(trip?.avgExitPrice.toFixed()).toBe("117.5");
  });
});

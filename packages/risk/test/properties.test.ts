import { type Decimal, dec, VirtualClock } from "@ordo/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exposureChange, RiskEngine, SlidingWindowCounter } from "../src/index.js";
import { AAPL, BTC, buy, ES, FakePortfolio, newOrder, T0 } from "./fixtures.js";

const increasingTimes = fc.array(fc.integer({ min: 0, max: 3000 }), { maxLength: 200 }).map((gaps) => {
  let t = 0;
  return gaps.map((gap) => (t += gap));
});

describe("properties", () => {
  it("a sliding window counts exactly the events in (now - window, now]", () => {
    fc.assert(
      fc.property(
        increasingTimes,
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 0, max: 4000 }),
        (times, windowMs, after) => {
          const counter = new SlidingWindowCounter(windowMs, 1);
          for (const t of times) counter.record(t);
          const now = (times.at(-1) ?? 0) + after;
          const expected = times.filter((t) => t > now - windowMs && t <= now).length;
          expect(counter.count(now)).toBe(expected);
        },
      ),
    );
  });

  it("an order splits into an opening and a closing part that add up to it", () => {
    const qty = fc.integer({ min: -1000, max: 1000 });
    fc.assert(
      fc.property(
        qty,
        fc.integer({ min: 1, max: 1000 }),
        fc.constantFrom("BUY" as const, "SELL" as const),
        (pos, q, side) => {
          const c = exposureChange(dec(pos), side, dec(q));
          expect(c.openingQuantity.plus(c.closingQuantity).toString()).toBe(String(q));
          expect(c.positionAfter.toString()).toBe(String(side === "BUY" ? pos + q : pos - q));
          expect(c.reducesExposure).toBe(c.openingQuantity.isZero());
          expect(c.positionAfter.abs().toNumber()).toBe(
            Math.abs(pos) - c.closingQuantity.toNumber() + c.openingQuantity.toNumber(),
          );
        },
      ),
    );
  });

  it("the submit throttle allows a submit exactly when fewer than the limit passed in the last second", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 120 }),
        fc.integer({ min: 1, max: 5 }),
        (gaps, limit) => {
          const clock = new VirtualClock(T0);
          const portfolio = new FakePortfolio().price(AAPL.id, "150");
          const engine = new RiskEngine({
            clock,
            portfolio,
            instruments: [AAPL],
            config: { maxSubmitsPerSecond: limit },
          });
          const allowed: number[] = [];
          for (const gap of gaps) {
            clock.advanceTo(clock.now() + gap);
            const now = clock.now();
            const inWindow = allowed.filter((u) => u > now - 1000).length;
            const decision = engine.checkSubmit(buy("1"));
            expect(decision.allowed).toBe(inWindow < limit);
            if (decision.allowed) allowed.push(now);
          }
        },
      ),
    );
  });

  it("the default config's short path decides every submit as the full checks do", () => {
    // A check that passes everything makes the engine judge each order in full (context and all checks):
    // the default engine must give the same decision, reason and message.
    const passAll = { name: "pass-all", check: () => null };
    const instruments = [AAPL, BTC, ES];
    fc.assert(
      fc.property(
        fc.constantFrom(...instruments),
        fc.constantFrom("BUY" as const, "SELL" as const),
        fc.constantFrom("MARKET", "LIMIT", "STOP_MARKET"),
        fc.integer({ min: 1, max: 3000 }),
        fc.constantFrom(1, 10, 1000),
        fc.integer({ min: -2000, max: 2000 }),
        fc.option(fc.integer({ min: 1, max: 400_000 }), { nil: null }),
        fc.integer({ min: 0, max: 400_000 }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.option(fc.integer({ min: 0, max: 400_000 }), { nil: undefined }),
        fc.boolean(),
        (
          instrument,
          side,
          type,
          units,
          scale,
          held,
          lastCents,
          powerCents,
          reduceOnly,
          funds,
          rules,
          quoteCents,
          margin,
        ) => {
          const lot = instrument.lotSize;
          const quantity = lot.times(units).div(scale);
          const price = lastCents === null ? null : dec(lastCents).div(100);
          const portfolio = new FakePortfolio();
          portfolio.hold(instrument.id, lot.times(held));
          if (price !== null) portfolio.price(instrument.id, price);
          portfolio.buyingPowerValue = dec(powerCents);
          // A view with quotes (0: that side is missing) and one with its own margin rule, as a node's are.
          const view = Object.assign(
            portfolio,
            quoteCents === undefined
              ? {}
              : { marketPrice: () => (quoteCents === 0 ? null : dec(quoteCents).div(100)) },
            margin ? { fundsRequired: (_i: unknown, q: Decimal, p: Decimal) => q.times(p).div(4) } : {},
          );
          const config = { checkBuyingPower: funds, instrumentRules: rules };
          const engine = (checks: { name: string; check: () => null }[]) =>
            new RiskEngine({ clock: new VirtualClock(T0), portfolio: view, instruments, config, checks });
          const order = newOrder({
            instrumentId: instrument.id,
            side,
            type,
            quantity: quantity.toFixed(),
            price: type === "LIMIT" ? (price ?? dec(1)).toFixed() : undefined,
            triggerPrice: type === "STOP_MARKET" ? (price ?? dec(1)).toFixed() : undefined,
            reduceOnly,
          });
          expect(engine([]).checkSubmit(order)).toEqual(engine([passAll]).checkSubmit(order));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

import { Decimal, quoteMark } from "@ordo/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { at, harness } from "./harness.js";

// The venue's account marks a position at the last price seen: a bar's close, a trade's price, a quote's
// mark, a fill's price, whichever came last (a fill in a data step comes before that data's mark). The
// book keeps that mark as a kind plus a number or Decimal (instrument-book.ts), not the data itself.

const cents = fc.integer({ min: 1, max: 50_000 });
const steps = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant("bar" as const), cents }),
    fc.record({ kind: fc.constant("trade" as const), cents }),
    // 0 is "no bid" / "no ask"; both at 0 give no mark at all.
    fc.record({
      kind: fc.constant("quote" as const),
      bid: fc.oneof(fc.constant(0), cents),
      ask: fc.oneof(fc.constant(0), cents),
    }),
    fc.record({
      kind: fc.constant("order" as const),
      side: fc.constantFrom("BUY" as const, "SELL" as const),
      quantity: fc.integer({ min: 1, max: 20 }),
    }),
  ),
  { maxLength: 25 },
);

describe("the venue account's marks", () => {
  it("value a position at the last price seen", () => {
    fc.assert(
      fc.property(
        steps,
        fc.constantFrom("next-open" as const, "next-close" as const, "same-close" as const),
        (list, fillTiming) => {
          const h = harness({ fillTiming, account: { type: "margin", currency: "USD", balance: "1000000" } });
          let mark: Decimal | null = null;
          list.forEach((step, i) => {
            const ts = at(i + 1);
            const before = h.reports.length;
            if (step.kind === "bar") {
              const p = step.cents / 100;
              h.bar(ts, [p, p, p, p]);
            } else if (step.kind === "trade") h.trade(ts, step.cents / 100, 1_000);
            else if (step.kind === "quote") h.quote(ts, step.bid / 100, step.ask / 100);
            else
              h.submit({ id: `o${i}`, side: step.side, type: "MARKET", quantity: String(step.quantity) }, ts);
            for (const r of h.reports.slice(before)) if (r.type === "OrderFilled") mark = r.price;
            if (step.kind === "bar") mark = new Decimal(step.cents / 100);
            else if (step.kind === "trade") mark = new Decimal(step.cents / 100);
            else if (step.kind === "quote") mark = quoteMark(step.bid / 100, step.ask / 100) ?? mark;
            const position = h.venue.account().positions[0];
            if (position === undefined) return;
            const expected = position.quantity.isZero()
              ? new Decimal(0)
              : position.quantity.times(mark!.minus(position.avgOpenPrice));
            expect(position.unrealizedPnl.toFixed()).toBe(expected.toFixed());
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

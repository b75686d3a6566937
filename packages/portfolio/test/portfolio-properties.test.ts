import { type Decimal, dec, ZERO } from "@ordo/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AccountingInstrument, Portfolio, type PortfolioOptions } from "../src/index.js";
import { fill, T0 } from "./fills.js";

type Op =
  | { kind: "fill"; side: "BUY" | "SELL"; quantity: Decimal; price: Decimal; commission: Decimal }
  | { kind: "mark"; price: Decimal }
  | { kind: "funding"; amount: Decimal };

const cents = (min: number, max: number) => fc.integer({ min, max }).map((n) => dec(n).div(100));
/** Quantities with up to three decimals, prices and fees in cents: odd fractions exercise rounding. */
const fillOp = fc.record({
  kind: fc.constant("fill" as const),
  side: fc.constantFrom("BUY" as const, "SELL" as const),
  quantity: fc.integer({ min: 1, max: 30_000 }).map((n) => dec(n).div(1000)),
  price: cents(100, 100_000),
  commission: cents(0, 500),
});
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fillOp },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("mark" as const), price: cents(100, 100_000) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("funding" as const), amount: cents(-500, 500) }) },
);
const instrument: fc.Arbitrary<AccountingInstrument> = fc
  .constantFrom("1", "50", "0.1")
  .map((multiplier) => ({
    id: "X.TEST",
    assetClass: "future",
    currency: "USD",
    multiplier: dec(multiplier),
  }));

const BIG = "1000000000000";

/**
 * An independent model of the same account: the cash flows of the fills plus what is held at the last
 * price, without positions, average prices or realized/unrealized splits.
 */
class CashFlowModel {
  cash = dec(BIG);
  held = ZERO;
  mark = ZERO;
  constructor(readonly multiplier: Decimal) {}
  equity(): Decimal {
    return this.cash.plus(this.held.times(this.mark).times(this.multiplier));
  }
}

/** Applies one op; in a cash account sells are clipped to what is held (a cash account cannot short). */
function apply(
  portfolio: Portfolio,
  inst: AccountingInstrument,
  o: Op,
  step: number,
  model?: CashFlowModel,
): void {
  const ts = T0 + step * 1000;
  if (o.kind === "mark") {
    portfolio.updatePrice(inst.id, o.price, ts);
    if (model) model.mark = o.price;
  } else if (o.kind === "funding") {
    portfolio.applyFunding({ ts, currency: "USD", amount: o.amount });
    if (model) model.cash = model.cash.plus(o.amount);
  } else {
    let quantity = o.quantity;
    let side = o.side;
    if (portfolio.config.accountType === "CASH" && side === "SELL") {
      const held = portfolio.netQuantity(inst.id);
      if (held.isZero()) side = "BUY";
      else quantity = decimalMin(quantity, held);
    }
    portfolio.applyFill(
      fill(side, quantity.toFixed(), o.price.toFixed(), {
        commission: o.commission.toFixed(),
        ts,
        instrumentId: inst.id,
      }),
      inst,
    );
    if (model) {
      const signed = side === "BUY" ? quantity : quantity.neg();
      model.cash = model.cash.minus(signed.times(o.price).times(inst.multiplier)).minus(o.commission);
      model.held = model.held.plus(signed);
      model.mark = o.price;
    }
  }
}

function decimalMin(a: Decimal, b: Decimal): Decimal {
  return a.lt(b) ? a : b;
}

/** starting cash + realized + unrealized − commissions + funding (+ transfers, here only the start). */
function accountedEquity(p: Portfolio): Decimal {
  return p
    .netTransfers()
    .plus(p.realizedPnl())
    .plus(p.unrealizedPnl())
    .minus(p.commissions())
    .plus(p.totalFunding());
}

function flatten(portfolio: Portfolio, inst: AccountingInstrument, step: number): void {
  const net = portfolio.netQuantity(inst.id);
  if (net.isZero()) return;
  const price = portfolio.lastPrice(inst.id) ?? dec(1);
  portfolio.applyFill(
    fill(net.isPositive() ? "SELL" : "BUY", net.abs().toFixed(), price.toFixed(), {
      commission: "1",
      ts: T0 + step * 1000,
      instrumentId: inst.id,
    }),
    inst,
  );
}

const accounts: PortfolioOptions[] = [
  { accountType: "CASH", positionMode: "NETTING", startingCash: BIG },
  { accountType: "CASH", positionMode: "HEDGING", startingCash: BIG },
  { accountType: "MARGIN", positionMode: "NETTING", startingCash: BIG },
  { accountType: "MARGIN", positionMode: "HEDGING", startingCash: BIG },
];

describe("portfolio invariants (property tests)", () => {
  it.each(accounts)(
    "equity = starting cash + realized + unrealized − commissions + funding, after every step ($accountType, $positionMode)",
    (options) => {
      fc.assert(
        fc.property(instrument, fc.array(op, { minLength: 1, maxLength: 40 }), (inst, ops) => {
          const portfolio = new Portfolio(options);
          const model = new CashFlowModel(inst.multiplier);
          ops.forEach((o, i) => {
            apply(portfolio, inst, o, i, model);
            expect(portfolio.equity().toFixed()).toBe(accountedEquity(portfolio).toFixed());
            expect(portfolio.equity().toFixed()).toBe(model.equity().toFixed());
          });
          // and the ledger explains the balance line by line
          const sum = portfolio.ledger("USD").reduce((s, e) => s.plus(e.amount), ZERO);
          expect(sum.toFixed()).toBe(portfolio.balance().total.toFixed());
        }),
        { numRuns: 150 },
      );
    },
  );

  it.each(accounts)(
    "any sequence of fills that ends flat leaves unrealized PnL 0 ($accountType, $positionMode)",
    (options) => {
      fc.assert(
        fc.property(
          instrument,
          fc.array(op, { minLength: 1, maxLength: 40 }),
          cents(100, 100_000),
          (inst, ops, later) => {
            const portfolio = new Portfolio(options);
            ops.forEach((o, i) => {
              apply(portfolio, inst, o, i);
            });
            flatten(portfolio, inst, ops.length);
            expect(portfolio.openPositions()).toHaveLength(0);
            expect(portfolio.unrealizedPnl().toFixed()).toBe("0");
            expect(portfolio.grossExposure().toFixed()).toBe("0");
            // a price after the last fill no longer moves anything
            portfolio.updatePrice(inst.id, later, T0 + (ops.length + 1) * 1000);
            expect(portfolio.unrealizedPnl().toFixed()).toBe("0");
            expect(portfolio.equity().toFixed()).toBe(accountedEquity(portfolio).toFixed());
          },
        ),
        { numRuns: 150 },
      );
    },
  );

  it("netting and hedging (FIFO closes) agree on total PnL for the same fills", () => {
    fc.assert(
      fc.property(instrument, fc.array(op, { minLength: 1, maxLength: 40 }), (inst, ops) => {
        const netting = new Portfolio({ accountType: "MARGIN", positionMode: "NETTING", startingCash: BIG });
        const hedging = new Portfolio({ accountType: "MARGIN", positionMode: "HEDGING", startingCash: BIG });
        ops.forEach((o, i) => {
          apply(netting, inst, o, i);
          apply(hedging, inst, o, i);
          const total = (p: Portfolio) => p.realizedPnl().plus(p.unrealizedPnl()).toFixed();
          expect(total(hedging)).toBe(total(netting));
          expect(hedging.equity().toFixed()).toBe(netting.equity().toFixed());
          expect(hedging.netQuantity(inst.id).toFixed()).toBe(netting.netQuantity(inst.id).toFixed());
        });
        flatten(netting, inst, ops.length);
        flatten(hedging, inst, ops.length);
        // once flat, the realized PnL is the same to the last digit
        expect(hedging.realizedPnl().toFixed()).toBe(netting.realizedPnl().toFixed());
        // and so is the sum of the round trips' PnL
        const tripSum = (p: Portfolio) =>
          p
            .roundTrips()
            .reduce((s, t) => s.plus(t.realizedPnl), ZERO)
            .toFixed();
        expect(tripSum(hedging)).toBe(tripSum(netting));
      }),
      { numRuns: 200 },
    );
  });
});

describe("fillDenial", () => {
  it("says null exactly when applyFill books the fill, and otherwise gives applyFill's own refusal", () => {
    const small = fc.record({
      side: fc.constantFrom("BUY" as const, "SELL" as const),
      quantity: fc.integer({ min: 1, max: 3_000 }).map((n) => dec(n).div(1000)),
      price: cents(100, 10_000),
      commission: cents(-50, 500),
    });
    fc.assert(
      fc.property(
        instrument,
        fc.constantFrom("CASH" as const, "MARGIN" as const),
        fc.constantFrom("NETTING" as const, "HEDGING" as const),
        cents(0, 20_000),
        fc.array(small, { minLength: 1, maxLength: 25 }),
        (inst, accountType, positionMode, cash, fills) => {
          const portfolio = new Portfolio({ accountType, positionMode, startingCash: cash, startTs: T0 });
          for (const f of fills) {
            const event = fill(f.side, f.quantity.toFixed(), f.price.toFixed(), {
              commission: f.commission.toFixed(),
              instrumentId: inst.id,
            });
            const denial = portfolio.fillDenial(event, inst);
            let refusal: string | null = null;
            try {
              portfolio.applyFill(event, inst);
            } catch (error) {
              refusal = (error as Error).message;
            }
            expect(denial?.message ?? null).toBe(refusal);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it("leaves what applyFill books unchanged: asking first or not gives the same books and refusals", () => {
    // applyFill skips the account's rules for the fill fillDenial just passed; a portfolio that is not
    // asked runs them in full, so any fill the shortcut would wrongly let through shows up here.
    const small = fc.record({
      side: fc.constantFrom("BUY" as const, "SELL" as const),
      quantity: fc.integer({ min: 1, max: 3_000 }).map((n) => dec(n).div(1000)),
      price: cents(100, 10_000),
      commission: cents(-50, 500),
      ask: fc.boolean(),
      withdraw: fc.option(cents(0, 5_000), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        instrument,
        fc.constantFrom("NETTING" as const, "HEDGING" as const),
        cents(0, 20_000),
        fc.array(small, { minLength: 1, maxLength: 25 }),
        (inst, positionMode, cash, fills) => {
          const options = { accountType: "CASH", positionMode, startingCash: cash, startTs: T0 } as const;
          const asked = new Portfolio(options);
          const direct = new Portfolio(options);
          const apply = (portfolio: Portfolio, event: ReturnType<typeof fill>): string | null => {
            try {
              portfolio.applyFill(event, inst);
              return null;
            } catch (error) {
              return (error as Error).message;
            }
          };
          const withdraw = (portfolio: Portfolio, amount: Decimal): string | null => {
            try {
              portfolio.transfer({ ts: T0, currency: "USD", amount: amount.neg() });
              return null;
            } catch (error) {
              return (error as Error).message;
            }
          };
          for (const f of fills) {
            const event = fill(f.side, f.quantity.toFixed(), f.price.toFixed(), {
              commission: f.commission.toFixed(),
              instrumentId: inst.id,
            });
            if (f.ask) asked.fillDenial(event, inst);
            // A withdrawal between the question and the fill: the answer no longer holds.
            if (f.withdraw !== undefined) {
              expect(withdraw(asked, f.withdraw)).toBe(withdraw(direct, f.withdraw));
            }
            expect(apply(asked, event)).toBe(apply(direct, event));
          }
          const lines = (p: Portfolio) =>
            p.ledger().map((e) => `${e.kind} ${e.amount.toString()} ${e.balance.toString()}`);
          expect(lines(asked)).toEqual(lines(direct));
          const held = (p: Portfolio) =>
            p.positions().map((x) => `${x.id} ${x.quantity.toString()} ${x.realizedPnl.toString()}`);
          expect(held(asked)).toEqual(held(direct));
          expect(asked.tradeStatistics()).toEqual(direct.tradeStatistics());
        },
      ),
      { numRuns: 300 },
    );
  });
});

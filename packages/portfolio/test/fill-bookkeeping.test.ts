import { createInstrument, DeniedError, dec } from "@ordo/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Portfolio } from "../src/index.js";
import { AAPL, closeBar, fill, T0 } from "./fills.js";

describe("fill bookkeeping", () => {
  it("a refused fill leaves its trade id free, so the same trade can be applied once funds allow", () => {
    const portfolio = new Portfolio({ accountType: "CASH", startingCash: "1000" });
    const trade = fill("BUY", "10", "150", { tradeId: "T-42" });
    expect(() => portfolio.applyFill(trade, AAPL)).toThrow(DeniedError);
    portfolio.transfer({ ts: trade.tsEvent, currency: "USD", amount: "1000" });
    expect(portfolio.applyFill(trade, AAPL).events.map((e) => e.type)).toEqual(["PositionOpened"]);
    expect(() => portfolio.applyFill(trade, AAPL)).toThrow("trade T-42 of AAPL.XNAS was already applied");
  });

  it("books −commission for each fill, in runs of equal commissions and changes between them", () => {
    // Equal values written differently ("1.5", "1.50") share one charge; any other change makes a new one.
    const commission = fc.constantFrom("0", "1.5", "1.50", "1.5000001", "2", "0.01", "1000000.000001");
    fc.assert(
      fc.property(fc.array(commission, { minLength: 1, maxLength: 12 }), (fees) => {
        const portfolio = new Portfolio({ accountType: "CASH", startingCash: "1000000000" });
        for (const fee of fees) portfolio.applyFill(fill("BUY", "1", "10", { commission: fee }), AAPL);
        const charged = portfolio.ledger().filter((e) => e.kind === "commission");
        const expected = fees.filter((fee) => !dec(fee).isZero()).map((fee) => dec(fee).neg().toString());
        expect(charged.map((e) => e.amount.toString())).toEqual(expected);
      }),
    );
  });

  it("a generated position id steps over an id the caller already used", () => {
    const portfolio = new Portfolio({
      accountType: "MARGIN",
      positionMode: "HEDGING",
      startingCash: "100000",
    });
    portfolio.applyFill(fill("BUY", "1", "100"), AAPL, { positionId: "P-1" });
    portfolio.applyFill(fill("BUY", "1", "101"), AAPL);
    portfolio.applyFill(fill("BUY", "1", "102"), AAPL);
    expect(portfolio.openPositions().map((p) => p.id)).toEqual(["P-1", "P-2", "P-3"]);
  });

  it("averages by division when quantity × price has more digits than Decimal keeps", () => {
    const fine = createInstrument({
      id: "FINE.TEST",
      assetClass: "equity",
      currency: "USD",
      tickSize: "0.0000000000000000001",
      lotSize: "0.000000001",
    });
    const quantity = "123456789.123456789";
    const entry = "98765.4321098765432101234";
    const exit = "98766.4321098765432101234";
    const portfolio = new Portfolio({ accountType: "MARGIN", startingCash: "1000000000000000" });
    portfolio.applyFill(fill("SELL", quantity, entry, { instrumentId: fine.id }), fine);
    const cost = dec(quantity).times(entry);
    const [open] = portfolio.openPositions();
    expect(open?.avgOpenPrice.toFixed()).toBe(cost.div(quantity).toFixed());
    expect(open?.avgOpenPrice.toFixed()).not.toBe(entry);
    portfolio.applyFill(fill("BUY", quantity, exit, { instrumentId: fine.id }), fine);
    const [trip] = portfolio.roundTrips();
    expect(trip?.avgEntryPrice.toFixed()).toBe(cost.div(quantity).toFixed());
    expect(trip?.avgExitPrice.toFixed()).toBe(dec(quantity).times(exit).div(quantity).toFixed());
  });

  it("a short marked at its own entry price shows no unrealized PnL, and round trips keep fill prices", () => {
    const portfolio = new Portfolio({ accountType: "MARGIN", startingCash: "100000" });
    const out = portfolio.applyFill(fill("SELL", "7", "101.37"), AAPL);
    expect(out.events[0]?.position.unrealizedPnl.toFixed()).toBe("0");
    expect(out.events[0]?.position.avgOpenPrice.toFixed()).toBe("101.37");
    portfolio.applyFill(fill("BUY", "7", "100.01"), AAPL);
    const [trip] = portfolio.roundTrips();
    expect([
      trip?.avgEntryPrice.toFixed(),
      trip?.avgExitPrice.toFixed(),
      trip?.realizedPnl.toFixed(),
    ]).toEqual(["101.37", "100.01", "9.52"]);
  });

  it("keeps a later bar's close as the mark when a fill is older, and values positions there", () => {
    const portfolio = new Portfolio({ accountType: "MARGIN", leverage: "2", startingCash: "10000" });
    const bar = (ts: number, close: number) => portfolio.onBar(closeBar(AAPL.id, ts, close));
    bar(T0 + 60_000, 101.25);
    bar(T0 + 120_000, 102.5);
    portfolio.applyFill(fill("BUY", "10", "100", { ts: T0 + 90_000 }), AAPL);
    expect(portfolio.lastPrice(AAPL.id)?.toFixed()).toBe("102.5");
    // 10 × (102.5 − 100)
    expect(portfolio.unrealizedPnl().toFixed()).toBe("25");
    // margin at the mark: 10 × 102.5 / 2; a second buy is judged at that mark too
    expect(portfolio.marginUsed().toFixed()).toBe("512.5");
    expect(() => portfolio.applyFill(fill("BUY", "200", "100", { ts: T0 + 100_000 }), AAPL)).toThrow(
      "the initial margin would be 10762.5 USD but equity only 10525 USD",
    );
  });
});

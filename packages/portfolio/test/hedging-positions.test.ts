import { DeniedError } from "@ordo/core";
import { describe, expect, it } from "vitest";
import { Portfolio } from "../src/index.js";
import { AAPL, fill } from "./fills.js";

function hedging() {
  return new Portfolio({
    accountType: "MARGIN",
    positionMode: "HEDGING",
    startingCash: "1000000",
    maxOpenPositions: 3,
  });
}

describe("HEDGING positions", () => {
  it("keeps several positions per instrument, each with its own id, stop-loss and take-profit", () => {
    const portfolio = hedging();
    portfolio.applyFill(fill("BUY", "10", "100", { orderId: "O-A" }), AAPL);
    // a second partial fill of the same order adds to the position that order opened
    portfolio.applyFill(fill("BUY", "5", "101", { orderId: "O-A" }), AAPL);
    portfolio.applyFill(fill("BUY", "5", "102", { orderId: "O-B" }), AAPL, {
      positionId: "swing",
      stopLoss: "95",
      takeProfit: "120",
    });
    portfolio.applyFill(fill("SELL", "3", "103", { orderId: "O-C" }), AAPL, {
      positionId: "hedge",
      stopLoss: "110",
    });

    const open = portfolio.openPositions(AAPL.id);
    expect(open.map((p) => [p.id, p.quantity.toFixed()])).toEqual([
      ["P-1", "15"],
      ["swing", "5"],
      ["hedge", "-3"],
    ]);
    // 15 + 5 − 3
    expect(portfolio.netQuantity(AAPL.id).toFixed()).toBe("17");

    const swing = portfolio.position("swing")!;
    expect(swing.shouldStopLoss("95")).toBe(true);
    expect(swing.shouldStopLoss("95.01")).toBe(false);
    expect(swing.shouldTakeProfit(120)).toBe(true);
    expect(swing.shouldTakeProfit(119.99)).toBe(false);
    const hedge = portfolio.position("hedge")!;
    // a short is stopped out when the price rises to its stop
    expect(hedge.shouldStopLoss(110)).toBe(true);
    expect(hedge.shouldStopLoss(109)).toBe(false);
    expect(hedge.shouldTakeProfit(1)).toBe(false); // no take-profit set
  });

  it("closes the oldest opposite positions first (FIFO) when a fill names no position", () => {
    const portfolio = hedging();
    portfolio.applyFill(fill("BUY", "15", "100.2"), AAPL); // P-1, cost 1503
    portfolio.applyFill(fill("BUY", "5", "102"), AAPL, { positionId: "swing" }); // cost 510
    portfolio.applyFill(fill("SELL", "3", "103"), AAPL, { positionId: "hedge" });

    const out = portfolio.applyFill(fill("SELL", "18", "105"), AAPL);
    // P-1: 15 × 105 − 1503 = 72 (closed); swing: 3 × 105 − 3 × 102 = 9 (2 left)
    expect(out.events.map((e) => `${e.type} ${e.position.positionId}`)).toEqual([
      "PositionClosed P-1",
      "PositionChanged swing",
    ]);
    expect(out.realizedPnl.toFixed()).toBe("81");
    expect(portfolio.position("swing")!.quantity.toFixed()).toBe("2");
    expect(portfolio.position("hedge")!.quantity.toFixed()).toBe("-3");
  });

  it("refuses a fill larger than the named position: hedging positions never flip", () => {
    const portfolio = hedging();
    portfolio.applyFill(fill("SELL", "3", "103"), AAPL, { positionId: "hedge" });
    expect(() => portfolio.applyFill(fill("BUY", "5", "100"), AAPL, { positionId: "hedge" })).toThrow(
      "OVERFILL: fill.quantity: BUY 5 exceeds the 3 open in position hedge; in HEDGING mode a position does not flip",
    );
    expect(portfolio.position("hedge")!.quantity.toFixed()).toBe("-3");
  });

  it("refuses a fill that would open one position more than maxOpenPositions", () => {
    const portfolio = hedging();
    for (const id of ["a", "b", "c"]) portfolio.applyFill(fill("BUY", "1", "100"), AAPL, { positionId: id });
    const attempt = () => portfolio.applyFill(fill("BUY", "1", "100"), AAPL, { positionId: "d" });
    expect(attempt).toThrow(DeniedError);
    expect(attempt).toThrow(
      "POSITION_LIMIT: BUY 1 AAPL.XNAS @ 100 would open position number 4 in account ACCOUNT; maxOpenPositions is 3",
    );
    // adding to an open position is not a new position
    portfolio.applyFill(fill("BUY", "1", "100"), AAPL, { positionId: "a" });
    expect(portfolio.openPositionCount).toBe(3);
  });

  it("refuses reusing the id of a closed position", () => {
    const portfolio = hedging();
    portfolio.applyFill(fill("BUY", "1", "100"), AAPL, { positionId: "a" });
    portfolio.applyFill(fill("SELL", "1", "101"), AAPL, { positionId: "a", exitReason: "signal" });
    expect(portfolio.roundTrips()[0]!.exitReason).toBe("signal");
    expect(() => portfolio.applyFill(fill("BUY", "1", "100"), AAPL, { positionId: "a" })).toThrow(
      "POSITION_CLOSED: context.positionId: position a is closed; a fill cannot reopen it (give a new id)",
    );
  });

  it("moves a stop-loss and clears a take-profit of an open position", () => {
    const portfolio = hedging();
    portfolio.applyFill(fill("BUY", "1", "100"), AAPL, {
      positionId: "a",
      stopLoss: "95",
      takeProfit: "110",
    });
    portfolio.setStopLoss("a", "100");
    portfolio.setTakeProfit("a", null);
    const a = portfolio.position("a")!;
    expect(a.shouldStopLoss("99.5")).toBe(true);
    expect(a.takeProfit).toBeNull();
    expect(() => portfolio.setStopLoss("zzz", "1")).toThrow("UNKNOWN_POSITION: positionId: no position zzz");
  });
});

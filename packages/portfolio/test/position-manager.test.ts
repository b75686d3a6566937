import { VirtualClock } from "@ordo/core";
import { describe, expect, it } from "vitest";
import { PositionManager } from "../src/index.js";
import { BTC, T0 } from "./fills.js";

const HOUR = 3_600_000;

function manager(clock = new VirtualClock(T0)) {
  return {
    clock,
    pm: new PositionManager({
      startingCash: "10000",
      currency: "USDT",
      commissionRate: "0.001",
      maxOpenPositions: 2,
      instruments: [BTC],
      clock,
    }),
  };
}

describe("PositionManager (standalone, for a bot without the engine)", () => {
  it("opens with stop-loss and take-profit, signals the exit, closes with a reason and keeps score", () => {
    const { pm, clock } = manager();
    const long = pm.open({
      instrumentId: BTC.id,
      side: "LONG",
      entryPrice: "62000",
      quantity: "0.1",
      stopLoss: "60000",
      takeProfit: "66000",
    });
    // commission 0.1 × 62000 × 0.001
    expect(long.commissions.toFixed()).toBe("6.2");

    clock.advanceTo(T0 + HOUR);
    expect(pm.updatePrice(BTC.id, 63000)).toEqual([]);
    // 0.1 × (63000 − 62000)
    expect(long.unrealizedPnl.toFixed()).toBe("100");

    clock.advanceTo(T0 + 2 * HOUR);
    const signals = pm.updatePrice(BTC.id, "66500");
    expect(signals.map((s) => [s.positionId, s.reason, s.triggerPrice.toFixed(), s.price.toFixed()])).toEqual(
      [["P-1", "take-profit", "66000", "66500"]],
    );

    const closed = pm.close(long.id, { exitPrice: "66000", reason: "take-profit" });
    // 0.1 × 4000 = 400 realized; commissions 6.2 + 6.6 → net 387.2
    expect(closed.realizedPnl.toFixed()).toBe("400");
    expect(closed.roundTrip).toMatchObject({ exitReason: "take-profit", holdingTimeMs: 2 * HOUR });
    expect(closed.roundTrip!.netPnl.toFixed()).toBe("387.2");
    expect(long.isOpen).toBe(false);

    const short = pm.open({
      instrumentId: BTC.id,
      side: "SELL",
      entryPrice: "66000",
      quantity: "0.05",
      stopLoss: "67000",
    });
    clock.advanceTo(T0 + 3 * HOUR);
    expect(pm.updatePrice(BTC.id, 67100).map((s) => s.reason)).toEqual(["stop-loss"]);
    pm.close(short.id, { exitPrice: "67000", reason: "stop-loss" });
    // short loses 0.05 × 1000 = 50, commissions 3.3 + 3.35

    const stats = pm.stats();
    expect(stats).toMatchObject({ openPositions: 0, closedTrades: 2, wins: 1, losses: 1, winRate: 0.5 });
    // 400 − 50 − (6.2 + 6.6 + 3.3 + 3.35)
    expect(stats.totalPnl.toFixed()).toBe("330.55");
    expect(stats.equity.toFixed()).toBe("10330.55");
  });

  it("closes every open position of an instrument at once", () => {
    const { pm } = manager();
    pm.open({ instrumentId: BTC.id, side: "LONG", entryPrice: "100", quantity: "1", commission: "0" });
    pm.open({ instrumentId: BTC.id, side: "SHORT", entryPrice: "100", quantity: "3", commission: "0" });
    const results = pm.closeAll(BTC.id, { exitPrice: "90", reason: "end of day", commission: "0" });
    // long 1 × (90 − 100) = −10; short 3 × (100 − 90) = 30
    expect(results.map((r) => r.realizedPnl.toFixed())).toEqual(["-10", "30"]);
    expect(pm.openPositions()).toHaveLength(0);
    expect(pm.closedTrades().map((t) => t.exitReason)).toEqual(["end of day", "end of day"]);
  });

  it("closes part of a position", () => {
    const { pm } = manager();
    const p = pm.open({
      instrumentId: BTC.id,
      side: "BUY",
      entryPrice: "100",
      quantity: "2",
      commission: "0",
    });
    const half = pm.close(p.id, { exitPrice: "110", quantity: "0.5", commission: "0" });
    expect(half.realizedPnl.toFixed()).toBe("5");
    expect(half.roundTrip).toBeNull();
    expect(p.quantity.toFixed()).toBe("1.5");
  });

  it("refuses protection on the wrong side of the entry price, naming the field", () => {
    const { pm } = manager();
    expect(() =>
      pm.open({
        instrumentId: BTC.id,
        side: "LONG",
        entryPrice: "100",
        quantity: "1",
        stopLoss: "105",
        takeProfit: "90",
      }),
    ).toThrow(
      "VALIDATION: open.stopLoss: must be below the entry price 100 for a long position, got 105; open.takeProfit: must be above the entry price 100 for a long position, got 90",
    );
    expect(pm.openPositions()).toHaveLength(0);
  });

  it("refuses a misspelt field instead of opening a position without its stop-loss", () => {
    const { pm } = manager();
    expect(() =>
      pm.open({
        instrumentId: BTC.id,
        side: "SHORT",
        entryPrice: "100",
        quantity: "1",
        stopLos: "105",
      } as never),
    ).toThrow('VALIDATION: open.stopLos: is not a known field (did you mean "stopLoss"?)');
    expect(() =>
      pm.open({ instrumentId: BTC.id, side: "short", entryPrice: "100", quantity: "1" } as never),
    ).toThrow(
      'VALIDATION: open.side: Invalid option: expected one of "LONG"|"SHORT"|"BUY"|"SELL", got "short"',
    );
    expect(pm.openPositions()).toHaveLength(0);
    expect(() => new PositionManager({ startingCash: "10000", accountType: "CASH", leverage: "3" })).toThrow(
      "VALIDATION: options.leverage: applies to MARGIN accounts only, but accountType is CASH (got leverage 3)",
    );
  });

  it("refuses a third position when maxOpenPositions is 2, and closing an unknown or closed one", () => {
    const { pm } = manager();
    const a = pm.open({ instrumentId: BTC.id, side: "LONG", entryPrice: "100", quantity: "1" });
    pm.open({ instrumentId: BTC.id, side: "LONG", entryPrice: "100", quantity: "1" });
    expect(() => pm.open({ instrumentId: BTC.id, side: "LONG", entryPrice: "100", quantity: "1" })).toThrow(
      "POSITION_LIMIT",
    );
    // the refused open did not use up an id
    pm.close(a.id, { exitPrice: "100" });
    expect(pm.open({ instrumentId: BTC.id, side: "LONG", entryPrice: "100", quantity: "1" }).id).toBe("P-3");
    expect(() => pm.close("nope", { exitPrice: "1" })).toThrow(
      "UNKNOWN_POSITION: positionId: no position nope",
    );
    expect(() => pm.close(a.id, { exitPrice: "1" })).toThrow("POSITION_CLOSED");
  });

  it("needs a time: from the call or from a clock, never the wall clock behind the caller's back", () => {
    const pm = new PositionManager({ startingCash: "1000" });
    expect(() => pm.open({ instrumentId: "X.Y", side: "LONG", entryPrice: "1", quantity: "1" })).toThrow(
      "VALIDATION: open.ts: is required when the PositionManager has no clock",
    );
    const p = pm.open({
      instrumentId: "X.Y",
      side: "LONG",
      entryPrice: "1",
      quantity: "1",
      ts: "2024-05-01T00:00:00Z",
    });
    expect(p.openedAt).toBe(Date.parse("2024-05-01T00:00:00Z"));
    // an instrument it was not told about: multiplier 1 in the manager's currency
    expect(p.currency).toBe("USD");
  });
});

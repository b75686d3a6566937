import { createInstrument, dec, type PositionEvent } from "@ordo/core";
import { describe, expect, it } from "vitest";
import { Portfolio } from "../src/index.js";
import { AAPL, closeBar, fill, T0 } from "./fills.js";

function marginPortfolio() {
  return new Portfolio({ accountType: "MARGIN", positionMode: "NETTING", startingCash: "100000" });
}

function summary(e: PositionEvent) {
  return `${e.type} ${e.position.positionId} ${e.position.side} ${e.position.quantity.toFixed()} @ ${e.position.avgOpenPrice.toFixed()}`;
}

describe("NETTING positions", () => {
  it("opens, adds at the quantity-weighted average price, reduces, flips and closes", () => {
    const portfolio = marginPortfolio();
    const events: string[] = [];
    portfolio.onPositionEvent((e) => events.push(summary(e)));

    portfolio.applyFill(fill("BUY", "10", "100", { commission: "1" }), AAPL);
    portfolio.applyFill(fill("BUY", "30", "104", { commission: "1" }), AAPL);
    // avg = (10 × 100 + 30 × 104) / 40 = 4120 / 40 = 103
    const [long] = portfolio.openPositions(AAPL.id);
    expect(long!.avgOpenPrice.toFixed()).toBe("103");

    portfolio.updatePrice(AAPL.id, "110", T0 + 100);
    // unrealized = 40 × 110 − 4120 = 280
    expect(portfolio.unrealizedPnl().toFixed()).toBe("280");

    const reduce = portfolio.applyFill(fill("SELL", "20", "108", { commission: "1" }), AAPL);
    // realized = 20 × 108 − 20 × 103 = 100; the average of what is left stays 103
    expect(reduce.realizedPnl.toFixed()).toBe("100");
    expect(long!.quantity.toFixed()).toBe("20");
    expect(long!.avgOpenPrice.toFixed()).toBe("103");

    const flip = portfolio.applyFill(fill("SELL", "50", "100", { commission: "2" }), AAPL);
    // closes 20: 20 × 100 − 20 × 103 = −60; the residual 30 opens short at the flipping fill's price
    expect(flip.realizedPnl.toFixed()).toBe("-60");
    expect(flip.events.map((e) => e.type)).toEqual(["PositionClosed", "PositionOpened"]);
    const [short] = portfolio.openPositions(AAPL.id);
    expect(short!.id).not.toBe(long!.id);
    expect(short!.quantity.toFixed()).toBe("-30");
    expect(short!.avgOpenPrice.toFixed()).toBe("100");
    // the flip's commission is shared by quantity: 2 × 20/50 = 0.8 closes, 1.2 opens
    expect(long!.commissions.toFixed()).toBe("3.8");
    expect(short!.commissions.toFixed()).toBe("1.2");

    portfolio.updatePrice(AAPL.id, "95", T0 + 200);
    // short unrealized = 30 × 100 − 30 × 95 = 150
    expect(short!.unrealizedPnl.toFixed()).toBe("150");

    const close = portfolio.applyFill(fill("BUY", "30", "97", { commission: "1" }), AAPL);
    // realized = 30 × (100 − 97) = 90
    expect(close.realizedPnl.toFixed()).toBe("90");
    expect(portfolio.openPositions()).toHaveLength(0);
    expect(portfolio.netQuantity(AAPL.id).toFixed()).toBe("0");

    expect(events).toEqual([
      "PositionOpened P-1 LONG 10 @ 100",
      "PositionChanged P-1 LONG 40 @ 103",
      "PositionChanged P-1 LONG 20 @ 103",
      "PositionClosed P-1 FLAT 0 @ 103",
      "PositionOpened P-2 SHORT -30 @ 100",
      "PositionClosed P-2 FLAT 0 @ 100",
    ]);
    // realized 100 − 60 + 90 = 130; commissions 1 + 1 + 1 + 2 + 1 = 6
    expect(portfolio.realizedPnl().toFixed()).toBe("130");
    expect(portfolio.commissions().toFixed()).toBe("6");
    expect(portfolio.equity().toFixed()).toBe("100124");

    const trips = portfolio.roundTrips();
    expect(trips.map((t) => [t.positionId, t.direction, t.netPnl.toFixed()])).toEqual([
      ["P-1", "LONG", "36.2"], // 40 − 3.8
      ["P-2", "SHORT", "87.8"], // 90 − (1.2 opening + 1 closing)
    ]);
    expect(trips[0]!.avgEntryPrice.toFixed()).toBe("103");
    // exits: 20 @ 108 and 20 @ 100 → 104
    expect(trips[0]!.avgExitPrice.toFixed()).toBe("104");
  });

  it("multiplies realized and unrealized PnL by the contract multiplier", () => {
    // No per-contract margin given, so margin is the full notional: 2 × 5000 × 50 = 500 000.
    const portfolio = new Portfolio({ accountType: "MARGIN", startingCash: "1000000" });
    const es = { id: "ESH5.XCME", assetClass: "future" as const, currency: "USD", multiplier: dec("50") };
    portfolio.applyFill(fill("BUY", "2", "5000", { instrumentId: es.id }), es);
    portfolio.updatePrice(es.id, "5010.25", T0 + 10);
    // 2 contracts × 10.25 points × 50 = 1025
    expect(portfolio.unrealizedPnl().toFixed()).toBe("1025");
    const out = portfolio.applyFill(fill("SELL", "2", "4990", { instrumentId: es.id }), es);
    // 2 × −10 × 50 = −1000
    expect(out.realizedPnl.toFixed()).toBe("-1000");
  });

  it("marks at the quote mid once quotes exist, and ignores prices older than the mark", () => {
    const portfolio = marginPortfolio();
    portfolio.applyFill(fill("BUY", "10", "100", { ts: T0 }), AAPL);
    portfolio.onTrade({
      kind: "trade",
      instrumentId: AAPL.id,
      ts: T0 + 1,
      price: 101,
      size: 5,
      aggressor: "BUYER",
    });
    expect(portfolio.lastPrice(AAPL.id)?.toFixed()).toBe("101");
    portfolio.updatePrice(AAPL.id, "99", T0 - 1);
    expect(portfolio.lastPrice(AAPL.id)?.toFixed()).toBe("101");
    portfolio.onQuote({
      kind: "quote",
      instrumentId: AAPL.id,
      ts: T0 + 2,
      bid: 102.1,
      ask: 102.3,
      bidSize: 1,
      askSize: 1,
    });
    expect(portfolio.lastPrice(AAPL.id)?.toFixed()).toBe("102.2");
    portfolio.onBar({
      kind: "bar",
      instrumentId: AAPL.id,
      ts: T0 + 3,
      open: 1,
      high: 1,
      low: 1,
      close: 105,
      volume: 1,
    });
    expect(portfolio.lastPrice(AAPL.id)?.toFixed()).toBe("102.2");
    // 10 × (102.2 − 100)
    expect(portfolio.unrealizedPnl().toFixed()).toBe("22");
    portfolio.onMarketData({
      kind: "quote",
      instrumentId: AAPL.id,
      ts: T0 + 4,
      bid: 99,
      ask: 99.5,
      bidSize: 1,
      askSize: 1,
    });
    // 10 × (99.25 − 100)
    expect(portfolio.unrealizedPnl().toFixed()).toBe("-7.5");
  });

  it("marks a quote with a side at 0 (a file's no bid) at the other side, and keeps the mark when both are 0", () => {
    const EURUSD = createInstrument({
      id: "EURUSD.SIM",
      assetClass: "fx",
      currency: "USD",
      tickSize: "0.0001",
    });
    const quote = (ts: number, bid: number, ask: number) =>
      portfolio.onQuote({ kind: "quote", instrumentId: EURUSD.id, ts, bid, ask, bidSize: 1, askSize: 1 });
    const portfolio = marginPortfolio();
    quote(T0, 1.1, 1.1002);
    portfolio.applyFill(
      fill("BUY", "100", "1.1002", { ts: T0, commission: "0", instrumentId: EURUSD.id }),
      EURUSD,
    );
    quote(T0 + 1_000, 0, 1.1003);
    // Marked at the ask: 100 × (1.1003 − 1.1002) = 0.01. The mid, 0.55015, gave 99944.995.
    expect(portfolio.lastPrice(EURUSD.id)?.toFixed()).toBe("1.1003");
    expect(portfolio.equity().toFixed()).toBe("100000.01");
    quote(T0 + 2_000, 1.1001, 1.1003);
    expect(portfolio.lastPrice(EURUSD.id)?.toFixed()).toBe("1.1002");
    expect(portfolio.equity().toFixed()).toBe("100000");
    quote(T0 + 3_000, 1.1004, 0);
    // Marked at the bid when the ask is 0: 100 × (1.1004 − 1.1002) = 0.02.
    expect(portfolio.lastPrice(EURUSD.id)?.toFixed()).toBe("1.1004");
    expect(portfolio.equity().toFixed()).toBe("100000.02");
    quote(T0 + 4_000, 0, 0);
    // Neither side: the mark stays; and a quote older than that one is ignored, as any older price.
    expect(portfolio.lastPrice(EURUSD.id)?.toFixed()).toBe("1.1004");
    quote(T0 + 3_500, 1.09, 1.0902);
    expect(portfolio.lastPrice(EURUSD.id)?.toFixed()).toBe("1.1004");
    expect(portfolio.equity().toFixed()).toBe("100000.02");
  });

  it("gives the price a market order meets: the latest quote's ask for a buy, its bid for a sell", () => {
    const portfolio = marginPortfolio();
    const quote = (ts: number, bid: number, ask: number) =>
      portfolio.onQuote({ kind: "quote", instrumentId: "EURUSD.SIM", ts, bid, ask, bidSize: 1, askSize: 1 });
    const sides = () =>
      [portfolio.marketPrice("EURUSD.SIM", "BUY"), portfolio.marketPrice("EURUSD.SIM", "SELL")].map(
        (p) => p?.toFixed() ?? null,
      );
    expect(sides()).toEqual([null, null]);
    quote(T0, 1.1, 1.1002);
    expect(sides()).toEqual(["1.1002", "1.1"]);
    expect(portfolio.lastPrice("EURUSD.SIM")?.toFixed()).toBe("1.1001");
    // No bid: a sell has nothing to meet (null: the mark, here the ask, is all there is).
    quote(T0 + 1_000, 0, 1.1003);
    expect(sides()).toEqual(["1.1003", null]);
    quote(T0 + 2_000, 0, 0);
    expect(sides()).toEqual([null, null]);
    // An older quote is ignored, as for the mark.
    quote(T0 + 1_500, 1.2, 1.2002);
    expect(sides()).toEqual([null, null]);
    quote(T0 + 3_000, 1.1001, 1.1003);
    expect(sides()).toEqual(["1.1003", "1.1001"]);
    // Bar data: no quote, so no market price beyond the mark.
    portfolio.onBar(closeBar(AAPL.id, T0, 100));
    expect(portfolio.marketPrice(AAPL.id, "BUY")).toBeNull();
    expect(portfolio.lastPrice(AAPL.id)?.toFixed()).toBe("100");
    expect(() => portfolio.marketPrice(AAPL.id, "buy" as "BUY")).toThrow(
      'side: must be "BUY" or "SELL", got "buy"',
    );
  });

  it("marks through an instrument's price feed as onBar does: older bars ignored, other instruments refused", () => {
    const portfolio = new Portfolio({ startingCash: "10000" });
    portfolio.applyFill(fill("BUY", "10", "100", { ts: T0, commission: "0" }), AAPL);
    const feed = portfolio.priceFeed(AAPL.id);
    feed.onBar(closeBar(AAPL.id, T0 + 10, 103.5));
    expect(portfolio.lastPrice(AAPL.id)?.toFixed()).toBe("103.5");
    // 10 × (103.5 − 100)
    expect(portfolio.unrealizedPnl().toFixed()).toBe("35");
    feed.onBar(closeBar(AAPL.id, T0 + 5, 90));
    expect(portfolio.lastPrice(AAPL.id)?.toFixed()).toBe("103.5");
    expect(() => feed.onBar(closeBar("MSFT.XNAS", T0 + 11, 1))).toThrow(
      "the price feed of AAPL.XNAS got a bar of MSFT.XNAS",
    );
    expect(() => feed.onBar(closeBar(AAPL.id, T0 + 12, Number.NaN))).toThrow("bar.close");
    expect(portfolio.equity().toFixed()).toBe("10035");
  });

  it("refuses a fill whose trade id was already applied, changing nothing", () => {
    const portfolio = marginPortfolio();
    const f = fill("BUY", "10", "100", { tradeId: "X-1" });
    portfolio.applyFill(f, AAPL);
    expect(() => portfolio.applyFill(f, AAPL)).toThrow(
      "DUPLICATE_TRADE_ID: fill.tradeId: trade X-1 of AAPL.XNAS was already applied",
    );
    expect(portfolio.netQuantity(AAPL.id).toFixed()).toBe("10");
    expect(portfolio.ledger()).toHaveLength(1);
  });

  it("refuses a fill for another instrument than the one given", () => {
    const portfolio = marginPortfolio();
    expect(() => portfolio.applyFill(fill("BUY", "1", "1", { instrumentId: "MSFT.XNAS" }), AAPL)).toThrow(
      /INSTRUMENT_MISMATCH: instrument.id: fill T-\d+ is for MSFT.XNAS but the instrument given is AAPL.XNAS/,
    );
  });

  it("refuses naming another position than the instrument's open one", () => {
    const portfolio = marginPortfolio();
    portfolio.applyFill(fill("BUY", "1", "100"), AAPL);
    expect(() => portfolio.applyFill(fill("BUY", "1", "100"), AAPL, { positionId: "other" })).toThrow(
      "POSITION_MISMATCH",
    );
  });

  it("records stop-loss and take-profit given with the opening fill", () => {
    const portfolio = marginPortfolio();
    portfolio.applyFill(fill("BUY", "1", "100"), AAPL, { stopLoss: "95", takeProfit: "110" });
    const [p] = portfolio.openPositions();
    expect(p!.shouldStopLoss(95)).toBe(true);
    expect(p!.shouldTakeProfit("109.99")).toBe(false);
  });
});

import {
  type AccountState,
  createInstrument,
  DeniedError,
  dec,
  MessageBus,
  type PositionEvent,
} from "@ordo/core";
import { describe, expect, it } from "vitest";
import { initialMarginPerUnit, Portfolio } from "../src/index.js";
import { AAPL, ES, fill, T0 } from "./fills.js";

const esFill = (side: "BUY" | "SELL", quantity: string, price: string, commission = "2.5") =>
  fill(side, quantity, price, { instrumentId: ES.id, commission });

describe("margin account", () => {
  it("keeps the peak margin and the margin calls of the equity curve's samples, which the end hides", () => {
    const portfolio = new Portfolio({ accountType: "MARGIN", startingCash: "50000" });
    expect(portfolio.marginHistory()).toEqual({
      currency: "USD",
      samples: 0,
      peakInitialMargin: dec("0"),
      peakInitialMarginAt: null,
      marginCallSamples: 0,
      firstMarginCallAt: null,
    });
    portfolio.snapshot(T0);
    portfolio.applyFill(esFill("BUY", "2", "5000"), ES);
    portfolio.snapshot(T0 + 60_000);
    // Down 300 points: equity 49997.5 − 2 × 300 × 50 = 19997.5, below maintenance 22 000.
    portfolio.updatePrice(ES.id, "4700", T0 + 120_000);
    portfolio.snapshot(T0 + 120_000);
    // A second snapshot at the same time is the same sample: not a second margin call.
    portfolio.snapshot(T0 + 120_000);
    portfolio.updatePrice(ES.id, "4650", T0 + 180_000);
    portfolio.snapshot(T0 + 180_000);
    // Out of it: the position closed, no margin in use at the end.
    portfolio.applyFill(esFill("SELL", "2", "4950"), ES);
    portfolio.snapshot(T0 + 240_000);
    expect(portfolio.isMarginCall()).toBe(false);
    expect(portfolio.marginUsed().toFixed()).toBe("0");
    const history = portfolio.marginHistory()!;
    expect(history.samples).toBe(5);
    // 2 contracts × 12 000, first in use at the second sample.
    expect(history.peakInitialMargin.toFixed()).toBe("24000");
    expect(history.peakInitialMarginAt).toBe(T0 + 60_000);
    expect(history.marginCallSamples).toBe(2);
    expect(history.firstMarginCallAt).toBe(T0 + 120_000);
    // Only the sampled currency has a history; another one has none yet.
    expect(portfolio.marginHistory("EUR")?.samples).toBe(0);
  });

  it("has no margin history in a cash account", () => {
    const portfolio = new Portfolio({ accountType: "CASH", startingCash: "50000" });
    portfolio.snapshot(T0);
    expect(portfolio.marginHistory()).toBeNull();
  });

  it("moves cash only by PnL and fees for futures, and locks per-contract initial margin", () => {
    const portfolio = new Portfolio({ accountType: "MARGIN", startingCash: "50000" });
    portfolio.applyFill(esFill("BUY", "2", "5000"), ES);
    // opening a future moves no cash: only the 2.5 commission
    expect(portfolio.ledger().map((e) => `${e.kind} ${e.amount.toFixed()}`)).toEqual([
      "transfer 50000",
      "commission -2.5",
    ]);
    // 2 contracts × 12 000 per contract
    expect(portfolio.marginUsed().toFixed()).toBe("24000");
    const balance = portfolio.balance();
    expect([balance.total, balance.locked, balance.free].map((d) => d.toFixed())).toEqual([
      "49997.5",
      "24000",
      "25997.5",
    ]);

    portfolio.updatePrice(ES.id, "5010", T0 + 60_000);
    // unrealized 2 × 10 points × 50 = 1000; equity 49997.5 + 1000
    expect(portfolio.equity().toFixed()).toBe("50997.5");
    // buying power is the margin headroom: 50997.5 − 24000
    expect(portfolio.buyingPower().toFixed()).toBe("26997.5");
  });

  it("refuses a fill whose initial margin would exceed equity, but never a reducing one", () => {
    const portfolio = new Portfolio({ accountType: "MARGIN", startingCash: "50000" });
    portfolio.applyFill(esFill("BUY", "2", "5000"), ES);
    // 5 × 12 000 = 60 000 > equity 49 997.5 − 2.5 = 49 995
    expect(() => portfolio.applyFill(esFill("BUY", "3", "5000"), ES)).toThrow(
      "INSUFFICIENT_FUNDS: margin account ACCOUNT: after BUY 3 ESZ4.XCME @ 5000 the initial margin would be 60000 USD but equity only 49995 USD",
    );
    // What a venue asking first (fillDenial) is told: the same reason, for the same fill.
    expect(portfolio.fillDenial(esFill("BUY", "3", "5000"), ES)?.message).toBe(
      "INSUFFICIENT_FUNDS: margin account ACCOUNT: after BUY 3 ESZ4.XCME @ 5000 the initial margin would be 60000 USD but equity only 49995 USD",
    );
    expect(portfolio.fillDenial(esFill("BUY", "1", "5000"), ES)).toBeNull();
    expect(portfolio.netQuantity(ES.id).toFixed()).toBe("2");

    portfolio.updatePrice(ES.id, "4700", T0 + 60_000);
    // equity 49997.5 − 2 × 300 × 50 = 19997.5, below maintenance 2 × 11 000 = 22 000
    expect(portfolio.maintenanceMargin().toFixed()).toBe("22000");
    expect(portfolio.isMarginCall()).toBe(true);
    expect(portfolio.buyingPower().toFixed()).toBe("0");

    const out = portfolio.applyFill(esFill("SELL", "2", "4950", "2.5"), ES);
    // realized 2 × (4950 − 5000) × 50 = −5000, booked as cash
    expect(out.realizedPnl.toFixed()).toBe("-5000");
    expect(
      portfolio.ledger().map((e) => `${e.kind} ${e.amount.toFixed()} -> ${e.balance.toFixed()}`),
    ).toEqual([
      "transfer 50000 -> 50000",
      "commission -2.5 -> 49997.5",
      "fill -5000 -> 44997.5",
      "commission -2.5 -> 44995",
    ]);
    expect(portfolio.isMarginCall()).toBe(false);
    expect(portfolio.equity().toFixed()).toBe("44995");
  });

  it("takes margin as a fraction of notional: the instrument's rate, else 1 / leverage", () => {
    const portfolio = new Portfolio({ accountType: "MARGIN", startingCash: "10000", leverage: "4" });
    portfolio.applyFill(fill("BUY", "100", "50"), AAPL);
    // 100 × 50 / 4
    expect(portfolio.marginUsed().toFixed()).toBe("1250");
    const halfMargin = createInstrument({
      id: "TSLA.XNAS",
      assetClass: "equity",
      currency: "USD",
      tickSize: "0.01",
      marginInit: "0.5",
    });
    portfolio.applyFill(fill("SELL", "10", "200", { instrumentId: halfMargin.id }), halfMargin);
    // 1250 + 10 × 200 × 0.5; a short locks margin too
    expect(portfolio.marginUsed().toFixed()).toBe("2250");
    // a future's margin is per contract, whatever the price or the leverage
    expect(initialMarginPerUnit(ES, dec("5000"), dec("10")).toFixed()).toBe("12000");
  });

  it("books funding payments in the ledger and in equity", () => {
    const portfolio = new Portfolio({ accountType: "MARGIN", baseCurrency: "USDT", startingCash: "1000" });
    portfolio.applyFunding({
      ts: T0,
      currency: "USDT",
      amount: "-3.2",
      instrumentId: "BTC-PERP.BINANCE",
      reference: "F-8h",
    });
    portfolio.applyFunding({ ts: T0 + 1, currency: "USDT", amount: "1.1", reference: "F-16h" });
    expect(portfolio.totalFunding().toFixed()).toBe("-2.1");
    expect(portfolio.equity().toFixed()).toBe("997.9");
    expect(portfolio.ledger().at(-2)).toMatchObject({
      kind: "funding",
      reference: "F-8h",
      instrumentId: "BTC-PERP.BINANCE",
    });
  });

  it("publishes position events and the account state on core's MessageBus", () => {
    const bus = new MessageBus();
    const positions: PositionEvent[] = [];
    const accounts: AccountState[] = [];
    bus.stream("positions").subscribe((e) => positions.push(e));
    bus.stream("account").subscribe((a) => accounts.push(a));
    const portfolio = new Portfolio({ accountType: "MARGIN", startingCash: "100000", bus });
    portfolio.applyFill(esFill("BUY", "1", "5000"), ES);
    expect(positions.map((e) => [e.type, e.position.quantity.toFixed(), e.tradeId])).toEqual([
      ["PositionOpened", "1", expect.stringMatching(/^T-/)],
    ]);
    expect(accounts).toHaveLength(1);
    expect(accounts[0]!.balances[0]!.locked.toFixed()).toBe("12000");
  });

  it("delivers events to every listener even when one throws, then reports the failure", () => {
    const portfolio = new Portfolio({ accountType: "MARGIN", startingCash: "100000" });
    const seen: string[] = [];
    portfolio.onPositionEvent(() => {
      throw new Error("listener bug");
    });
    const stop = portfolio.onPositionEvent((e) => seen.push(e.type));
    expect(() => portfolio.applyFill(fill("BUY", "1", "100"), AAPL)).toThrow("listener bug");
    expect(seen).toEqual(["PositionOpened"]);
    // the fill itself was applied
    expect(portfolio.netQuantity(AAPL.id).toFixed()).toBe("1");
    stop();
  });

  it("is refused as a DeniedError so the caller can tell a denial from bad input", () => {
    const portfolio = new Portfolio({ accountType: "MARGIN", startingCash: "10" });
    expect(() => portfolio.applyFill(fill("BUY", "1", "100"), AAPL)).toThrow(DeniedError);
  });
});

describe("funds an order needs (what the risk engine's buying-power check asks)", () => {
  const KO = createInstrument({ id: "KO.XNYS", assetClass: "equity", currency: "USD", tickSize: "0.01" });

  it("asks a 2x margin account for half the notional of a short, the margin its fill then locks", () => {
    const portfolio = new Portfolio({ accountType: "MARGIN", startingCash: "50000", leverage: "2" });
    // 200 × 52.625 = 10525 of notional; at 2x leverage 5262.5 of margin, whichever the side
    expect(portfolio.fundsRequired(KO, "200", "52.625").toFixed()).toBe("5262.5");
    expect(portfolio.fundsRequired(KO, "-200", "52.625").toFixed()).toBe("5262.5");
    portfolio.applyFill(fill("SELL", "200", "52.625", { instrumentId: KO.id, commission: "1" }), KO);
    expect(portfolio.marginUsed().toFixed()).toBe("5262.5");
    // buying power 49999 − 5262.5: a short of 1000 more at 52.625 (52625 of notional) fits at 2x
    expect(portfolio.buyingPower().toFixed()).toBe("44736.5");
    expect(portfolio.fundsRequired(KO, "1000", "52.625").toFixed()).toBe("26312.5");
  });

  it("asks a future's margin per contract, an instrument's own margin fraction, and a cash account the notional", () => {
    const margin = new Portfolio({ accountType: "MARGIN", startingCash: "50000", leverage: "4" });
    expect(margin.fundsRequired(ES, "3", "5000").toFixed()).toBe("36000");
    const halfMargined = createInstrument({ ...KO, marginInit: "0.5" });
    // the instrument's 50 % wins over the account's 1/4
    expect(margin.fundsRequired(halfMargined, "100", "60").toFixed()).toBe("3000");
    expect(margin.fundsRequired(KO, "100", "60").toFixed()).toBe("1500");
    const cash = new Portfolio({ startingCash: "50000" });
    expect(cash.fundsRequired(halfMargined, "100", "60").toFixed()).toBe("6000");
    expect(cash.fundsRequired(ES, "3", "5000").toFixed()).toBe("750000");
  });
});

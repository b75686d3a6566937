import { DeniedError, type PortfolioView, toJsonValue } from "@ordo/core";
import { describe, expect, it } from "vitest";
import { Portfolio } from "../src/index.js";
import { AAPL, BTC, fill, T0 } from "./fills.js";

function ledgerLines(portfolio: Portfolio, currency?: string) {
  return portfolio
    .ledger(currency)
    .map(
      (e) =>
        `${e.seq} ${e.kind} ${e.amount.toFixed()} ${e.currency} -> ${e.balance.toFixed()} [${e.reference}]`,
    );
}

describe("cash account", () => {
  it("books every fill and commission so the balance can be explained line by line", () => {
    const portfolio = new Portfolio({ accountType: "CASH", startingCash: "10000", startTs: T0 });
    portfolio.applyFill(fill("BUY", "10", "150", { commission: "1.5", tradeId: "T-a" }), AAPL);
    const sell = portfolio.applyFill(fill("SELL", "4", "160", { commission: "1", tradeId: "T-b" }), AAPL);
    // 4 × 160 − 4 × 150
    expect(sell.realizedPnl.toFixed()).toBe("40");
    expect(ledgerLines(portfolio)).toEqual([
      "1 transfer 10000 USD -> 10000 [starting balance]",
      "2 fill -1500 USD -> 8500 [T-a]",
      "3 commission -1.5 USD -> 8498.5 [T-a]",
      "4 fill 640 USD -> 9138.5 [T-b]",
      "5 commission -1 USD -> 9137.5 [T-b]",
    ]);
    expect(portfolio.ledger()[1]!.description).toBe("BUY 10 AAPL.XNAS @ 150");

    portfolio.updatePrice(AAPL.id, "155", T0 + 60_000);
    // cash 9137.5 + 6 shares × 155 = 10067.5
    //  = 10000 + realized 40 + unrealized (6 × 155 − 900 = 30) − commissions 2.5
    expect(portfolio.equity().toFixed()).toBe("10067.5");
    expect(portfolio.unrealizedPnl().toFixed()).toBe("30");
    expect(portfolio.buyingPower().toFixed()).toBe("9137.5");
    expect(portfolio.balance()).toEqual(expect.objectContaining({ currency: "USD" }));
    expect(portfolio.balance().free.toFixed()).toBe("9137.5");
    expect(portfolio.balance().locked.toFixed()).toBe("0");
  });

  it("reads the same ledger entries whether read after every booking or once at the end", () => {
    const book = (portfolio: Portfolio, read: boolean) => {
      portfolio.applyFill(fill("BUY", "10", "150", { commission: "1.5", tradeId: "T-a" }), AAPL);
      if (read) portfolio.ledger();
      portfolio.applyFill(fill("SELL", "4", "160", { commission: "1.5", tradeId: "T-b" }), AAPL);
      if (read) portfolio.ledger("USD");
      portfolio.transfer({ ts: T0 + 1, currency: "USD", amount: "-100" });
      return portfolio
        .ledger()
        .map((e) => ({ ...e, ts: 0, amount: e.amount.toFixed(), balance: e.balance.toFixed() }));
    };
    const options = { accountType: "CASH", startingCash: "10000", startTs: T0 } as const;
    const once = book(new Portfolio(options), false);
    expect(book(new Portfolio(options), true)).toEqual(once);
    expect(once.map((e) => `${e.seq} ${e.balance} ${e.description}`)).toEqual([
      "1 10000 starting balance 10000 USD",
      "2 8500 BUY 10 AAPL.XNAS @ 150",
      "3 8498.5 commission on BUY 10 AAPL.XNAS @ 150",
      "4 9138.5 SELL 4 AAPL.XNAS @ 160",
      "5 9137 commission on SELL 4 AAPL.XNAS @ 160",
      "6 9037 withdrawal 100 USD",
    ]);
  });

  it("gives the ledger as of each call: an array read earlier keeps what it had", () => {
    const portfolio = new Portfolio({ accountType: "CASH", startingCash: "10000", startTs: T0 });
    const before = portfolio.ledger();
    portfolio.applyFill(fill("BUY", "10", "150", { commission: "1.5", tradeId: "T-a" }), AAPL);
    expect(before.map((e) => e.kind)).toEqual(["transfer"]);
    expect(portfolio.ledger().map((e) => e.kind)).toEqual(["transfer", "fill", "commission"]);
  });

  it("refuses a fill that would take cash below zero, and changes nothing", () => {
    const portfolio = new Portfolio({ accountType: "CASH", startingCash: "1000" });
    portfolio.applyFill(fill("BUY", "5", "150"), AAPL);
    const attempt = () => portfolio.applyFill(fill("BUY", "2", "125", { commission: "1" }), AAPL);
    expect(attempt).toThrow(DeniedError);
    expect(attempt).toThrow(
      "INSUFFICIENT_FUNDS: cash account ACCOUNT: BUY 2 AAPL.XNAS @ 125 needs 251 USD (notional 250 USD, commission 1 USD) but the balance is 250 USD",
    );
    expect(portfolio.netQuantity(AAPL.id).toFixed()).toBe("5");
    expect(portfolio.ledger()).toHaveLength(2);
    expect(portfolio.balance().total.toFixed()).toBe("250");
  });

  it("refuses selling short: a cash account cannot borrow", () => {
    const portfolio = new Portfolio({ accountType: "CASH", startingCash: "1000" });
    portfolio.applyFill(fill("BUY", "2", "100"), AAPL);
    expect(() => portfolio.applyFill(fill("SELL", "3", "100"), AAPL)).toThrow(
      "LONG_ONLY: cash account ACCOUNT cannot sell short: SELL 3 AAPL.XNAS @ 100 exceeds the 2 held (a cash account cannot borrow: short sales need a margin account)",
    );
    expect(portfolio.netQuantity(AAPL.id).toFixed()).toBe("2");
  });

  it("tells a venue in advance which fill it would refuse (fillDenial), without booking or recording it", () => {
    const portfolio = new Portfolio({ accountType: "CASH", startingCash: "1000" });
    portfolio.applyFill(fill("BUY", "5", "150"), AAPL);
    const tooDear = fill("BUY", "2", "125", { commission: "1", tradeId: "T-next" });
    const denial = portfolio.fillDenial(tooDear, AAPL);
    expect(denial).toBeInstanceOf(DeniedError);
    expect(denial?.message).toBe(
      "INSUFFICIENT_FUNDS: cash account ACCOUNT: BUY 2 AAPL.XNAS @ 125 needs 251 USD (notional 250 USD, commission 1 USD) but the balance is 250 USD",
    );
    expect(portfolio.fillDenial(fill("SELL", "6", "100"), AAPL)?.message).toMatch(/^LONG_ONLY: /);
    // Affordable: null, and the same trade id can still be applied afterwards (nothing was recorded).
    const affordable = fill("BUY", "2", "124", { commission: "2", tradeId: "T-next" });
    expect(portfolio.fillDenial(affordable, AAPL)).toBeNull();
    expect(portfolio.ledger()).toHaveLength(2);
    portfolio.applyFill(affordable, AAPL);
    expect(portfolio.balance().total.toFixed()).toBe("0");
    expect(portfolio.netQuantity(AAPL.id).toFixed()).toBe("7");
  });

  it("checks a fill fillDenial passed again when cash was booked in between", () => {
    const portfolio = new Portfolio({ accountType: "CASH", startingCash: "1000" });
    const buy = fill("BUY", "5", "150", { commission: "1" });
    expect(portfolio.fillDenial(buy, AAPL)).toBeNull();
    portfolio.transfer({ ts: T0, currency: "USD", amount: "-300" });
    expect(() => portfolio.applyFill(buy, AAPL)).toThrow(/^INSUFFICIENT_FUNDS: /);
    // Another fill booked in between: the first one is checked against the balance it leaves.
    const first = fill("BUY", "4", "100");
    const second = fill("BUY", "4", "100");
    expect(portfolio.fillDenial(second, AAPL)).toBeNull();
    expect(portfolio.fillDenial(first, AAPL)).toBeNull();
    portfolio.applyFill(first, AAPL);
    expect(() => portfolio.applyFill(second, AAPL)).toThrow(/^INSUFFICIENT_FUNDS: /);
    expect(portfolio.balance().total.toFixed()).toBe("300");
  });

  it("books a commission paid in another currency on that currency's balance", () => {
    const portfolio = new Portfolio({
      accountType: "CASH",
      baseCurrency: "USDT",
      startingCash: "10000",
      startingBalances: { BNB: "0.05" },
    });
    portfolio.applyFill(
      fill("BUY", "0.1", "62000", { instrumentId: BTC.id, commission: "0.0123", commissionCurrency: "BNB" }),
      BTC,
    );
    expect(portfolio.balance("USDT").total.toFixed()).toBe("3800");
    expect(portfolio.balance("BNB").total.toFixed()).toBe("0.0377");
    expect(portfolio.commissions("BNB").toFixed()).toBe("0.0123");
    // the position's own commissions count only those in its currency
    expect(portfolio.openPositions()[0]!.commissions.toFixed()).toBe("0");
    expect(portfolio.currencies()).toEqual(["USDT", "BNB"]);
    expect(() =>
      portfolio.applyFill(
        fill("BUY", "0.001", "62000", {
          instrumentId: BTC.id,
          commission: "0.05",
          commissionCurrency: "BNB",
        }),
        BTC,
      ),
    ).toThrow(/needs 0.05 BNB .* but the balance is 0.0377 BNB/);
  });

  it("deposits and withdraws, refusing a withdrawal beyond the balance", () => {
    const portfolio = new Portfolio({ startingCash: "100" });
    portfolio.transfer({ ts: T0, currency: "USD", amount: "50", reference: "wire-1" });
    portfolio.transfer({ ts: T0 + 1, currency: "USD", amount: "-120" });
    expect(() => portfolio.transfer({ ts: T0 + 2, currency: "USD", amount: "-31" })).toThrow(
      "INSUFFICIENT_FUNDS: withdrawing 31 USD from account ACCOUNT: only 30 USD can be withdrawn",
    );
    expect(ledgerLines(portfolio)).toEqual([
      "1 transfer 100 USD -> 100 [starting balance]",
      "2 transfer 50 USD -> 150 [wire-1]",
      "3 transfer -120 USD -> 30 [withdrawal]",
    ]);
    expect(portfolio.netTransfers().toFixed()).toBe("30");
  });

  it("implements core's PortfolioView for the risk engine", () => {
    const portfolio = new Portfolio({ startingCash: "5000" });
    const view: PortfolioView = portfolio;
    portfolio.applyFill(fill("BUY", "10", "100"), AAPL);
    portfolio.updatePrice(AAPL.id, "101", T0 + 10_000);
    expect(view.netQuantity(AAPL.id).toFixed()).toBe("10");
    expect(view.netQuantity("MSFT.XNAS").toFixed()).toBe("0");
    expect(view.equity().toFixed()).toBe("5010");
    expect(view.buyingPower().toFixed()).toBe("4000");
    expect(view.lastPrice(AAPL.id)?.toFixed()).toBe("101");
    expect(view.lastPrice("MSFT.XNAS")).toBeNull();
  });

  it("reports its account state as core's AccountState, decimals as strings in JSON", () => {
    const portfolio = new Portfolio({ accountId: "ACC-7", startingCash: "5000" });
    portfolio.applyFill(fill("BUY", "10", "100", { commission: "0.5" }), AAPL);
    expect(toJsonValue(portfolio.accountState(T0))).toEqual({
      type: "AccountState",
      ts: "2024-01-02T14:30:00Z",
      accountId: "ACC-7",
      balances: [{ currency: "USD", total: "3999.5", locked: "0", free: "3999.5" }],
      equity: "4999.5",
    });
  });

  it("refuses bad options with the field named", () => {
    expect(() => new Portfolio({ startingCash: "-5" })).toThrow(
      "VALIDATION: options.startingCash: must not be negative, got -5",
    );
  });

  it("refuses a misspelt option by name instead of running on the default", () => {
    // `levrage` used to be dropped without a word: a margin account at 1x, every 2x order refused.
    expect(
      () => new Portfolio({ accountType: "MARGIN", startingCash: "50000", levrage: "2" } as never),
    ).toThrow('VALIDATION: options.levrage: is not a known field (did you mean "leverage"?)');
    expect(() => new Portfolio({ accountType: "margin" } as never)).toThrow(
      'VALIDATION: options.accountType: Invalid option: expected one of "CASH"|"MARGIN", got "margin"',
    );
  });

  it("refuses a leverage on a cash account, which borrows nothing", () => {
    expect(() => new Portfolio({ startingCash: "50000", leverage: "2" })).toThrow(
      'VALIDATION: options.leverage: applies to MARGIN accounts only, but accountType is CASH (got leverage 2): set accountType: "MARGIN" to trade on margin',
    );
    expect(
      new Portfolio({
        accountType: "MARGIN",
        startingCash: "50000",
        leverage: "2",
      }).config.leverage.toFixed(),
    ).toBe("2");
  });
});

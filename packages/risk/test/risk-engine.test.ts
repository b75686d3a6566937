import {
  type Decimal,
  dec,
  type Instrument,
  OrderCache,
  orderEvent,
  ValidationError,
  VirtualClock,
} from "@ordo/core";
import { describe, expect, it } from "vitest";
import {
  deny,
  orderDeniedEvent,
  type PreTradeCheck,
  type RiskConfigInput,
  type RiskDecision,
  RiskEngine,
  type RiskEngineOptions,
} from "../src/index.js";
import { AAPL, BTC, buy, ES, FakePortfolio, newOrder, sell, T0 } from "./fixtures.js";

function setup(config: RiskConfigInput = {}, options: Partial<RiskEngineOptions> = {}) {
  const clock = new VirtualClock(T0);
  const portfolio = new FakePortfolio().price(AAPL.id, "150").price(BTC.id, "50000").price(ES.id, "4800");
  const engine = new RiskEngine({ clock, config, portfolio, instruments: [AAPL, BTC, ES], ...options });
  return { clock, portfolio, engine };
}

/** The decision as [code, message] (or "allowed"), for exact assertions. */
function outcome(decision: RiskDecision): "allowed" | [string, string] {
  return decision.allowed ? "allowed" : [decision.reason, decision.message];
}

describe("RiskEngine: instruments", () => {
  it("denies an order on an instrument it does not know", () => {
    const { engine } = setup();
    expect(outcome(engine.checkSubmit(newOrder({ instrumentId: "MSFT.XNAS" })))).toEqual([
      "UNKNOWN_INSTRUMENT",
      "instrument MSFT.XNAS is not known to the risk engine",
    ]);
  });

  it("denies a price off the tick with core's code and message", () => {
    const { engine } = setup();
    expect(outcome(engine.checkSubmit(buy("10", "150.005")))).toEqual([
      "PRICE_NOT_ON_TICK",
      "limit price 150.005 is not a multiple of tick size 0.01 for AAPL.XNAS",
    ]);
  });

  it("denies a quantity off the lot, above the instrument maximum, or below the minimum notional", () => {
    const { engine } = setup({ checkBuyingPower: false });
    const btc = (quantity: string, price: string) =>
      newOrder({ instrumentId: BTC.id, quantity, price, side: "BUY", type: "LIMIT" });
    expect(outcome(engine.checkSubmit(btc("0.0015", "50000")))).toEqual([
      "QUANTITY_NOT_ON_LOT",
      "quantity 0.0015 is not a multiple of lot size 0.001 for BTC/USDT.BINANCE",
    ]);
    expect(outcome(engine.checkSubmit(btc("0.001", "4000")))).toEqual([
      "NOTIONAL_BELOW_MIN",
      "notional 4 is below the minimum 5 for BTC/USDT.BINANCE",
    ]);
    expect(outcome(engine.checkSubmit(buy("100001")))).toEqual([
      "QUANTITY_ABOVE_MAX",
      "quantity 100001 is above the maximum 100000 for AAPL.XNAS",
    ]);
  });

  it("holds a market order to the minimum notional at the last price", () => {
    const { engine, portfolio } = setup();
    portfolio.price(AAPL.id, "9.99");
    expect(outcome(engine.checkSubmit(buy("1", null)))).toEqual([
      "NOTIONAL_BELOW_MIN",
      "notional 9.99 at the last price 9.99 is below the minimum 10 for AAPL.XNAS",
    ]);
    portfolio.price(AAPL.id, "10");
    expect(engine.checkSubmit(buy("1", null)).allowed).toBe(true);
  });

  it("skips the instrument rules when instrumentRules is false", () => {
    const { engine } = setup({ instrumentRules: false });
    expect(engine.checkSubmit(buy("10", "150.005")).allowed).toBe(true);
  });
});

describe("RiskEngine: order size", () => {
  it("denies an order above maxOrderQuantity; the limit itself passes", () => {
    const { engine } = setup({ maxOrderQuantity: 500 });
    expect(engine.checkSubmit(buy("500")).allowed).toBe(true);
    expect(outcome(engine.checkSubmit(buy("501")))).toEqual([
      "MAX_ORDER_QUANTITY",
      "order quantity 501 exceeds the limit of 500 for AAPL.XNAS",
    ]);
  });

  it("takes per-instrument overrides before the defaults", () => {
    const { engine } = setup({
      maxOrderQuantity: 500,
      perInstrument: { "AAPL.XNAS": { maxOrderQuantity: 50 } },
    });
    expect(engine.checkSubmit(buy("50")).allowed).toBe(true);
    expect(outcome(engine.checkSubmit(buy("51")))[1]).toBe(
      "order quantity 51 exceeds the limit of 50 for AAPL.XNAS",
    );
    const es = newOrder({ instrumentId: ES.id, quantity: "501", price: "4800", type: "LIMIT" });
    expect(outcome(engine.checkSubmit(es))[0]).toBe("MAX_ORDER_QUANTITY");
  });

  it("refuses per-instrument limits for an id it does not trade, which would never apply", () => {
    // "AAPL" for "AAPL.XNAS" used to be accepted, leaving AAPL on the general limit of 500.
    expect(() => setup({ maxOrderQuantity: 500, perInstrument: { AAPL: { maxOrderQuantity: 50 } } })).toThrow(
      'VALIDATION: perInstrument.AAPL: is not an instrument of this risk engine, so these limits would never apply (did you mean "AAPL.XNAS"?)',
    );
    expect(() => setup({ perInstrument: { "MSFT.XNAS": { maxOrderQuantity: 50 } } })).toThrow(
      "VALIDATION: perInstrument.MSFT.XNAS: is not an instrument of this risk engine, so these limits would never apply (instruments: AAPL.XNAS, BTC/USDT.BINANCE, ESH4.XCME)",
    );
    expect(() => setup({ perInstrument: { "AAPL.XNSA": { maxOrderQuantity: 50 } } })).toThrow(
      'perInstrument.AAPL.XNSA: is not an instrument of this risk engine, so these limits would never apply (did you mean "AAPL.XNAS"?)',
    );
  });

  it("denies an order notional above maxOrderNotional, counting the multiplier", () => {
    const { engine } = setup({ maxOrderNotional: "400000", checkBuyingPower: false });
    const es = (quantity: string) =>
      newOrder({ instrumentId: ES.id, quantity, price: "4800", type: "LIMIT" });
    expect(engine.checkSubmit(es("1")).allowed).toBe(true);
    expect(outcome(engine.checkSubmit(es("2")))).toEqual([
      "MAX_NOTIONAL",
      "order notional 480000 (quantity 2 × price 4800 × multiplier 50) exceeds the limit of 400000 for ESH4.XCME",
    ]);
  });

  it("values a market order at the last price, and refuses it when there is none", () => {
    const { engine, portfolio } = setup({ maxOrderNotional: "15000" });
    expect(engine.checkSubmit(buy("100", null)).allowed).toBe(true);
    expect(outcome(engine.checkSubmit(buy("101", null)))[0]).toBe("MAX_NOTIONAL");
    portfolio.prices.delete(AAPL.id);
    expect(outcome(engine.checkSubmit(buy("1", null)))).toEqual([
      "NO_REFERENCE_PRICE",
      "MARKET order on AAPL.XNAS cannot be checked against maxOrderNotional and checkBuyingPower: it has no limit or trigger price, and there is no last price of AAPL.XNAS to value it at; place it once the instrument has a price, or give it a limit price",
    ]);
    portfolio.hold(AAPL.id, "10");
    expect(engine.checkSubmit(sell("10", null)).allowed).toBe(true);
  });

  it("names the one limit, or every limit, that cannot check an order without a price", () => {
    const denial = (config: RiskConfigInput) => {
      const { engine, portfolio } = setup(config);
      portfolio.prices.delete(AAPL.id);
      return outcome(engine.checkSubmit(buy("1", null)))[1]?.split(":")[0];
    };
    expect(denial({ maxLeverage: 2, checkBuyingPower: false })).toBe(
      "MARKET order on AAPL.XNAS cannot be checked against maxLeverage",
    );
    expect(denial({ maxOrderNotional: "15000", maxLeverage: 2 })).toBe(
      "MARKET order on AAPL.XNAS cannot be checked against maxOrderNotional, checkBuyingPower and maxLeverage",
    );
  });
});

describe("RiskEngine: position", () => {
  it("denies an order that would take the position beyond maxPositionQuantity, either way", () => {
    const { engine, portfolio } = setup({ maxPositionQuantity: 1000, checkBuyingPower: false });
    portfolio.hold(AAPL.id, "800");
    expect(engine.checkSubmit(buy("200")).allowed).toBe(true);
    expect(outcome(engine.checkSubmit(buy("201")))).toEqual([
      "POSITION_LIMIT",
      "position in AAPL.XNAS would be 1001 (now 800, order BUY 201), beyond the limit of 1000",
    ]);
    expect(engine.checkSubmit(sell("1800")).allowed).toBe(true);
    expect(outcome(engine.checkSubmit(sell("1801")))[1]).toBe(
      "position in AAPL.XNAS would be -1001 (now 800, order SELL 1801), beyond the limit of 1000",
    );
  });

  it("lets an order that only reduces an oversized position through", () => {
    const { engine, portfolio } = setup({ maxPositionQuantity: 1000 });
    portfolio.hold(AAPL.id, "1500");
    expect(engine.checkSubmit(sell("100")).allowed).toBe(true);
  });

  it("reduce-only orders must reduce", () => {
    const { engine, portfolio } = setup();
    expect(outcome(engine.checkSubmit(sell("10", "150", { reduceOnly: true })))).toEqual([
      "REDUCE_ONLY",
      "reduce-only SELL 10: there is no position in AAPL.XNAS to reduce",
    ]);
    portfolio.hold(AAPL.id, "100");
    expect(engine.checkSubmit(sell("100", "150", { reduceOnly: true })).allowed).toBe(true);
    expect(outcome(engine.checkSubmit(sell("101", "150", { reduceOnly: true })))).toEqual([
      "REDUCE_ONLY",
      "reduce-only SELL 101 would not only reduce the position of 100 in AAPL.XNAS",
    ]);
    expect(outcome(engine.checkSubmit(buy("1", "150", { reduceOnly: true })))[0]).toBe("REDUCE_ONLY");
  });

  it("long-only refuses what would leave a short position", () => {
    const { engine, portfolio } = setup({ longOnly: true });
    portfolio.hold(AAPL.id, "100");
    expect(engine.checkSubmit(sell("100")).allowed).toBe(true);
    expect(outcome(engine.checkSubmit(sell("101")))).toEqual([
      "LONG_ONLY",
      "SELL 101 would leave a short position of -1 in AAPL.XNAS (now 100); the account is long-only",
    ]);
  });

  it("refuses every order on a restricted instrument, even one that reduces", () => {
    const { engine, portfolio } = setup({ restrictedInstruments: ["AAPL.XNAS"] });
    portfolio.hold(AAPL.id, "100");
    expect(outcome(engine.checkSubmit(sell("100")))).toEqual([
      "RESTRICTED_INSTRUMENT",
      "AAPL.XNAS is on the restricted list",
    ]);
    expect(engine.checkCancel(sell("100"))).toEqual({ allowed: true });
  });
});

describe("RiskEngine: open orders", () => {
  it("denies a new order when maxOpenOrders are open, in total or per instrument", () => {
    const open = new Map([[AAPL.id, 2]]);
    const count = (id?: string) => (id === undefined ? 5 : (open.get(id) ?? 0));
    const { engine } = setup({ maxOpenOrders: 6, maxOpenOrdersPerInstrument: 2 }, { openOrderCount: count });
    expect(outcome(engine.checkSubmit(buy("1")))).toEqual([
      "MAX_OPEN_ORDERS",
      "2 orders are open in AAPL.XNAS; the limit is 2 per instrument",
    ]);
    const btc = newOrder({ instrumentId: BTC.id, quantity: "0.01", price: "50000" });
    expect(engine.checkSubmit(btc).allowed).toBe(true);
    open.set(BTC.id, 0);
    const total = setup({ maxOpenOrders: 5 }, { openOrderCount: count }).engine;
    expect(outcome(total.checkSubmit(btc))).toEqual([
      "MAX_OPEN_ORDERS",
      "5 orders are open; the limit is 5, so no new order may be added",
    ]);
  });

  it("needs openOrderCount when an open-order limit is set", () => {
    expect(() => setup({ maxOpenOrders: 5 })).toThrow(
      "maxOpenOrders / maxOpenOrdersPerInstrument need the openOrderCount option",
    );
  });
});

describe("RiskEngine: buying power and leverage", () => {
  it("denies an order that costs more than the buying power; exactly enough passes", () => {
    const { engine, portfolio } = setup();
    portfolio.buyingPowerValue = dec("14999.99");
    expect(outcome(engine.checkSubmit(buy("100", "150")))).toEqual([
      "INSUFFICIENT_FUNDS",
      "order needs 15000 USD for 100 AAPL.XNAS at 150, but buying power is 14999.99",
    ]);
    portfolio.buyingPowerValue = dec("15000");
    expect(engine.checkSubmit(buy("100", "150")).allowed).toBe(true);
  });

  it("charges futures their initial margin per contract", () => {
    const { engine, portfolio } = setup();
    portfolio.buyingPowerValue = dec("30000");
    const es = (quantity: string) => newOrder({ instrumentId: ES.id, quantity, price: "4800" });
    expect(engine.checkSubmit(es("2")).allowed).toBe(true);
    expect(outcome(engine.checkSubmit(es("3")))[1]).toBe(
      "order needs 36000 USD for 3 ESH4.XCME at 4800, but buying power is 30000",
    );
  });

  it("holds a margin account at 2x leverage to the initial margin its portfolio asks, not the full notional", () => {
    // The portfolio's own rule: half the notional at 2x leverage (what @ordo/portfolio's MARGIN account locks).
    class TwoTimesMargin extends FakePortfolio {
      fundsRequired(instrument: Instrument, quantity: Decimal, price: Decimal): Decimal {
        return quantity.abs().times(price).times(instrument.multiplier).div(2);
      }
    }
    const portfolio = new TwoTimesMargin().price(AAPL.id, "150");
    portfolio.buyingPowerValue = dec("50000");
    const engine = new RiskEngine({
      clock: new VirtualClock(T0),
      config: {},
      portfolio,
      instruments: [AAPL],
    });
    // Shorting 600 at 150 is a notional of 90000, but locks 45000 of the 50000 buying power.
    expect(engine.checkSubmit(sell("600")).allowed).toBe(true);
    expect(outcome(engine.checkSubmit(sell("700")))).toEqual([
      "INSUFFICIENT_FUNDS",
      "order needs 52500 USD for 700 AAPL.XNAS at 150, but buying power is 50000",
    ]);
    // A modify needs only the margin of what it adds: 100 more at 150 is 7500.
    portfolio.buyingPowerValue = dec("7499.99");
    expect(outcome(engine.checkModify(sell("600"), { quantity: dec("700") }))[1]).toBe(
      "modify needs 7500 USD for 700 AAPL.XNAS at 150, but buying power is 7499.99",
    );
  });

  it("asks no funds to close, and funds only for the part of a flip that opens", () => {
    const { engine, portfolio } = setup();
    portfolio.hold(AAPL.id, "100");
    portfolio.buyingPowerValue = dec("0");
    expect(engine.checkSubmit(sell("100")).allowed).toBe(true);
    portfolio.buyingPowerValue = dec("7499");
    expect(outcome(engine.checkSubmit(sell("150")))[1]).toBe(
      "order needs 7500 USD for 50 AAPL.XNAS at 150, but buying power is 7499",
    );
  });

  it("denies an order that would take gross leverage beyond maxLeverage", () => {
    const { engine, portfolio } = setup({ maxLeverage: 2, checkBuyingPower: false });
    portfolio.hold(BTC.id, "1");
    expect(engine.checkSubmit(buy("1000", "150")).allowed).toBe(true);
    expect(outcome(engine.checkSubmit(buy("1001", "150")))).toEqual([
      "MAX_LEVERAGE",
      "leverage would be 2.0015x (gross exposure 200150 on equity 100000), beyond the limit of 2x",
    ]);
    portfolio.hold(AAPL.id, "2000");
    expect(engine.checkSubmit(sell("500", "150")).allowed).toBe(true);
    portfolio.equityValue = dec("0");
    expect(outcome(engine.checkSubmit(buy("1")))[1]).toBe("equity is 0: no exposure can be added (limit 2x)");
  });
});

describe("RiskEngine: market orders on quote data", () => {
  /** A view that knows the latest quote of AAPL, as @ordo/portfolio's Portfolio does: mid 150, 149.99 / 150.01. */
  class QuotedPortfolio extends FakePortfolio {
    quote: { bid: Decimal; ask: Decimal } | null = { bid: dec("149.99"), ask: dec("150.01") };
    marketPrice(instrumentId: string, side: "BUY" | "SELL"): Decimal | null {
      if (instrumentId !== AAPL.id || this.quote === null) return null;
      return side === "BUY" ? this.quote.ask : this.quote.bid;
    }
  }
  function quoted(config: RiskConfigInput = {}) {
    const portfolio = new QuotedPortfolio().price(AAPL.id, "150");
    const sources: string[] = [];
    const seeSource: PreTradeCheck = {
      name: "see-source",
      check: (_order, ctx) => {
        sources.push(
          `${ctx.referencePriceSource} ${ctx.referencePrice?.toFixed()} ${ctx.marketPrice?.toFixed()}`,
        );
        return null;
      },
    };
    const engine = new RiskEngine({
      clock: new VirtualClock(T0),
      config,
      portfolio,
      instruments: [AAPL],
      checks: [seeSource],
    });
    return { portfolio, engine, sources };
  }

  it("values a market buy at the ask and a market sell at the bid, naming the side it was valued at", () => {
    const { portfolio, engine, sources } = quoted();
    portfolio.buyingPowerValue = dec("15000");
    // At the mid, 100 × 150 = 15000 passed, and the fill at the ask was then refused.
    expect(outcome(engine.checkSubmit(buy("100", null)))).toEqual([
      "INSUFFICIENT_FUNDS",
      "order needs 15001 USD for 100 AAPL.XNAS at the ask 150.01, but buying power is 15000",
    ]);
    expect(engine.checkSubmit(buy("99", null)).allowed).toBe(true);
    // A short sale opens at the bid: 100 × 149.99 = 14999 fits, 101 do not.
    expect(engine.checkSubmit(sell("100", null)).allowed).toBe(true);
    expect(outcome(engine.checkSubmit(sell("101", null)))[1]).toBe(
      "order needs 15148.99 USD for 101 AAPL.XNAS at the bid 149.99, but buying power is 15000",
    );
    // An order with a price of its own is valued at it, as before.
    expect(engine.checkSubmit(buy("100", "150")).allowed).toBe(true);
    expect(sources).toEqual(["ask 150.01 150.01", "bid 149.99 149.99", "price 150 150.01"]);
  });

  it("names the quote side in a notional denial too", () => {
    const { engine } = quoted({ maxOrderNotional: 15000, checkBuyingPower: false });
    expect(outcome(engine.checkSubmit(buy("100", null)))).toEqual([
      "MAX_NOTIONAL",
      "order notional 15001 (quantity 100 × ask 150.01) exceeds the limit of 15000 for AAPL.XNAS",
    ]);
    expect(outcome(engine.checkSubmit(buy("101", "150")))[1]).toBe(
      "order notional 15150 (quantity 101 × price 150) exceeds the limit of 15000 for AAPL.XNAS",
    );
  });

  it("asks a modify of a market order only for what it adds at the ask", () => {
    const { portfolio, engine } = quoted();
    const order = buy("100", null);
    // 110 × 150.01 − 100 × 150.01 = 1500.1 (the order before the change valued at the ask too, not 150).
    portfolio.buyingPowerValue = dec("1500.1");
    expect(engine.checkModify(order, { quantity: dec("110") }).allowed).toBe(true);
    portfolio.buyingPowerValue = dec("1500.09");
    expect(outcome(engine.checkModify(order, { quantity: dec("110") }))[1]).toBe(
      "modify needs 1500.1 USD for 110 AAPL.XNAS at the ask 150.01, but buying power is 1500.09",
    );
  });

  it("keeps to the last price when the view knows no quote side (bar data), as without marketPrice", () => {
    const { portfolio, engine, sources } = quoted();
    portfolio.quote = null;
    portfolio.buyingPowerValue = dec("14999.99");
    expect(outcome(engine.checkSubmit(buy("100", null)))).toEqual([
      "INSUFFICIENT_FUNDS",
      "order needs 15000 USD for 100 AAPL.XNAS at 150, but buying power is 14999.99",
    ]);
    portfolio.buyingPowerValue = dec("15000");
    expect(engine.checkSubmit(buy("100", null)).allowed).toBe(true);
    expect(sources).toEqual(["lastPrice 150 150"]);
  });
});

describe("RiskEngine: leverage follows the portfolio", () => {
  it("re-values exposure when a position or a price changes between checks", () => {
    const { engine, portfolio } = setup({ maxLeverage: 1, checkBuyingPower: false });
    portfolio.hold(BTC.id, "1");
    expect(engine.checkSubmit(buy("333", "150")).allowed).toBe(true);
    portfolio.hold(BTC.id, "1.5");
    expect(outcome(engine.checkSubmit(buy("333", "150")))[1]).toBe(
      "leverage would be 1.2495x (gross exposure 124950 on equity 100000), beyond the limit of 1x",
    );
    portfolio.price(BTC.id, "10000");
    expect(engine.checkSubmit(buy("333", "150")).allowed).toBe(true);
    portfolio.hold(BTC.id, "0");
    expect(engine.checkSubmit(buy("666", "150")).allowed).toBe(true);
  });
});

describe("RiskEngine: price band", () => {
  it("denies limit and trigger prices outside the band around the last price; the edge passes", () => {
    const { engine } = setup({ priceBandPct: 10 });
    expect(engine.checkSubmit(buy("1", "165")).allowed).toBe(true);
    expect(engine.checkSubmit(buy("1", "135")).allowed).toBe(true);
    expect(outcome(engine.checkSubmit(buy("1", "165.01")))).toEqual([
      "PRICE_BAND",
      "limit price 165.01 is 10.0067% above the last price 150 for AAPL.XNAS; the band is ±10%",
    ]);
    const stop = newOrder({
      side: "SELL",
      type: "STOP_MARKET",
      price: undefined,
      triggerPrice: "134.99",
      quantity: "1",
    });
    expect(outcome(engine.checkSubmit(stop))[1]).toBe(
      "trigger price 134.99 is 10.0067% below the last price 150 for AAPL.XNAS; the band is ±10%",
    );
  });

  it("passes when there is no last price to compare with", () => {
    const { engine, portfolio } = setup({ priceBandPct: 1 });
    portfolio.prices.delete(AAPL.id);
    expect(engine.checkSubmit(buy("1", "999")).allowed).toBe(true);
  });
});

describe("RiskEngine: throttles", () => {
  it("denies the submit that would exceed maxSubmitsPerSecond until the oldest leaves the window", () => {
    const { engine, clock } = setup({ maxSubmitsPerSecond: 2 });
    expect(engine.checkSubmit(buy("1")).allowed).toBe(true);
    clock.advanceTo(T0 + 500);
    expect(engine.checkSubmit(buy("1")).allowed).toBe(true);
    clock.advanceTo(T0 + 999);
    expect(outcome(engine.checkSubmit(buy("1")))).toEqual([
      "RATE_LIMIT",
      "2 submits in the last second already reach the limit of 2 per second; the next may go in 1 ms",
    ]);
    clock.advanceTo(T0 + 1000);
    expect(engine.checkSubmit(buy("1")).allowed).toBe(true);
  });

  it("counts only submits that passed", () => {
    const { engine, clock } = setup({ maxSubmitsPerMinute: 2, maxOrderQuantity: 10 });
    expect(engine.checkSubmit(buy("11")).allowed).toBe(false);
    expect(engine.checkSubmit(buy("1")).allowed).toBe(true);
    expect(engine.checkSubmit(buy("1")).allowed).toBe(true);
    clock.advanceTo(T0 + 59_999);
    expect(outcome(engine.checkSubmit(buy("1")))[1]).toBe(
      "2 submits in the last minute already reach the limit of 2 per minute; the next may go in 1 ms",
    );
    clock.advanceTo(T0 + 60_000);
    expect(engine.checkSubmit(buy("1")).allowed).toBe(true);
  });

  it("throttles modifies apart from submits", () => {
    const { engine } = setup({ maxSubmitsPerSecond: 1, maxModifiesPerSecond: 1 });
    const order = buy("1");
    expect(engine.checkSubmit(order).allowed).toBe(true);
    expect(engine.checkModify(order, { price: dec("149") }).allowed).toBe(true);
    expect(outcome(engine.checkModify(order, { price: dec("148") }))).toEqual([
      "RATE_LIMIT",
      "1 modifies in the last second already reach the limit of 1 per second; the next may go in 1000 ms",
    ]);
    expect(engine.checkCancel(order).allowed).toBe(true);
  });
});

describe("RiskEngine: modifies", () => {
  it("judges the order as it would be after the change", () => {
    const { engine, portfolio } = setup({ priceBandPct: 5, maxPositionQuantity: 100 });
    const order = buy("50", "150");
    expect(outcome(engine.checkModify(order, { price: dec("160") }))[0]).toBe("PRICE_BAND");
    expect(engine.checkModify(order, { quantity: dec("100") }).allowed).toBe(true);
    portfolio.hold(AAPL.id, "60");
    expect(outcome(engine.checkModify(order, { quantity: dec("41") }))[1]).toBe(
      "position in AAPL.XNAS would be 101 (now 60, order BUY 41), beyond the limit of 100",
    );
  });

  it("asks buying power only for what the modify adds", () => {
    const { engine, portfolio } = setup();
    const order = buy("100", "150");
    portfolio.buyingPowerValue = dec("1500");
    expect(engine.checkModify(order, { quantity: dec("110") }).allowed).toBe(true);
    expect(outcome(engine.checkModify(order, { quantity: dec("111") }))[1]).toBe(
      "modify needs 1650 USD for 111 AAPL.XNAS at 150, but buying power is 1500",
    );
  });

  it("refuses to modify a closed order or to cut it below what filled", () => {
    const { engine } = setup();
    const cache = new OrderCache();
    const order = buy("10");
    cache.apply(orderEvent(order, "OrderInitialized", T0, { spec: order }));
    cache.apply(orderEvent(order, "OrderSubmitted", T0, {}));
    cache.apply(orderEvent(order, "OrderAccepted", T0, { venueOrderId: "V1" }));
    const partly = cache.apply(
      orderEvent(order, "OrderFilled", T0, {
        tradeId: "T1",
        venueOrderId: "V1",
        side: "BUY",
        price: dec("150"),
        quantity: dec("4"),
        commission: dec("0"),
        commissionCurrency: "USD",
        liquidity: "MAKER",
      }),
    );
    expect(outcome(engine.checkModify(partly, { quantity: dec("4") }))).toEqual([
      "INVALID_ORDER",
      `new quantity 4 of order ${order.id} must be above its filled quantity 4`,
    ]);
    const canceled = cache.apply(orderEvent(order, "OrderCanceled", T0, { reason: null }));
    expect(outcome(engine.checkModify(canceled, { price: dec("151") }))).toEqual([
      "INVALID_ORDER",
      `order ${order.id} is CANCELED; it cannot be modified`,
    ]);
  });
});

describe("RiskEngine: your own checks", () => {
  const maxTenPerStrategy: PreTradeCheck = {
    name: "small-strategies",
    check: ({ order }) =>
      order.strategyId === "small" && order.quantity.gt(10)
        ? deny("STRATEGY_LIMIT", `strategy small may trade at most 10, got ${order.quantity.toFixed()}`)
        : null,
  };

  it("runs your checks after the built-in ones and reports their code", () => {
    const { engine } = setup({ maxOrderQuantity: 1000 }, { checks: [maxTenPerStrategy] });
    expect(engine.checkNames).toEqual([
      "instrument-rules",
      "reduce-only",
      "max-order-quantity",
      "reference-price",
      "buying-power",
      "small-strategies",
    ]);
    const decision = engine.checkSubmit(buy("11", "150", { strategyId: "small" }));
    expect(decision).toEqual({
      allowed: false,
      check: "small-strategies",
      reason: "STRATEGY_LIMIT",
      message: "strategy small may trade at most 10, got 11",
    });
    expect(outcome(engine.checkSubmit(buy("1001", "150", { strategyId: "small" })))[0]).toBe(
      "MAX_ORDER_QUANTITY",
    );
  });

  it("gives your check the computed context", () => {
    const { engine, portfolio } = setup();
    portfolio.hold(AAPL.id, "-30");
    const seen: string[] = [];
    engine.addCheck({
      name: "spy",
      check: (p, ctx) => {
        seen.push(
          [
            p.action,
            ctx.position,
            ctx.positionAfter,
            ctx.openingQuantity,
            ctx.reducesExposure,
            ctx.notional,
            ctx.lastPrice,
          ]
            .map(String)
            .join(" "),
        );
        return null;
      },
    });
    engine.checkSubmit(buy("50", "151"));
    expect(seen).toEqual(["submit -30 20 20 false 7550 150"]);
  });
});

describe("RiskEngine: denial events", () => {
  it("turns a denial into an OrderDenied event the order cache applies", () => {
    const { engine, clock } = setup({ maxOrderQuantity: 5 });
    clock.advanceTo(T0 + 42);
    const order = buy("6");
    const decision = engine.checkSubmit(order);
    if (decision.allowed) throw new Error("expected a denial");
    const event = engine.deniedEvent(order, decision);
    expect(event).toEqual({
      type: "OrderDenied",
      orderId: order.id,
      instrumentId: "AAPL.XNAS",
      strategyId: "default",
      tsEvent: T0 + 42,
      tsInit: T0 + 42,
      code: "MAX_ORDER_QUANTITY",
      reason: "order quantity 6 exceeds the limit of 5 for AAPL.XNAS",
    });
    expect(orderDeniedEvent(order, decision, T0 + 42)).toEqual(event);
    const cache = new OrderCache();
    cache.apply(orderEvent(order, "OrderInitialized", T0, { spec: order }));
    expect(cache.apply(event).status).toBe("DENIED");
  });
});

describe("RiskEngine: config", () => {
  it("validates its config with errors that name the field", () => {
    const attempt = (config: unknown) => () => setup(config as RiskConfigInput);
    expect(attempt({ maxOrderNotional: "-5" })).toThrow(/maxOrderNotional: must .*, got -5/);
    expect(attempt({ maxOpenOrders: 0 })).toThrow("maxOpenOrders: must be at least 1");
    expect(attempt({ perInstrument: { "AAPL.XNAS": { maxOrderQty: 5 } } })).toThrow(
      "perInstrument.AAPL.XNAS.maxOrderQty: is not a known setting",
    );
    expect(attempt({ tradingStateOnTrip: "ACTIVE" })).toThrow(ValidationError);
  });
});

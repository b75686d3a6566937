import { dec } from "@ordo/core";
import { describe, expect, it } from "vitest";
import {
  FixedBasisPointsSlippage,
  type SlippageContext,
  type SlippageModel,
  VolumeShareSlippage,
} from "../../src/index.js";
import { AAPL, at, harness } from "./harness.js";

/** Test double: every taker fill pays 0.05 against the trader. */
const fiveCents: SlippageModel = {
  name: "five-cents",
  volumeLimit: null,
  price: (c: SlippageContext) => (c.side === "BUY" ? c.basePrice.plus("0.05") : c.basePrice.minus("0.05")),
};

describe("market orders on bars", () => {
  it("fills at the open of the first bar closing after the order (next-open)", () => {
    const h = harness();
    h.submit({ id: "o1", side: "BUY", type: "MARKET", quantity: "100" }, at(0));
    expect(h.log()).toEqual(["OrderAccepted o1 V-1"]);
    h.bar(at(1), [100, 102, 99, 101]);
    expect(h.log()).toEqual(["OrderAccepted o1 V-1", "OrderFilled o1 BUY 100 @ 100 TAKER T-1"]);
    expect(h.status("o1")).toBe("FILLED");
  });

  it("does not meet a bar closing at the very time it was sent", () => {
    const h = harness();
    h.submit({ id: "o1", side: "BUY", type: "MARKET", quantity: "10" }, at(1));
    h.bar(at(1), [100, 102, 99, 101]);
    expect(h.fills()).toEqual([]);
    h.bar(at(2), [105, 106, 104, 105]);
    expect(h.fills()).toEqual(["o1 BUY 10 @ 105 TAKER"]);
  });

  it("prices market fills through the slippage model", () => {
    const h = harness({ slippage: fiveCents });
    h.submit({ id: "o1", side: "SELL", type: "MARKET", quantity: "10" }, at(0));
    h.bar(at(1), [100, 102, 99, 101]);
    expect(h.fills()).toEqual(["o1 SELL 10 @ 99.95 TAKER"]);
  });
});

describe("limit orders on bars", () => {
  it("fills at the open when the open is already better than the limit, as a taker", () => {
    const h = harness();
    h.submit({ id: "o1", side: "BUY", type: "LIMIT", quantity: "100", price: "101" }, at(0));
    h.bar(at(1), [100, 102, 99, 101]);
    expect(h.fills()).toEqual(["o1 BUY 100 @ 100 TAKER"]);
  });

  it("fills at the limit when the path reaches it, as a maker", () => {
    const h = harness();
    h.submit({ id: "o1", side: "BUY", type: "LIMIT", quantity: "100", price: "99.5" }, at(0));
    h.bar(at(1), [100, 102, 99, 101]);
    expect(h.fills()).toEqual(["o1 BUY 100 @ 99.5 MAKER"]);
  });

  it("keeps working when the bar never reaches the limit", () => {
    const h = harness();
    h.submit({ id: "o1", side: "SELL", type: "LIMIT", quantity: "100", price: "102.5" }, at(0));
    h.bar(at(1), [100, 102, 99, 101]);
    expect(h.fills()).toEqual([]);
    expect(h.status("o1")).toBe("ACCEPTED");
    h.bar(at(2), [101, 103, 100.5, 102]);
    expect(h.fills()).toEqual(["o1 SELL 100 @ 102.5 MAKER"]);
  });

  it("never fills worse than the limit, whatever the slippage", () => {
    const h = harness({ slippage: fiveCents });
    h.submit({ id: "o1", side: "BUY", type: "LIMIT", quantity: "100", price: "100.02" }, at(0));
    h.bar(at(1), [100, 102, 99, 101]);
    expect(h.fills()).toEqual(["o1 BUY 100 @ 100.02 TAKER"]);
  });

  it("takes no slippage on a passive fill at the limit", () => {
    const h = harness({ slippage: fiveCents });
    h.submit({ id: "o1", side: "SELL", type: "LIMIT", quantity: "100", price: "101.5" }, at(0));
    h.bar(at(1), [100, 102, 99, 101]);
    expect(h.fills()).toEqual(["o1 SELL 100 @ 101.5 MAKER"]);
  });

  it("a resting limit gapped through at a later open fills at that open", () => {
    const h = harness();
    h.submit({ id: "o1", side: "BUY", type: "LIMIT", quantity: "10", price: "98" }, at(0));
    h.bar(at(1), [100, 102, 99, 101]);
    h.bar(at(2), [97, 98.5, 96, 98]);
    expect(h.fills()).toEqual(["o1 BUY 10 @ 97 TAKER"]);
  });

  it("a resting limit whose later open equals the limit fills there as a maker", () => {
    const h = harness();
    h.submit({ id: "o1", side: "BUY", type: "LIMIT", quantity: "10", price: "98" }, at(0));
    h.bar(at(1), [100, 102, 99, 101]);
    h.bar(at(2), [98, 98.5, 97, 98]);
    expect(h.fills()).toEqual(["o1 BUY 10 @ 98 MAKER"]);
  });
});

describe("stop-market orders on bars", () => {
  it("fills at the stop when the path reaches it inside the bar", () => {
    const h = harness();
    h.submit({ id: "o1", side: "BUY", type: "STOP_MARKET", quantity: "10", triggerPrice: "101.5" }, at(0));
    h.bar(at(1), [100, 102, 99, 101]);
    expect(h.fills()).toEqual(["o1 BUY 10 @ 101.5 TAKER"]);
  });

  it("fills at the open when the open gaps through the stop", () => {
    const h = harness();
    h.submit({ id: "o1", side: "SELL", type: "STOP_MARKET", quantity: "10", triggerPrice: "99" }, at(0));
    h.bar(at(1), [98, 99.5, 97, 99]);
    expect(h.fills()).toEqual(["o1 SELL 10 @ 98 TAKER"]);
  });

  it("prices a stop fill through the slippage model", () => {
    const h = harness({ slippage: fiveCents });
    h.submit({ id: "o1", side: "SELL", type: "STOP_MARKET", quantity: "10", triggerPrice: "99.5" }, at(0));
    h.bar(at(1), [100, 102, 99, 101]);
    expect(h.fills()).toEqual(["o1 SELL 10 @ 99.45 TAKER"]);
  });
});

describe("the bar path", () => {
  const twoLimits = (barPath: "ohlc" | "adaptive") => {
    const h = harness({ barPath });
    h.submit({ id: "sell", side: "SELL", type: "LIMIT", quantity: "1", price: "103" }, at(0));
    h.submit({ id: "buy", side: "BUY", type: "LIMIT", quantity: "1", price: "99.5" });
    // The open is much nearer the low (0.5) than the high (3).
    h.bar(at(1), [100, 103, 99.5, 101]);
    return h.fills();
  };

  it('"ohlc" visits the high before the low', () => {
    expect(twoLimits("ohlc")).toEqual(["sell SELL 1 @ 103 MAKER", "buy BUY 1 @ 99.5 MAKER"]);
  });

  it('"adaptive" visits the extreme nearer the open first', () => {
    expect(twoLimits("adaptive")).toEqual(["buy BUY 1 @ 99.5 MAKER", "sell SELL 1 @ 103 MAKER"]);
  });

  it("hits orders inside one stretch in the order the price reaches them", () => {
    const h = harness();
    h.submit({ id: "far", side: "SELL", type: "LIMIT", quantity: "1", price: "101.9" }, at(0));
    h.submit({ id: "near", side: "BUY", type: "STOP_MARKET", quantity: "1", triggerPrice: "100.5" });
    h.bar(at(1), [100, 102, 99, 101]);
    expect(h.fills()).toEqual(["near BUY 1 @ 100.5 TAKER", "far SELL 1 @ 101.9 MAKER"]);
  });
});

describe("fill timing", () => {
  it("next-close fills at the close of the next bar and reads triggers from the close only", () => {
    const h = harness({ fillTiming: "next-close" });
    h.submit({ id: "mkt", side: "BUY", type: "MARKET", quantity: "1" }, at(0));
    h.submit({ id: "lmt", side: "BUY", type: "LIMIT", quantity: "1", price: "99.5" });
    h.submit({ id: "stp", side: "BUY", type: "STOP_MARKET", quantity: "1", triggerPrice: "101.5" });
    h.bar(at(1), [100, 102, 99, 101]);
    expect(h.fills()).toEqual(["mkt BUY 1 @ 101 TAKER"]);
    h.bar(at(2), [101, 103, 99, 102]);
    expect(h.fills()).toEqual(["mkt BUY 1 @ 101 TAKER", "stp BUY 1 @ 102 TAKER"]);
  });

  it("same-close fills an order sent right after a bar at that bar's close, before submit returns", () => {
    const h = harness({ fillTiming: "same-close" });
    h.bar(at(1), [100, 102, 99, 101]);
    h.submit({ id: "o1", side: "BUY", type: "MARKET", quantity: "5" }, at(1));
    expect(h.fills()).toEqual(["o1 BUY 5 @ 101 TAKER"]);
  });

  it("same-close: an order sent before the bar of the same time waits for the next bar", () => {
    const h = harness({ fillTiming: "same-close" });
    h.submit({ id: "o1", side: "BUY", type: "MARKET", quantity: "5" }, at(1));
    h.bar(at(1), [100, 102, 99, 101]);
    expect(h.fills()).toEqual([]);
    h.bar(at(2), [102, 103, 101, 102]);
    expect(h.fills()).toEqual(["o1 BUY 5 @ 102 TAKER"]);
  });

  it("Zipline's VolumeShareSlippage example: buy 100 at close 3.00 on volume 200 fills 5 @ 3.0001875", () => {
    const h = harness({ fillTiming: "next-close", slippage: new VolumeShareSlippage() });
    h.submit({ id: "o1", side: "BUY", type: "MARKET", quantity: "100" }, at(0));
    h.bar(at(1), [3, 3.15, 2.85, 3, 200]);
    expect(h.fills()).toEqual(["o1 BUY 5 @ 3.0001875 TAKER"]);
    expect(h.status("o1")).toBe("PARTIALLY_FILLED");
  });

  it("volume share: a third of the bar fills at 101.11111112, not at 40 digits, and a limit caps it", () => {
    const slippage = new VolumeShareSlippage({ volumeLimit: 1, priceImpact: "0.1" });
    const h = harness({ fillTiming: "next-close", slippage });
    h.submit({ id: "b", side: "BUY", type: "MARKET", quantity: "1" }, at(0));
    h.bar(at(1), [100, 100, 100, 100, 3]);
    expect(h.fills()).toEqual(["b BUY 1 @ 101.11111112 TAKER"]);
    // A buy limit at 101.11, below the slipped price, fills at its limit, never above it.
    const limited = harness({ fillTiming: "next-close", slippage });
    limited.submit({ id: "l", side: "BUY", type: "LIMIT", price: "101.11", quantity: "1" }, at(0));
    limited.bar(at(1), [100, 100, 100, 100, 3]);
    expect(limited.fills()).toEqual(["l BUY 1 @ 101.11 TAKER"]);
  });

  it("Zipline's FixedBasisPointsSlippage example: close 3.00, volume 200: buy 20 @ 3.0015, sell 20 @ 2.9985", () => {
    const buy = harness({ fillTiming: "next-close", slippage: new FixedBasisPointsSlippage() });
    buy.submit({ id: "b", side: "BUY", type: "MARKET", quantity: "100" }, at(0));
    buy.bar(at(1), [3, 3.15, 2.85, 3, 200]);
    expect(buy.fills()).toEqual(["b BUY 20 @ 3.0015 TAKER"]);
    const sell = harness({ fillTiming: "next-close", slippage: new FixedBasisPointsSlippage() });
    sell.submit({ id: "s", side: "SELL", type: "MARKET", quantity: "100" }, at(0));
    sell.bar(at(1), [3, 3.15, 2.85, 3, 200]);
    expect(sell.fills()).toEqual(["s SELL 20 @ 2.9985 TAKER"]);
  });
});

describe("the venue's account", () => {
  it("keeps cash, a netting position, realized PnL per closing fill and commissions", () => {
    const h = harness({ commission: { name: "one-dollar", commission: () => dec(1) } });
    h.submit({ id: "buy", side: "BUY", type: "MARKET", quantity: "100" }, at(0));
    h.bar(at(1), [100, 102, 99, 101]);
    h.submit({ id: "sell", side: "SELL", type: "MARKET", quantity: "40" });
    h.bar(at(2), [103, 104, 102, 102.5]);
    const account = h.venue.account();
    expect(account.balance.toFixed()).toBe(String(100_000 - 100 * 100 - 1 + 40 * 103 - 1)); // 94118
    expect(account.commissions.toFixed()).toBe("2");
    const [position] = account.positions;
    expect(position?.quantity.toFixed()).toBe("60");
    expect(position?.avgOpenPrice.toFixed()).toBe("100");
    expect(position?.realizedPnl.toFixed()).toBe("118"); // 40 × (103 − 100) − 2 commissions
    expect(position?.unrealizedPnl.toFixed()).toBe("150"); // 60 × (102.5 − 100)
    expect(account.equity.toFixed()).toBe("100268"); // 100000 + 118 + 150
  });

  it("a margin account moves its balance by realized PnL only; equity is the same", () => {
    const h = harness({ account: { type: "margin", currency: "USD", balance: "100000", leverage: "4" } });
    h.submit({ id: "sell", side: "SELL", type: "MARKET", quantity: "10" }, at(0));
    h.bar(at(1), [100, 102, 99, 101]);
    h.submit({ id: "buy", side: "BUY", type: "MARKET", quantity: "15" });
    h.bar(at(2), [98, 99, 97, 97]);
    const account = h.venue.account();
    expect(account.balance.toFixed()).toBe("100020"); // closed 10 short: 10 × (100 − 98)
    const [position] = account.positions;
    expect(position?.quantity.toFixed()).toBe("5");
    expect(position?.avgOpenPrice.toFixed()).toBe("98");
    expect(position?.unrealizedPnl.toFixed()).toBe("-5");
    expect(account.equity.toFixed()).toBe("100015");
    expect(account.leverage?.toFixed()).toBe("4");
  });

  it("multiplies PnL by the contract multiplier", () => {
    const h = harness({
      instruments: [
        { id: "ESZ4.XCME", assetClass: "future", currency: "USD", tickSize: "0.25", multiplier: "50" },
      ],
      account: { type: "margin", currency: "USD", balance: "50000" },
    });
    h.submit({ id: "buy", side: "BUY", type: "MARKET", quantity: "2" }, at(0));
    h.bar(at(1), [5000, 5010, 4990, 5005]);
    h.submit({ id: "sell", side: "SELL", type: "MARKET", quantity: "2" });
    h.bar(at(2), [5004.25, 5010, 4990, 5005]);
    expect(h.venue.account().balance.toFixed()).toBe("50425"); // 2 × 4.25 × 50
  });
});

describe("several instruments", () => {
  it("matches each instrument's orders against its own data only", () => {
    const MSFT = { ...AAPL, id: "MSFT.XNAS" };
    const h = harness({ instruments: [AAPL, MSFT] });
    h.submit({ id: "a", side: "BUY", type: "LIMIT", quantity: "1", price: "99.5" }, at(0));
    h.submit({ id: "m", instrumentId: "MSFT.XNAS", side: "BUY", type: "LIMIT", quantity: "1", price: "399" });
    h.bar(at(1), [400, 401, 398, 400], "MSFT.XNAS");
    expect(h.fills()).toEqual(["m BUY 1 @ 399 MAKER"]);
    h.bar(at(1), [100, 102, 99, 101], "AAPL.XNAS");
    expect(h.fills()).toEqual(["m BUY 1 @ 399 MAKER", "a BUY 1 @ 99.5 MAKER"]);
    expect(h.venue.account().positions.map((p) => p.instrumentId)).toEqual(["MSFT.XNAS", "AAPL.XNAS"]);
  });
});

import { describe, expect, it } from "vitest";
import { MakerTakerCommission, NoCommission } from "../../src/index.js";
import { at, harness } from "./harness.js";

/** A BTC perpetual as an exchange lists it: its own fee rates, tick 0.5, lot 0.001. */
const BTC_PERP = {
  id: "BTCUSDT-PERP.BINANCE",
  assetClass: "crypto-perp",
  currency: "USDT",
  tickSize: "0.5",
  lotSize: "0.001",
  makerFee: "0.0002",
  takerFee: "0.0004",
} as const;
const account = { type: "margin", currency: "USDT", balance: "100000" } as const;

/** Commission of each fill, as `<order> <liquidity> <commission>`. */
function commissions(h: ReturnType<typeof harness>): string[] {
  return h.reports.flatMap((r) =>
    r.type === "OrderFilled" ? [`${r.orderId} ${r.liquidity} ${r.commission.toFixed()}`] : [],
  );
}

describe("an instrument's makerFee and takerFee", () => {
  it("are charged when the venue has no commission model: taker on a market order, maker on a resting limit", () => {
    const h = harness({ instruments: [BTC_PERP], account });
    h.submit({ id: "mkt", side: "BUY", type: "MARKET", quantity: "0.2" }, at(0));
    h.submit({ id: "lmt", side: "BUY", type: "LIMIT", quantity: "0.05", price: "46400" });
    h.bar(at(1), [46441, 46445, 46396, 46412]);
    // 0.2 × 46441 × 0.0004 and 0.05 × 46400 × 0.0002
    expect(commissions(h)).toEqual(["mkt TAKER 3.71528", "lmt MAKER 0.464"]);
    expect(h.venue.account().commissions.toFixed()).toBe("4.17928");
  });

  it("give a rebate when the maker rate is negative, and charge nothing on a side without a rate", () => {
    const rebate = { ...BTC_PERP, makerFee: "-0.0001", takerFee: undefined };
    const h = harness({ instruments: [rebate], account });
    h.submit({ id: "mkt", side: "BUY", type: "MARKET", quantity: "0.2" }, at(0));
    h.submit({ id: "lmt", side: "BUY", type: "LIMIT", quantity: "0.05", price: "46400" });
    h.bar(at(1), [46441, 46445, 46396, 46412]);
    expect(commissions(h)).toEqual(["mkt TAKER 0", "lmt MAKER -0.232"]);
  });

  it("are replaced by a commission model the venue is given, NoCommission included", () => {
    const none = harness({ instruments: [BTC_PERP], account, commission: new NoCommission() });
    none.submit({ id: "mkt", side: "BUY", type: "MARKET", quantity: "0.2" }, at(0));
    none.bar(at(1), [46441, 46445, 46396, 46412]);
    expect(commissions(none)).toEqual(["mkt TAKER 0"]);

    const model = new MakerTakerCommission({ maker: "0", taker: "0.0005" });
    const own = harness({ instruments: [BTC_PERP], account, commission: model });
    own.submit({ id: "mkt", side: "BUY", type: "MARKET", quantity: "0.2" }, at(0));
    own.bar(at(1), [46441, 46445, 46396, 46412]);
    expect(commissions(own)).toEqual(["mkt TAKER 4.6441"]);
  });
});

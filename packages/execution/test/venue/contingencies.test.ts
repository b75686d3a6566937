import { buildBracket, buildOco, dec } from "@ordo/core";
import { describe, expect, it } from "vitest";
import type { SlippageModel } from "../../src/index.js";
import { at, harness } from "./harness.js";

const tenPercent: SlippageModel = { name: "cap-10%", volumeLimit: dec("0.1"), price: (c) => c.basePrice };
const noIds = () => {
  throw new Error("the tests name every order");
};

const bracket = (entry: Record<string, unknown> = {}, quantity = "100", stopLoss = "98") => {
  const b = buildBracket(
    {
      instrumentId: "AAPL.XNAS",
      side: "BUY",
      quantity,
      entry: { type: "MARKET", ...entry },
      stopLoss: { triggerPrice: stopLoss },
      takeProfit: { price: "103" },
      ids: { entry: "entry", stopLoss: "sl", takeProfit: "tp" },
    },
    noIds,
  );
  return [b.entry, b.stopLoss, b.takeProfit];
};

describe("OCO", () => {
  it("cancels the other order when one fills", () => {
    const h = harness();
    const [a, b] = buildOco(
      [
        { id: "tp", side: "SELL", type: "LIMIT", quantity: "10", price: "101.5" },
        { id: "sl", side: "SELL", type: "STOP_MARKET", quantity: "10", triggerPrice: "99.5" },
      ],
      noIds,
    );
    h.submitList([a!, b!], at(0));
    h.bar(at(1), [100, 102, 99, 101]);
    expect(h.log().slice(2)).toEqual([
      "OrderFilled tp SELL 10 @ 101.5 MAKER T-1",
      "OrderCanceled sl: OCO: linked order tp filled",
    ]);
  });

  it("a partial fill cancels the others too", () => {
    const h = harness({ slippage: tenPercent });
    const [a, b] = buildOco(
      [
        { id: "a", side: "BUY", type: "MARKET", quantity: "500" },
        { id: "b", side: "BUY", type: "LIMIT", quantity: "10", price: "99" },
      ],
      noIds,
    );
    h.submitList([a!, b!], at(0));
    h.bar(at(1), [100, 102, 99, 101, 1000]);
    expect(h.log().slice(2)).toEqual([
      "OrderFilled a BUY 100 @ 100 TAKER T-1",
      "OrderCanceled b: OCO: linked order a filled",
    ]);
  });

  it("canceling one cancels the others", () => {
    const h = harness();
    const [a, b] = buildOco(
      [
        { id: "a", side: "BUY", type: "LIMIT", quantity: "1", price: "90" },
        { id: "b", side: "SELL", type: "LIMIT", quantity: "1", price: "110" },
      ],
      noIds,
    );
    h.submitList([a!, b!], at(0));
    h.cancel("a");
    expect(h.log().slice(2)).toEqual([
      "OrderCanceled a",
      "OrderCanceled b: OCO: linked order a was canceled",
    ]);
  });

  it("expiring one cancels the others", () => {
    const h = harness();
    h.submitList(
      [
        {
          id: "a",
          side: "BUY",
          type: "LIMIT",
          quantity: "1",
          price: "90",
          timeInForce: "GTD",
          expireAt: at(1),
          contingency: { type: "OCO", linkedIds: ["b"] },
        },
        {
          id: "b",
          side: "SELL",
          type: "LIMIT",
          quantity: "1",
          price: "110",
          contingency: { type: "OCO", linkedIds: ["a"] },
        },
      ],
      at(0),
    );
    h.bar(at(2), [100, 102, 99, 101]);
    expect(h.log().slice(2)).toEqual(["OrderExpired a", "OrderCanceled b: OCO: linked order a expired"]);
  });
});

describe("OUO", () => {
  it("reduces the other order to the filled order's leaves, and cancels it at zero", () => {
    const h = harness({ slippage: tenPercent });
    h.submitList(
      [
        {
          id: "a",
          side: "BUY",
          type: "MARKET",
          quantity: "150",
          contingency: { type: "OUO", linkedIds: ["b"] },
        },
        {
          id: "b",
          side: "BUY",
          type: "LIMIT",
          quantity: "150",
          price: "90",
          contingency: { type: "OUO", linkedIds: ["a"] },
        },
      ],
      at(0),
    );
    h.bar(at(1), [100, 102, 99, 101, 1000]);
    expect(h.log().slice(2)).toEqual(["OrderFilled a BUY 100 @ 100 TAKER T-1", "OrderUpdated b quantity 50"]);
    h.bar(at(2), [100, 102, 99, 101, 1000]);
    expect(h.log().slice(4)).toEqual([
      "OrderFilled a BUY 50 @ 100 TAKER T-2",
      "OrderCanceled b: OUO: linked order a completed",
    ]);
  });
});

describe("OTO", () => {
  it("releases children on the parent's first fill, sized to what it filled, and grows them as it fills", () => {
    const h = harness({ slippage: tenPercent });
    h.submitList(
      [
        {
          id: "parent",
          side: "BUY",
          type: "MARKET",
          quantity: "150",
          contingency: { type: "OTO", linkedIds: ["child"] },
        },
        {
          id: "child",
          side: "SELL",
          type: "LIMIT",
          quantity: "150",
          price: "110",
          contingency: { parentId: "parent" },
        },
      ],
      at(0),
    );
    h.bar(at(1), [100, 102, 99, 101, 1000]);
    expect(h.of("child")).toEqual(["OrderAccepted child V-2", "OrderUpdated child quantity 100"]);
    h.bar(at(2), [100, 102, 99, 101, 1000]);
    expect(h.of("child").slice(2)).toEqual(["OrderUpdated child quantity 150"]);
  });

  it("sizes a child in proportion when its quantity differs from the parent's", () => {
    const h = harness({ slippage: tenPercent });
    h.submitList(
      [
        {
          id: "parent",
          side: "BUY",
          type: "MARKET",
          quantity: "200",
          contingency: { type: "OTO", linkedIds: ["half"] },
        },
        {
          id: "half",
          side: "SELL",
          type: "LIMIT",
          quantity: "100",
          price: "110",
          contingency: { parentId: "parent" },
        },
      ],
      at(0),
    );
    h.bar(at(1), [100, 102, 99, 101, 1000]);
    expect(h.of("half").slice(1)).toEqual(["OrderUpdated half quantity 50"]);
  });

  it('with otoRelease "full-fill", children start only once the parent is filled', () => {
    const h = harness({ slippage: tenPercent, otoRelease: "full-fill" });
    h.submitList(
      [
        {
          id: "parent",
          side: "BUY",
          type: "MARKET",
          quantity: "150",
          contingency: { type: "OTO", linkedIds: ["child"] },
        },
        {
          id: "child",
          side: "SELL",
          type: "LIMIT",
          quantity: "150",
          price: "101.5",
          contingency: { parentId: "parent" },
        },
      ],
      at(0),
    );
    h.bar(at(1), [100, 102, 99, 101, 1000]);
    expect(h.of("child").slice(1)).toEqual([]);
    h.bar(at(2), [100, 102, 99, 101, 1000]);
    expect(h.of("child").slice(1)).toEqual(["OrderFilled child SELL 50 @ 101.5 MAKER T-3"]);
  });

  it("a child sent after its parent filled starts working at once, at full size", () => {
    const h = harness();
    h.submit(
      {
        id: "parent",
        side: "BUY",
        type: "MARKET",
        quantity: "10",
        contingency: { type: "OTO", linkedIds: ["child"] },
      },
      at(0),
    );
    h.bar(at(1), [100, 102, 99, 101]);
    h.submit({
      id: "child",
      side: "SELL",
      type: "LIMIT",
      quantity: "10",
      price: "101.5",
      contingency: { parentId: "parent" },
    });
    h.bar(at(2), [101, 102, 100, 101]);
    expect(h.of("child")).toEqual(["OrderAccepted child V-2", "OrderFilled child SELL 10 @ 101.5 MAKER T-2"]);
  });

  it("a child whose parent closed without a fill is rejected", () => {
    const h = harness();
    h.submit(
      {
        id: "parent",
        side: "BUY",
        type: "LIMIT",
        price: "90",
        quantity: "10",
        contingency: { type: "OTO", linkedIds: ["child"] },
      },
      at(0),
    );
    h.cancel("parent");
    h.submit({
      id: "child",
      side: "SELL",
      type: "LIMIT",
      quantity: "10",
      price: "110",
      contingency: { parentId: "parent" },
    });
    expect(h.of("child")).toEqual([
      "OrderRejected child: PARENT_CLOSED: parent order parent is CANCELED without a fill",
    ]);
  });

  it("a child whose parent is unknown is rejected", () => {
    const h = harness();
    h.submit(
      {
        id: "orphan",
        side: "SELL",
        type: "LIMIT",
        quantity: "1",
        price: "110",
        contingency: { parentId: "nobody" },
      },
      at(0),
    );
    expect(h.log()).toEqual([
      "OrderRejected orphan: UNKNOWN_PARENT: parent order nobody is not known at venue SIM",
    ]);
  });
});

describe("brackets (core's buildBracket)", () => {
  it("entry fills at the open; the take-profit reached first (ohlc) fills and the stop-loss is canceled", () => {
    const h = harness();
    h.submitList(bracket(), at(0));
    h.bar(at(1), [100, 103.5, 97, 101]);
    expect(h.log()).toEqual([
      "OrderAccepted entry V-1",
      "OrderAccepted sl V-2",
      "OrderAccepted tp V-3",
      "OrderFilled entry BUY 100 @ 100 TAKER T-1",
      "OrderFilled tp SELL 100 @ 103 MAKER T-2",
      "OrderCanceled sl: OUO: linked order tp completed",
    ]);
    expect(h.venue.account().positions[0]?.realizedPnl.toFixed()).toBe("300");
  });

  it("with the adaptive path the nearer low comes first: the stop-loss fills and the take-profit is canceled", () => {
    const h = harness({ barPath: "adaptive" });
    h.submitList(bracket(), at(0));
    h.bar(at(1), [100, 103.5, 97, 101]);
    expect(h.log().slice(3)).toEqual([
      "OrderFilled entry BUY 100 @ 100 TAKER T-1",
      "OrderFilled sl SELL 100 @ 98 TAKER T-2",
      "OrderCanceled tp: OUO: linked order sl completed",
    ]);
  });

  it("exits are not live before the entry fills", () => {
    const h = harness();
    h.submitList(bracket({ type: "LIMIT", price: "98.5" }, "100", "95"), at(0));
    h.bar(at(1), [100, 103.5, 99, 101]);
    expect(h.log().slice(3)).toEqual([]);
  });

  it("canceling an unfilled entry cancels both exits", () => {
    const h = harness();
    h.submitList(bracket({ type: "LIMIT", price: "98.5" }, "100", "95"), at(0));
    h.cancel("entry");
    expect(h.log().slice(3)).toEqual([
      "OrderCanceled entry",
      "OrderCanceled sl: OTO: parent order entry was canceled before releasing it",
      "OrderCanceled tp: OUO: linked order sl was canceled",
    ]);
  });

  it("a partially filled entry gives exits for the filled quantity, growing as it fills", () => {
    const h = harness({ slippage: tenPercent });
    h.submitList(bracket({}, "150"), at(0));
    h.bar(at(1), [100, 101, 99, 100, 1000]);
    expect(h.log().slice(3)).toEqual([
      "OrderFilled entry BUY 100 @ 100 TAKER T-1",
      "OrderUpdated sl quantity 100",
      "OrderUpdated tp quantity 100",
    ]);
    h.bar(at(2), [100, 101, 99, 100, 1000]);
    expect(h.log().slice(6)).toEqual([
      "OrderFilled entry BUY 50 @ 100 TAKER T-2",
      "OrderUpdated sl quantity 150",
      "OrderUpdated tp quantity 150",
    ]);
  });

  it("a partial take-profit reduces the stop-loss to what is still held", () => {
    const h = harness({ slippage: tenPercent });
    h.submitList(bracket(), at(0));
    h.bar(at(1), [100, 101, 99, 100, 1000]);
    h.bar(at(2), [101, 103.5, 100, 102, 400]); // cap 40
    expect(h.log().slice(4)).toEqual([
      "OrderFilled tp SELL 40 @ 103 MAKER T-2",
      "OrderUpdated sl quantity 60",
    ]);
    h.bar(at(3), [101, 102, 97, 98, 1000]);
    expect(h.log().slice(6)).toEqual([
      "OrderFilled sl SELL 60 @ 98 TAKER T-3",
      "OrderCanceled tp: OUO: linked order sl completed",
    ]);
    expect(h.venue.account().positions[0]?.quantity.toFixed()).toBe("0");
  });

  it("with quotes, the entry fills before submitList returns and the exits work from the next quote", () => {
    const h = harness();
    h.quote(at(0), 99.9, 100);
    h.submitList(bracket(), at(0));
    expect(h.log().slice(3)).toEqual(["OrderFilled entry BUY 100 @ 100 TAKER T-1"]);
    h.quote(at(1), 103.05, 103.1);
    expect(h.log().slice(4)).toEqual([
      "OrderFilled tp SELL 100 @ 103 MAKER T-2",
      "OrderCanceled sl: OUO: linked order tp completed",
    ]);
  });
});

import { createInstrument, dec, type TrailingOffset } from "@ordo/core";
import { describe, expect, it } from "vitest";
import { type SlippageModel, trailingUpdate } from "../../src/index.js";
import { AAPL, at, harness } from "./harness.js";

const BAR: [number, number, number, number] = [100, 102, 99, 101];

describe("stop-limit orders", () => {
  it("triggers inside the bar and fills at once when the trigger price satisfies the limit", () => {
    const h = harness();
    h.submit(
      { id: "o1", side: "BUY", type: "STOP_LIMIT", quantity: "10", triggerPrice: "101", price: "101.5" },
      at(0),
    );
    h.bar(at(1), BAR);
    expect(h.of("o1")).toEqual([
      "OrderAccepted o1 V-1",
      "OrderTriggered o1",
      "OrderFilled o1 BUY 10 @ 101 TAKER T-1",
    ]);
  });

  it("triggers, then rests as a limit and fills later on the same bar's path", () => {
    const h = harness();
    h.submit(
      { id: "o1", side: "BUY", type: "STOP_LIMIT", quantity: "10", triggerPrice: "101", price: "100.5" },
      at(0),
    );
    h.bar(at(1), BAR);
    expect(h.of("o1").slice(1)).toEqual(["OrderTriggered o1", "OrderFilled o1 BUY 10 @ 100.5 MAKER T-1"]);
  });

  it("is triggered by a gap at the open and works as a limit from there", () => {
    const h = harness();
    h.submit(
      { id: "o1", side: "BUY", type: "STOP_LIMIT", quantity: "10", triggerPrice: "99", price: "99.5" },
      at(0),
    );
    h.bar(at(1), [100, 100.5, 99.2, 100]);
    expect(h.of("o1").slice(1)).toEqual(["OrderTriggered o1", "OrderFilled o1 BUY 10 @ 99.5 MAKER T-1"]);
  });

  it("stays TRIGGERED when the limit is never reached", () => {
    const h = harness();
    h.submit(
      { id: "o1", side: "SELL", type: "STOP_LIMIT", quantity: "10", triggerPrice: "99.5", price: "99.8" },
      at(0),
    );
    h.bar(at(1), [100, 100.2, 99, 99.1]);
    expect(h.of("o1").slice(1)).toEqual(["OrderTriggered o1"]);
    expect(h.status("o1")).toBe("TRIGGERED");
    h.bar(at(2), [99.2, 100, 99, 99.5]);
    expect(h.fills()).toEqual(["o1 SELL 10 @ 99.8 MAKER"]);
  });
});

describe("market-if-touched and limit-if-touched orders", () => {
  it("a buy MIT fills at its trigger when the price falls to it", () => {
    const h = harness();
    h.submit(
      { id: "o1", side: "BUY", type: "MARKET_IF_TOUCHED", quantity: "10", triggerPrice: "99.5" },
      at(0),
    );
    h.bar(at(1), BAR);
    expect(h.fills()).toEqual(["o1 BUY 10 @ 99.5 TAKER"]);
  });

  it("a buy MIT fills at the open when the open is already below its trigger", () => {
    const h = harness();
    h.submit(
      { id: "o1", side: "BUY", type: "MARKET_IF_TOUCHED", quantity: "10", triggerPrice: "99.5" },
      at(0),
    );
    h.bar(at(1), [99, 100, 98, 99]);
    expect(h.fills()).toEqual(["o1 BUY 10 @ 99 TAKER"]);
  });

  it("a sell MIT fills at its trigger when the price rises to it", () => {
    const h = harness();
    h.submit(
      { id: "o1", side: "SELL", type: "MARKET_IF_TOUCHED", quantity: "10", triggerPrice: "101.5" },
      at(0),
    );
    h.bar(at(1), BAR);
    expect(h.fills()).toEqual(["o1 SELL 10 @ 101.5 TAKER"]);
  });

  it("a sell LIT triggers on the way up and fills at its limit further up the same stretch", () => {
    const h = harness();
    h.submit(
      {
        id: "o1",
        side: "SELL",
        type: "LIMIT_IF_TOUCHED",
        quantity: "10",
        triggerPrice: "101.5",
        price: "101.8",
      },
      at(0),
    );
    h.bar(at(1), BAR);
    expect(h.of("o1").slice(1)).toEqual(["OrderTriggered o1", "OrderFilled o1 SELL 10 @ 101.8 MAKER T-1"]);
  });
});

describe("market-to-limit orders", () => {
  it("fills what the quote offers at market and rests the rest as a limit at that price", () => {
    const h = harness();
    h.quote(at(0), 99.95, 100.05, 500, 60);
    h.submit({ id: "o1", side: "BUY", type: "MARKET_TO_LIMIT", quantity: "100" });
    expect(h.of("o1")).toEqual([
      "OrderAccepted o1 V-1",
      "OrderFilled o1 BUY 60 @ 100.05 TAKER T-1",
      "OrderUpdated o1 price 100.05",
    ]);
    h.quote(at(1), 100.05, 100.1, 500, 500);
    expect(h.fills()).toEqual(["o1 BUY 60 @ 100.05 TAKER"]);
    h.quote(at(2), 99.9, 100, 500, 500);
    expect(h.fills()).toEqual(["o1 BUY 60 @ 100.05 TAKER", "o1 BUY 40 @ 100.05 MAKER"]);
  });

  it("on bars with a volume cap, the part filled at the open sets the limit for the rest", () => {
    const capped: SlippageModel = { name: "cap", volumeLimit: dec("0.1"), price: (c) => c.basePrice };
    const h = harness({ slippage: capped });
    h.submit({ id: "o1", side: "SELL", type: "MARKET_TO_LIMIT", quantity: "80" }, at(0));
    h.bar(at(1), [100, 102, 99, 101, 500]);
    expect(h.of("o1").slice(1)).toEqual([
      "OrderFilled o1 SELL 50 @ 100 TAKER T-1",
      "OrderUpdated o1 price 100",
    ]);
    h.bar(at(2), [99, 100.5, 98, 100, 500]);
    expect(h.fills()).toEqual(["o1 SELL 50 @ 100 TAKER", "o1 SELL 30 @ 100 MAKER"]);
  });
});

const EURUSD = { id: "EURUSD.SIM", assetClass: "fx", currency: "USD", tickSize: "0.0001" } as const;

describe("trailing stops on the venue", () => {
  it("on closes only (next-close): sell, trail 5, closes 100, 105, 103, 110 -> stops 95, 100, 100, 105", () => {
    const h = harness({ fillTiming: "next-close" });
    h.submit(
      {
        id: "t",
        side: "SELL",
        type: "TRAILING_STOP_MARKET",
        quantity: "1",
        trailing: { offsetType: "PRICE", offset: "5" },
      },
      at(0),
    );
    [100, 105, 103, 110].forEach((close, i) => {
      h.bar(at(i + 1), [close, close, close, close]);
    });
    expect(h.of("t").slice(1)).toEqual([
      "OrderUpdated t trigger 95",
      "OrderUpdated t trigger 100",
      "OrderUpdated t trigger 105",
    ]);
  });

  it("ratchets along the bar path and fills at its trigger when the price turns", () => {
    const h = harness();
    h.submit(
      {
        id: "t",
        side: "SELL",
        type: "TRAILING_STOP_MARKET",
        quantity: "1",
        trailing: { offsetType: "PRICE", offset: "1" },
      },
      at(0),
    );
    h.bar(at(1), [100, 103, 99, 101]);
    expect(h.of("t").slice(1)).toEqual([
      "OrderUpdated t trigger 99",
      "OrderUpdated t trigger 102",
      "OrderFilled t SELL 1 @ 102 TAKER T-1",
    ]);
  });

  it("never moves against the holder: a buy trailing stop only moves down", () => {
    const h = harness();
    h.submit(
      {
        id: "t",
        side: "BUY",
        type: "TRAILING_STOP_MARKET",
        quantity: "1",
        triggerPrice: "100",
        trailing: { offsetType: "PRICE", offset: "1" },
      },
      at(0),
    );
    h.trade(at(1), 98, 10);
    h.trade(at(2), 98.8, 10); // 98.8 + 1 = 99.8: above 99, no move (and below the trigger: no fill)
    h.trade(at(3), 97.5, 10);
    expect(h.of("t").slice(1)).toEqual(["OrderUpdated t trigger 99", "OrderUpdated t trigger 98.5"]);
  });

  it("starts trailing only once the market reaches the activation price", () => {
    const h = harness();
    h.submit(
      {
        id: "t",
        side: "SELL",
        type: "TRAILING_STOP_MARKET",
        quantity: "1",
        trailing: { offsetType: "PRICE", offset: "1", activationPrice: "102" },
      },
      at(0),
    );
    h.bar(at(1), [100, 101.5, 99, 100]);
    expect(h.of("t").slice(1)).toEqual([]);
    h.bar(at(2), [101, 103, 101, 102]);
    expect(h.of("t").slice(1)).toEqual([
      "OrderUpdated t trigger 102",
      "OrderFilled t SELL 1 @ 102 TAKER T-1",
    ]);
  });

  it("trailing-stop-limit: trigger and limit trail by their own offsets (reference: 101.00 / 100.50)", () => {
    const h = harness();
    h.submit(
      {
        id: "t",
        side: "BUY",
        type: "TRAILING_STOP_LIMIT",
        quantity: "1",
        triggerPrice: "105",
        price: "104.5",
        trailing: { offsetType: "PRICE", offset: "1.0", limitOffset: "0.5" },
      },
      at(0),
    );
    h.trade(at(1), 100, 10);
    expect(h.of("t").slice(1)).toEqual(["OrderUpdated t price 100.5 trigger 101"]);
    expect(h.cache.get("t")?.triggerPrice?.toFixed(2)).toBe("101.00");
    expect(h.cache.get("t")?.price?.toFixed(2)).toBe("100.50");
  });

  it("trailing-stop-limit on a bar: trails up, triggers on the way down, fills as a limit", () => {
    const h = harness();
    h.submit(
      {
        id: "t",
        side: "SELL",
        type: "TRAILING_STOP_LIMIT",
        quantity: "1",
        trailing: { offsetType: "PRICE", offset: "1", limitOffset: "1.5" },
      },
      at(0),
    );
    h.bar(at(1), [100, 103, 99, 101]);
    expect(h.of("t").slice(1)).toEqual([
      "OrderUpdated t price 98.5 trigger 99",
      "OrderUpdated t price 101.5 trigger 102",
      "OrderTriggered t",
      "OrderFilled t SELL 1 @ 102 TAKER T-1",
    ]);
  });

  it("with quotes, a sell trails the bid and triggers on the bid", () => {
    const h = harness();
    h.submit(
      {
        id: "t",
        side: "SELL",
        type: "TRAILING_STOP_MARKET",
        quantity: "1",
        trailing: { offsetType: "TICKS", offset: "10" },
      },
      at(0),
    );
    h.quote(at(1), 100, 100.02);
    h.quote(at(2), 100.3, 100.32);
    h.quote(at(3), 100.18, 100.22);
    expect(h.of("t").slice(1)).toEqual([
      "OrderUpdated t trigger 99.9",
      "OrderUpdated t trigger 100.2",
      "OrderFilled t SELL 1 @ 100.18 TAKER T-1",
    ]);
  });

  it("placed on a quote, trails from that quote at once: a gap down on the next quote fills it", () => {
    const h = harness({ instruments: [EURUSD] });
    h.quote(at(0), 1.1, 1.1002);
    h.submit({
      id: "t",
      side: "SELL",
      type: "TRAILING_STOP_MARKET",
      quantity: "1000",
      trailing: { offsetType: "PRICE", offset: "0.005" },
    });
    // The bid at arrival is 1.1000: the trigger is 1.0950 before any later quote.
    expect(h.of("t").slice(1)).toEqual(["OrderUpdated t trigger 1.095"]);
    h.quote(at(1), 1.09, 1.0902);
    expect(h.of("t").slice(2)).toEqual(["OrderFilled t SELL 1000 @ 1.09 TAKER T-1"]);
  });

  it("placed on a quote, a buy trails the ask at once; with latency, the quote at its arrival", () => {
    const h = harness({ latency: { name: "50 ms", delayMs: () => 50 } });
    h.quote(at(0), 99.98, 100.02);
    h.submit({
      id: "t",
      side: "BUY",
      type: "TRAILING_STOP_MARKET",
      quantity: "1",
      trailing: { offsetType: "PRICE", offset: "0.5" },
    });
    expect(h.of("t")).toEqual([]); // not arrived yet
    h.quote(at(0) + 10, 99.9, 99.94);
    h.clock.advanceTo(at(0) + 50);
    // The ask at its arrival is 99.94: trigger 100.44, not 100.52 from the ask when it was sent.
    expect(h.of("t")).toEqual(["OrderAccepted t V-1", "OrderUpdated t trigger 100.44"]);
  });

  it("with same-close, trails from the close it meets at arrival", () => {
    const h = harness({ fillTiming: "same-close" });
    h.bar(at(0), [100, 101, 99, 100]);
    h.submit({
      id: "t",
      side: "SELL",
      type: "TRAILING_STOP_MARKET",
      quantity: "1",
      trailing: { offsetType: "PRICE", offset: "1" },
    });
    expect(h.of("t").slice(1)).toEqual(["OrderUpdated t trigger 99"]);
    h.bar(at(1), [98.5, 99, 98, 98.5]);
    expect(h.of("t").slice(2)).toEqual(["OrderFilled t SELL 1 @ 98.5 TAKER T-1"]);
  });
});

describe("a sell trailing offset at or beyond the market (its trigger would be at or below 0)", () => {
  const sellTrailing = (trailing: Record<string, string>, extra: Record<string, unknown> = {}) => ({
    id: "t",
    side: "SELL",
    type: trailing.limitOffset === undefined ? "TRAILING_STOP_MARKET" : "TRAILING_STOP_LIMIT",
    quantity: "1",
    trailing,
    ...extra,
  });

  it("rejects a PRICE offset of 150 on arrival at a bid of 100, where it used to rest with trigger -50", () => {
    const h = harness();
    h.quote(at(0), 100, 100.02);
    h.submit(sellTrailing({ offsetType: "PRICE", offset: "150" }));
    expect(h.of("t")).toEqual([
      "OrderRejected t: INVALID_TRIGGER: SELL TRAILING_STOP_MARKET t trails the bid 100 by a PRICE offset of 150, which puts its trigger at -50: at or below 0 it never fires; the offset must leave the trigger at least one tick (0.01) above 0",
    ]);
    expect(h.status("t")).toBe("REJECTED");
  });

  it("rejects a PERCENT offset of 99.999 whose trigger rounds to 0 on the tick (bid 0.05)", () => {
    const h = harness();
    h.quote(at(0), 0.05, 0.06);
    h.submit(sellTrailing({ offsetType: "PERCENT", offset: "99.999" }));
    expect(h.of("t")).toEqual([
      "OrderRejected t: INVALID_TRIGGER: SELL TRAILING_STOP_MARKET t trails the bid 0.05 by a PERCENT offset of 99.999, which puts its trigger at 0 (0.0000005 rounded to the tick 0.01): at or below 0 it never fires; the offset must leave the trigger at least one tick (0.01) above 0",
    ]);
  });

  it("rejects a trailing-stop-limit whose limit offset alone is beyond the bid", () => {
    const h = harness();
    h.quote(at(0), 100, 100.02);
    h.submit(sellTrailing({ offsetType: "PRICE", offset: "1", limitOffset: "100" }));
    expect(h.of("t")).toEqual([
      "OrderRejected t: INVALID_PRICE: SELL TRAILING_STOP_LIMIT t trails the bid 100 by a PRICE limitOffset of 100, which puts its limit at 0: at or below 0 it is no price; the limitOffset must leave the limit at least one tick (0.01) above 0",
    ]);
  });

  it("accepts an offset one tick inside the bid, and a buy (it trails above the market)", () => {
    const h = harness();
    h.quote(at(0), 100, 100.02);
    h.submit(sellTrailing({ offsetType: "PRICE", offset: "99.99" }));
    h.submit({
      id: "b",
      side: "BUY",
      type: "TRAILING_STOP_MARKET",
      quantity: "1",
      trailing: { offsetType: "PRICE", offset: "150" },
    });
    expect(h.log()).toEqual([
      "OrderAccepted t V-1",
      "OrderUpdated t trigger 0.01",
      "OrderAccepted b V-2",
      "OrderUpdated b trigger 250.02",
    ]);
  });

  it("keeps an order whose given trigger stands: the trailed -50 never replaces trigger 50", () => {
    const h = harness();
    h.quote(at(0), 100, 100.02);
    h.submit(sellTrailing({ offsetType: "PRICE", offset: "150" }, { triggerPrice: "50" }));
    h.quote(at(1), 49, 49.02);
    expect(h.of("t")).toEqual(["OrderAccepted t V-1", "OrderFilled t SELL 1 @ 49 TAKER T-1"]);
  });

  it("on bars (next-open), cancels it at its first trail, the next open, with the same reason", () => {
    const h = harness();
    h.bar(at(0), [100, 101, 99, 100]);
    h.submit(sellTrailing({ offsetType: "PRICE", offset: "150" }));
    h.bar(at(1), [100.5, 103, 99, 101]);
    expect(h.of("t")).toEqual([
      "OrderAccepted t V-1",
      "OrderCanceled t: INVALID_TRIGGER: SELL TRAILING_STOP_MARKET t trails the price 100.5 by a PRICE offset of 150, which puts its trigger at -49.5: at or below 0 it never fires; the offset must leave the trigger at least one tick (0.01) above 0",
    ]);
    expect(h.status("t")).toBe("CANCELED");
  });

  it("with an activation price, is checked when it starts trailing, not on arrival", () => {
    const h = harness();
    h.quote(at(0), 100, 100.02);
    h.submit(sellTrailing({ offsetType: "PRICE", offset: "150", activationPrice: "120" }));
    expect(h.of("t")).toEqual(["OrderAccepted t V-1"]);
    h.quote(at(1), 120, 120.02);
    expect(h.of("t").slice(1)).toEqual([
      "OrderCanceled t: INVALID_TRIGGER: SELL TRAILING_STOP_MARKET t trails the bid 120 by a PRICE offset of 150, which puts its trigger at -30: at or below 0 it never fires; the offset must leave the trigger at least one tick (0.01) above 0",
    ]);
  });

  it("cancels a trailing-stop-limit triggered before it trailed when its limit offset leaves no limit", () => {
    const h = harness();
    h.submit(sellTrailing({ offsetType: "PRICE", offset: "1", limitOffset: "60" }, { triggerPrice: "50" }));
    h.bar(at(1), [45, 46, 44, 45]); // gaps through the trigger at the open, before any trail
    expect(h.of("t")).toEqual([
      "OrderAccepted t V-1",
      "OrderCanceled t: INVALID_PRICE: SELL TRAILING_STOP_LIMIT t trails the price 45 by a PRICE limitOffset of 60, which puts its limit at -15: at or below 0 it is no price; the limitOffset must leave the limit at least one tick (0.01) above 0",
    ]);
  });
});

describe("trailing prices (reference examples, tick 0.01, current trigger 100)", () => {
  const instrument = createInstrument(AAPL);
  const offset = (
    offsetType: TrailingOffset["offsetType"],
    value: string,
    limitOffset: string | null = null,
  ) => ({
    offsetType,
    offset: dec(value),
    limitOffset: limitOffset === null ? null : dec(limitOffset),
    activationPrice: null,
  });
  const trigger = (side: "BUY" | "SELL", o: TrailingOffset, basis: string) =>
    trailingUpdate(
      instrument,
      side,
      o,
      { triggerPrice: dec(100), price: null },
      dec(basis),
    )?.triggerPrice?.toFixed(2) ?? "no move";

  it("buy, offset 1.0, last 98 -> 99.00", () =>
    expect(trigger("BUY", offset("PRICE", "1.0"), "98")).toBe("99.00"));
  it("buy, offset 1.0, last 99 -> no move", () =>
    expect(trigger("BUY", offset("PRICE", "1.0"), "99")).toBe("no move"));
  it("sell, offset 1.0, last 102 -> 101.00", () =>
    expect(trigger("SELL", offset("PRICE", "1.0"), "102")).toBe("101.00"));
  it("buy, 50 bps, last 98 -> 98.49", () =>
    expect(trigger("BUY", offset("BASIS_POINTS", "50"), "98")).toBe("98.49"));
  it("buy, 5 ticks, last 98 -> 98.05", () =>
    expect(trigger("BUY", offset("TICKS", "5"), "98")).toBe("98.05"));
  it("sell, 1 percent, last 200 -> 198.00", () =>
    expect(trigger("SELL", offset("PERCENT", "1"), "200")).toBe("198.00"));
  it("rounds to the tick half-even: buy, 0.5 percent of 97 = 97.485 -> 97.48", () =>
    expect(trigger("BUY", offset("PERCENT", "0.5"), "97")).toBe("97.48"));
  it("trailing-stop-limit buy, trigger 105 / limit 104.5, offsets 1.0 / 0.5, last 100 -> 101.00 / 100.50", () => {
    const update = trailingUpdate(
      instrument,
      "BUY",
      offset("PRICE", "1.0", "0.5"),
      { triggerPrice: dec(105), price: dec("104.5") },
      dec(100),
    );
    expect([update?.triggerPrice?.toFixed(2), update?.price?.toFixed(2)]).toEqual(["101.00", "100.50"]);
  });
});

import { Decimal, ValidationError } from "@ordo/core";
import { describe, expect, it } from "vitest";
import { BASIC_VENUE, Rig, T0 } from "./emulator-support.js";

const trailingSell = (offset: string, extra: Record<string, unknown> = {}) => ({
  id: "trail",
  side: "SELL",
  type: "TRAILING_STOP_MARKET",
  trailing: { offsetType: "PRICE", offset, ...extra },
});

describe("LocalOrderEmulator: stop, touch and trailing orders the venue lacks", () => {
  it("holds a stop-market, releases it as a market order where the bar's path reaches the trigger, and the venue fills it at the next open", () => {
    const rig = new Rig({ supports: BASIC_VENUE });
    rig.submit({ id: "stop", side: "BUY", type: "STOP_MARKET", triggerPrice: "105" });
    expect(rig.trace()).toEqual(["t0 stop Held"]);
    expect(rig.events.find((e) => e.type === "OrderHeld")).toMatchObject({
      reason: "the venue does not support STOP_MARKET: the emulator triggers it and sends a MARKET",
    });
    expect(rig.sim.order("stop")).toBeUndefined();

    rig.bar(1, 100, 104, 99, 103);
    expect(rig.trace()).toEqual([]);
    rig.bar(2, 103, 106, 102, 105);
    expect(rig.trace()).toEqual(["t2 stop Released @105", "t2 stop Submitted", "t2 stop Accepted"]);
    expect(rig.sim.order("stop")).toMatchObject({ type: "MARKET", triggerPrice: null });
    rig.bar(3, 107, 108, 106, 107);
    expect(rig.trace()).toEqual(["t3 stop Filled 10@107"]);
    expect(rig.order("stop")).toMatchObject({ status: "FILLED", type: "STOP_MARKET" });
    expect(rig.node.position("AAPL.XNAS").toString()).toBe("10");

    // The same stop at a venue that has stops fills at the trigger on the bar that released the emulated one.
    const native = new Rig();
    native.submit({ id: "stop", side: "BUY", type: "STOP_MARKET", triggerPrice: "105" });
    native.bar(1, 100, 104, 99, 103);
    native.bar(2, 103, 106, 102, 105);
    expect(native.trace()).toEqual(["t0 stop Submitted", "t0 stop Accepted", "t2 stop Filled 10@105"]);
  });

  it("follows the venue's fill timing: with next-close only closes trigger, with same-close the released order fills at the triggering bar's close", () => {
    const nextClose = new Rig({
      supports: BASIC_VENUE,
      venue: { fillTiming: "next-close" },
      emulator: { fillTiming: "next-close" },
    });
    nextClose.submit({ id: "stop", side: "BUY", type: "STOP_MARKET", triggerPrice: "105" });
    nextClose.bar(1, 100, 106, 99, 104);
    nextClose.bar(2, 104, 106, 103, 105.5);
    nextClose.bar(3, 105, 107, 104, 106);
    expect(nextClose.trace()).toEqual([
      "t0 stop Held",
      "t2 stop Released @105.5",
      "t2 stop Submitted",
      "t2 stop Accepted",
      "t3 stop Filled 10@106",
    ]);

    const sameClose = new Rig({
      supports: BASIC_VENUE,
      venue: { fillTiming: "same-close" },
      emulator: { fillTiming: "same-close" },
    });
    sameClose.submit({ id: "stop", side: "BUY", type: "STOP_MARKET", triggerPrice: "105" });
    sameClose.bar(1, 100, 106, 99, 104);
    expect(sameClose.trace()).toEqual([
      "t0 stop Held",
      "t1 stop Released @105",
      "t1 stop Submitted",
      "t1 stop Accepted",
      "t1 stop Filled 10@104",
    ]);
  });

  it("releases a stop gapped through at the open at the open", () => {
    const rig = new Rig({ supports: BASIC_VENUE });
    rig.submit({ id: "stop", side: "SELL", type: "STOP_MARKET", triggerPrice: "95" });
    rig.bar(1, 93, 94, 92, 93);
    rig.bar(2, 92.5, 93, 91, 92);
    expect(rig.trace()).toEqual([
      "t0 stop Held",
      "t1 stop Released @93",
      "t1 stop Submitted",
      "t1 stop Accepted",
      "t2 stop Filled 10@92.5",
    ]);
  });

  it("releases a buy market-if-touched when the price falls to its trigger", () => {
    const rig = new Rig({ supports: BASIC_VENUE });
    rig.submit({ id: "mit", side: "BUY", type: "MARKET_IF_TOUCHED", triggerPrice: "95" });
    rig.bar(1, 100, 101, 94, 96);
    rig.bar(2, 96, 97, 95, 96);
    expect(rig.trace()).toEqual([
      "t0 mit Held",
      "t1 mit Released @95",
      "t1 mit Submitted",
      "t1 mit Accepted",
      "t2 mit Filled 10@96",
    ]);
  });

  it("releases a stop-limit as a limit order at its limit, TRIGGERED once the venue works it", () => {
    const rig = new Rig({ supports: BASIC_VENUE });
    rig.submit({ id: "sl", side: "BUY", type: "STOP_LIMIT", triggerPrice: "105", price: "106" });
    rig.bar(1, 103, 106, 102, 105);
    expect(rig.trace()).toEqual([
      "t0 sl Held",
      "t1 sl Released @105",
      "t1 sl Submitted",
      "t1 sl Accepted",
      "t1 sl Triggered",
    ]);
    expect(rig.sim.order("sl")).toMatchObject({ type: "LIMIT", triggerPrice: null });
    expect(rig.sim.order("sl")?.price?.toString()).toBe("106");
    expect(rig.order("sl")).toMatchObject({ status: "TRIGGERED", isTriggered: true });
    rig.bar(2, 105.5, 107, 105, 106);
    expect(rig.trace()).toEqual(["t2 sl Filled 10@105.5"]);
  });

  it("releases a sell limit-if-touched when the price rises to its trigger and fills it at its limit", () => {
    const rig = new Rig({ supports: BASIC_VENUE });
    rig.submit({ id: "lit", side: "SELL", type: "LIMIT_IF_TOUCHED", triggerPrice: "110", price: "109.5" });
    rig.bar(1, 108, 111, 107, 109);
    rig.bar(2, 109, 109.8, 108, 109);
    expect(rig.trace()).toEqual([
      "t0 lit Held",
      "t1 lit Released @110",
      "t1 lit Submitted",
      "t1 lit Accepted",
      "t1 lit Triggered",
      "t2 lit Filled 10@109.5",
    ]);
  });

  it("trails a sell trailing stop up the bar path (OrderUpdated, ratcheting only up) exactly as the venue does, and releases it where the path falls back to it", () => {
    const run = (rig: Rig) => {
      rig.submit(trailingSell("2"));
      rig.bar(1, 100, 101, 99.5, 100.5);
      rig.bar(2, 102, 104, 101.5, 103);
      rig.bar(3, 101, 101, 100, 100.5);
      return rig.trace();
    };
    expect(run(new Rig({ supports: BASIC_VENUE }))).toEqual([
      "t0 trail Held",
      "t1 trail Updated t=98",
      "t1 trail Updated t=99",
      "t2 trail Updated t=100",
      "t2 trail Updated t=102",
      "t2 trail Released @102",
      "t2 trail Submitted",
      "t2 trail Accepted",
      "t3 trail Filled 10@101",
    ]);
    expect(run(new Rig())).toEqual([
      "t0 trail Submitted",
      "t0 trail Accepted",
      "t1 trail Updated t=98",
      "t1 trail Updated t=99",
      "t2 trail Updated t=100",
      "t2 trail Updated t=102",
      "t2 trail Filled 10@102",
    ]);
  });

  it("starts trailing only once the market reaches the activation price", () => {
    const rig = new Rig({ supports: BASIC_VENUE });
    rig.submit(trailingSell("1", { activationPrice: "105" }));
    rig.bar(1, 100, 104, 99, 103);
    expect(rig.trace()).toEqual(["t0 trail Held"]);
    rig.bar(2, 103, 106, 102, 104);
    rig.bar(3, 104, 105, 103, 104);
    expect(rig.trace()).toEqual([
      "t2 trail Updated t=105",
      "t2 trail Released @105",
      "t2 trail Submitted",
      "t2 trail Accepted",
      "t3 trail Filled 10@104",
    ]);
  });

  it("trails a trailing-stop-limit's trigger and limit by their own offsets and releases it as a limit at the trailed limit", () => {
    // ../shared/reference/execution-semantics.md: buy, trigger 105 / limit 104.5, offsets 1.0 / 0.5, last 100 -> 101.00 / 100.50.
    const rig = new Rig({ supports: BASIC_VENUE });
    rig.submit({
      id: "tsl",
      side: "BUY",
      type: "TRAILING_STOP_LIMIT",
      triggerPrice: "105",
      price: "104.5",
      trailing: { offsetType: "PRICE", offset: "1.0", limitOffset: "0.5" },
    });
    rig.bar(1, 100, 100, 100, 100);
    rig.bar(2, 101.5, 101.5, 101.5, 101.5);
    expect(rig.trace()).toEqual([
      "t0 tsl Held",
      "t1 tsl Updated p=100.5 t=101",
      "t2 tsl Released @101.5",
      "t2 tsl Submitted",
      "t2 tsl Accepted",
      "t2 tsl Triggered",
    ]);
    expect(rig.sim.order("tsl")).toMatchObject({ type: "LIMIT", trailing: null });
    expect(rig.sim.order("tsl")?.price?.toString()).toBe("100.5");
    rig.bar(3, 100, 100.6, 99, 100);
    expect(rig.trace()).toEqual(["t3 tsl Filled 10@100"]);
  });

  it("sets a trailing-stop-limit's limit from the price that released it when it never trailed", () => {
    const rig = new Rig({ supports: BASIC_VENUE });
    rig.submit({
      id: "tsl",
      side: "SELL",
      type: "TRAILING_STOP_LIMIT",
      triggerPrice: "95",
      trailing: { offsetType: "PRICE", offset: "1", limitOffset: "0.5" },
    });
    rig.bar(1, 94, 94.5, 93, 94);
    rig.bar(2, 93.8, 94, 93, 93.5);
    expect(rig.trace()).toEqual([
      "t0 tsl Held",
      "t1 tsl Updated p=93.5",
      "t1 tsl Released @94",
      "t1 tsl Submitted",
      "t1 tsl Accepted",
      "t1 tsl Triggered",
      "t2 tsl Filled 10@93.8",
    ]);
  });

  it("triggers on a quote's touch (a sell on the bid) and the released market fills at that same quote, as a native stop does", () => {
    const run = (rig: Rig) => {
      rig.submit({ id: "stop", side: "SELL", type: "STOP_MARKET", triggerPrice: "99" });
      rig.quote(T0 + 1_000, 99.5, 99.6);
      rig.quote(T0 + 2_000, 98.9, 99.1);
      return rig.events
        .filter((e) => e.type === "OrderFilled")
        .map((e) => [e.tsEvent - T0, e.price.toString()]);
    };
    const emulated = new Rig({ supports: BASIC_VENUE });
    expect(run(emulated)).toEqual([[2_000, "98.9"]]);
    expect(run(new Rig())).toEqual([[2_000, "98.9"]]);
    expect(emulated.events.find((e) => e.type === "OrderReleased")).toMatchObject({
      releasedPrice: new Decimal("98.9"),
      tsEvent: T0 + 2_000,
    });
  });

  it("trails a trailing stop from the quote it is placed on, as the venue does: a gap on the next quote releases it", () => {
    const run = (rig: Rig) => {
      rig.quote(T0 + 1_000, 100, 100.02);
      rig.submit(trailingSell("0.5"));
      rig.quote(T0 + 2_000, 99, 99.02);
      return rig.trace().map((line) => line.split(" ").slice(1).join(" "));
    };
    // The bid at placement is 100: trigger 99.5 at once, so the bid of 99 on the next quote reaches it.
    expect(run(new Rig({ supports: BASIC_VENUE }))).toEqual([
      "trail Held",
      "trail Updated t=99.5",
      "trail Released @99",
      "trail Submitted",
      "trail Accepted",
      "trail Filled 10@99",
    ]);
    expect(run(new Rig())).toEqual([
      "trail Submitted",
      "trail Accepted",
      "trail Updated t=99.5",
      "trail Filled 10@99",
    ]);
  });

  it("releases no held sell stop on a bid of 0 (a file's no bid), as the venue fills no sell there", () => {
    const rig = new Rig({ supports: BASIC_VENUE });
    rig.quote(T0 + 1_000, 100, 100.02);
    rig.submit({ id: "stop", side: "SELL", type: "STOP_MARKET", triggerPrice: "99" });
    rig.quote(T0 + 2_000, 0, 100.02);
    expect(rig.trace().map((line) => line.split(" ").slice(1).join(" "))).toEqual(["stop Held"]);
    rig.quote(T0 + 3_000, 98.9, 99.1);
    expect(rig.trace().map((line) => line.split(" ").slice(1).join(" "))).toEqual([
      "stop Released @98.9",
      "stop Submitted",
      "stop Accepted",
      "stop Filled 10@98.9",
    ]);
  });

  it("releases at once a stop submitted when the latest quote is already through its trigger", () => {
    const rig = new Rig({ supports: BASIC_VENUE });
    rig.quote(T0 + 1_000, 98.9, 99.1);
    rig.submit({ id: "stop", side: "SELL", type: "STOP_MARKET", triggerPrice: "99" });
    expect(rig.trace().map((line) => line.split(" ").slice(1).join(" "))).toEqual([
      "stop Held",
      "stop Released @98.9",
      "stop Submitted",
      "stop Accepted",
      "stop Filled 10@98.9",
    ]);
  });

  it("triggers on a trade print at its price; the released market order fills on the next print", () => {
    const rig = new Rig({ supports: BASIC_VENUE });
    rig.submit({ id: "stop", side: "BUY", type: "STOP_MARKET", triggerPrice: "105" });
    rig.trade(T0 + 1_000, 104.9);
    rig.trade(T0 + 2_000, 105.2);
    expect(rig.events.map((e) => e.type).slice(-3)).toEqual([
      "OrderReleased",
      "OrderSubmitted",
      "OrderAccepted",
    ]);
    expect(rig.order("stop").status).toBe("ACCEPTED");
    rig.trade(T0 + 3_000, 105.3);
    expect(rig.events.at(-1)).toMatchObject({ type: "OrderFilled", price: new Decimal("105.3") });
  });
});

describe("LocalOrderEmulator: modify and cancel of held orders", () => {
  it("modifies a held stop locally (OrderUpdated, the venue untouched) and triggers it at its new price", () => {
    const rig = new Rig({ supports: BASIC_VENUE });
    rig.submit({ id: "stop", side: "BUY", type: "STOP_MARKET", triggerPrice: "105" });
    expect(rig.modify("stop", { triggerPrice: new Decimal("103"), quantity: new Decimal("5") })).toBe(true);
    expect(rig.trace()).toEqual(["t0 stop Held", "t0 stop Updated q=5 t=103"]);
    expect(rig.sim.order("stop")).toBeUndefined();
    rig.bar(1, 100, 103.5, 99, 101);
    rig.bar(2, 102, 102, 101, 101);
    expect(rig.trace()).toEqual([
      "t1 stop Released @103",
      "t1 stop Submitted",
      "t1 stop Accepted",
      "t2 stop Filled 5@102",
    ]);
  });

  it("refuses a bad change to a held order with a ValidationError naming the field, and leaves the order as it was", () => {
    const rig = new Rig({ supports: BASIC_VENUE });
    rig.submit({ id: "stop", side: "BUY", type: "STOP_MARKET", triggerPrice: "105" });
    expect(() => rig.modify("stop", { triggerPrice: new Decimal("103.005") })).toThrow(
      "PRICE_NOT_ON_TICK: triggerPrice: trigger price 103.005 is not a multiple of tick size 0.01 for AAPL.XNAS",
    );
    expect(() => rig.modify("stop", { price: new Decimal("103") })).toThrow(ValidationError);
    expect(() => rig.modify("stop", { price: new Decimal("103") })).toThrow(
      "price: STOP_MARKET orders take no price",
    );
    expect(rig.order("stop").triggerPrice?.toString()).toBe("105");
    expect(rig.trace()).toEqual(["t0 stop Held"]);
  });

  it("cancels a held order locally: the venue never hears of it and later prices do not trigger it", () => {
    const rig = new Rig({ supports: BASIC_VENUE });
    rig.submit({ id: "stop", side: "BUY", type: "STOP_MARKET", triggerPrice: "105" });
    expect(rig.cancel("stop")).toBe(true);
    rig.bar(1, 100, 110, 99, 108);
    expect(rig.trace()).toEqual(["t0 stop Held", "t0 stop Canceled"]);
    expect(rig.sim.order("stop")).toBeUndefined();
    expect(rig.cancel("stop")).toBe(false);
  });
});

describe("LocalOrderEmulator: what it cannot emulate is denied", () => {
  it("denies an order type that has no local form (market-to-limit on a market/limit venue)", () => {
    const rig = new Rig({ supports: BASIC_VENUE });
    rig.submit({ id: "mtl", side: "BUY", type: "MARKET_TO_LIMIT" });
    expect(rig.trace()).toEqual([
      "t0 mtl Denied (INVALID_ORDER: cannot emulate MARKET_TO_LIMIT GTC order mtl: the venue does not support MARKET_TO_LIMIT orders and the emulator cannot work them locally)",
    ]);
  });

  it("denies an emulated stop that is IOC, and every order linked to it (nothing half applied)", () => {
    const rig = new Rig({ supports: BASIC_VENUE });
    rig.submitList([
      {
        id: "stop",
        side: "BUY",
        type: "STOP_MARKET",
        triggerPrice: "105",
        timeInForce: "IOC",
        contingency: { type: "OCO", linkedIds: ["limit"] },
      },
      {
        id: "limit",
        side: "SELL",
        type: "LIMIT",
        price: "110",
        contingency: { type: "OCO", linkedIds: ["stop"] },
      },
    ]);
    expect(rig.trace()).toEqual([
      "t0 stop Denied (INVALID_ORDER: cannot emulate STOP_MARKET IOC order stop: an emulated STOP_MARKET cannot be IOC: it reaches the venue only when triggered, not on arrival)",
      "t0 limit Denied (INVALID_ORDER: cannot emulate LIMIT GTC order limit: linked order stop cannot be emulated: an emulated STOP_MARKET cannot be IOC: it reaches the venue only when triggered, not on arrival)",
    ]);
    expect(rig.sim.order("limit")).toBeUndefined();
  });

  it("denies a stop when the venue has no market orders to release it as", () => {
    const rig = new Rig({ supports: { orderTypes: ["LIMIT"] } });
    rig.submit({ id: "stop", side: "BUY", type: "STOP_MARKET", triggerPrice: "105" });
    expect(rig.trace()).toEqual([
      "t0 stop Denied (INVALID_ORDER: cannot emulate STOP_MARKET GTC order stop: the venue supports neither STOP_MARKET nor MARKET, the type an emulated STOP_MARKET is sent as)",
    ]);
  });

  it("holds nothing when the venue supports everything: the same events as without an emulator", () => {
    const run = (rig: Rig) => {
      rig.bracket({ side: "BUY", quantity: 10, stopLoss: { triggerPrice: 95 }, takeProfit: { price: 110 } });
      rig.bar(1, 100, 101, 99, 100);
      rig.bar(2, 100, 111, 99, 105);
      return rig.trace();
    };
    const native = run(new Rig({ native: true }));
    expect(run(new Rig())).toEqual(native);
    expect(native).toContain("t2 tp Filled 10@110");
  });
});

describe("LocalOrderEmulator: a sell trailing offset at or beyond the market, as the venue refuses it", () => {
  const TOO_FAR =
    "INVALID_TRIGGER: SELL TRAILING_STOP_MARKET trail trails the bid 100 by a PRICE offset of 150, which puts its trigger at -50: at or below 0 it never fires; the offset must leave the trigger at least one tick (0.01) above 0";
  const untimed = (rig: Rig) => rig.trace().map((line) => line.split(" ").slice(1).join(" "));

  it("denies one placed on a quote whose PRICE offset of 150 is beyond the bid of 100; the venue rejects it with the same reason", () => {
    const run = (rig: Rig) => {
      rig.quote(T0 + 1_000, 100, 100.02);
      rig.submit(trailingSell("150"));
      rig.quote(T0 + 2_000, 99, 99.02);
      return untimed(rig);
    };
    expect(run(new Rig({ supports: BASIC_VENUE }))).toEqual([
      `trail Denied (INVALID_ORDER: cannot emulate TRAILING_STOP_MARKET GTC order trail: ${TOO_FAR})`,
    ]);
    expect(run(new Rig())).toEqual(["trail Submitted", `trail Rejected (${TOO_FAR})`]);
  });

  it("denies a PERCENT offset of 99.999 whose trigger rounds to 0 on the tick (bid 0.05)", () => {
    const rig = new Rig({ supports: BASIC_VENUE });
    rig.quote(T0 + 1_000, 0.05, 0.06);
    rig.submit({
      id: "trail",
      side: "SELL",
      type: "TRAILING_STOP_MARKET",
      trailing: { offsetType: "PERCENT", offset: "99.999" },
    });
    expect(untimed(rig)).toEqual([
      "trail Denied (INVALID_ORDER: cannot emulate TRAILING_STOP_MARKET GTC order trail: INVALID_TRIGGER: SELL TRAILING_STOP_MARKET trail trails the bid 0.05 by a PERCENT offset of 99.999, which puts its trigger at 0 (0.0000005 rounded to the tick 0.01): at or below 0 it never fires; the offset must leave the trigger at least one tick (0.01) above 0)",
    ]);
  });

  it("denies the whole OCO group of such an order (nothing half applied)", () => {
    const rig = new Rig({ supports: BASIC_VENUE });
    rig.quote(T0 + 1_000, 100, 100.02);
    rig.submitList([
      { ...trailingSell("150"), contingency: { type: "OCO", linkedIds: ["limit"] } },
      {
        id: "limit",
        side: "SELL",
        type: "LIMIT",
        price: "110",
        contingency: { type: "OCO", linkedIds: ["trail"] },
      },
    ]);
    expect(untimed(rig)).toEqual([
      `trail Denied (INVALID_ORDER: cannot emulate TRAILING_STOP_MARKET GTC order trail: ${TOO_FAR})`,
      `limit Denied (INVALID_ORDER: cannot emulate LIMIT GTC order limit: linked order trail cannot be emulated: ${TOO_FAR})`,
    ]);
  });

  it("on bars, cancels a held one at its first trail (the next open) with the venue's reason, and the rest of the bar leaves it alone", () => {
    const run = (rig: Rig) => {
      rig.submit(trailingSell("150"));
      rig.bar(1, 100.5, 160, 99, 101); // after the open, 160 would trail it to 10
      rig.bar(2, 101, 102, 100, 101);
      return rig.trace();
    };
    const reason =
      "INVALID_TRIGGER: SELL TRAILING_STOP_MARKET trail trails the price 100.5 by a PRICE offset of 150, which puts its trigger at -49.5: at or below 0 it never fires; the offset must leave the trigger at least one tick (0.01) above 0";
    expect(run(new Rig({ supports: BASIC_VENUE }))).toEqual([
      "t0 trail Held",
      `t1 trail Canceled (${reason})`,
    ]);
    expect(run(new Rig())).toEqual([
      "t0 trail Submitted",
      "t0 trail Accepted",
      `t1 trail Canceled (${reason})`,
    ]);
  });

  it("cancels a trailing-stop-limit released before it trailed when its limit offset leaves no limit", () => {
    const run = (rig: Rig) => {
      rig.submit({
        id: "tsl",
        side: "SELL",
        type: "TRAILING_STOP_LIMIT",
        triggerPrice: "50",
        trailing: { offsetType: "PRICE", offset: "1", limitOffset: "60" },
      });
      rig.bar(1, 45, 46, 44, 45); // gaps through the trigger at the open, before any trail
      return rig.trace();
    };
    const reason =
      "INVALID_PRICE: SELL TRAILING_STOP_LIMIT tsl trails the price 45 by a PRICE limitOffset of 60, which puts its limit at -15: at or below 0 it is no price; the limitOffset must leave the limit at least one tick (0.01) above 0";
    expect(run(new Rig({ supports: BASIC_VENUE }))).toEqual(["t0 tsl Held", `t1 tsl Canceled (${reason})`]);
    expect(run(new Rig())).toEqual(["t0 tsl Submitted", "t0 tsl Accepted", `t1 tsl Canceled (${reason})`]);
  });
});

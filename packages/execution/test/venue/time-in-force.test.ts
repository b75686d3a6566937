import { dec } from "@ordo/core";
import { describe, expect, it } from "vitest";
import { type SlippageModel, sessionListCalendar } from "../../src/index.js";
import { at, harness } from "./harness.js";

const tenPercent: SlippageModel = { name: "cap-10%", volumeLimit: dec("0.1"), price: (c) => c.basePrice };
/** One session: opens at minute 2, closes at minute 5. */
const session = sessionListCalendar([{ open: at(2), close: at(5) }]);

describe("IOC and FOK", () => {
  it("IOC fills what it can where it first meets the market and cancels the rest", () => {
    const h = harness({ slippage: tenPercent });
    h.submit({ id: "ioc", side: "BUY", type: "MARKET", quantity: "150", timeInForce: "IOC" }, at(0));
    h.bar(at(1), [100, 102, 99, 101, 1000]);
    expect(h.of("ioc").slice(1)).toEqual([
      "OrderFilled ioc BUY 100 @ 100 TAKER T-1",
      "OrderCanceled ioc: IOC: 50 not filled on arrival",
    ]);
  });

  it("an IOC limit not marketable at the open is canceled, even if the bar reaches it later", () => {
    const h = harness();
    h.submit(
      { id: "ioc", side: "BUY", type: "LIMIT", quantity: "10", price: "99.5", timeInForce: "IOC" },
      at(0),
    );
    h.bar(at(1), [100, 102, 99, 101]);
    expect(h.of("ioc").slice(1)).toEqual(["OrderCanceled ioc: IOC: 10 not filled on arrival"]);
  });

  it("FOK fills all or nothing", () => {
    const h = harness({ slippage: tenPercent });
    h.submit({ id: "big", side: "BUY", type: "MARKET", quantity: "150", timeInForce: "FOK" }, at(0));
    h.submit({ id: "small", side: "BUY", type: "MARKET", quantity: "100", timeInForce: "FOK" });
    h.bar(at(1), [100, 102, 99, 101, 1000]);
    expect(h.of("big").slice(1)).toEqual(["OrderCanceled big: FOK: 150 not filled on arrival"]);
    expect(h.of("small").slice(1)).toEqual(["OrderFilled small BUY 100 @ 100 TAKER T-1"]);
  });

  it("an IOC stop not triggered where it first meets the market is canceled", () => {
    const h = harness();
    h.submit(
      { id: "s", side: "BUY", type: "STOP_MARKET", quantity: "1", triggerPrice: "101.5", timeInForce: "IOC" },
      at(0),
    );
    h.bar(at(1), [100, 102, 99, 101]);
    expect(h.of("s").slice(1)).toEqual(["OrderCanceled s: IOC: 1 not filled on arrival"]);
  });

  it("with a quote, IOC is decided before submit returns", () => {
    const h = harness();
    h.quote(at(0), 99.98, 100.02, 500, 30);
    h.submit({ id: "ioc", side: "BUY", type: "LIMIT", quantity: "50", price: "100.05", timeInForce: "IOC" });
    expect(h.of("ioc").slice(1)).toEqual([
      "OrderFilled ioc BUY 30 @ 100.02 TAKER T-1",
      "OrderCanceled ioc: IOC: 20 not filled on arrival",
    ]);
  });
});

/** A buy limit of 1 at 90, DAY. */
const DAY_BUY = { id: "day", side: "BUY", type: "LIMIT", quantity: "1", price: "90", timeInForce: "DAY" };
/** A buy limit of 1 (at 99 unless given), GTD until `expireAt`. */
const gtdBuy = (expireAt: number, price = "99") => ({
  id: "gtd",
  side: "BUY",
  type: "LIMIT",
  quantity: "1",
  price,
  timeInForce: "GTD",
  expireAt,
});

describe("DAY and GTD", () => {
  it("DAY expires at the session close, after the session's last bar had its chance", () => {
    const h = harness({ calendar: session });
    h.submit(DAY_BUY, at(0));
    h.bar(at(4), [100, 101, 99, 100]);
    expect(h.of("day").slice(1)).toEqual([]);
    h.bar(at(5), [100, 101, 99, 100]);
    expect(h.of("day").slice(1)).toEqual(["OrderExpired day"]);
    expect(h.reports.at(-1)?.tsEvent).toBe(at(5));
  });

  it("DAY uses UTC days when no calendar is given; the expiry carries the session close time", () => {
    const h = harness();
    h.submit(DAY_BUY, at(0));
    const nextDay = Date.parse("2024-01-03T14:31:00Z");
    h.bar(nextDay, [100, 101, 99, 100]);
    expect(h.of("day").slice(1)).toEqual(["OrderExpired day"]);
    expect(h.reports.at(-1)?.tsEvent).toBe(Date.parse("2024-01-03T00:00:00Z"));
  });

  it("GTD works through a bar closing at its expire time and expires before the next", () => {
    const h = harness();
    h.submit(gtdBuy(at(2)), at(0));
    h.bar(at(1), [100, 101, 99.5, 100]);
    h.bar(at(2), [100, 101, 99.5, 100]);
    expect(h.of("gtd").slice(1)).toEqual(["OrderExpired gtd"]);
    expect(h.reports.at(-1)?.tsEvent).toBe(at(2));
  });

  it("DAY and GTD expire on the clock's timer, 1 ms after their time, with no data to wait for", () => {
    const h = harness({ calendar: session });
    h.submit(DAY_BUY, at(0));
    h.submit(gtdBuy(at(3), "90"), at(0));
    h.clock.advanceTo(at(3));
    expect(h.of("gtd").slice(1)).toEqual([]);
    h.clock.advanceTo(at(3) + 1);
    expect(h.of("gtd").slice(1)).toEqual(["OrderExpired gtd"]);
    expect(h.reports.at(-1)?.tsEvent).toBe(at(3));
    expect(h.of("day").slice(1)).toEqual([]);
    h.clock.advanceTo(at(60));
    expect(h.of("day").slice(1)).toEqual(["OrderExpired day"]);
    expect(h.reports.at(-1)?.tsEvent).toBe(at(5));
    expect(h.clock.timerNames()).toEqual([]);
  });

  it("an order that fills before its expiry is not expired when the timer fires", () => {
    const h = harness();
    h.submit(gtdBuy(at(3)), at(0));
    h.bar(at(1), [100, 101, 98, 100]);
    h.clock.advanceTo(at(10));
    expect(h.of("gtd").slice(1)).toEqual(["OrderFilled gtd BUY 1 @ 99 MAKER T-1"]);
    expect(h.status("gtd")).toBe("FILLED");
  });

  it("with a clock that only tells the time, an expiry waits for the next data", () => {
    const h = harness({ calendar: session, timeOnly: true });
    h.submit(DAY_BUY, at(0));
    h.clock.advanceTo(at(60));
    expect(h.of("day").slice(1)).toEqual([]);
    h.bar(at(61), [100, 101, 99, 100]);
    expect(h.of("day").slice(1)).toEqual(["OrderExpired day"]);
    expect(h.reports.at(-1)?.tsEvent).toBe(at(5));
  });

  it("DAY never expires when the calendar has no session for the instrument", () => {
    const h = harness({ calendar: () => null });
    h.submit(DAY_BUY, at(0));
    h.bar(Date.parse("2024-01-09T14:31:00Z"), [100, 101, 99, 100]);
    expect(h.status("day")).toBe("ACCEPTED");
  });

  it("rejects a GTD order arriving after its expire time, naming both times in ISO-8601", () => {
    const h = harness({ latency: { name: "slow", delayMs: () => 120_000 } });
    h.submit(gtdBuy(at(1)), at(0));
    h.bar(at(3), [100, 101, 99.5, 100]);
    expect(h.of("gtd")).toEqual([
      "OrderRejected gtd: EXPIRED: GTD expireAt 2024-01-02T14:31:00Z is not after the arrival time 2024-01-02T14:32:00Z",
    ]);
  });
});

describe("AT_THE_OPEN and AT_THE_CLOSE", () => {
  it("AT_THE_OPEN fills at the open of the session's first bar, not in pre-market bars", () => {
    const h = harness({ calendar: session });
    h.submit({ id: "moo", side: "BUY", type: "MARKET", quantity: "1", timeInForce: "AT_THE_OPEN" }, at(0));
    h.bar(at(1), [98, 99, 97, 98]);
    h.bar(at(2), [98, 99, 97, 99]); // closes at the open: still pre-market
    expect(h.fills()).toEqual([]);
    h.bar(at(3), [100, 101, 99, 100]);
    expect(h.fills()).toEqual(["moo BUY 1 @ 100 TAKER"]);
  });

  it("an AT_THE_OPEN limit not satisfied by the opening price expires", () => {
    const h = harness({ calendar: session });
    h.submit(
      { id: "loo", side: "BUY", type: "LIMIT", price: "99", quantity: "1", timeInForce: "AT_THE_OPEN" },
      at(0),
    );
    h.bar(at(3), [100, 101, 98, 100]);
    expect(h.of("loo").slice(1)).toEqual(["OrderExpired loo"]);
  });

  it("an AT_THE_OPEN order that arrives after the open is rejected", () => {
    const h = harness({ calendar: session });
    h.submit({ id: "moo", side: "BUY", type: "MARKET", quantity: "1", timeInForce: "AT_THE_OPEN" }, at(3));
    expect(h.of("moo")).toEqual([
      `OrderRejected moo: SESSION_OPEN: AT_THE_OPEN order arrived at ${at(3)}, after the session opened at ${at(2)}`,
    ]);
  });

  it("AT_THE_CLOSE fills at the close of the bar that ends the session", () => {
    const h = harness({ calendar: session });
    h.submit({ id: "moc", side: "SELL", type: "MARKET", quantity: "1", timeInForce: "AT_THE_CLOSE" }, at(0));
    h.bar(at(3), [100, 101, 99, 100]);
    h.bar(at(4), [100, 101, 99, 100.5]);
    expect(h.fills()).toEqual([]);
    h.bar(at(5), [100.5, 102, 100, 101.25]);
    expect(h.fills()).toEqual(["moc SELL 1 @ 101.25 TAKER"]);
  });

  it("AT_THE_CLOSE expires when no bar ends at the session close", () => {
    const h = harness({ calendar: session });
    h.submit({ id: "moc", side: "SELL", type: "MARKET", quantity: "1", timeInForce: "AT_THE_CLOSE" }, at(0));
    h.bar(at(4), [100, 101, 99, 100]);
    h.bar(at(6), [100, 101, 99, 100]);
    expect(h.of("moc").slice(1)).toEqual(["OrderExpired moc"]);
    expect(h.reports.at(-1)?.tsEvent).toBe(at(5));
  });
});

describe("postOnly", () => {
  it("is rejected when its limit would take the quote, naming the ask it reaches", () => {
    const h = harness();
    h.quote(at(0), 99.98, 100.02);
    h.submit({ id: "take", side: "BUY", type: "LIMIT", quantity: "1", price: "100.02", postOnly: true });
    h.submit({ id: "rest", side: "BUY", type: "LIMIT", quantity: "1", price: "100.01", postOnly: true });
    expect(h.of("take")).toEqual([
      "OrderRejected take: POST_ONLY: BUY limit 100.02 would take liquidity: it is at or above the ask 100.02 (a post-only BUY must rest below it)",
    ]);
    expect(h.status("rest")).toBe("ACCEPTED");
  });

  it("a modify that would make a post-only order take liquidity is refused, naming the bid", () => {
    const h = harness();
    h.quote(at(0), 99.98, 100.02);
    h.submit({ id: "rest", side: "SELL", type: "LIMIT", quantity: "1", price: "100.1", postOnly: true });
    h.modify("rest", { price: "99.98" });
    expect(h.of("rest").slice(1)).toEqual([
      "OrderModifyRejected rest: POST_ONLY: SELL limit 99.98 would take liquidity: it is at or below the bid 99.98 (a post-only SELL must rest above it)",
    ]);
    expect(h.status("rest")).toBe("ACCEPTED");
  });

  it("with bars, is checked against the last close, which the reason names", () => {
    const h = harness();
    h.bar(at(1), [100, 102, 99, 101]);
    h.submit({ id: "take", side: "SELL", type: "LIMIT", quantity: "1", price: "100.5", postOnly: true });
    expect(h.of("take")).toEqual([
      "OrderRejected take: POST_ONLY: SELL limit 100.5 would take liquidity: it is at or below the last price 101 (a post-only SELL must rest above it)",
    ]);
  });
});

describe("reduceOnly", () => {
  it("is rejected when there is no position it would reduce", () => {
    const h = harness();
    h.submit({ id: "r", side: "SELL", type: "MARKET", quantity: "10", reduceOnly: true }, at(0));
    expect(h.of("r")).toEqual([
      "OrderRejected r: REDUCE_ONLY: a SELL would not reduce the position in AAPL.XNAS (net 0)",
    ]);
  });

  it("fills only up to the position and cancels the rest", () => {
    const h = harness();
    h.submit({ id: "buy", side: "BUY", type: "MARKET", quantity: "100" }, at(0));
    h.bar(at(1), [100, 102, 99, 101]);
    h.submit({ id: "r", side: "SELL", type: "MARKET", quantity: "150", reduceOnly: true });
    h.bar(at(2), [101, 102, 100, 101]);
    expect(h.of("r").slice(1)).toEqual([
      "OrderFilled r SELL 100 @ 101 TAKER T-2",
      "OrderCanceled r: REDUCE_ONLY: the position is closed; the rest is canceled",
    ]);
    expect(h.venue.account().positions[0]?.quantity.toFixed()).toBe("0");
  });

  it("is canceled when the position is gone by the time it would fill", () => {
    const h = harness();
    h.submit({ id: "buy", side: "BUY", type: "MARKET", quantity: "10" }, at(0));
    h.bar(at(1), [100, 102, 99, 101]);
    h.submit({
      id: "stop",
      side: "SELL",
      type: "STOP_MARKET",
      quantity: "10",
      triggerPrice: "95",
      reduceOnly: true,
    });
    h.submit({ id: "exit", side: "SELL", type: "MARKET", quantity: "10" });
    h.bar(at(2), [96, 97, 94, 95]);
    expect(h.of("stop").slice(1)).toEqual([
      "OrderCanceled stop: REDUCE_ONLY: no long position left to reduce",
    ]);
  });
});

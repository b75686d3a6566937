import { BROKER_ADAPTER_API_VERSION, createInstrument, ValidationError, VirtualClock } from "@ordo/core";
import { describe, expect, it } from "vitest";
import { SimulatedVenue } from "../../src/index.js";
import { AAPL, at, harness, T0 } from "./harness.js";

describe("the broker adapter surface", () => {
  it("declares version 1 and every order type, time in force and contingency as native", () => {
    const { venue } = harness();
    expect(venue.apiVersion).toBe(BROKER_ADAPTER_API_VERSION);
    expect(venue.venue).toBe("SIM");
    expect(venue.capabilities.orderTypes).toHaveLength(9);
    expect(venue.capabilities.timeInForce).toHaveLength(7);
    expect(venue.capabilities.contingencies).toEqual(["OTO", "OCO", "OUO"]);
    expect(venue.capabilities.modify).toBe(true);
  });

  it("snapshots open orders, positions and the balance for reconciliation", async () => {
    const h = harness();
    h.submit({ id: "buy", side: "BUY", type: "MARKET", quantity: "10" }, at(0));
    h.submit({ id: "rest", side: "SELL", type: "LIMIT", quantity: "4", price: "110" });
    h.bar(at(1), [100, 102, 99, 101]);
    const snapshot = await h.venue.snapshot();
    expect(snapshot.ts).toBe(at(1));
    expect(snapshot.openOrders.map((o) => [o.orderId, o.venueOrderId, o.price?.toFixed()])).toEqual([
      ["rest", "V-2", "110"],
    ]);
    expect(
      snapshot.positions.map((p) => [p.instrumentId, p.quantity.toFixed(), p.avgOpenPrice.toFixed()]),
    ).toEqual([["AAPL.XNAS", "10", "100"]]);
    expect(snapshot.balances.map((b) => [b.currency, b.total.toFixed(), b.free.toFixed()])).toEqual([
      ["USD", "99000", "99000"],
    ]);
  });

  it("while disconnected, a submit fails and a cancel is refused; connect() restores it", async () => {
    const h = harness();
    await h.venue.disconnect();
    expect(h.venue.isConnected).toBe(false);
    h.submit({ id: "o", side: "BUY", type: "MARKET", quantity: "1" }, at(0));
    h.cancel("x");
    expect(h.log()).toEqual([
      "OrderFailed o: venue SIM is disconnected",
      "OrderCancelRejected x: venue SIM is disconnected",
    ]);
    await h.venue.connect();
    h.submit({ id: "o2", side: "BUY", type: "MARKET", quantity: "1" });
    expect(h.log().at(-1)).toBe("OrderAccepted o2 V-1");
  });

  it("sends each report to every subscriber in subscription order, as an RxJS Subject would", () => {
    const h = harness();
    const seen: string[] = [];
    const late: string[] = [];
    let lateSubscribed = false;
    const first = h.venue.reports.subscribe((r) => {
      seen.push(`first ${r.type}`);
      // Subscribed during a delivery: it gets the reports after this one, not this one.
      if (!lateSubscribed) {
        lateSubscribed = true;
        h.venue.reports.subscribe((l) => late.push(l.type));
      }
    });
    const second = h.venue.reports.subscribe((r) => seen.push(`second ${r.type}`));
    h.submit({ id: "o", side: "BUY", type: "LIMIT", quantity: "10", price: "99" }, at(0));
    expect(seen).toEqual(["first OrderAccepted", "second OrderAccepted"]);
    expect(late).toEqual([]);
    second.unsubscribe();
    h.bar(at(1), [100, 102, 98, 101]);
    expect(seen).toEqual(["first OrderAccepted", "second OrderAccepted", "first OrderFilled"]);
    expect(late).toEqual(["OrderFilled"]);
    first.unsubscribe();
  });

  it("keeps its own copy of every order, moved by core's applyEvent", () => {
    const h = harness();
    h.submit({ id: "o", side: "BUY", type: "LIMIT", quantity: "10", price: "99.5" }, at(0));
    h.bar(at(1), [100, 102, 99, 101]);
    const copy = h.venue.order("o");
    expect(copy?.status).toBe("FILLED");
    expect(copy?.avgPrice?.toFixed()).toBe("99.5");
    expect(copy?.venueOrderId).toBe("V-1");
  });

  it("a subscriber's calls made while the venue matches are handled right after the current step", () => {
    const h = harness();
    let sent = false;
    h.venue.reports.subscribe((r) => {
      if (r.type === "OrderFilled" && !sent) {
        sent = true;
        h.submit({ id: "follow", side: "SELL", type: "LIMIT", quantity: "1", price: "101.5" });
      }
    });
    h.submit({ id: "first", side: "BUY", type: "MARKET", quantity: "1" }, at(0));
    h.submit({ id: "second", side: "BUY", type: "MARKET", quantity: "1" });
    h.bar(at(1), [100, 102, 99, 101]);
    // "follow" arrives after the bar's matching (its reports come last) and meets only later bars.
    expect(h.log().slice(2)).toEqual([
      "OrderFilled first BUY 1 @ 100 TAKER T-1",
      "OrderFilled second BUY 1 @ 100 TAKER T-2",
      "OrderAccepted follow V-3",
    ]);
  });
});

describe("refusals at arrival", () => {
  it("rejects a duplicate id, an unknown instrument and a price off the tick", () => {
    const MSFT = { ...AAPL, id: "MSFT.XNAS" };
    const h = harness({ instruments: [AAPL, MSFT] });
    h.submit({ id: "o", side: "BUY", type: "LIMIT", quantity: "1", price: "99" }, at(0));
    const [dup] = h.submitList([{ id: "o2", side: "BUY", type: "LIMIT", quantity: "1", price: "99" }]);
    h.venue.submit({ ...dup!, id: "o" });
    h.venue.submit({ ...dup!, id: "x", instrumentId: "TSLA.XNAS" });
    h.venue.submit({ ...dup!, id: "y", price: dup!.price!.plus("0.001") });
    expect(h.log().slice(2)).toEqual([
      "OrderRejected o: DUPLICATE_ORDER_ID: order o already exists at venue SIM",
      "OrderRejected x: UNKNOWN_INSTRUMENT: venue SIM does not trade TSLA.XNAS",
      "OrderRejected y: PRICE_NOT_ON_TICK: limit price 99.001 is not a multiple of tick size 0.01 for AAPL.XNAS",
    ]);
  });
});

describe("options and input checks", () => {
  const clock = new VirtualClock(T0);
  const instrument = createInstrument(AAPL);

  it("refuses an instrument in another currency than the account, naming the path", () => {
    const build = () =>
      new SimulatedVenue({
        clock,
        instruments: [instrument],
        account: { type: "cash", currency: "EUR", balance: "1000" },
      });
    expect(build).toThrow(ValidationError);
    expect(build).toThrow(
      "instruments[0].currency: is USD, but the account is in EUR; the simulated venue does not convert currencies",
    );
  });

  it("refuses unknown fill timings and models without their method", () => {
    const build = () =>
      new SimulatedVenue({
        clock,
        instruments: [instrument],
        account: { type: "cash", currency: "USD", balance: "1000" },
        fillTiming: "next-tick" as "next-open",
        commission: {} as never,
      });
    expect(build).toThrow(/fillTiming: .*\bcommission: must be a CommissionModel/);
  });

  it("refuses a bar whose high and low do not enclose its open and close", () => {
    const h = harness();
    expect(() => h.bar(at(1), [100, 99, 98, 99.5])).toThrow(
      `bar: low 98 and high 99 must enclose open 100 and close 99.5 (AAPL.XNAS at ${at(1)})`,
    );
  });

  it("refuses market data that goes back in time for an instrument", () => {
    const h = harness();
    h.bar(at(2), [100, 101, 99, 100]);
    expect(() =>
      h.venue.process({
        kind: "trade",
        instrumentId: "AAPL.XNAS",
        ts: at(1),
        price: 1,
        size: 1,
        aggressor: "NONE",
      }),
    ).toThrow(/went back in time/);
  });

  it("ignores data of instruments it does not trade", () => {
    const h = harness();
    h.bar(at(1), [100, 101, 99, 100], "TSLA.XNAS");
    expect(h.log()).toEqual([]);
  });
});

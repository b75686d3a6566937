import { FixedBasisPointsSlippage, sessionListCalendar } from "@ordo/execution";
import { describe, expect, it } from "vitest";
import type { LocalOrderEmulator } from "../src/index.js";
import { BASIC_VENUE, DAY, Rig, T0 } from "./emulator-support.js";

/** 10% of each bar's volume may fill, at the base price: 4 a bar on bars of volume 40. */
const volumeCap = () => ({ slippage: new FixedBasisPointsSlippage({ basisPoints: 0, volumeLimit: "0.1" }) });
const bracket = {
  side: "BUY",
  quantity: 10,
  stopLoss: { triggerPrice: 95 },
  takeProfit: { price: 110 },
} as const;

describe("LocalOrderEmulator: a bracket on a venue without stops, OTO or OUO", () => {
  it("sends the entry alone, holds both exits until it fills, then cancels the stop-loss when the take-profit fills", () => {
    const rig = new Rig({ supports: BASIC_VENUE });
    rig.bracket(bracket);
    expect(rig.trace()).toEqual(["t0 sl Held", "t0 tp Held", "t0 entry Submitted", "t0 entry Accepted"]);
    expect(rig.sim.order("entry")?.contingency).toBeNull();
    expect(rig.events.find((e) => e.type === "OrderHeld")).toMatchObject({
      reason: "OTO: waits for parent order entry to fill",
    });

    rig.bar(1, 100, 101, 99, 100);
    expect(rig.trace()).toEqual([
      "t1 entry Filled 10@100",
      "t1 tp Released",
      "t1 tp Submitted",
      "t1 tp Accepted",
    ]);
    expect(rig.sim.order("tp")).toMatchObject({ type: "LIMIT", contingency: null, reduceOnly: true });
    expect(rig.order("sl").status).toBe("HELD");
    expect((rig.node.emulator as LocalOrderEmulator).holds("sl")).toBe(true);
    expect((rig.node.emulator as LocalOrderEmulator).holds("tp")).toBe(false);

    rig.bar(2, 100, 111, 99, 105);
    expect(rig.trace()).toEqual(["t2 tp Filled 10@110", "t2 sl Canceled (OUO: linked order tp completed)"]);
    expect(rig.sim.order("sl")).toBeUndefined();
    expect(rig.node.position("AAPL.XNAS").toString()).toBe("0");
  });

  it("releases the stop-loss where the path falls to it, and cancels the take-profit at the venue when the stop-loss fills", () => {
    const rig = new Rig({ supports: BASIC_VENUE });
    rig.bracket(bracket);
    rig.bar(1, 100, 101, 99, 100);
    rig.trace();
    rig.bar(2, 100, 102, 94, 96);
    expect(rig.trace()).toEqual(["t2 sl Released @95", "t2 sl Submitted", "t2 sl Accepted"]);
    rig.bar(3, 93, 97, 92, 96);
    expect(rig.trace()).toEqual(["t3 sl Filled 10@93", "t3 tp PendingCancel", "t3 tp Canceled"]);
    expect(rig.node.position("AAPL.XNAS").toString()).toBe("0");
  });

  it("cancels both held exits when the entry is canceled before it fills, as the venue would", () => {
    const run = (rig: Rig) => {
      rig.bracket({ ...bracket, entry: { type: "LIMIT", price: 90 }, stopLoss: { triggerPrice: 85 } });
      rig.trace();
      rig.cancel("entry");
      return rig.trace();
    };
    const expected = [
      "t0 entry PendingCancel",
      "t0 entry Canceled",
      "t0 sl Canceled (OTO: parent order entry was canceled before releasing it)",
      "t0 tp Canceled (OUO: linked order sl was canceled)",
    ];
    expect(run(new Rig({ supports: BASIC_VENUE }))).toEqual(expected);
    expect(run(new Rig())).toEqual(expected);
  });

  it("sizes the exits to what the entry filled (OrderUpdated before release) and grows them with each fill", () => {
    const rig = new Rig({ supports: BASIC_VENUE, venue: volumeCap() });
    rig.bracket({ ...bracket, stopLoss: { triggerPrice: 90 }, takeProfit: { price: 120 } });
    rig.trace();
    rig.bar(1, 100, 101, 99, 100, 40);
    expect(rig.trace()).toEqual([
      "t1 entry Filled 4@100",
      "t1 sl Updated q=4",
      "t1 tp Updated q=4",
      "t1 tp Released",
      "t1 tp Submitted",
      "t1 tp Accepted",
    ]);
    rig.bar(2, 100, 101, 99, 100, 40);
    expect(rig.trace()).toEqual([
      "t2 entry Filled 4@100",
      "t2 sl Updated q=8",
      "t2 tp PendingUpdate",
      "t2 tp Updated q=8",
    ]);
    rig.bar(3, 100, 101, 99, 100, 40);
    expect(rig.trace()).toEqual([
      "t3 entry Filled 2@100",
      "t3 sl Updated q=10",
      "t3 tp PendingUpdate",
      "t3 tp Updated q=10",
    ]);

    // The take-profit fills in parts: the held stop-loss is cut to what is left, then canceled.
    rig.bar(4, 100, 121, 99, 120, 40);
    rig.bar(5, 120, 121, 119, 120, 40);
    rig.bar(6, 120, 121, 119, 120, 40);
    expect(rig.trace()).toEqual([
      "t4 tp Filled 4@120",
      "t4 sl Updated q=6",
      "t5 tp Filled 4@120",
      "t5 sl Updated q=2",
      "t6 tp Filled 2@120",
      "t6 sl Canceled (OUO: linked order tp completed)",
    ]);
  });

  it("with otoRelease full-fill, holds the exits until the entry is completely filled", () => {
    const rig = new Rig({ supports: BASIC_VENUE, venue: volumeCap(), emulator: { otoRelease: "full-fill" } });
    rig.bracket({ ...bracket, stopLoss: { triggerPrice: 90 }, takeProfit: { price: 120 } });
    rig.trace();
    rig.bar(1, 100, 101, 99, 100, 40);
    rig.bar(2, 100, 101, 99, 100, 40);
    expect(rig.trace()).toEqual(["t1 entry Filled 4@100", "t2 entry Filled 4@100"]);
    rig.bar(3, 100, 101, 99, 100, 40);
    expect(rig.trace()).toEqual([
      "t3 entry Filled 2@100",
      "t3 tp Released",
      "t3 tp Submitted",
      "t3 tp Accepted",
    ]);
  });

  it("holds the children of an emulated stop entry until the released entry fills", () => {
    const rig = new Rig({ supports: BASIC_VENUE });
    rig.submitList([
      {
        id: "entry",
        side: "BUY",
        type: "STOP_MARKET",
        triggerPrice: "105",
        contingency: { type: "OTO", linkedIds: ["exit"] },
      },
      { id: "exit", side: "SELL", type: "LIMIT", price: "120", contingency: { parentId: "entry" } },
    ]);
    rig.bar(1, 100, 106, 99, 104);
    rig.bar(2, 104, 105, 103, 104);
    expect(rig.trace()).toEqual([
      "t0 entry Held",
      "t0 exit Held",
      "t1 entry Released @105",
      "t1 entry Submitted",
      "t1 entry Accepted",
      "t2 entry Filled 10@104",
      "t2 exit Released",
      "t2 exit Submitted",
      "t2 exit Accepted",
    ]);
  });

  it("holds an OTO child sent after its parent until the parent fills, and releases one sent after the fill at once", () => {
    const rig = new Rig({ supports: BASIC_VENUE });
    rig.submit({
      id: "parent",
      side: "BUY",
      type: "MARKET",
      contingency: { type: "OTO", linkedIds: ["early", "late"] },
    });
    rig.submit({ id: "early", side: "SELL", type: "LIMIT", price: "120" });
    expect(rig.trace()).toEqual(["t0 parent Submitted", "t0 parent Accepted", "t0 early Held"]);
    rig.bar(1, 100, 101, 99, 100);
    rig.submit({ id: "late", side: "SELL", type: "LIMIT", price: "121" });
    expect(rig.trace()).toEqual([
      "t1 parent Filled 10@100",
      "t1 early Released",
      "t1 early Submitted",
      "t1 early Accepted",
      "t1 late Held",
      "t1 late Released",
      "t1 late Submitted",
      "t1 late Accepted",
    ]);
  });

  it("cancels the held children of an entry the venue rejects", () => {
    const rig = new Rig({ supports: BASIC_VENUE });
    rig.submitList([
      {
        id: "entry",
        side: "SELL",
        type: "MARKET",
        reduceOnly: true,
        contingency: { type: "OTO", linkedIds: ["child"] },
      },
      { id: "child", side: "BUY", type: "LIMIT", price: "90", contingency: { parentId: "entry" } },
    ]);
    expect(rig.trace()).toEqual([
      "t0 child Held",
      "t0 entry Submitted",
      "t0 entry Rejected (REDUCE_ONLY: a SELL would not reduce the position in AAPL.XNAS (net 0))",
      "t0 child Canceled (OTO: parent order entry was rejected before releasing it)",
    ]);
  });
});

describe("LocalOrderEmulator: OCO and OUO siblings", () => {
  const breakout = [
    {
      id: "up",
      side: "BUY",
      type: "STOP_MARKET",
      triggerPrice: "105",
      contingency: { type: "OCO", linkedIds: ["down"] },
    },
    {
      id: "down",
      side: "SELL",
      type: "STOP_MARKET",
      triggerPrice: "95",
      contingency: { type: "OCO", linkedIds: ["up"] },
    },
  ];

  it("cancels the other stop of an OCO breakout when one fills; a sibling released to the market keeps the other from triggering meanwhile", () => {
    const rig = new Rig({ supports: BASIC_VENUE });
    rig.submitList(breakout);
    expect(rig.trace()).toEqual(["t0 up Held", "t0 down Held"]);
    // The bar reaches both stops: the first reached is released; the other waits for its fill.
    rig.bar(1, 100, 106, 94, 100);
    expect(rig.trace()).toEqual(["t1 up Released @105", "t1 up Submitted", "t1 up Accepted"]);
    rig.bar(2, 101, 102, 93, 94);
    expect(rig.trace()).toEqual(["t2 up Filled 10@101", "t2 down Canceled (OCO: linked order up filled)"]);

    const native = new Rig();
    native.submitList(breakout);
    native.bar(1, 100, 106, 94, 100);
    expect(native.trace().slice(-2)).toEqual([
      "t1 up Filled 10@105",
      "t1 down Canceled (OCO: linked order up filled)",
    ]);
  });

  it("cancels the held OCO sibling when the other is canceled", () => {
    const rig = new Rig({ supports: BASIC_VENUE });
    rig.submitList(breakout);
    rig.cancel("up");
    expect(rig.trace()).toEqual([
      "t0 up Held",
      "t0 down Held",
      "t0 up Canceled",
      "t0 down Canceled (OCO: linked order up was canceled)",
    ]);
  });

  it("cancels an OCO sibling working at the venue when the held one is released and fills", () => {
    const rig = new Rig({ supports: BASIC_VENUE });
    rig.submitList([
      {
        id: "target",
        side: "SELL",
        type: "LIMIT",
        price: "110",
        contingency: { type: "OCO", linkedIds: ["stop"] },
      },
      {
        id: "stop",
        side: "SELL",
        type: "STOP_MARKET",
        triggerPrice: "95",
        contingency: { type: "OCO", linkedIds: ["target"] },
      },
    ]);
    expect(rig.trace()).toEqual(["t0 stop Held", "t0 target Submitted", "t0 target Accepted"]);
    rig.bar(1, 100, 101, 94, 96);
    rig.bar(2, 95, 96, 94, 95);
    expect(rig.trace()).toEqual([
      "t1 stop Released @95",
      "t1 stop Submitted",
      "t1 stop Accepted",
      "t2 stop Filled 10@95",
      "t2 target PendingCancel",
      "t2 target Canceled",
    ]);
  });

  it("reduces an OUO sibling at the venue to the filled order's leaves, and cancels it when those are 0", () => {
    const rig = new Rig({ supports: BASIC_VENUE, venue: volumeCap() });
    rig.submitList([
      { id: "a", side: "SELL", type: "LIMIT", price: "101", contingency: { type: "OUO", linkedIds: ["b"] } },
      { id: "b", side: "SELL", type: "LIMIT", price: "105", contingency: { type: "OUO", linkedIds: ["a"] } },
    ]);
    rig.trace();
    rig.bar(1, 100, 101.5, 99, 101, 40);
    expect(rig.trace()).toEqual(["t1 a Filled 4@101", "t1 b PendingUpdate", "t1 b Updated q=6"]);
    rig.bar(2, 101, 101.5, 99, 101, 60);
    expect(rig.trace()).toEqual(["t2 a Filled 6@101", "t2 b PendingCancel", "t2 b Canceled"]);
  });
});

describe("LocalOrderEmulator: DAY and GTD the venue lacks", () => {
  const sessions = sessionListCalendar([{ open: T0 + DAY - 23_400_000, close: T0 + DAY }]);

  it("expires a held DAY stop at its session's close; the bar closing at that time can still trigger it", () => {
    const rig = new Rig({ supports: BASIC_VENUE, emulator: { sessions } });
    rig.submit({ id: "stop", side: "BUY", type: "STOP_MARKET", triggerPrice: "105", timeInForce: "DAY" });
    rig.bar(1, 100, 104, 99, 103);
    expect(rig.trace()).toEqual(["t0 stop Held"]);
    rig.bar(2, 103, 110, 102, 108);
    expect(rig.trace()).toEqual(["t1 stop Expired"]);

    // Released, it is the venue's DAY order (on the same sessions).
    const triggered = new Rig({
      supports: BASIC_VENUE,
      emulator: { sessions },
      venue: { calendar: sessions },
    });
    triggered.submit({
      id: "stop",
      side: "BUY",
      type: "STOP_MARKET",
      triggerPrice: "105",
      timeInForce: "DAY",
    });
    triggered.bar(1, 100, 106, 99, 103);
    triggered.bar(2, 103, 110, 102, 108);
    expect(triggered.trace()).toEqual([
      "t0 stop Held",
      "t1 stop Released @105",
      "t1 stop Submitted",
      "t1 stop Accepted",
      "t2 stop Filled 10@103",
    ]);
  });

  it("expires a held GTD order at its expireAt on the node's clock, between bars", () => {
    const rig = new Rig({ supports: BASIC_VENUE });
    const expireAt = T0 + DAY + DAY / 2;
    rig.submit({
      id: "stop",
      side: "BUY",
      type: "STOP_MARKET",
      triggerPrice: "105",
      timeInForce: "GTD",
      expireAt,
    });
    rig.bar(1, 100, 104, 99, 103);
    rig.bar(2, 103, 110, 102, 108);
    expect(rig.trace()).toEqual(["t0 stop Held", "2024-01-04T09:00:00Z stop Expired"]);
  });

  it("denies an emulated GTD order whose expireAt has passed", () => {
    const rig = new Rig({ supports: BASIC_VENUE });
    rig.submit({
      id: "stop",
      side: "BUY",
      type: "STOP_MARKET",
      triggerPrice: "105",
      timeInForce: "GTD",
      expireAt: T0,
    });
    expect(rig.trace()).toEqual([
      `t0 stop Denied (INVALID_ORDER: cannot emulate STOP_MARKET GTD order stop: EXPIRED: GTD expireAt ${T0} is not after the current time ${T0})`,
    ]);
  });

  it("sends a GTD limit to a venue without GTD as GTC and cancels it there at its expiry", () => {
    const rig = new Rig({ supports: { ...BASIC_VENUE, timeInForce: ["GTC"] } });
    const expireAt = T0 + DAY + DAY / 2;
    rig.submit({ id: "lim", side: "BUY", type: "LIMIT", price: "90", timeInForce: "GTD", expireAt });
    expect(rig.sim.order("lim")).toMatchObject({ timeInForce: "GTC", expireAt: null });
    rig.bar(1, 100, 104, 99, 103);
    rig.bar(2, 103, 110, 102, 108);
    expect(rig.trace()).toEqual([
      "t0 lim Submitted",
      "t0 lim Accepted",
      "2024-01-04T09:00:00.001Z lim PendingCancel",
      "2024-01-04T09:00:00.001Z lim Canceled",
    ]);
  });

  it("cancels the OCO sibling of an order that expires", () => {
    const rig = new Rig({ supports: BASIC_VENUE, emulator: { sessions } });
    rig.submitList([
      {
        id: "up",
        side: "BUY",
        type: "STOP_MARKET",
        triggerPrice: "105",
        timeInForce: "DAY",
        contingency: { type: "OCO", linkedIds: ["down"] },
      },
      {
        id: "down",
        side: "SELL",
        type: "STOP_MARKET",
        triggerPrice: "95",
        contingency: { type: "OCO", linkedIds: ["up"] },
      },
    ]);
    rig.bar(2, 100, 101, 99, 100);
    expect(rig.trace()).toEqual([
      "t0 up Held",
      "t0 down Held",
      "t1 up Expired",
      "t1 down Canceled (OCO: linked order up expired)",
    ]);
  });
});

import { type Bar, ValidationError } from "@ordo/core";
import { describe, expect, it } from "vitest";
import { type BacktestOptions, limitVenue, runBacktest, type StrategyContext } from "../src/index.js";
import { Rig } from "./emulator-support.js";
import { AAPL, cashAccount, dailyBars } from "./support.js";

class BracketOnce {
  onBar(ctx: StrategyContext, bar: Bar) {
    if (ctx.orders.query().length > 0) return;
    ctx.orders.placeBracket({
      instrumentId: bar.instrumentId,
      side: "BUY",
      quantity: 10,
      stopLoss: { triggerPrice: 95 },
      takeProfit: { price: 110 },
    });
  }
}

const backtest = (emulator?: BacktestOptions["emulator"]) =>
  runBacktest({
    strategy: BracketOnce,
    feeds: [
      {
        instrument: AAPL,
        series: dailyBars(AAPL.id, [
          [100, 101, 99, 100],
          [100, 101, 99, 100],
          [100, 102, 94, 96],
          [93, 97, 92, 96],
        ]),
      },
    ],
    account: cashAccount(),
    keepEventLog: true,
    ...(emulator !== undefined && { emulator }),
  });

const fills = (result: ReturnType<typeof backtest>) =>
  result.fills.map((f) => `${f.side} ${f.quantity.toFixed()}@${f.price.toFixed()}`);

describe("runBacktest with the local emulator", () => {
  it("runs a bracket as against a venue without stops or contingencies: the stop-loss is released on the bar that reaches it and fills at the next open", () => {
    const limited = backtest({ venueSupports: { orderTypes: ["MARKET", "LIMIT"], contingencies: [] } });
    expect(fills(limited)).toEqual(["BUY 10@100", "SELL 10@93"]);
    const byId = new Map(limited.orders.map((o) => [o.id.split("-").at(-1), o]));
    expect(byId.get("sl")).toMatchObject({ type: "STOP_MARKET", status: "FILLED" });
    expect(byId.get("tp")?.status).toBe("CANCELED");
    expect(limited.eventLog?.filter((line) => line.includes('"OrderHeld"'))).toHaveLength(2);

    expect(fills(backtest())).toEqual(["BUY 10@100", "SELL 10@95"]);
  });

  it("gives the same event log with the local emulator over the full simulated venue as without it", () => {
    expect(backtest("local").eventLogHash).toBe(backtest().eventLogHash);
  });

  it("refuses an unknown capability with the path to it", () => {
    expect(() => backtest({ venueSupports: { orderTypes: ["STOP" as never] } })).toThrow(ValidationError);
    expect(() => backtest({ venueSupports: { orderTypes: ["STOP" as never] } })).toThrow(
      /emulator\.venueSupports\.orderTypes\[0\]/,
    );
  });
});

describe("limitVenue", () => {
  it("rejects an order it does not support, as a venue lacking it would", () => {
    const rig = new Rig({ supports: { contingencies: [] }, native: true });
    rig.submitList([
      { id: "a", side: "BUY", type: "LIMIT", price: "90", contingency: { type: "OCO", linkedIds: ["b"] } },
      { id: "b", side: "SELL", type: "LIMIT", price: "110", contingency: { type: "OCO", linkedIds: ["a"] } },
    ]);
    expect(rig.trace()).toEqual([
      "t0 a Submitted",
      "t0 b Submitted",
      "t0 a Rejected (UNSUPPORTED: venue SIM does not support OCO contingencies)",
      "t0 b Rejected (UNSUPPORTED: venue SIM does not support OCO contingencies)",
    ]);
  });

  it("cannot advertise what the wrapped venue lacks", () => {
    const rig = new Rig();
    const marketOnly = limitVenue(rig.sim, { orderTypes: ["MARKET"] });
    expect(() => limitVenue(marketOnly, { orderTypes: ["LIMIT"] })).toThrow(
      "orderTypes[0]: LIMIT is not supported by venue SIM itself",
    );
  });
});

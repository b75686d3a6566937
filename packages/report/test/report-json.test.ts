import { Decimal } from "@ordo/core";
import { describe, expect, it } from "vitest";
import { ReportInputSchema, reportToJSON } from "../src/index.js";
import { generateReportInput, START } from "./fixtures.js";

describe("reportToJSON", () => {
  it("writes decimals as plain strings, times as ISO-8601 UTC and absent prices as null", () => {
    const json = reportToJSON({
      ...generateReportInput(),
      startingValue: new Decimal("1e5"),
      cash: 98765.4321,
      start: START,
    });
    expect(json.startingValue).toBe("100000");
    expect(json.cash).toBe("98765.4321");
    expect(json.start).toBe("2024-01-02T14:30:00Z");
    expect(json.fills[0]!.at).toBe("2024-01-02T15:20:00Z");
    expect(json.instruments[0]!.bars[0]!.ts).toBe("2024-01-02T14:30:00Z");
    expect(json.orders[4]).toEqual({
      id: "O-5",
      instrumentId: "MSFT.XNAS",
      side: "BUY",
      type: "LIMIT",
      status: "CANCELED",
      quantity: "25",
      filledQuantity: "0",
      avgPrice: null,
      price: "350.5",
      triggerPrice: null,
      reason: "INSUFFICIENT_FUNDS: BUY 25 <MSFT> needs 8762.5 USD",
    });
    expect(json.orders[0]).not.toHaveProperty("reason");
    expect(json.metrics.sortino).toBeNull();
  });

  it("is a valid input itself and survives JSON text unchanged", () => {
    const json = reportToJSON(generateReportInput());
    const again = reportToJSON(JSON.parse(JSON.stringify(json)));
    expect(again).toEqual(json);
    expect(ReportInputSchema.safeParse(json).success).toBe(true);
  });

  it("ignores keys of the backtest result that a report does not show, such as riskEvents", () => {
    const result = { ...generateReportInput(), riskEvents: [{ type: "TradingStateChanged" }] };
    expect(reportToJSON(result)).not.toHaveProperty("riskEvents");
  });

  it("keeps every fill's realized PnL, the open positions and the account, decimals as strings", () => {
    const json = reportToJSON({
      ...generateReportInput(),
      realizedPnl: 51420,
      commissions: new Decimal("4.0"),
    });
    expect([json.realizedPnl, json.unrealizedPnl, json.commissions]).toEqual(["51420", "-312.5", "4"]);
    expect(json.positions?.[1]).toEqual({
      instrumentId: "MSFT.XNAS",
      side: "SHORT",
      quantity: "-20",
      avgOpenPrice: "370.25",
      realizedPnl: "0",
      unrealizedPnl: "-300",
    });
    expect(json.account).toEqual(generateReportInput().account);
  });

  it("leaves out what an input written before them does not give", () => {
    const {
      realizedPnl: _r,
      unrealizedPnl: _u,
      commissions: _c,
      account: _a,
      positions: _p,
      ...input
    } = generateReportInput();
    const json = reportToJSON(input);
    for (const key of ["realizedPnl", "unrealizedPnl", "commissions", "account", "positions"])
      expect(json).not.toHaveProperty(key);
  });

  it("refuses a position whose side is not LONG or SHORT, naming it", () => {
    const input = generateReportInput();
    const positions = [{ ...input.positions[0]!, side: "FLAT" }];
    expect(() => reportToJSON({ ...input, positions } as never)).toThrow("positions[0].side: ");
  });

  it("keeps equity exactly as written, beyond a float's digits", () => {
    const input = generateReportInput();
    const equityCurve = [
      { ts: START, equity: "100000.123456789012345678", drawdown: "-0.000000000000000001" },
    ];
    expect(reportToJSON({ ...input, equityCurve }).equityCurve).toEqual([
      { ts: "2024-01-02T14:30:00Z", equity: "100000.123456789012345678", drawdown: "-0.000000000000000001" },
    ]);
  });
});

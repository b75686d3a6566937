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

  it("ignores keys of the backtest result that a report does not show, such as positions", () => {
    const result = { ...generateReportInput(), positions: [{ instrumentId: "AAPL.XNAS", quantity: "0" }] };
    expect(reportToJSON(result)).not.toHaveProperty("positions");
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

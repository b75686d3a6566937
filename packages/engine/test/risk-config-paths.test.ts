import { BarSeries } from "@ordo/data";
import { describe, expect, it } from "vitest";
import { type BacktestOptions, runBacktest } from "../src/index.js";
import { AAPL, cashAccount } from "./support.js";

const series = BarSeries.fromBars(AAPL.id, [{ ts: 1e12, open: 1, high: 1, low: 1, close: 1, volume: 1 }]);

const refusal = (extra: Partial<BacktestOptions>) => {
  try {
    runBacktest({
      strategy: class {},
      feeds: [{ instrument: AAPL, series }],
      account: cashAccount(),
      ...extra,
    });
    return "ran";
  } catch (error) {
    return (error as Error).message;
  }
};

describe("risk and breaker settings runBacktest refuses", () => {
  it("names them under risk and breaker, where the options put them", () => {
    expect(refusal({ risk: { perInstrument: { KO: { maxOrderQuantity: "5" } } } })).toBe(
      "VALIDATION: risk.perInstrument.KO: is not an instrument of this risk engine, so these limits would never apply (instruments: AAPL.XNAS)",
    );
    expect(refusal({ breaker: { maxDrawdownPct: 150 } })).toBe(
      "VALIDATION: breaker.maxDrawdownPct: must be a percentage in (0, 100], got 150",
    );
  });
});

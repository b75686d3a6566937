import { runBacktest } from "@ordo/engine";
import { describe, expect, it } from "vitest";
import RetrySmallerAfterDenial from "../strategies/retry-smaller-after-denial.js";
import { cashAccount, eventLines, fillLines, flatBars, KO, orderLines } from "./support.js";

const bars = flatBars(KO.id, [100, 101, 102]);

describe("retrying a denied order with a smaller size", () => {
  it("halves the order after each INSUFFICIENT_FUNDS denial until the account can pay for it", () => {
    const result = runBacktest({
      strategy: RetrySmallerAfterDenial,
      params: { quantity: 300, shrinkFactor: 0.5, maxAttempts: 4 },
      feeds: [{ instrument: KO, series: bars }],
      account: cashAccount("10000"),
      keepEventLog: true,
    });
    expect(orderLines(result)).toEqual([
      "MARKET BUY 300 DENIED",
      "MARKET BUY 150 DENIED",
      "MARKET BUY 75 FILLED",
    ]);
    expect(eventLines(result)).toEqual([
      "2024-01-02 OrderDenied #1 code=INSUFFICIENT_FUNDS reason=order needs 30000 USD for 300 KO.XNYS at 100, but buying power is 10000",
      "2024-01-02 OrderDenied #2 code=INSUFFICIENT_FUNDS reason=order needs 15000 USD for 150 KO.XNYS at 100, but buying power is 10000",
      "2024-01-03 OrderFilled #3 quantity=75 price=101 liquidity=TAKER",
    ]);
    expect(fillLines(result)).toEqual(["BUY 75@101 2024-01-03"]);
    expect(result.logs.map((l) => `${l.message} ${l.fields?.from}→${l.fields?.to}`)).toEqual([
      "denied: retrying smaller 300→150",
      "denied: retrying smaller 150→75",
    ]);
  });

  it("retries a MAX_ORDER_QUANTITY denial the same way", () => {
    const result = runBacktest({
      strategy: RetrySmallerAfterDenial,
      params: { quantity: 1000, shrinkFactor: 0.6, maxAttempts: 4 },
      feeds: [{ instrument: KO, series: bars }],
      account: cashAccount("1000000"),
      risk: { maxOrderQuantity: 500 },
    });
    // 1000 → 600 → 360.
    expect(orderLines(result)).toEqual([
      "MARKET BUY 1000 DENIED",
      "MARKET BUY 600 DENIED",
      "MARKET BUY 360 FILLED",
    ]);
  });

  it("gives up after maxAttempts orders", () => {
    const result = runBacktest({
      strategy: RetrySmallerAfterDenial,
      params: { quantity: 1000, shrinkFactor: 0.5, maxAttempts: 3 },
      feeds: [{ instrument: KO, series: bars }],
      account: cashAccount("10000"),
    });
    expect(orderLines(result)).toEqual([
      "MARKET BUY 1000 DENIED",
      "MARKET BUY 500 DENIED",
      "MARKET BUY 250 DENIED",
    ]);
    expect(result.logs.at(-1)).toMatchObject({
      level: "warn",
      message: "giving up after denials",
      fields: { attempts: 3, lastCode: "INSUFFICIENT_FUNDS" },
    });
    expect(result.fills).toEqual([]);
  });

  it("does not retry a denial that a smaller order would get too", () => {
    const result = runBacktest({
      strategy: RetrySmallerAfterDenial,
      params: { quantity: 10 },
      feeds: [{ instrument: KO, series: bars }],
      account: cashAccount(),
      risk: { restrictedInstruments: [KO.id] },
    });
    expect(orderLines(result)).toEqual(["MARKET BUY 10 DENIED"]);
    expect(result.logs.map((l) => [l.message, l.fields?.code])).toEqual([
      ["denied for a reason size does not change: not retried", "RESTRICTED_INSTRUMENT"],
    ]);
  });
});

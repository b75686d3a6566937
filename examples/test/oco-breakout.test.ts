import { runBacktest } from "@ordo/engine";
import { describe, expect, it } from "vitest";
import OcoBreakout from "../strategies/oco-breakout.js";
import {
  dailyBars,
  eventLines,
  fillLines,
  hasSharedData,
  KO,
  loadDaily,
  marginAccount,
  type Ohlc,
  orderLines,
  SHARED_DATA_MISSING,
} from "./support.js";

const params = { lookback: 3, quantity: 100 };
// A range of 98 to 102 over three bars: buy stop 102.01, sell stop 97.99, failed-breakout stop at 100.
const range: Ohlc[] = [
  [100, 102, 99, 101],
  [101, 101.5, 98, 99],
  [99, 100.5, 98.5, 100],
];
const run = (next: Ohlc[]) =>
  runBacktest({
    strategy: OcoBreakout,
    params,
    feeds: [{ instrument: KO, series: dailyBars(KO.id, [...range, ...next]) }],
    account: marginAccount(),
    keepEventLog: true,
  });

describe("OCO breakout: buy stop above resistance, sell stop below support", () => {
  it("buys when resistance breaks and the venue cancels the sell stop at once", () => {
    const result = run([[101, 103, 100.5, 102.5]]);
    expect(orderLines(result)).toEqual([
      "STOP_MARKET BUY 100 trigger 102.01 FILLED",
      "STOP_MARKET SELL 100 trigger 97.99 CANCELED",
      "STOP_MARKET SELL 100 trigger 100 ACCEPTED",
    ]);
    expect(eventLines(result)).toEqual([
      "2024-01-05 OrderFilled #1 quantity=100 price=102.01 liquidity=TAKER",
      `2024-01-05 OrderCanceled #2 reason=OCO: linked order ${result.orders[0]!.id} filled`,
    ]);
  });

  it("sells short when support breaks, and cancels the buy stop", () => {
    const result = run([[99, 99.5, 97, 97.5]]);
    expect(orderLines(result)).toEqual([
      "STOP_MARKET BUY 100 trigger 102.01 CANCELED",
      "STOP_MARKET SELL 100 trigger 97.99 FILLED",
      "STOP_MARKET BUY 100 trigger 100 ACCEPTED",
    ]);
    expect(fillLines(result)).toEqual(["SELL 100@97.99 2024-01-05"]);
    expect(result.positions.map((p) => p.quantity.toString())).toEqual(["-100"]);
  });

  it("buys at the open when the market gaps over resistance", () => {
    const result = run([[104, 105, 103.5, 104.5]]);
    expect(fillLines(result)).toEqual(["BUY 100@104 2024-01-05"]);
  });

  it("lets an untouched pair expire at the close and places a new one around the new range", () => {
    const result = run([
      [100, 101, 99, 100], // inside the range: both expire at this session's close
      [100, 101, 99.5, 100.5],
    ]);
    expect(orderLines(result)).toEqual([
      "STOP_MARKET BUY 100 trigger 102.01 EXPIRED",
      "STOP_MARKET SELL 100 trigger 97.99 CANCELED",
      // the range is now the last three bars: 98 to 101.5
      "STOP_MARKET BUY 100 trigger 101.51 EXPIRED",
      "STOP_MARKET SELL 100 trigger 97.99 CANCELED",
      "STOP_MARKET BUY 100 trigger 101.01 ACCEPTED",
      "STOP_MARKET SELL 100 trigger 98.49 ACCEPTED",
    ]);
  });

  it("closes a failed breakout at the middle of the range", () => {
    const result = run([
      [101, 103, 100.5, 102.5], // long at 102.01
      [102, 102.5, 99.5, 99.8], // back to the middle: stopped at 100
    ]);
    expect(fillLines(result)).toEqual(["BUY 100@102.01 2024-01-05", "SELL 100@100 2024-01-08"]);
    expect(result.positions).toEqual([]);
  });

  describe.skipIf(!hasSharedData)(
    `on Coca-Cola, 1997-1998 (${hasSharedData ? "real data" : SHARED_DATA_MISSING})`,
    () => {
      it("never holds both sides: each filled breakout's sibling is canceled at the moment it fills", async () => {
        const ko = await loadDaily("daily-KO.csv", KO.id);
        const result = runBacktest({
          strategy: OcoBreakout,
          params: { lookback: 20, quantity: 100 },
          feeds: [{ instrument: KO, series: ko }],
          account: marginAccount(),
        });
        const entries = result.orders.filter((o) => o.tags.some((t) => t.startsWith("breakout-")));
        const filled = entries.filter((o) => o.status === "FILLED");
        expect(filled.length).toBeGreaterThan(5);
        for (const entry of filled) {
          const sibling = result.orders.find((o) => o.id === entry.contingency!.linkedIds[0])!;
          expect(sibling.status).toBe("CANCELED");
          expect(sibling.updatedAt).toBe(entry.updatedAt);
        }
        // Every pair ends one way: one filled and the other canceled, or one expired and the other canceled.
        for (const o of entries) expect(["FILLED", "CANCELED", "EXPIRED", "ACCEPTED"]).toContain(o.status);
        // The position is never more than one entry's size, either way.
        let position = 0;
        for (const f of result.fills) {
          position += (f.side === "BUY" ? 1 : -1) * f.quantity.toNumber();
          expect(Math.abs(position)).toBeLessThanOrEqual(100);
        }
      });
    },
  );
});

import type { Order } from "@ordo/core";
import { runBacktest } from "@ordo/engine";
import { describe, expect, it } from "vitest";
import PairsTrading from "../strategies/pairs-trading.js";
import {
  fillLines,
  flatBars,
  hasSharedData,
  KO,
  loadDaily,
  marginAccount,
  PEP,
  SHARED_DATA_MISSING,
} from "./support.js";

describe("pairs trading with z-score entry and exit", () => {
  // KO wobbles around 100, jumps to 108 (z = 7.7 against the previous five spreads), then comes back.
  const ko = flatBars(KO.id, [100, 101, 99, 100, 101, 99, 108, 104, 100.5, 100]);
  const pep = flatBars(PEP.id, [50, 50, 50, 50, 50, 50, 50, 50, 50, 50]);
  const params = { first: KO.id, second: PEP.id, lookback: 5, entryZ: 2, exitZ: 1, legValue: 10_000 };

  it("sells the rich leg and buys the cheap one, 10000 each, and closes both when the spread reverts", () => {
    const result = runBacktest({
      strategy: PairsTrading,
      params,
      feeds: [
        { instrument: KO, series: ko },
        { instrument: PEP, series: pep },
      ],
      account: marginAccount(),
    });
    // Entry on the 108 close: −10000 / 108 = −92.6 → −92 KO, +10000 / 50 = 200 PEP, filled at the next
    // prices; the z-score is back to 0.71 on that bar (< 1): both closed, filled the day after.
    expect(fillLines(result)).toEqual([
      "SELL 92@104 2024-01-11",
      "BUY 200@50 2024-01-11",
      "BUY 92@100.5 2024-01-12",
      "SELL 200@50 2024-01-12",
    ]);
    expect(result.positions).toEqual([]);
    expect(result.finalValue.toString()).toBe("100322");
    expect(result.recorded.map((r) => Number(r.values.zScore!.toFixed(2)))).toEqual([
      -1.44, 7.7, 0.71, -0.52, -0.7,
    ]);
  });

  it("acts only once both legs have the day's bar, whichever comes first", () => {
    const result = runBacktest({
      strategy: PairsTrading,
      params,
      feeds: [
        { instrument: PEP, series: pep },
        { instrument: KO, series: ko },
      ],
      account: marginAccount(),
    });
    expect(fillLines(result)).toEqual([
      "BUY 200@50 2024-01-11",
      "SELL 92@104 2024-01-11",
      "SELL 200@50 2024-01-12",
      "BUY 92@100.5 2024-01-12",
    ]);
  });

  describe.skipIf(!hasSharedData)(
    `on Coca-Cola and PepsiCo, 1997-1998 (${hasSharedData ? "real data" : SHARED_DATA_MISSING})`,
    () => {
      it("enters only beyond ±2 and exits only inside ±0.5, one leg long and one short of about 10000 each", async () => {
        const [ko, pep] = await Promise.all([
          loadDaily("daily-KO.csv", KO.id),
          loadDaily("daily-PEP.csv", PEP.id),
        ]);
        const options = {
          strategy: PairsTrading,
          params: { first: KO.id, second: PEP.id, lookback: 20, entryZ: 2, exitZ: 0.5, legValue: 10_000 },
          feeds: [
            { instrument: KO, series: ko },
            { instrument: PEP, series: pep },
          ],
          account: marginAccount(),
        };
        const result = runBacktest(options);
        const zAt = new Map(result.recorded.map((r) => [r.ts, r.values.zScore!]));
        const byTime = new Map<number, Order[]>();
        for (const o of result.orders) byTime.set(o.initAt, [...(byTime.get(o.initAt) ?? []), o]);
        expect(byTime.size).toBeGreaterThanOrEqual(4);
        let inTrade = false;
        for (const [ts, pair] of byTime) {
          const z = zAt.get(ts)!;
          expect(pair).toHaveLength(2);
          const [first, second] = [
            pair.find((o) => o.instrumentId === KO.id)!,
            pair.find((o) => o.instrumentId === PEP.id)!,
          ];
          expect(first.side).not.toBe(second.side);
          expect(first.status).toBe("FILLED");
          expect(second.status).toBe("FILLED");
          if (!inTrade) {
            // Entry: beyond the band, selling the rich leg; each leg about 10000 at the signal close.
            expect(Math.abs(z)).toBeGreaterThan(2);
            expect(first.side).toBe(z > 0 ? "SELL" : "BUY");
            for (const leg of pair) {
              const close = (leg.instrumentId === KO.id ? ko : pep).close;
              const i = (leg.instrumentId === KO.id ? ko : pep).ts.indexOf(ts);
              expect(leg.quantity.toNumber() * close[i]!).toBeGreaterThan(10_000 - close[i]!);
              expect(leg.quantity.toNumber() * close[i]!).toBeLessThanOrEqual(10_000);
            }
          } else {
            expect(Math.abs(z)).toBeLessThan(0.5);
          }
          inTrade = !inTrade;
        }
        expect(result.eventLogHash).toBe(runBacktest(options).eventLogHash);
      });
    },
  );
});

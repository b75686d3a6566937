import { XNYS } from "@ordo/data";
import { runBacktest } from "@ordo/engine";
import { describe, expect, it } from "vitest";
import Rebalance from "../strategies/rebalance.js";
import {
  cashAccount,
  equity,
  fillLines,
  flatBars,
  hasSharedData,
  loadDaily,
  nyDate,
  SHARED_DATA_MISSING,
} from "./support.js";

const ASSETS = ["AAA.XNYS", "BBB.XNYS", "CCC.XNYS", "DDD.XNYS"] as const;

describe("four-asset rebalancing every 21 trading days", () => {
  it("buys the weights on the first trading day, then every 21 trading days sells the winner first and buys the rest with the proceeds", () => {
    const days = 45;
    // AAA goes from 100 to 150 after the first rebalance; the others stay flat.
    const prices = [
      Array.from({ length: days }, (_, i) => (i < 2 ? 100 : 150)),
      Array.from({ length: days }, () => 50),
      Array.from({ length: days }, () => 25),
      Array.from({ length: days }, () => 10),
    ];
    const result = runBacktest({
      strategy: Rebalance,
      params: { instruments: [...ASSETS] },
      feeds: ASSETS.map((id, i) => ({ instrument: equity(id), series: flatBars(id, prices[i]!) })),
      account: cashAccount("100000"),
    });
    expect(result.logs.map((l) => `${nyDate(l.ts)} ${l.message} ${l.fields?.tradingDay}`)).toEqual([
      "2024-01-03 rebalancing 0",
      "2024-02-02 rebalancing 21", // 21 trading days later: Martin Luther King Day (Jan 15) skipped
      "2024-03-05 rebalancing 42", // and Presidents' Day (Feb 19)
    ]);
    // Day 0: 24.5% of 100000 in each (2% stays in cash), at the open.
    // Day 21: AAA is now 150: equity 112250, 24.5% = 27501.25. AAA 245 → 183 shares is sold at the open;
    // once that fills, the buys top up BBB (550), CCC (1100) and DDD (2750), filled at the next open.
    // Day 42: every asset is on its weight to the share: no order.
    expect(fillLines(result)).toEqual([
      "BUY 245@100 2024-01-03",
      "BUY 490@50 2024-01-03",
      "BUY 980@25 2024-01-03",
      "BUY 2450@10 2024-01-03",
      "SELL 62@150 2024-02-02",
      "BUY 60@50 2024-02-05",
      "BUY 120@25 2024-02-05",
      "BUY 300@10 2024-02-05",
    ]);
    expect(result.orders.every((o) => o.status === "FILLED")).toBe(true);
    expect(result.cash.toString()).toBe("2300");
  });

  it("refuses weights that do not add up to 1", () => {
    expect(() =>
      runBacktest({
        strategy: Rebalance,
        params: { instruments: [...ASSETS], weights: [0.5, 0.5, 0.5, 0] },
        feeds: ASSETS.map((id) => ({ instrument: equity(id), series: flatBars(id, [1]) })),
        account: cashAccount(),
      }),
    ).toThrow(/strategy\.params\.weights.*weights must add up to 1/);
  });

  describe.skipIf(!hasSharedData)(
    `on KO, PEP, ORCL and YHOO, 1997-1998 (${hasSharedData ? "real data" : SHARED_DATA_MISSING})`,
    () => {
      it("rebalances on every 21st trading day, brings each asset back near 24.5%, and no order is refused", async () => {
        const ids = ["KO.XNYS", "PEP.XNYS", "ORCL.XNAS", "YHOO.XNAS"];
        const series = await Promise.all([
          loadDaily("daily-KO.csv", ids[0]!),
          loadDaily("daily-PEP.csv", ids[1]!),
          // Split-adjusted: ORCL and YHOO both split in 1997-1998.
          loadDaily("orcl-1995-2014.txt", ids[2]!, { adjust: true }),
          loadDaily("yhoo-1996-2015.txt", ids[3]!, { adjust: true }),
        ]);
        const start = "1997-01-02T00:00:00Z";
        const end = "1998-06-02T00:00:00Z";
        const result = runBacktest({
          strategy: Rebalance,
          params: { instruments: ids },
          feeds: ids.map((id, i) => ({ instrument: equity(id), series: series[i]! })),
          account: cashAccount("100000"),
          start,
          end,
        });
        const sessions = XNYS.sessionsBetween(Date.parse(start), Date.parse(end));
        const rebalanceDays = result.logs.filter((l) => l.message === "rebalancing").map((l) => nyDate(l.ts));
        // The schedule starts the trading day after the first bar.
        const expected = sessions
          .slice(1)
          .filter((_, i) => i % 21 === 0)
          .map((s) => s.date);
        expect(rebalanceDays).toEqual(expected);
        expect(rebalanceDays).toHaveLength(17);
        expect(result.orders.filter((o) => o.status !== "FILLED")).toEqual([]);
        expect(result.equityCurve.every((p) => p.balance.gte(0))).toBe(true);
        // The weights recorded each morning (at the last closes): drifted far before a rebalance, back to
        // 24.5% ± 3 points two mornings after it (sells fill on the day, the buys the day after).
        const weights = result.recorded.map((r) => [r.values.w0!, r.values.w1!, r.values.w2!, r.values.w3!]);
        const drift = (w: number[]) => Math.max(...w.map((x) => Math.abs(x - 0.245)));
        for (let k = 21; k + 2 < weights.length; k += 21) expect(drift(weights[k + 2]!)).toBeLessThan(0.03);
        expect(Math.max(...weights.filter((_, k) => k > 0 && k % 21 === 0).map(drift))).toBeGreaterThan(0.1);
      });
    },
  );
});

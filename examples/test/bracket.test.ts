import { runBacktest } from "@ordo/engine";
import { describe, expect, it } from "vitest";
import Bracket from "../strategies/bracket.js";
import {
  cashAccount,
  dailyBars,
  eventLines,
  fillLines,
  hasSharedData,
  KO,
  loadDaily,
  orderLines,
  SHARED_DATA_MISSING,
} from "./support.js";

const params = { lookback: 2, quantity: 100, stopPercent: 3, targetPercent: 6 };
const setup = [
  [100, 100, 100, 100],
  [100, 100, 100, 100],
  [100, 101, 99, 100.5], // breakout: entry, stop 97.485 → 97.48, target 106.53
] as const;

describe("bracket: stop-loss and take-profit, one cancels the other", () => {
  it("cancels the stop-loss when the take-profit fills", () => {
    const result = runBacktest({
      strategy: Bracket,
      params,
      feeds: [
        {
          instrument: KO,
          series: dailyBars(KO.id, [
            ...setup,
            [101, 103, 100, 102], // entry fills at the open
            [102, 107, 101, 101.5], // the high 107 passes the target 106.53, then fades (no new breakout)
          ]),
        },
      ],
      account: cashAccount(),
      keepEventLog: true,
    });
    expect(orderLines(result)).toEqual([
      "MARKET BUY 100 FILLED",
      "STOP_MARKET SELL 100 trigger 97.48 CANCELED",
      "LIMIT SELL 100 @106.53 FILLED",
    ]);
    expect(eventLines(result)).toEqual([
      "2024-01-05 OrderFilled #1 quantity=100 price=101 liquidity=TAKER",
      "2024-01-08 OrderFilled #3 quantity=100 price=106.53 liquidity=MAKER",
      "2024-01-08 OrderCanceled #2 reason=OUO: linked order Bracket-B1-tp completed",
    ]);
    expect(result.finalValue.toString()).toBe("100553");
  });

  it("cancels the take-profit when the stop-loss fills, on the entry's own bar", () => {
    const result = runBacktest({
      strategy: Bracket,
      params,
      feeds: [
        {
          instrument: KO,
          series: dailyBars(KO.id, [
            ...setup,
            [101, 101.5, 96, 97], // filled at 101, then the low 96 passes the stop 97.48 on the same bar
          ]),
        },
      ],
      account: cashAccount(),
      keepEventLog: true,
    });
    expect(orderLines(result)).toEqual([
      "MARKET BUY 100 FILLED",
      "STOP_MARKET SELL 100 trigger 97.48 FILLED",
      "LIMIT SELL 100 @106.53 CANCELED",
    ]);
    expect(fillLines(result)).toEqual(["BUY 100@101 2024-01-05", "SELL 100@97.48 2024-01-05"]);
    expect(result.positions).toEqual([]);
  });

  it("sends no second bracket while the first is working", () => {
    const result = runBacktest({
      strategy: Bracket,
      params,
      feeds: [
        {
          instrument: KO,
          series: dailyBars(KO.id, [...setup, [101, 103, 100, 102], [102, 104, 101, 103.5]]),
        },
      ],
      account: cashAccount(),
    });
    expect(orderLines(result)).toEqual([
      "MARKET BUY 100 FILLED",
      "STOP_MARKET SELL 100 trigger 97.48 ACCEPTED",
      "LIMIT SELL 100 @106.53 ACCEPTED",
    ]);
  });

  describe.skipIf(!hasSharedData)(
    `on Coca-Cola, 1997-1998 (${hasSharedData ? "real data" : SHARED_DATA_MISSING})`,
    () => {
      it("closes every bracket exactly once: one exit filled for the whole entry, the other canceled", async () => {
        const ko = await loadDaily("daily-KO.csv", KO.id);
        const result = runBacktest({
          strategy: Bracket,
          params: { lookback: 20, quantity: 100, stopPercent: 3, targetPercent: 6 },
          feeds: [{ instrument: KO, series: ko }],
          account: cashAccount(),
        });
        const brackets = result.orders.filter((o) => o.id.endsWith("-entry"));
        expect(brackets.length).toBeGreaterThan(5);
        for (const entry of brackets) {
          const exits = result.orders.filter((o) => o.contingency?.parentId === entry.id);
          expect(exits).toHaveLength(2);
          if (exits.some((o) => o.status === "ACCEPTED")) continue; // the bracket still open at the end
          expect(exits.map((o) => o.status).sort()).toEqual(["CANCELED", "FILLED"]);
          expect(exits.find((o) => o.status === "FILLED")!.filledQuantity.toString()).toBe("100");
        }
        expect(result.fills.filter((f) => f.side === "SELL").length).toBe(
          brackets.filter(
            (b) => !result.orders.some((o) => o.contingency?.parentId === b.id && o.status === "ACCEPTED"),
          ).length,
        );
      });
    },
  );
});

import type { Bar, OrderEvent } from "@ordo/core";
import { BarSeries } from "@ordo/data";
import { describe, expect, it } from "vitest";
import { runBacktest, type StrategyContext } from "../src/index.js";
import { AAPL, cashAccount } from "./support.js";

const BTC = {
  id: "BTC/USD.SIM",
  assetClass: "crypto-spot",
  currency: "USD",
  tickSize: "0.01",
  lotSize: "0.001",
  calendar: "24/7",
} as const;

/** Hourly flat bars of `instrumentId` at `price`, from `from` (ISO) for `hours` hours. */
const hourly = (instrumentId: string, from: string, hours: number, price: number) =>
  BarSeries.fromBars(
    instrumentId,
    Array.from({ length: hours }, (_, i) => ({
      ts: Date.parse(from) + i * 3_600_000,
      open: price,
      high: price,
      low: price,
      close: price,
      volume: 1_000,
    })),
  );

/** Runs a strategy that places one DAY limit buy (never filled) on BTC at the first BTC bar, and says when it expired. */
function btcDayExpiry(feeds: Parameters<typeof runBacktest>[0]["feeds"]): string[] {
  const expired: string[] = [];
  runBacktest({
    strategy: class {
      #placed = false;
      onBar(ctx: StrategyContext, bar: Bar) {
        if (this.#placed || bar.instrumentId !== BTC.id) return;
        this.#placed = true;
        ctx.orders.placeLimit({
          instrumentId: BTC.id,
          side: "BUY",
          quantity: "0.5",
          price: "40000",
          timeInForce: "DAY",
        });
      }
      onOrderEvent(_ctx: StrategyContext, e: OrderEvent) {
        if (e.type === "OrderExpired") expired.push(`${e.instrumentId} ${new Date(e.tsEvent).toISOString()}`);
      }
    },
    feeds,
    account: cashAccount("1000000"),
  });
  return expired;
}

describe("each instrument's own trading calendar", () => {
  it("expires a DAY order on a 24/7 instrument at midnight UTC, even when the run's first instrument trades on XNYS", () => {
    // 2024-01-10 is a Wednesday: the XNYS session closes at 21:00Z (16:00 New York, EST).
    const expired = btcDayExpiry([
      { instrument: { ...AAPL, calendar: "XNYS" }, series: hourly(AAPL.id, "2024-01-10T15:00:00Z", 6, 180) },
      { instrument: BTC, series: hourly(BTC.id, "2024-01-10T15:00:00Z", 12, 45000) },
    ]);
    // Before, the venue asked the run's calendar (the first instrument's XNYS) and expired it at 21:00Z.
    expect(expired).toEqual(["BTC/USD.SIM 2024-01-11T00:00:00.000Z"]);
  });

  it("expires the same order at midnight UTC when BTC trades alone", () => {
    expect(
      btcDayExpiry([{ instrument: BTC, series: hourly(BTC.id, "2024-01-10T15:00:00Z", 12, 45000) }]),
    ).toEqual(["BTC/USD.SIM 2024-01-11T00:00:00.000Z"]);
  });

  it("refuses an instrument whose calendar is unknown, naming the feed", () => {
    expect(() =>
      btcDayExpiry([
        {
          instrument: { ...AAPL, calendar: "XNYS" },
          series: hourly(AAPL.id, "2024-01-10T15:00:00Z", 2, 180),
        },
        {
          instrument: { ...BTC, calendar: "CRYPTO" },
          series: hourly(BTC.id, "2024-01-10T15:00:00Z", 2, 45000),
        },
      ]),
    ).toThrow(
      'VALIDATION: feeds[1].instrument.calendar: unknown trading calendar "CRYPTO" (known: XNYS, 24/7)',
    );
    expect(() =>
      btcDayExpiry([
        {
          instrument: { ...BTC, calendar: "CRYPTO" },
          series: hourly(BTC.id, "2024-01-10T15:00:00Z", 2, 45000),
        },
      ]),
    ).toThrow(
      'VALIDATION: feeds[0].instrument.calendar: unknown trading calendar "CRYPTO" (known: XNYS, 24/7)',
    );
  });

  it("names the feed of an instrument that is not valid", () => {
    expect(() =>
      btcDayExpiry([
        {
          instrument: { ...AAPL, calendar: "XNYS" },
          series: hourly(AAPL.id, "2024-01-10T15:00:00Z", 2, 180),
        },
        {
          instrument: { ...BTC, assetClass: "crypto" as never },
          series: hourly(BTC.id, "2024-01-10T15:00:00Z", 2, 45000),
        },
      ]),
    ).toThrow("VALIDATION: feeds[1].instrument.assetClass: Invalid option: expected one of");
  });
});

import { type BacktestOptions, runBacktest } from "@ordo/engine";
import { describe, expect, it } from "vitest";
import OrderStatusTracking from "../strategies/order-status-tracking.js";
import { cashAccount, dailyBars, fillLines, KO, type Ohlc, orderLines } from "./support.js";

const params = {
  quantity: 100,
  limitSlackPercent: 0.5,
  takeProfitPercent: 4,
  patienceBars: 2,
  stopPercent: 3,
};

function run(
  bars: Ohlc[],
  options: {
    volume?: number[];
    balance?: string;
    venue?: object;
    emulator?: BacktestOptions["emulator"];
  } = {},
) {
  return runBacktest({
    strategy: OrderStatusTracking,
    params,
    feeds: [
      { instrument: KO, series: dailyBars(KO.id, bars, options.volume ? { volume: options.volume } : {}) },
    ],
    account: cashAccount(options.balance ?? "100000"),
    ...(options.venue !== undefined && { venue: options.venue }),
    ...(options.emulator !== undefined && { emulator: options.emulator }),
  });
}

/** The strategy's log as `message` lines, status lines and the reactions to them. */
const statusLog = (result: ReturnType<typeof run>) => result.logs.map((l) => l.message);

describe("order-status tracking", () => {
  it("follows an entry through EXPIRED, TRIGGERED, PARTIALLY_FILLED and a take-profit through PENDING_UPDATE to FILLED", () => {
    const result = run(
      [
        [100, 101, 99, 100], // entry 1: stop 101.01, limit 101.51, for this session only
        [100, 100.8, 99.5, 100.5], // not reached: expires; entry 2: stop 100.81, limit 101.31
        [100.5, 102, 100.2, 101.8], // triggered at 100.81; 10% of 500 shares = 50 fill; the rest expires
        [101.8, 103, 101, 102.5], // take-profit for 50 at 104.85 has waited 2 bars: lowered to 102.83
        [102.5, 103.5, 102, 103], // lowered take-profit fills; flat again, entry 3 goes out
      ],
      {
        volume: [500, 500, 500, 10_000, 10_000],
        venue: { slippage: { model: "fixed-bps", basisPoints: "0", volumeLimit: "0.1" } },
      },
    );
    expect(statusLog(result)).toEqual([
      ...["entry INITIALIZED", "entry SUBMITTED", "entry ACCEPTED", "entry EXPIRED"],
      ...[
        "entry INITIALIZED",
        "entry SUBMITTED",
        "entry ACCEPTED",
        "entry TRIGGERED",
        "entry PARTIALLY_FILLED",
        "entry EXPIRED",
      ],
      ...["take-profit INITIALIZED", "take-profit SUBMITTED", "take-profit ACCEPTED"],
      ...["take-profit PENDING_UPDATE", "take-profit ACCEPTED", "take-profit FILLED"],
      ...["entry INITIALIZED", "entry SUBMITTED", "entry ACCEPTED"],
    ]);
    expect(orderLines(result)).toEqual([
      "STOP_LIMIT BUY 100 @101.51 trigger 101.01 EXPIRED",
      "STOP_LIMIT BUY 100 @101.31 trigger 100.81 EXPIRED 50/100",
      "LIMIT SELL 50 @102.83 FILLED",
      "STOP_LIMIT BUY 100 @104.02 trigger 103.51 ACCEPTED",
    ]);
    expect(fillLines(result)).toEqual(["BUY 50@100.81 2024-01-04", "SELL 50@102.83 2024-01-08"]);
  });

  it("cancels the take-profit on the stop rule (PENDING_CANCEL, CANCELED) and exits at market", () => {
    const result = run([
      [100, 101, 99, 100],
      [100.5, 102, 100, 101.5], // entry fills at its stop 101.01; take-profit at 105.06
      [101, 101.2, 97, 97.5], // close under 101.01 × 0.97 = 97.98: take-profit canceled
      [97, 98, 96.5, 97.5], // sold at the open
    ]);
    expect(statusLog(result)).toEqual([
      ...["entry INITIALIZED", "entry SUBMITTED", "entry ACCEPTED", "entry TRIGGERED", "entry FILLED"],
      ...["take-profit INITIALIZED", "take-profit SUBMITTED", "take-profit ACCEPTED"],
      ...["take-profit PENDING_CANCEL", "take-profit CANCELED", "stop: take-profit canceled"],
      ...["exit INITIALIZED", "exit SUBMITTED", "exit ACCEPTED", "exit FILLED"],
      ...["entry INITIALIZED", "entry SUBMITTED", "entry ACCEPTED"],
    ]);
    expect(fillLines(result)).toEqual(["BUY 100@101.01 2024-01-03", "SELL 100@97 2024-01-05"]);
  });

  it("sells at market when the venue rejects the post-only take-profit because the price is already through it", () => {
    const result = run([
      [100, 101, 99, 100],
      [100.5, 106, 100.5, 105.5], // filled at 101.01 and closes at 105.5, over the 105.06 target
      [105, 105.5, 104, 104.5],
    ]);
    expect(statusLog(result)).toEqual([
      ...["entry INITIALIZED", "entry SUBMITTED", "entry ACCEPTED", "entry TRIGGERED", "entry FILLED"],
      ...["take-profit INITIALIZED", "take-profit SUBMITTED", "take-profit REJECTED"],
      "take-profit already through: selling at market",
      ...["exit INITIALIZED", "exit SUBMITTED", "exit ACCEPTED", "exit FILLED"],
      ...["entry INITIALIZED", "entry SUBMITTED", "entry ACCEPTED"],
    ]);
    expect(fillLines(result)).toEqual(["BUY 100@101.01 2024-01-03", "SELL 100@105 2024-01-04"]);
  });

  it("logs a DENIED entry with the risk engine's code and tries again on the next bar", () => {
    const result = run(
      [
        [100, 101, 99, 100],
        [100, 100.5, 99, 100],
      ],
      { balance: "1000" },
    );
    expect(
      result.logs.map((l) => `${l.level} ${l.message}${l.fields?.code ? ` ${l.fields.code}` : ""}`),
    ).toEqual([
      "info entry INITIALIZED",
      "info entry DENIED",
      "warn order denied by risk INSUFFICIENT_FUNDS",
      "info entry INITIALIZED",
      "info entry DENIED",
      "warn order denied by risk INSUFFICIENT_FUNDS",
    ]);
    expect(result.orders.map((o) => o.status)).toEqual(["DENIED", "DENIED"]);
  });

  it("sees the entry HELD by the local emulator and RELEASED at its trigger when the venue has no stop-limit orders", () => {
    const result = run(
      [
        [100, 101, 99, 100],
        [100.5, 102, 100, 101.5], // the trigger 101.01 is reached: released to the venue as a limit
        [101.4, 102, 101, 101.8], // a released limit works from the next bar: filled at the open
      ],
      { emulator: { venueSupports: { orderTypes: ["MARKET", "LIMIT"] } } },
    );
    expect(statusLog(result).slice(0, 8)).toEqual([
      ...["entry INITIALIZED", "entry HELD", "entry RELEASED", "entry SUBMITTED", "entry ACCEPTED"],
      ...["entry TRIGGERED", "entry FILLED", "take-profit INITIALIZED"],
    ]);
    expect(fillLines(result)).toEqual(["BUY 100@101.4 2024-01-04"]);
  });
});

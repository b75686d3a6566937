import { type Clock, formatTimestamp, type RiskEvent, VirtualClock } from "@ordo/core";
import { describe, expect, it } from "vitest";
import { CircuitBreaker, type CircuitBreakerConfigInput } from "../src/index.js";
import { T0 } from "./fixtures.js";

const MIN = 60_000;
const HOUR = 60 * MIN;

function setup(config: CircuitBreakerConfigInput, start = T0) {
  const clock = new VirtualClock(start);
  const events: RiskEvent[] = [];
  const breaker = new CircuitBreaker({ clock, config, onEvent: (e) => events.push(e) });
  return { clock, breaker, events };
}

describe("CircuitBreaker: consecutive losses", () => {
  it("trips on the losing trade that reaches maxConsecutiveLosses, not before", () => {
    const { clock, breaker, events } = setup({ maxConsecutiveLosses: 3 });
    breaker.recordTrade("-10");
    breaker.recordTrade("-5.5");
    expect(breaker.state).toBe("CLOSED");
    expect(breaker.status().consecutiveLosses).toBe(2);
    clock.advanceTo(T0 + 1234);
    breaker.recordTrade(-1);
    expect(breaker.state).toBe("OPEN");
    expect(breaker.isOperational).toBe(false);
    expect(events).toEqual([
      {
        type: "CircuitBreakerTripped",
        ts: T0 + 1234,
        code: "MAX_CONSECUTIVE_LOSSES",
        reason: "3 losing trades in a row reached the limit of 3",
      },
    ]);
    expect(breaker.status()).toMatchObject({
      tripCode: "MAX_CONSECUTIVE_LOSSES",
      trippedAt: T0 + 1234,
      halfOpensAt: null,
      resetsAt: null,
    });
  });

  it("a winning or break-even trade ends the losing streak", () => {
    const { breaker } = setup({ maxConsecutiveLosses: 2 });
    breaker.recordTrade("-10");
    breaker.recordTrade("0");
    breaker.recordTrade("-10");
    expect(breaker.state).toBe("CLOSED");
    breaker.recordTrade("25");
    breaker.recordTrade("-10");
    expect(breaker.state).toBe("CLOSED");
    breaker.recordTrade("-10");
    expect(breaker.state).toBe("OPEN");
  });

  it("refuses a PnL that is not a number, naming the field", () => {
    const { breaker } = setup({});
    expect(() => breaker.recordTrade("abc")).toThrow('pnl: must be a decimal number, got "abc"');
    expect(() => breaker.recordTrade(Number.NaN)).toThrow("pnl: must be a finite number, got NaN");
    expect(breaker.status().dailyPnl.toString()).toBe("0");
  });
});

describe("CircuitBreaker: daily loss", () => {
  it("trips when the day's loss reaches maxDailyLossPct of the session-start balance", () => {
    const { breaker, events } = setup({ maxDailyLossPct: 3, initialBalance: "10000" });
    breaker.recordTrade("-200");
    breaker.recordTrade("-99.99");
    expect(breaker.state).toBe("CLOSED");
    expect(breaker.status().dailyLossPct?.toString()).toBe("2.9999");
    breaker.recordTrade("-0.01");
    expect(breaker.state).toBe("OPEN");
    expect(events[0]).toMatchObject({
      type: "CircuitBreakerTripped",
      code: "MAX_DAILY_LOSS",
      reason: "daily loss 3% (PnL -300 on a session-start balance of 10000) reached the limit of 3%",
    });
  });

  it("does not judge a daily loss before any balance is known", () => {
    const { breaker } = setup({ maxDailyLossPct: 1 });
    breaker.recordTrade("-1000000");
    expect(breaker.state).toBe("CLOSED");
    expect(breaker.status().dailyLossPct).toBeNull();
    breaker.updateBalance("50000");
    expect(breaker.state).toBe("OPEN");
  });

  it("rolls the daily window exactly at the UTC session boundary", () => {
    const midnight = Date.parse("2024-01-03T00:00:00Z");
    const { clock, breaker } = setup({ maxDailyLossPct: 3, initialBalance: "10000" });
    breaker.recordTrade("-200");
    clock.advanceTo(midnight - 1);
    expect(breaker.status().dailyPnl.toString()).toBe("-200");
    expect(breaker.status().sessionStart).toBe(Date.parse("2024-01-02T00:00:00Z"));
    clock.advanceTo(midnight);
    expect(breaker.status().dailyPnl.toString()).toBe("0");
    expect(breaker.status().sessionStart).toBe(midnight);
    breaker.recordTrade("-200");
    expect(breaker.state).toBe("CLOSED");
  });

  it("counts yesterday's loss one millisecond before the boundary", () => {
    const midnight = Date.parse("2024-01-03T00:00:00Z");
    const { clock, breaker } = setup({ maxDailyLossPct: 3, initialBalance: "10000" });
    breaker.recordTrade("-200");
    clock.advanceTo(midnight - 1);
    breaker.recordTrade("-100");
    expect(breaker.state).toBe("OPEN");
  });

  it("rolls at a configured UTC time of day", () => {
    const boundary = Date.parse("2024-01-02T21:00:00Z");
    const { clock, breaker } = setup({ sessionBoundary: "21:00" });
    breaker.recordTrade("-5");
    breaker.recordOrder();
    clock.advanceTo(boundary - 1);
    expect(breaker.status()).toMatchObject({
      ordersToday: 1,
      sessionStart: Date.parse("2024-01-01T21:00:00Z"),
    });
    clock.advanceTo(boundary);
    expect(breaker.status()).toMatchObject({ ordersToday: 0, sessionStart: boundary });
    expect(breaker.status().dailyPnl.toString()).toBe("0");
  });

  it("rolls where a session function says a session starts", () => {
    // Sessions start at 17:00 New York time: 22:00 UTC in winter.
    const sessionStart = (ts: number) => {
      const day = Math.floor((ts - 22 * HOUR) / (24 * HOUR));
      return day * 24 * HOUR + 22 * HOUR;
    };
    const { clock, breaker } = setup({ sessionBoundary: sessionStart });
    breaker.recordTrade("-5");
    clock.advanceTo(Date.parse("2024-01-02T22:00:00Z") - 1);
    expect(breaker.status().dailyPnl.toString()).toBe("-5");
    clock.advanceTo(Date.parse("2024-01-02T22:00:00Z"));
    expect(breaker.status().dailyPnl.toString()).toBe("0");
  });

  it("takes the balance at the roll as the new day's base", () => {
    const { clock, breaker } = setup({ maxDailyLossPct: 10, initialBalance: "10000" });
    breaker.updateBalance("5000");
    clock.advanceTo(Date.parse("2024-01-03T00:00:00Z"));
    breaker.recordTrade("-499");
    expect(breaker.state).toBe("CLOSED");
    breaker.recordTrade("-1");
    expect(breaker.state).toBe("OPEN");
    expect(breaker.status().tripReason).toBe(
      "daily loss 10% (PnL -500 on a session-start balance of 5000) reached the limit of 10%",
    );
  });
});

describe("CircuitBreaker: drawdown", () => {
  it("trips when the balance falls maxDrawdownPct below its peak", () => {
    const { breaker, events } = setup({ maxDrawdownPct: 10 });
    breaker.updateBalance("10000");
    breaker.updateBalance("12000");
    breaker.updateBalance("10800.01");
    expect(breaker.state).toBe("CLOSED");
    expect(breaker.status().peakBalance?.toString()).toBe("12000");
    breaker.updateBalance("10800");
    expect(breaker.state).toBe("OPEN");
    expect(events[0]).toMatchObject({
      code: "MAX_DRAWDOWN",
      reason: "drawdown 10% (balance 10800 from a peak of 12000) reached the limit of 10%",
    });
  });

  it("uses a peak given by the caller when it is higher", () => {
    const { breaker } = setup({ maxDrawdownPct: 20 });
    breaker.updateBalance("8000", "10000");
    expect(breaker.state).toBe("OPEN");
    expect(breaker.status().drawdownPct?.toString()).toBe("20");
  });

  it("checkAndTrip takes a balance and answers whether trading must stop", () => {
    const { breaker } = setup({ maxDrawdownPct: 5 });
    expect(breaker.checkAndTrip({ balance: "1000" })).toBe(false);
    expect(breaker.checkAndTrip({ balance: "960" })).toBe(false);
    expect(breaker.checkAndTrip({ balance: "950" })).toBe(true);
    expect(breaker.checkAndTrip()).toBe(true);
  });
});

describe("CircuitBreaker: order rates", () => {
  it.each([
    [59_999, "OPEN"],
    [60_000, "CLOSED"],
  ])("with 3 per minute, a 4th order %i ms after the first leaves the breaker %s", (at, state) => {
    const { clock, breaker } = setup({ maxOrdersPerMinute: 3 });
    expect(breaker.recordOrder()).toBe(true);
    clock.advanceTo(T0 + 10_000);
    expect(breaker.recordOrder()).toBe(true);
    clock.advanceTo(T0 + 20_000);
    expect(breaker.recordOrder()).toBe(true);
    clock.advanceTo(T0 + at);
    expect(breaker.recordOrder()).toBe(state === "CLOSED");
    expect(breaker.state).toBe(state);
  });

  it("names the rate in the trip reason", () => {
    const { breaker, events } = setup({ maxOrdersPerMinute: 2 });
    breaker.recordOrder();
    breaker.recordOrder();
    breaker.recordOrder();
    expect(events[0]).toMatchObject({
      code: "MAX_ORDERS_PER_MINUTE",
      reason: "3 orders in the last minute exceed the limit of 2 per minute",
    });
  });

  it.each([
    [HOUR - 1, "OPEN"],
    [HOUR, "CLOSED"],
  ])("with 2 per hour, a 3rd order %i ms after the first leaves the breaker %s", (at, state) => {
    const { clock, breaker } = setup({ maxOrdersPerHour: 2 });
    breaker.recordOrder();
    clock.advanceTo(T0 + 30 * MIN);
    breaker.recordOrder();
    clock.advanceTo(T0 + at);
    breaker.recordOrder();
    expect(breaker.state).toBe(state);
    if (state === "OPEN") expect(breaker.status().tripCode).toBe("MAX_ORDERS_PER_HOUR");
  });

  it("counts no order while OPEN", () => {
    const { breaker } = setup({ maxOrdersPerMinute: 1 });
    breaker.recordOrder();
    breaker.recordOrder();
    expect(breaker.recordOrder()).toBe(false);
    expect(breaker.status()).toMatchObject({ ordersLastMinute: 2, ordersLastHour: 2, ordersToday: 2 });
  });
});

describe("CircuitBreaker: errors", () => {
  it("trips on maxConsecutiveErrors errors in a row; a success ends the streak", () => {
    const { breaker, events } = setup({ maxConsecutiveErrors: 3 });
    breaker.recordError();
    breaker.recordError(new Error("timeout"));
    breaker.recordSuccess();
    breaker.recordError();
    breaker.recordError();
    expect(breaker.state).toBe("CLOSED");
    breaker.recordError("venue down");
    expect(breaker.state).toBe("OPEN");
    expect(events[0]).toMatchObject({
      code: "MAX_CONSECUTIVE_ERRORS",
      reason: "3 errors in a row reached the limit of 3",
    });
  });
});

describe("CircuitBreaker: cooldown and HALF_OPEN", () => {
  function tripped(config: CircuitBreakerConfigInput) {
    const s = setup({ maxConsecutiveLosses: 2, ...config });
    s.breaker.recordTrade("-1");
    s.breaker.recordTrade("-1");
    s.events.length = 0;
    return s;
  }

  it("moves to HALF_OPEN exactly cooldownMinutes after the trip", () => {
    const { clock, breaker, events } = tripped({ cooldownMinutes: 15 });
    expect(breaker.status().halfOpensAt).toBe(T0 + 15 * MIN);
    clock.advanceTo(T0 + 15 * MIN - 1);
    expect(breaker.state).toBe("OPEN");
    expect(events).toEqual([]);
    clock.advanceTo(T0 + 15 * MIN);
    expect(events).toEqual([{ type: "CircuitBreakerHalfOpen", ts: T0 + 15 * MIN }]);
    expect(breaker.state).toBe("HALF_OPEN");
    expect(breaker.isOperational).toBe(true);
  });

  it("stamps the half-open event with its due time when the clock jumps past it", () => {
    const { clock, events } = tripped({ cooldownMinutes: 15 });
    clock.advanceTo(T0 + 3 * HOUR);
    expect(events).toEqual([{ type: "CircuitBreakerHalfOpen", ts: T0 + 15 * MIN }]);
  });

  it("closes on a trade that is not a loss while HALF_OPEN", () => {
    const { clock, breaker, events } = tripped({ cooldownMinutes: 15 });
    clock.advanceTo(T0 + 20 * MIN);
    expect(breaker.recordOrder()).toBe(true);
    breaker.recordTrade("12.5");
    expect(breaker.state).toBe("CLOSED");
    expect(events.at(-1)).toEqual({ type: "CircuitBreakerReset", ts: T0 + 20 * MIN, manual: false });
    expect(breaker.status()).toMatchObject({ tripCode: null, tripReason: null, trippedAt: null });
  });

  it("re-opens on a losing trade while HALF_OPEN, with a new cooldown", () => {
    const { clock, breaker, events } = tripped({ cooldownMinutes: 15 });
    clock.advanceTo(T0 + 20 * MIN);
    breaker.recordTrade("-3");
    expect(breaker.state).toBe("OPEN");
    expect(events.at(-1)).toEqual({
      type: "CircuitBreakerTripped",
      ts: T0 + 20 * MIN,
      code: "HALF_OPEN_FAILURE",
      reason: "losing trade -3 while half-open",
    });
    expect(breaker.status().halfOpensAt).toBe(T0 + 35 * MIN);
    clock.advanceTo(T0 + 35 * MIN - 1);
    expect(breaker.state).toBe("OPEN");
    clock.advanceTo(T0 + 35 * MIN);
    expect(breaker.state).toBe("HALF_OPEN");
  });

  it("re-opens on an error while HALF_OPEN", () => {
    const { clock, breaker } = tripped({ cooldownMinutes: 1 });
    clock.advanceTo(T0 + MIN);
    breaker.recordError(new Error("rejected: insufficient margin"));
    expect(breaker.status()).toMatchObject({
      state: "OPEN",
      tripCode: "HALF_OPEN_FAILURE",
      tripReason: "error while half-open: rejected: insufficient margin",
    });
  });

  it("after an error trip, a success closes HALF_OPEN; after a loss trip it does not", () => {
    const errors = setup({ maxConsecutiveErrors: 1, cooldownMinutes: 1 });
    errors.breaker.recordError();
    errors.clock.advanceTo(T0 + MIN);
    errors.breaker.recordSuccess();
    expect(errors.breaker.state).toBe("CLOSED");

    const losses = tripped({ cooldownMinutes: 1 });
    losses.clock.advanceTo(T0 + MIN);
    losses.breaker.recordSuccess();
    expect(losses.breaker.state).toBe("HALF_OPEN");
  });

  it("half-opening starts a fresh measurement, so the old loss does not re-trip at once", () => {
    const { clock, breaker } = setup({ maxDailyLossPct: 2, initialBalance: "1000", cooldownMinutes: 5 });
    breaker.recordTrade("-20");
    breaker.updateBalance("980");
    expect(breaker.state).toBe("OPEN");
    clock.advanceTo(T0 + 5 * MIN);
    breaker.updateBalance("980");
    expect(breaker.status()).toMatchObject({ state: "HALF_OPEN", consecutiveLosses: 0 });
    expect(breaker.status().dailyPnl.toString()).toBe("0");
  });
});

describe("CircuitBreaker: resets", () => {
  it("auto-resets exactly autoResetAfterMinutes after the trip", () => {
    const { clock, breaker, events } = setup({ maxConsecutiveErrors: 1, autoResetAfterMinutes: 30 });
    clock.advanceTo(T0 + 5000);
    breaker.recordError();
    expect(breaker.status().resetsAt).toBe(T0 + 5000 + 30 * MIN);
    clock.advanceTo(T0 + 5000 + 30 * MIN - 1);
    expect(breaker.state).toBe("OPEN");
    clock.advanceTo(T0 + 5000 + 30 * MIN);
    expect(breaker.state).toBe("CLOSED");
    expect(events.at(-1)).toEqual({ type: "CircuitBreakerReset", ts: T0 + 5000 + 30 * MIN, manual: false });
  });

  it("with both, half-opens after the cooldown and closes at the auto reset", () => {
    const { clock, breaker, events } = setup({
      maxConsecutiveLosses: 1,
      cooldownMinutes: 10,
      autoResetAfterMinutes: 60,
    });
    breaker.recordTrade("-1");
    clock.advanceTo(T0 + 2 * HOUR);
    expect(events.map((e) => [e.type, e.ts])).toEqual([
      ["CircuitBreakerTripped", T0],
      ["CircuitBreakerHalfOpen", T0 + 10 * MIN],
      ["CircuitBreakerReset", T0 + HOUR],
    ]);
    expect(breaker.state).toBe("CLOSED");
  });

  it("with requireManualReset, stays OPEN for days and refuses an automatic reset", () => {
    const { clock, breaker, events } = setup({ maxConsecutiveLosses: 1, requireManualReset: true });
    breaker.recordTrade("-1");
    clock.advanceTo(T0 + 7 * 24 * HOUR);
    expect(breaker.state).toBe("OPEN");
    expect(breaker.reset({ manual: false })).toBe(false);
    expect(breaker.state).toBe("OPEN");
    expect(breaker.reset()).toBe(true);
    expect(breaker.state).toBe("CLOSED");
    expect(events.at(-1)).toEqual({ type: "CircuitBreakerReset", ts: T0 + 7 * 24 * HOUR, manual: true });
  });

  it("a reset starts a fresh measurement and cancels the pending timers", () => {
    const { clock, breaker, events } = setup({
      maxDailyLossPct: 5,
      initialBalance: "1000",
      autoResetAfterMinutes: 30,
    });
    breaker.recordTrade("-50");
    breaker.updateBalance("950");
    expect(breaker.reset()).toBe(true);
    expect(breaker.status().dailyPnl.toString()).toBe("0");
    breaker.recordTrade("-40");
    expect(breaker.state).toBe("CLOSED");
    clock.advanceTo(T0 + HOUR);
    expect(events.map((e) => e.type)).toEqual(["CircuitBreakerTripped", "CircuitBreakerReset"]);
    expect(clock.timerNames()).toEqual([]);
  });

  it("a reset of a CLOSED breaker changes nothing", () => {
    const { breaker, events } = setup({});
    expect(breaker.reset()).toBe(false);
    expect(events).toEqual([]);
  });

  it("trips by hand and ignores a second trip while OPEN", () => {
    const { breaker, events } = setup({});
    breaker.trip("operator stop");
    breaker.trip("again");
    expect(events).toEqual([
      { type: "CircuitBreakerTripped", ts: T0, code: "MANUAL", reason: "operator stop" },
    ]);
  });
});

describe("CircuitBreaker: time and events", () => {
  /** A clock whose timers never fire, like a live clock whose timeout is late: reads must still be exact. */
  class SilentClock implements Clock {
    constructor(public time: number) {}
    now() {
      return this.time;
    }
    setTimer() {}
    setInterval() {}
    cancelTimer() {
      return false;
    }
    timerNames() {
      return [];
    }
  }

  it("applies a due cooldown at the exact moment on read, even when no timer fires", () => {
    const clock = new SilentClock(T0);
    const events: RiskEvent[] = [];
    const breaker = new CircuitBreaker({ clock, config: { maxConsecutiveLosses: 1, cooldownMinutes: 2 } });
    breaker.events$.subscribe((e) => events.push(e));
    breaker.recordTrade("-1");
    clock.time = T0 + 2 * MIN - 1;
    expect(breaker.isOperational).toBe(false);
    clock.time = T0 + 2 * MIN + 999;
    expect(breaker.isOperational).toBe(true);
    expect(events.at(-1)).toEqual({ type: "CircuitBreakerHalfOpen", ts: T0 + 2 * MIN });
  });

  it("delivers the same events to events$ and onEvent, in order", () => {
    const { clock, breaker, events } = setup({ maxConsecutiveLosses: 1, cooldownMinutes: 1 });
    const streamed: RiskEvent[] = [];
    breaker.events$.subscribe((e) => streamed.push(e));
    breaker.recordTrade("-1");
    clock.advanceTo(T0 + MIN);
    breaker.recordTrade("1");
    expect(streamed.map((e) => e.type)).toEqual([
      "CircuitBreakerTripped",
      "CircuitBreakerHalfOpen",
      "CircuitBreakerReset",
    ]);
    expect(streamed).toEqual(events);
  });

  it("reports its status", () => {
    const { clock, breaker } = setup({ maxDrawdownPct: 50, cooldownMinutes: 10 });
    breaker.updateBalance("2000");
    breaker.updateBalance("1900");
    breaker.recordTrade("-100");
    breaker.recordError();
    breaker.recordOrder();
    clock.advanceTo(T0 + 2 * MIN);
    breaker.recordOrder();
    breaker.trip("maintenance");
    const s = breaker.status();
    expect({
      ...s,
      dailyPnl: s.dailyPnl.toString(),
      balance: s.balance?.toString(),
      peakBalance: s.peakBalance?.toString(),
      drawdownPct: s.drawdownPct?.toString(),
      dailyLossPct: s.dailyLossPct?.toString(),
      trippedAt: formatTimestamp(s.trippedAt!),
    }).toEqual({
      state: "OPEN",
      isOperational: false,
      dailyPnl: "-100",
      dailyLossPct: "5",
      balance: "1900",
      peakBalance: "2000",
      drawdownPct: "5",
      consecutiveLosses: 1,
      consecutiveErrors: 1,
      ordersLastMinute: 1,
      ordersLastHour: 2,
      ordersToday: 2,
      tripCode: "MANUAL",
      tripReason: "maintenance",
      trippedAt: "2024-01-02T14:32:00Z",
      halfOpensAt: T0 + 12 * MIN,
      resetsAt: null,
      sessionStart: Date.parse("2024-01-02T00:00:00Z"),
    });
  });

  it("dispose cancels its timers and completes events$", () => {
    const { clock, breaker } = setup({
      maxConsecutiveLosses: 1,
      cooldownMinutes: 1,
      autoResetAfterMinutes: 2,
    });
    let completed = false;
    breaker.events$.subscribe({ complete: () => (completed = true) });
    breaker.recordTrade("-1");
    expect(clock.timerNames()).toHaveLength(2);
    breaker.dispose();
    expect(clock.timerNames()).toEqual([]);
    expect(completed).toBe(true);
  });
});

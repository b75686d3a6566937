import { type RiskEvent, VirtualClock } from "@ordo/core";
import { describe, expect, it } from "vitest";
import {
  CircuitBreaker,
  type CircuitBreakerConfigInput,
  type RiskConfigInput,
  RiskEngine,
} from "../src/index.js";
import { AAPL, buy, FakePortfolio, sell, T0 } from "./fixtures.js";

const MIN = 60_000;

function setup(breakerConfig: CircuitBreakerConfigInput, config: RiskConfigInput = {}) {
  const clock = new VirtualClock(T0);
  const portfolio = new FakePortfolio().price(AAPL.id, "150");
  const breaker = new CircuitBreaker({ clock, config: breakerConfig });
  const engine = new RiskEngine({ clock, config, portfolio, instruments: [AAPL], breaker });
  const events: RiskEvent[] = [];
  engine.events$.subscribe((e) => events.push(e));
  return { clock, portfolio, breaker, engine, events };
}

describe("RiskEngine wired to a CircuitBreaker", () => {
  it("says what would close a breaker that has no cooldown or auto reset", () => {
    const { breaker, engine } = setup({ maxConsecutiveLosses: 1 });
    breaker.recordTrade("-10");
    expect(engine.checkSubmit(buy("1"))).toMatchObject({
      message:
        "the circuit breaker is OPEN since 2024-01-02T14:30:00Z: 1 losing trade in a row reached the limit of 1; it stays OPEN until reset() is called (cooldownMinutes or autoResetAfterMinutes let it recover on its own)",
    });
    const manual = setup({ maxConsecutiveLosses: 1, requireManualReset: true });
    manual.breaker.recordTrade("-10");
    expect(manual.engine.checkSubmit(buy("1"))).toMatchObject({
      message:
        "the circuit breaker is OPEN since 2024-01-02T14:30:00Z: 1 losing trade in a row reached the limit of 1; it stays OPEN until a manual reset() (requireManualReset)",
    });
  });

  it("denies submissions with CIRCUIT_OPEN while OPEN, until the exact end of the cooldown", () => {
    const { clock, breaker, engine } = setup({ maxConsecutiveLosses: 2, cooldownMinutes: 15 });
    breaker.recordTrade("-10");
    breaker.recordTrade("-10");
    expect(engine.checkSubmit(buy("1"))).toEqual({
      allowed: false,
      check: "circuit-breaker",
      reason: "CIRCUIT_OPEN",
      message:
        "the circuit breaker is OPEN since 2024-01-02T14:30:00Z: 2 losing trades in a row reached the limit of 2; it half-opens at 2024-01-02T14:45:00Z",
    });
    clock.advanceTo(T0 + 15 * MIN - 1);
    expect(engine.checkSubmit(buy("1"))).toMatchObject({ reason: "CIRCUIT_OPEN" });
    clock.advanceTo(T0 + 15 * MIN);
    expect(engine.checkSubmit(buy("1")).allowed).toBe(true);
    expect(engine.checkCancel().allowed).toBe(true);
  });

  it("halts trading on a trip and restores it when the breaker half-opens", () => {
    const { clock, breaker, engine, events } = setup({ maxConsecutiveErrors: 1, cooldownMinutes: 5 });
    clock.advanceTo(T0 + 7);
    breaker.recordError();
    expect(engine.tradingState).toBe("HALTED");
    clock.advanceTo(T0 + 7 + 5 * MIN);
    expect(engine.tradingState).toBe("ACTIVE");
    expect(events).toEqual([
      {
        type: "CircuitBreakerTripped",
        ts: T0 + 7,
        code: "MAX_CONSECUTIVE_ERRORS",
        reason: "1 error in a row reached the limit of 1",
      },
      {
        type: "TradingStateChanged",
        ts: T0 + 7,
        state: "HALTED",
        reason: "circuit breaker tripped: 1 error in a row reached the limit of 1",
      },
      { type: "CircuitBreakerHalfOpen", ts: T0 + 7 + 5 * MIN },
      {
        type: "TradingStateChanged",
        ts: T0 + 7 + 5 * MIN,
        state: "ACTIVE",
        reason: "circuit breaker half-open",
      },
    ]);
  });

  it("with tradingStateOnTrip REDUCING, lets orders that reduce a position through while OPEN", () => {
    const { breaker, engine, portfolio } = setup(
      { maxConsecutiveLosses: 1 },
      { tradingStateOnTrip: "REDUCING" },
    );
    portfolio.hold(AAPL.id, "100");
    breaker.recordTrade("-1");
    expect(engine.tradingState).toBe("REDUCING");
    expect(engine.checkSubmit(sell("100")).allowed).toBe(true);
    expect(engine.checkSubmit(buy("1"))).toMatchObject({ reason: "CIRCUIT_OPEN" });
  });

  it("counts allowed submits in the breaker: the one beyond maxOrdersPerMinute trips it and is denied", () => {
    const { breaker, engine } = setup({ maxOrdersPerMinute: 2 }, { maxOrderQuantity: 10 });
    expect(engine.checkSubmit(buy("1")).allowed).toBe(true);
    expect(engine.checkSubmit(buy("11")).allowed).toBe(false);
    expect(engine.checkSubmit(buy("1")).allowed).toBe(true);
    expect(engine.checkSubmit(buy("1"))).toMatchObject({
      reason: "CIRCUIT_OPEN",
      message:
        "the circuit breaker is OPEN since 2024-01-02T14:30:00Z: 3 orders in the last minute exceed the limit of 2 per minute; it stays OPEN until reset() is called (cooldownMinutes or autoResetAfterMinutes let it recover on its own)",
    });
    expect(breaker.status().tripCode).toBe("MAX_ORDERS_PER_MINUTE");
    expect(engine.tradingState).toBe("HALTED");
  });

  it("never loosens a stricter state the user set, and keeps the user's later choice at reset", () => {
    const strict = setup({ maxConsecutiveLosses: 1 }, { tradingStateOnTrip: "REDUCING" });
    strict.engine.setTradingState("HALTED", "manual stop");
    strict.breaker.recordTrade("-1");
    expect(strict.engine.tradingState).toBe("HALTED");
    strict.breaker.reset();
    expect(strict.engine.tradingState).toBe("HALTED");

    const chosen = setup({ maxConsecutiveLosses: 1 });
    chosen.breaker.recordTrade("-1");
    chosen.engine.setTradingState("REDUCING", "wind down");
    chosen.breaker.reset();
    expect(chosen.engine.tradingState).toBe("REDUCING");
  });

  it("re-halts when a probe fails in HALF_OPEN and resumes when one succeeds", () => {
    const { clock, breaker, engine } = setup({ maxConsecutiveLosses: 1, cooldownMinutes: 1 });
    breaker.recordTrade("-1");
    clock.advanceTo(T0 + MIN);
    expect(engine.checkSubmit(buy("1")).allowed).toBe(true);
    breaker.recordTrade("-2");
    expect(engine.tradingState).toBe("HALTED");
    clock.advanceTo(T0 + 2 * MIN);
    expect(engine.checkSubmit(buy("1")).allowed).toBe(true);
    breaker.recordTrade("3");
    expect(breaker.state).toBe("CLOSED");
    expect(engine.tradingState).toBe("ACTIVE");
  });
});

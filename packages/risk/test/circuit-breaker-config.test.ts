import { ValidationError, VirtualClock } from "@ordo/core";
import { describe, expect, it } from "vitest";
import { CircuitBreaker, parseCircuitBreakerConfig } from "../src/index.js";

function errorOf(config: unknown): ValidationError {
  try {
    parseCircuitBreakerConfig(config);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error("expected a ValidationError");
}

describe("circuit breaker config", () => {
  it("has the documented defaults", () => {
    const config = parseCircuitBreakerConfig({});
    expect(config).toEqual({ requireManualReset: false, sessionBoundary: "00:00", name: "circuit-breaker" });
  });

  it("accepts percentages as strings, numbers or Decimals and keeps them exact", () => {
    const config = parseCircuitBreakerConfig({ maxDailyLossPct: "2.5", maxDrawdownPct: 0.1 });
    expect(config.maxDailyLossPct?.toString()).toBe("2.5");
    expect(config.maxDrawdownPct?.toString()).toBe("0.1");
  });

  it.each([
    [{ maxDailyLossPct: 0 }, "maxDailyLossPct: must be greater than zero, got 0"],
    [{ maxDrawdownPct: "120" }, "maxDrawdownPct: must be a percentage in (0, 100], got 120"],
    [{ maxConsecutiveLosses: 2.5 }, "maxConsecutiveLosses: must be a whole number"],
    [{ maxOrdersPerMinute: 0 }, "maxOrdersPerMinute: must be at least 1"],
    [{ cooldownMinutes: -1 }, "cooldownMinutes: must be a positive number of minutes"],
    [{ sessionBoundary: "24:00" }, 'sessionBoundary: must be a UTC time of day "HH:MM" or "HH:MM:SS"'],
    [{ maxDailyLoss: 3 }, "maxDailyLoss: is not a known setting"],
    [
      { requireManualReset: true, cooldownMinutes: 5 },
      "cooldownMinutes: cannot be combined with requireManualReset: true",
    ],
    [
      { cooldownMinutes: 30, autoResetAfterMinutes: 30 },
      "cooldownMinutes: must be less than autoResetAfterMinutes (30) when both are set",
    ],
  ])("refuses %j naming the field", (config, message) => {
    const error = errorOf(config);
    expect(error.message).toContain(message);
  });

  it("the breaker refuses bad settings at construction", () => {
    expect(
      () => new CircuitBreaker({ clock: new VirtualClock(0), config: { maxDailyLossPct: "x" } }),
    ).toThrow('maxDailyLossPct: must be a decimal number, got "x"');
  });

  it("a session function must return a start not after the time", () => {
    const breaker = () =>
      new CircuitBreaker({ clock: new VirtualClock(1000), config: { sessionBoundary: (ts) => ts + 1 } });
    expect(breaker).toThrow("sessionBoundary(1000) returned 1001");
  });
});

import { dec, type RiskEvent, VirtualClock } from "@ordo/core";
import { describe, expect, it } from "vitest";
import { type RiskConfigInput, RiskEngine } from "../src/index.js";
import { AAPL, buy, FakePortfolio, sell, T0 } from "./fixtures.js";

function setup(config: RiskConfigInput = {}) {
  const clock = new VirtualClock(T0);
  const portfolio = new FakePortfolio().price(AAPL.id, "150");
  const events: RiskEvent[] = [];
  const engine = new RiskEngine({
    clock,
    config,
    portfolio,
    instruments: [AAPL],
    onEvent: (e) => events.push(e),
  });
  return { clock, portfolio, engine, events };
}

describe("trading state", () => {
  it("starts ACTIVE, or in the configured initialTradingState", () => {
    expect(setup().engine.tradingState).toBe("ACTIVE");
    expect(setup({ initialTradingState: "HALTED" }).engine.tradingState).toBe("HALTED");
  });

  it("emits TradingStateChanged when the user changes it, and nothing when it stays", () => {
    const { engine, clock, events } = setup();
    const streamed: RiskEvent[] = [];
    engine.events$.subscribe((e) => streamed.push(e));
    clock.advanceTo(T0 + 10);
    expect(engine.setTradingState("REDUCING", "end of day")).toBe(true);
    expect(engine.setTradingState("REDUCING")).toBe(false);
    expect(events).toEqual([
      { type: "TradingStateChanged", ts: T0 + 10, state: "REDUCING", reason: "end of day" },
    ]);
    expect(streamed).toEqual(events);
    expect(engine.tradingStateReason).toBe("end of day");
  });

  it("REDUCING lets through only orders that reduce a position", () => {
    const { engine, portfolio } = setup({ initialTradingState: "REDUCING" });
    const flat = engine.checkSubmit(buy("10"));
    expect(flat).toMatchObject({
      allowed: false,
      reason: "TRADING_REDUCING",
      message:
        "trading is REDUCING (initial state): BUY 10 would add exposure to AAPL.XNAS (position 0); only orders that reduce a position pass",
    });
    portfolio.hold(AAPL.id, "100");
    expect(engine.checkSubmit(sell("40")).allowed).toBe(true);
    expect(engine.checkSubmit(sell("100")).allowed).toBe(true);
    expect(engine.checkSubmit(sell("101"))).toMatchObject({ allowed: false, reason: "TRADING_REDUCING" });
    expect(engine.checkSubmit(buy("1"))).toMatchObject({ allowed: false, reason: "TRADING_REDUCING" });
    portfolio.hold(AAPL.id, "-100");
    expect(engine.checkSubmit(buy("100")).allowed).toBe(true);
  });

  it("REDUCING judges a modify by what is left to fill", () => {
    const { engine, portfolio } = setup({ initialTradingState: "REDUCING" });
    portfolio.hold(AAPL.id, "50");
    const exit = sell("50");
    expect(engine.checkModify(exit, { price: dec("151") }).allowed).toBe(true);
    expect(engine.checkModify(exit, { quantity: dec("60") })).toMatchObject({ reason: "TRADING_REDUCING" });
  });

  it("HALTED refuses every submit and modify but lets cancels through", () => {
    const { engine, portfolio } = setup();
    portfolio.hold(AAPL.id, "100");
    engine.setTradingState("HALTED", "exchange outage");
    expect(engine.checkSubmit(sell("100"))).toEqual({
      allowed: false,
      check: "trading-state",
      reason: "TRADING_HALTED",
      message: "trading is HALTED (exchange outage); only cancels pass",
    });
    expect(engine.checkModify(sell("100"), { price: dec("149") })).toMatchObject({
      reason: "TRADING_HALTED",
    });
    expect(engine.checkCancel()).toEqual({ allowed: true });
    engine.setTradingState("ACTIVE", "outage over");
    expect(engine.checkSubmit(sell("100")).allowed).toBe(true);
  });
});

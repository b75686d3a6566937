import type { Bar, OrderEvent } from "@ordo/core";
import { BarSeries } from "@ordo/data";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  backtestResultToJSON,
  runBacktest,
  STRATEGY_CONSTRUCTOR_THREW,
  type StrategyContext,
} from "../src/index.js";
import { Rig } from "./emulator-support.js";
import { AAPL, cashAccount, DAY, dailyBars, flatBars, MSFT, T0 } from "./support.js";

describe("runBacktest", () => {
  it("fills a market order sent on a bar's close at the next bar's open, and values the position at the last close", () => {
    class BuyOnce {
      onBar(ctx: StrategyContext, bar: Bar) {
        if (ctx.portfolio.position(bar.instrumentId).isZero() && ctx.getOpenOrders().length === 0) {
          ctx.order(bar.instrumentId, 10);
        }
      }
    }
    const bars = dailyBars(AAPL.id, [
      [100, 101, 99, 100],
      [102, 105, 101, 104],
      [104, 106, 103, 105],
    ]);
    const result = runBacktest({
      strategy: BuyOnce,
      feeds: [{ instrument: AAPL, series: bars }],
      account: cashAccount(),
    });
    expect(result.fills.map((f) => [f.side, f.price.toString(), f.quantity.toString()])).toEqual([
      ["BUY", "102", "10"],
    ]);
    // 100000 − 10 × 102 = 98980 cash; 10 × 105 = 1050 held.
    expect(result.cash.toString()).toBe("98980");
    expect(result.finalValue.toString()).toBe("100030");
    expect(result.orders[0]?.status).toBe("FILLED");
  });

  it("gives the same event log hash for the same inputs and a different one when anything observable differs", () => {
    const run = (qty: number) =>
      runBacktest({
        strategy: class {
          onBar(ctx: StrategyContext, bar: Bar) {
            ctx.order(bar.instrumentId, qty);
          }
        },
        feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 101, 102, 103]) }],
        account: cashAccount(),
      }).eventLogHash;
    expect(run(1)).toBe(run(1));
    expect(run(1)).not.toBe(run(2));
    expect(run(1)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("reports a throwing strategy hook as a StrategyError and goes on with the run", () => {
    let bars = 0;
    const result = runBacktest({
      strategy: class {
        onBar(_ctx: StrategyContext, bar: Bar) {
          bars++;
          if (bar.close === 101) throw new Error("boom on 101");
        }
      },
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 101, 102]) }],
      account: cashAccount(),
      breaker: { maxConsecutiveErrors: 5 },
    });
    expect(bars).toBe(3);
    expect(result.strategyErrors).toEqual([
      expect.objectContaining({ type: "StrategyError", hook: "onBar", message: "boom on 101" }),
    ]);
  });

  it("names the class of what a hook threw when it says more than Error, as Node prints it", () => {
    class SignalError extends Error {
      override name = "SignalError";
    }
    const logLines: string[] = [];
    const result = runBacktest({
      strategy: class {
        onBar(ctx: StrategyContext, bar: Bar) {
          if (bar.close === 100) (undefined as unknown as Bar).close; // a TypeError, as a typo gives one
          if (bar.close === 101) throw new SignalError("no signal for 101");
          if (bar.close === 102) ctx.cancelOrder("O-never-placed"); // Ordo's own error: its code leads
          if (bar.close === 103) throw "a bare string";
        }
      },
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 101, 102, 103]) }],
      account: cashAccount(),
      onLog: (line) => logLines.push(line.message),
    });
    expect(result.strategyErrors.map((e) => e.message)).toEqual([
      "TypeError: Cannot read properties of undefined (reading 'close')",
      "SignalError: no signal for 101",
      expect.stringMatching(/^UNKNOWN_ORDER: /),
      "a bare string",
    ]);
    expect(logLines[0]).toBe("onBar threw: TypeError: Cannot read properties of undefined (reading 'close')");
  });

  describe("maxConsecutiveErrors counts hook errors in a row", () => {
    const throwingOn = (closes: readonly number[]) =>
      class {
        onBar(_ctx: StrategyContext, bar: Bar) {
          if (closes.includes(bar.close)) throw new Error(`boom on ${bar.close}`);
        }
      };
    const prices = [100, 101, 102, 103, 104, 105];

    it("does not trip when each error is followed by a hook that returns", () => {
      const result = runBacktest({
        strategy: throwingOn([101, 103, 105]),
        feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, prices) }],
        account: cashAccount(),
        breaker: { maxConsecutiveErrors: 2 },
      });
      expect(result.strategyErrors).toHaveLength(3);
      expect(result.riskEvents).toEqual([]);
    });

    it("trips on the error that makes the limit with no hook returning between", () => {
      const result = runBacktest({
        strategy: throwingOn([101, 103, 104]),
        feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, prices) }],
        account: cashAccount(),
        breaker: { maxConsecutiveErrors: 2 },
      });
      expect(backtestResultToJSON(result).riskEvents[0]).toEqual({
        type: "CircuitBreakerTripped",
        ts: "2024-01-06T21:00:00Z",
        code: "MAX_CONSECUTIVE_ERRORS",
        reason: "2 errors in a row reached the limit of 2",
      });
    });

    it("closes the HALF_OPEN breaker an error streak tripped at the first hook that returns", () => {
      const result = runBacktest({
        strategy: throwingOn([101, 102]),
        feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, prices) }],
        account: cashAccount(),
        breaker: { maxConsecutiveErrors: 2, cooldownMinutes: 60 },
      });
      expect(
        backtestResultToJSON(result)
          .riskEvents.filter((e) => String(e.type).startsWith("CircuitBreaker"))
          .map((e) => [e.type, e.ts]),
      ).toEqual([
        ["CircuitBreakerTripped", "2024-01-04T21:00:00Z"],
        ["CircuitBreakerHalfOpen", "2024-01-04T22:00:00Z"],
        ["CircuitBreakerReset", "2024-01-05T21:00:00Z"],
      ]);
    });
  });

  it("refuses a strategy class whose constructor throws with a ValidationError of `strategy`, before anything runs", () => {
    const cause = new Error("no universe configured");
    const run = () =>
      runBacktest({
        strategy: class Picky {
          constructor() {
            throw cause;
          }
        },
        feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 101]) }],
        account: cashAccount(),
      });
    expect(run).toThrow(
      expect.objectContaining({
        name: "ValidationError",
        code: STRATEGY_CONSTRUCTOR_THREW,
        issues: [
          {
            path: ["strategy"],
            message: "the constructor of Picky threw: no universe configured",
            code: STRATEGY_CONSTRUCTOR_THREW,
          },
        ],
        cause,
      }),
    );
  });

  it("refuses a strategy whose only hook-like methods are misspelt, naming the hooks they meant", () => {
    const run = (strategy: Parameters<typeof runBacktest>[0]["strategy"]) => () =>
      runBacktest({
        strategy,
        feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 101]) }],
        account: cashAccount(),
      });
    const hooks = "onStart, onBar, onQuote, onTrade, onOrderEvent, onPositionEvent, onStop";
    expect(
      run(
        class Typo {
          onbar() {}
        } as never,
      ),
    ).toThrow(
      `STRATEGY_WITHOUT_HOOKS: strategy: the strategy class Typo has none of the hooks ${hooks}, so nothing of it would ever run; did you mean onBar for onbar?`,
    );
    expect(run({ OnOrderEvents() {} } as never)).toThrow(
      `the strategy has none of the hooks ${hooks}, so nothing of it would ever run; did you mean onOrderEvent for OnOrderEvents?`,
    );
  });

  it("refuses a params schema on the instance or on a strategy object, which it would never read", () => {
    const run = (strategy: Parameters<typeof runBacktest>[0]["strategy"]) => () =>
      runBacktest({
        strategy,
        feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 101]) }],
        account: cashAccount(),
        params: { size: -5 },
      });
    const Params = z.object({ size: z.number().positive() });
    expect(
      run(
        class Sizer {
          params = Params;
          onBar() {}
        } as never,
      ),
    ).toThrow(
      "STRATEGY_PARAMS_NOT_STATIC: strategy: Sizer declares params on its instances (params = z.object(...)), where the engine never reads it",
    );
    expect(run({ params: Params, onBar() {} } as never)).toThrow(
      "strategy: the strategy object's params is a schema the engine never reads",
    );
    // A static schema is read as ever, and a field named params that is no schema is the strategy's own.
    expect(
      run(
        class Static {
          static params = Params;
          onBar() {}
        } as never,
      ),
    ).toThrow("Too small: expected number to be >0");
    expect(
      run(
        class Own {
          params = { size: 1 };
          onBar() {}
        } as never,
      ),
    ).not.toThrow();
  });

  it("runs a strategy with a misspelt method beside real hooks, and warns that the method is never called", () => {
    const result = runBacktest({
      strategy: class Half {
        onStart() {}
        onBars() {}
        onQuote2() {}
        onOrder() {}
        helper() {}
        restart() {}
        on() {}
      },
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 101]) }],
      account: cashAccount(),
    });
    expect(result.logs.map((l) => `${l.level} ${l.message}`)).toEqual([
      "warn onBars is never called: did you mean onBar?",
      "warn onQuote2 is never called: did you mean onQuote?",
      "warn onOrder is never called: did you mean onOrderEvent?",
    ]);
  });

  it("denies an order whose limit price is off the tick with PRICE_NOT_ON_TICK and tells the strategy", () => {
    const events: OrderEvent[] = [];
    const result = runBacktest({
      strategy: class {
        onStart(ctx: StrategyContext) {
          ctx.orders.placeLimit({ instrumentId: AAPL.id, side: "BUY", quantity: 1, price: "100.005" });
        }
        onOrderEvent(_ctx: StrategyContext, e: OrderEvent) {
          events.push(e);
        }
      },
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 101]) }],
      account: cashAccount(),
    });
    expect(events.map((e) => e.type)).toEqual(["OrderInitialized", "OrderDenied"]);
    expect(events[1]).toMatchObject({
      code: "PRICE_NOT_ON_TICK",
      reason: "limit price 100.005 is not a multiple of tick size 0.01 for AAPL.XNAS",
    });
    expect(result.orders[0]?.status).toBe("DENIED");
  });

  it("sizes orderTargetPercent from portfolio value and the last close, rounding down to the lot", () => {
    const result = runBacktest({
      strategy: class {
        onBar(ctx: StrategyContext, bar: Bar) {
          if (bar.close === 100) ctx.orderTargetPercent(bar.instrumentId, "0.5");
        }
      },
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 103]) }],
      account: cashAccount(),
      risk: { checkBuyingPower: false },
    });
    // 50% of 100000 at 100 = 500 shares, filled at the next open 103.
    expect(result.fills.map((f) => `${f.side} ${f.quantity}@${f.price}`)).toEqual(["BUY 500@103"]);
  });

  it("replays several instruments in time order and lets history see only what has happened", () => {
    const seen: string[] = [];
    runBacktest({
      strategy: class {
        onBar(ctx: StrategyContext, bar: Bar) {
          const other = bar.instrumentId === AAPL.id ? MSFT.id : AAPL.id;
          seen.push(`${bar.instrumentId}:${[...ctx.data.history(other, "close", 5)].join(",")}`);
        }
      },
      feeds: [
        { instrument: AAPL, series: flatBars(AAPL.id, [1, 2]) },
        { instrument: MSFT, series: flatBars(MSFT.id, [10, 20]) },
      ],
      account: cashAccount(),
    });
    expect(seen).toEqual(["AAPL.XNAS:", "MSFT.XNAS:1", "AAPL.XNAS:10", "MSFT.XNAS:1,2"]);
  });

  it("hands each history call its own array: sorting it in place changes no later window and no data", () => {
    const series = flatBars(AAPL.id, [3, 1, 2, 5, 4]);
    const windows: string[] = [];
    const result = runBacktest({
      strategy: class {
        onBar(ctx: StrategyContext, bar: Bar) {
          const closes = ctx.data.history(bar.instrumentId, "close", 3);
          windows.push(closes.join(","));
          closes.sort().reverse(); // a median or a top-k in place, as strategies do
          ctx.record({ highest: closes[0]! });
        }
      },
      feeds: [{ instrument: AAPL, series }],
      account: cashAccount(),
    });
    expect(windows).toEqual(["3", "3,1", "3,1,2", "1,2,5", "2,5,4"]);
    expect(result.recorded.map((r) => r.values.highest)).toEqual([3, 3, 3, 5, 5]);
    expect([...series.close]).toEqual([3, 1, 2, 5, 4]);
  });

  it("lets history reach back before `start` from the first bar, while orders, fills and the curve start at `start`", () => {
    const firstBar: number[] = [];
    const closes: string[] = [];
    const result = runBacktest({
      strategy: class {
        onBar(ctx: StrategyContext, bar: Bar) {
          if (firstBar.length === 0) {
            firstBar.push(ctx.data.history(bar.instrumentId, "close", 40).length);
            ctx.order(bar.instrumentId, 1);
          }
          closes.push([...ctx.data.history(bar.instrumentId, "close", 40)].join(","));
        }
      },
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [1, 2, 3, 4, 5, 6, 7]) }],
      account: cashAccount(),
      start: T0 + 3 * DAY,
      end: T0 + 6 * DAY,
    });
    // Three bars before the start and the first bar of the run; the bar at the end stays unseen.
    expect(firstBar).toEqual([4]);
    expect(closes).toEqual(["1,2,3,4", "1,2,3,4,5", "1,2,3,4,5,6"]);
    expect(result.events).toBe(3);
    expect(result.start).toBe(T0 + 3 * DAY);
    expect(result.end).toBe(T0 + 5 * DAY);
    expect(result.fills.map((f) => `${f.side} ${f.quantity}@${f.price}`)).toEqual(["BUY 1@5"]);
    expect(result.equityCurve[0]).toEqual(expect.objectContaining({ ts: T0 + 3 * DAY }));
  });

  it("serves an instrument's last close before `start` as current until its first bar, without a price to trade at", () => {
    const seen: string[] = [];
    runBacktest({
      strategy: class {
        onBar(ctx: StrategyContext, bar: Bar) {
          const day = (bar.ts - T0) / DAY;
          const msftDay = (ctx.data.current(MSFT.id, "ts") - T0) / DAY;
          const msft = `${ctx.data.current(MSFT.id, "close")}@${msftDay} [${ctx.data.history(MSFT.id, "close", 5).join(",")}]`;
          seen.push(`${bar.instrumentId}@${day}: MSFT ${msft} canTrade ${ctx.data.canTrade(MSFT.id)}`);
        }
      },
      feeds: [
        { instrument: AAPL, series: flatBars(AAPL.id, [1, 2, 3, 4]) },
        // MSFT has no bar on day 2, the run's first: its first bar in the run is on day 3.
        {
          instrument: MSFT,
          series: BarSeries.fromBars(
            MSFT.id,
            [0, 1, 3].map((d) => ({
              ts: T0 + d * DAY,
              open: 10 * (d + 1),
              high: 10 * (d + 1),
              low: 10 * (d + 1),
              close: 10 * (d + 1),
              volume: 1,
            })),
          ),
        },
      ],
      account: cashAccount(),
      start: T0 + 2 * DAY,
    });
    expect(seen).toEqual([
      "AAPL.XNAS@2: MSFT 20@1 [10,20] canTrade false",
      "AAPL.XNAS@3: MSFT 20@1 [10,20] canTrade false",
      "MSFT.XNAS@3: MSFT 40@3 [10,20,40] canTrade true",
    ]);
  });

  it("writes a result JSON with decimals as strings and ISO times", () => {
    const result = runBacktest({
      strategy: class {
        onBar(ctx: StrategyContext, bar: Bar) {
          if (bar.close === 100) ctx.order(bar.instrumentId, 3);
          ctx.record({ close: bar.close });
        }
      },
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 110]) }],
      account: cashAccount("1000"),
    });
    const json = backtestResultToJSON(result);
    expect(json.finalValue).toBe("1000");
    expect(json.fills).toEqual([
      {
        at: "2024-01-03T21:00:00Z",
        orderId: expect.any(String),
        instrumentId: AAPL.id,
        side: "BUY",
        price: "110",
        quantity: "3",
        commission: "0",
      },
    ]);
    expect(json.recorded).toEqual([
      { ts: "2024-01-02T21:00:00Z", values: { close: 100 } },
      { ts: "2024-01-03T21:00:00Z", values: { close: 110 } },
    ]);
    expect(JSON.stringify(json)).not.toContain("NaN");
  });

  it("puts each denied order's code and reason on it in the result JSON, and leaves filled orders without one", () => {
    const result = runBacktest({
      strategy: class {
        n = 0;
        onBar(ctx: StrategyContext, bar: Bar) {
          if (this.n++ === 0) {
            ctx.order(bar.instrumentId, 10);
            ctx.order(bar.instrumentId, 1000);
          }
        }
      },
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 100, 100]) }],
      account: cashAccount("10000"),
    });
    const orders = backtestResultToJSON(result).orders;
    expect(orders.map((o) => [o.status, o.reason])).toEqual([
      ["FILLED", undefined],
      [
        "DENIED",
        "INSUFFICIENT_FUNDS: order needs 100000 USD for 1000 AAPL.XNAS at 100, but buying power is 10000",
      ],
    ]);
  });

  it("gives a trailing order's offsets in the result JSON, decimals as strings, and trailing null on other orders", () => {
    const result = runBacktest({
      strategy: class {
        n = 0;
        onBar(ctx: StrategyContext, bar: Bar) {
          if (this.n++ !== 0) return;
          ctx.orders.placeTrailingStop({
            instrumentId: bar.instrumentId,
            side: "SELL",
            quantity: 1,
            offsetType: "PERCENT",
            offset: "2.5",
            limitOffset: "3",
            activationPrice: "105",
          });
          ctx.orders.placeTrailingStop({
            instrumentId: bar.instrumentId,
            side: "BUY",
            quantity: 1,
            offsetType: "TICKS",
            offset: 50,
          });
          ctx.orders.placeLimit({ instrumentId: bar.instrumentId, side: "BUY", quantity: 1, price: "90" });
        }
      },
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 100, 100]) }],
      account: cashAccount(),
    });
    const orders = backtestResultToJSON(result).orders;
    expect(orders.map((o) => [o.type, o.trailing])).toEqual([
      [
        "TRAILING_STOP_LIMIT",
        { offsetType: "PERCENT", offset: "2.5", limitOffset: "3", activationPrice: "105" },
      ],
      [
        "TRAILING_STOP_MARKET",
        { offsetType: "TICKS", offset: "50", limitOffset: null, activationPrice: null },
      ],
      ["LIMIT", null],
    ]);
    // Beside the order's other optional fields, after expireAt, as on the Order type.
    expect(Object.keys(orders[2]!).slice(13, 16)).toEqual(["expireAt", "trailing", "reduceOnly"]);
    // The trailed trigger is the order's own triggerPrice, as before: 50 ticks of 0.01 above 100.
    expect(orders[1]!.triggerPrice).toBe("100.5");
  });

  it("gives an iceberg's displayQuantity in the result JSON, as a string, and null on other orders", () => {
    const result = runBacktest({
      strategy: class {
        n = 0;
        onBar(ctx: StrategyContext, bar: Bar) {
          if (this.n++ !== 0) return;
          ctx.orders.placeLimit({
            instrumentId: bar.instrumentId,
            side: "BUY",
            quantity: 500,
            price: "90",
            displayQuantity: 100,
          });
          ctx.orders.placeLimit({ instrumentId: bar.instrumentId, side: "BUY", quantity: 1, price: "90" });
        }
      },
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 100, 100]) }],
      account: cashAccount(),
    });
    const orders = backtestResultToJSON(result).orders;
    expect(orders.map((o) => [o.quantity, o.displayQuantity])).toEqual([
      ["500", "100"],
      ["1", null],
    ]);
    expect(Object.keys(orders[0]!).slice(15, 18)).toEqual(["reduceOnly", "postOnly", "displayQuantity"]);
  });

  it("lists the circuit breaker's trip and the trading state it set in riskEvents, times in ISO", () => {
    const result = runBacktest({
      strategy: class {
        onBar(ctx: StrategyContext, bar: Bar) {
          if (ctx.portfolio.position(bar.instrumentId).isZero()) ctx.order(bar.instrumentId, 50);
        }
      },
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 100, 80, 70]) }],
      account: cashAccount("10000"),
      breaker: { maxDrawdownPct: 10 },
    });
    expect(backtestResultToJSON(result).riskEvents).toEqual([
      {
        type: "CircuitBreakerTripped",
        ts: "2024-01-04T21:00:00Z",
        code: "MAX_DRAWDOWN",
        reason: expect.stringMatching(/^drawdown 10% .* reached the limit of 10%$/),
      },
      expect.objectContaining({ type: "TradingStateChanged", ts: "2024-01-04T21:00:00Z", state: "HALTED" }),
    ]);
  });

  it("records numbers and Decimals, and refuses anything else by name as the hook's error", () => {
    const result = runBacktest({
      strategy: class {
        onBar(ctx: StrategyContext, bar: Bar) {
          ctx.record({ close: bar.close, cash: ctx.portfolio.cash });
          if (bar.close === 101) ctx.record({ signal: "buy" as unknown as number });
        }
      },
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 101]) }],
      account: cashAccount("1000"),
    });
    expect(backtestResultToJSON(result).recorded).toEqual([
      { ts: "2024-01-02T21:00:00Z", values: { close: 100, cash: 1000 } },
      { ts: "2024-01-03T21:00:00Z", values: { close: 101, cash: 1000 } },
    ]);
    expect(result.strategyErrors.map((e) => e.message)).toEqual([
      'VALIDATION: record.signal: must be a number or a Decimal, got the string "buy"',
    ]);
  });

  it("refuses record(name, value) and other non-objects with the call to write instead", () => {
    const result = runBacktest({
      strategy: class {
        onBar(ctx: StrategyContext, bar: Bar) {
          const record = ctx.record as (...args: unknown[]) => void;
          if (bar.close === 100) record("spread", 1.5);
          else record(["spread", 1.5]);
        }
      },
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 101]) }],
      account: cashAccount("1000"),
    });
    expect(result.strategyErrors.map((e) => e.message)).toEqual([
      'VALIDATION: record: takes one object of named values, e.g. ctx.record({ "spread": 1.5 }); got the name "spread" and the value as a second argument',
      "VALIDATION: record: takes one object of named values, e.g. ctx.record({ spread: 1.5 }); got an array",
    ]);
    // Nothing is recorded from a refused call (a name used to be read letter by letter: `record.0: ...`).
    expect(backtestResultToJSON(result).recorded).toEqual([]);
  });

  it("measures exposure at the equity curve's end-of-day points: an intraday round trip each day reads 0, its holding time says how long", () => {
    // Minute bars on two UTC days; the strategy buys at 10:00 and sells at 10:30 each day.
    const bars = ["2024-01-02", "2024-01-03"].flatMap((day) =>
      Array.from({ length: 120 }, (_, i) => {
        const c = 100 + (i % 7);
        return {
          ts: Date.parse(`${day}T09:00:00Z`) + (i + 1) * 60_000,
          open: c,
          high: c,
          low: c,
          close: c,
          volume: 1e6,
        };
      }),
    );
    const result = runBacktest({
      strategy: class {
        onBar(ctx: StrategyContext, bar: Bar) {
          const minute = new Date(bar.ts).toISOString().slice(11, 16);
          if (minute === "10:00") ctx.order(bar.instrumentId, 10);
          if (minute === "10:30") ctx.order(bar.instrumentId, -10);
        }
      },
      feeds: [{ instrument: AAPL, series: BarSeries.fromBars(AAPL.id, bars) }],
      account: cashAccount(),
    });
    expect(result.fills).toHaveLength(4);
    // The first event, then each day's last: both days are flat by then.
    expect(result.equityCurve.map((p) => new Date(p.ts).toISOString())).toEqual([
      "2024-01-02T09:01:00.000Z",
      "2024-01-02T11:00:00.000Z",
      "2024-01-03T11:00:00.000Z",
    ]);
    expect(result.metrics.exposure).toBe(0);
    expect(result.metrics.averageExposure).toBe(0);
    expect(result.tradeStats.trades).toBe(2);
    expect(result.tradeStats.averageHoldingTimeMs).toBe(30 * 60_000);
  });

  it("writes each equity point's drawdown as a fraction of the peak to 10 decimal places", () => {
    const result = runBacktest({
      strategy: class {
        n = 0;
        onBar(ctx: StrategyContext, bar: Bar) {
          if (this.n++ === 0) ctx.order(bar.instrumentId, 1);
        }
      },
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 100, 99, 100]) }],
      account: cashAccount("300"),
    });
    // 299 against a peak of 300: -1/300, which Decimal divides to 40 digits.
    expect(backtestResultToJSON(result).equityCurve.map((p) => [p.equity, p.drawdown])).toEqual([
      ["300", "0"],
      ["300", "0"],
      ["299", "-0.0033333333"],
      ["300", "0"],
    ]);
  });

  it("runs a strategy with no hook (warning once) and reports how long its setup, loop and results took, outside the result JSON", () => {
    const result = runBacktest({
      strategy: class {},
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 110]) }],
      account: cashAccount("1000"),
    });
    expect(result.logs.map((l) => l.message)).toEqual([
      "the strategy has none of the hooks onStart, onBar, onQuote, onTrade, onOrderEvent, onPositionEvent, onStop: nothing of it runs",
    ]);
    const { setupMs, loopMs, resultMs } = result.timings;
    for (const ms of [setupMs, loopMs, resultMs]) expect(ms).toBeGreaterThanOrEqual(0);
    expect(Object.keys(backtestResultToJSON(result))).not.toContain("timings");
  });
});

describe("runBacktest: fills the account cannot book", () => {
  /** Buys `quantity` on the first bar; records every order event the strategy sees. */
  function buyOnFirstBar(quantity: number) {
    const seen: string[] = [];
    class Buy {
      n = 0;
      onBar(ctx: StrategyContext, bar: Bar) {
        if (this.n++ === 0) ctx.order(bar.instrumentId, quantity);
      }
      onOrderEvent(_ctx: StrategyContext, event: OrderEvent) {
        seen.push(event.type === "OrderCanceled" ? `${event.type}: ${event.reason}` : event.type);
      }
    }
    return { strategy: Buy, seen };
  }

  it("cancels a market order the cash no longer covers at the next open (sized at the close), and goes on", () => {
    // 100 shares at the close of 100 pass the buying-power check (10000); the next open is 105.
    const { strategy, seen } = buyOnFirstBar(100);
    const result = runBacktest({
      strategy,
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 105, 107]) }],
      account: cashAccount("10000"),
    });
    expect(seen).toEqual([
      "OrderInitialized",
      "OrderSubmitted",
      "OrderAccepted",
      "OrderCanceled: INSUFFICIENT_FUNDS: cash account BACKTEST: BUY 100 AAPL.XNAS @ 105 needs 10500 USD (notional 10500 USD, commission 0 USD) but the balance is 10000 USD",
    ]);
    expect(result.fills).toEqual([]);
    expect(result.orders.map((o) => o.status)).toEqual(["CANCELED"]);
    expect(result.cash.toFixed()).toBe("10000");
    expect(result.finalValue.toFixed()).toBe("10000");
    // The result JSON says why the order ended canceled, next to its status.
    const [order] = backtestResultToJSON(result).orders;
    expect(Object.keys(order!).slice(5, 7)).toEqual(["status", "reason"]);
    expect(order!.reason).toBe(seen.at(-1)!.slice("OrderCanceled: ".length));
  });

  it("cancels a short sale in a cash account and an order over a margin account's initial margin", () => {
    const short = buyOnFirstBar(-10);
    runBacktest({
      strategy: short.strategy,
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 100, 100]) }],
      account: cashAccount("10000"),
      risk: {},
    });
    expect(short.seen.at(-1)).toBe(
      "OrderCanceled: LONG_ONLY: cash account BACKTEST cannot sell short: SELL 10 AAPL.XNAS @ 100 exceeds the 0 held (a cash account cannot borrow: short sales need a margin account)",
    );

    const big = buyOnFirstBar(150);
    const result = runBacktest({
      strategy: big.strategy,
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 100, 107]) }],
      account: { type: "margin", currency: "USD", balance: "10000" },
    });
    expect(big.seen.at(-1)).toBe(
      "OrderCanceled: INSUFFICIENT_FUNDS: margin account BACKTEST: after BUY 150 AAPL.XNAS @ 100 the initial margin would be 15000 USD but equity only 10000 USD",
    );
    expect(result.fills).toEqual([]);
    expect(result.finalValue.toFixed()).toBe("10000");
  });

  it("fills what the account can book: 99 shares at 100 with 10000 cash", () => {
    const { strategy, seen } = buyOnFirstBar(99);
    const result = runBacktest({
      strategy,
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 101, 102]) }],
      account: cashAccount("10000"),
    });
    expect(seen.at(-1)).toBe("OrderFilled");
    // 10000 − 99 × 101 = 1 cash; 99 × 102 = 10098 held.
    expect(result.cash.toFixed()).toBe("1");
    expect(result.finalValue.toFixed()).toBe("10099");
  });
  it("reports, not throws, a fill made by a venue that does not ask first (a broker), and leaves it out of the books", () => {
    // The rig's venue has no fill guard; its margin account of 1,000,000 cannot carry 200 × 10,000.
    const rig = new Rig({ native: true });
    rig.submit({ id: "big", side: "BUY", type: "MARKET", quantity: "200" });
    rig.bar(1, 10_000, 10_000, 10_000, 10_000);
    expect(rig.order("big").status).toBe("FILLED");
    expect(rig.node.fillLog.map((f) => f.tradeId)).toEqual(["T-1"]);
    expect(rig.node.portfolio.netQuantity("AAPL.XNAS").toFixed()).toBe("0");
    expect(rig.node.warnings.map((w) => w.message)).toEqual([
      "the portfolio refused fill T-1 of order big, which the venue made: INSUFFICIENT_FUNDS: margin account ACCOUNT: after BUY 200 AAPL.XNAS @ 10000 the initial margin would be 2000000 USD but equity only 1000000 USD; positions and cash leave it out",
    ]);
  });
});

import type { Bar, OrderEvent, PositionEvent } from "@ordo/core";
import { XNYS } from "@ordo/data";
import { map } from "rxjs";
import { describe, expect, it } from "vitest";
import { dateRules, runBacktest, type StrategyContext, timeRules } from "../src/index.js";
import { AAPL, cashAccount, dailyBars, flatBars } from "./support.js";

describe("the order-manager style API (ctx.orders)", () => {
  it("cancels the take-profit when the stop-loss of a bracket fills", () => {
    const events: string[] = [];
    const result = runBacktest({
      strategy: class {
        onBar(ctx: StrategyContext, bar: Bar) {
          if (bar.close !== 100) return;
          ctx.orders.placeBracket({
            instrumentId: AAPL.id,
            side: "BUY",
            quantity: 10,
            entry: { type: "MARKET" },
            stopLoss: { triggerPrice: "95" },
            takeProfit: { price: "110" },
          });
        }
        onOrderEvent(_ctx: StrategyContext, e: OrderEvent) {
          if (e.type === "OrderFilled" || e.type === "OrderCanceled") events.push(`${e.type} ${e.orderId}`);
        }
      },
      strategyId: "S1",
      feeds: [
        {
          instrument: AAPL,
          series: dailyBars(AAPL.id, [
            [100, 101, 99, 100],
            [100, 102, 98, 101],
            [100, 102, 98, 101.5],
            [99, 100, 94, 96],
          ]),
        },
      ],
      account: cashAccount(),
    });
    expect(events).toEqual(["OrderFilled S1-B1-entry", "OrderFilled S1-B1-sl", "OrderCanceled S1-B1-tp"]);
    expect(result.fills.map((f) => `${f.side} ${f.quantity}@${f.price}`)).toEqual([
      "BUY 10@100",
      "SELL 10@95",
    ]);
    expect(result.orders.find((o) => o.id === "S1-B1-tp")?.status).toBe("CANCELED");
  });

  it("modifies a working stop, queries orders by status and cancels all of an instrument's orders", () => {
    const seen: Record<string, unknown> = {};
    runBacktest({
      strategy: class {
        onStart(ctx: StrategyContext) {
          const stop = ctx.orders.placeStop({
            instrumentId: AAPL.id,
            side: "SELL",
            quantity: 5,
            triggerPrice: "90",
          });
          ctx.orders.placeLimit({ instrumentId: AAPL.id, side: "BUY", quantity: 5, price: "80" });
          seen.stopId = stop.id;
        }
        onBar(ctx: StrategyContext, bar: Bar) {
          if (bar.close === 100) ctx.orders.modify(String(seen.stopId), { triggerPrice: "92.5" });
          if (bar.close === 101) {
            seen.trigger = ctx.orders.get(String(seen.stopId))?.triggerPrice?.toString();
            seen.accepted = ctx.orders.query({ status: "ACCEPTED" }).length;
            ctx.orders.cancelAll(AAPL.id);
          }
          if (bar.close === 102) seen.canceled = ctx.orders.query({ status: "CANCELED" }).length;
        }
      },
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 101, 102]) }],
      account: cashAccount(),
    });
    expect(seen).toMatchObject({ trigger: "92.5", accepted: 2, canceled: 2 });
  });

  it("denies a market order placed before any price when buying power must be checked", () => {
    const denials: string[] = [];
    runBacktest({
      strategy: class {
        onStart(ctx: StrategyContext) {
          ctx.orders.placeMarket({ instrumentId: AAPL.id, side: "BUY", quantity: 1 });
        }
        onOrderEvent(_ctx: StrategyContext, e: OrderEvent) {
          if (e.type === "OrderDenied") denials.push(e.code);
        }
      },
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 101]) }],
      account: cashAccount(),
    });
    expect(denials).toEqual(["NO_REFERENCE_PRICE"]);
  });

  it("places orders from a template with its defaults and closes a position with placePositionExit", () => {
    const result = runBacktest({
      strategy: class {
        onBar(ctx: StrategyContext, bar: Bar) {
          const day = ctx.orders.template({
            instrumentId: AAPL.id,
            type: "MARKET",
            timeInForce: "GTC",
            tags: ["t"],
          });
          if (bar.close === 100) day.place({ side: "BUY", quantity: 7 });
          if (bar.close === 100) ctx.log.info("placed", { n: 1 });
          if (bar.close === 102) ctx.orders.placePositionExit(AAPL.id);
        }
      },
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 101, 102, 103]) }],
      account: cashAccount(),
    });
    expect(result.fills.map((f) => `${f.side} ${f.quantity}@${f.price}`)).toEqual([
      "BUY 7@101",
      "SELL 7@103",
    ]);
    expect(result.orders[0]).toMatchObject({ timeInForce: "GTC", type: "MARKET", tags: ["t"] });
    expect(result.orders[1]).toMatchObject({ reduceOnly: true, tags: ["position-exit"] });
    expect(result.positions).toEqual([]);
  });

  it("streams the strategy's own order events and fills", () => {
    const types: string[] = [];
    const fills: string[] = [];
    runBacktest({
      strategy: class {
        onStart(ctx: StrategyContext) {
          ctx.orders.events$.subscribe((e) => types.push(e.type));
          ctx.orders.on("OrderFilled").subscribe((e) => fills.push(e.price.toString()));
        }
        onBar(ctx: StrategyContext, bar: Bar) {
          if (bar.close === 100) ctx.orders.placeMarket({ instrumentId: AAPL.id, side: "BUY", quantity: 1 });
        }
      },
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 101]) }],
      account: cashAccount(),
    });
    expect(types).toEqual(["OrderInitialized", "OrderSubmitted", "OrderAccepted", "OrderFilled"]);
    expect(fills).toEqual(["101"]);
  });
});

describe("ctx.orders event streams", () => {
  it("runs a fills$ subscriber after the fill is booked, so a protective stop it places passes a long-only check", () => {
    const trace: string[] = [];
    const result = runBacktest({
      strategy: class Protect {
        onStart(ctx: StrategyContext) {
          ctx.orders.fills$.subscribe((f) => {
            trace.push(
              `fills$ ${f.side} ${f.quantity}@${f.price}, position ${ctx.portfolio.position(f.instrumentId)}`,
            );
            if (f.side === "BUY") {
              const stop = ctx.orders.placeStop({
                instrumentId: f.instrumentId,
                side: "SELL",
                quantity: f.quantity,
                triggerPrice: "95",
              });
              trace.push(`stop ${stop.status}`);
            }
          });
        }
        onBar(ctx: StrategyContext, bar: Bar) {
          if (bar.close === 100) ctx.order(bar.instrumentId, 10);
        }
        onOrderEvent(_ctx: StrategyContext, e: OrderEvent) {
          if (e.type === "OrderFilled") trace.push(`onOrderEvent ${e.type}`);
        }
      },
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 101, 102]) }],
      account: cashAccount(),
      risk: { longOnly: true, checkBuyingPower: true },
    });
    // The subscriber used to run inside the venue's matching, before the portfolio had the fill: it read a
    // position of 0 and its stop was DENIED (LONG_ONLY: SELL 10 would leave a short position of -10).
    expect(trace).toEqual(["onOrderEvent OrderFilled", "fills$ BUY 10@101, position 10", "stop ACCEPTED"]);
    expect(result.orders.map((o) => `${o.side} ${o.type} ${o.status}`)).toEqual([
      "BUY MARKET FILLED",
      "SELL STOP_MARKET ACCEPTED",
    ]);
  });

  it("reports a subscriber that throws as a StrategyError of events$ and goes on, as for a hook", () => {
    const fills: string[] = [];
    const result = runBacktest({
      strategy: class Fragile {
        onStart(ctx: StrategyContext) {
          ctx.orders.fills$.subscribe((f) => {
            throw new Error(`cannot handle ${f.quantity}`);
          });
          ctx.orders
            .on("OrderFilled")
            .pipe(
              map((f) => {
                if (f.quantity.lte(1)) throw new RangeError(`${f.quantity} share is too few`);
                return f.price.toString();
              }),
            )
            .subscribe((price) => fills.push(price));
        }
        onBar(ctx: StrategyContext, bar: Bar) {
          if (bar.close === 100) ctx.order(bar.instrumentId, 2);
          if (bar.close === 101) ctx.order(bar.instrumentId, 1);
        }
      },
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 101, 102]) }],
      account: cashAccount(),
    });
    // RxJS alone rethrows a subscriber's error on a timer, after the backtest has returned: the process ended.
    expect(result.fills.map((f) => `${f.side} ${f.quantity}@${f.price}`)).toEqual(["BUY 2@101", "BUY 1@102"]);
    expect(fills).toEqual(["101"]);
    expect(
      result.strategyErrors.map((e) => `${new Date(e.ts).toISOString()} ${e.hook}: ${e.message}`),
    ).toEqual([
      "2024-01-03T21:00:00.000Z events$: cannot handle 2",
      "2024-01-04T21:00:00.000Z events$: cannot handle 1",
      "2024-01-04T21:00:00.000Z events$: RangeError: 1 share is too few",
    ]);
  });
});

describe("the Zipline style API", () => {
  it("tells the strategy about positions opening and closing", () => {
    const positions: string[] = [];
    runBacktest({
      strategy: class {
        onBar(ctx: StrategyContext, bar: Bar) {
          if (bar.close === 100) ctx.orderTarget(bar.instrumentId, 4);
          if (bar.close === 102) ctx.orderTarget(bar.instrumentId, 0);
        }
        onPositionEvent(_ctx: StrategyContext, e: PositionEvent) {
          positions.push(`${e.type} ${e.position.quantity}`);
        }
      },
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 101, 102, 103]) }],
      account: cashAccount(),
    });
    expect(positions).toEqual(["PositionOpened 4", "PositionClosed 0"]);
  });

  it("delivers a fill before the position event it caused, in the event log's order", () => {
    const seen: string[] = [];
    const result = runBacktest({
      strategy: class {
        onBar(ctx: StrategyContext, bar: Bar) {
          if (bar.close === 100) ctx.orderTarget(bar.instrumentId, 4);
          if (bar.close === 102) ctx.orderTarget(bar.instrumentId, 0);
        }
        onOrderEvent(_ctx: StrategyContext, e: OrderEvent) {
          if (e.type === "OrderFilled") seen.push(`${e.type} ${e.side} ${e.quantity}`);
        }
        onPositionEvent(_ctx: StrategyContext, e: PositionEvent) {
          seen.push(`${e.type} ${e.position.quantity}`);
        }
      },
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 101, 102, 103]) }],
      account: cashAccount(),
      keepEventLog: true,
    });
    expect(seen).toEqual(["OrderFilled BUY 4", "PositionOpened 4", "OrderFilled SELL 4", "PositionClosed 0"]);
    const logged = (result.eventLog ?? [])
      .map((line) => (JSON.parse(line) as { type: string }).type)
      .filter((type) => type === "OrderFilled" || type.startsWith("Position"));
    expect(logged).toEqual(["OrderFilled", "PositionOpened", "OrderFilled", "PositionClosed"]);
  });

  it("refuses to size an order by value before the instrument has a price, naming it", () => {
    const result = runBacktest({
      strategy: class {
        onStart(ctx: StrategyContext) {
          ctx.orderValue(AAPL.id, 1000);
        }
      },
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100]) }],
      account: cashAccount(),
    });
    expect(result.strategyErrors.map((e) => `${e.hook}: ${e.message}`)).toEqual([
      "onStart: VALIDATION: instrumentId: no price yet for AAPL.XNAS: cannot size an order by value",
    ]);
    expect(result.orders).toEqual([]);
  });

  it("treats canceling an order that has already filled as a no-op", () => {
    const types: string[] = [];
    let filledId = "";
    const result = runBacktest({
      strategy: class {
        onBar(ctx: StrategyContext, bar: Bar) {
          if (bar.close === 100) filledId = ctx.order(bar.instrumentId, 2)!.id;
          if (bar.close === 102) ctx.cancelOrder(filledId);
        }
        onOrderEvent(_ctx: StrategyContext, e: OrderEvent) {
          types.push(e.type);
        }
      },
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 101, 102]) }],
      account: cashAccount(),
    });
    expect(types).toEqual(["OrderInitialized", "OrderSubmitted", "OrderAccepted", "OrderFilled"]);
    expect(result.orders.map((o) => o.status)).toEqual(["FILLED"]);
    expect(result.strategyErrors).toEqual([]);
  });

  it("looks up an instrument's definition, and names the known ones for an unknown id", () => {
    const seen: string[] = [];
    runBacktest({
      strategy: class {
        onStart(ctx: StrategyContext) {
          seen.push(ctx.instrument(AAPL.id).tickSize.toString());
          try {
            ctx.instrument("NOPE.XNAS");
          } catch (error) {
            seen.push((error as Error).message);
          }
        }
      },
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100]) }],
      account: cashAccount(),
    });
    expect(seen).toEqual([
      "0.01",
      "UNKNOWN_INSTRUMENT: instrumentId: unknown instrument NOPE.XNAS (this node trades: AAPL.XNAS)",
    ]);
  });

  it("names the market data field a strategy misspelt in data.history", () => {
    const result = runBacktest({
      strategy: class {
        onBar(ctx: StrategyContext, bar: Bar) {
          ctx.data.history(bar.instrumentId, "Close", 3);
        }
      },
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100]) }],
      account: cashAccount(),
    });
    expect(result.strategyErrors.map((e) => e.message)).toEqual([
      'UNKNOWN_FIELD: field: "Close" is not a market data field (did you mean "close"?)',
    ]);
  });

  it("shows positions with amount, cost basis and last sale price", () => {
    let view: unknown;
    runBacktest({
      strategy: class {
        onBar(ctx: StrategyContext, bar: Bar) {
          if (bar.close === 100) ctx.order(bar.instrumentId, 3);
          if (bar.close === 105) {
            const p = ctx.portfolio.positions.get(AAPL.id)!;
            view = {
              amount: p.amount.toString(),
              costBasis: p.costBasis.toString(),
              last: p.lastSalePrice?.toString(),
              cash: ctx.portfolio.cash.toString(),
              value: ctx.portfolio.portfolioValue.toString(),
            };
          }
        }
      },
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 101, 105]) }],
      account: cashAccount("1000"),
    });
    // Bought 3 at 101: cash 697; marked at 105: 697 + 315 = 1012.
    expect(view).toEqual({ amount: "3", costBasis: "101", last: "105", cash: "697", value: "1012" });
  });

  it("runs a schedule on the first trading day of each month at the open, on the XNYS calendar", () => {
    const fired: string[] = [];
    // Minute-free daily data is enough: the schedule's timer fires between bars.
    const days = ["2024-01-30", "2024-01-31", "2024-02-01", "2024-02-02", "2024-03-01", "2024-03-04"];
    const bars = days.map((d, i) => ({
      ts: Date.parse(`${d}T21:00:00Z`),
      open: 100 + i,
      high: 100 + i,
      low: 100 + i,
      close: 100 + i,
      volume: 1,
    }));
    runBacktest({
      strategy: class {
        onStart(ctx: StrategyContext) {
          ctx.schedule(dateRules.monthStart(), timeRules.marketOpen({ minutes: 30 }), (c) =>
            fired.push(new Date(c.now()).toISOString()),
          );
        }
      },
      feeds: [
        {
          instrument: { ...AAPL, calendar: "XNYS" },
          series: (() => {
            const { BarSeries } = require_data();
            return BarSeries.fromBars(AAPL.id, bars);
          })(),
        },
      ],
      account: cashAccount(),
      calendar: XNYS,
    });
    // 09:30 New York + 30 min = 15:00Z in winter.
    expect(fired).toEqual(["2024-02-01T15:00:00.000Z", "2024-03-01T15:00:00.000Z"]);
  });

  it("runs a function scheduled at 10:00 before the minute bar stamped 10:00: it sees the bars to 09:59, and its order fills at 10:01", () => {
    // XNYS minute bars stamped at their close, 09:31 .. 16:00 New York (14:31Z .. 21:00Z in winter), on
    // 2024-01-02 and 2024-01-03; each bar's close is its minute of the session (09:31 is 1, 16:00 is 390).
    const bars = ["2024-01-02", "2024-01-03"].flatMap((day, d) => {
      const open = Date.parse(`${day}T14:30:00Z`);
      return Array.from({ length: 390 }, (_, i) => {
        const c = d * 1000 + i + 1;
        return { ts: open + (i + 1) * 60_000, open: c - 0.5, high: c, low: c - 0.5, close: c, volume: 1e6 };
      });
    });
    const seen: Record<string, string> = {};
    const window = (c: StrategyContext) => {
      const ts = c.data.history(AAPL.id, "ts", 30);
      const closes = c.data.history(AAPL.id, "close", 30);
      const time = (ms: number) => new Date(ms).toISOString().slice(0, 16);
      return `${time(ts[0]!)} (${closes[0]}) .. ${time(ts[ts.length - 1]!)} (${closes[closes.length - 1]})`;
    };
    const result = runBacktest({
      strategy: class {
        onStart(ctx: StrategyContext) {
          ctx.schedule(dateRules.everyDay(), timeRules.marketOpen(), (c) => {
            seen[`09:31 ${new Date(c.now()).toISOString().slice(0, 10)}`] =
              `close ${c.data.current(AAPL.id, "close")}`;
          });
          ctx.schedule(dateRules.everyDay(), timeRules.marketOpen({ minutes: 30 }), (c) => {
            seen[`10:00 ${new Date(c.now()).toISOString().slice(0, 10)}`] = window(c);
            if (c.now() > Date.parse("2024-01-03T00:00:00Z")) c.order(AAPL.id, 1);
          });
          ctx.schedule(dateRules.everyDay(), timeRules.marketOpen({ minutes: 31 }), (c) => {
            seen[`10:01 ${new Date(c.now()).toISOString().slice(0, 10)}`] = window(c);
          });
        }
      },
      feeds: [{ instrument: { ...AAPL, calendar: "XNYS" }, series: data.BarSeries.fromBars(AAPL.id, bars) }],
      account: cashAccount(),
      calendar: XNYS,
    });
    expect(seen).toEqual({
      // At 09:31 the session's first bar is not in yet: the latest close is the previous session's 16:00.
      "09:31 2024-01-03": "close 390",
      // At 10:00: 29 bars of the session (09:31 .. 09:59) and, first, the previous session's 16:00 bar.
      "10:00 2024-01-02": "2024-01-02T14:31 (1) .. 2024-01-02T14:59 (29)",
      "10:00 2024-01-03": "2024-01-02T21:00 (390) .. 2024-01-03T14:59 (1029)",
      // At 10:01: the session's first 30 bars, 09:31 .. 10:00.
      "10:01 2024-01-02": "2024-01-02T14:31 (1) .. 2024-01-02T15:00 (30)",
      "10:01 2024-01-03": "2024-01-03T14:31 (1001) .. 2024-01-03T15:00 (1030)",
    });
    // The market order placed at 10:00 fills at the open of the bar stamped 10:01, not of the one at 10:00.
    expect(result.fills.map((f) => [new Date(f.at).toISOString(), f.price.toString()])).toEqual([
      ["2024-01-03T15:01:00.000Z", "1030.5"],
    ]);
  });

  it("shows a function scheduled in the session the previous closes of every instrument, not the coming bar", () => {
    // Daily bars stamped at 21:00Z: at 10:00 New York (15:00Z) on 2024-02-01 that day's bar is six hours
    // away, so the latest close is January 31's, for the first feed as for the second.
    const days = ["2024-01-30", "2024-01-31", "2024-02-01", "2024-02-02"];
    const series = (id: string, base: number) =>
      data.BarSeries.fromBars(
        id,
        days.map((d, i) => {
          const c = base + i;
          return { ts: Date.parse(`${d}T21:00:00Z`), open: c, high: c, low: c, close: c, volume: 1 };
        }),
      );
    const MSFT = { ...AAPL, id: "MSFT.XNAS" };
    const seen: string[] = [];
    runBacktest({
      strategy: class {
        onStart(ctx: StrategyContext) {
          ctx.schedule(dateRules.monthStart(), timeRules.marketOpen({ minutes: 30 }), (c) => {
            for (const id of [AAPL.id, MSFT.id]) {
              const closes = Array.from(c.data.history(id, "close", 5));
              const at = new Date(c.data.current(id, "ts")).toISOString();
              seen.push(`${id} close ${c.data.current(id, "close")} at ${at}, history ${closes.join(" ")}`);
            }
          });
        }
      },
      feeds: [
        { instrument: { ...AAPL, calendar: "XNYS" }, series: series(AAPL.id, 100) },
        { instrument: { ...MSFT, calendar: "XNYS" }, series: series(MSFT.id, 200) },
      ],
      account: cashAccount(),
      calendar: XNYS,
    });
    expect(seen).toEqual([
      "AAPL.XNAS close 101 at 2024-01-31T21:00:00.000Z, history 100 101",
      "MSFT.XNAS close 201 at 2024-01-31T21:00:00.000Z, history 200 201",
    ]);
  });
});

import * as data from "@ordo/data";

function require_data() {
  return data;
}

import { type Bar, type OrderEvent, type QuoteTick, ValidationError } from "@ordo/core";
import { BarSeries, QuoteSeries, XNYS } from "@ordo/data";
import { describe, expect, it } from "vitest";
import { dateRules, runBacktest, type StrategyContext, timeRules } from "../src/index.js";
import { AAPL, cashAccount, dailyBars, flatBars, T0 } from "./support.js";

const fillsOf = (result: ReturnType<typeof runBacktest>) =>
  result.fills.map((f) => `${f.side} ${f.quantity}@${f.price}`);

describe("Zipline-style sizing", () => {
  it("sizes by value, by percent of the portfolio and to a target value, rounding toward zero to the lot", () => {
    let bar = 0;
    const result = runBacktest({
      strategy: class {
        onBar(ctx: StrategyContext, b: Bar) {
          const n = bar++;
          // 1050 / 100 = 10.5 -> 10 shares.
          if (n === 0) ctx.orderValue(b.instrumentId, 1050);
          // 10% of 100000 (cash 99000 + 10 × 100) at 100 -> 100 shares.
          if (n === 1) ctx.orderPercent(b.instrumentId, "0.1");
          // A 500 target at 100 is 5 shares; 110 are held -> sell 105.
          if (n === 2) ctx.orderTargetValue(b.instrumentId, 500);
        }
      },
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 100, 100, 100]) }],
      account: cashAccount(),
    });
    expect(fillsOf(result)).toEqual(["BUY 10@100", "BUY 100@100", "SELL 105@100"]);
    expect(result.finalValue.toString()).toBe("100000");
  });
});

describe("what an order call returns on quote data (docs/strategy-api.md)", () => {
  const quotes = (askSize: number) =>
    new QuoteSeries("EURUSD.SIM", {
      ts: Float64Array.from([T0, T0 + 1000]),
      bid: Float64Array.from([1.1, 1.1]),
      ask: Float64Array.from([1.1002, 1.1002]),
      bidSize: Float64Array.from([1e6, 1e6]),
      askSize: Float64Array.from([askSize, 1e6]),
    });
  const statuses = (askSize: number, latency?: { model: "fixed"; ms: number }) => {
    const seen: string[] = [];
    runBacktest({
      strategy: class {
        done = false;
        onQuote(ctx: StrategyContext, q: QuoteTick) {
          if (this.done) return;
          this.done = true;
          seen.push(
            ctx.orders.placeMarket({ instrumentId: q.instrumentId, side: "BUY", quantity: 100 }).status,
          );
          seen.push(
            ctx.orders.placeLimit({ instrumentId: q.instrumentId, side: "BUY", quantity: 100, price: 1.09 })
              .status,
          );
        }
      },
      feeds: [
        {
          instrument: { id: "EURUSD.SIM", assetClass: "fx", currency: "USD", tickSize: "0.0001" },
          series: quotes(askSize),
        },
      ],
      account: { type: "margin", currency: "USD", balance: "100000" },
      ...(latency && { venue: { latency } }),
    });
    return seen;
  };

  it("is FILLED for a market order that met the quote, PARTIALLY_FILLED when its size capped it, SUBMITTED with latency", () => {
    expect(statuses(1e6)).toEqual(["FILLED", "ACCEPTED"]);
    expect(statuses(40)).toEqual(["PARTIALLY_FILLED", "ACCEPTED"]);
    expect(statuses(1e6, { model: "fixed", ms: 50 })).toEqual(["SUBMITTED", "SUBMITTED"]);
  });
});

describe("quotes with a side at 0 (no bid)", () => {
  it("size by the other side, and a market sell waits for a bid instead of filling at 0", () => {
    const quotes = new QuoteSeries("EURUSD.SIM", {
      ts: Float64Array.from([0, 1000, 2000], (t) => T0 + t),
      bid: Float64Array.from([1.1, 0, 1.1001]),
      ask: Float64Array.from([1.1002, 1.1, 1.1003]),
      bidSize: new Float64Array(3).fill(Number.NaN),
      askSize: new Float64Array(3).fill(Number.NaN),
    });
    let n = 0;
    const result = runBacktest({
      strategy: class {
        onQuote(ctx: StrategyContext, q: QuoteTick) {
          n += 1;
          if (n === 1) ctx.order(q.instrumentId, 1000);
          if (n === 2) {
            // 1100 / 1.1 (the ask: there is no bid) = 1000, where the mid 0.55 gave 2000.
            ctx.orderValue(q.instrumentId, 1100);
            ctx.order(q.instrumentId, -1000);
          }
        }
      },
      feeds: [
        {
          instrument: { id: "EURUSD.SIM", assetClass: "fx", currency: "USD", tickSize: "0.0001" },
          series: quotes,
        },
      ],
      account: { type: "margin", currency: "USD", balance: "100000" },
    });
    expect(fillsOf(result)).toEqual(["BUY 1000@1.1002", "BUY 1000@1.1", "SELL 1000@1.1001"]);
  });

  /** Buys 100 on the first quote and reads ctx.portfolio.portfolioValue on the quotes `readOn` lists. */
  const valuesRead = (quotes: ReadonlyArray<readonly [number, number]>, readOn: readonly number[]) => {
    const series = new QuoteSeries("EURUSD.SIM", {
      ts: Float64Array.from(quotes, (_, i) => T0 + i * 1000),
      bid: Float64Array.from(quotes, ([bid]) => bid),
      ask: Float64Array.from(quotes, ([, ask]) => ask),
      bidSize: new Float64Array(quotes.length).fill(Number.NaN),
      askSize: new Float64Array(quotes.length).fill(Number.NaN),
    });
    const values: string[] = [];
    let n = 0;
    const result = runBacktest({
      strategy: class {
        onQuote(ctx: StrategyContext, q: QuoteTick) {
          n += 1;
          if (n === 1) ctx.order(q.instrumentId, 100);
          if (readOn.includes(n)) values.push(ctx.portfolio.portfolioValue.toFixed());
        }
      },
      feeds: [
        {
          instrument: { id: "EURUSD.SIM", assetClass: "fx", currency: "USD", tickSize: "0.0001" },
          series,
        },
      ],
      account: { type: "margin", currency: "USD", balance: "100000" },
    });
    return { values, fills: fillsOf(result), finalValue: result.finalValue.toFixed() };
  };

  it("mark the position at the other side: 100 bought at 1.1002 are worth 100000.01 on a quote 0 / 1.1003", () => {
    const run = valuesRead(
      [
        [1.1, 1.1002],
        [0, 1.1003],
        [1.1001, 1.1003],
      ],
      [2, 3],
    );
    expect(run.fills).toEqual(["BUY 100@1.1002"]);
    // 100 × (1.1003 − 1.1002) on the ask alone; the mid of 0 and 1.1003 gave 99944.995. Then the mid 1.1002.
    expect(run.values).toEqual(["100000.01", "100000"]);
    expect(run.finalValue).toBe("100000");
  });

  it("keep the latest mark through a quote with neither side, even when the quotes before it were not read", () => {
    const run = valuesRead(
      [
        [1.1, 1.1002],
        [1.1005, 1.1007],
        [0, 0],
      ],
      [3],
    );
    // 100 × (1.1006 − 1.1002), the mid of the last quote with a side; not the first quote's 1.1001.
    expect(run.values).toEqual(["100000.04"]);
    expect(run.finalValue).toBe("100000.04");
  });
});

describe("buying power on quote data", () => {
  it("values a market buy at the ask: one sized to all the cash at the mid is denied before it is sent", () => {
    const series = new QuoteSeries("EURUSD.SIM", {
      ts: Float64Array.from([T0, T0 + 1000]),
      bid: Float64Array.from([1.1, 1.1001]),
      ask: Float64Array.from([1.1002, 1.1003]),
      bidSize: new Float64Array(2).fill(Number.NaN),
      askSize: new Float64Array(2).fill(Number.NaN),
    });
    const seen: string[] = [];
    let n = 0;
    const result = runBacktest({
      strategy: class {
        onQuote(ctx: StrategyContext, q: QuoteTick) {
          n += 1;
          // 100000 / 1.1001 (the mid) = 90900 (to the lot): 100008.18 at the ask 1.1002.
          if (n === 1) seen.push(String(ctx.orderPercent(q.instrumentId, 1)?.status));
          // 90884 × 1.1003 = 99999.6652: fits at the ask, and fills there.
          if (n === 2) seen.push(String(ctx.order(q.instrumentId, 90884)?.status));
        }
        onOrderEvent(_ctx: StrategyContext, e: OrderEvent) {
          if (e.type === "OrderDenied" || e.type === "OrderCanceled") seen.push(`${e.type} ${e.reason}`);
        }
      },
      feeds: [
        {
          instrument: { id: "EURUSD.SIM", assetClass: "fx", currency: "USD", tickSize: "0.0001" },
          series,
        },
      ],
      account: cashAccount(),
    });
    // Before, the order passed at the mid (99999.09) and the fill at the ask canceled it INSUFFICIENT_FUNDS.
    expect(seen).toEqual([
      "DENIED",
      "OrderDenied order needs 100008.18 USD for 90900 EURUSD.SIM at the ask 1.1002, but buying power is 100000",
      "FILLED",
    ]);
    expect(fillsOf(result)).toEqual(["BUY 90884@1.1003"]);
  });
});

describe("ctx.orders", () => {
  it("trails a stop up with the bar path and fills it at the stop when the low reaches it", () => {
    const updates: string[] = [];
    const result = runBacktest({
      strategy: class {
        onBar(ctx: StrategyContext, b: Bar) {
          if (b.high === 100) ctx.order(b.instrumentId, 10);
        }
        onOrderEvent(ctx: StrategyContext, e: OrderEvent) {
          if (e.type === "OrderFilled" && e.side === "BUY") {
            ctx.orders.placeTrailingStop({
              instrumentId: e.instrumentId,
              side: "SELL",
              quantity: 10,
              offsetType: "PRICE",
              offset: "2",
            });
          }
          if (e.type === "OrderUpdated") updates.push(String(e.triggerPrice));
        }
      },
      feeds: [
        {
          instrument: AAPL,
          series: dailyBars(AAPL.id, [
            [100, 100, 100, 100],
            [100, 101, 99, 100],
            [102, 104, 101, 104],
          ]),
        },
      ],
      account: cashAccount(),
    });
    // Third bar, high first: open 102 -> trigger 100, high 104 -> 102, then the low 101 is below it.
    expect(updates).toEqual(["100", "102"]);
    expect(fillsOf(result)).toEqual(["BUY 10@100", "SELL 10@102"]);
    expect(result.orders[1]).toMatchObject({ type: "TRAILING_STOP_MARKET", status: "FILLED" });
  });

  it("streams one order's events and every fill, queries newest first and by time, and cancels several at once", () => {
    const seen: Record<string, unknown> = {};
    const firstEvents: string[] = [];
    const fills: string[] = [];
    runBacktest({
      strategy: class {
        ids: string[] = [];
        onStart(ctx: StrategyContext) {
          ctx.orders.fills$.subscribe((f) => fills.push(`${f.side} ${f.quantity}`));
        }
        onBar(ctx: StrategyContext, b: Bar) {
          if (b.close === 100) {
            const a = ctx.orders.placeLimit({ instrumentId: AAPL.id, side: "BUY", quantity: 1, price: "50" });
            ctx.orders.eventsFor(a.id).subscribe((e) => firstEvents.push(e.type));
            const c = ctx.orders.placeLimit({ instrumentId: AAPL.id, side: "BUY", quantity: 1, price: "51" });
            this.ids = [a.id, c.id];
          }
          if (b.close === 101) {
            ctx.orders.placeMarket({ instrumentId: AAPL.id, side: "BUY", quantity: 2 });
            seen.newest = ctx.orders.query({ limit: 1 }).map((o) => o.type);
            seen.since = ctx.orders.query({ from: b.ts }).length;
            ctx.orders.cancelMany(this.ids);
          }
          if (b.close === 102)
            seen.canceled = ctx.orders.query({ status: "CANCELED" }).map((o) => o.price?.toString());
        }
      },
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 101, 102]) }],
      account: cashAccount(),
    });
    // query() lists newest first.
    expect(seen).toEqual({ newest: ["MARKET"], since: 1, canceled: ["51", "50"] });
    // Subscribed right after placeLimit returned, it still gets the order's whole story: streams are fed
    // when the hook has returned, as onOrderEvent is.
    expect(firstEvents).toEqual([
      "OrderInitialized",
      "OrderSubmitted",
      "OrderAccepted",
      "OrderPendingCancel",
      "OrderCanceled",
    ]);
    expect(fills).toEqual(["BUY 2"]);
  });
});

describe("ctx.orders.modify and cancel tell what happened", () => {
  it("returns true when the change or cancel went out, and false with a warning for a modify of a filled order", () => {
    const answers: unknown[] = [];
    let stopId = "";
    let limitId = "";
    let n = 0;
    const result = runBacktest({
      strategy: class {
        onBar(ctx: StrategyContext, b: Bar) {
          const i = n++;
          if (i === 0) {
            stopId = ctx.orders.placeStop({
              instrumentId: b.instrumentId,
              side: "SELL",
              quantity: 1,
              triggerPrice: "95",
            }).id;
            limitId = ctx.orders.placeLimit({
              instrumentId: b.instrumentId,
              side: "BUY",
              quantity: 1,
              price: "90",
            }).id;
            ctx.order(b.instrumentId, 1);
          }
          if (i === 1) answers.push(ctx.orders.modify(stopId, { triggerPrice: "96" }));
          // The low of bar 3 (index 2) is 80: the stop and the limit have both filled by now.
          if (i === 3) {
            answers.push(ctx.orders.modify(stopId, { triggerPrice: "97" }));
            answers.push(ctx.orders.cancel(limitId));
            answers.push(ctx.cancelOrder(stopId));
          }
        }
      },
      feeds: [
        {
          instrument: AAPL,
          series: dailyBars(AAPL.id, [
            [100, 100, 100, 100],
            [100, 100, 100, 100],
            [100, 100, 80, 85],
            [85, 85, 85, 85],
          ]),
        },
      ],
      account: cashAccount(),
    });
    expect(answers).toEqual([true, false, false, false]);
    expect(result.orders.map((o) => [o.id === stopId, o.status])).toContainEqual([true, "FILLED"]);
    expect(result.logs.filter((l) => l.level === "warn").map((l) => l.message)).toEqual([
      `modify of order ${stopId} ignored: it is already FILLED`,
    ]);
  });

  it("throws UNKNOWN_ORDER for an id the strategy never placed, and cancels none of a list with one", () => {
    const messages: string[] = [];
    let limitId = "";
    const result = runBacktest({
      strategy: class {
        onStart(ctx: StrategyContext) {
          limitId = ctx.orders.placeLimit({
            instrumentId: AAPL.id,
            side: "BUY",
            quantity: 1,
            price: "50",
          }).id;
          for (const act of [
            () => ctx.orders.modify("nope", { price: "51" }),
            () => ctx.orders.cancel("nope"),
            () => ctx.cancelOrder("nope"),
            () => ctx.orders.cancelMany([limitId, "nope"]),
          ]) {
            try {
              act();
            } catch (error) {
              messages.push(`${(error as { code: string }).code} ${(error as Error).message}`);
            }
          }
        }
      },
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 100]) }],
      account: cashAccount(),
    });
    const unknown =
      "UNKNOWN_ORDER UNKNOWN_ORDER: orderId: cannot %s order nope: strategy S1 placed no order with that id";
    expect(messages).toEqual([
      unknown.replace("%s", "modify"),
      unknown.replace("%s", "cancel"),
      unknown.replace("%s", "cancel"),
      unknown.replace("%s", "cancel"),
    ]);
    expect(result.orders.find((o) => o.id === limitId)?.status).toBe("ACCEPTED");
  });
});

/** Flat one-priced bars of AAPL stamped at `time` (UTC) on each of `days`. */
const dailyAt = (days: readonly string[], time: string) =>
  BarSeries.fromBars(
    AAPL.id,
    days.map((d) => ({ ts: Date.parse(`${d}T${time}Z`), open: 1, high: 1, low: 1, close: 1, volume: 1 })),
  );

describe("schedules", () => {
  it("fire on the last trading day of the week and of the month, minutes before the XNYS close", () => {
    const fired: string[] = [];
    // 2024-03-29 is Good Friday: the week and the month both end on Thursday the 28th.
    const days = ["2024-03-25", "2024-03-26", "2024-03-27", "2024-03-28", "2024-04-01", "2024-04-02"];
    const series = dailyAt(days, "21:00:00");
    runBacktest({
      strategy: class {
        onStart(ctx: StrategyContext) {
          const at = (label: string) => (c: StrategyContext) =>
            fired.push(`${label} ${new Date(c.now()).toISOString()}`);
          ctx.schedule(dateRules.weekEnd(), timeRules.marketClose({ minutes: 5 }), at("week"));
          ctx.schedule(dateRules.monthEnd(), timeRules.marketClose({ minutes: 5 }), at("month"));
          ctx.schedule(dateRules.everyDay(), timeRules.marketClose({ hours: 1 }), at("day"));
        }
      },
      feeds: [{ instrument: { ...AAPL, calendar: "XNYS" }, series }],
      account: cashAccount(),
      calendar: XNYS,
    });
    // 16:00 New York (EDT, UTC−4) − 5 min = 19:55Z; − 1 h = 19:00Z. The first bar is the 25th's close.
    expect(fired).toEqual([
      "day 2024-03-26T19:00:00.000Z",
      "day 2024-03-27T19:00:00.000Z",
      "day 2024-03-28T19:00:00.000Z",
      "week 2024-03-28T19:55:00.000Z",
      "month 2024-03-28T19:55:00.000Z",
      "day 2024-04-01T19:00:00.000Z",
      "day 2024-04-02T19:00:00.000Z",
    ]);
  });
});

describe("schedules that cannot fire as written", () => {
  it("fires an offset longer than an early-close session at the session's other end, never outside it", () => {
    const fired: string[] = [];
    // 2024-11-29 closes at 13:00 New York (18:00Z); a regular day runs 14:30Z to 21:00Z in winter.
    runBacktest({
      strategy: class {
        onStart(ctx: StrategyContext) {
          const at = (label: string) => (c: StrategyContext) =>
            fired.push(`${label} ${new Date(c.now()).toISOString()}`);
          ctx.schedule(dateRules.everyDay(), timeRules.marketOpen({ hours: 4 }), at("open+4h"));
          ctx.schedule(dateRules.everyDay(), timeRules.marketClose({ hours: 5 }), at("close-5h"));
        }
      },
      feeds: [
        {
          instrument: { ...AAPL, calendar: "XNYS" },
          series: BarSeries.fromBars(
            AAPL.id,
            [
              ["2024-11-27", "21:00"],
              ["2024-11-29", "18:00"],
              ["2024-12-02", "21:00"],
            ].map(([d, t]) => ({
              ts: Date.parse(`${d}T${t}:00Z`),
              open: 1,
              high: 1,
              low: 1,
              close: 1,
              volume: 1,
            })),
          ),
        },
      ],
      account: cashAccount(),
      calendar: XNYS,
    });
    expect(fired).toEqual([
      "close-5h 2024-11-29T14:30:00.000Z", // 13:00 − 5 h is before the 09:30 open: at the open
      "open+4h 2024-11-29T18:00:00.000Z", // 09:30 + 4 h is after the 13:00 close: at the close
      "close-5h 2024-12-02T16:00:00.000Z",
      "open+4h 2024-12-02T18:30:00.000Z",
    ]);
  });

  it("refuses a date rule no XNYS session matches instead of never calling the function", () => {
    let calls = 0;
    const result = runBacktest({
      strategy: class {
        onStart(ctx: StrategyContext) {
          ctx.schedule(dateRules.weekStart(5), timeRules.marketOpen(), () => calls++);
        }
      },
      feeds: [
        {
          instrument: { ...AAPL, calendar: "XNYS" },
          series: dailyAt(["2024-03-25", "2024-03-26"], "20:00:00"),
        },
      ],
      account: cashAccount(),
      calendar: XNYS,
    });
    expect(calls).toBe(0);
    expect(result.strategyErrors.map((e) => `${e.hook}: ${e.message}`)).toEqual([
      "onStart: SCHEDULE_NEVER_FIRES: schedule: trading day 6 of the week at market open + 1 min never fires on the XNYS calendar (none of the next 800 sessions matches it)",
    ]);
  });

  it("warns once when equities name no calendar, so schedules run on 24/7 sessions (a week ends on Sunday)", () => {
    const fired: string[] = [];
    const run = (instrument: typeof AAPL | (typeof AAPL & { calendar: string })) =>
      runBacktest({
        strategy: class Weekly {
          onStart(ctx: StrategyContext) {
            ctx.schedule(dateRules.weekEnd(), timeRules.marketClose({ minutes: 30 }), (c) =>
              fired.push(new Date(c.now()).toISOString()),
            );
            ctx.schedule(dateRules.everyDay(), timeRules.marketOpen(), () => {});
          }
        },
        feeds: [{ instrument, series: dailyAt(["2024-03-25", "2024-03-26", "2024-04-01"], "20:00:00") }],
        account: cashAccount(),
      });
    const plain = run(AAPL);
    expect(plain.logs.map((l) => `${l.level} ${l.strategyId}: ${l.message}`)).toEqual([
      'warn Weekly: the schedule trading day 1 from the end of the week at market close - 30 min runs on the 24/7 calendar: no instrument names a calendar, so schedules use 24/7 sessions (midnight to midnight UTC, weekends included); give the instruments "calendar": "XNYS" for the exchange\'s sessions; it first fires at 2024-03-31T23:30:00Z (a Sunday)',
    ]);
    expect(fired).toEqual(["2024-03-31T23:30:00.000Z"]);
    fired.length = 0;
    // Named, the calendar's own week: Thursday 2024-03-28 (Good Friday is a holiday), 30 minutes before the close.
    const named = run({ ...AAPL, calendar: "XNYS" });
    expect(named.logs).toEqual([]);
    expect(fired).toEqual(["2024-03-28T19:30:00.000Z"]);
  });

  it("warns at the end of a run in which a schedule that can fire never did, naming the time it waited for", () => {
    let calls = 0;
    // The 23rd session of a month exists on XNYS (2024-10-31: 23 weekdays, no holiday) but not in March 2024 (20 sessions).
    const result = runBacktest({
      strategy: class Quarterly {
        onStart(ctx: StrategyContext) {
          ctx.schedule(dateRules.monthStart(22), timeRules.marketOpen({ minutes: 30 }), () => calls++);
          ctx.schedule(dateRules.everyDay(), timeRules.marketOpen(), () => calls++);
        }
      },
      feeds: [
        {
          instrument: { ...AAPL, calendar: "XNYS" },
          series: dailyAt(["2024-03-25", "2024-03-26"], "20:00:00"),
        },
      ],
      account: cashAccount(),
      calendar: XNYS,
    });
    expect(calls).toBe(1); // everyDay, on 2024-03-26
    expect(
      result.logs.map((l) => `${new Date(l.ts).toISOString()} ${l.level} ${l.strategyId}: ${l.message}`),
    ).toEqual([
      "2024-03-26T20:00:00.000Z warn Quarterly: the schedule trading day 23 of the month at market open + 30 min never fired in this run: its first time, 2024-10-31T14:00:00Z, is after the run's last event at 2024-03-26T20:00:00Z",
    ]);
  });

  it("refuses a misspelt, negative or non-numeric time offset by name", () => {
    const thrown = (make: () => unknown) => {
      try {
        make();
        return "nothing";
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(thrown(() => timeRules.marketOpen({ minute: 30 } as never))).toBe(
      'INVALID_SCHEDULE: marketOpen: minute is not an option (did you mean "minutes"?)',
    );
    expect(thrown(() => timeRules.marketClose({ minutes: -5 }))).toBe(
      "INVALID_SCHEDULE: marketClose: minutes must be a number >= 0, got -5",
    );
    expect(thrown(() => timeRules.marketOpen({ hours: "1" } as never))).toBe(
      'INVALID_SCHEDULE: marketOpen: hours must be a number >= 0, got "1"',
    );
    expect(thrown(() => dateRules.weekStart(-1))).toBe(
      "INVALID_SCHEDULE: weekStart: days offset must be a whole number >= 0, got -1",
    );
    // Ordo's own error for bad input, with its code: a strategy can tell it from a bug of its own.
    expect(() => timeRules.marketClose({ minutes: -5 })).toThrow(ValidationError);
    expect(timeRules.marketOpen({ hours: 1, minutes: 30 }).description).toBe("market open + 90 min");
  });

  it("refuses schedule arguments that are not rules or a function when ctx.schedule is called", () => {
    const attempts: [string, (ctx: StrategyContext) => void][] = [
      ["object", (ctx) => ctx.schedule({ every: "weekEnd" } as never, timeRules.marketOpen(), () => {})],
      ["uncalled", (ctx) => ctx.schedule(dateRules.weekEnd as never, timeRules.marketOpen(), () => {})],
      ["time", (ctx) => ctx.schedule(dateRules.everyDay(), "close" as never, () => {})],
      [
        "uncalled time",
        (ctx) => ctx.schedule(dateRules.everyDay(), timeRules.marketClose as never, () => {}),
      ],
      ["fn", (ctx) => ctx.schedule(dateRules.everyDay(), timeRules.marketOpen(), undefined as never)],
    ];
    const result = runBacktest({
      strategy: class {
        onStart(ctx: StrategyContext) {
          for (const [, attempt] of attempts) {
            try {
              attempt(ctx);
            } catch (error) {
              ctx.log.info((error as Error).message);
            }
          }
        }
      },
      feeds: [{ instrument: AAPL, series: dailyAt(["2024-03-25", "2024-03-26"], "20:00:00") }],
      account: cashAccount(),
    });
    expect(result.logs.map((l) => l.message)).toEqual([
      'INVALID_SCHEDULE: schedule.dateRule: must be a date rule made by dateRules of "@ordo/engine" (everyDay(), weekStart(n), weekEnd(n), monthStart(n), monthEnd(n)), got {"every":"weekEnd"}',
      "INVALID_SCHEDULE: schedule.dateRule: got dateRules.weekEnd itself, which makes a date rule: call it, dateRules.weekEnd()",
      'INVALID_SCHEDULE: schedule.timeRule: must be a time rule made by timeRules of "@ordo/engine" (marketOpen({ minutes }), marketClose({ minutes })), got "close"',
      "INVALID_SCHEDULE: schedule.timeRule: got timeRules.marketClose itself, which makes a time rule: call it, timeRules.marketClose()",
      "INVALID_SCHEDULE: schedule.fn: must be the function to call, got undefined",
    ]);
  });
});

describe("where a trailing stop starts and where its limit sits", () => {
  /** Buys 10 on the first bar; on the fill, places the trailing stop `place` gives. */
  const runTrailing = (
    bars: readonly (readonly [number, number, number, number])[],
    place: (ctx: StrategyContext) => void,
  ) => {
    const updates: string[] = [];
    const result = runBacktest({
      strategy: class {
        onBar(ctx: StrategyContext, b: Bar) {
          if (b.ts === T0) ctx.order(b.instrumentId, 10);
        }
        onOrderEvent(ctx: StrategyContext, e: OrderEvent) {
          if (e.type === "OrderFilled" && e.side === "BUY") place(ctx);
          if (e.type === "OrderUpdated") updates.push(`t=${e.triggerPrice} p=${e.price}`);
        }
      },
      feeds: [{ instrument: AAPL, series: dailyBars(AAPL.id, bars) }],
      account: cashAccount(),
    });
    return { updates, fills: fillsOf(result) };
  };

  it("takes its first trigger from the first price it meets, so a gap at that open does not trigger it", () => {
    const { updates, fills } = runTrailing(
      [
        [100, 100, 100, 100],
        [100, 100, 100, 100], // the buy fills at this open; the stop is placed on this bar
        [90, 90, 89, 89.5], // a gap down: the stop's first trigger is 90 − 2
        [89, 89, 87, 87],
      ],
      (ctx) =>
        ctx.orders.placeTrailingStop({
          instrumentId: AAPL.id,
          side: "SELL",
          quantity: 10,
          offsetType: "PRICE",
          offset: "2",
        }),
    );
    expect(updates[0]).toBe("t=88 p=null");
    expect(fills).toEqual(["BUY 10@100", "SELL 10@88"]);
  });

  it("with an initial triggerPrice, fills at the gap's open", () => {
    const { fills } = runTrailing(
      [
        [100, 100, 100, 100],
        [100, 100, 100, 100],
        [90, 90, 89, 89.5],
      ],
      (ctx) =>
        ctx.orders.placeTrailingStop({
          instrumentId: AAPL.id,
          side: "SELL",
          quantity: 10,
          offsetType: "PRICE",
          offset: "2",
          triggerPrice: "98",
        }),
    );
    expect(fills).toEqual(["BUY 10@100", "SELL 10@90"]);
  });

  it("trails the limit from the market by limitOffset in the offset's unit: a sell's limit is under its trigger only when limitOffset is larger", () => {
    const place = (limitOffset: number) => (ctx: StrategyContext) =>
      ctx.orders.placeTrailingStop({
        instrumentId: AAPL.id,
        side: "SELL",
        quantity: 10,
        offsetType: "TICKS",
        offset: 200,
        limitOffset,
      });
    const bars = [
      [100, 100, 100, 100],
      [100, 100, 100, 100],
      [104, 104, 104, 104],
    ] as const;
    // 200 ticks of 0.01 = 2.00 below 104; 10 ticks = 0.10 below 104 (above the trigger); 250 ticks = 2.50.
    expect(runTrailing(bars, place(10)).updates).toEqual(["t=102 p=103.9"]);
    expect(runTrailing(bars, place(250)).updates).toEqual(["t=102 p=101.5"]);
  });
});

describe("expiry on the clock", () => {
  it("tells the strategy a GTD order expired at its time, so an order placed then fills at the next open", () => {
    const days = ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-08", "2024-01-09"];
    const series = BarSeries.fromBars(
      AAPL.id,
      days.map((day, i) => {
        const open = 100 + i;
        return {
          ts: Date.parse(`${day}T21:00:00Z`),
          open,
          high: open + 1,
          low: open - 1,
          close: open,
          volume: 1e6,
        };
      }),
    );
    const seen: string[] = [];
    const result = runBacktest({
      strategy: class {
        #placed = false;
        onBar(ctx: StrategyContext, b: Bar) {
          if (this.#placed) return;
          this.#placed = true;
          ctx.orders.placeLimit({
            instrumentId: b.instrumentId,
            side: "BUY",
            quantity: 10,
            price: "50",
            timeInForce: "GTD",
            expireAt: "2024-01-06T00:00:00Z",
          });
        }
        onOrderEvent(ctx: StrategyContext, e: OrderEvent) {
          if (e.type !== "OrderExpired") return;
          seen.push(`${new Date(e.tsEvent).toISOString()} seen at ${new Date(ctx.now()).toISOString()}`);
          ctx.order(e.instrumentId, 10);
        }
      },
      feeds: [{ instrument: AAPL, series }],
      account: cashAccount(),
    });
    expect(seen).toEqual(["2024-01-06T00:00:00.000Z seen at 2024-01-06T00:00:00.001Z"]);
    // The Monday bar opens at 104; before expiries were timers the order waited for Tuesday's 105.
    expect(
      result.fills.map((f) => `${new Date(f.at).toISOString()} ${f.side} ${f.quantity}@${f.price}`),
    ).toEqual(["2024-01-08T21:00:00.000Z BUY 10@104"]);
  });
});

describe("calls after the run", () => {
  it("refuses an order, a record or a schedule made after the run ended instead of accepting it unseen", async () => {
    let saved: StrategyContext | null = null;
    const result = runBacktest({
      strategy: class Late {
        onStart(ctx: StrategyContext) {
          saved = ctx;
        }
      },
      feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 101]) }],
      account: cashAccount(),
    });
    // A Promise callback runs only once runBacktest has returned: the node no longer works orders.
    const late = await Promise.resolve().then(() => {
      const ctx = saved!;
      const thrown = (call: () => unknown) => {
        try {
          call();
          return "nothing";
        } catch (error) {
          return (error as Error).message;
        }
      };
      return [
        thrown(() => ctx.orderTargetPercent(AAPL.id, 0.5)),
        thrown(() => ctx.orders.placeLimit({ instrumentId: AAPL.id, side: "BUY", quantity: 1, price: 99 })),
        thrown(() => ctx.record({ x: 1 })),
        thrown(() => ctx.schedule(dateRules.everyDay(), timeRules.marketOpen(), () => {})),
      ];
    });
    const why =
      "called after the run ended (its last event was at 2024-01-03T21:00:00Z): nothing works an order, fires a schedule or keeps a record any more. Call it from a hook or a scheduled function; a Promise or setTimeout callback runs only after a backtest's loop has finished";
    expect(late).toEqual([
      `RUN_ENDED: orderTargetPercent: ${why}`,
      `RUN_ENDED: orders.placeLimit: ${why}`,
      `RUN_ENDED: record: ${why}`,
      `RUN_ENDED: schedule: ${why}`,
    ]);
    expect(result.orders).toEqual([]);
    expect(result.recorded).toEqual([]);
  });
});

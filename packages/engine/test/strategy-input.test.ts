import type { Bar } from "@ordo/core";
import { describe, expect, it } from "vitest";
import { runBacktest, type StrategyContext } from "../src/index.js";
import { AAPL, cashAccount, flatBars } from "./support.js";

/** Runs `act` on the second bar (after a price exists) and returns what it threw, or what it returned. */
function onSecondBar(act: (ctx: StrategyContext, bar: Bar) => unknown) {
  let outcome: { threw: string } | { returned: unknown } | undefined;
  let n = 0;
  const result = runBacktest({
    strategy: class {
      onBar(ctx: StrategyContext, bar: Bar) {
        if (n++ !== 1) return;
        try {
          outcome = { returned: act(ctx, bar) };
        } catch (error) {
          outcome = { threw: error instanceof Error ? error.message : String(error) };
        }
      }
    },
    feeds: [{ instrument: AAPL, series: flatBars(AAPL.id, [100, 100, 100, 100]) }],
    account: cashAccount(),
  });
  return { outcome: outcome!, result };
}

describe("order fields a strategy misspells", () => {
  it("refuses a misspelt field of ctx.orders.placeLimit instead of placing a GTC order without it", () => {
    const { outcome, result } = onSecondBar((ctx, bar) =>
      ctx.orders.placeLimit({
        instrumentId: bar.instrumentId,
        side: "BUY",
        quantity: 10,
        price: "99",
        timeinforce: "DAY",
      } as never),
    );
    expect(outcome).toEqual({
      threw: 'VALIDATION: timeinforce: is not an order field (did you mean "timeInForce"?)',
    });
    expect(result.orders).toEqual([]);
  });

  it("names every order field when a key is like none of them", () => {
    const { outcome } = onSecondBar((ctx, bar) =>
      ctx.orders.placeMarket({
        instrumentId: bar.instrumentId,
        side: "BUY",
        quantity: 1,
        urgency: 3,
      } as never),
    );
    expect(outcome).toEqual({
      threw: expect.stringMatching(
        /^VALIDATION: urgency: is not an order field \(order fields: id, instrumentId, .*tags\)$/,
      ),
    });
  });

  it("refuses a misspelt field of a bracket, at any level, placing none of its orders", () => {
    const { outcome, result } = onSecondBar((ctx, bar) =>
      ctx.orders.placeBracket({
        instrumentId: bar.instrumentId,
        side: "BUY",
        quantity: 10,
        timeinforce: "DAY",
        stopLoss: { trigger: "95" },
        takeProfit: { price: "105" },
      } as never),
    );
    expect(outcome).toEqual({
      threw:
        'VALIDATION: timeinforce: is not a bracket field (did you mean "timeInForce"?); stopLoss.trigger: is not a stopLoss field (did you mean "triggerPrice"?)',
    });
    expect(result.orders).toEqual([]);
  });

  it("refuses a misspelt template default where the template is made", () => {
    const { outcome } = onSecondBar((ctx) =>
      ctx.orders.template({ side: "BUY", type: "LIMIT", tiemInForce: "DAY" }),
    );
    expect(outcome).toEqual({
      threw: 'VALIDATION: template.tiemInForce: is not an order field (did you mean "timeInForce"?)',
    });
  });

  it("refuses a template default no order could have where the template is made, naming the value meant", () => {
    const { outcome } = onSecondBar((ctx) => ctx.orders.template({ side: "BUY", type: "LIMT" }));
    expect(outcome).toEqual({
      threw:
        'VALIDATION: template.type: Invalid option: expected one of "MARKET"|"LIMIT"|"STOP_MARKET"|"STOP_LIMIT"|"MARKET_IF_TOUCHED"|"LIMIT_IF_TOUCHED"|"TRAILING_STOP_MARKET"|"TRAILING_STOP_LIMIT"|"MARKET_TO_LIMIT", got "LIMT" (did you mean "LIMIT"?)',
    });
  });

  it("names the order type meant when a placed order's type is misspelt", () => {
    const { outcome, result } = onSecondBar((ctx, bar) =>
      ctx.orders.place({
        instrumentId: bar.instrumentId,
        side: "BUY",
        quantity: 1,
        type: "STOP",
        triggerPrice: 99,
      }),
    );
    expect(outcome).toEqual({
      threw:
        'VALIDATION: type: Invalid option: expected one of "MARKET"|"LIMIT"|"STOP_MARKET"|"STOP_LIMIT"|"MARKET_IF_TOUCHED"|"LIMIT_IF_TOUCHED"|"TRAILING_STOP_MARKET"|"TRAILING_STOP_LIMIT"|"MARKET_TO_LIMIT", got "STOP" (did you mean "STOP_LIMIT" or "STOP_MARKET"?)',
    });
    expect(result.orders).toEqual([]);
  });

  it("still places an order from a template whose defaults and fields are all order fields", () => {
    const { outcome } = onSecondBar((ctx, bar) =>
      ctx.orders
        .template({ side: "BUY", type: "LIMIT", timeInForce: "DAY", tags: ["t"] })
        .place({ instrumentId: bar.instrumentId, quantity: 5, price: "99" }),
    );
    expect(outcome).toMatchObject({
      returned: { type: "LIMIT", timeInForce: "DAY", status: "ACCEPTED", tags: ["t"] },
    });
  });

  it("refuses a misspelt field of one order of ctx.orders.placeOco, placing neither", () => {
    const { outcome, result } = onSecondBar((ctx, bar) =>
      ctx.orders.placeOco([
        { instrumentId: bar.instrumentId, side: "SELL", type: "LIMIT", quantity: 1, price: "110" },
        {
          instrumentId: bar.instrumentId,
          side: "SELL",
          type: "STOP_MARKET",
          quantity: 1,
          trigerPrice: "90",
        } as never,
      ]),
    );
    expect(outcome).toEqual({
      threw: 'VALIDATION: trigerPrice: is not an order field (did you mean "triggerPrice"?)',
    });
    expect(result.orders).toEqual([]);
  });
});

describe("ctx.orders.placeTrailingStop offsets that cannot work", () => {
  const trailingStop = (fields: Record<string, unknown>) =>
    onSecondBar((ctx, bar) =>
      ctx.orders.placeTrailingStop({
        instrumentId: bar.instrumentId,
        side: "SELL",
        quantity: 10,
        ...fields,
      } as never),
    );

  it("refuses a sell 100% below the market, where it used to rest with a trigger of 0 that never fired", () => {
    const { outcome, result } = trailingStop({ offsetType: "PERCENT", offset: 100 });
    expect(outcome).toEqual({
      threw:
        "VALIDATION: trailing.offset: a SELL TRAILING_STOP_MARKET's PERCENT offset must be below 100, got 100: 100% or more below the market puts its trigger at or below 0, where it never fires",
    });
    expect(result.orders).toEqual([]);
  });

  it("refuses a limit offset of 10000 basis points on a sell trailing stop-limit", () => {
    const { outcome } = trailingStop({ offsetType: "BASIS_POINTS", offset: 50, limitOffset: 10_000 });
    expect(outcome).toEqual({
      threw:
        "VALIDATION: trailing.limitOffset: a SELL TRAILING_STOP_LIMIT's BASIS_POINTS limitOffset must be below 10000, got 10000: 10000 basis points (100%) or more below the market puts its limit at or below 0, which is no price",
    });
  });

  it("refuses 2.5 ticks, which used to be rounded to the tick grid", () => {
    const { outcome, result } = trailingStop({ offsetType: "TICKS", offset: 2.5 });
    expect(outcome).toEqual({
      threw:
        "VALIDATION: trailing.offset: a TICKS offset must be a whole number of ticks, got 2.5: trailing prices move on the tick grid, so it would be rounded (use 2 or 3)",
    });
    expect(result.orders).toEqual([]);
  });

  it("still places a sell 5% below the market and a stop 3 ticks away", () => {
    expect(trailingStop({ offsetType: "PERCENT", offset: 5 }).outcome).toMatchObject({
      returned: { type: "TRAILING_STOP_MARKET", status: "ACCEPTED" },
    });
    expect(trailingStop({ offsetType: "TICKS", offset: 3, limitOffset: 5 }).outcome).toMatchObject({
      returned: { type: "TRAILING_STOP_LIMIT", status: "ACCEPTED" },
    });
  });
});

describe("the style of a Zipline-style order", () => {
  it("refuses a misspelt limitPrice instead of placing a market order", () => {
    const { outcome, result } = onSecondBar((ctx, bar) =>
      ctx.order(bar.instrumentId, 5, { limitprice: 50 } as never),
    );
    expect(outcome).toEqual({
      threw: 'VALIDATION: style.limitprice: is not a style option (did you mean "limitPrice"?)',
    });
    expect(result.orders).toEqual([]);
  });

  it("refuses a time in force in the wrong case, naming the right one", () => {
    const { outcome, result } = onSecondBar((ctx, bar) =>
      ctx.orderTargetPercent(bar.instrumentId, 0.5, { limitPrice: 99, timeInForce: "day" } as never),
    );
    expect(outcome).toEqual({
      threw:
        'VALIDATION: style.timeInForce: must be one of GTC, DAY, IOC, FOK, GTD, AT_THE_OPEN, AT_THE_CLOSE, got "day" (did you mean "DAY"?)',
    });
    expect(result.orders).toEqual([]);
  });

  it("refuses GTD, which a style has no expiry for, pointing to ctx.orders", () => {
    const { outcome, result } = onSecondBar((ctx, bar) =>
      ctx.order(bar.instrumentId, 5, { limitPrice: 99, timeInForce: "GTD" }),
    );
    expect(outcome).toEqual({ threw: expect.stringContaining("style.timeInForce: GTD needs an expireAt") });
    expect(result.orders).toEqual([]);
  });

  it("refuses tags given as one string", () => {
    const { outcome } = onSecondBar((ctx, bar) => ctx.order(bar.instrumentId, 5, { tags: "entry" } as never));
    expect(outcome).toEqual({ threw: 'VALIDATION: style.tags: must be a list of strings, got "entry"' });
  });

  it("places a limit with a valid style as before", () => {
    const { outcome } = onSecondBar((ctx, bar) =>
      ctx.order(bar.instrumentId, 5, { limitPrice: 99, timeInForce: "IOC", tags: ["x"] }),
    );
    expect(outcome).toMatchObject({ returned: { type: "LIMIT", timeInForce: "IOC", tags: ["x"] } });
  });
});

describe("ctx.orders.query", () => {
  /** Places two limits on the second bar, then runs the query. */
  const query = (options: unknown) =>
    onSecondBar((ctx, bar) => {
      ctx.orders.placeLimit({ instrumentId: bar.instrumentId, side: "BUY", quantity: 1, price: "90" });
      ctx.orders.placeLimit({ instrumentId: bar.instrumentId, side: "BUY", quantity: 2, price: "91" });
      return ctx.orders.query(options as never).map((o) => o.quantity.toString());
    }).outcome;

  it("answers newest first within a day given as a date, up to the limit", () => {
    expect(query({ status: "ACCEPTED", from: "2024-01-03", to: "2024-01-04", limit: 1 })).toEqual({
      returned: ["2"],
    });
  });

  it("refuses a misspelt status instead of answering that there are no such orders", () => {
    expect(query({ status: "FILED" })).toEqual({
      threw: 'VALIDATION: query.status: "FILED" is not an order status (did you mean "FAILED" or "FILLED"?)',
    });
  });

  it("refuses a status in a list by its place, listing the statuses", () => {
    expect(query({ status: ["ACCEPTED", "open"] })).toEqual({
      threw: expect.stringMatching(
        /^VALIDATION: query\.status\[1\]: "open" is not an order status \(statuses: INITIALIZED, .*FAILED\)$/,
      ),
    });
  });

  it("refuses a time it cannot read instead of matching nothing", () => {
    expect(query({ from: "yesterday" })).toEqual({
      threw:
        'VALIDATION: query.from: must be epoch ms, a YYYY-MM-DD date or an ISO-8601 time with a zone, e.g. "2024-01-02T14:30:00Z", got "yesterday"',
    });
  });

  it("refuses a day past the month's end instead of rolling it over into the next month", () => {
    expect(query({ from: "2024-02-30" })).toEqual({
      threw: 'VALIDATION: query.from: is not a valid date: "2024-02-30"',
    });
    expect(query({ to: "2023-02-29T12:00:00Z" })).toEqual({
      threw: 'VALIDATION: query.to: is not a valid date: "2023-02-29T12:00:00Z"',
    });
  });

  it("refuses an eight-digit date as ambiguous, as the CLI's --start does, instead of reading it as 1970", () => {
    expect(query({ from: 20240103 })).toEqual({
      threw:
        'VALIDATION: query.from: is ambiguous: 20240103 reads as epoch ms 1970-01-01T05:37:20.103Z; write the date as "2024-01-03", or epoch ms in full (1704240000000)',
    });
    expect(query({ to: "20240104" })).toEqual({
      threw: expect.stringMatching(/^VALIDATION: query\.to: is ambiguous: 20240104 reads as epoch ms/),
    });
  });

  it("still reads the epoch ms of that date, and eight digits that are no date, as epoch ms", () => {
    expect(query({ from: 1704240000000 })).toEqual({ returned: ["2", "1"] });
    expect(query({ to: 20241399 })).toEqual({ returned: [] });
  });

  it("refuses a negative limit, which answered all the orders but the last", () => {
    expect(query({ limit: -1 })).toEqual({
      threw: "VALIDATION: query.limit: must be a whole number >= 0, got -1",
    });
  });

  it("refuses a misspelt option instead of answering with every order", () => {
    expect(query({ stat: "FILLED" })).toEqual({
      threw: 'VALIDATION: query.stat: is not a query option (did you mean "status"?)',
    });
  });

  it("refuses an instrument the node does not trade, as ctx.instrument does", () => {
    expect(query({ instrumentId: "AAPL.XNYS" })).toEqual({
      threw:
        "UNKNOWN_INSTRUMENT: query.instrumentId: unknown instrument AAPL.XNYS (this node trades: AAPL.XNAS)",
    });
  });
});

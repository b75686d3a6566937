import { describe, expect, it } from "vitest";
import {
  createInstrument,
  type OrderValidationOptions,
  orderFieldIssues,
  ValidationError,
  type ValidationIssue,
  validateOrderRequest,
} from "../src/index.js";

const AAPL = createInstrument({
  id: "AAPL.XNAS",
  assetClass: "equity",
  currency: "USD",
  tickSize: "0.01",
  lotSize: "1",
  minQuantity: "1",
  maxQuantity: "10000",
  minNotional: "10",
});

const base = { instrumentId: "AAPL.XNAS", side: "BUY", quantity: "100" } as const;

/** The ValidationError that `input` gets. */
function refusal(input: unknown, options: OrderValidationOptions = {}): ValidationError {
  try {
    validateOrderRequest(input, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error("expected the request to be refused");
}

/** The issues as `path: message` lines, the way users read them. */
function issues(input: unknown, options: OrderValidationOptions = {}): string[] {
  return refusal(input, options).issues.map((i: ValidationIssue) => `${i.path.join(".")}: ${i.message}`);
}

describe("a well-formed request", () => {
  it("comes back parsed, with defaults", () => {
    const r = validateOrderRequest(
      {
        ...base,
        type: "LIMIT",
        price: "189.50",
        displayQuantity: 10,
        expireAt: "2024-01-02T21:00:00Z",
        timeInForce: "GTD",
      },
      { instrument: AAPL },
    );
    expect(r.price?.toFixed()).toBe("189.5");
    expect(r.quantity.toFixed()).toBe("100");
    expect(r.expireAt).toBe(Date.parse("2024-01-02T21:00:00Z"));
    expect(r).toMatchObject({ strategyId: "default", reduceOnly: false, postOnly: false, tags: [] });
  });

  it.each([
    { type: "MARKET" },
    { type: "MARKET_TO_LIMIT" },
    { type: "LIMIT", price: "1" },
    { type: "STOP_MARKET", triggerPrice: "1" },
    { type: "STOP_LIMIT", price: "1", triggerPrice: "1" },
    { type: "MARKET_IF_TOUCHED", triggerPrice: "1" },
    { type: "LIMIT_IF_TOUCHED", price: "1", triggerPrice: "1" },
    { type: "TRAILING_STOP_MARKET", trailing: { offsetType: "PERCENT", offset: "1" } },
    { type: "TRAILING_STOP_LIMIT", trailing: { offsetType: "TICKS", offset: "5", limitOffset: "2" } },
    { type: "TRAILING_STOP_LIMIT", price: "1", trailing: { offsetType: "BASIS_POINTS", offset: "25" } },
    {
      type: "TRAILING_STOP_MARKET",
      triggerPrice: "1",
      trailing: { offsetType: "PRICE", offset: "0.5", activationPrice: "2" },
    },
    { type: "LIMIT", price: "1", timeInForce: "AT_THE_CLOSE" },
    { type: "LIMIT", price: "1", postOnly: true },
  ])("is accepted: %j", (fields) => {
    expect(() => validateOrderRequest({ ...base, ...fields })).not.toThrow();
  });
});

describe("each rule names the field and the reason", () => {
  it.each([
    ["a limit without a price", { type: "LIMIT" }, "price: LIMIT orders need a price"],
    [
      "a stop-limit without a price",
      { type: "STOP_LIMIT", triggerPrice: "1" },
      "price: STOP_LIMIT orders need a price",
    ],
    ["a price on a MARKET order", { type: "MARKET", price: "1" }, "price: MARKET orders take no price"],
    [
      "a price on a STOP_MARKET order",
      { type: "STOP_MARKET", price: "1", triggerPrice: "1" },
      "price: STOP_MARKET orders take no price",
    ],
    [
      "a stop without a trigger",
      { type: "STOP_MARKET" },
      "triggerPrice: STOP_MARKET orders need a triggerPrice",
    ],
    [
      "a touch order without a trigger",
      { type: "LIMIT_IF_TOUCHED", price: "1" },
      "triggerPrice: LIMIT_IF_TOUCHED orders need a triggerPrice",
    ],
    [
      "a trigger on a LIMIT order",
      { type: "LIMIT", price: "1", triggerPrice: "1" },
      "triggerPrice: LIMIT orders take no triggerPrice",
    ],
    [
      "a trailing stop without an offset",
      { type: "TRAILING_STOP_MARKET" },
      "trailing: TRAILING_STOP_MARKET orders need trailing: { offsetType, offset }",
    ],
    [
      "a trailing stop-limit without a limit offset or price",
      { type: "TRAILING_STOP_LIMIT", trailing: { offsetType: "PRICE", offset: "1" } },
      "trailing.limitOffset: TRAILING_STOP_LIMIT needs trailing.limitOffset (or an initial price)",
    ],
    [
      "a limit offset on a trailing stop-market",
      { type: "TRAILING_STOP_MARKET", trailing: { offsetType: "PRICE", offset: "1", limitOffset: "1" } },
      "trailing.limitOffset: only TRAILING_STOP_LIMIT orders take a limitOffset",
    ],
    [
      "a trailing offset on a LIMIT order",
      { type: "LIMIT", price: "1", trailing: { offsetType: "PRICE", offset: "1" } },
      "trailing: LIMIT orders take no trailing offset",
    ],
    [
      "a zero trailing offset",
      { type: "TRAILING_STOP_MARKET", trailing: { offsetType: "PRICE", offset: "0" } },
      "trailing.offset: must be greater than zero, got 0",
    ],
    [
      "an unknown offset type",
      { type: "TRAILING_STOP_MARKET", trailing: { offsetType: "PIPS", offset: "1" } },
      'trailing.offsetType: Invalid option: expected one of "PRICE"|"PERCENT"|"BASIS_POINTS"|"TICKS", got "PIPS"',
    ],
    ["GTD without expireAt", { type: "MARKET", timeInForce: "GTD" }, "expireAt: GTD orders need an expireAt"],
    [
      "expireAt without GTD",
      { type: "MARKET", expireAt: "2024-01-02T21:00:00Z" },
      "expireAt: expireAt is only used with timeInForce GTD, not GTC",
    ],
    [
      "an expireAt without a zone",
      { type: "MARKET", timeInForce: "GTD", expireAt: "2024-01-02 21:00" },
      'expireAt: must be an ISO-8601 time with a zone, e.g. "2024-01-02T14:30:00Z", got "2024-01-02 21:00"',
    ],
    [
      "AT_THE_OPEN on a stop",
      { type: "STOP_MARKET", triggerPrice: "1", timeInForce: "AT_THE_OPEN" },
      "timeInForce: AT_THE_OPEN applies to MARKET and LIMIT orders only",
    ],
    [
      "an unknown time in force",
      { type: "MARKET", timeInForce: "GTX" },
      'timeInForce: Invalid option: expected one of "GTC"|"DAY"|"IOC"|"FOK"|"GTD"|"AT_THE_OPEN"|"AT_THE_CLOSE", got "GTX" (did you mean "GTC" or "GTD"?)',
    ],
    ["zero quantity", { type: "MARKET", quantity: "0" }, "quantity: must be greater than zero, got 0"],
    ["negative quantity", { type: "MARKET", quantity: -5 }, "quantity: must be greater than zero, got -5"],
    [
      "a quantity that is not a number",
      { type: "MARKET", quantity: "lots" },
      'quantity: must be a decimal number, got "lots"',
    ],
    [
      "a missing quantity",
      { type: "MARKET", quantity: undefined },
      "quantity: is required: a decimal number as a string or number",
    ],
    ["a NaN price", { type: "LIMIT", price: Number.NaN }, "price: must be a finite number, got NaN"],
    [
      "postOnly on a MARKET order",
      { type: "MARKET", postOnly: true },
      "postOnly: postOnly applies to LIMIT orders only",
    ],
    [
      "postOnly with IOC",
      { type: "LIMIT", price: "1", postOnly: true, timeInForce: "IOC" },
      "postOnly: a postOnly order cannot be IOC: it would never rest",
    ],
    [
      "displayQuantity above quantity",
      { type: "LIMIT", price: "1", displayQuantity: "150" },
      "displayQuantity: must not exceed quantity 100, got 150",
    ],
    [
      "displayQuantity on a MARKET order",
      { type: "MARKET", displayQuantity: "10" },
      "displayQuantity: displayQuantity applies to limit orders only",
    ],
    [
      "a contingency type without links",
      { type: "MARKET", contingency: { type: "OCO" } },
      "contingency.linkedIds: OCO needs at least one linked order id",
    ],
    [
      "an OTO child that repeats the parent's type instead of naming only its parent",
      { type: "LIMIT", price: "1", contingency: { type: "OTO", parentId: "P1" } },
      'contingency.linkedIds: OTO needs at least one linked order id; a child of P1 needs only parentId (drop type "OTO": the parent carries type OTO and lists this order in its linkedIds)',
    ],
    [
      "links without a contingency type",
      { type: "MARKET", contingency: { linkedIds: ["B"] } },
      "contingency.type: linked orders need a contingency type (OTO, OCO or OUO)",
    ],
    [
      "an empty contingency",
      { type: "MARKET", contingency: {} },
      "contingency: give a type with linkedIds, or a parentId",
    ],
    [
      "an order linked to itself",
      { id: "A", type: "MARKET", contingency: { type: "OCO", linkedIds: ["A"] } },
      "contingency: order A cannot be linked to itself",
    ],
    [
      "an order that is its own parent",
      { id: "A", type: "MARKET", contingency: { parentId: "A" } },
      "contingency: order A cannot be linked to itself",
    ],
    [
      "an unknown contingency type",
      { type: "MARKET", contingency: { type: "OTA", linkedIds: ["B"] } },
      'contingency.type: Invalid option: expected one of "OTO"|"OCO"|"OUO", got "OTA" (did you mean "OTO"?)',
    ],
    [
      "an order id with spaces",
      { id: "my order", type: "MARKET" },
      "id: must be 1-64 characters of letters, digits and - _ . : /",
    ],
    [
      "an unknown side",
      { type: "MARKET", side: "LONG" },
      'side: Invalid option: expected one of "BUY"|"SELL", got "LONG"',
    ],
    [
      "a misspelt order type",
      { type: "LIMT", price: "1" },
      'type: Invalid option: expected one of "MARKET"|"LIMIT"|"STOP_MARKET"|"STOP_LIMIT"|"MARKET_IF_TOUCHED"|"LIMIT_IF_TOUCHED"|"TRAILING_STOP_MARKET"|"TRAILING_STOP_LIMIT"|"MARKET_TO_LIMIT", got "LIMT" (did you mean "LIMIT"?)',
    ],
  ])("refuses %s", (_name, fields, message) => {
    expect(issues({ ...base, ...fields })).toEqual([message]);
  });

  it("refuses a request that is not an object", () => {
    expect(refusal(null).message).toBe("VALIDATION: (root): Invalid input: expected object, received null");
  });
});

describe("order fields each on its own (a template's defaults)", () => {
  it("refuses a value not among the allowed ones, naming the one meant, and a value of the wrong kind", () => {
    expect(
      orderFieldIssues({ type: "LIMT", side: "buy", quantity: "-1", tags: "x", reduceOnly: true }, [
        "template",
      ]),
    ).toEqual([
      {
        path: ["template", "type"],
        message:
          'Invalid option: expected one of "MARKET"|"LIMIT"|"STOP_MARKET"|"STOP_LIMIT"|"MARKET_IF_TOUCHED"|"LIMIT_IF_TOUCHED"|"TRAILING_STOP_MARKET"|"TRAILING_STOP_LIMIT"|"MARKET_TO_LIMIT", got "LIMT" (did you mean "LIMIT"?)',
      },
      {
        path: ["template", "side"],
        message: 'Invalid option: expected one of "BUY"|"SELL", got "buy" (did you mean "BUY"?)',
      },
      { path: ["template", "quantity"], message: "must be greater than zero, got -1" },
      { path: ["template", "tags"], message: "Invalid input: expected array, received string" },
    ]);
  });

  it("passes fields that are fine on their own, and leaves other names and undefined values alone", () => {
    expect(
      orderFieldIssues({ type: "LIMIT", side: "SELL", timeInForce: "DAY", tif: "x", price: undefined }),
    ).toEqual([]);
  });
});

describe("a stop-limit on the wrong side", () => {
  const buy = { ...base, type: "STOP_LIMIT", triggerPrice: "100", price: "99.5" };
  const sell = { ...base, side: "SELL", type: "STOP_LIMIT", triggerPrice: "100", price: "100.5" };

  it("is allowed by default (it may never fill once triggered, but some traders want that)", () => {
    expect(() => validateOrderRequest(buy)).not.toThrow();
    expect(() => validateOrderRequest(sell, { stopLimitWrongSide: "allow" })).not.toThrow();
  });

  it("is refused when configured as an error", () => {
    expect(issues(buy, { stopLimitWrongSide: "error" })).toEqual([
      "price: a BUY STOP_LIMIT's limit 99.5 is below its trigger 100",
    ]);
    expect(issues(sell, { stopLimitWrongSide: "error" })).toEqual([
      "price: a SELL STOP_LIMIT's limit 100.5 is above its trigger 100",
    ]);
    expect(() =>
      validateOrderRequest({ ...buy, price: "100" }, { stopLimitWrongSide: "error" }),
    ).not.toThrow();
  });
});

describe("trailing offsets that cannot be right", () => {
  const sellTrailing = (offsetType: string, offset: string, limitOffset?: string) => ({
    ...base,
    side: "SELL",
    type: limitOffset === undefined ? "TRAILING_STOP_MARKET" : "TRAILING_STOP_LIMIT",
    trailing: { offsetType, offset, ...(limitOffset !== undefined && { limitOffset }) },
  });

  it("refuses a SELL percent offset of 100 or more: its trigger would be at or below 0 and never fire", () => {
    expect(refusal(sellTrailing("PERCENT", "100")).message).toBe(
      "VALIDATION: trailing.offset: a SELL TRAILING_STOP_MARKET's PERCENT offset must be below 100, got 100: " +
        "100% or more below the market puts its trigger at or below 0, where it never fires",
    );
    expect(issues(sellTrailing("PERCENT", "150"))).toHaveLength(1);
  });

  it("refuses a SELL basis-points offset of 10000 or more", () => {
    expect(issues(sellTrailing("BASIS_POINTS", "10000"))).toEqual([
      "trailing.offset: a SELL TRAILING_STOP_MARKET's BASIS_POINTS offset must be below 10000, got 10000: " +
        "10000 basis points (100%) or more below the market puts its trigger at or below 0, where it never fires",
    ]);
  });

  it("refuses a SELL trailing stop-limit whose limit offset would put its limit at or below 0", () => {
    expect(issues(sellTrailing("PERCENT", "5", "100"))).toEqual([
      "trailing.limitOffset: a SELL TRAILING_STOP_LIMIT's PERCENT limitOffset must be below 100, got 100: " +
        "100% or more below the market puts its limit at or below 0, which is no price",
    ]);
    expect(issues(sellTrailing("BASIS_POINTS", "50", "12000"))).toEqual([
      "trailing.limitOffset: a SELL TRAILING_STOP_LIMIT's BASIS_POINTS limitOffset must be below 10000, got 12000: " +
        "10000 basis points (100%) or more below the market puts its limit at or below 0, which is no price",
    ]);
  });

  it("refuses a fractional number of ticks, which the venue would round", () => {
    expect(refusal(sellTrailing("TICKS", "2.5")).message).toBe(
      "VALIDATION: trailing.offset: a TICKS offset must be a whole number of ticks, got 2.5: " +
        "trailing prices move on the tick grid, so it would be rounded (use 2 or 3)",
    );
    expect(issues({ ...sellTrailing("TICKS", "4", "0.5"), side: "BUY" })).toEqual([
      "trailing.limitOffset: a TICKS limitOffset must be a whole number of ticks, got 0.5: " +
        "trailing prices move on the tick grid, so it would be rounded (use 1)",
    ]);
  });

  it.each([
    ["a SELL percent offset just below 100", sellTrailing("PERCENT", "99.5")],
    ["a SELL basis-points limit offset just below 10000", sellTrailing("BASIS_POINTS", "100", "9999")],
    [
      "a BUY percent offset of 100 or more (it trails above the market)",
      { ...sellTrailing("PERCENT", "150", "200"), side: "BUY" },
    ],
    ["a BUY basis-points offset of 10000", { ...sellTrailing("BASIS_POINTS", "10000"), side: "BUY" }],
    ["a whole number of ticks written with decimals", sellTrailing("TICKS", "3.0", "5.00")],
    ["a PRICE offset of any size", sellTrailing("PRICE", "250.5", "300.25")],
  ])("still accepts %s", (_name, request) => {
    expect(() => validateOrderRequest(request)).not.toThrow();
  });
});

describe("the instrument's rules", () => {
  const limit = { ...base, type: "LIMIT", price: "189.50" };

  it("refuse a price off the tick with PRICE_NOT_ON_TICK", () => {
    const error = refusal({ ...limit, price: "101.003" }, { instrument: AAPL });
    expect(error.message).toBe(
      "PRICE_NOT_ON_TICK: price: limit price 101.003 is not a multiple of tick size 0.01 for AAPL.XNAS",
    );
    expect(error.code).toBe("PRICE_NOT_ON_TICK");
  });

  it("refuse a trigger price off the tick", () => {
    expect(issues({ ...base, type: "STOP_MARKET", triggerPrice: "99.999" }, { instrument: AAPL })).toEqual([
      "triggerPrice: trigger price 99.999 is not a multiple of tick size 0.01 for AAPL.XNAS",
    ]);
  });

  it("refuse a quantity off the lot with QUANTITY_NOT_ON_LOT", () => {
    const error = refusal({ ...limit, quantity: "10.5" }, { instrument: AAPL });
    expect(error.message).toBe(
      "QUANTITY_NOT_ON_LOT: quantity: quantity 10.5 is not a multiple of lot size 1 for AAPL.XNAS",
    );
  });

  it("refuse a display quantity off the lot", () => {
    expect(issues({ ...limit, displayQuantity: "2.5" }, { instrument: AAPL })).toEqual([
      "displayQuantity: displayQuantity 2.5 is not a multiple of lot size 1 for AAPL.XNAS",
    ]);
  });

  it("refuse quantities outside the instrument's limits and a notional below its minimum", () => {
    expect(refusal({ ...limit, quantity: "20000" }, { instrument: AAPL }).code).toBe("QUANTITY_ABOVE_MAX");
    expect(issues({ ...limit, quantity: "20000" }, { instrument: AAPL })).toEqual([
      "quantity: quantity 20000 is above the maximum 10000 for AAPL.XNAS",
    ]);
    expect(issues({ ...limit, price: "0.01", quantity: "1" }, { instrument: AAPL })).toEqual([
      "quantity: notional 0.01 is below the minimum 10 for AAPL.XNAS",
    ]);
    const fractional = createInstrument({ ...AAPL, lotSize: "0.1", minQuantity: "1" });
    expect(issues({ ...limit, quantity: "0.5" }, { instrument: fractional })).toEqual([
      "quantity: quantity 0.5 is below the minimum 1 for AAPL.XNAS",
    ]);
  });

  it("refuse a request for another instrument", () => {
    expect(issues({ ...limit, instrumentId: "MSFT.XNAS" }, { instrument: AAPL })).toEqual([
      "instrumentId: is MSFT.XNAS, but the instrument is AAPL.XNAS",
    ]);
  });
});

describe("one ValidationError lists every problem", () => {
  it("with its path, in one message", () => {
    const error = refusal({
      ...base,
      type: "LIMIT",
      quantity: "0",
      timeInForce: "GTD",
      postOnly: true,
      triggerPrice: "5",
    });
    expect(error.issues.map((i) => i.path.join("."))).toEqual([
      "quantity",
      "price",
      "triggerPrice",
      "expireAt",
    ]);
    expect(error.message).toBe(
      "VALIDATION: quantity: must be greater than zero, got 0; price: LIMIT orders need a price; " +
        "triggerPrice: LIMIT orders take no triggerPrice; expireAt: GTD orders need an expireAt",
    );
  });

  it("lists several instrument problems together, under a path prefix", () => {
    const error = refusal(
      { ...base, type: "STOP_LIMIT", price: "101.001", triggerPrice: "100.005", quantity: "1.5" },
      { instrument: AAPL, path: ["inputs", 3, "submit"] },
    );
    expect(error.code).toBe("VALIDATION"); // several codes: no single one
    expect(error.issues).toEqual([
      {
        path: ["inputs", 3, "submit", "price"],
        code: "PRICE_NOT_ON_TICK",
        message: "limit price 101.001 is not a multiple of tick size 0.01 for AAPL.XNAS",
      },
      {
        path: ["inputs", 3, "submit", "triggerPrice"],
        code: "PRICE_NOT_ON_TICK",
        message: "trigger price 100.005 is not a multiple of tick size 0.01 for AAPL.XNAS",
      },
      {
        path: ["inputs", 3, "submit", "quantity"],
        code: "QUANTITY_NOT_ON_LOT",
        message: "quantity 1.5 is not a multiple of lot size 1 for AAPL.XNAS",
      },
    ]);
    expect(error.message).toContain("inputs[3].submit.triggerPrice: trigger price 100.005");
  });

  it("prefixes structural problems too", () => {
    expect(refusal({ ...base, type: "LIMIT" }, { path: ["orders", 0] }).message).toBe(
      "VALIDATION: orders[0].price: LIMIT orders need a price",
    );
  });

  it("reports a bad quantity as such even when another rule compares against it", () => {
    // displayQuantity is checked against quantity; a bad quantity must not crash that comparison.
    expect(issues({ ...base, type: "LIMIT", price: "1", quantity: "abc", displayQuantity: "5" })).toEqual([
      'quantity: must be a decimal number, got "abc"',
    ]);
    expect(issues({ ...base, type: "LIMIT", price: "1", displayQuantity: "x" })).toEqual([
      'displayQuantity: must be a decimal number, got "x"',
    ]);
  });
});

import { Decimal } from "@ordo/core";
import { describe, expect, it } from "vitest";
import { parseScenario, type Scenario, type ScenarioProblem } from "../src/index.js";

/** The reference document's example (docs/scenario-format.md), with its "..." filled in. */
function referenceScenario(): Record<string, unknown> & { inputs: Record<string, unknown>[] } {
  return {
    format: 1,
    instrument: {
      id: "AAPL.XNAS",
      assetClass: "equity",
      currency: "USD",
      tickSize: "0.01",
      lotSize: "1",
      multiplier: "1",
    },
    account: { type: "cash", currency: "USD", balance: "100000" },
    venue: {
      fillTiming: "next-open",
      barPath: "ohlc",
      slippage: { model: "none" },
      commission: { model: "none" },
      latencyMs: 0,
    },
    inputs: [
      {
        at: "2024-01-02T14:30:00Z",
        submit: { id: "o1", side: "BUY", type: "LIMIT", quantity: "100", price: "3.60", timeInForce: "GTC" },
      },
      {
        at: "2024-01-02T14:31:00Z",
        bar: { open: "3", high: "3.15", low: "2.85", close: "3", volume: "200" },
      },
      {
        at: "2024-01-02T14:31:00Z",
        quote: { bid: "2.99", ask: "3.01", bidSize: "500", askSize: "500" },
      },
      { at: "2024-01-02T14:31:00Z", trade: { price: "3.00", size: "100", aggressor: "SELLER" } },
      {
        at: "2024-01-02T14:32:00Z",
        submitBracket: {
          id: "b1",
          side: "BUY",
          quantity: "100",
          entry: { type: "MARKET" },
          stopLoss: { triggerPrice: "2.90" },
          takeProfit: { price: "3.30" },
        },
      },
      {
        at: "2024-01-02T14:32:00Z",
        submitOco: {
          orders: [
            { id: "a", side: "SELL", type: "LIMIT", quantity: "10", price: "4" },
            { id: "b", side: "SELL", type: "STOP_MARKET", quantity: "10", triggerPrice: "2" },
          ],
        },
      },
      { at: "2024-01-02T14:33:00Z", modify: { id: "o1", price: "3.55" } },
      { at: "2024-01-02T14:34:00Z", cancel: { id: "o1" } },
    ],
  };
}

function parsed(json: unknown): Scenario {
  const result = parseScenario(json);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.reason}`).join("\n"));
  return result.scenario;
}

function problems(json: unknown): readonly ScenarioProblem[] {
  const result = parseScenario(json);
  if (result.ok) throw new Error("expected the scenario to be invalid");
  return result.problems;
}

describe("parseScenario: the reference format", () => {
  it("reads every input kind of the reference example, in order", () => {
    const scenario = parsed(referenceScenario());
    expect(scenario.inputs.map((i) => i.kind)).toEqual([
      "submit",
      "bar",
      "quote",
      "trade",
      "submitBracket",
      "submitOco",
      "modify",
      "cancel",
    ]);
    expect(scenario.inputs[0]!.at).toBe(Date.parse("2024-01-02T14:30:00Z"));
    expect(scenario.instrument.tickSize.toString()).toBe("0.01");
    expect(scenario.account.balance.toString()).toBe("100000");
  });

  it("carries bar prices as the exact numbers of their decimal text", () => {
    const input = parsed(referenceScenario()).inputs[1]!;
    expect(input.kind === "bar" && input.bar).toEqual({
      open: 3,
      high: 3.15,
      low: 2.85,
      close: 3,
      volume: 200,
    });
  });

  it("accepts decimals as JSON numbers, converted from their decimal text", () => {
    const json = referenceScenario();
    json.inputs[0] = {
      at: "2024-01-02T14:30:00Z",
      submit: { id: "o1", side: "BUY", type: "LIMIT", quantity: 100, price: 3.6 },
    };
    const input = parsed(json).inputs[0]!;
    if (input.kind !== "submit") throw new Error("expected a submit");
    expect(input.submit.price?.toString()).toBe("3.6");
    expect(input.submit.quantity.toString()).toBe("100");
  });

  it("fills in the venue defaults when the venue is left out", () => {
    const json = referenceScenario();
    delete json.venue;
    const venue = parsed(json).venue;
    expect(venue).toMatchObject({
      fillTiming: "next-open",
      barPath: "ohlc",
      slippage: { model: "none" },
      latencyMs: 0,
    });
    // No commission model: the venue charges the instrument's own makerFee / takerFee (none here).
    expect(venue.commission).toBeUndefined();
  });

  it("builds a bracket's three linked orders with ids <id>-entry, <id>-sl and <id>-tp", () => {
    const input = parsed(referenceScenario()).inputs[4]!;
    if (input.kind !== "submitBracket") throw new Error("expected a bracket");
    const { entry, stopLoss, takeProfit } = input.submitBracket;
    expect(entry).toMatchObject({ id: "b1-entry", side: "BUY", type: "MARKET" });
    expect(entry.contingency).toMatchObject({ type: "OTO", linkedIds: ["b1-sl", "b1-tp"] });
    expect(stopLoss).toMatchObject({ id: "b1-sl", side: "SELL", type: "STOP_MARKET", reduceOnly: true });
    expect(stopLoss.triggerPrice?.toString()).toBe("2.9");
    expect(stopLoss.contingency).toMatchObject({ type: "OUO", linkedIds: ["b1-tp"], parentId: "b1-entry" });
    expect(takeProfit).toMatchObject({ id: "b1-tp", side: "SELL", type: "LIMIT", reduceOnly: true });
    expect(takeProfit.price?.toString()).toBe("3.3");
  });

  it("links an OCO group's orders to each other", () => {
    const input = parsed(referenceScenario()).inputs[5]!;
    if (input.kind !== "submitOco") throw new Error("expected an OCO group");
    expect(input.submitOco.orders.map((o) => [o.id, o.contingency?.type, o.contingency?.linkedIds])).toEqual([
      ["a", "OCO", ["b"]],
      ["b", "OCO", ["a"]],
    ]);
  });

  it("keeps a modify's new price as an exact Decimal", () => {
    const input = parsed(referenceScenario()).inputs[6]!;
    if (input.kind !== "modify") throw new Error("expected a modify");
    expect(input.modify.price).toBeInstanceOf(Decimal);
    expect(input.modify.price?.toString()).toBe("3.55");
  });
});

describe("parseScenario: problems name the JSON path and the reason", () => {
  it("names a bad order field by its path", () => {
    const json = referenceScenario();
    (json.inputs[0]!.submit as Record<string, unknown>).price = "abc";
    expect(problems(json)).toEqual([
      { path: "inputs[0].submit.price", reason: 'must be a decimal number, got "abc"' },
    ]);
  });

  it("refuses a field that is not an order field (a typo would otherwise be ignored)", () => {
    const json = referenceScenario();
    (json.inputs[0]!.submit as Record<string, unknown>).prce = "3.5";
    const [problem] = problems(json);
    expect(problem?.path).toBe("inputs[0].submit.prce");
    expect(problem?.reason).toMatch(/^is not an order field/);
  });

  it("reports an order that breaks core's combination rules at the missing field", () => {
    const json = referenceScenario();
    delete (json.inputs[0]!.submit as Record<string, unknown>).price;
    expect(problems(json)).toEqual([{ path: "inputs[0].submit.price", reason: "LIMIT orders need a price" }]);
  });

  it("refuses a sell trailing stop 100% below the market, and a fractional number of ticks, at the offset", () => {
    const json = referenceScenario();
    json.inputs[0]!.submit = {
      id: "o1",
      side: "SELL",
      type: "TRAILING_STOP_LIMIT",
      quantity: "100",
      trailing: { offsetType: "PERCENT", offset: "100", limitOffset: "101" },
    };
    json.inputs.push({
      at: "2024-01-02T14:35:00Z",
      submit: {
        side: "SELL",
        type: "TRAILING_STOP_MARKET",
        quantity: "100",
        trailing: { offsetType: "TICKS", offset: "2.5" },
      },
    });
    expect(problems(json)).toEqual([
      {
        path: "inputs[0].submit.trailing.offset",
        reason:
          "a SELL TRAILING_STOP_LIMIT's PERCENT offset must be below 100, got 100: 100% or more below the market puts its trigger at or below 0, where it never fires",
      },
      {
        path: "inputs[0].submit.trailing.limitOffset",
        reason:
          "a SELL TRAILING_STOP_LIMIT's PERCENT limitOffset must be below 100, got 101: 100% or more below the market puts its limit at or below 0, which is no price",
      },
      {
        path: "inputs[8].submit.trailing.offset",
        reason:
          "a TICKS offset must be a whole number of ticks, got 2.5: trailing prices move on the tick grid, so it would be rounded (use 2 or 3)",
      },
    ]);
  });

  it("refuses an input whose time is earlier than the one before", () => {
    const json = referenceScenario();
    json.inputs[3]!.at = "2024-01-02T14:20:00Z";
    expect(problems(json)).toEqual([
      {
        path: "inputs[3].at",
        reason:
          "2024-01-02T14:20:00Z is earlier than the previous input (2024-01-02T14:31:00Z); inputs are in time order",
      },
    ]);
  });

  it("refuses a time without a zone", () => {
    const json = referenceScenario();
    json.inputs[1]!.at = "2024-01-02T14:31:00";
    const [problem] = problems(json);
    expect(problem?.path).toBe("inputs[1].at");
    expect(problem?.reason).toMatch(/must be an ISO-8601 time with a zone/);
  });

  it("refuses a bar whose high is below its close", () => {
    const json = referenceScenario();
    json.inputs[1]!.bar = { open: "3", high: "2.9", low: "2.85", close: "3", volume: "200" };
    expect(problems(json)).toEqual([
      {
        path: "inputs[1].bar.high",
        reason: "must be at least the open, low and close (high 2.9, open 3, low 2.85, close 3)",
      },
    ]);
  });

  it("refuses a market price a 64-bit float cannot hold exactly", () => {
    const json = referenceScenario();
    json.inputs[1]!.bar = {
      open: "3.0000000000000001",
      high: "3.15",
      low: "2.85",
      close: "3",
      volume: "200",
    };
    expect(problems(json)).toEqual([
      {
        path: "inputs[1].bar.open",
        reason:
          "3.0000000000000001 has more digits than market data carries (a 64-bit float holds 15 significant digits)",
      },
    ]);
  });

  it("refuses a crossed quote", () => {
    const json = referenceScenario();
    json.inputs[2]!.quote = { bid: "3.02", ask: "3.01", bidSize: "500", askSize: "500" };
    expect(problems(json)).toEqual([
      { path: "inputs[2].quote.bid", reason: "must not be above the ask (bid 3.02, ask 3.01)" },
    ]);
  });

  it("needs exactly one kind per input, and names a misspelt kind once", () => {
    const json = referenceScenario();
    json.inputs.push({ at: "2024-01-02T14:40:00Z" });
    json.inputs.push({ at: "2024-01-02T14:40:00Z", sumbit: {} });
    json.inputs.push({ at: "2024-01-02T14:40:00Z", cancel: { id: "o1" }, modify: { id: "o1", price: "3" } });
    expect(problems(json)).toEqual([
      {
        path: "inputs[8]",
        reason:
          'needs one of bar, quote, trade, submit, submitBracket, submitOco, modify, cancel besides "at"',
      },
      {
        path: "inputs[9].sumbit",
        reason:
          'is not a known field: an input has "at" and one of bar, quote, trade, submit, submitBracket, submitOco, modify, cancel',
      },
      { path: "inputs[10]", reason: "has modify and cancel; give one per input" },
    ]);
  });

  it("refuses a modify or cancel of an order the scenario never submits, or submits later", () => {
    const json = referenceScenario();
    json.inputs[6]!.modify = { id: "nope", price: "3.55" };
    json.inputs.splice(0, 0, { at: "2024-01-02T14:29:00Z", cancel: { id: "o1" } });
    expect(problems(json)).toEqual([
      { path: "inputs[0].cancel.id", reason: 'order "o1" is submitted only later, at inputs[1].submit' },
      { path: "inputs[7].modify.id", reason: 'no order "nope" is submitted in this scenario' },
    ]);
  });

  it("refuses an order id used twice", () => {
    const json = referenceScenario();
    const oco = json.inputs[5]!.submitOco as { orders: Record<string, unknown>[] };
    oco.orders[1]!.id = "o1";
    expect(problems(json)).toEqual([
      {
        path: "inputs[5].submitOco.orders[1].id",
        reason: 'order id "o1" is already used at inputs[0].submit',
      },
    ]);
  });

  it("refuses a contingency that links to an order not in the scenario", () => {
    const json = referenceScenario();
    (json.inputs[0]!.submit as Record<string, unknown>).contingency = { type: "OCO", linkedIds: ["ghost"] };
    expect(problems(json)).toEqual([
      { path: "inputs[0].submit.contingency.linkedIds[0]", reason: 'no order "ghost" in this scenario' },
    ]);
  });

  it("names a bracket's missing stop-loss trigger under stopLoss", () => {
    const json = referenceScenario();
    (json.inputs[4]!.submitBracket as Record<string, unknown>).stopLoss = {};
    expect(problems(json)).toEqual([
      { path: "inputs[4].submitBracket.stopLoss", reason: "needs a triggerPrice or an offset" },
    ]);
  });

  it("names a bracket entry's missing limit price under entry", () => {
    const json = referenceScenario();
    (json.inputs[4]!.submitBracket as Record<string, unknown>).entry = { type: "LIMIT" };
    expect(problems(json)).toContainEqual({
      path: "inputs[4].submitBracket.entry.price",
      reason: "LIMIT orders need a price",
    });
  });

  it("needs ids on OCO orders, which are linked by id", () => {
    const json = referenceScenario();
    const oco = json.inputs[5]!.submitOco as { orders: Record<string, unknown>[] };
    delete oco.orders[0]!.id;
    expect(problems(json)).toEqual([
      { path: "inputs[5].submitOco.orders[0].id", reason: "is required: OCO orders are linked by id" },
    ]);
  });

  it("refuses an unknown slippage model with the models it knows", () => {
    const json = referenceScenario();
    (json.venue as Record<string, unknown>).slippage = { model: "magic" };
    const [problem] = problems(json);
    expect(problem?.path).toBe("venue.slippage.model");
    expect(problem?.reason).toMatch(/unknown model "magic"; expected one of "none", "fixed"/);
  });

  it("refuses an account in another currency than the instrument's", () => {
    const json = referenceScenario();
    json.account = { type: "cash", currency: "EUR", balance: "1000" };
    expect(problems(json)).toEqual([
      {
        path: "account.currency",
        reason: "is EUR, but AAPL.XNAS is quoted in USD; a scenario has one currency",
      },
    ]);
  });

  it("refuses leverage on a cash account", () => {
    const json = referenceScenario();
    json.account = { type: "cash", currency: "USD", balance: "1000", leverage: "2" };
    expect(problems(json)).toEqual([
      { path: "account.leverage", reason: 'applies to "margin" accounts only' },
    ]);
  });

  it("names every missing top-level part, and a wrong format version", () => {
    expect(problems({ format: 2 })).toEqual([
      { path: "format", reason: "must be 1 (the scenario format version)" },
      { path: "instrument", reason: "is required (object)" },
      { path: "account", reason: "is required (object)" },
      { path: "inputs", reason: "is required (array)" },
    ]);
  });
});

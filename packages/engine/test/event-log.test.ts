import { createHash } from "node:crypto";
import { Decimal } from "@ordo/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventLog } from "../src/event-log.js";
import { JsonBytes } from "../src/json-bytes.js";

function bytesOf(value: unknown): string {
  const out = new JsonBytes(16);
  out.writeLine(value);
  return out.text(0);
}

describe("JsonBytes writes exactly JSON.stringify's bytes", () => {
  it.each([
    ["a Decimal (its text, via toJSON)", { price: new Decimal("101.2500"), tiny: new Decimal("1e-9") }],
    ["times and integers", { ts: 1_704_067_200_000, zero: 0, negZero: -0, neg: -42, big: 2 ** 60 }],
    [
      "non-finite numbers as null",
      { a: Number.NaN, b: Number.POSITIVE_INFINITY, c: [Number.NEGATIVE_INFINITY] },
    ],
    ["fractions", { a: 0.1 + 0.2, b: -1.5e-7, c: 1e21 }],
    ["quotes, backslashes and control characters", { s: 'say "hi"\\ \n\t\u0000\u001f\u007f' }],
    ["non-ASCII text and lone surrogates", { s: "café ✓ 日本 😀", lone: "\ud800x", key_é: 1 }],
    [
      "undefined, functions and symbols left out of objects",
      { a: undefined, f: () => 1, s: Symbol("x"), b: 1 },
    ],
    ["undefined, functions and symbols as null in arrays", [undefined, () => 1, Symbol("y"), 2]],
    ["a toJSON that returns undefined drops the key", { gone: { toJSON: () => undefined }, kept: true }],
    ["nested objects, arrays, booleans and null", { o: { p: [1, [2, { q: null }]], t: true, f: false } }],
    ["integer-like keys first, as JSON.stringify orders them", { b: 1, 2: "two", a: 3, 1: "one" }],
    ["a Date", { at: new Date(0) }],
    [
      "an object with inherited enumerable keys (left out)",
      Object.assign(Object.create({ inherited: 1 }), { own: 2 }),
    ],
    [
      "a class instance",
      new (class Point {
        x = 1;
        y = 2;
      })(),
    ],
    ["an object without a prototype", Object.assign(Object.create(null), { a: 1 })],
  ])("%s", (_name, value) => {
    expect(bytesOf(value)).toBe(`${JSON.stringify(value)}\n`);
  });

  it("agrees with JSON.stringify on arbitrary JSON values", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(bytesOf(value)).toBe(`${JSON.stringify(value)}\n`);
      }),
      { numRuns: 500 },
    );
  });

  it("writes every Decimal as its toJSON text, from its words", () => {
    const decimals = fc.oneof(
      fc
        .tuple(fc.bigInt({ min: -(10n ** 50n), max: 10n ** 50n }), fc.integer({ min: -45, max: 60 }))
        .map(([units, exponent]) => new Decimal(`${units}e${exponent}`)),
      fc.constantFrom(
        "0",
        "-0",
        "1",
        "-1",
        "0.1",
        "100",
        "1e-39",
        "1e-40",
        "9.99e39",
        "1e40",
        "NaN",
        "Infinity",
      ),
    );
    fc.assert(
      fc.property(fc.array(decimals.map((d) => (typeof d === "string" ? new Decimal(d) : d))), (ds) => {
        expect(bytesOf({ ds, one: ds[0] })).toBe(`${JSON.stringify({ ds, one: ds[0] })}\n`);
      }),
      { numRuns: 2000 },
    );
  });

  it("writes every safe integer, repeated or not, as JSON.stringify does", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.maxSafeNat(), fc.nat(20), fc.constant(1e8), fc.constant(99_999_999))),
        (ns) => {
          expect(bytesOf({ ns, again: ns })).toBe(`${JSON.stringify({ ns, again: ns })}\n`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("writes objects of one type but different keys as JSON.stringify does, in any order", () => {
    // Events are written from a plan per `type` (and per key for nested objects), made from the first
    // one seen: a later object with other keys, other key order, undefined values or nested objects of
    // another shape must still come out as JSON.stringify's bytes.
    const key = fc.constantFrom("a", "b", "c", "orderId", "é", "1", "spec");
    const leaf = fc.oneof(
      fc.jsonValue({ maxDepth: 1 }),
      fc.constant(undefined),
      fc.constant(null),
      fc.boolean(),
      fc.integer().map((n) => new Decimal(n).div(100)),
      fc.constant({ toJSON: () => "via toJSON" }),
    );
    const inner = fc.dictionary(key, leaf, { maxKeys: 4 });
    const event = fc
      .tuple(fc.constantFrom("OrderFilled", "OrderAccepted"), fc.dictionary(key, fc.oneof(leaf, inner)))
      .map(([type, rest]) => ({ type, ...rest }));
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 12 }), (events) => {
        const out = new JsonBytes(16);
        for (const e of events) out.writeLine(e);
        expect(out.text(0)).toBe(events.map((e) => `${JSON.stringify(e)}\n`).join(""));
      }),
      { numRuns: 1000 },
    );
  });

  it("leaves out keys inherited from Object.prototype, as JSON.stringify does", () => {
    const out = new JsonBytes(16);
    const event = { type: "OrderAccepted", orderId: "O-1" };
    out.writeLine(event);
    Object.defineProperty(Object.prototype, "polluted", { value: 1, enumerable: true, configurable: true });
    try {
      out.writeLine(event);
      out.writeLine({ type: "OrderAccepted", orderId: "O-2", spec: { nested: true } });
    } finally {
      delete (Object.prototype as { polluted?: number }).polluted;
    }
    expect(out.text(0)).toBe(
      '{"type":"OrderAccepted","orderId":"O-1"}\n'.repeat(2) +
        '{"type":"OrderAccepted","orderId":"O-2","spec":{"nested":true}}\n',
    );
  });

  it("grows past its starting capacity", () => {
    const long = { text: "x".repeat(100_000), list: Array.from({ length: 1000 }, (_, i) => i) };
    expect(bytesOf(long)).toBe(`${JSON.stringify(long)}\n`);
  });
});

describe("EventLog", () => {
  it("hashes the JSON lines and keeps them when asked", () => {
    const events = [
      { type: "OrderFilled", orderId: "O-1", price: new Decimal("10.5"), ts: 1 },
      { type: "StrategyError", message: 'boom "quoted" ✗', ts: 2 },
    ];
    const log = new EventLog({ keep: true });
    for (const e of events) log.append(e);
    const lines = events.map((e) => JSON.stringify(e));
    expect(log.lines()).toEqual(lines);
    expect(log.count).toBe(2);
    expect(log.digest()).toBe(
      createHash("sha256")
        .update(lines.map((l) => `${l}\n`).join(""))
        .digest("hex"),
    );
  });

  it("gives the same hash across its 64 KB flushes as one hash of every line", () => {
    const log = new EventLog();
    const all = createHash("sha256");
    for (let i = 0; i < 5000; i++) {
      const e = {
        type: "OrderAccepted",
        orderId: `O-${i}`,
        ts: 1_700_000_000_000 + i,
        note: "é".repeat(i % 7),
      };
      log.append(e);
      all.update(`${JSON.stringify(e)}\n`);
    }
    expect(log.digest()).toBe(all.digest("hex"));
  });
});

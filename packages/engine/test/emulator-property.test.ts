import type { OrderEvent } from "@ordo/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DAY, Rig, T0 } from "./emulator-support.js";

/** One bar as cent moves: open from the previous close, close from the open, and how far beyond them high and low reach. */
const barMoves = fc.tuple(
  fc.integer({ min: -300, max: 300 }),
  fc.integer({ min: -300, max: 300 }),
  fc.integer({ min: 0, max: 200 }),
  fc.integer({ min: 0, max: 200 }),
);

const scenario = fc.record({
  bars: fc.array(barMoves, { minLength: 1, maxLength: 10 }),
  side: fc.constantFrom("BUY" as const, "SELL" as const),
  /** Trigger distance from 100.00 in cents (either side: a stop already through gaps at the first open). */
  trigger: fc.integer({ min: -600, max: 600 }),
  /** 0: a stop-market; else a trailing stop-market with this offset in cents. */
  trailingOffset: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 300 })),
  barPath: fc.constantFrom("ohlc" as const, "adaptive" as const),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function ohlc(moves: Scenario["bars"]): [number, number, number, number][] {
  let close = 10_000;
  return moves.map(([gap, body, up, down]) => {
    const open = close + gap;
    close = open + body;
    const high = Math.max(open, close) + up;
    const low = Math.max(1, Math.min(open, close) - down);
    return [open / 100, high / 100, low / 100, close / 100];
  });
}

function run(rig: Rig, s: Scenario): OrderEvent[] {
  const trigger = ((10_000 + s.trigger) / 100).toFixed(2);
  rig.submit(
    s.trailingOffset === 0
      ? { id: "stop", side: s.side, type: "STOP_MARKET", triggerPrice: trigger }
      : {
          id: "stop",
          side: s.side,
          type: "TRAILING_STOP_MARKET",
          triggerPrice: trigger,
          trailing: { offsetType: "PRICE", offset: (s.trailingOffset / 100).toFixed(2) },
        },
  );
  for (const [i, [o, h, l, c]] of ohlc(s.bars).entries()) rig.bar(i + 1, o, h, l, c);
  return rig.events;
}

const trail = (events: OrderEvent[]) =>
  events.flatMap((e) => (e.type === "OrderUpdated" ? [[e.tsEvent, e.triggerPrice?.toString()]] : []));

describe("LocalOrderEmulator: property", () => {
  it("an emulated stop on a MARKET-only venue triggers on the same bar, at the price, and after the same trailing moves, as a native stop fills; the venue fills it at the next open", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const nativeEvents = run(new Rig({ venue: { barPath: s.barPath } }), s);
        const emulatedEvents = run(
          new Rig({
            supports: { orderTypes: ["MARKET"] },
            venue: { barPath: s.barPath },
            emulator: { barPath: s.barPath },
          }),
          s,
        );
        const nativeFill = nativeEvents.find((e) => e.type === "OrderFilled");
        const released = emulatedEvents.find((e) => e.type === "OrderReleased");
        expect(released?.tsEvent).toBe(nativeFill?.tsEvent);
        expect(released?.releasedPrice?.toString()).toBe(nativeFill?.price.toString());
        expect(trail(emulatedEvents)).toEqual(trail(nativeEvents));

        const emulatedFill = emulatedEvents.find((e) => e.type === "OrderFilled");
        if (released === undefined) return;
        const bars = ohlc(s.bars);
        const next = (released.tsEvent - T0) / DAY; // the 0-based index of the bar after the release
        expect(emulatedFill?.price.toString()).toBe(next < bars.length ? String(bars[next]![0]) : undefined);
      }),
      { numRuns: 300 },
    );
  });
});

import { RUN_ENDED as ENGINE_RUN_ENDED } from "@ordo/engine";
import { describe, expect, it } from "vitest";
import {
  isLateStrategyCall,
  lateCallLocation,
  lateStrategyCallLine,
  RUN_ENDED,
  type RunEndedError,
} from "../src/late-strategy-call.js";

/** An error as the engine throws it for `ctx.orders.placeLimit` after the run, with the given stack. */
function runEnded(stack: string): RunEndedError {
  const error = Object.assign(new Error("RUN_ENDED: orders.placeLimit: called after the run ended"), {
    code: RUN_ENDED,
    issues: [{ path: ["orders.placeLimit"], message: "called after the run ended", code: RUN_ENDED }],
  } as const);
  error.stack = stack;
  return error;
}

const STACK = [
  "ValidationError: RUN_ENDED: orders.placeLimit: called after the run ended",
  "    at ValidationError.field (file:///opt/ordo/packages/core/dist/errors.js:63:16)",
  "    at running (file:///opt/ordo/packages/engine/dist/strategy-runtime.js:139:19)",
  "    at Object.placeLimit (file:///opt/ordo/packages/engine/dist/strategy-runtime.js:200:9)",
  "    at Timeout._onTimeout (/home/quant/strategies/late.ts:12:26)",
  "    at listOnTimeout (node:internal/timers:581:17)",
].join("\n");

const ORDO = ["/opt/ordo/packages/engine", "/opt/ordo/packages/core"];

describe("a late strategy call as the CLI reports it", () => {
  it("is told by the engine's RUN_ENDED code, which the CLI keeps a copy of", () => {
    expect(RUN_ENDED).toBe(ENGINE_RUN_ENDED);
    expect(isLateStrategyCall(runEnded(STACK))).toBe(true);
    expect(isLateStrategyCall(new Error("boom"))).toBe(false);
    expect(isLateStrategyCall({ code: "RUN_ENDED" })).toBe(false);
  });

  it("is located at the first stack frame outside Ordo's packages, relative to the working folder", () => {
    expect(lateCallLocation(runEnded(STACK), "/home/quant", ORDO)).toBe("strategies/late.ts:12:26");
    expect(lateCallLocation(runEnded(STACK), "/elsewhere", ORDO)).toBe(
      "/home/quant/strategies/late.ts:12:26",
    );
    const ordoOnly = STACK.split("\n").slice(0, 4).join("\n");
    expect(lateCallLocation(runEnded(ordoOnly), "/home/quant", ORDO)).toBeNull();
  });

  it("names the call, says why it did nothing and what to do, on one line", () => {
    expect(lateStrategyCallLine(runEnded(STACK), "late.ts:12:26")).toBe(
      "late.ts:12:26: the strategy called ctx.orders.placeLimit after the run ended, so the call did " +
        "nothing and is in no result: it ran in a Promise or setTimeout callback, or after an await in a " +
        "hook, which a backtest runs only once its loop has finished (hooks are not awaited). Make the " +
        "call synchronously in the hook or in a ctx.schedule function, and leave no work pending past onStop\n",
    );
    expect(lateStrategyCallLine(runEnded(STACK), null)).toMatch(
      /^ordo: the strategy called ctx\.orders\.placeLimit after the run ended, .+\n$/,
    );
  });
});

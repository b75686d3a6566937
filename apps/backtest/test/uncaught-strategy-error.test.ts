import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { strategyCodeLocation, uncaughtStrategyErrorLine } from "../src/uncaught-strategy-error.js";
import { removeTempDirs, tempDir } from "./run-ordo.js";

afterAll(removeTempDirs);

/** An error with the given stack lines under its message line. */
function thrown(message: string, ...frames: string[]): Error {
  const error = new Error(message);
  error.stack = [`Error: ${message}`, ...frames.map((frame) => `    at ${frame}`)].join("\n");
  return error;
}

const STRATEGY = "/home/quant/strategies/leaky.ts";
const FILES: ReadonlySet<string> = new Set([STRATEGY]);

describe("an uncaught error as the strategy's own", () => {
  it("is the strategy's when a frame is in the strategy file, located at the innermost such frame", () => {
    const error = thrown(
      "[DecimalError] Invalid argument: abc",
      "new Decimal (/opt/ordo/node_modules/decimal.js/decimal.mjs:4321:15)",
      "Timeout._onTimeout (/home/quant/strategies/leaky.ts:12:26)",
      "helper (/home/quant/strategies/leaky.ts:30:3)",
      "listOnTimeout (node:internal/timers:581:17)",
    );
    expect(strategyCodeLocation(error, FILES, "/home/quant")).toBe("strategies/leaky.ts:12:26");
    expect(strategyCodeLocation(error, FILES, "/elsewhere")).toBe("/home/quant/strategies/leaky.ts:12:26");
  });

  it("reads async frames and file URLs, as Node writes them for awaits and ES modules", () => {
    const awaited = thrown(
      "fetch failed",
      "node:internal/deps/undici/undici:14976:13",
      "async Leaky.onStart (/home/quant/strategies/leaky.ts:3:5)",
    );
    expect(strategyCodeLocation(awaited, FILES, "/home/quant")).toBe("strategies/leaky.ts:3:5");
    const esm = thrown("boom", "file:///home/quant/strategies/leaky.ts:7:11");
    expect(strategyCodeLocation(esm, FILES, "/home/quant")).toBe("strategies/leaky.ts:7:11");
  });

  it("finds the strategy file through a symlinked folder, by its real path", () => {
    const dir = realpathSync(tempDir());
    mkdirSync(join(dir, "real"));
    writeFileSync(join(dir, "real", "leaky.ts"), "");
    symlinkSync(join(dir, "real"), join(dir, "link"));
    const error = thrown("boom", `Timeout._onTimeout (${join(dir, "link", "leaky.ts")}:4:13)`);
    expect(strategyCodeLocation(error, new Set([join(dir, "real", "leaky.ts")]), dir)).toBe(
      "link/leaky.ts:4:13",
    );
  });

  it("is not the strategy's when no frame is in the strategy file, there is no stack or no strategy was loaded", () => {
    const engine = thrown(
      "boom",
      "tick (/opt/ordo/packages/engine/dist/clock.js:1:2)",
      "Timeout._onTimeout (/home/quant/strategies/indicators.ts:8:5)",
    );
    expect(strategyCodeLocation(engine, FILES, "/home/quant")).toBeNull();
    expect(
      strategyCodeLocation(thrown("fetch failed", "node:internal/deps/undici/undici:14976:13"), FILES),
    ).toBeNull();
    expect(strategyCodeLocation("boom", FILES)).toBeNull();
    const leaky = thrown("boom", "Timeout._onTimeout (/home/quant/strategies/leaky.ts:4:13)");
    expect(strategyCodeLocation(leaky, new Set(), "/home/quant")).toBeNull();
    // The message line is not a frame, whatever it says.
    expect(strategyCodeLocation(new Error(`at x (${STRATEGY}:1:1)`), FILES)).toBeNull();
  });

  it("says on one line where, what was thrown and how it escaped, and what to do", () => {
    expect(uncaughtStrategyErrorLine(new Error("boom"), "leaky.ts:4:13", "exception")).toBe(
      "leaky.ts:4:13: the strategy's own code threw outside a hook: Error: boom. It ran in a setTimeout, " +
        "setInterval or other callback, where the engine cannot catch it as a hook's error, so it is in no " +
        "result. Catch it in the strategy with try/catch in the callback, or do the work synchronously in a " +
        "hook or a ctx.schedule function\n",
    );
    const fetchFailed = new TypeError("fetch failed", {
      cause: new Error("connect ECONNREFUSED\n127.0.0.1:80"),
    });
    expect(uncaughtStrategyErrorLine(fetchFailed, "leaky.ts:3:5", "rejection")).toBe(
      "leaky.ts:3:5: the strategy's own code left a rejected Promise that nothing caught: TypeError: fetch " +
        "failed (cause: Error: connect ECONNREFUSED 127.0.0.1:80). It came from a Promise a hook started " +
        "without awaiting or catching it, or from an async hook (hooks are not awaited), where the engine " +
        "cannot catch it as a hook's error, so it is in no result. Catch it in the strategy with .catch() on " +
        "the Promise or try/catch around the await, or do the work synchronously in a hook or a " +
        "ctx.schedule function\n",
    );
  });
});

import { realpathSync } from "node:fs";
import { resolve } from "node:path";
import { frameLocation, shownLocation } from "./late-strategy-call.js";

/** How an error reached the process uncaught: thrown from a callback, or a rejected Promise nothing caught. */
export type UncaughtKind = "exception" | "rejection";

/**
 * The strategy files this process has loaded, as real paths. Kept here rather than in load-strategy.ts
 * so that the executable's handler of uncaught errors, which reads it, loads neither jiti nor the engine.
 */
const loadedStrategyFiles = new Set<string>();

/** The file with symlinks followed (as the loader and Node name it in a stack), else just absolute. */
function realFile(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Records a strategy file before it is loaded: from then on, an error thrown through it is the strategy's. */
export function noteStrategyFile(file: string): void {
  loadedStrategyFiles.add(realFile(file));
}

/**
 * Where in the strategy file an error no code caught was thrown: the innermost stack frame in one of
 * `files` (the strategy's callback itself, or its line that called the code that threw), as
 * `<file>:<line>:<column>` relative to `cwd` when the file is below it. Null when no frame is in a
 * strategy file: nothing then shows the error is the strategy's own.
 */
export function strategyCodeLocation(
  error: unknown,
  files: ReadonlySet<string> = loadedStrategyFiles,
  cwd: string = process.cwd(),
): string | null {
  if (!(error instanceof Error) || files.size === 0) return null;
  for (const line of (error.stack ?? "").split("\n").slice(1)) {
    const frame = frameLocation(line);
    if (frame !== null && (files.has(frame.file) || files.has(realFile(frame.file)))) {
      return shownLocation(frame, cwd);
    }
  }
  return null;
}

/** `Error: boom` on one line, with its cause when it has one (`TypeError: fetch failed` says little alone). */
function errorText(error: Error): string {
  const cause = error.cause instanceof Error ? ` (cause: ${String(error.cause)})` : "";
  return `${String(error)}${cause}`.replace(/\s*\n\s*/g, " ");
}

/**
 * The line `ordo` prints for an error the strategy's own code threw outside any hook, which the engine
 * therefore could not report as a hook's error: where in the strategy file, what it threw, how it escaped
 * and what to do instead.
 */
export function uncaughtStrategyErrorLine(error: Error, location: string, kind: UncaughtKind): string {
  const how =
    kind === "exception"
      ? `threw outside a hook: ${errorText(error)}. It ran in a setTimeout, setInterval or other callback`
      : `left a rejected Promise that nothing caught: ${errorText(error)}. It came from a Promise a hook ` +
        "started without awaiting or catching it, or from an async hook (hooks are not awaited)";
  const fix =
    kind === "exception"
      ? "with try/catch in the callback"
      : "with .catch() on the Promise or try/catch around the await";
  return (
    `${location}: the strategy's own code ${how}, where the engine cannot catch it as a hook's error, so it ` +
    `is in no result. Catch it in the strategy ${fix}, or do the work synchronously in a hook or a ` +
    "ctx.schedule function\n"
  );
}

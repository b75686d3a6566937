import { realpathSync } from "node:fs";
import { dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The code of the engine's error for a strategy call made after the run ended (`RUN_ENDED` of
 * `@ordo/engine`, which a test checks this equals). Kept here so that `ordo --help` and `ordo simulate`,
 * which install the handler that reads it, do not load the engine.
 */
export const RUN_ENDED = "RUN_ENDED";

/** What the CLI reads of the engine's `RUN_ENDED` error: a `ValidationError` whose issue names the call. */
export interface RunEndedError extends Error {
  readonly code: typeof RUN_ENDED;
  readonly issues?: readonly { readonly path: readonly (string | number)[] }[];
}

/**
 * Whether an error that no code caught is the engine's refusal of a strategy call made after the run
 * ended: from a Promise, a setTimeout or an async hook's code after an await, which a backtest runs only
 * once its synchronous loop has finished. The strategy's mistake, not an engine failure.
 */
export function isLateStrategyCall(error: unknown): error is RunEndedError {
  return error instanceof Error && (error as { code?: unknown }).code === RUN_ENDED;
}

/** The folders of Ordo's own packages that throw `RUN_ENDED`: their stack frames are not the strategy's. */
function ordoFolders(): string[] {
  return ["@ordo/engine", "@ordo/core"].flatMap((name) => {
    try {
      return [dirname(realpathSync(fileURLToPath(import.meta.resolve(`${name}/package.json`))))];
    } catch {
      return [];
    }
  });
}

/** A place in a file, as a stack frame names it. */
export interface StackFrame {
  readonly file: string;
  readonly line: string;
  readonly column: string;
}

/**
 * The file, line and column of a stack line (`at f (file:///a.js:1:2)`, `at async /a.ts:1:2`), or null
 * for a line naming none or only Node's own code (`node:internal/...`).
 */
export function frameLocation(line: string): StackFrame | null {
  const match = /^\s*at (?:.*\()?(.+?):(\d+):(\d+)\)?$/.exec(line);
  if (match === null) return null;
  const [, where, row, column] = match as unknown as [string, string, string, string];
  if (where.startsWith("node:")) return null;
  try {
    return { file: where.startsWith("file://") ? fileURLToPath(where) : where, line: row, column };
  } catch {
    return null;
  }
}

/**
 * Where the strategy made the late call: the first stack frame outside Ordo's own packages, as
 * `<file>:<line>:<column>` relative to `cwd` when the file is below it, or null when the stack has none.
 */
export function lateCallLocation(
  error: Error,
  cwd: string = process.cwd(),
  ordo: readonly string[] = ordoFolders(),
): string | null {
  for (const line of (error.stack ?? "").split("\n").slice(1)) {
    const frame = frameLocation(line);
    if (frame === null) continue;
    if (ordo.some((folder) => !relative(folder, frame.file).startsWith(".."))) continue;
    return shownLocation(frame, cwd);
  }
  return null;
}

/** `<file>:<line>:<column>`, the file relative to `cwd` when it is below it, else as the stack names it. */
export function shownLocation(frame: StackFrame, cwd: string = process.cwd()): string {
  const rel = relative(cwd, frame.file);
  const shown = rel === "" || rel.startsWith("..") || rel.startsWith("/") ? frame.file : rel;
  return `${shown}:${frame.line}:${frame.column}`;
}

/**
 * The line `ordo` prints for a late strategy call: where in the strategy file, what was called, why it
 * did nothing and what to do instead.
 */
export function lateStrategyCallLine(error: RunEndedError, location: string | null): string {
  const path = error.issues?.[0]?.path;
  const call = path === undefined ? "its context" : `ctx.${path.join(".")}`;
  return (
    `${location ?? "ordo"}: the strategy called ${call} after the run ended, so the call did nothing ` +
    "and is in no result: it ran in a Promise or setTimeout callback, or after an await in a hook, which " +
    "a backtest runs only once its loop has finished (hooks are not awaited). Make the call " +
    "synchronously in the hook or in a ctx.schedule function, and leave no work pending past onStop\n"
  );
}

import { isLateStrategyCall, lateCallLocation, lateStrategyCallLine } from "./late-strategy-call.js";
import { runProgram } from "./program.js";
import {
  strategyCodeLocation,
  type UncaughtKind,
  uncaughtStrategyErrorLine,
} from "./uncaught-strategy-error.js";

// The `ordo` executable (bin/ordo.js imports this file).

/** The report of an error that is Ordo's bug, as `ordo` prints it before exiting 1. */
function bugReport(error: unknown): string {
  return `ordo: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n(please report this)\n`;
}

/** Whether `runProgram` has returned: the command's outputs are written and its exit code set. */
let finished = false;
/** The strategy-error lines printed so far: a setInterval repeating a call or a throw prints it once. */
const printed = new Set<string>();

/** Ends the process with the exit code already set, once stdout and stderr have taken what was written. */
function exitWhenFlushed(): void {
  process.stdout.write("", () => process.stderr.write("", () => process.exit()));
}

/**
 * The line for an uncaught error that is the strategy's mistake, not Ordo's, or null for any other:
 * a strategy call made after the run ended (the engine's RUN_ENDED: a setTimeout or a Promise started
 * in a hook), or an error whose stack runs through the strategy file (its own code threw from a
 * callback, or left a rejected Promise nothing caught).
 */
function strategyErrorLine(error: unknown, kind: UncaughtKind): string | null {
  if (isLateStrategyCall(error)) return lateStrategyCallLine(error, lateCallLocation(error));
  const location = strategyCodeLocation(error);
  return location === null ? null : uncaughtStrategyErrorLine(error as Error, location, kind);
}

/**
 * An error no code caught, thrown from a Promise or a timer. The strategy's own mistake gets one line
 * saying so, and like a hook that throws it leaves the run's outputs and exit status as they are
 * (docs/backtest-cli.md): the command goes on and writes them. As Node would have ended the process at
 * such an error, and the strategy's callbacks can only fail once the run has ended, the process then
 * ends once the command has finished instead of waiting for the strategy's other timers. Any other
 * error is a bug: reported as such, exit 1 at once, as Node itself would end the process.
 */
function onUncaught(error: unknown, kind: UncaughtKind): void {
  const line = strategyErrorLine(error, kind);
  if (line === null) {
    process.stderr.write(bugReport(error));
    process.exit(1);
  }
  if (!printed.has(line)) {
    printed.add(line);
    process.stderr.write(line);
  }
  if (finished) exitWhenFlushed();
}
// Installed here, in the executable only: `runProgram` runs in-process in tests, which own their process.
process.on("uncaughtException", (error) => onUncaught(error, "exception"));
process.on("unhandledRejection", (reason) => onUncaught(reason, "rejection"));

try {
  await runProgram(process.argv, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    setExitCode: (code) => {
      process.exitCode = code;
    },
    stderrIsTTY: process.stderr.isTTY === true,
    stderrColumns: process.stderr.columns,
  });
} catch (error) {
  // Every expected failure is reported by its command with exit 2; anything reaching here is a bug.
  process.stderr.write(bugReport(error));
  process.exitCode = 1;
}
finished = true;
if (printed.size > 0) exitWhenFlushed();

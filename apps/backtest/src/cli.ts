import { isLateStrategyCall, lateCallLocation, lateStrategyCallLine } from "./late-strategy-call.js";
import { runProgram } from "./program.js";

// The `ordo` executable (bin/ordo.js imports this file).

/** The report of an error that is Ordo's bug, as `ordo` prints it before exiting 1. */
function bugReport(error: unknown): string {
  return `ordo: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n(please report this)\n`;
}

/** Whether `runProgram` has returned: the command's outputs are written and its exit code set. */
let finished = false;
/** The late-call lines printed so far: a setInterval making the same call prints it once. */
const printed = new Set<string>();

/** Ends the process with the exit code already set, once stdout and stderr have taken what was written. */
function exitWhenFlushed(): void {
  process.stdout.write("", () => process.stderr.write("", () => process.exit()));
}

/**
 * An error no code caught, thrown from a Promise or a timer. A strategy call made after the run ended
 * (the engine's RUN_ENDED: a setTimeout or a Promise started in a hook) is the strategy's mistake, not
 * an engine failure: it gets one line saying so, and like a hook that throws it leaves the run's outputs
 * and exit status as they are (docs/backtest-cli.md). As the strategy's callbacks can only fail from then
 * on, the process ends once the command has finished instead of waiting for them. Any other error is a
 * bug: reported as such, exit 1 at once, as Node itself would end the process.
 */
function onUncaught(error: unknown): void {
  if (!isLateStrategyCall(error)) {
    process.stderr.write(bugReport(error));
    process.exit(1);
  }
  const line = lateStrategyCallLine(error, lateCallLocation(error));
  if (!printed.has(line)) {
    printed.add(line);
    process.stderr.write(line);
  }
  if (finished) exitWhenFlushed();
}
// Installed here, in the executable only: `runProgram` runs in-process in tests, which own their process.
process.on("uncaughtException", onUncaught);
process.on("unhandledRejection", onUncaught);

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

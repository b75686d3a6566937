import { runProgram } from "./program.js";

/** The `ordo` executable (bin/ordo.js imports this file). */
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
  process.stderr.write(
    `ordo: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n(please report this)\n`,
  );
  process.exitCode = 1;
}

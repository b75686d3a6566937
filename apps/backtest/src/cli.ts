import { createProgram } from "./program.js";

/** The `ordo` executable (bin/ordo.js imports this file). */
createProgram({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  setExitCode: (code) => {
    process.exitCode = code;
  },
}).parse(process.argv);

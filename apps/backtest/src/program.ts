import { readFileSync } from "node:fs";
import { Command } from "commander";
import { simulateFile } from "./simulate.js";

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return manifest.version;
}

/** Where a command writes and how it ends; the real process in the CLI, buffers in tests. */
export interface ProgramIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly setExitCode: (code: number) => void;
}

/** The `ordo` command line: one sub-command per job. */
export function createProgram(io: ProgramIo): Command {
  const program = new Command("ordo")
    .description("Ordo: algorithmic trading toolkit. Simulate order execution from scenario files.")
    .version(packageVersion())
    .showHelpAfterError();

  program
    .command("simulate")
    .description(
      "run a scenario file through the simulated venue and print every order event, the final orders, " +
        "positions and account as JSON (exit 2 with one line per problem when the file is invalid)",
    )
    .argument("<file>", "scenario file (JSON, format 1; see docs/scenario-format.md)")
    .action((file: string) => {
      const result = simulateFile(file);
      if (result.stdout !== "") io.stdout(result.stdout);
      if (result.stderr !== "") io.stderr(result.stderr);
      io.setExitCode(result.exitCode);
    });

  return program;
}

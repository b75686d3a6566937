import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import type { BacktestFlags } from "./backtest-command.js";
import type { DataGenerateFlags } from "./data-generate-command.js";
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
  /** Whether stderr is a terminal: the backtest progress bar draws only there. */
  readonly stderrIsTTY?: boolean;
  readonly stderrColumns?: number | undefined;
}

/** Defaults of `ordo data generate` (documented in docs/backtest-cli.md). */
const GENERATE_DEFAULTS = {
  seed: "1",
  start: "2020-01-01T00:00:00Z",
  bars: "252",
  interval: "1d",
  instrument: "SIM",
} as const;

const collect = (value: string, previous: string[]) => [...previous, value];

/** The `ordo` command line: one sub-command per job. Run it with `parseAsync` (backtests are async). */
export function createProgram(io: ProgramIo): Command {
  const program = new Command("ordo")
    .description(
      "Ordo: algorithmic trading toolkit. Backtest strategies, simulate order execution, generate sample data.",
    )
    .version(packageVersion())
    .showHelpAfterError("(add --help for usage)")
    // Set before the sub-commands are added, which inherit both: commander's own errors (an unknown flag,
    // a missing argument) are thrown to `runProgram` instead of exiting the process, and its help and
    // messages go to `io`.
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command("backtest")
    .description(
      "run a strategy over data files as a config describes (docs/backtest-cli.md): write the result JSON, " +
        "the HTML report and the event log, print a summary and the event log hash (exit 2 when an input is invalid)",
    )
    .argument("<config>", "backtest config (JSON, format 1); its relative paths are relative to its folder")
    .option(
      "--strategy <file>",
      "strategy file (TypeScript or JavaScript), instead of the config's strategy.file",
    )
    .option("--param <name=value>", "a strategy parameter, over the config's (repeatable)", collect, [])
    .option("--start <time>", "first time replayed: ISO-8601 with a zone, epoch ms, or YYYY-MM-DD")
    .option("--end <time>", "end of the run (exclusive; a date alone includes that whole day)")
    .option("--json <path>", "write the result JSON here")
    .option("--report <path>", "write the HTML report here")
    .option("--events <path>", "write the event log here (one JSON line per event)")
    .option(
      "-q, --quiet",
      "no progress bar, no data warnings, no strategy logs, no summary: only the event log hash line (strategy errors still go to stderr)",
    )
    .action(async (config: string, flags: BacktestFlags) => {
      // Loaded on use: the engine, report and strategy loader cost `ordo simulate` and `--help` nothing.
      const { backtestCommand } = await import("./backtest-command.js");
      io.setExitCode(await backtestCommand(config, flags, io));
    });

  const data = program.command("data").description("market data tools");
  data
    .command("generate")
    .description(
      "write deterministic sample bars (seeded geometric Brownian motion) as CSV: the same flags give the same bytes",
    )
    .requiredOption("--out <file>", "the CSV file to write (folders are created)")
    .option("--seed <n>", "PRNG seed (integer)", GENERATE_DEFAULTS.seed)
    .option(
      "--start <time>",
      "time of the first bar: ISO-8601 with a zone, epoch ms, or YYYY-MM-DD (as for ordo backtest --start)",
      GENERATE_DEFAULTS.start,
    )
    .option("--bars <n>", "number of bars", GENERATE_DEFAULTS.bars)
    .option("--interval <width>", 'bar width: "1m", "5m", "1h", "1d", ...', GENERATE_DEFAULTS.interval)
    .option(
      "--instrument <id>",
      "instrument id (named in the summary only; the CSV has no id column)",
      GENERATE_DEFAULTS.instrument,
    )
    .option("--s0 <price>", "first price (default 100)")
    .option("--mu <drift>", "annualised drift (default 0.08)")
    .option("--sigma <vol>", "annualised volatility (default 0.25)")
    .addOption(
      new Option(
        "--calendar <id>",
        "place bars in this calendar's sessions (daily bars at each close)",
      ).choices(["XNYS", "24/7"]),
    )
    .action(async (flags: DataGenerateFlags) => {
      const { dataGenerateCommand } = await import("./data-generate-command.js");
      io.setExitCode(await dataGenerateCommand(flags, io));
    });

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

/** Exit status of a usage error (unknown command or flag, missing argument or value), as for invalid input. */
export const EXIT_USAGE = 2;

/**
 * Runs `ordo` on `argv` (as `process.argv`: node and the script first). commander's own exits become exit
 * codes: 0 for `--help` and `--version`, `EXIT_USAGE` for a usage error, whose message commander has
 * already written to `io.stderr` with the command's help.
 */
export async function runProgram(argv: readonly string[], io: ProgramIo): Promise<void> {
  try {
    await createProgram(io).parseAsync([...argv]);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    io.setExitCode(error.exitCode === 0 ? 0 : EXIT_USAGE);
  }
}

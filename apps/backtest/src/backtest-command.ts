import { existsSync, statSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { formatPath, formatTimestamp, ValidationError } from "@ordo/core";
import type { MarketSeries } from "@ordo/data";
import { type BacktestResult, backtestResultToJSON, type LogLine, runBacktest } from "@ordo/engine";
import { writeReport } from "@ordo/report";
import { type BacktestConfig, parseBacktestConfig } from "./backtest-config.js";
import { type Problem, problemLines } from "./config-problems.js";
import { displayPath, loadInstrumentData } from "./load-instrument-data.js";
import { loadStrategyFile } from "./load-strategy.js";
import { ProgressBar } from "./progress-bar.js";
import { readJsonFile } from "./read-json-file.js";
import { reportInputOf } from "./report-input.js";
import { formatSummary } from "./run-summary.js";
import { parseParamFlags, resolveStrategyParams } from "./strategy-params.js";
import { timeBound, timeBoundProblem } from "./time-bound.js";

/** Exit codes of `ordo backtest`. */
export const EXIT_OK = 0;
/** Something about the run failed: a bug in Ordo or a file that could not be written. */
export const EXIT_RUN_FAILED = 1;
/** An input is invalid (config, flag, data file, strategy file): nothing ran. */
export const EXIT_INVALID_INPUT = 2;

/** The flags of `ordo backtest`; each overrides the config. Paths are relative to the working folder. */
export interface BacktestFlags {
  readonly strategy?: string;
  readonly param?: readonly string[];
  readonly start?: string;
  readonly end?: string;
  readonly json?: string;
  readonly report?: string;
  readonly events?: string;
  readonly quiet?: boolean;
}

/** Where the command writes; the process's streams in the CLI, buffers in tests. */
export interface BacktestIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stderr is a terminal (the progress bar draws only there). */
  readonly stderrIsTTY?: boolean;
  readonly stderrColumns?: number | undefined;
}

/** Strategy errors printed after a run; the result JSON has them all. */
const MAX_ERRORS_SHOWN = 10;

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The config with the flags laid over it, or the flags' problems (`--start: reason`). */
function applyFlags(
  config: BacktestConfig,
  flags: BacktestFlags,
  cwd: string,
): { ok: true; config: BacktestConfig } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const bound = (flag: "start" | "end") => {
    const text = flags[flag];
    if (text === undefined) return config[flag];
    const value = /^-?\d+$/.test(text) ? Number(text) : text;
    const problem = timeBoundProblem(value);
    if (problem === null) return timeBound(value, flag);
    problems.push({ path: `--${flag}`, reason: problem });
    return undefined;
  };
  const start = bound("start");
  const end = bound("end");
  if (start !== undefined && end !== undefined && end <= start) {
    problems.push({
      path: flags.end !== undefined ? "--end" : "end",
      reason: `must be after start ${formatTimestamp(start)}, got ${formatTimestamp(end)}`,
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  for (const flag of ["strategy", "json", "report", "events"] as const) {
    if (flags[flag]?.trim() === "")
      problems.push({ path: `--${flag}`, reason: "must be a file path, got an empty one" });
  }
  if (problems.length > 0) return { ok: false, problems };
  const at = (path: string | undefined) => (path === undefined ? undefined : resolve(cwd, path));
  const output = { ...config.output };
  for (const key of ["json", "report", "events"] as const) {
    const path = at(flags[key]);
    if (path !== undefined) output[key] = path;
  }
  return {
    ok: true,
    config: {
      ...config,
      strategy: { ...config.strategy, file: at(flags.strategy) ?? config.strategy.file },
      start,
      end,
      output,
    },
  };
}

/** Files that must exist before anything runs: the strategy and every data file. */
function missingFiles(config: BacktestConfig, flags: BacktestFlags): Problem[] {
  const problems: Problem[] = [];
  const strategyPath = flags.strategy !== undefined ? "--strategy" : "strategy.file";
  if (config.strategy.file === undefined) {
    problems.push({
      path: "strategy.file",
      reason: "is required (string): name the strategy file in the config or with --strategy <file>",
    });
  } else if (!isFile(config.strategy.file)) {
    problems.push({
      path: strategyPath,
      reason: `${existsSync(config.strategy.file) ? "is not a file" : "file not found"}: ${displayPath(config.strategy.file)}`,
    });
  }
  config.instruments.forEach((entry, i) => {
    if (!isFile(entry.data))
      problems.push({
        path: `instruments[${i}].data`,
        reason: `${existsSync(entry.data) ? "is not a file" : "file not found"}: ${displayPath(entry.data)}`,
      });
  });
  return problems;
}

async function writeText(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text, "utf8");
}

function logLine(line: LogLine): string {
  const fields = line.fields === undefined ? "" : ` ${JSON.stringify(line.fields)}`;
  return `${formatTimestamp(line.ts)} ${line.level.padEnd(5)} ${line.strategyId}: ${line.message}${fields}\n`;
}

/**
 * `ordo backtest <config>`: validates the config and flags, loads the strategy and the data, runs
 * `runBacktest`, writes the result JSON, the HTML report and the event log where asked, and prints a
 * summary ending with `event log hash: <hex>`. Resolves to the exit code.
 */
export async function backtestCommand(
  configFile: string,
  flags: BacktestFlags,
  io: BacktestIo,
): Promise<number> {
  const cwd = process.cwd();
  const configPath = resolve(cwd, configFile);
  const read = readJsonFile(configPath);
  if (!read.ok) {
    io.stderr(problemLines(configFile, read.problems));
    return EXIT_INVALID_INPUT;
  }
  const parsed = parseBacktestConfig(read.json, dirname(configPath));
  if (!parsed.ok) {
    io.stderr(problemLines(configFile, parsed.problems));
    return EXIT_INVALID_INPUT;
  }
  const applied = applyFlags(parsed.config, flags, cwd);
  if (!applied.ok) {
    io.stderr(problemLines(configFile, applied.problems));
    return EXIT_INVALID_INPUT;
  }
  const config = applied.config;
  const missing = missingFiles(config, flags);
  const paramFlags = parseParamFlags(flags.param ?? []);
  if (missing.length > 0 || paramFlags.problems.length > 0) {
    io.stderr(problemLines(configFile, [...missing, ...paramFlags.problems]));
    return EXIT_INVALID_INPUT;
  }

  const strategyFile = config.strategy.file!;
  const loaded = await loadStrategyFile(strategyFile);
  if (!loaded.ok) {
    io.stderr(`${displayPath(strategyFile)}: ${loaded.reason}\n`);
    return EXIT_INVALID_INPUT;
  }
  const { strategy, name, paramsSchema } = loaded.loaded;
  const params = resolveStrategyParams(config.strategy.params, paramFlags.flags, paramsSchema, name);
  if (!params.ok) {
    io.stderr(problemLines(configFile, params.problems));
    return EXIT_INVALID_INPUT;
  }

  const data = await Promise.all(config.instruments.map(loadInstrumentData));
  const dataErrors = data.flatMap((d) => (d.ok ? [] : [`${d.message}\n`]));
  if (dataErrors.length > 0) {
    io.stderr(dataErrors.join(""));
    return EXIT_INVALID_INPUT;
  }
  const series = data.map((d) => (d as { series: MarketSeries }).series);

  const progress =
    io.stderrIsTTY && !flags.quiet ? new ProgressBar({ write: io.stderr, columns: io.stderrColumns }) : null;
  let result: BacktestResult;
  try {
    result = runBacktest({
      strategy,
      ...(config.strategy.id !== undefined && { strategyId: config.strategy.id }),
      params: params.params,
      feeds: config.instruments.map((entry, i) => ({ instrument: entry.instrument, series: series[i]! })),
      account: config.account,
      ...(config.venue !== undefined && { venue: config.venue }),
      ...(config.risk !== undefined && { risk: config.risk }),
      ...(config.breaker !== undefined && { breaker: config.breaker }),
      ...(config.start !== undefined && { start: config.start }),
      ...(config.end !== undefined && { end: config.end }),
      keepEventLog: config.output.events !== undefined,
      ...(progress !== null && {
        onProgress: (done: number, total: number) => progress.update(done, total),
        progressEvery: 10_000,
      }),
      ...(!flags.quiet && {
        onLog: (line: LogLine) => (progress ? progress.printAbove(logLine(line)) : io.stderr(logLine(line))),
      }),
    });
  } catch (error) {
    progress?.clear();
    if (error instanceof ValidationError) {
      io.stderr(
        problemLines(
          configFile,
          error.issues.map((i) => ({ path: formatPath(i.path), reason: i.message })),
        ),
      );
      return EXIT_INVALID_INPUT;
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`${configFile}: the run failed: ${message}\n(please report this)\n`);
    return EXIT_RUN_FAILED;
  }
  progress?.clear();

  const json = backtestResultToJSON(result);
  const outputs: [string, string][] = [];
  try {
    if (config.output.json !== undefined) {
      await writeText(config.output.json, `${JSON.stringify(json, null, 2)}\n`);
      outputs.push(["result JSON", displayPath(config.output.json)]);
    }
    if (config.output.report !== undefined) {
      await writeReport(
        config.output.report,
        reportInputOf({
          title: `${result.strategyId} on ${config.instruments.map((i) => i.instrument.id).join(", ")}`,
          result: json,
          instruments: config.instruments.map((entry, i) => ({
            id: entry.instrument.id,
            series: series[i]!,
          })),
          start: config.start,
          end: config.end,
        }),
      );
      outputs.push(["report", displayPath(config.output.report)]);
    }
    if (config.output.events !== undefined) {
      const lines = result.eventLog ?? [];
      await writeText(config.output.events, lines.length === 0 ? "" : `${lines.join("\n")}\n`);
      outputs.push(["event log", displayPath(config.output.events)]);
    }
  } catch (error) {
    io.stderr(
      `${configFile}: cannot write the outputs: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return EXIT_RUN_FAILED;
  }

  // Without --quiet the log has already shown each strategy error as it happened.
  const errors = flags.quiet ? result.strategyErrors : [];
  for (const e of errors.slice(0, MAX_ERRORS_SHOWN)) {
    io.stderr(`${formatTimestamp(e.ts)} error ${e.strategyId}.${e.hook} threw: ${e.message}\n`);
  }
  if (errors.length > MAX_ERRORS_SHOWN) {
    io.stderr(
      `... and ${errors.length - MAX_ERRORS_SHOWN} more strategy errors (all are in the result JSON)\n`,
    );
  }
  const summary = formatSummary({
    strategyName: result.strategyId,
    instrumentIds: config.instruments.map((i) => i.instrument.id),
    result: json,
    events: result.events,
    outputs,
  });
  io.stdout(flags.quiet ? `event log hash: ${json.eventLogHash}\n` : summary);
  return EXIT_OK;
}

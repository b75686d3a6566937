import { existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { formatPath, formatTimestamp, ValidationError } from "@ordo/core";
import type { MarketSeries } from "@ordo/data";
import {
  type BacktestResult,
  backtestResultToJSON,
  type LogLine,
  runBacktest,
  STRATEGY_CONSTRUCTOR_THREW,
  STRATEGY_PARAMS_NOT_STATIC,
} from "@ordo/engine";
import { renderReport } from "@ordo/report";
import { type BacktestConfig, parseBacktestConfig } from "./backtest-config.js";
import { type Problem, problemLines } from "./config-problems.js";
import { dataNotices } from "./data-notices.js";
import { displayPath, loadInstrumentData } from "./load-instrument-data.js";
import { loadStrategyFile } from "./load-strategy.js";
import { ProgressBar } from "./progress-bar.js";
import { readJsonFile } from "./read-json-file.js";
import { reportInputOf } from "./report-input.js";
import { formatSummary } from "./run-summary.js";
import { parseParamFlags, resolveStrategyParams } from "./strategy-params.js";
import { timeBoundFlag } from "./time-bound.js";
import { type NamedPath, type OutputFile, outputPathProblems, writeOutputs } from "./write-outputs.js";

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

/**
 * An end at or before the start. When a flag set either bound, the problem is reported on a flag and names
 * where the other bound came from (`--start`, or the config's `start`), so a flag that clashes with the
 * config never reads as a mistake in the config; `end` is named only when both bounds are the config's.
 */
function reversedWindowProblem(start: number, end: number, flags: BacktestFlags): Problem {
  if (flags.start === undefined && flags.end === undefined) {
    // Both from the config: the config's own words, as for any other config problem.
    return {
      path: "end",
      reason: `must be after start ${formatTimestamp(start)}, got ${formatTimestamp(end)}`,
    };
  }
  if (flags.end === undefined) {
    return {
      path: "--start",
      reason: `must be before the config's end ${formatTimestamp(end)}, got ${formatTimestamp(start)}`,
    };
  }
  const startFrom = flags.start !== undefined ? "--start" : "the config's start";
  return {
    path: "--end",
    reason: `must be after ${startFrom} ${formatTimestamp(start)}, got ${formatTimestamp(end)}`,
  };
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
    const parsed = timeBoundFlag(text, flag);
    if (parsed.ok) return parsed.ms;
    problems.push({ path: `--${flag}`, reason: parsed.reason });
    return undefined;
  };
  const start = bound("start");
  const end = bound("end");
  if (start !== undefined && end !== undefined && end <= start)
    problems.push(reversedWindowProblem(start, end, flags));
  if (problems.length > 0) return { ok: false, problems };
  for (const flag of ["strategy", "json", "report", "events"] as const) {
    if (flags[flag]?.trim() === "")
      problems.push({ path: `--${flag}`, reason: "must be a file path, got an empty one" });
  }
  if (problems.length > 0) return { ok: false, problems };
  const at = (path: string | undefined) => (path === undefined ? undefined : resolve(cwd, path));
  // Output flags replace the config's `output` as a whole: `--json other.json` writes that file only, so
  // a run with other parameters never overwrites the report or event log of the config's own run.
  const outputFlags = flags.json !== undefined || flags.report !== undefined || flags.events !== undefined;
  const output: BacktestConfig["output"] = outputFlags
    ? {
        ...(flags.json !== undefined && { json: at(flags.json)! }),
        ...(flags.report !== undefined && { report: at(flags.report)! }),
        ...(flags.events !== undefined && { events: at(flags.events)! }),
      }
    : config.output;
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

/** The run's outputs named as the user gave them: by flag when flags set them, else by config path. */
function namedOutputs(config: BacktestConfig, flags: BacktestFlags): NamedPath[] {
  const byFlag = flags.json !== undefined || flags.report !== undefined || flags.events !== undefined;
  return (["json", "report", "events"] as const).flatMap((key) => {
    const path = config.output[key];
    return path === undefined ? [] : [{ name: byFlag ? `--${key}` : `output.${key}`, path }];
  });
}

/** The files the run reads: an output must be none of them. */
function namedInputs(configPath: string, config: BacktestConfig, flags: BacktestFlags): NamedPath[] {
  return [
    { name: "the config", path: configPath },
    ...(config.strategy.file === undefined
      ? []
      : [
          { name: flags.strategy !== undefined ? "--strategy" : "strategy.file", path: config.strategy.file },
        ]),
    ...config.instruments.map((entry, i) => ({ name: `instruments[${i}].data`, path: entry.data })),
  ];
}

/**
 * Why the run's window holds no market data, or null: a run over nothing would start its strategy at a
 * time no data has and end at once, so it is refused with the span the data do cover.
 */
function emptyWindowProblem(
  config: BacktestConfig,
  flags: BacktestFlags,
  series: readonly MarketSeries[],
): Problem | null {
  const { start, end } = config;
  if (start === undefined && end === undefined) return null;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const s of series) {
    const ts = s.ts;
    if (s.length === 0) continue;
    first = Math.min(first, ts[0]!);
    last = Math.max(last, ts[s.length - 1]!);
    for (let i = 0; i < s.length; i++) {
      const t = ts[i]!;
      if ((start === undefined || t >= start) && (end === undefined || t < end)) return null;
    }
  }
  const blamed = end !== undefined && end <= first ? "end" : "start";
  const span = Number.isFinite(first)
    ? `the data run from ${formatTimestamp(first)} to ${formatTimestamp(last)}`
    : "the data files have no rows";
  const window = `[${start === undefined ? "the first bar" : formatTimestamp(start)}, ${end === undefined ? "the last bar" : formatTimestamp(end)})`;
  return {
    path: flags[blamed] !== undefined ? `--${blamed}` : blamed,
    reason: `leaves no market data to replay: the window ${window} holds none, and ${span}`,
  };
}

/** `<file>:<line>:<column>` of the first stack frame in `file`, or null when the stack has none. */
function locationIn(file: string, error: unknown): string | null {
  const stack = error instanceof Error ? (error.stack ?? "") : "";
  for (const line of stack.split("\n")) {
    const at = line.lastIndexOf(file);
    if (at < 0) continue;
    const position = /^:(\d+):(\d+)/.exec(line.slice(at + file.length));
    if (position !== null) return `${displayPath(file)}:${position[1]}:${position[2]}`;
  }
  return null;
}

/** A strategy log line as printed; a hook that threw gets where in the strategy file it threw. */
function logLine(line: LogLine, strategyFile: string): string {
  const fields = line.fields === undefined ? "" : ` ${JSON.stringify(line.fields)}`;
  const at = line.error === undefined ? null : locationIn(strategyFile, line.error);
  const where = at === null ? "" : ` (at ${at})`;
  return `${formatTimestamp(line.ts)} ${line.level.padEnd(5)} ${line.strategyId}: ${line.message}${fields}${where}\n`;
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
  const clashes = outputPathProblems(namedOutputs(config, flags), namedInputs(configPath, config, flags));
  if (missing.length > 0 || paramFlags.problems.length > 0 || clashes.length > 0) {
    io.stderr(problemLines(configFile, [...missing, ...clashes, ...paramFlags.problems]));
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

  const data = await Promise.all(config.instruments.map((entry, i) => loadInstrumentData(entry, i)));
  const dataErrors = data.flatMap((d) => (d.ok ? [] : [`${d.message}\n`]));
  if (dataErrors.length > 0) {
    io.stderr(dataErrors.join(""));
    return EXIT_INVALID_INPUT;
  }
  // Every load succeeded (a failure returned above): one per instrument, in the config's order.
  const loads = data.filter((d): d is Extract<typeof d, { ok: true }> => d.ok);
  const series: MarketSeries[] = loads.map((d) => d.series);
  const empty = emptyWindowProblem(config, flags, series);
  if (empty !== null) {
    io.stderr(problemLines(configFile, [empty]));
    return EXIT_INVALID_INPUT;
  }
  if (!flags.quiet) {
    for (const line of dataNotices(loads, { start: config.start, end: config.end })) io.stderr(`${line}\n`);
  }

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
        onLog: (line: LogLine) => {
          const text = logLine(line, strategyFile);
          if (progress) progress.printAbove(text);
          else io.stderr(text);
        },
      }),
    });
  } catch (error) {
    progress?.clear();
    // The strategy file's own mistakes, found when the engine makes the instance: named by the file.
    const inStrategyFile =
      error instanceof ValidationError &&
      error.issues.some(
        (i) => i.code === STRATEGY_CONSTRUCTOR_THREW || i.code === STRATEGY_PARAMS_NOT_STATIC,
      );
    if (inStrategyFile) {
      const reason = error.issues.map((i) => i.message).join("; ");
      io.stderr(`${locationIn(strategyFile, error.cause) ?? displayPath(strategyFile)}: ${reason}\n`);
      return EXIT_INVALID_INPUT;
    }
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
  const files: OutputFile[] = [];
  const outputs: [string, string][] = [];
  const { json: jsonPath, report: reportPath, events: eventsPath } = config.output;
  if (jsonPath !== undefined) {
    files.push({ path: jsonPath, text: `${JSON.stringify(json, null, 2)}\n` });
    outputs.push(["result JSON", displayPath(jsonPath)]);
  }
  if (reportPath !== undefined) {
    const html = renderReport(
      reportInputOf({
        title: `${result.strategyId} on ${config.instruments.map((i) => i.instrument.id).join(", ")}`,
        result: json,
        instruments: config.instruments.map((entry, i) => ({ id: entry.instrument.id, series: series[i]! })),
        start: config.start,
        end: config.end,
      }),
    );
    files.push({ path: reportPath, text: html });
    outputs.push(["report", displayPath(reportPath)]);
  }
  if (eventsPath !== undefined) {
    const lines = result.eventLog ?? [];
    files.push({ path: eventsPath, text: lines.length === 0 ? "" : `${lines.join("\n")}\n` });
    outputs.push(["event log", displayPath(eventsPath)]);
  }
  try {
    // All or nothing: a failed write leaves none of this run's outputs (docs/backtest-cli.md).
    await writeOutputs(files);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    io.stderr(`${configFile}: cannot write the outputs, so none was written: ${reason}\n`);
    return EXIT_RUN_FAILED;
  }

  // Without --quiet the log has already shown each strategy error as it happened.
  const errors = flags.quiet ? result.logs.filter((line) => line.error !== undefined) : [];
  for (const line of errors.slice(0, MAX_ERRORS_SHOWN)) io.stderr(logLine(line, strategyFile));
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

import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { formatTimestamp } from "@ordo/core";
import {
  calendarById,
  type GenerateBarsOptions,
  GenerateBarsOptionsSchema,
  generateBars,
  type TradingCalendar,
  writeBarsCsv,
} from "@ordo/data";
import { type Problem, problemLines, problemsFromIssues } from "./config-problems.js";
import { displayPath } from "./load-instrument-data.js";
import { timeBoundFlag } from "./time-bound.js";
import { outputPathProblems } from "./write-outputs.js";

/** The flags of `ordo data generate`, as typed. */
export interface DataGenerateFlags {
  readonly out: string;
  readonly seed: string;
  readonly start: string;
  readonly bars: string;
  readonly interval: string;
  readonly instrument: string;
  readonly s0?: string;
  readonly mu?: string;
  readonly sigma?: string;
  readonly calendar?: string;
}

/** Which flag sets each option of generateBars, so a problem names what the user typed. */
const FLAG_OF: Readonly<Record<string, string>> = {
  seed: "--seed",
  start: "--start",
  count: "--bars",
  interval: "--interval",
  s0: "--s0",
  mu: "--mu",
  sigma: "--sigma",
  instrumentId: "--instrument",
  calendar: "--calendar",
};

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function knownCalendar(id: string): TradingCalendar | undefined {
  try {
    return calendarById(id);
  } catch {
    return undefined;
  }
}

export interface GenerateIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/**
 * `ordo data generate`: deterministic sample bars (@ordo/data's generateBars: seeded geometric Brownian
 * motion) written as CSV. The same flags give the same bytes on every machine.
 */
export async function dataGenerateCommand(flags: DataGenerateFlags, io: GenerateIo): Promise<number> {
  const problems: Problem[] = [];
  const number = (flag: string, text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    if (!NUMBER.test(text.trim())) {
      problems.push({ path: flag, reason: `must be a number, got "${text}"` });
      return undefined;
    }
    return Number(text);
  };
  const calendar = flags.calendar === undefined ? undefined : knownCalendar(flags.calendar);
  if (flags.calendar !== undefined && calendar === undefined) {
    problems.push({
      path: "--calendar",
      reason: `is not a trading calendar Ordo knows: "${flags.calendar}" (known: XNYS, 24/7)`,
    });
  }
  const seed = number("--seed", flags.seed);
  const count = number("--bars", flags.bars);
  const s0 = number("--s0", flags.s0);
  const mu = number("--mu", flags.mu);
  const sigma = number("--sigma", flags.sigma);
  // Read as `ordo backtest --start` reads it, so a time one command takes the other takes too.
  const start = timeBoundFlag(flags.start, "start");
  if (!start.ok) problems.push({ path: "--start", reason: start.reason });
  const out = resolve(flags.out);
  problems.push(...outputPathProblems([{ name: "--out", path: out }], []));
  if (problems.length > 0 || !start.ok) {
    io.stderr(problemLines("ordo data generate", problems));
    return 2;
  }
  const options: GenerateBarsOptions = {
    seed: seed!,
    start: start.ms,
    count: count!,
    interval: flags.interval,
    instrumentId: flags.instrument,
    ...(s0 !== undefined && { s0 }),
    ...(mu !== undefined && { mu }),
    ...(sigma !== undefined && { sigma }),
    ...(calendar !== undefined && { calendar }),
  };
  const parsed = GenerateBarsOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const named = problemsFromIssues(parsed.error.issues).map((p) => ({
      path: FLAG_OF[p.path] ?? p.path,
      reason: p.reason,
    }));
    io.stderr(problemLines("ordo data generate", named));
    return 2;
  }
  const series = generateBars(options);
  try {
    await mkdir(dirname(out), { recursive: true });
    await writeBarsCsv(out, series);
  } catch (error) {
    io.stderr(
      `ordo data generate: cannot write ${displayPath(out)}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
  const span =
    series.length === 0
      ? ""
      : ` (${formatTimestamp(series.ts[0]!)} → ${formatTimestamp(series.ts[series.length - 1]!)})`;
  io.stdout(
    `wrote ${series.length.toLocaleString("en-US")} bars of ${flags.instrument} to ${displayPath(out)}${span}\n`,
  );
  return 0;
}

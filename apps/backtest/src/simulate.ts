import { formatScenarioOutput, parseScenario, runScenario, type ScenarioProblem } from "@ordo/execution";
import { readJsonFile } from "./read-json-file.js";

/** Exit codes of `ordo simulate`: the scenario ran, or the file is invalid (nothing ran). */
export const EXIT_OK = 0;
export const EXIT_INVALID_FILE = 2;
/** The run itself failed: a bug in Ordo, reported with where it happened. */
export const EXIT_RUN_FAILED = 1;

export interface SimulateResult {
  readonly exitCode: number;
  /** The output document (JSON) when the scenario ran. */
  readonly stdout: string;
  /** One line per problem: `<file>: <json path>: <reason>`. */
  readonly stderr: string;
}

function problemLines(file: string, problems: readonly ScenarioProblem[]): string {
  return problems.map((p) => `${file}: ${p.path}: ${p.reason}\n`).join("");
}

/** `ordo simulate <file>`: reads, validates and runs a scenario file. */
export function simulateFile(file: string): SimulateResult {
  const read = readJsonFile(file);
  if (!read.ok) return { exitCode: EXIT_INVALID_FILE, stdout: "", stderr: problemLines(file, read.problems) };
  const parsed = parseScenario(read.json);
  if (!parsed.ok)
    return { exitCode: EXIT_INVALID_FILE, stdout: "", stderr: problemLines(file, parsed.problems) };
  try {
    return { exitCode: EXIT_OK, stdout: formatScenarioOutput(runScenario(parsed.scenario)), stderr: "" };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { exitCode: EXIT_RUN_FAILED, stdout: "", stderr: `${file}: ${message} (please report this)\n` };
  }
}

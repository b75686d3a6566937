import { ValidationError, type ValidationIssue } from "@ordo/core";

/** Default number of problems listed in a DataFileError (the rest are counted). */
export const DEFAULT_MAX_PROBLEMS = 20;

/** One problem in a data file: `file:line: column: reason`. */
export interface DataProblem {
  readonly line: number;
  readonly column: string;
  readonly message: string;
  readonly code: string;
}

/**
 * A data file that cannot be loaded. Lists the first problems as `file:line: column: reason`, one per line,
 * and counts all of them; nothing was loaded. `issues[i].path` is `[file, line, column]`.
 */
export class DataFileError extends ValidationError {
  readonly file: string;
  readonly problemCount: number;
  readonly problems: readonly DataProblem[];

  /**
   * @param rowLabel "" for text files (`file:12`), "row " for row-numbered sources such as Parquet
   *   (`file:row 12`).
   */
  constructor(file: string, problems: readonly DataProblem[], problemCount: number, rowLabel = "") {
    const issues: ValidationIssue[] = problems.map((p) => ({
      path: [file, p.line, p.column],
      message: p.message,
      code: p.code,
    }));
    super(issues);
    this.file = file;
    this.problems = problems;
    this.problemCount = problemCount;
    const listed = problems.map((p) => `  ${formatProblem(file, p, rowLabel)}`);
    const more = problemCount > problems.length ? [`  ... and ${problemCount - problems.length} more`] : [];
    const noun = problemCount === 1 ? "problem" : "problems";
    this.message = [
      `${this.code}: ${file}: ${problemCount} ${noun}, nothing loaded:`,
      ...listed,
      ...more,
    ].join("\n");
  }
}

/** `file:line: column: reason` (line 0 means the file as a whole). */
export function formatProblem(file: string, p: DataProblem, rowLabel = ""): string {
  const where = p.line > 0 ? `${file}:${rowLabel}${p.line}` : file;
  return p.column === "" ? `${where}: ${p.message}` : `${where}: ${p.column}: ${p.message}`;
}

/** Collects a file's problems: keeps the first `max`, counts all. */
export class ProblemLog {
  readonly items: DataProblem[] = [];
  count = 0;

  constructor(
    readonly file: string,
    readonly max: number = DEFAULT_MAX_PROBLEMS,
    readonly rowLabel: string = "",
  ) {}

  add(line: number, column: string, message: string, code: string): void {
    this.count++;
    if (this.items.length < this.max) this.items.push({ line, column, message, code });
  }

  /**
   * Forgets the problems logged after the log held `count` problems, `listed` of them kept: a row whose
   * fields were each reported is then reported once, as a whole.
   */
  rewind(count: number, listed: number): void {
    this.count = count;
    this.items.length = listed;
  }

  /** Throws the DataFileError when anything was logged. */
  throwIfAny(): void {
    if (this.count > 0) throw new DataFileError(this.file, this.items, this.count, this.rowLabel);
  }

  /** Throws at once for a problem that stops reading (a missing column, an empty file). */
  fatal(line: number, column: string, message: string, code: string): never {
    this.add(line, column, message, code);
    throw new DataFileError(this.file, this.items, this.count, this.rowLabel);
  }
}

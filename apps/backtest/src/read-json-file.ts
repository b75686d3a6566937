import { readFileSync } from "node:fs";
import { Decimal } from "@ordo/core";
import type { ScenarioProblem } from "@ordo/execution";
import { parse } from "lossless-json";

export type ReadResult =
  | { readonly ok: true; readonly json: unknown }
  | { readonly ok: false; readonly problems: readonly ScenarioProblem[] };

/**
 * A JSON number becomes a JS number when the float holds its decimal text exactly, else a Decimal of
 * that text: `0.12345678901234567891` in a file stays exactly that price. (JSON.parse would round it,
 * which is why the file is read with lossless-json.)
 */
function exactNumber(text: string): number | Decimal {
  const number = Number(text);
  return Number.isFinite(number) && new Decimal(number).eq(new Decimal(text)) ? number : new Decimal(text);
}

/** Line and column (1-based) of a character offset, as editors count them. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Parses JSON text; a syntax error becomes one problem with its line and column. */
export function parseJsonText(text: string): ReadResult {
  try {
    return { ok: true, json: parse(text, null, exactNumber) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)\s*$/.exec(message);
    const reason = position ? message.slice(0, position.index).trimEnd() : message;
    const where = position ? lineAndColumn(text, Number(position[1])) : null;
    return {
      ok: false,
      problems: [
        {
          path: "(root)",
          reason: where
            ? `invalid JSON at line ${where.line}, column ${where.column}: ${reason}`
            : `invalid JSON: ${reason}`,
        },
      ],
    };
  }
}

/** Reads a JSON file (a scenario or a backtest config); an unreadable file or bad JSON gives problems instead. */
export function readJsonFile(file: string): ReadResult {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "cannot read the file: it does not exist"
        : code === "EISDIR"
          ? "cannot read the file: it is a directory"
          : `cannot read the file: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, problems: [{ path: "(root)", reason }] };
  }
  // A byte order mark is not JSON, but editors on some systems write one.
  return parseJsonText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

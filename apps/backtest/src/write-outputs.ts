import { realpathSync, statSync } from "node:fs";
import { lstat, mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { Problem } from "./config-problems.js";
import { displayPath } from "./load-instrument-data.js";

/** A file the run reads or writes, and how the user named it (`--json`, `instruments[0].data`, ...). */
export interface NamedPath {
  readonly name: string;
  readonly path: string;
}

/** One output of a run: where it goes and its whole text. */
export interface OutputFile {
  readonly path: string;
  readonly text: string;
}

/**
 * The file a path ends up at: symbolic links and `..` followed, so `data/../data/AAA.csv` and a link to it
 * are the same file. A path that does not exist yet is taken through its folder's real path.
 */
function canonicalPath(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    try {
      return join(realpathSync(dirname(absolute)), basename(absolute));
    } catch {
      return absolute;
    }
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Why the outputs cannot be written where they are asked to go, before anything runs: an output that is one
 * of the run's inputs (the config, the strategy, a data file) would destroy it, two outputs at one path
 * would leave only the last, and a folder cannot be written as a file.
 */
export function outputPathProblems(outputs: readonly NamedPath[], inputs: readonly NamedPath[]): Problem[] {
  const problems: Problem[] = [];
  const inputAt = new Map<string, NamedPath>();
  for (const input of inputs) {
    const at = canonicalPath(input.path);
    if (!inputAt.has(at)) inputAt.set(at, input);
  }
  const outputAt = new Map<string, NamedPath>();
  for (const output of outputs) {
    const at = canonicalPath(output.path);
    const input = inputAt.get(at);
    const earlier = outputAt.get(at);
    if (isFolder(at)) {
      problems.push({ path: output.name, reason: `is a folder, not a file: ${displayPath(output.path)}` });
    } else if (input !== undefined) {
      problems.push({
        path: output.name,
        reason: `is the run's input ${input.name} (${displayPath(input.path)}): writing it would destroy the input; choose another path`,
      });
    } else if (earlier !== undefined) {
      problems.push({
        path: output.name,
        reason: `is the same file as ${earlier.name} (${displayPath(output.path)}): each output needs its own path`,
      });
    } else {
      outputAt.set(at, output);
    }
  }
  return problems;
}

/** Whether an earlier file (or link) is at `path`; a folder there is not moved aside, so its rename fails. */
async function hasFileAt(path: string): Promise<boolean> {
  try {
    return !(await lstat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Writes every output or none: each text goes to a temporary file beside its target first, and only when
 * all are written are they renamed into place, so a failed write (a full disk, a read-only folder) leaves
 * no output of this run behind, and no earlier output half overwritten. Folders are created as needed and
 * removed again on failure. A rename can fail too (the target turned into a folder meanwhile, a permission):
 * each earlier file at a target is moved aside before its replacement goes in, and on a failure the
 * replacements made so far are taken out and the earlier files put back. Rejects with the first error.
 */
export async function writeOutputs(files: readonly OutputFile[]): Promise<void> {
  const createdFolders: string[] = [];
  const written: { temp: string; target: string; aside: string }[] = [];
  try {
    for (const file of files) {
      const target = resolve(file.path);
      const created = await mkdir(dirname(target), { recursive: true });
      if (created !== undefined) createdFolders.push(created);
      const stem = join(dirname(target), `.${basename(target)}.${process.pid}`);
      written.push({ temp: `${stem}.tmp`, target, aside: `${stem}.old` });
      await writeFile(`${stem}.tmp`, file.text, "utf8");
    }
  } catch (error) {
    await Promise.all(written.map((w) => rm(w.temp, { force: true })));
    for (const folder of createdFolders.reverse()) await rm(folder, { recursive: true, force: true });
    throw error;
  }
  /** Targets replaced so far, and whether an earlier file of each was moved aside. */
  const replaced: { target: string; aside: string; hadEarlier: boolean }[] = [];
  try {
    for (const { temp, target, aside } of written) {
      const hadEarlier = await hasFileAt(target);
      if (hadEarlier) await rename(target, aside);
      try {
        await rename(temp, target);
      } catch (error) {
        if (hadEarlier) await rename(aside, target);
        throw error;
      }
      replaced.push({ target, aside, hadEarlier });
    }
  } catch (error) {
    for (const r of replaced.reverse()) {
      await rm(r.target, { force: true });
      if (r.hadEarlier) await rename(r.aside, r.target);
    }
    await Promise.all(written.map((w) => rm(w.temp, { force: true })));
    for (const folder of createdFolders.reverse()) await rm(folder, { recursive: true, force: true });
    throw error;
  }
  await Promise.all(replaced.filter((r) => r.hadEarlier).map((r) => rm(r.aside, { force: true })));
}

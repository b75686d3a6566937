import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const readme = readFileSync(join(packageDir, "README.md"), "utf8");

/** The fenced block that follows `<!-- marker -->` in the README. */
function blockAfter(marker: string): string {
  const at = readme.indexOf(`<!-- ${marker} -->`);
  if (at < 0) throw new Error(`README.md has no <!-- ${marker} --> block`);
  const match = /```[a-z]*\n([\s\S]*?)```/.exec(readme.slice(at));
  if (match === null) throw new Error(`no fenced block after <!-- ${marker} -->`);
  return match[1]!;
}

describe("README", () => {
  it("runs the standalone PositionManager example as pasted and prints what the README says", () => {
    const code = blockAfter("readme-example: position-manager");
    expect(code).toMatch(/from "@ordo\/portfolio"/);
    // only this package and core: the example proves the package works alone
    expect([...code.matchAll(/from "([^"]+)"/g)].map((m) => m[1])).toEqual(["@ordo/core", "@ordo/portfolio"]);
    // run by plain Node inside the package, so "@ordo/portfolio" is the built package a user installs
    const stdout = execFileSync(process.execPath, ["--input-type=module", "-e", code], {
      cwd: packageDir,
      encoding: "utf8",
    });
    expect(stdout).toBe(blockAfter("readme-output: position-manager"));
  });
});

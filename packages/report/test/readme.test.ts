import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The README's first TypeScript block, importing the built package the way a user's file would. */
function readmeExample(): string {
  const readme = readFileSync(join(packageDir, "README.md"), "utf8");
  const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  if (block === undefined) throw new Error("README.md has no ```ts example");
  return block;
}

describe("the README example", () => {
  let workDir: string | undefined;
  afterEach(() => {
    if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
  });

  it("writes a report to out/report.html when pasted into a module", () => {
    const example = readmeExample();
    expect(example).toContain('from "@ordo/report"');
    const entry = pathToFileURL(join(packageDir, "dist", "index.js")).href;
    workDir = realpathSync(mkdtempSync(join(tmpdir(), "ordo-readme-")));
    // The example has no type annotations, so Node runs it as JavaScript.
    const stdout = execFileSync(
      process.execPath,
      ["--input-type=module", "-e", example.replace('"@ordo/report"', JSON.stringify(entry))],
      { cwd: workDir, encoding: "utf8" },
    );
    const written = join(workDir, "out", "report.html");
    expect(stdout.trim()).toBe(`report written to ${written}`);
    expect(existsSync(written)).toBe(true);
    const html = readFileSync(written, "utf8");
    expect(html).toContain("<title>Buy and hold AAPL</title>");
    expect(html).toContain(
      '<div data-figure="final-value"><dt>Final value</dt><dd><span title="10,012.5">10,012.50</span> USD</dd></div>',
    );
  });
});

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");

describe("the README example", () => {
  it("runs as pasted and prints what it promises", () => {
    const readme = readFileSync(join(packageDir, "README.md"), "utf8");
    const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(code).toBeDefined();
    // Run it as a user would, against the built package (the example is plain JavaScript under TS syntax).
    const dir = mkdtempSync(join(tmpdir(), "ordo-data-readme-"));
    try {
      const entry = pathToFileURL(join(packageDir, "dist", "index.js")).href;
      const script = join(dir, "example.mjs");
      writeFileSync(script, code!.replace('from "@ordo/data"', `from "${entry}"`));
      const out = execFileSync(process.execPath, [script], {
        encoding: "utf8",
        env: { ...process.env, TMPDIR: dir },
      });
      const lines = out.trim().split("\n");
      expect(lines[0]).toMatch(/^252 bars, 0 gaps, first close \d+(\.\d{1,2})?$/);
      expect(lines[1]).toMatch(/^closed above its 20-day average on \d+ days$/);
      const days = Number(/on (\d+) days/.exec(lines[1]!)![1]);
      expect(days).toBeGreaterThan(0);
      expect(days).toBeLessThanOrEqual(252 - 19);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const readme = readFileSync(join(packageDir, "README.md"), "utf8");

/** Each ```js block of the README with the ```text block that follows it (what it prints). */
function examples(): { code: string; output: string }[] {
  const blocks = [...readme.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], body: m[2]! }));
  const out: { code: string; output: string }[] = [];
  blocks.forEach((block, i) => {
    const next = blocks[i + 1];
    if (block.lang === "js" && next?.lang === "text") out.push({ code: block.body, output: next.body });
  });
  return out;
}

describe("README", () => {
  const found = examples();

  it("has the standalone breaker example and the pre-trade example, each with its output", () => {
    expect(found).toHaveLength(2);
    expect(found[0]!.code).toContain("new CircuitBreaker(");
    expect(found[1]!.code).toContain("new RiskEngine(");
  });

  it.each(found.map((example, i) => [i + 1, example] as const))(
    "example %i imports only @ordo/risk and @ordo/core and prints what the README says",
    (_n, { code, output }) => {
      const imports = [...code.matchAll(/from "([^"]+)"/g)].map((m) => m[1]);
      expect(new Set(imports)).toEqual(new Set(["@ordo/risk", "@ordo/core"]));
      // Inside the package directory, so "@ordo/risk" resolves to this package (its built dist) by name.
      const dir = mkdtempSync(join(packageDir, ".readme-"));
      try {
        const file = join(dir, "example.mjs");
        writeFileSync(file, code);
        const printed = execFileSync(process.execPath, [file], { cwd: dir, encoding: "utf8" });
        expect(printed).toBe(output);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

// Keeps the README honest: its first ```ts block must type-check under Ordo's strict settings, run
// against the built package and print what the README says it prints. Needs `pnpm build` first (the
// root `pnpm test` builds).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const readme = readFileSync(join(packageDir, "README.md"), "utf8");
const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
const printed = /```ts\n[\s\S]*?```\s*prints\s*```text\n([\s\S]*?)```/.exec(readme)?.[1];

describe("the README's example", () => {
  // Inside the package, so `import ... from "@ordo/core"` resolves to this package's built dist, as for a user.
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(packageDir, ".readme-example-"));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("is there, with the output it claims", () => {
    expect(example).toContain('from "@ordo/core"');
    expect(printed).toBe("PARTIALLY_FILLED 60 @ 189.5\nFILLED 100 @ 189.48\n");
  });

  it("compiles under Ordo's strict settings, runs when pasted, and prints what the README says", () => {
    writeFileSync(join(dir, "example.ts"), example ?? "");
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        extends: "../../../tsconfig.base.json",
        compilerOptions: {
          rootDir: ".",
          outDir: "out",
          composite: false,
          declaration: false,
          declarationMap: false,
          sourceMap: false,
        },
        files: ["example.ts"],
      }),
    );
    // Node 20 cannot run TypeScript: compile with the project's tsc (which type-checks), then run the output.
    const tsc = join(
      dirname(createRequire(import.meta.url).resolve("typescript/package.json")),
      "bin",
      "tsc",
    );
    try {
      execFileSync(process.execPath, [tsc, "-p", dir], { cwd: dir, encoding: "utf8" });
    } catch (error) {
      throw new Error(`the README's example does not compile:\n${(error as { stdout?: string }).stdout}`);
    }
    const out = execFileSync(process.execPath, [join(dir, "out", "example.js")], {
      cwd: dir,
      encoding: "utf8",
    });
    expect(out).toBe(printed);
  });
});

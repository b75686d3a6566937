// Keeps a package README honest: its first ```ts block must type-check under Ordo's strict settings, run
// against the built packages (as a user's code would after `pnpm add`) and print what the README says
// (the ```text block after "prints"). Needs `pnpm build` first (the root `npm test` builds).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export interface ReadmeExample {
  /** The code of the first ```ts block. */
  readonly code: string;
  /** The ```text block that follows "prints", when the README has one. */
  readonly printed: string | undefined;
}

export function readmeExample(packageDir: string): ReadmeExample {
  const readme = readFileSync(join(packageDir, "README.md"), "utf8");
  const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  if (code === undefined) throw new Error(`${packageDir}/README.md has no \`\`\`ts example`);
  const printed = /```ts\n[\s\S]*?```\s*prints:?\s*```text\n([\s\S]*?)```/.exec(readme)?.[1];
  return { code, printed };
}

/** Compiles the example with the project's tsc (strict settings) inside the package and runs it; returns stdout. */
export function runReadmeExample(packageDir: string, code: string): string {
  // Inside the package, so `import ... from "@ordo/..."` resolves to the built dist, as for a user.
  const dir = mkdtempSync(join(packageDir, ".readme-example-"));
  try {
    writeFileSync(join(dir, "example.ts"), code);
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
    return execFileSync(process.execPath, [join(dir, "out", "example.js")], { cwd: dir, encoding: "utf8" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

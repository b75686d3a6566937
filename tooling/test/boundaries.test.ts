import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkPackage, checkWorkspace, importsOf } from "../scripts/boundaries.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

describe("package boundaries (DESIGN.md section 1)", () => {
  it("holds for every package in the workspace", () => {
    expect(checkWorkspace(root)).toEqual([]);
  });

  it("finds static, type-only, re-export and dynamic imports", () => {
    const text = [
      'import { a } from "@ordo/core";',
      'import type { B } from "@ordo/engine";',
      'export * from "./x.js";',
      'const m = await import("@ordo/risk");',
    ].join("\n");
    expect(importsOf(text)).toEqual([
      { spec: "@ordo/core", typeOnly: false },
      { spec: "@ordo/engine", typeOnly: true },
      { spec: "./x.js", typeOnly: false },
      { spec: "@ordo/risk", typeOnly: false },
    ]);
  });

  it("refuses core importing another package of ours", () => {
    const dir = "/ws/packages/core";
    const problems = checkPackage({
      name: "@ordo/core",
      dir,
      manifest: { dependencies: { "@ordo/portfolio": "workspace:*" } },
      files: { [`${dir}/src/a.ts`]: 'import { x } from "@ordo/portfolio";' },
    });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain("package.json depends on @ordo/portfolio");
    expect(problems[1]).toContain("@ordo/core may not import @ordo/portfolio");
  });

  it("refuses reaching into another package's files", () => {
    const dir = "/ws/packages/execution";
    const problems = checkPackage({
      name: "@ordo/execution",
      dir,
      manifest: {},
      files: {
        [`${dir}/src/a.ts`]:
          'import { x } from "../../core/src/order.js";\nimport { y } from "@ordo/core/dist/x.js";',
      },
    });
    expect(problems).toEqual([
      expect.stringContaining('reaches outside @ordo/execution with "../../core/src/order.js"'),
      expect.stringContaining('imports "@ordo/core/dist/x.js"; use the public entry "@ordo/core"'),
    ]);
  });

  it("lets a broker adapter import engine types but not engine values", () => {
    const dir = "/ws/packages/broker-paper";
    const files = {
      [`${dir}/src/a.ts`]: 'import type { Node } from "@ordo/engine";\nimport { run } from "@ordo/engine";',
    };
    const problems = checkPackage({ name: "@ordo/broker-paper", dir, manifest: {}, files });
    expect(problems).toEqual([expect.stringContaining("@ordo/broker-paper may not import @ordo/engine")]);
  });
});

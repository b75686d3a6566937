import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readmeExample, runReadmeExample } from "@ordo/test-utils";
import { describe, expect, it } from "vitest";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");

describe("the README's example", () => {
  const { code, printed } = readmeExample(packageDir);

  it("is there, with the output it claims", () => {
    expect(code).toContain('from "@ordo/core"');
    expect(printed).toBe("PARTIALLY_FILLED 60 @ 189.5\nFILLED 100 @ 189.48\n");
  });

  it("compiles under Ordo's strict settings, runs when pasted, and prints what the README says", () => {
    expect(runReadmeExample(packageDir, code)).toBe(printed);
  });
});

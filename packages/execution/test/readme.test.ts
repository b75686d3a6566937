import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readmeExample, runReadmeExample } from "@ordo/test-utils";
import { describe, expect, it } from "vitest";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");

describe("the README's example", () => {
  const { code, printed } = readmeExample(packageDir);

  it("compiles under Ordo's strict settings, runs when pasted, and prints what the README says", () => {
    expect(code).toContain('from "@ordo/execution"');
    expect(printed).toBe("OrderAccepted\nOrderFilled 50 @ 3.0001875, commission 1\nposition 50\n");
    expect(runReadmeExample(packageDir, code)).toBe(printed);
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ValidationError } from "@ordo/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderReport, writeReport } from "../src/index.js";
import { generateReportInput } from "./fixtures.js";

describe("writeReport", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "ordo-write-report-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("creates missing folders and writes the page renderReport returns", async () => {
    const input = generateReportInput();
    const path = await writeReport(join(dir, "runs", "2024-01-02", "report.html"), input);
    expect(path).toBe(join(dir, "runs", "2024-01-02", "report.html"));
    expect(readFileSync(path, "utf8")).toBe(renderReport(input));
  });

  it("touches nothing on disk when the input is invalid", async () => {
    const input = { ...generateReportInput(), finalValue: "NaN" };
    await expect(writeReport(join(dir, "out", "report.html"), input)).rejects.toThrow(ValidationError);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });
});

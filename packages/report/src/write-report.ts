import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { type RenderReportOptions, renderReport } from "./render-report.js";
import type { ReportInput } from "./report-input.js";

/**
 * Renders the report and writes it to `path` (UTF-8), creating missing folders. The input is validated
 * before anything touches the disk. Resolves to the absolute path written.
 */
export async function writeReport(
  path: string,
  input: ReportInput,
  options: RenderReportOptions = {},
): Promise<string> {
  const html = renderReport(input, options);
  const target = resolve(path);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, html, "utf8");
  return target;
}

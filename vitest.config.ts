import { defineConfig } from "vitest/config";
import SummaryReporter from "./tooling/vitest/summary-reporter.ts";

export default defineConfig({
  test: {
    projects: [
      "packages/*/vitest.config.ts",
      "apps/*/vitest.config.ts",
      "tooling/test/vitest.config.ts",
      "examples/vitest.config.ts",
    ],
    reporters: ["default", new SummaryReporter()],
  },
});

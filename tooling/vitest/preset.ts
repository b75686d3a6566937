import { defineProject, type UserWorkspaceConfig } from "vitest/config";

/**
 * The vitest project every package uses: tests live in `test/`, run in Node, and import other
 * packages through their built `dist/` (the same files users get), so `pnpm build` runs first.
 */
export function ordoProject(name: string, overrides: UserWorkspaceConfig["test"] = {}) {
  return defineProject({
    test: {
      name,
      include: ["test/**/*.test.ts"],
      environment: "node",
      ...overrides,
    },
  });
}

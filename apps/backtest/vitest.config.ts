import { ordoProject } from "../../tooling/vitest/preset.ts";

// The tests run the `ordo` CLI as a user does, in child processes (a TypeScript strategy is compiled on
// load); a test of three such runs took over vitest's default 5 s on a loaded 2-core machine.
export default ordoProject("backtest", { testTimeout: 30_000 });

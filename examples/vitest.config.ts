import { ordoProject } from "../tooling/vitest/preset.ts";

export default ordoProject("examples");

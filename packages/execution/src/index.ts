/** @ordo/execution: the simulated venue and its cost and realism models. This file is the public surface. */
export * from "./models/index.js";
export * from "./scenario/index.js";
export * from "./venue/index.js";

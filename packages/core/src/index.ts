/**
 * @ordo/core: instruments, orders and their state machine, events, commands, errors, clock and the
 * message bus. Every other Ordo package builds on these types. This file is the whole public surface.
 */
export * from "./broker-adapter.js";
export * from "./bus.js";
export * from "./clock.js";
export * from "./closest-names.js";
export * from "./commands.js";
export * from "./decimal.js";
export * as ExactDecimal from "./decimal-shortcuts.js";
export * from "./enums.js";
export * from "./errors.js";
export * from "./events.js";
export * from "./instrument.js";
export * from "./interned.js";
export * from "./market-data.js";
export * from "./order.js";
export * from "./order-cache.js";
export * from "./order-factory.js";
export * from "./order-request.js";
export * from "./order-state-machine.js";
export * from "./portfolio-events.js";
export * from "./time.js";

import { integerOption } from "./model-options.js";
import type { LatencyModel } from "./types.js";

export interface FixedLatencyOptions {
  /** Delay of every message, in milliseconds (an integer >= 0); required. */
  readonly ms: number;
}

/** The same delay for every order, modify and cancel. */
export class FixedLatency implements LatencyModel {
  readonly name = "fixed";
  readonly ms: number;

  constructor(options: FixedLatencyOptions) {
    this.ms = integerOption("FixedLatency", "ms", options.ms, undefined, 0);
  }

  delayMs(): number {
    return this.ms;
  }
}

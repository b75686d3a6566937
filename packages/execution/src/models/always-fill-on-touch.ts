import type { TouchFillModel } from "./types.js";

/** A limit order fills whenever the price reaches its limit (the default). */
export class AlwaysFillOnTouch implements TouchFillModel {
  readonly name = "always";

  fillsOnTouch(): boolean {
    return true;
  }
}

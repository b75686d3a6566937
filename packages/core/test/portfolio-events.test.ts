import { describe, expect, it } from "vitest";
import { isPositionEventType, ORDER_EVENT_TYPES } from "../src/index.js";

describe("isPositionEventType", () => {
  it("is true for the three position event types and false for every order event type", () => {
    for (const type of ["PositionOpened", "PositionChanged", "PositionClosed"]) {
      expect(isPositionEventType(type)).toBe(true);
    }
    for (const type of ORDER_EVENT_TYPES) expect(isPositionEventType(type)).toBe(false);
    expect(isPositionEventType("AccountState")).toBe(false);
  });
});

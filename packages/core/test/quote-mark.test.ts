import { describe, expect, it } from "vitest";
import { quoteMark } from "../src/index.js";

describe("quoteMark", () => {
  it("marks at the mid, at the only side when the other is 0, and at nothing when both are 0", () => {
    expect(quoteMark(1.1, 1.1002)?.toFixed()).toBe("1.1001");
    expect(quoteMark(0, 1.1003)?.toFixed()).toBe("1.1003"); // a file's "no bid": not half the ask
    expect(quoteMark(1.1001, 0)?.toFixed()).toBe("1.1001");
    expect(quoteMark(0, 0)).toBeNull();
    // Only exactly 0 is a missing side: a negative price is a price.
    expect(quoteMark(-0.5, 0.5)?.toFixed()).toBe("0");
  });
});

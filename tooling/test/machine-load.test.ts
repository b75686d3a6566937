import { describe, expect, it } from "vitest";
import { cpuTicks, otherCores } from "../scripts/machine-load.mjs";

describe("the benchmark's measure of other processes' CPU (other_cores)", () => {
  it("is the machine's busy time less the benchmark's own, in cores over the run", () => {
    // 2 s in which the machine was busy for 500 ticks (5 CPU-seconds), 300 of them the benchmark's.
    const before = { busy: 10_000, children: 1_000, at: 5_000 };
    const after = { busy: 10_500, children: 1_300, at: 7_000 };
    expect(otherCores(before, after)).toBe(1);
  });

  it("is 0, not negative, when the benchmark's own ticks exceed what the machine counted", () => {
    expect(otherCores({ busy: 0, children: 0, at: 0 }, { busy: 99, children: 100, at: 1_000 })).toBe(0);
  });

  it("is null without a reading (off Linux) or without time between the readings", () => {
    const t = { busy: 1, children: 0, at: 10 };
    expect(otherCores(null, t)).toBeNull();
    expect(otherCores(t, null)).toBeNull();
    expect(otherCores(t, t)).toBeNull();
  });

  it("reads the machine's counters where /proc exists", () => {
    const t = cpuTicks();
    if (process.platform === "linux") {
      expect(t).not.toBeNull();
      expect(t!.busy).toBeGreaterThan(0);
      expect(Number.isInteger(t!.children)).toBe(true);
    } else {
      expect(t).toBeNull();
    }
  });
});

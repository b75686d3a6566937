import { describe, expect, it } from "vitest";
import { gcInWindow, recordGcPauses } from "../scripts/gc-pauses.mjs";

describe("the benchmark's garbage-collection pauses (loop_gc_ms, loop_major_gcs)", () => {
  it("counts only the pauses that began inside the loop, and the major ones apart", () => {
    const pauses = [
      { start: 5, ms: 3, major: true }, // before the loop (loading)
      { start: 10, ms: 4.25, major: false },
      { start: 20, ms: 11.5, major: true },
      { start: 30, ms: 2, major: false },
      { start: 31, ms: 9, major: true }, // after it (results)
    ];
    expect(gcInWindow(pauses, 10, 30)).toEqual({ ms: 17.8, major: 1 });
  });

  it("is zero for a loop without a collection", () => {
    expect(gcInWindow([{ start: 1, ms: 2, major: false }], 5, 9)).toEqual({ ms: 0, major: 0 });
  });

  it("records the pauses of a real collection, marked major or not", async () => {
    const recording = recordGcPauses();
    const from = performance.now();
    // Garbage enough for several scavenges: objects that escape into a ring (so the optimizer cannot
    // remove them) and die when their slot is reused.
    const ring: { i: number }[] = new Array(1024);
    for (let i = 0; i < 2_000_000; i++) ring[i & 1023] = { i };
    const to = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 0));
    recording.stop();
    expect(ring[1_999_999 & 1023]!.i).toBe(1_999_999);
    const inLoop = recording.pauses.filter((p) => p.start >= from && p.start <= to);
    expect(inLoop.length).toBeGreaterThan(0);
    expect(inLoop.every((p) => p.ms >= 0 && typeof p.major === "boolean")).toBe(true);
    expect(gcInWindow(recording.pauses, from, to).ms).toBeGreaterThanOrEqual(0);
  });
});

import { describe, expect, it } from "vitest";
import { ProgressBar } from "../src/progress-bar.js";

function bar(options: { columns?: number } = {}) {
  let now = 0;
  let written = "";
  const progress = new ProgressBar(
    { write: (text) => (written += text), columns: options.columns ?? 80 },
    { now: () => now },
  );
  return {
    progress,
    at: (ms: number) => {
      now = ms;
    },
    written: () => written,
  };
}

describe("ProgressBar", () => {
  it("stays hidden during the first second, so short runs print nothing", () => {
    const b = bar();
    b.at(999);
    b.progress.update(500, 1000);
    b.progress.clear();
    expect(b.written()).toBe("");
  });

  it("draws in place with a carriage return once a second has passed, at most every 100 ms", () => {
    const b = bar();
    b.at(1000);
    b.progress.update(250_000, 1_000_000);
    b.at(1050);
    b.progress.update(300_000, 1_000_000);
    b.at(1100);
    b.progress.update(500_000, 1_000_000);
    const draws = b.written().split("\r").filter(Boolean);
    expect(draws).toHaveLength(2);
    // 80 columns less the 37 of the text and the brackets and spaces leave a 39-cell bar, half of it filled.
    expect(draws[1]).toBe(`[${"█".repeat(20)}${"░".repeat(19)}]  50%  500,000/1,000,000 events  1.1 s`);
  });

  it("clears its line so what follows starts clean", () => {
    const b = bar({ columns: 20 });
    b.at(2000);
    b.progress.update(1, 2);
    b.progress.clear();
    expect(b.written().endsWith(`\r${" ".repeat(19)}\r`)).toBe(true);
  });

  it("prints a log line above the bar and draws the bar again beneath it", () => {
    const b = bar({ columns: 60 });
    b.at(1500);
    b.progress.update(10, 100);
    b.progress.printAbove("2024-01-02T21:00:00Z info  S: bought\n");
    const text = b.written();
    const logAt = text.indexOf("2024-01-02T21:00:00Z info  S: bought\n");
    expect(logAt).toBeGreaterThan(0);
    expect(text.slice(logAt).endsWith("  10%  10/100 events  1.5 s")).toBe(true);
  });

  it("prints log lines as they are while the bar is still hidden", () => {
    const b = bar();
    b.progress.printAbove("a line\n");
    expect(b.written()).toBe("a line\n");
  });
});

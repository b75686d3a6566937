import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_DIR, removeTempDirs, runOrdo, tempDir } from "./run-ordo.js";

afterAll(removeTempDirs);

describe("ordo data generate", () => {
  it("writes the same bytes for the same seed and different bars for another seed", async () => {
    const dir = tempDir();
    const args = (seed: string, out: string) => [
      "data",
      "generate",
      "--seed",
      seed,
      "--bars",
      "500",
      "--interval",
      "1m",
      "--start",
      "2024-01-02T14:30:00Z",
      "--out",
      out,
    ];
    const runs = await Promise.all([
      runOrdo(args("42", "a.csv"), dir),
      runOrdo(args("42", "b.csv"), dir),
      runOrdo(args("43", "c.csv"), dir),
    ]);
    expect(runs.map((r) => r.status)).toEqual([0, 0, 0]);
    expect(runs[0]?.stdout).toBe(
      "wrote 500 bars of SIM to a.csv (2024-01-02T14:30:00Z → 2024-01-02T22:49:00Z)\n",
    );
    const a = readFileSync(join(dir, "a.csv"), "utf8");
    expect(readFileSync(join(dir, "b.csv"), "utf8")).toBe(a);
    expect(readFileSync(join(dir, "c.csv"), "utf8")).not.toBe(a);
    expect(a.split("\n")[0]).toBe("datetime,open,high,low,close,volume");
    expect(a.split("\n")).toHaveLength(502);
  });

  it("reproduces the demo's checked-in data from the command in docs/backtest-cli.md", async () => {
    const dir = tempDir();
    const run = await runOrdo(
      [
        "data",
        "generate",
        "--out",
        "SIM.csv",
        "--seed",
        "7",
        "--start",
        "2020-01-01T00:00:00Z",
        "--bars",
        "1260",
        "--calendar",
        "XNYS",
        "--instrument",
        "SIM.XNYS",
      ],
      dir,
    );
    expect(run.status).toBe(0);
    expect(readFileSync(join(dir, "SIM.csv"), "utf8")).toBe(
      readFileSync(join(DEMO_DIR, "data/SIM.csv"), "utf8"),
    );
  });

  it("names the flag of each bad value (exit 2) and writes nothing", async () => {
    const dir = tempDir();
    const bad = await runOrdo(
      ["data", "generate", "--out", "x.csv", "--seed", "abc", "--sigma", "high"],
      dir,
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr.split("\n").filter(Boolean)).toEqual([
      'ordo data generate: --seed: must be a number, got "abc"',
      'ordo data generate: --sigma: must be a number, got "high"',
    ]);
    const badShape = await runOrdo(
      ["data", "generate", "--out", "x.csv", "--bars", "0", "--interval", "7x"],
      dir,
    );
    expect(badShape.status).toBe(2);
    expect(badShape.stderr.split("\n").filter(Boolean)).toEqual([
      "ordo data generate: --bars: Too small: expected number to be >0",
      'ordo data generate: --interval: must be a bar width such as "1m", "1h", "1d" or a positive integer of ms',
    ]);
    const beforeCalendar = await runOrdo(
      ["data", "generate", "--out", "x.csv", "--start", "1988-03-01T00:00:00Z", "--calendar", "XNYS"],
      dir,
    );
    expect(beforeCalendar.status).toBe(2);
    expect(beforeCalendar.stderr).toBe(
      "ordo data generate: --start: is before XNYS's first year 1990 (1990-01-01 in America/New_York), got 1988-03-01T00:00:00Z\n",
    );
    expect(existsSync(join(dir, "x.csv"))).toBe(false);
  });
});

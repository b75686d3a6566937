import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_DIR, removeTempDirs, runOrdo, tempDir, writeFiles } from "./run-ordo.js";

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
      "ordo data generate: --bars: must be a whole number above 0, got 0",
      'ordo data generate: --interval: must be a bar width such as "1m", "1h", "1d" or a positive integer of ms',
    ]);
    // Each bound says what was typed, as --seed's "must be a number" does.
    const notWhole = await runOrdo(
      ["data", "generate", "--out", "x.csv", "--bars", "2.5", "--seed", "1.5", "--s0", "0", "--sigma", "-1"],
      dir,
    );
    expect(notWhole.status).toBe(2);
    expect(notWhole.stderr.split("\n").filter(Boolean)).toEqual([
      "ordo data generate: --seed: must be a whole number, got 1.5",
      "ordo data generate: --bars: must be a whole number above 0, got 2.5",
      "ordo data generate: --s0: must be above 0, got 0",
      "ordo data generate: --sigma: must be 0 or more, got -1",
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

  it("reads --start as ordo backtest --start does: a date alone is its midnight UTC, digits are epoch ms", async () => {
    const dir = tempDir();
    const generate = (start: string, out: string) =>
      runOrdo(["data", "generate", "--out", out, "--start", start, "--bars", "2"], dir);
    const [date, epoch, iso] = await Promise.all([
      generate("2020-01-04", "date.csv"),
      generate("1578096000000", "epoch.csv"),
      generate("2020-01-04T00:00:00+00:00", "iso.csv"),
    ]);
    expect([date.status, epoch.status, iso.status]).toEqual([0, 0, 0]);
    expect(date.stdout).toBe(
      "wrote 2 bars of SIM to date.csv (2020-01-04T00:00:00Z → 2020-01-05T00:00:00Z)\n",
    );
    expect(readFileSync(join(dir, "epoch.csv"), "utf8")).toBe(readFileSync(join(dir, "date.csv"), "utf8"));
    expect(readFileSync(join(dir, "iso.csv"), "utf8")).toBe(readFileSync(join(dir, "date.csv"), "utf8"));
  });

  it("refuses the --start values ordo backtest refuses, with the same reasons (exit 2), and writes nothing", async () => {
    const dir = tempDir();
    // Flags are checked before any file the config names is looked for, so the config needs no strategy.
    writeFiles(dir, {
      "config.json": JSON.stringify({
        format: 1,
        strategy: { file: "s.ts" },
        instruments: [
          { id: "SIM.XNYS", assetClass: "equity", currency: "USD", tickSize: "0.01", data: "x.csv" },
        ],
        account: { type: "cash", currency: "USD", balance: "1000" },
      }),
    });
    const refused = ["20200104", "2020-02-30", "last week"];
    const runs = await Promise.all(
      refused.flatMap((start) => [
        runOrdo(["data", "generate", "--out", "x.csv", "--start", start, "--bars", "2"], dir),
        runOrdo(["backtest", "config.json", "--start", start], dir),
      ]),
    );
    expect(runs.map((r) => r.status)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(runs.filter((_, i) => i % 2 === 0).map((r) => r.stderr)).toEqual([
      'ordo data generate: --start: is ambiguous: 20200104 reads as epoch ms 1970-01-01T05:36:40.104Z; write the date as "2020-01-04", or epoch ms in full (1578096000000)\n',
      'ordo data generate: --start: is not a valid date: "2020-02-30"\n',
      'ordo data generate: --start: must be an ISO-8601 time with a zone, e.g. "2024-01-02T14:30:00Z", got "last week" (or a date such as "2024-01-02")\n',
    ]);
    for (let i = 0; i < runs.length; i += 2) {
      expect(runs[i + 1]!.stderr.replace(/^config\.json: /, "")).toBe(
        runs[i]!.stderr.replace(/^ordo data generate: /, ""),
      );
    }
    expect(existsSync(join(dir, "x.csv"))).toBe(false);
  });

  it("refuses an --out that is a folder, as ordo backtest refuses one (exit 2)", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "bars"));
    const run = await runOrdo(["data", "generate", "--out", "bars", "--bars", "2"], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("ordo data generate: --out: is a folder, not a file: bars\n");
    expect(run.stdout).toBe("");
  });
});

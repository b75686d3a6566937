import { afterAll, describe, expect, it } from "vitest";
import { configHints } from "../src/load-instrument-data.js";
import { removeTempDirs, runOrdo, tempDir, writeFiles } from "./run-ordo.js";

afterAll(removeTempDirs);

const STRATEGY = "export default class Idle { onBar() {} }\n";

function folder(bars: string, instruments = 1): string {
  const dir = tempDir();
  const entry = (id: string) => ({
    id,
    assetClass: "equity",
    currency: "USD",
    tickSize: "0.01",
    calendar: "XNYS",
    data: id === "AAA.XNAS" ? "good.csv" : "bars.csv",
  });
  const config = {
    format: 1,
    strategy: { file: "idle.js" },
    instruments: instruments === 1 ? [entry("BBB.XNAS")] : [entry("AAA.XNAS"), entry("BBB.XNAS")],
    account: { type: "cash", currency: "USD", balance: "10000" },
    output: { json: "out/result.json" },
  };
  writeFiles(dir, {
    "idle.js": STRATEGY,
    "bars.csv": bars,
    "good.csv": "Date,Open,High,Low,Close,Volume\n2024-01-02,100,101,99,100.5,1000\n",
    "config.json": JSON.stringify(config, null, 2),
  });
  return dir;
}

describe("the data loader's option hints, in config syntax", () => {
  it("tells how to sort an unsorted file under the instrument entry's load", async () => {
    const dir = folder(
      "Date,Open,High,Low,Close,Volume\n2024-01-03,100,101,99,100.5,1000\n2024-01-02,100,101,99,100.5,1000\n",
      2,
    );
    const run = await runOrdo(["backtest", "config.json"], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      'set instruments[1].load.repair in the config: "load": { "repair": { "sort": true } } to sort them',
    );
    expect(run.stderr).not.toContain("pass repair:");
  });

  it("tells how to read decimal commas", async () => {
    const dir = folder("Date;Open;High;Low;Close;Volume\n2024-01-02;100,5;101;99;100,5;1000\n");
    const run = await runOrdo(["backtest", "config.json"], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('set instruments[0].load.decimal in the config: "load": { "decimal": "," }');
    expect(run.stderr).not.toContain("pass decimal:");
  });

  it("tells what to do about a price at or below zero instead of an option a backtest refuses", async () => {
    const dir = folder("Date,Open,High,Low,Close,Volume\n2024-01-02,100,101,-1,100.5,1000\n");
    const run = await runOrdo(["backtest", "config.json"], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      "bars.csv: 1 problem, nothing loaded:\n" +
        '  bars.csv:2: Low: -1 is not above zero; a backtest cannot use it, as the simulated venue trades at prices above zero only: correct the row in the file or delete it (no "load" option drops such rows; a 0 is often a gap the export filled in)\n',
    );
  });

  it("tells what to do about a quote below zero instead of an option a backtest refuses", async () => {
    const dir = tempDir();
    writeFiles(dir, {
      "idle.js": "export default class Idle { onQuote() {} }\n",
      "quotes.csv": "timestamp,bid,ask\n2024-01-02T10:00:00Z,-1,1.2\n2024-01-02T10:00:01Z,1.1,1.2\n",
      "config.json": JSON.stringify({
        format: 1,
        strategy: { file: "idle.js" },
        instruments: [
          {
            id: "EUR/USD.SIM",
            assetClass: "fx",
            currency: "USD",
            tickSize: "0.00001",
            data: "quotes.csv",
            kind: "quotes",
          },
        ],
        account: { type: "cash", currency: "USD", balance: "10000" },
        output: { json: "out/result.json" },
      }),
    });
    const run = await runOrdo(["backtest", "config.json"], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      "quotes.csv: 1 problem, nothing loaded:\n" +
        '  quotes.csv:2: bid: -1 is below zero; a backtest cannot use it, as the simulated venue trades at prices above zero only: correct the row in the file or delete it (no "load" option drops such rows; a bid or ask of 0 is kept, read as no bid or no ask)\n',
    );
  });

  it("rewrites each library option hint the loader gives", () => {
    const cases: [string, string][] = [
      [
        'repeats line 2 (pass repair: { dropDuplicates: "first" } or "last" to keep one)',
        'repeats line 2 (set instruments[2].load.repair in the config: "load": { "repair": { "dropDuplicates": "first" } } or "last" to keep one)',
      ],
      [
        'or pass columns: { close: "<header name>" }',
        'or set instruments[2].load.columns in the config: "load": { "columns": { "close": "<header name>" } }',
      ],
      [
        "(a crossed quote; pass allowCrossedQuotes: true to keep such rows)",
        '(a crossed quote; set instruments[2].load.allowCrossedQuotes in the config: "load": { "allowCrossedQuotes": true } to keep such rows)',
      ],
      [
        "(if dates are day-first, pass dayFirst: true)",
        '(if dates are day-first, set instruments[2].load.dayFirst in the config: "load": { "dayFirst": true })',
      ],
      [
        'or pass timezone: "UTC" if they are UTC already',
        'or set instruments[2].load.timezone in the config: "load": { "timezone": "UTC" } if they are UTC already',
      ],
      [
        '; is epochUnit: "ms" right? 10 digits',
        '; is instruments[2].load.epochUnit right ("load": { "epochUnit": "ms" })? 10 digits',
      ],
      ["(set epochUnit if that is wrong)", "(set instruments[2].load.epochUnit if that is wrong)"],
    ];
    for (const [library, config] of cases) expect(configHints(library, 2)).toBe(config);
  });
});

import { spawnSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { removeTempDirs, tempDir } from "./run-ordo.js";

afterAll(removeTempDirs);

/** The CLI as users run it: `node bin/ordo.js ...` in a child process (needs `pnpm build` first). */
const BIN = fileURLToPath(new URL("../bin/ordo.js", import.meta.url));
const EXAMPLES = fileURLToPath(new URL("../examples/scenarios/", import.meta.url));
const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));

function ordo(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Output {
  events: { at: string; type: string; orderId: string; [field: string]: string | null }[];
  orders: { id: string; status: string; quantity: string; filledQuantity: string; avgPrice: string | null }[];
  positions: { instrumentId: string; quantity: string; avgOpenPrice: string; realizedPnl: string }[];
  account: { currency: string; balance: string; equity: string; commissions: string };
}

function simulate(example: string): Output {
  const result = ordo("simulate", `${EXAMPLES}${example}`);
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Output;
}

function fills(output: Output) {
  return output.events.filter((e) => e.type === "OrderFilled").map((e) => [e.orderId, e.quantity, e.price]);
}

describe("ordo simulate on the shipped examples", () => {
  it("ships an example for each documented case", () => {
    expect(readdirSync(EXAMPLES).sort()).toEqual([
      "bracket.scenario.json",
      "market-order.scenario.json",
      "trailing-stop.scenario.json",
      "volume-share-partial-fill.scenario.json",
    ]);
  });

  it("market order: fills at the next bar's open and charges the per-share minimum", () => {
    const output = simulate("market-order.scenario.json");
    expect(output.events.map((e) => e.type)).toEqual(["OrderSubmitted", "OrderAccepted", "OrderFilled"]);
    expect(fills(output)).toEqual([["buy-1", "100", "185.2"]]);
    // 100 shares × 0.005 = 0.50, below the 1.00 minimum.
    expect(output.events[2]!.commission).toBe("1");
    expect(output.account).toMatchObject({ currency: "USD", balance: "81479", commissions: "1" });
    expect(output.positions).toEqual([expect.objectContaining({ quantity: "100", avgOpenPrice: "185.2" })]);
  });

  it("bracket: the entry fills at its limit, the take-profit fills, the stop-loss is canceled", () => {
    const output = simulate("bracket.scenario.json");
    expect(fills(output)).toEqual([
      ["b1-entry", "50", "184.5"],
      ["b1-tp", "50", "187"],
    ]);
    expect(output.orders.map((o) => [o.id, o.status])).toEqual([
      ["b1-entry", "FILLED"],
      ["b1-sl", "CANCELED"],
      ["b1-tp", "FILLED"],
    ]);
    // (187 − 184.5) × 50 = 125, less two per-trade commissions of 1.
    expect(output.positions[0]).toMatchObject({ quantity: "0", realizedPnl: "123" });
  });

  it("trailing stop: ratchets up with the price and fills at its last trigger", () => {
    const output = simulate("trailing-stop.scenario.json");
    const moves = output.events.filter((e) => e.type === "OrderUpdated").map((e) => e.triggerPrice);
    expect(moves).toEqual(["100", "101.5"]);
    expect(fills(output)).toEqual([
      ["buy-1", "100", "100"],
      ["trail-1", "100", "101.5"],
    ]);
    expect(output.positions[0]).toMatchObject({ quantity: "0", realizedPnl: "150" });
  });

  it("volume share: fills 2.5% of each bar's volume with quadratic impact until done", () => {
    const output = simulate("volume-share-partial-fill.scenario.json");
    // 3 × (1 + 0.025² × 0.1) = 3.0001875 for 5 of 200; 3 × (1 + 0.01² × 0.1) = 3.00003 for 2 of 200.
    expect(fills(output)).toEqual([
      ["buy-1", "5", "3.0001875"],
      ["buy-1", "5", "3.0001875"],
      ["buy-1", "2", "3.00003"],
    ]);
    expect(output.orders[0]).toMatchObject({ status: "FILLED", filledQuantity: "12" });
  });

  it("prints the same bytes on every run", () => {
    const first = ordo("simulate", `${EXAMPLES}bracket.scenario.json`);
    const second = ordo("simulate", `${EXAMPLES}bracket.scenario.json`);
    expect(second.stdout).toBe(first.stdout);
    expect(first.stdout.startsWith('{\n  "events": [\n')).toBe(true);
  });
});

describe("ordo simulate reads numbers exactly", () => {
  it("keeps every digit of a decimal written as a JSON number", () => {
    const file = join(tempDir("ordo-cli-"), "numbers.scenario.json");
    // 100000.123456789012345678 has more digits than a float holds: JSON.parse would round it.
    writeFileSync(
      file,
      `{ "format": 1,
  "instrument": { "id": "AAPL.XNAS", "assetClass": "equity", "currency": "USD", "tickSize": 0.01 },
  "account": { "type": "cash", "currency": "USD", "balance": 100000.123456789012345678 },
  "inputs": [
    { "at": "2024-01-02T14:30:00Z", "submit": { "id": "o1", "side": "BUY", "type": "MARKET", "quantity": 10 } },
    { "at": "2024-01-02T14:31:00Z", "bar": { "open": 3.1, "high": 3.2, "low": 3, "close": 3.1, "volume": 1000 } }
  ] }`,
    );
    const result = ordo("simulate", file);
    expect(result.stderr).toBe("");
    const output = JSON.parse(result.stdout) as Output;
    expect(fills(output)).toEqual([["o1", "10", "3.1"]]);
    expect(output.account.balance).toBe("99969.123456789012345678");
  });
});

describe("ordo simulate on an invalid file", () => {
  it("exits 2 with one line per problem: file, JSON path, reason", () => {
    const file = `${FIXTURES}invalid.scenario.json`;
    const result = ordo("simulate", file);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n").filter(Boolean)).toEqual([
      `${file}: account.balance: must not be negative, got -5`,
      `${file}: inputs[1].submit.price: must be a decimal number, got "abc"`,
    ]);
  });

  it("names the line and column of a JSON syntax error", () => {
    // Written here rather than checked in: the repository's formatter refuses to read broken JSON.
    const file = join(tempDir("ordo-cli-"), "bad.scenario.json");
    writeFileSync(file, '{\n  "format": 1,\n  "instrument": {\n    "id": "AAPL.XNAS",\n  }\n}\n');
    const result = ordo("simulate", file);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: \\(root\\): invalid JSON at line 5, column 3: .+\\n$`,
      ),
    );
  });

  it("reports a file that does not exist", () => {
    const result = ordo("simulate", "no-such-file.json");
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("no-such-file.json: (root): cannot read the file: it does not exist\n");
  });
});

describe("ordo --help", () => {
  it("lists the backtest, data and simulate commands", () => {
    const result = ordo("--help");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Usage: ordo/);
    expect(result.stdout).toMatch(/backtest \[options\] <config>/);
    expect(result.stdout).toMatch(/data/);
    expect(result.stdout).toMatch(/simulate <file>/);
  });
});

import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonParseReason } from "./json-parse-reason.js";
import { DEMO_DIR, docText, printedHash, removeTempDirs, runOrdo, tempDir, writeFiles } from "./run-ordo.js";

afterAll(removeTempDirs);

/**
 * A strategy as a user writes it in a folder of their own: TypeScript, importing the engine, core and
 * zod by name with no node_modules anywhere near it. It buys `quantity` shares 30 minutes after the
 * open on the first trading day of each week and records every close.
 */
const WEEKLY_BUYER = `import type { Bar } from "@ordo/core";
import { dateRules, Strategy, type StrategyContext, timeRules } from "@ordo/engine";
import { z } from "zod";

const Params = z.object({
  quantity: z.number().int().positive(),
  label: z.string().default("weekly"),
  enabled: z.boolean().default(true),
});
type Params = z.infer<typeof Params>;

export default class WeeklyBuyer extends Strategy<Params> {
  static params = Params;

  onStart(ctx: StrategyContext<Params>): void {
    ctx.schedule(dateRules.weekStart(), timeRules.marketOpen({ minutes: 30 }), (c) => {
      if (c.params.enabled) c.order("AAPL.XNAS", c.params.quantity, { tags: [c.params.label] });
    });
  }

  onBar(ctx: StrategyContext<Params>, bar: Bar): void {
    ctx.record({ close: bar.close });
  }
}
`;

/** A strategy with a record parameter: a weight of at most 1 per instrument id. */
const WEIGHTED = `import type { Bar } from "@ordo/core";
import { Strategy, type StrategyContext } from "@ordo/engine";
import { z } from "zod";

const Params = z.object({ weights: z.record(z.string(), z.number().max(1)) });
type Params = z.infer<typeof Params>;

export default class Weighted extends Strategy<Params> {
  static params = Params;

  onBar(ctx: StrategyContext<Params>, bar: Bar): void {
    ctx.record({ close: bar.close });
  }
}
`;

/** Daily bars with date-only times, as exported by most data vendors. */
const DAILY_BARS = `Date,Open,High,Low,Close,Volume
2024-01-02,100,101,99,100.5,1000000
2024-01-03,100.5,102,100,101,1000000
2024-01-04,101,103,100.5,102,1000000
2024-01-05,102,102.5,100,101,1000000
2024-01-08,101,104,101,103,1000000
2024-01-09,103,105,102,104,1000000
2024-01-10,104,104,101,102,1000000
`;

const CONFIG = {
  format: 1,
  strategy: { file: "weekly-buyer.ts", params: { quantity: 10 } },
  instruments: [
    {
      id: "AAPL.XNAS",
      assetClass: "equity",
      currency: "USD",
      tickSize: "0.01",
      calendar: "XNYS",
      data: "bars.csv",
    },
  ],
  account: { type: "cash", currency: "USD", balance: "10000" },
  output: { json: "out/result.json", report: "out/report.html" },
};

interface ResultJson {
  strategyId: string;
  start: string | null;
  end: string | null;
  finalValue: string;
  cash: string;
  fills: { at: string; side: string; price: string; quantity: string; commission: string }[];
  orders: { id: string; status: string; tags: string[] }[];
  positions: { instrumentId: string; quantity: string }[];
  recorded: { ts: string; values: Record<string, number> }[];
  strategyErrors: { hook: string; message: string }[];
  eventLogHash: string;
  [key: string]: unknown;
}

/** A user's folder outside the repository with the strategy, the bars and the config. */
function userFolder(config: object = CONFIG, strategy: string = WEEKLY_BUYER): string {
  const dir = tempDir();
  writeFiles(dir, {
    "weekly-buyer.ts": strategy,
    "bars.csv": DAILY_BARS,
    "config.json": JSON.stringify(config, null, 2),
  });
  return dir;
}

function readResult(path: string): ResultJson {
  return JSON.parse(readFileSync(path, "utf8")) as ResultJson;
}

const lines = (text: string) => text.split("\n").filter((line) => line !== "");

describe("ordo backtest with a strategy file outside the repository", () => {
  let dir: string;
  let run: Awaited<ReturnType<typeof runOrdo>>;

  beforeAll(async () => {
    dir = userFolder({ ...CONFIG, output: { ...CONFIG.output, events: "out/events.jsonl" } });
    run = await runOrdo(["backtest", "config.json"], dir);
  });

  it("loads the TypeScript file with @ordo/engine, @ordo/core and zod resolved by the CLI", () => {
    expect(existsSync(join(dir, "node_modules"))).toBe(false);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(readResult(join(dir, "out/result.json")).strategyId).toBe("WeeklyBuyer");
  });

  it("stamps date-only bars of an XNYS instrument at the session close and fills the scheduled order at the next bar's open", () => {
    const result = readResult(join(dir, "out/result.json"));
    // 16:00 in New York is 21:00Z in January.
    expect(result.start).toBe("2024-01-02T21:00:00Z");
    expect(result.end).toBe("2024-01-10T21:00:00Z");
    // Monday 8 January 10:00 New York: the order goes out, and the 8 January bar opens at 101.
    expect(result.fills).toEqual([
      {
        at: "2024-01-08T21:00:00Z",
        orderId: expect.any(String),
        instrumentId: "AAPL.XNAS",
        side: "BUY",
        price: "101",
        quantity: "10",
        commission: "0",
      },
    ]);
    expect(result.orders.map((o) => [o.status, o.tags])).toEqual([["FILLED", ["weekly"]]]);
    // 10000 − 10 × 101 = 8990 cash; 10 shares at the last close 102.
    expect(result.cash).toBe("8990");
    expect(result.finalValue).toBe("10010");
    expect(result.recorded.map((r) => r.values.close)).toEqual([100.5, 101, 102, 101, 103, 104, 102]);
  });

  it("writes the result JSON with every documented field, decimals as strings", () => {
    const result = readResult(join(dir, "out/result.json"));
    for (const key of [
      "finalValue",
      "cash",
      "fills",
      "orders",
      "positions",
      "metrics",
      "tradeStats",
      "equityCurve",
      "recorded",
      "eventLogHash",
    ]) {
      expect(result).toHaveProperty(key);
    }
    expect(result.positions).toEqual([
      expect.objectContaining({ instrumentId: "AAPL.XNAS", side: "LONG", quantity: "10" }),
    ]);
    // docs/backtest-cli.md, "Outputs": the result JSON's table names every top-level field, and only those.
    const doc = docText("backtest-cli.md");
    const table = doc.slice(
      doc.indexOf("**Result JSON**"),
      doc.indexOf("The same config, data and strategy"),
    );
    const documented = table
      .split("\n")
      .filter((line) => line.startsWith("| `"))
      .flatMap((line) => [...line.split(" | ")[0]!.matchAll(/`(\w+)`/g)].map((m) => m[1]!));
    expect(documented.sort()).toEqual(Object.keys(result).sort());
    expect(readFileSync(join(dir, "out/result.json"), "utf8")).toMatch(
      /^\{\n {2}"strategyId": "WeeklyBuyer",\n/,
    );
  });

  it("prints a summary ending with the event log hash, which the result JSON and the event log file share", () => {
    const hash = printedHash(run.stdout);
    expect(hash).toBe(readResult(join(dir, "out/result.json")).eventLogHash);
    expect(run.stdout).toContain("final value     10,010.00 USD (started at 10,000.00)");
    expect(run.stdout).toContain("return          0.10%");
    expect(run.stdout).toContain("fills           1");
    expect(run.stdout).toContain("result JSON     out/result.json");
    // The hash is the SHA-256 of the event log's lines, each ended by a newline: the file written.
    const events = readFileSync(join(dir, "out/events.jsonl"));
    expect(createHash("sha256").update(events).digest("hex")).toBe(hash);
    expect(lines(events.toString()).map((l) => (JSON.parse(l) as { type: string }).type)).toEqual([
      "OrderInitialized",
      "OrderSubmitted",
      "OrderAccepted",
      "OrderFilled",
      expect.stringMatching(/^Position/),
    ]);
  });

  it("writes the HTML report with the run's hash and the instrument's chart data", () => {
    const html = readFileSync(join(dir, "out/report.html"), "utf8");
    expect(html.slice(0, 15).toLowerCase()).toBe("<!doctype html>");
    expect(html).toContain(printedHash(run.stdout));
    expect(html).toContain("AAPL.XNAS");
    // A clean run's report has no strategy errors warning or section.
    expect(html).not.toContain('id="strategy-errors');
  });
});

/** Shorts 50 at the first close and buys 20 back at the third: the partial cover realizes PnL, no round trip closes. */
const SHORTER = `import type { Bar } from "@ordo/core";
import { Strategy, type StrategyContext } from "@ordo/engine";

export default class Shorter extends Strategy {
  #bar = 0;

  onBar(ctx: StrategyContext, bar: Bar): void {
    const i = this.#bar++;
    if (i === 0) ctx.order(bar.instrumentId, -50);
    if (i === 2) ctx.order(bar.instrumentId, 20);
  }
}
`;

describe("ordo backtest on a margin account", () => {
  let dir: string;
  let run: Awaited<ReturnType<typeof runOrdo>>;

  beforeAll(async () => {
    dir = userFolder(
      {
        ...CONFIG,
        strategy: { file: "shorter.ts" },
        account: { type: "margin", currency: "USD", balance: "10000", leverage: "2" },
      },
      SHORTER,
    );
    writeFiles(dir, { "shorter.ts": SHORTER });
    run = await runOrdo(["backtest", "config.json"], dir);
  });

  it("prints the realized PnL of the partial cover, the margin in use, the buying power and the short still open", () => {
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    // Short 50 at the 3 January open (100.5); 20 bought back at the 5 January open (102): 20 × −1.5 realized.
    // 30 still short, marked at the last close 102: 30 × −1.5 unrealized; margin 30 × 102 / 2 = 1530.
    // The peak of the equity curve's points: all 50 short at the 4 January close 102, 50 × 102 / 2.
    expect(lines(run.stdout).slice(0, 9)).toEqual([
      "Shorter on AAPL.XNAS: 2024-01-02T21:00:00Z → 2024-01-10T21:00:00Z, 7 events",
      "  final value     9,925.00 USD (started at 10,000.00)",
      "  return          -0.75%",
      "  realized PnL    -30.00 USD, unrealized -45.00, commissions 0.00",
      "  margin          1,530.00 USD initial, 1,530.00 maintenance (leverage 2)",
      "  buying power    8,395.00 USD",
      "  peak margin     2,550.00 USD initial, at 2024-01-04T21:00:00Z",
      "  trades          0 closed (0 won), 1 still open (1 short)",
      "  fills           2",
    ]);
  });

  it("writes the account, the short's side and every fill's realized PnL to the result JSON", () => {
    const result = readResult(join(dir, "out/result.json"));
    expect(result.positions).toEqual([
      {
        instrumentId: "AAPL.XNAS",
        side: "SHORT",
        quantity: "-30",
        avgOpenPrice: "100.5",
        realizedPnl: "-30",
        unrealizedPnl: "-45",
      },
    ]);
    expect([result.realizedPnl, result.unrealizedPnl, result.commissions]).toEqual(["-30", "-45", "0"]);
    expect(result.account).toEqual({
      type: "margin",
      leverage: "2",
      balances: [
        {
          currency: "USD",
          cash: "9970",
          equity: "9925",
          initialMargin: "1530",
          maintenanceMargin: "1530",
          buyingPower: "8395",
          marginCall: false,
          // One point per day, 2 to 10 January.
          marginHistory: {
            samples: 7,
            peakInitialMargin: "2550",
            peakInitialMarginAt: "2024-01-04T21:00:00Z",
            marginCallSamples: 0,
            firstMarginCallAt: null,
          },
        },
      ],
    });
    expect(result.tradeStats).toMatchObject({ trades: 0, totalPnl: "0" });
  });

  it("shows the same figures in the report", () => {
    const html = readFileSync(join(dir, "out/report.html"), "utf8");
    expect(html).toContain(
      '<div data-figure="realized-pnl"><dt>Realized PnL</dt><dd><span title="-30">-30.00</span> USD</dd></div>',
    );
    expect(html).toContain(
      '<div data-figure="buying-power"><dt>Buying power</dt><dd><span title="8,395">8,395.00</span> USD</dd></div>',
    );
    expect(html).toContain(
      '<tr><td>AAPL.XNAS</td><td><span class="sell">SHORT</span></td><td>-30</td><td>100.5</td><td><span title="-30">-30.00</span></td><td><span title="-45">-45.00</span></td></tr>',
    );
    expect(html).toContain(
      '<tr><td>USD</td><td><span title="9,970">9,970.00</span></td><td><span title="9,925">9,925.00</span></td><td><span title="1,530">1,530.00</span></td><td><span title="1,530">1,530.00</span></td><td><span title="8,395">8,395.00</span></td><td>no</td><td><span title="2,550">2,550.00</span> (2024-01-04T21:00:00Z)</td><td>none of 7</td></tr>',
    );
    expect(html).toContain(
      "Trade statistics count closed round trips only (0 closed); 1 position still open at the end.",
    );
  });
});

describe("strategy files in other shapes", () => {
  it("loads a CommonJS class (module.exports) and an object of hooks exported as `strategy` from an .mjs file, both sharing the CLI's @ordo/core", async () => {
    const dir = userFolder();
    writeFiles(dir, {
      "cjs-buyer.js":
        'const { Strategy } = require("@ordo/engine");\n' +
        'const { Decimal } = require("@ordo/core");\n' +
        "class CjsBuyer extends Strategy {\n" +
        "  onStart(ctx) { ctx.record({ sharesDecimal: ctx.portfolio.cash instanceof Decimal ? 1 : 0 }); }\n" +
        '  onBar(ctx, bar) { if (ctx.getOrder("first") === undefined) ctx.orders.placeMarket({ id: "first", instrumentId: bar.instrumentId, side: "BUY", quantity: 4 }); }\n' +
        "}\nmodule.exports = CjsBuyer;\n",
      "hooks.mjs":
        'import { Decimal } from "@ordo/core";\n' +
        "export const strategy = {\n" +
        "  onBar(ctx) { ctx.record({ sharesDecimal: ctx.portfolio.cash instanceof Decimal ? 1 : 0 }); },\n" +
        '  onStart(ctx) { ctx.orders.placeLimit({ instrumentId: "AAPL.XNAS", side: "BUY", quantity: 2, price: "101" }); },\n' +
        "};\n",
    });
    const [cjs, hooks] = await Promise.all([
      runOrdo(["backtest", "config.json", "--strategy", "cjs-buyer.js", "--json", "cjs.json"], dir),
      runOrdo(["backtest", "config.json", "--strategy", "hooks.mjs", "--json", "hooks.json"], dir),
    ]);
    expect([cjs.stderr, hooks.stderr]).toEqual(["", ""]);
    const fromCjs = readResult(join(dir, "cjs.json"));
    expect(fromCjs.strategyId).toBe("CjsBuyer");
    // Sent after the first bar's close, it fills at the second bar's open.
    expect(fromCjs.fills.map((f) => [f.at, f.quantity, f.price])).toEqual([
      ["2024-01-03T21:00:00Z", "4", "100.5"],
    ]);
    const fromHooks = readResult(join(dir, "hooks.json"));
    // An object strategy gets the engine's default id. Placed at the start (the first bar's close), the
    // buy limit at 101 fills at the second bar's open, 100.5, which is better than its limit.
    expect(fromHooks.strategyId).toBe("S1");
    expect(fromHooks.fills.map((f) => [f.at, f.quantity, f.price])).toEqual([
      ["2024-01-03T21:00:00Z", "2", "100.5"],
    ]);
    // `require` and `import` alike give the strategy the CLI's own @ordo/core: one Decimal class.
    expect(fromCjs.recorded[0]?.values).toEqual({ sharesDecimal: 1 });
    expect(fromHooks.recorded[0]?.values).toEqual({ sharesDecimal: 1 });
  });
});

describe("ordo backtest on ticks without sizes", () => {
  it("trades a quotes file without size columns and a trades file without a size, each fill in full", async () => {
    // @ordo/data loads such files with unknown (NaN) sizes; the venue used to refuse the first tick mid-run
    // (`quote.bidSize: must be a finite number >= 0, got NaN`), so an FX tick file could not be backtested.
    const instrument = (data: string, kind: string) => ({
      ...CONFIG,
      strategy: { file: "tick-buyer.mjs" },
      instruments: [{ ...CONFIG.instruments[0], calendar: "24/7", kind, data }],
    });
    const dir = userFolder();
    writeFiles(dir, {
      "tick-buyer.mjs":
        "export const strategy = {\n" +
        "  sent: false,\n" +
        "  onQuote(ctx, q) { if (!this.sent) { this.sent = true; ctx.order(q.instrumentId, 50); } },\n" +
        "  onTrade(ctx, t) { if (!this.sent) { this.sent = true; ctx.order(t.instrumentId, 50); } },\n" +
        "};\n",
      "quotes.csv": "timestamp,bid,ask\n2024-01-02T14:31:00Z,100,100.1\n2024-01-02T14:32:00Z,100.1,100.2\n",
      "trades.csv": "timestamp,price\n2024-01-02T14:31:00Z,100\n2024-01-02T14:32:00Z,100.1\n",
      "quotes.json": JSON.stringify(instrument("quotes.csv", "quotes")),
      "trades.json": JSON.stringify(instrument("trades.csv", "trades")),
    });
    const [quotes, trades] = await Promise.all([
      runOrdo(["backtest", "quotes.json", "--json", "quotes-result.json"], dir),
      runOrdo(["backtest", "trades.json", "--json", "trades-result.json"], dir),
    ]);
    expect([quotes.stderr, trades.stderr]).toEqual([
      "quotes.csv: note: no bid/ask size columns: sizes are NaN (unknown)\n",
      "trades.csv: note: no size column: sizes are NaN (unknown)\n",
    ]);
    expect([quotes.status, trades.status]).toEqual([0, 0]);
    // A market buy sent on the first quote takes the ask at once; on a trade, it fills at the next print.
    expect(readResult(join(dir, "quotes-result.json")).fills.map((f) => [f.at, f.quantity, f.price])).toEqual(
      [["2024-01-02T14:31:00Z", "50", "100.1"]],
    );
    expect(readResult(join(dir, "trades-result.json")).fills.map((f) => [f.at, f.quantity, f.price])).toEqual(
      [["2024-01-02T14:32:00Z", "50", "100.1"]],
    );
  });
});

describe("ordo backtest's report of a run on ticks", () => {
  /** The chart data the report embeds for its script. */
  const charts = (html: string) =>
    (
      JSON.parse(
        /<script type="application\/json" id="ordo-report-data">(.*?)<\/script>/s.exec(html)![1]!,
      ) as {
        charts: {
          kind: string;
          lines?: { name: string; line: { t: number[]; y: number[] } }[];
          markers?: { side: string; price: number; line: number }[];
        }[];
      }
    ).charts;
  const note = (html: string) =>
    /<article class="instrument"[^>]*>[\s\S]*?<p class="note">([\s\S]*?)<\/p>/
      .exec(html)![1]!
      .replace(/<[^>]+>/g, "");
  const seconds = (iso: string) => Date.parse(iso) / 1000;

  it("charts a quotes file's bid and ask inside the run's window, with the fill on the ask, and a trades file's price", async () => {
    const instrument = (data: string, kind: string) => ({
      ...CONFIG,
      strategy: { file: "tick-buyer.mjs" },
      instruments: [{ ...CONFIG.instruments[0], calendar: "24/7", kind, data }],
    });
    const dir = userFolder();
    writeFiles(dir, {
      "tick-buyer.mjs":
        "export const strategy = {\n" +
        "  sent: false,\n" +
        "  onQuote(ctx, q) { if (!this.sent) { this.sent = true; ctx.order(q.instrumentId, 50); } },\n" +
        "  onTrade(ctx, t) { if (!this.sent) { this.sent = true; ctx.order(t.instrumentId, 50); } },\n" +
        "};\n",
      "quotes.csv":
        "timestamp,bid,ask\n" +
        "2024-01-02T14:30:00Z,99.9,100\n" +
        "2024-01-02T14:31:00Z,100,100.1\n" +
        "2024-01-02T14:32:00Z,100.1,100.2\n" +
        "2024-01-02T14:33:00Z,100.2,100.3\n",
      "trades.csv": "timestamp,price\n2024-01-02T14:31:00Z,100\n2024-01-02T14:32:00Z,100.1\n",
      "quotes.json": JSON.stringify(instrument("quotes.csv", "quotes")),
      "trades.json": JSON.stringify(instrument("trades.csv", "trades")),
    });
    const [quotes, trades] = await Promise.all([
      runOrdo(
        ["backtest", "quotes.json", "--quiet", "--start", "2024-01-02T14:31:00Z", "--report", "quotes.html"],
        dir,
      ),
      runOrdo(["backtest", "trades.json", "--quiet", "--report", "trades.html"], dir),
    ]);
    expect([quotes.status, trades.status]).toEqual([0, 0]);

    const quotesHtml = readFileSync(join(dir, "quotes.html"), "utf8");
    expect(quotesHtml).not.toContain("No bars");
    const [quoteChart] = charts(quotesHtml);
    expect(quoteChart!.kind).toBe("ticks");
    // The quote at 14:30 is before --start, so it is not drawn.
    expect(quoteChart!.lines).toEqual([
      {
        name: "bid",
        line: {
          t: ["14:31", "14:32", "14:33"].map((m) => seconds(`2024-01-02T${m}:00Z`)),
          y: [100, 100.1, 100.2],
        },
        inputPoints: 3,
        downsampled: false,
      },
      {
        name: "ask",
        line: {
          t: ["14:31", "14:32", "14:33"].map((m) => seconds(`2024-01-02T${m}:00Z`)),
          y: [100.1, 100.2, 100.3],
        },
        inputPoints: 3,
        downsampled: false,
      },
    ]);
    // The market buy took the ask of the first quote: its marker is on the ask line.
    expect(quoteChart!.markers!.map((m) => [m.side, m.price, m.line])).toEqual([["BUY", 100.1, 1]]);
    expect(note(quotesHtml)).toBe(
      "3 quotes: — bid — ask; 1 fill(s): ▲ buy ▼ sell at fill price (a buy on the ask line, a sell on the bid line)",
    );

    const tradesHtml = readFileSync(join(dir, "trades.html"), "utf8");
    const [tradeChart] = charts(tradesHtml);
    expect(tradeChart!.lines!.map((l) => [l.name, l.line.y])).toEqual([["trade", [100, 100.1]]]);
    expect(tradeChart!.markers!.map((m) => [m.side, m.price, m.line])).toEqual([["BUY", 100.1, 0]]);
    expect(note(tradesHtml)).toBe("2 trades: — trade price; 1 fill(s): ▲ buy ▼ sell at fill price");
  });
});

describe("ordo backtest --param", () => {
  it("coerces numbers and booleans as the strategy's zod schema declares them and overrides the config", async () => {
    const dir = userFolder();
    const [three, off] = await Promise.all([
      runOrdo(
        ["backtest", "config.json", "--param", "quantity=3", "--param", "label=42", "--json", "three.json"],
        dir,
      ),
      runOrdo(["backtest", "config.json", "--param", "enabled=false", "--json", "off.json"], dir),
    ]);
    expect([three.stderr, off.stderr]).toEqual(["", ""]);
    const result = readResult(join(dir, "three.json"));
    expect(result.fills.map((f) => f.quantity)).toEqual(["3"]);
    // label is a string in the schema, so "42" stays the text 42.
    expect(result.orders[0]?.tags).toEqual(["42"]);
    expect(readResult(join(dir, "off.json")).fills).toEqual([]);
  });

  it("refuses a config parameter the strategy does not declare, with the bad flags, all at once (exit 2)", async () => {
    const dir = userFolder({
      ...CONFIG,
      strategy: { file: "weekly-buyer.ts", params: { quantity: 10, lable: "x" } },
    });
    const run = await runOrdo(
      ["backtest", "config.json", "--param", "qty=5", "--param", "quantity=abc", "--param", "enabled=maybe"],
      dir,
    );
    expect(run.status).toBe(2);
    expect(lines(run.stderr)).toEqual([
      'config.json: strategy.params.lable: is not a parameter of WeeklyBuyer (did you mean "label"?)',
      'config.json: --param qty: is not a parameter of WeeklyBuyer (did you mean "quantity"?)',
      'config.json: --param quantity: expected number, received string (got "abc")',
      'config.json: --param enabled: expected boolean, received string (got "maybe")',
    ]);
  });

  it("refuses a value the schema rejects and a name it does not declare, naming the flag (exit 2)", async () => {
    const dir = userFolder();
    const [bad, unknown, malformed] = await Promise.all([
      runOrdo(["backtest", "config.json", "--param", "quantity=abc"], dir),
      runOrdo(["backtest", "config.json", "--param", "qty=5"], dir),
      runOrdo(["backtest", "config.json", "--param", "quantity"], dir),
    ]);
    expect([bad.status, unknown.status, malformed.status]).toEqual([2, 2, 2]);
    expect(bad.stdout).toBe("");
    expect(lines(bad.stderr)).toEqual([
      'config.json: --param quantity: expected number, received string (got "abc")',
    ]);
    expect(lines(unknown.stderr)).toEqual([
      'config.json: --param qty: is not a parameter of WeeklyBuyer (did you mean "quantity"?)',
    ]);
    expect(lines(malformed.stderr)).toEqual(['config.json: --param: must be name=value, got "quantity"']);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("names the parameter, the key inside it and the reason once when a JSON value breaks the schema", async () => {
    const dir = userFolder(
      { ...CONFIG, strategy: { file: "weekly-buyer.ts", params: { weights: { "AAPL.XNAS": 1 } } } },
      WEIGHTED,
    );
    const run = await runOrdo(["backtest", "config.json", "--param", 'weights={"AAA.XNYS":2}'], dir);
    expect(run.status).toBe(2);
    expect(lines(run.stderr)).toEqual([
      'config.json: --param weights["AAA.XNYS"]: Too big: expected number to be <=1, got 2',
    ]);
  });

  it("says a record parameter's text is not valid JSON, where, and the shape it takes (exit 2)", async () => {
    const dir = userFolder(
      { ...CONFIG, strategy: { file: "weekly-buyer.ts", params: { weights: { "AAPL.XNAS": 1 } } } },
      WEIGHTED,
    );
    const run = await runOrdo(["backtest", "config.json", "--param", "weights={AAA.XNYS:0.5}"], dir);
    expect(run.status).toBe(2);
    expect(lines(run.stderr)).toEqual([
      `config.json: --param weights: is not valid JSON: ${jsonParseReason("{AAA.XNYS:0.5}")} ` +
        '(got "{AAA.XNYS:0.5}"); expected {"<string>": <number>, ...}; ' +
        "did you mean --param 'weights={\"AAA.XNYS\":0.5}'?",
    ]);
  });

  it("names the config's path when a parameter from the config is invalid", async () => {
    const dir = userFolder({ ...CONFIG, strategy: { file: "weekly-buyer.ts", params: { quantity: -1 } } });
    const run = await runOrdo(["backtest", "config.json"], dir);
    expect(run.status).toBe(2);
    expect(lines(run.stderr)).toEqual([
      "config.json: strategy.params.quantity: Too small: expected number to be >0, got -1",
    ]);
  });
});

describe("ordo backtest on the demo config", () => {
  let dir: string;
  let first: Awaited<ReturnType<typeof runOrdo>>;
  let second: Awaited<ReturnType<typeof runOrdo>>;

  beforeAll(async () => {
    dir = tempDir();
    const config = join(DEMO_DIR, "demo.config.json");
    const run = (name: string) =>
      runOrdo(
        [
          "backtest",
          config,
          "--quiet",
          "--json",
          join(dir, `${name}.json`),
          "--report",
          join(dir, `${name}.html`),
        ],
        dir,
      );
    [first, second] = await Promise.all([run("a"), run("b")]);
  });

  it("gives the same event log hash and byte-identical result JSON and report for the same config", () => {
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    // --quiet prints only the hash line.
    expect(first.stdout).toMatch(/^event log hash: [0-9a-f]{64}\n$/);
    expect(second.stdout).toBe(first.stdout);
    const a = readFileSync(join(dir, "a.json"), "utf8");
    expect(readFileSync(join(dir, "b.json"), "utf8")).toBe(a);
    expect((JSON.parse(a) as ResultJson).eventLogHash).toBe(printedHash(first.stdout));
    expect(readFileSync(join(dir, "b.html"), "utf8")).toBe(readFileSync(join(dir, "a.html"), "utf8"));
  });

  it("trades the crossover: each entry gets a trailing stop, which fires or is canceled by a cross exit", () => {
    const result = readResult(join(dir, "a.json"));
    const tagged = (tag: string) => result.orders.filter((o) => o.tags.includes(tag));
    const entries = tagged("entry");
    expect(entries.length).toBeGreaterThan(3);
    expect(entries.every((o) => o.status === "FILLED")).toBe(true);
    const stops = tagged("trailing-stop");
    expect(stops).toHaveLength(entries.length);
    const fired = stops.filter((o) => o.status === "FILLED").length;
    const canceled = stops.filter((o) => o.status === "CANCELED").length;
    expect(fired).toBeGreaterThan(0);
    expect(canceled).toBeGreaterThan(0);
    expect(canceled).toBe(tagged("cross-exit").length);
    expect(result.recorded[0]?.values).toEqual({
      fastAverage: expect.any(Number),
      slowAverage: expect.any(Number),
    });
  });
});

describe("ordo backtest --start and --end", () => {
  it("replays only the window, a date alone as an end including that whole day", async () => {
    const dir = userFolder();
    const run = await runOrdo(
      ["backtest", "config.json", "--start", "2024-01-04", "--end", "2024-01-08", "--json", "w.json"],
      dir,
    );
    expect(run.stderr).toBe("");
    const result = readResult(join(dir, "w.json"));
    // --json replaces the config's outputs: the config's out/ report is not written by this run.
    expect(existsSync(join(dir, "out"))).toBe(false);
    expect([result.start, result.end]).toEqual(["2024-01-04T21:00:00Z", "2024-01-08T21:00:00Z"]);
    expect(result.recorded.map((r) => r.values.close)).toEqual([102, 101, 103]);
  });

  it("refuses a time it cannot read and an end before the start (exit 2)", async () => {
    const dir = userFolder();
    const [bad, reversed] = await Promise.all([
      runOrdo(["backtest", "config.json", "--start", "last week"], dir),
      runOrdo(["backtest", "config.json", "--start", "2024-01-09", "--end", "2024-01-03"], dir),
    ]);
    expect([bad.status, reversed.status]).toEqual([2, 2]);
    expect(lines(bad.stderr)).toEqual([
      'config.json: --start: must be an ISO-8601 time with a zone, e.g. "2024-01-02T14:30:00Z", got "last week" (or a date such as "2024-01-02")',
    ]);
    expect(lines(reversed.stderr)).toEqual([
      "config.json: --end: must be after --start 2024-01-09T00:00:00Z, got 2024-01-04T00:00:00Z",
    ]);
  });

  it("blames the flag, not the config, when a flag and the config's other bound leave no window (exit 2)", async () => {
    const [startFlag, endFlag, configOnly] = await Promise.all([
      runOrdo(
        ["backtest", "config.json", "--start", "2024-01-09"],
        userFolder({ ...CONFIG, end: "2024-01-03" }),
      ),
      runOrdo(
        ["backtest", "config.json", "--end", "2024-01-03"],
        userFolder({ ...CONFIG, start: "2024-01-09" }),
      ),
      runOrdo(["backtest", "config.json"], userFolder({ ...CONFIG, start: "2024-01-09", end: "2024-01-03" })),
    ]);
    expect([startFlag.status, endFlag.status, configOnly.status]).toEqual([2, 2, 2]);
    expect(lines(startFlag.stderr)).toEqual([
      "config.json: --start: must be before the config's end 2024-01-04T00:00:00Z, got 2024-01-09T00:00:00Z",
    ]);
    expect(lines(endFlag.stderr)).toEqual([
      "config.json: --end: must be after the config's start 2024-01-09T00:00:00Z, got 2024-01-04T00:00:00Z",
    ]);
    // Both bounds from the config: the config's own field, as for any other config problem.
    expect(lines(configOnly.stderr)).toEqual([
      "config.json: end: must be after start 2024-01-09T00:00:00Z, got 2024-01-04T00:00:00Z",
    ]);
  });

  it("refuses a window with no bars, naming the bound and the span the data cover (exit 2)", async () => {
    const dir = userFolder();
    const [early, late] = await Promise.all([
      runOrdo(["backtest", "config.json", "--end", "2023-12-29"], dir),
      runOrdo(["backtest", "config.json", "--start", "2024-02-01"], dir),
    ]);
    expect([early.status, late.status]).toEqual([2, 2]);
    expect(lines(early.stderr)).toEqual([
      "config.json: --end: leaves no market data to replay: the window [the first bar, 2023-12-30T00:00:00Z) holds none, and the data run from 2024-01-02T21:00:00Z to 2024-01-10T21:00:00Z",
    ]);
    expect(lines(late.stderr)).toEqual([
      "config.json: --start: leaves no market data to replay: the window [2024-02-01T00:00:00Z, the last bar) holds none, and the data run from 2024-01-02T21:00:00Z to 2024-01-10T21:00:00Z",
    ]);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("warns on stderr when the data cover less than the window asked for or miss a session, and runs (--quiet leaves the warnings out)", async () => {
    const dir = userFolder();
    // Friday 2024-01-05 is an XNYS session missing from the file.
    writeFiles(dir, { "bars.csv": DAILY_BARS.replace("2024-01-05,102,102.5,100,101,1000000\n", "") });
    const args = ["backtest", "config.json", "--start", "2023-12-01", "--end", "2024-01-31"];
    const [run, quiet] = await Promise.all([
      runOrdo([...args, "--json", "a.json"], dir),
      runOrdo([...args, "--json", "b.json", "--quiet"], dir),
    ]);
    expect([run.status, quiet.status]).toEqual([0, 0]);
    expect(lines(run.stderr)).toEqual([
      "bars.csv: warning: AAPL.XNAS's data starts at 2024-01-02T21:00:00Z, after the run's start at 2023-12-01T00:00:00Z: the strategy sees no data of it before then",
      "bars.csv: warning: AAPL.XNAS's data ends at 2024-01-10T21:00:00Z, before the run's end at 2024-02-01T00:00:00Z: the strategy sees no data of it after then",
      "bars.csv: warning: 1 gap in the XNYS sessions, 1 bar missing in all: 2024-01-04T21:00:00Z → 2024-01-08T21:00:00Z (1 missing)",
    ]);
    expect(quiet.stderr).toBe("");
    expect(readResult(join(dir, "a.json")).eventLogHash).toBe(printedHash(quiet.stdout));
  });

  it("refuses an eight-digit date written without dashes instead of reading it as epoch ms (exit 2)", async () => {
    const run = await runOrdo(["backtest", "config.json", "--start", "20240104"], userFolder());
    expect(run.status).toBe(2);
    expect(lines(run.stderr)).toEqual([
      'config.json: --start: is ambiguous: 20240104 reads as epoch ms 1970-01-01T05:37:20.104Z; write the date as "2024-01-04", or epoch ms in full (1704326400000)',
    ]);
  });
});

describe("ordo backtest outputs", () => {
  it("refuses an output path that is an input or another output, and writes nothing (exit 2)", async () => {
    const dir = userFolder();
    const before = readFileSync(join(dir, "bars.csv"), "utf8");
    const [config, data, twice] = await Promise.all([
      runOrdo(["backtest", "config.json", "--events", "config.json"], dir),
      runOrdo(["backtest", "config.json", "--json", "./bars.csv", "--report", "weekly-buyer.ts"], dir),
      runOrdo(["backtest", "config.json", "--json", "r.json", "--report", "r.json"], dir),
    ]);
    expect([config.status, data.status, twice.status]).toEqual([2, 2, 2]);
    expect(lines(config.stderr)).toEqual([
      "config.json: --events: is the run's input the config (config.json): writing it would destroy the input; choose another path",
    ]);
    expect(lines(data.stderr)).toEqual([
      "config.json: --json: is the run's input instruments[0].data (bars.csv): writing it would destroy the input; choose another path",
      "config.json: --report: is the run's input strategy.file (weekly-buyer.ts): writing it would destroy the input; choose another path",
    ]);
    expect(lines(twice.stderr)).toEqual([
      "config.json: --report: is the same file as --json (r.json): each output needs its own path",
    ]);
    expect(readFileSync(join(dir, "bars.csv"), "utf8")).toBe(before);
    expect(existsSync(join(dir, "r.json"))).toBe(false);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("names the config's output path when the config itself points an output at an input", async () => {
    const dir = userFolder({ ...CONFIG, output: { json: "out/r.json", events: "bars.csv" } });
    const run = await runOrdo(["backtest", "config.json"], dir);
    expect(run.status).toBe(2);
    expect(lines(run.stderr)).toEqual([
      "config.json: output.events: is the run's input instruments[0].data (bars.csv): writing it would destroy the input; choose another path",
    ]);
  });

  it("writes none of the outputs when one cannot be written (exit 1)", async () => {
    const dir = userFolder();
    // A data file is not a folder, so the event log cannot be created under it; the JSON could be.
    const run = await runOrdo(
      ["backtest", "config.json", "--json", "new/r.json", "--events", "bars.csv/events.jsonl"],
      dir,
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^config\.json: cannot write the outputs, so none was written: .*bars\.csv.*\n$/m,
    );
    expect(existsSync(join(dir, "new"))).toBe(false);
    expect(run.stdout).toBe("");
  });
});

describe("ordo backtest on invalid input (exit 2, nothing written)", () => {
  it("lists every problem of the config as <file>: <json path>: <reason>", async () => {
    const dir = tempDir();
    writeFiles(dir, {
      "bad.json": JSON.stringify({
        format: 2,
        strategy: { file: "s.ts", parms: {} },
        instruments: [
          { id: "AAPL", assetClass: "stock", currency: "USD", tickSize: "-1", data: "a.csv", colour: "red" },
          { id: "MSFT.XNAS", assetClass: "equity", currency: "USD", tickSize: "0.01", calendar: "LSE" },
        ],
        account: { type: "cash", currency: "USD", balance: "-5" },
        venue: { fillTiming: "later", latencyMs: -5 },
        end: "yesterday",
        output: { html: "x.html" },
      }),
    });
    const run = await runOrdo(["backtest", "bad.json"], dir);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(lines(run.stderr)).toEqual([
      "bad.json: format: must be 1 (the backtest config format version)",
      'bad.json: strategy.parms: is not a known field (did you mean "params"?)',
      "bad.json: instruments[0].colour: is not a known field (known: id, symbol, venue, assetClass, currency, baseCurrency, tickSize, lotSize, minQuantity, maxQuantity, minNotional, multiplier, marginInit, marginMaint, makerFee, takerFee, calendar, data, dataFormat, kind, load)",
      'bad.json: instruments[0].id: must look like "SYMBOL.VENUE", e.g. "AAPL.XNAS"',
      'bad.json: instruments[0].assetClass: must be one of "equity", "future", "crypto-spot", "crypto-perp", "fx", "index", got "stock"',
      "bad.json: instruments[0].tickSize: must be greater than zero, got -1",
      "bad.json: instruments[1].data: is required (string)",
      'bad.json: instruments[1].calendar: is not a trading calendar Ordo knows: "LSE" (known: XNYS, 24/7)',
      "bad.json: account.balance: must not be negative, got -5",
      'bad.json: venue.fillTiming: must be one of "next-open", "next-close", "same-close", got "later"',
      "bad.json: venue.latencyMs: Too small: expected number to be >=0, got -5",
      'bad.json: end: must be an ISO-8601 time with a zone, e.g. "2024-01-02T14:30:00Z", got "yesterday" (or a date such as "2024-01-02")',
      "bad.json: output.html: is not a known field (known: json, report, events)",
    ]);
  });

  it("suggests the known field a mistyped one is closest to, at the top level and in every nested object", async () => {
    const dir = tempDir();
    writeFiles(dir, {
      "typos.json": JSON.stringify({
        format: 1,
        strategy: { file: "s.ts", parms: {} },
        instruments: [
          {
            id: "AAPL.XNAS",
            assetClass: "equity",
            currency: "USD",
            tickSize: "0.01",
            Calendar: "XNYS",
            data: "a.csv",
            load: { timezon: "America/New_York" },
          },
        ],
        acount: { type: "cash", currency: "USD", balance: "1000" },
        venue: { filTiming: "next-open", slippage: { model: "fixed", spread: "0.01", spred: "0.02" } },
        risk: { longonly: true },
        output: { jsn: "r.json", colour: "red" },
      }),
    });
    const run = await runOrdo(["backtest", "typos.json"], dir);
    expect(run.status).toBe(2);
    expect(lines(run.stderr)).toEqual([
      'typos.json: strategy.parms: is not a known field (did you mean "params"?)',
      'typos.json: instruments[0].Calendar: is not a known field (did you mean "calendar"?)',
      'typos.json: instruments[0].load.timezon: is not a known field (did you mean "timezone"?)',
      "typos.json: account: is required (object)",
      'typos.json: venue.slippage.spred: is not a known field (did you mean "spread"?)',
      'typos.json: venue.filTiming: is not a known field (did you mean "fillTiming"?)',
      'typos.json: risk.longonly: is not a known field (did you mean "longOnly"?)',
      'typos.json: output.jsn: is not a known field (did you mean "json"?)',
      "typos.json: output.colour: is not a known field (known: json, report, events)",
      'typos.json: acount: is not a known field (did you mean "account"?)',
    ]);
  });

  it("names a missing strategy or data file by its config path, resolved against the config's folder", async () => {
    const dir = userFolder({
      ...CONFIG,
      strategy: { file: "strategies/nope.ts" },
      instruments: [{ ...CONFIG.instruments[0], data: "data/none.csv" }],
    });
    const run = await runOrdo(["backtest", join(dir, "config.json")], tempDir());
    expect(run.status).toBe(2);
    expect(lines(run.stderr)).toEqual([
      `${join(dir, "config.json")}: strategy.file: file not found: ${join(dir, "strategies/nope.ts")}`,
      `${join(dir, "config.json")}: instruments[0].data: file not found: ${join(dir, "data/none.csv")}`,
    ]);
  });

  it("passes on the data loader's file:line: column: reason for a broken data file", async () => {
    const dir = userFolder();
    writeFiles(dir, {
      "bars.csv":
        "Date,Open,High,Low,Close,Volume\n2024-01-02,100,99,99,100.5,1000\n2024-01-03,100.5,102,100,abc,1000\n2024-01-06,100,101,99,100,1000\n",
    });
    const run = await runOrdo(["backtest", "config.json"], dir);
    expect(run.status).toBe(2);
    expect(lines(run.stderr)).toEqual([
      "bars.csv: 3 problems, nothing loaded:",
      "  bars.csv:2: High: 99 is below max(open, close) = 100.5",
      '  bars.csv:3: Close: "abc" is not a number',
      "  bars.csv:4: Date: 2024-01-06 is not a trading day on XNYS",
    ]);
    expect(existsSync(join(dir, "out"))).toBe(false);
    // Problems that share one code read the same way, without the code in front.
    writeFiles(dir, { "bars.csv": "Date,Open,High,Low,Close,Volume\n2024-01-02,100,101,-1,100,1000\n" });
    const negative = await runOrdo(["backtest", "config.json"], dir);
    expect(negative.status).toBe(2);
    expect(lines(negative.stderr)[0]).toBe("bars.csv: 1 problem, nothing loaded:");
    expect(lines(negative.stderr)[1]).toMatch(/^ {2}bars\.csv:2: Low: -1 is not above zero; /);
  });

  it("gives the reason a strategy file cannot be loaded", async () => {
    const dir = userFolder();
    writeFiles(dir, {
      "syntax.ts": "export default class Broken { onBar( {\n",
      "nothing.ts": "export const answer = 42;\n",
      "missing-package.ts":
        'import { pad } from "left-pad-nowhere";\nexport default class P { onBar() { pad(); } }\n',
      "typo-object.mjs": "export default { onbar() {} };\n",
      "typo-class.ts": "export default class Typo { onbar() {} }\n",
      "named.ts": "export class MyStrat { onBar() {} }\n",
    });
    const [syntax, nothing, missing, typoObject, typoClass] = await Promise.all(
      ["syntax.ts", "nothing.ts", "missing-package.ts", "typo-object.mjs", "typo-class.ts"].map((file) =>
        runOrdo(["backtest", "config.json", "--strategy", file], dir),
      ),
    );
    expect([syntax?.status, nothing?.status, missing?.status]).toEqual([2, 2, 2]);
    expect([typoObject?.status, typoClass?.status]).toEqual([2, 2]);
    const named = await runOrdo(["backtest", "config.json", "--strategy", "named.ts"], dir);
    expect(named.status).toBe(2);
    expect(named.stderr).toMatch(
      /^named\.ts: no strategy found: .*; it exports MyStrat: to run MyStrat, make it the default export \(export default class MyStrat \.\.\.\) or name it `strategy`\n$/,
    );
    expect(typoObject?.stderr).toMatch(
      /^typo-object\.mjs: no strategy found: .*; its default export is an object with none of the hooks; did you mean onBar for onbar\?\n$/,
    );
    expect(typoClass?.stderr).toBe(
      "config.json: strategy: the strategy class Typo has none of the hooks onStart, onBar, onQuote, onTrade, onOrderEvent, onPositionEvent, onStop, so nothing of it would ever run; did you mean onBar for onbar?\n",
    );
    expect(syntax?.stderr).toMatch(/^syntax\.ts: cannot load the strategy: .*Unexpected token.*\n$/);
    expect(nothing?.stderr).toMatch(
      /^nothing\.ts: no strategy found: export a class .*; it exports answer\n$/,
    );
    expect(missing?.stderr).toContain(
      "missing-package.ts: cannot load the strategy: Cannot find module 'left-pad-nowhere'",
    );
  });

  it("reports a config file that is not JSON with its line and column", async () => {
    const dir = tempDir();
    writeFiles(dir, { "c.json": '{\n  "format": 1,\n}\n' });
    const run = await runOrdo(["backtest", "c.json"], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^c\.json: \(root\): invalid JSON at line 3, column 1: .+\n$/);
  });
});

describe("a strategy whose constructor throws", () => {
  it("is refused before the run with the strategy file's line and the error (exit 2), not as an engine bug", async () => {
    const dir = userFolder(
      CONFIG,
      'export default class Picky {\n  constructor() {\n    throw new Error("no universe configured");\n  }\n}\n',
    );
    const run = await runOrdo(["backtest", "config.json"], dir);
    expect(run.status).toBe(2);
    expect(lines(run.stderr)).toEqual([
      "weekly-buyer.ts:3:11: the constructor of Picky threw: no universe configured",
    ]);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });
});

describe("a strategy that declares its params where the engine never reads them", () => {
  it("is refused before the run, naming the strategy file and the fix, for an instance field and an object's field (exit 2)", async () => {
    const dir = userFolder(
      CONFIG,
      [
        'import { z } from "zod";',
        "export default class Sizer {",
        "  // backtrader and Python classes declare params so; the engine reads a static params only",
        "  params = z.object({ quantity: z.number().int().positive(), label: z.string().default('x') });",
        "  onBar() {}",
        "}",
        "",
      ].join("\n"),
    );
    writeFiles(dir, {
      "hooks.mjs":
        'import { z } from "zod";\nexport default { params: z.object({ quantity: z.number() }), onBar() {} };\n',
    });
    // Without the check, --param quantity=-5 ran, unchecked, and label was never defaulted.
    const [instance, object] = await Promise.all([
      runOrdo(["backtest", "config.json", "--param", "quantity=-5"], dir),
      runOrdo(["backtest", "config.json", "--strategy", "hooks.mjs"], dir),
    ]);
    expect(instance.status).toBe(2);
    expect(lines(instance.stderr)).toEqual([
      "weekly-buyer.ts: Sizer declares params on its instances (params = z.object(...)), where the engine never reads it: the parameters would run unchecked and without the schema's defaults. Make it static: static params = z.object({ ... })",
    ]);
    expect(object.status).toBe(2);
    expect(lines(object.stderr)).toEqual([
      "hooks.mjs: the strategy object's params is a schema the engine never reads (a plain object gets its parameters as given): declare the strategy as a class with static params = z.object({ ... })",
    ]);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });
});

describe("usage errors", () => {
  it("exit 2 like any invalid input, with commander's message; --help and --version exit 0", async () => {
    const dir = userFolder();
    const runs = await Promise.all([
      runOrdo(["backtest", "config.json", "--jsn", "r.json"], dir),
      runOrdo(["backtest"], dir),
      runOrdo(["backtest", "config.json", "--json"], dir),
      runOrdo(["data", "generate"], dir),
      runOrdo(["backtest", "--help"], dir),
      runOrdo(["--version"], dir),
    ]);
    expect(runs.map((r) => r.status)).toEqual([2, 2, 2, 2, 0, 0]);
    expect(lines(runs[0]!.stderr)).toEqual([
      "error: unknown option '--jsn'",
      "(Did you mean --json?)",
      "(add --help for usage)",
    ]);
    expect(lines(runs[1]!.stderr)[0]).toBe("error: missing required argument 'config'");
    expect(lines(runs[2]!.stderr)[0]).toBe("error: option '--json <path>' argument missing");
    expect(lines(runs[3]!.stderr)[0]).toBe("error: required option '--out <file>' not specified");
    expect(runs[4]!.stdout).toContain("Usage: ordo backtest [options] <config>");
    // As docs/backtest-cli.md says: --quiet leaves the data warnings out too, but not the strategy errors.
    expect(runs[4]!.stdout.replace(/\s+/g, " ")).toContain(
      " -q, --quiet no progress bar, no data warnings, no strategy logs, no summary: only the event log hash line (strategy errors still go to stderr) ",
    );
    expect(runs[5]!.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe("a strategy hook that throws", () => {
  it("is reported in the result and on stderr, and the run goes on (exit 0)", async () => {
    const dir = userFolder(
      CONFIG,
      'export default class Fragile {\n  onBar(ctx, bar) {\n    if (bar.close > 102) throw new Error("too high");\n  }\n}\n',
    );
    const [run, quiet] = await Promise.all([
      runOrdo(["backtest", "config.json", "--json", "r.json"], dir),
      runOrdo(["backtest", "config.json", "--json", "q.json", "--quiet"], dir),
    ]);
    expect(run.status).toBe(0);
    // The line names where in the strategy file it threw; the result JSON does not (a path is one machine's).
    expect(lines(run.stderr)).toEqual([
      "2024-01-08T21:00:00Z error Fragile: onBar threw: too high (at weekly-buyer.ts:3:32)",
      "2024-01-09T21:00:00Z error Fragile: onBar threw: too high (at weekly-buyer.ts:3:32)",
    ]);
    expect(quiet.stderr).toBe(run.stderr);
    expect(readResult(join(dir, "r.json")).strategyErrors).toEqual([
      expect.objectContaining({ hook: "onBar", message: "too high" }),
      expect.objectContaining({ hook: "onBar", message: "too high" }),
    ]);
    expect(run.stdout).toContain("strategy errors 2");
  });

  it("is in the HTML report: a warning at the top and a row counting the identical throws, message escaped", async () => {
    const dir = userFolder(
      CONFIG,
      'export default class Fragile {\n  onBar(ctx, bar) {\n    if (bar.close > 102) throw new Error("close <above> 102");\n  }\n}\n',
    );
    const run = await runOrdo(["backtest", "config.json"], dir);
    expect(run.status).toBe(0);
    const html = readFileSync(join(dir, "out/report.html"), "utf8");
    expect(html).toContain(
      "<strong>The strategy threw 2 times</strong>; the first at 2024-01-08T21:00:00Z in onBar: close &lt;above&gt; 102.",
    );
    expect(html).toContain('<h2>Strategy errors <span class="count">(2)</span></h2>');
    expect(html).toContain(
      "<tr><td>2024-01-08T21:00:00Z</td><td>2024-01-09T21:00:00Z</td><td>2</td><td>onBar</td><td>close &lt;above&gt; 102</td></tr>",
    );
    expect(html).not.toContain("<above>");
  });
});

describe("a strategy call made after the run ended", () => {
  const why =
    "after the run ended, so the call did nothing and is in no result: it ran in a Promise or setTimeout " +
    "callback, or after an await in a hook, which a backtest runs only once its loop has finished (hooks " +
    "are not awaited). Make the call synchronously in the hook or in a ctx.schedule function, and leave " +
    "no work pending past onStop";

  it("is one line naming the call and where, not an engine bug: exit 0 and the outputs of the run as they are", async () => {
    const late = userFolder(
      CONFIG,
      'export default class Late {\n  onStop(ctx) {\n    setTimeout(() => ctx.order("AAPL.XNAS", 5), 0);\n  }\n}\n',
    );
    const clean = userFolder(CONFIG, "export default class Late {\n  onStop(ctx) {}\n}\n");
    const [run, quiet, cleanRun] = await Promise.all([
      runOrdo(["backtest", "config.json"], late),
      runOrdo(["backtest", "config.json", "--json", "q.json", "--quiet"], late),
      runOrdo(["backtest", "config.json"], clean),
    ]);
    expect([run.status, quiet.status, cleanRun.status]).toEqual([0, 0, 0]);
    expect(lines(run.stderr)).toEqual([`weekly-buyer.ts:3:26: the strategy called ctx.order ${why}`]);
    expect(quiet.stderr).toBe(run.stderr);
    // docs/backtest-cli.md shows the message as it is.
    expect(docText("backtest-cli.md").replace(/\s+/g, " ")).toContain(
      `late.ts:3:26: the strategy called ctx.order ${why}`,
    );
    expect(run.stdout).toBe(cleanRun.stdout);
    // The outputs are those of the same strategy without the late call, byte for byte.
    for (const output of ["out/result.json", "out/report.html"]) {
      expect(readFileSync(join(late, output), "utf8")).toBe(readFileSync(join(clean, output), "utf8"));
    }
  });

  it("reports a call after an await in an async hook and ends a setInterval's repeats, each call once", async () => {
    const dir = userFolder(
      CONFIG,
      "export default class Late {\n" +
        "  async onStart(ctx) {\n    await null;\n    ctx.record({ x: 1 });\n  }\n" +
        '  onStop(ctx) {\n    setInterval(() => ctx.orders.cancelAll("AAPL.XNAS"), 1);\n  }\n}\n',
    );
    const run = await runOrdo(["backtest", "config.json", "--quiet"], dir);
    expect(run.status).toBe(0);
    expect(lines(run.stderr)).toEqual([
      `weekly-buyer.ts:4:9: the strategy called ctx.record ${why}`,
      `weekly-buyer.ts:7:34: the strategy called ctx.orders.cancelAll ${why}`,
    ]);
    expect(printedHash(run.stdout)).toBe(readResult(join(dir, "out/result.json")).eventLogHash);
  });
});

describe("an error the strategy's own code throws outside a hook", () => {
  const rejected =
    "the strategy's own code left a rejected Promise that nothing caught: Error: boom. It came from a " +
    "Promise a hook started without awaiting or catching it, or from an async hook (hooks are not " +
    "awaited), where the engine cannot catch it as a hook's error, so it is in no result. Catch it in the " +
    "strategy with .catch() on the Promise or try/catch around the await, or do the work synchronously in " +
    "a hook or a ctx.schedule function";
  const thrown =
    "the strategy's own code threw outside a hook: Error: boom. It ran in a setTimeout, setInterval or " +
    "other callback, where the engine cannot catch it as a hook's error, so it is in no result. Catch it " +
    "in the strategy with try/catch in the callback, or do the work synchronously in a hook or a " +
    "ctx.schedule function";

  /** Runs a strategy and the same strategy without the escaping error: the outputs must be the same. */
  async function runBeside(strategy: string) {
    const dir = userFolder(CONFIG, strategy);
    const clean = userFolder(CONFIG, "export default class Leaky {\n  onStart(ctx) {}\n}\n");
    const [run, quiet, cleanRun] = await Promise.all([
      runOrdo(["backtest", "config.json"], dir),
      runOrdo(["backtest", "config.json", "--json", "q.json", "--quiet"], dir),
      runOrdo(["backtest", "config.json"], clean),
    ]);
    expect([run.status, quiet.status, cleanRun.status]).toEqual([0, 0, 0]);
    expect(quiet.stderr).toBe(run.stderr);
    expect(run.stdout).toBe(cleanRun.stdout);
    expect(readResult(join(dir, "q.json")).eventLogHash).toBe(printedHash(quiet.stdout));
    for (const output of ["out/result.json", "out/report.html"]) {
      expect(readFileSync(join(dir, output), "utf8")).toBe(readFileSync(join(clean, output), "utf8"));
    }
    return run;
  }

  it("is one line for a Promise rejected in a hook and never caught, not an engine bug: exit 0 and the run's outputs", async () => {
    const run = await runBeside(
      'export default class Leaky {\n  onStart(ctx) {\n    Promise.reject(new Error("boom"));\n  }\n}\n',
    );
    expect(lines(run.stderr)).toEqual([`weekly-buyer.ts:3:20: ${rejected}`]);
  });

  it("is one line for a throw from a setTimeout callback, not an engine bug: exit 0 and the run's outputs", async () => {
    const run = await runBeside(
      'export default class Leaky {\n  onStart(ctx) {\n    setTimeout(() => {\n      throw new Error("boom");\n    }, 0);\n  }\n}\n',
    );
    expect(lines(run.stderr)).toEqual([`weekly-buyer.ts:4:13: ${thrown}`]);
  });

  it("prints an async hook's throw once however many times it rejects, and ends a setInterval's repeats", async () => {
    const dir = userFolder(
      CONFIG,
      "export default class Leaky {\n" +
        '  async onBar(ctx) {\n    await null;\n    throw new Error("boom");\n  }\n' +
        '  onStop(ctx) {\n    setInterval(() => {\n      throw new Error("boom");\n    }, 1);\n  }\n}\n',
    );
    const run = await runOrdo(["backtest", "config.json", "--quiet"], dir);
    expect(run.status).toBe(0);
    expect(lines(run.stderr)).toEqual([
      `weekly-buyer.ts:4:11: ${rejected}`,
      `weekly-buyer.ts:8:13: ${thrown}`,
    ]);
    expect(printedHash(run.stdout)).toBe(readResult(join(dir, "out/result.json")).eventLogHash);
  });

  it("is shown in docs/backtest-cli.md as printed", () => {
    const doc = docText("backtest-cli.md").replace(/\s+/g, " ");
    expect(doc).toContain(`leaky.ts:3:20: ${rejected}`);
    expect(doc).toContain(`leaky.ts:4:13: ${thrown}`);
  });

  it("leaves an error whose stack does not run through the strategy file a bug report with exit 1", async () => {
    // An error with only Ordo's frames stands for an engine failure in a callback.
    const dir = userFolder(
      CONFIG,
      "export default class Leaky {\n  onStop(ctx) {\n" +
        '    const error = new Error("boom");\n' +
        '    error.stack = "Error: boom\\n    at tick (/opt/ordo/packages/engine/dist/clock.js:1:2)";\n' +
        "    setTimeout(() => {\n      throw error;\n    }, 0);\n  }\n}\n",
    );
    const run = await runOrdo(["backtest", "config.json"], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      "ordo: Error: boom\n    at tick (/opt/ordo/packages/engine/dist/clock.js:1:2)\n(please report this)\n",
    );
  });
});

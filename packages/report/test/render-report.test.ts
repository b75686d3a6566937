import { ValidationError } from "@ordo/core";
import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_POINTS_PER_CHART, MARKER_LABEL_LIMIT, renderReport } from "../src/index.js";
import { generateBars, generateReportInput, MINUTE, START } from "./fixtures.js";

interface EmbeddedChart {
  kind: string;
  element: string;
  candles?: { t: number[]; o: number[]; h: number[]; l: number[]; c: number[]; v: number[] | null };
  markers?: { t: number; price: number; side: string; label: string }[];
  line?: { t: number[]; y: number[] };
  precision?: number;
}

/** The chart data the page embeds for its script. */
function embeddedCharts(html: string): EmbeddedChart[] {
  const json = /<script type="application\/json" id="ordo-report-data">(.*?)<\/script>/s.exec(html)?.[1];
  if (json === undefined) throw new Error("no chart data block in the page");
  return (JSON.parse(json) as { charts: EmbeddedChart[] }).charts;
}

describe("renderReport", () => {
  it("escapes every text from the input so an order id cannot inject HTML", () => {
    const html = renderReport(generateReportInput());
    expect(html).not.toContain("<script>alert");
    expect(html).toContain("<td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</td>");
    expect(html).toContain("<title>SMA crossover &lt;AAPL &amp; MSFT&gt;</title>");
    // Inside the JSON block `<` is written as \u003c, so the block cannot be closed early.
    expect(html.match(/<\/script>/g)).toHaveLength(3);
  });

  it("fetches nothing: no external script, style, font or image, and a policy that forbids it", () => {
    const html = renderReport(generateReportInput());
    expect(html).not.toMatch(/<script[^>]*\ssrc=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/@import|@font-face|url\(\s*['"]?https?:/i);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">`,
    );
  });

  it("inlines lightweight-charts with its license notice", () => {
    const html = renderReport(generateReportInput());
    expect(html).toMatch(/\* TradingView Lightweight Charts™ v5\.\d+\.\d+/);
    expect(html).toContain("window.LightweightCharts=");
    expect(html).toMatch(
      /<footer>[\s\S]*TradingView Lightweight Charts™[\s\S]*Apache License 2\.0[\s\S]*<\/footer>/,
    );
  });

  it("shows a metric in milliseconds as a duration and one in epoch ms as a time, labelled without the unit", () => {
    const input = generateReportInput();
    const html = renderReport({
      ...input,
      metrics: { ...input.metrics, maxDrawdownDurationMs: 49_942_800_000, startTs: 1_577_998_800_000 },
      tradeStats: { ...input.tradeStats, averageHoldingTimeMs: 16_200_000 },
    });
    expect(html).toContain(
      '<tr data-key="maxDrawdownDurationMs"><th scope="row" title="maxDrawdownDurationMs">Max drawdown duration</th><td title="49942800000">578d 1h</td></tr>',
    );
    expect(html).toContain(
      '<tr data-key="startTs"><th scope="row" title="startTs">Start</th><td title="1577998800000">2020-01-02T21:00:00Z</td></tr>',
    );
    expect(html).toContain('>Average holding time</th><td title="16200000">4h 30m</td></tr>');
  });

  it("shows every money figure of the trade statistics and the metrics' equity to 2 decimals, the exact value in the title", () => {
    // What `ordo backtest` writes: @ordo/portfolio's Decimals as decimal text, ratios as numbers.
    const tradeStats = {
      trades: 19,
      winRate: 0.3333333333333333,
      totalPnl: "1914",
      grossProfit: "57756.45",
      grossLoss: "-38445.5",
      profitFactor: 1.5022941566633286,
      expectancy: "100.7368421053",
      averageWin: "19252.15",
      averageLoss: "-322.3333333333",
      largestWin: "32669.285",
      largestLoss: "-14696.5",
      dust: "0.000012345",
      note: "12.5 USD",
    };
    const metrics = { startEquity: 100000, endEquity: 174615.725, sharpe: 0.7015073497151437 };
    const html = renderReport({ ...generateReportInput(), tradeStats, metrics });
    const cell = (table: string, key: string) =>
      new RegExp(
        `<table class="statistics-table" id="${table}">[\\s\\S]*?<tr data-key="${key}"><th[^>]*>[^<]*</th><td title="([^"]*)">([^<]*)</td>`,
      )
        .exec(html)
        ?.slice(1);
    expect(cell("trade-stats", "expectancy")).toEqual(["100.7368421053", "100.74"]);
    expect(cell("trade-stats", "averageLoss")).toEqual(["-322.3333333333", "-322.33"]);
    expect(cell("trade-stats", "totalPnl")).toEqual(["1914", "1,914.00"]);
    expect(cell("trade-stats", "grossProfit")).toEqual(["57756.45", "57,756.45"]);
    expect(cell("trade-stats", "grossLoss")).toEqual(["-38445.5", "-38,445.50"]);
    expect(cell("trade-stats", "averageWin")).toEqual(["19252.15", "19,252.15"]);
    // Half-even: a half cent goes to the even cent.
    expect(cell("trade-stats", "largestWin")).toEqual(["32669.285", "32,669.28"]);
    expect(cell("trade-stats", "largestLoss")).toEqual(["-14696.5", "-14,696.50"]);
    // An amount below a cent keeps 4 significant digits rather than reading 0.00.
    expect(cell("trade-stats", "dust")).toEqual(["0.000012345", "0.00001234"]);
    // Ratios and counts keep their rules; text that is not a number is shown as written.
    expect(cell("trade-stats", "winRate")).toEqual(["0.3333333333333333", "0.3333"]);
    expect(cell("trade-stats", "profitFactor")).toEqual(["1.5022941566633286", "1.5023"]);
    expect(cell("trade-stats", "trades")).toEqual(["19", "19"]);
    expect(cell("trade-stats", "note")).toEqual(["12.5 USD", "12.5 USD"]);
    expect(cell("metrics", "startEquity")).toEqual(["100000", "100,000.00"]);
    expect(cell("metrics", "endEquity")).toEqual(["174615.725", "174,615.72"]);
    expect(cell("metrics", "sharpe")).toEqual(["0.7015073497151437", "0.7015"]);
  });

  it("shows undefined metrics and absent prices as a dash", () => {
    const html = renderReport(generateReportInput());
    expect(html).toContain(
      '<tr data-key="sortino"><th scope="row" title="sortino">Sortino</th><td title="null">—</td></tr>',
    );
    expect(html).toContain(
      '<tr data-key="maxDrawdown"><th scope="row" title="maxDrawdown">Max drawdown</th><td title="-0.0187">-0.0187</td></tr>',
    );
    expect(html).toContain(
      '<tr><td>O-5</td><td>MSFT.XNAS</td><td><span class="buy">BUY</span></td><td>LIMIT</td><td>CANCELED</td><td>25</td><td>0</td><td>—</td><td>350.5</td><td>—</td><td>INSUFFICIENT_FUNDS: BUY 25 &lt;MSFT&gt; needs 8762.5 USD</td></tr>',
    );
  });

  it("states the total return from the starting and final value", () => {
    const input = { ...generateReportInput(), startingValue: "100000", finalValue: "101800.17" };
    expect(renderReport(input)).toContain(
      '<div data-figure="total-return"><dt>Total return</dt><dd>1.80%</dd></div>',
    );
  });

  it("draws one price chart per instrument with a marker at each fill's candle and price", () => {
    const input = generateReportInput();
    const charts = embeddedCharts(renderReport(input));
    expect(charts.map((c) => c.element)).toEqual([
      "chart-price-0",
      "chart-price-1",
      "chart-equity",
      "chart-drawdown",
      "chart-recorded-0",
    ]);
    const aapl = charts[0]!;
    expect(aapl.candles!.t).toHaveLength(600);
    expect(aapl.markers).toEqual([
      { t: (START + 50 * MINUTE) / 1000, price: Number(input.fills[0]!.price), side: "BUY", label: "B 100" },
      {
        t: (START + 300 * MINUTE) / 1000,
        price: Number(input.fills[1]!.price),
        side: "SELL",
        label: "S 100",
      },
    ]);
  });

  it("labels the price axis with the data's decimals, not a finer fill price's", () => {
    // A stop at 95% of an entry at 185.37 fills at 176.1015: the bars have 2 decimals, so has the axis.
    const input = generateReportInput();
    const fills = [...input.fills];
    fills[1] = { ...fills[1]!, price: "176.1015" };
    const [aapl] = embeddedCharts(renderReport({ ...input, fills }));
    expect(aapl!.markers![1]!.price).toBe(176.1015);
    expect(aapl!.precision).toBe(2);
  });

  it("computes the drawdown from equity when the curve carries none", () => {
    const input = {
      ...generateReportInput(),
      equityCurve: [
        { ts: START, equity: "100" },
        { ts: START + MINUTE, equity: "120" },
        { ts: START + 2 * MINUTE, equity: "90" },
        { ts: START + 3 * MINUTE, equity: "126" },
      ],
    };
    const drawdown = embeddedCharts(renderReport(input)).find((c) => c.kind === "drawdown")!;
    expect(drawdown.line!.y.map((y) => y.toFixed(4))).toEqual(["0.0000", "0.0000", "-25.0000", "0.0000"]);
  });

  it("keeps a million-bar run small: at most 5,000 candles, every high and low, every trade marker", () => {
    const base = generateReportInput();
    const bars = generateBars(1_000_000, 3, 100);
    const fillIndexes = [0, 1, 199, 200, 777_777, 999_999];
    const fills = fillIndexes.map((i, n) => ({
      at: bars[i]!.ts,
      orderId: `O-${n}`,
      instrumentId: "AAPL.XNAS",
      side: n % 2 === 0 ? ("BUY" as const) : ("SELL" as const),
      price: String(bars[i]!.close),
      quantity: "1",
      commission: "0",
    }));
    const equityCurve = bars.map((bar) => ({ ts: bar.ts, equity: (bar.close * 1000).toFixed(2) }));
    const html = renderReport({
      ...base,
      instruments: [{ id: "AAPL.XNAS", bars }, base.instruments[1]!],
      fills,
      orders: [],
      equityCurve,
      recorded: [],
    });
    expect(html.length).toBeLessThan(2_000_000);
    expect(html).toContain("1,000,000 bars shown as 5,000 candles of up to 200 bars");
    const [price, , equity, drawdown] = embeddedCharts(html);
    const candles = price!.candles!;
    expect(candles.t).toHaveLength(DEFAULT_MAX_POINTS_PER_CHART);
    expect(extreme(candles.h, Math.max)).toBe(
      extreme(
        bars.map((b) => b.high),
        Math.max,
      ),
    );
    expect(extreme(candles.l, Math.min)).toBe(
      extreme(
        bars.map((b) => b.low),
        Math.min,
      ),
    );
    expect(candles.o[1]).toBe(bars[200]!.open);
    expect(candles.c[0]).toBe(bars[199]!.close);
    // Each marker sits on the candle of 200 bars that holds its fill.
    expect(price!.markers!.map((m) => m.t)).toEqual(
      fillIndexes.map((i) => (bars[Math.floor(i / 200) * 200]!.ts as number) / 1000),
    );
    expect(price!.markers!.map((m) => m.label)).toEqual(["B 1", "S 1", "B 1", "S 1", "B 1", "S 1"]);
    expect(equity!.line!.t.length).toBeLessThanOrEqual(DEFAULT_MAX_POINTS_PER_CHART);
    expect(extreme(drawdown!.line!.y, Math.min)).toBeCloseTo(
      extreme(drawdownOf(equityCurve.map((p) => Number(p.equity))), Math.min),
      9,
    );
  }, 20_000);

  it("leaves the marker labels off above MARKER_LABEL_LIMIT trades on a chart, keeping every marker", () => {
    const input = generateReportInput();
    const bars = input.instruments[0]!.bars;
    const fills = Array.from({ length: MARKER_LABEL_LIMIT + 1 }, (_, i) => ({
      ...input.fills[0]!,
      at: bars[i]!.ts,
      orderId: `O-${i}`,
    }));
    const [aapl] = embeddedCharts(renderReport({ ...input, fills }));
    expect(aapl!.markers).toHaveLength(MARKER_LABEL_LIMIT + 1);
    expect(aapl!.markers!.every((m) => m.label === "")).toBe(true);
  });

  it("refuses an input with a bad field, naming it", () => {
    const input = generateReportInput();
    const badPrice = { ...input, fills: [{ ...input.fills[0]!, price: "abc" }] };
    expect(() => renderReport(badPrice)).toThrow(ValidationError);
    expect(() => renderReport(badPrice)).toThrow('fills[0].price: must be a decimal number, got "abc"');
  });

  it("refuses bars out of time order, naming the first one", () => {
    const input = generateReportInput();
    const bars = [...input.instruments[0]!.bars];
    [bars[4], bars[5]] = [bars[5]!, bars[4]!];
    expect(() => renderReport({ ...input, instruments: [{ id: "AAPL.XNAS", bars }] })).toThrow(
      "instruments[0].bars[5].ts: must be after the previous point's time 2024-01-02T14:35:00Z, got 2024-01-02T14:34:00Z (sort the series first)",
    );
  });

  it("refuses a fill of an instrument it has no chart for", () => {
    const input = generateReportInput();
    expect(() => renderReport({ ...input, instruments: [input.instruments[0]!] })).toThrow(
      'fills[2].instrumentId: "MSFT.XNAS" is not in instruments; add it (its bars may be empty) so its trades can be charted',
    );
  });

  it("refuses a positive drawdown, which would mean equity above its own peak", () => {
    const input = generateReportInput();
    const equityCurve = [{ ts: START, equity: "100", drawdown: "0.05" }];
    expect(() => renderReport({ ...input, equityCurve })).toThrow(
      "equityCurve[0].drawdown: drawdown must be a fraction at or below 0, (equity − peak) / peak, e.g. -0.05",
    );
  });

  it("notes an instrument without bars, quotes or trades instead of drawing an empty chart", () => {
    const input = generateReportInput();
    const html = renderReport({
      ...input,
      instruments: [input.instruments[0]!, { id: "MSFT.XNAS", bars: [] }],
    });
    expect(html).toContain("No bars, quotes or trades for this instrument; 2 fill(s) listed below.");
    expect(embeddedCharts(html).map((c) => c.element)).not.toContain("chart-price-1");
  });

  it("says an instrument's quotes are there but all 0, rather than that it has none", () => {
    const input = generateReportInput();
    const ts = [START, START + MINUTE, START + 2 * MINUTE];
    const html = renderReport({
      ...input,
      instruments: [
        input.instruments[0]!,
        { id: "MSFT.XNAS", bars: [], quotes: { ts, bid: [0, 0, 0], ask: [0, 0, 0] } },
      ],
    });
    expect(html).toContain(
      '3 quote(s), every price 0 (how files write "no price"): nothing to draw; 2 fill(s) listed below.',
    );
    expect(embeddedCharts(html).map((c) => c.element)).not.toContain("chart-price-1");
  });
});

/** The cells of each body row of the table with `id`, tags stripped. */
function tableRows(html: string, id: string): string[][] {
  const body = new RegExp(`<table id="${id}">[\\s\\S]*?<tbody>([\\s\\S]*?)</tbody>`).exec(html)?.[1];
  if (body === undefined) throw new Error(`no table #${id} in the page`);
  return [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<td>(.*?)<\/td>/g)].map((cell) => cell[1]!.replace(/<[^>]+>/g, "")),
  );
}

/** The header figure with `key`: its value, tags stripped. */
function figure(html: string, key: string): string | undefined {
  return new RegExp(`<div data-figure="${key}"><dt>[^<]*</dt><dd>(.*?)</dd></div>`)
    .exec(html)?.[1]
    ?.replace(/<[^>]+>/g, "");
}

describe("renderReport: PnL beyond round trips, open positions and the account", () => {
  it("shows every fill's realized PnL, unrealized PnL and commissions in the header, and a margin account's margin and buying power", () => {
    const html = renderReport(generateReportInput());
    expect(figure(html, "realized-pnl")).toBe("51,420.00 USD");
    expect(figure(html, "unrealized-pnl")).toBe("-312.50 USD");
    expect(figure(html, "commissions")).toBe("4.00 USD");
    expect(figure(html, "initial-margin")).toBe("8,356.25 USD");
    expect(figure(html, "buying-power")).toBe("90,096.68 USD");
  });

  it("says under the trade statistics that they count closed round trips only, with the open positions and every fill's realized PnL", () => {
    const html = renderReport(generateReportInput());
    expect(html).toContain(
      '<p class="note" id="round-trips-note">Trade statistics count closed round trips only (2 closed); 2 positions still open at the end. ' +
        'Realized PnL of every fill, partial closes included: <span title="51,420">51,420.00</span> USD before commissions.</p>',
    );
  });

  it("lists the open positions with their side, a short's quantity negative", () => {
    expect(tableRows(renderReport(generateReportInput()), "positions")).toEqual([
      ["AAPL.XNAS", "LONG", "50", "186.1", "51,420.00", "-12.50"],
      ["MSFT.XNAS", "SHORT", "-20", "370.25", "0.00", "-300.00"],
    ]);
  });

  it("takes a position's side from its quantity when the input gives none (a result written before sides)", () => {
    const input = generateReportInput();
    const positions = input.positions.map(({ side: _side, ...position }) => position);
    expect(tableRows(renderReport({ ...input, positions }), "positions").map((row) => row[1])).toEqual([
      "LONG",
      "SHORT",
    ]);
  });

  it("lists a margin account's initial and maintenance margin, buying power and margin call per currency", () => {
    const html = renderReport(generateReportInput());
    expect(html).toContain("Margin account, leverage 2: initial and maintenance margin");
    expect(tableRows(html, "balances")).toEqual([
      [
        "USD",
        "98,765.43",
        "98,452.93",
        "8,356.25",
        "4,178.12",
        "90,096.68",
        "no",
        "9,120.50 (2024-01-02T19:30:00Z)",
        "none of 600",
      ],
    ]);
    expect(html).not.toContain('id="margin-call-warning"');
  });

  it("warns at the top when the account was in a margin call during the run though it ended out of it", () => {
    const input = generateReportInput();
    const [usd] = input.account.balances;
    const marginHistory = {
      ...usd!.marginHistory,
      marginCallSamples: 3,
      firstMarginCallAt: "2024-01-02T17:00:00Z",
    };
    const html = renderReport({
      ...input,
      account: { ...input.account, balances: [{ ...usd!, marginHistory }] },
    });
    expect(html).toContain(
      '<p class="alert" role="alert" id="margin-call-warning"><strong>The account was in a margin call during the run</strong>: USD equity was below the maintenance margin at 3 of 600 points of the equity curve, first 2024-01-02T17:00:00Z. It ended out of it;',
    );
    expect(tableRows(html, "balances")[0]!.slice(-3)).toEqual([
      "no",
      "9,120.50 (2024-01-02T19:30:00Z)",
      "3 of 600, first 2024-01-02T17:00:00Z",
    ]);
  });

  it("leaves the margin-during-the-run cells empty for a result written before them", () => {
    const input = generateReportInput();
    const [usd] = input.account.balances;
    const { marginHistory: _m, ...written } = usd!;
    const html = renderReport({ ...input, account: { ...input.account, balances: [written] } });
    expect(tableRows(html, "balances")[0]!.slice(-2)).toEqual(["—", "—"]);
    expect(html).not.toContain('id="margin-call-warning"');
  });

  it("lists a cash account without margin columns, its buying power being its cash, and no margin figures in the header", () => {
    const input = generateReportInput();
    const html = renderReport({
      ...input,
      account: {
        type: "cash",
        leverage: null,
        balances: [
          {
            currency: "USD",
            cash: "98765.4321",
            equity: "108000",
            initialMargin: "0",
            maintenanceMargin: "0",
            buyingPower: "98765.4321",
            marginCall: false,
          },
        ],
      },
    });
    expect(html).toContain("Cash account: no margin; buying power is the cash.");
    expect(html).toContain(
      '<thead><tr><th scope="col">Currency</th><th scope="col">Cash</th><th scope="col">Equity</th><th scope="col">Buying power</th></tr></thead>',
    );
    expect(tableRows(html, "balances")).toEqual([["USD", "98,765.43", "108,000.00", "98,765.43"]]);
    expect(figure(html, "initial-margin")).toBeUndefined();
    expect(figure(html, "buying-power")).toBeUndefined();
  });

  it("warns at the top when the run ended in a margin call", () => {
    const input = generateReportInput();
    const [usd] = input.account.balances;
    const html = renderReport({
      ...input,
      account: {
        ...input.account,
        balances: [
          { ...usd!, equity: "35987.5", maintenanceMargin: "57000", buyingPower: "0", marginCall: true },
        ],
      },
    });
    expect(html).toContain(
      '<p class="alert" role="alert" id="margin-call-warning"><strong>The run ended in a margin call</strong>: equity <span title="35,987.5">35,987.50</span> USD is below the maintenance margin of <span title="57,000">57,000.00</span> USD.',
    );
    expect(tableRows(html, "balances")[0]!.at(-3)).toBe("yes");
  });

  it("shows none of it for an input without these fields, as written before them", () => {
    const {
      realizedPnl: _r,
      unrealizedPnl: _u,
      commissions: _c,
      account: _a,
      positions: _p,
      ...input
    } = generateReportInput();
    const html = renderReport(input);
    for (const id of ["round-trips-note", "positions", "account", "balances", "margin-call-warning"])
      expect(html).not.toContain(`id="${id}"`);
    expect(figure(html, "realized-pnl")).toBeUndefined();
  });

  it("shows a run's money to 2 decimals and average prices to 10 significant digits, as exact Decimals come out of a run, the exact value in the tooltip", () => {
    // The figures of a weekly ORCL/YHOO rebalance on Yahoo prices with six decimals (ordo backtest's JSON).
    const input = generateReportInput();
    const html = renderReport({
      ...input,
      finalValue: "121449.459852",
      cash: "6368.259852",
      realizedPnl: "8488.256695280111",
      unrealizedPnl: "13643.693156719889",
      commissions: "682.49",
      account: {
        type: "cash",
        leverage: null,
        balances: [
          {
            currency: "USD",
            cash: "6368.259852",
            equity: "121449.459852",
            initialMargin: "0",
            maintenanceMargin: "0",
            buyingPower: "6368.259852",
            marginCall: false,
          },
        ],
      },
      positions: [
        {
          instrumentId: "AAPL.XNAS",
          side: "LONG",
          quantity: "1035",
          avgOpenPrice: "28.60357005475145217391304347826086956522",
          realizedPnl: "-162.222580332247",
          unrealizedPnl: "4881.504993332247",
        },
        {
          instrumentId: "MSFT.XNAS",
          side: "SHORT",
          quantity: "-0.5",
          avgOpenPrice: "38252",
          realizedPnl: "0",
          unrealizedPnl: "-146",
        },
      ],
      orders: [
        { ...input.orders[0]!, avgPrice: "17.7364967497808291358024691358024691358" },
        { ...input.orders[1]!, avgPrice: "0.000012345678901234" },
      ],
    });
    expect(figure(html, "final-value")).toBe("121,449.46 USD");
    expect(figure(html, "cash")).toBe("6,368.26 USD");
    expect(figure(html, "realized-pnl")).toBe("8,488.26 USD");
    expect(figure(html, "unrealized-pnl")).toBe("13,643.69 USD");
    expect(figure(html, "commissions")).toBe("682.49 USD");
    expect(html).toContain(
      '<div data-figure="realized-pnl"><dt>Realized PnL</dt><dd><span title="8,488.256695280111">8,488.26</span> USD</dd></div>',
    );
    expect(html).toContain('partial closes included: <span title="8,488.256695280111">8,488.26</span> USD');
    expect(tableRows(html, "positions")).toEqual([
      ["AAPL.XNAS", "LONG", "1,035", "28.60357005", "-162.22", "4,881.50"],
      ["MSFT.XNAS", "SHORT", "-0.5", "38,252", "0.00", "-146.00"],
    ]);
    expect(html).toContain('<span title="28.60357005475145217391304347826086956522">28.60357005</span>');
    expect(tableRows(html, "balances")).toEqual([["USD", "6,368.26", "121,449.46", "6,368.26"]]);
    // An order's average fill price too; a price below a cent keeps its digits. Quantities stay exact.
    expect(tableRows(html, "orders").map((row) => row[7])).toEqual(
      expect.arrayContaining(["17.73649675", "0.0000123456789"]),
    );
  });

  it("lists no rows, and says so, when every position was closed", () => {
    const html = renderReport({ ...generateReportInput(), positions: [] });
    expect(html).toContain('Open positions <span class="count">(0)</span>');
    expect(html).toContain("0 positions still open at the end");
  });
});

/** Math.max/min over an array too long to spread into arguments. */
function extreme(values: readonly number[], pick: (a: number, b: number) => number): number {
  return values.reduce((a, b) => pick(a, b));
}

function drawdownOf(equity: readonly number[]): number[] {
  let peak = Number.NEGATIVE_INFINITY;
  return equity.map((e) => {
    peak = Math.max(peak, e);
    return (e / peak - 1) * 100;
  });
}

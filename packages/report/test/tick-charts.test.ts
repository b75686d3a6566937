import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_POINTS_PER_CHART, renderReport, reportToJSON } from "../src/index.js";
import { generateQuotes, generateQuotesReportInput, START } from "./fixtures.js";

interface TickLineData {
  name: string;
  line: { t: number[]; y: number[] };
}

interface EmbeddedChart {
  kind: string;
  element: string;
  lines?: TickLineData[];
  markers?: { t: number; price: number; side: string; label: string; line: number }[];
  precision?: number;
}

/** The chart data the page embeds for its script. */
function embeddedCharts(html: string): EmbeddedChart[] {
  const json = /<script type="application\/json" id="ordo-report-data">(.*?)<\/script>/s.exec(html)?.[1];
  if (json === undefined) throw new Error("no chart data block in the page");
  return (JSON.parse(json) as { charts: EmbeddedChart[] }).charts;
}

/** The note above an instrument's chart, without its tags. */
function instrumentNote(html: string, id: string): string | undefined {
  const article = new RegExp(
    `<article class="instrument" data-instrument="${id}">([\\s\\S]*?)</article>`,
  ).exec(html)?.[1];
  return /<p class="note">([\s\S]*?)<\/p>/.exec(article ?? "")?.[1]?.replace(/<[^>]+>/g, "");
}

describe("the price chart of a run on quotes or trades", () => {
  it("draws a quotes-only instrument as bid and ask lines, each buy on the ask and each sell on the bid", () => {
    const input = generateQuotesReportInput(1_000);
    const html = renderReport(input);
    expect(html).not.toContain("No bars");
    expect(html).toContain('<div class="chart price" id="chart-price-0" role="img"');
    const [chart] = embeddedCharts(html);
    expect(chart!.kind).toBe("ticks");
    expect(chart!.lines!.map((l) => l.name)).toEqual(["bid", "ask"]);
    const [bid, ask] = chart!.lines!;
    const quotes = input.instruments[0]!.quotes;
    // 1,000 quotes 700 ms apart: two share a second now and then, and the later one is drawn.
    expect(bid!.line.t).toHaveLength(new Set(quotes.ts.map((t) => Math.floor(t / 1000))).size);
    expect(bid!.line.t[0]).toBe(START / 1000);
    // The quotes at 0 and 700 ms share the first second: the later one holds at its end.
    expect(bid!.line.y[0]).toBe(quotes.bid[1]);
    expect(ask!.line.y.at(-1)).toBe(quotes.ask.at(-1));
    // Markers sit on the line the fill traded on, at the fill's price, at its second.
    const marker = (index: number, side: "BUY" | "SELL") => ({
      t: Math.floor(quotes.ts[index]! / 1000),
      price: side === "BUY" ? quotes.ask[index] : quotes.bid[index],
      side,
      label: `${side === "BUY" ? "B" : "S"} 100000`,
      line: side === "BUY" ? 1 : 0,
    });
    expect(chart!.markers).toEqual([
      marker(10, "BUY"),
      marker(330, "SELL"),
      marker(580, "BUY"),
      marker(990, "SELL"),
    ]);
    expect(chart!.precision).toBe(5);
    expect(instrumentNote(html, "EUR/USD.SIM")).toBe(
      `1,000 quotes drawn a second at a time (up to ${bid!.line.t.length} points a line, the last tick of each second): — bid — ask; 4 fill(s): ▲ buy ▼ sell at fill price (a buy on the ask line, a sell on the bid line)`,
    );
  });

  it("puts each marker on a point of its own line when the lines are downsampled", () => {
    const input = generateQuotesReportInput(12_000);
    const [chart] = embeddedCharts(renderReport(input));
    expect(chart!.markers!.map((m) => [m.side, m.line])).toEqual([
      ["BUY", 1],
      ["SELL", 0],
      ["BUY", 1],
      ["SELL", 0],
    ]);
    // Each marker's time is a point of its own line, so the library draws it there.
    for (const marker of chart!.markers!) expect(chart!.lines![marker.line]!.line.t).toContain(marker.t);
  });

  it("leaves a quote side at 0 (a file's no bid) off its line instead of plunging to zero", () => {
    const quotes = generateQuotes(10, 3, 1000);
    quotes.bid[4] = 0;
    const input = generateQuotesReportInput(10);
    const html = renderReport({ ...input, fills: [], instruments: [{ id: "EUR/USD.SIM", quotes }] });
    const [chart] = embeddedCharts(html);
    const [bid, ask] = chart!.lines!;
    expect(bid!.line.t).toHaveLength(9);
    expect(bid!.line.t).not.toContain((quotes.ts[4]! as number) / 1000);
    expect(Math.min(...bid!.line.y)).toBeGreaterThan(1);
    expect(ask!.line.t).toHaveLength(10);
    expect(instrumentNote(html, "EUR/USD.SIM")).toMatch(/^10 quotes: — bid — ask; 0 fill\(s\)/);
  });

  it("draws a trades-only instrument as one price line with its fills on it", () => {
    const input = generateQuotesReportInput(10);
    const trades = { ts: [START, START + 1500, START + 3000], price: [3067, 3066.75, 3068] };
    const fill = {
      ...input.fills[0]!,
      at: new Date(START + 1500).toISOString(),
      price: "3066.75",
      quantity: "1",
    };
    const html = renderReport({
      ...input,
      instruments: [{ id: "ES.SIM", trades }],
      fills: [{ ...fill, instrumentId: "ES.SIM" }],
    });
    const [chart] = embeddedCharts(html);
    expect(chart!.kind).toBe("ticks");
    expect(chart!.lines).toEqual([
      {
        name: "trade",
        line: { t: [START / 1000, START / 1000 + 1, START / 1000 + 3], y: [3067, 3066.75, 3068] },
        inputPoints: 3,
        downsampled: false,
      },
    ]);
    expect(chart!.markers).toEqual([
      { t: START / 1000 + 1, price: 3066.75, side: "BUY", label: "B 1", line: 0 },
    ]);
    expect(instrumentNote(html, "ES.SIM")).toBe(
      "3 trades: — trade price; 1 fill(s): ▲ buy ▼ sell at fill price",
    );
  });

  it("keeps a run of 3 million quotes small: at most 5,000 points a line, with every side's low and high", () => {
    const n = 3_000_000;
    const ts = new Float64Array(n);
    const bid = new Float64Array(n);
    const ask = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      ts[i] = START + i * 250;
      bid[i] =
        Math.round((1.1 + Math.sin(i / 40_000) * 0.01 + ((i * 7919) % 13) * 0.00001) * 100_000) / 100_000;
      ask[i] = bid[i]! + 0.00002;
    }
    bid[1_234_567] = 1.05;
    ask[2_345_678] = 1.15;
    const input = generateQuotesReportInput(10);
    const html = renderReport({
      ...input,
      fills: [],
      instruments: [{ id: "EUR/USD.SIM", quotes: { ts, bid, ask } }],
    });
    expect(html.length).toBeLessThan(700_000);
    const [chart] = embeddedCharts(html);
    for (const line of chart!.lines!)
      expect(line.line.t.length).toBeLessThanOrEqual(DEFAULT_MAX_POINTS_PER_CHART);
    const [bidLine, askLine] = chart!.lines!;
    expect(Math.min(...bidLine!.line.y)).toBe(1.05);
    expect(Math.max(...askLine!.line.y)).toBe(1.15);
    expect(bidLine!.line.t[0]).toBe(START / 1000);
    expect(instrumentNote(html, "EUR/USD.SIM")).toMatch(
      /^3,000,000 quotes shown as up to [\d,]+ points a line \(each bucket's low and high\): — bid — ask;/,
    );
  }, 20_000);

  it("writes ticks as columns in the canonical JSON, which renders again the same", () => {
    const input = generateQuotesReportInput(5);
    const json = reportToJSON({ ...input, fills: [] });
    expect(json.instruments[0]!.bars).toEqual([]);
    expect(json.instruments[0]!.quotes).toEqual({
      ts: input.instruments[0]!.quotes.ts.map((t) => new Date(t).toISOString().replace(".000Z", "Z")),
      bid: input.instruments[0]!.quotes.bid,
      ask: input.instruments[0]!.quotes.ask,
    });
    expect(json.instruments[0]).not.toHaveProperty("trades");
    expect(reportToJSON(JSON.parse(JSON.stringify(json)))).toEqual(json);
  });

  it("refuses ticks written as an object per tick, columns of unequal length, and times that go back", () => {
    const input = { ...generateQuotesReportInput(5), fills: [] };
    const quotes = input.instruments[0]!.quotes;
    const render = (q: unknown) =>
      renderReport({ ...input, instruments: [{ id: "EUR/USD.SIM", quotes: q as typeof quotes }] });
    expect(() => render([{ ts: START, bid: 1, ask: 1.1 }])).toThrow(
      "instruments[0].quotes: must be columns of equal length, { ts: [...], bid: [...], ask: [...] }, one entry per tick; got an array (write the ticks as columns, not an object per tick)",
    );
    expect(() => render({ ...quotes, ask: quotes.ask.slice(1) })).toThrow(
      "instruments[0].quotes.ask: has 4 entries where ts has 5: the columns must be of equal length, one entry per tick",
    );
    const ts = [...quotes.ts];
    ts[3] = ts[1]!;
    expect(() => render({ ...quotes, ts })).toThrow(
      "instruments[0].quotes.ts[3]: must be at or after the previous tick's time 2024-01-02T14:30:01.400Z, got 2024-01-02T14:30:00.700Z (sort the series first)",
    );
    expect(() => render({ ...quotes, bid: [1, 1, Number.NaN, 1, 1] })).toThrow(
      "instruments[0].quotes.bid[2]: bid must be a finite number, got NaN",
    );
  });

  it("refuses an instrument with both bars and ticks, since its chart draws one or the other", () => {
    const input = { ...generateQuotesReportInput(5), fills: [] };
    const bars = [{ ts: START, open: 1, high: 1, low: 1, close: 1 }];
    expect(() => renderReport({ ...input, instruments: [{ ...input.instruments[0]!, bars }] })).toThrow(
      'instruments[0].quotes: an instrument\'s chart is drawn from its bars or from its quotes and trades, not both: give "quotes" or "bars", and put the other under an instrument of its own',
    );
  });
});

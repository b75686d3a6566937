import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { type ReportInput, writeReport } from "../src/index.js";
import {
  generateQuotesReportInput,
  generateReportInput,
  generateStrategyErrors,
  MINUTE,
  START,
} from "./fixtures.js";

// Debian's chromium; nothing here may download a browser.
const CHROMIUM = "/usr/bin/chromium";
const SCREENSHOT = join(dirname(fileURLToPath(import.meta.url)), "__screenshots__", "report.png");

interface CanvasStats {
  readonly element: string;
  readonly canvases: number;
  readonly width: number;
  readonly height: number;
  /** Distinct colours among a grid of sampled pixels of the largest canvas: 1 means blank. */
  readonly colours: number;
  /** Pixels of the largest canvas in each colour asked for (`#7b1fa2`), within a little for antialiasing. */
  readonly painted: Record<string, number>;
}

const LAUNCH_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A report opened in headless Chromium, with what the page asked for and logged. */
interface OpenedReport {
  readonly browser: Browser;
  readonly page: Page;
  readonly url: string;
  readonly workDir: string;
  readonly requests: string[];
  readonly blocked: string[];
  readonly consoleErrors: string[];
}

/**
 * Writes `input` as a report and opens it, refusing every request but the file itself. Before the page
 * runs, `createChart` is wrapped so that each chart's options can be read back by its element's id
 * (`window.ordoChartOptions`): the time axis's labels are drawn on a canvas and cannot be read otherwise.
 */
async function openReport(input: ReportInput): Promise<OpenedReport> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get update && apt-get install -y chromium); ` +
        "the report's browser test never downloads a browser",
    );
  }
  const workDir = mkdtempSync(join(tmpdir(), "ordo-report-"));
  const path = await writeReport(join(workDir, "nested", "report.html"), input);
  const url = pathToFileURL(path).href;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const opened: OpenedReport = {
    browser,
    page,
    url,
    workDir,
    requests: [],
    blocked: [],
    consoleErrors: [],
  };
  page.on("console", (message) => {
    if (message.type() === "error") opened.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => opened.consoleErrors.push(String(error)));
  page.on("request", (request) => opened.requests.push(request.url()));
  await page.route("**", (route) => {
    const requested = route.request().url();
    if (requested === url) return route.continue();
    opened.blocked.push(requested);
    return route.abort();
  });
  await page.addInitScript(() => {
    const charts: Record<string, unknown> = {};
    (window as unknown as { ordoCharts: Record<string, unknown> }).ordoCharts = charts;
    let library: { createChart: (element: HTMLElement, options: unknown) => unknown } | undefined;
    Object.defineProperty(window, "LightweightCharts", {
      configurable: true,
      get: () => library,
      set: (value: NonNullable<typeof library>) => {
        const createChart = value.createChart;
        library = {
          ...value,
          createChart: (element: HTMLElement, options: unknown) => {
            const chart = createChart(element, options);
            charts[element.id] = chart;
            return chart;
          },
        };
      },
    });
  });
  await page.goto(url, { waitUntil: "load" });
  await page.waitForFunction(() => document.body.getAttribute("data-charts-drawn") !== null);
  return opened;
}

async function closeReport(opened: OpenedReport | undefined): Promise<void> {
  await opened?.browser.close();
  if (opened !== undefined) rmSync(opened.workDir, { recursive: true, force: true });
}

/** Waits until each chart has painted, then samples the largest canvas of each. */
async function canvasStats(page: Page, elements: string[], colours: string[] = []): Promise<CanvasStats[]> {
  // Charts paint on the next animation frames; poll until each has a canvas with something drawn on it.
  await page.waitForFunction(
    (ids: string[]) =>
      ids.every((id) => {
        const canvas = document.getElementById(id)?.querySelector("canvas");
        return canvas !== null && canvas !== undefined && canvas.width > 0 && canvas.height > 0;
      }),
    elements,
  );
  return page.evaluate(
    ([ids, wanted]): CanvasStats[] => {
      return ids.map((element) => {
        const canvases = [...document.querySelectorAll<HTMLCanvasElement>(`#${element} canvas`)];
        const largest = canvases.reduce((a, b) => (a.width * a.height >= b.width * b.height ? a : b));
        const context = largest.getContext("2d")!;
        const { data } = context.getImageData(0, 0, largest.width, largest.height);
        const colours = new Set<number>();
        for (let y = 0; y < largest.height; y += 7) {
          for (let x = 0; x < largest.width; x += 7) {
            const i = (y * largest.width + x) * 4;
            colours.add((data[i]! << 24) | (data[i + 1]! << 16) | (data[i + 2]! << 8) | data[i + 3]!);
          }
        }
        const painted: Record<string, number> = {};
        for (const hex of wanted) {
          const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16));
          let count = 0;
          for (let i = 0; i < data.length; i += 4) {
            const near =
              Math.abs(data[i]! - r!) <= 8 &&
              Math.abs(data[i + 1]! - g!) <= 8 &&
              Math.abs(data[i + 2]! - b!) <= 8;
            if (near && data[i + 3]! > 200) count++;
          }
          painted[hex] = count;
        }
        return {
          element,
          canvases: canvases.length,
          width: largest.width,
          height: largest.height,
          colours: colours.size,
          painted,
        };
      });
    },
    [elements, colours] as const,
  );
}

function expectDrawn(stats: readonly CanvasStats[]): void {
  for (const chart of stats) {
    expect(chart.canvases, chart.element).toBeGreaterThan(0);
    expect(chart.width, chart.element).toBeGreaterThan(300);
    expect(chart.height, chart.element).toBeGreaterThan(100);
    expect(chart.colours, `${chart.element} is blank`).toBeGreaterThan(2);
    for (const [colour, pixels] of Object.entries(chart.painted)) {
      expect(pixels, `${chart.element} has nothing in ${colour}`).toBeGreaterThan(0);
    }
  }
}

/** The label the time axis of a chart gives `time` (UTC seconds), from the chart's own formatter. */
function timeAxisLabel(page: Page, element: string, time: number): Promise<string | null> {
  return page.evaluate(
    ([id, t]) => {
      const chart = (window as unknown as { ordoCharts: Record<string, { options(): unknown }> }).ordoCharts[
        id
      ];
      const options = chart?.options() as
        | { timeScale: { tickMarkFormatter?: (t: number, type: number, locale: string) => string | null } }
        | undefined;
      return options?.timeScale.tickMarkFormatter?.(t, 0, "en-US") ?? null;
    },
    [element, time] as const,
  );
}

describe("the report in headless Chromium", () => {
  let opened: OpenedReport | undefined;
  let page: Page;
  let reportUrl: string;
  let requests: string[];
  let blocked: string[];
  let consoleErrors: string[];
  let opening: Promise<void> | undefined;

  /** Opens the report once for all tests; each test awaits it, so a missing browser fails every test. */
  function open(): Promise<void> {
    opening ??= (async () => {
      opened = await openReport({ ...generateReportInput(), strategyErrors: generateStrategyErrors() });
      ({ page, url: reportUrl, requests, blocked, consoleErrors } = opened);
    })();
    return opening;
  }

  beforeEach(() => open(), 20_000);

  afterAll(() => closeReport(opened));

  it("requests nothing but the report file itself", () => {
    expect(blocked).toEqual([]);
    expect(requests).toEqual([reportUrl]);
  });

  it("draws every chart: one per instrument, equity, drawdown and each recorded value", async () => {
    const elements = ["chart-price-0", "chart-price-1", "chart-equity", "chart-drawdown", "chart-recorded-0"];
    expect(await page.getAttribute("body", "data-charts-drawn")).toBe(String(elements.length));
    expectDrawn(await canvasStats(page, elements));
  });

  it("lists every order and fill, escaped, with undefined prices and metrics as a dash", async () => {
    const orderRows = await page.$$eval("#orders tbody tr", (rows) =>
      rows.map((row) => [...row.querySelectorAll("td")].map((cell) => cell.textContent)),
    );
    expect(orderRows).toHaveLength(5);
    expect(orderRows[2]![0]).toBe("<script>alert('x')</script>");
    expect(orderRows[4]).toEqual([
      "O-5",
      "MSFT.XNAS",
      "BUY",
      "LIMIT",
      "CANCELED",
      "25",
      "0",
      "—",
      "350.5",
      "—",
      "INSUFFICIENT_FUNDS: BUY 25 <MSFT> needs 8762.5 USD",
    ]);
    expect(orderRows[0]!.at(-1)).toBe("—");
    const fillRows = await page.$$eval("#fills tbody tr", (rows) =>
      rows.map((row) => [...row.querySelectorAll("td")].map((cell) => cell.textContent)),
    );
    expect(fillRows).toHaveLength(4);
    const input = generateReportInput();
    expect(fillRows[0]).toEqual([
      input.fills[0]!.at.replace(".000Z", "Z"),
      "O-1",
      "AAPL.XNAS",
      "BUY",
      input.fills[0]!.price,
      "100",
      "1",
    ]);
    expect(await page.textContent('#metrics tr[data-key="sortino"] td')).toBe("—");
    expect(await page.textContent('#metrics tr[data-key="sharpe"] td')).toBe("1.8421");
    expect(await page.textContent('#trade-stats tr[data-key="expectancy"] td')).toBe("12.5 USD");
    expect(await page.title()).toBe("SMA crossover <AAPL & MSFT>");
    // The injected order id stayed text: no script element carries it.
    const scripts = await page.$$eval("script", (elements) => elements.map((s) => s.textContent ?? ""));
    expect(scripts.filter((s) => s.includes("alert('x')") && !s.startsWith("{"))).toEqual([]);
  });

  it("lists the open positions with their side and the account's margin and buying power, under a note on round trips", async () => {
    const cells = (id: string) =>
      page.$$eval(`#${id} tbody tr`, (rows) =>
        rows.map((row) => [...row.querySelectorAll("td")].map((cell) => cell.textContent)),
      );
    expect(await cells("positions")).toEqual([
      ["AAPL.XNAS", "LONG", "50", "186.1", "51,420.00", "-12.50"],
      ["MSFT.XNAS", "SHORT", "-20", "370.25", "0.00", "-300.00"],
    ]);
    expect(await page.$$eval("#balances thead th", (ths) => ths.map((th) => th.textContent))).toEqual([
      "Currency",
      "Cash",
      "Equity",
      "Initial margin",
      "Maintenance margin",
      "Buying power",
      "Margin call",
      "Peak initial margin",
      "Margin-call points",
    ]);
    expect(await cells("balances")).toEqual([
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
    expect(await page.textContent("#round-trips-note")).toBe(
      "Trade statistics count closed round trips only (2 closed); 2 positions still open at the end. " +
        "Realized PnL of every fill, partial closes included: 51,420.00 USD before commissions.",
    );
    // The note sits right under the statistics tables, so it is read with them.
    expect(await page.$eval("#round-trips-note", (note) => note.previousElementSibling?.className)).toBe(
      "statistics",
    );
    expect(await page.isVisible("#positions")).toBe(true);
  });

  it("shows the run's figures in the header", async () => {
    const figure = (key: string) => page.textContent(`[data-figure="${key}"] dd`);
    expect(await figure("starting-value")).toBe("100,000.00 USD");
    expect(await figure("cash")).toBe("98,765.43 USD");
    expect(await figure("realized-pnl")).toBe("51,420.00 USD");
    expect(await figure("unrealized-pnl")).toBe("-312.50 USD");
    expect(await figure("commissions")).toBe("4.00 USD");
    expect(await figure("initial-margin")).toBe("8,356.25 USD");
    expect(await figure("buying-power")).toBe("90,096.68 USD");
    // The exact amount is a hover away.
    expect(await page.getAttribute('[data-figure="cash"] dd span', "title")).toBe("98,765.4321");
    expect(await figure("event-log-hash")).toBe("sha256:9f2c6a1e0b7d44c3a8e15f0d2b6c7a9e");
    expect(await figure("period")).toBe("2024-01-02T14:30:00Z → 2024-01-03T00:30:00Z");
  });

  it("warns about the strategy's throws on the first screen and lists them, messages as text", async () => {
    const warning = page.locator("#strategy-errors-warning");
    expect(await warning.isVisible()).toBe(true);
    const box = await warning.boundingBox();
    expect(box!.y + box!.height).toBeLessThan(900);
    expect(await warning.textContent()).toBe(
      "The strategy threw 115 times (2 distinct errors); the first at 2024-01-02T14:40:00Z in onBar: too high. " +
        "The run went on past each throw, so its results may not be what the strategy meant: see Strategy errors.",
    );
    // The warning's link leads to the section.
    expect(
      await page.$eval(
        "#strategy-errors-warning a",
        (a) => document.querySelector(a.getAttribute("href")!)?.tagName,
      ),
    ).toBe("SECTION");
    expect(await page.textContent("#strategy-errors h2")).toBe("Strategy errors (115)");
    const rows = await page.$$eval("#strategy-error-groups tbody tr", (trs) =>
      trs.map((row) => [...row.querySelectorAll("td")].map((cell) => cell.textContent)),
    );
    expect(rows).toEqual([
      ["2024-01-02T14:40:00Z", "2024-01-03T00:00:00Z", "113", "onBar", "too high"],
      ["2024-01-02T15:22:00Z", "2024-01-02T19:32:00Z", "2", "onOrderEvent", "<script>alert('boom')</script>"],
    ]);
    const scripts = await page.$$eval("script", (elements) => elements.map((s) => s.textContent ?? ""));
    expect(scripts.filter((s) => s.includes("boom"))).toEqual([]);
  });

  it("logs no console errors and saves a readable screenshot", async () => {
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
    expect(consoleErrors).toEqual([]);
  });
});

describe("a report of one recorded point in headless Chromium", () => {
  let opened: OpenedReport | undefined;
  let opening: Promise<OpenedReport> | undefined;
  const at = START + 7 * MINUTE;

  beforeEach(async () => {
    opening ??= openReport({
      ...generateReportInput(),
      recorded: [{ ts: at, values: { regime: 2 } }],
    });
    opened = await opening;
  }, 20_000);

  afterAll(() => closeReport(opened));

  it("labels the point's time axis with its date and time, not the day of the month alone", async () => {
    const { page } = opened!;
    // Its point is a dot in the line's colour (a grid of samples would miss so small a thing).
    const [chart] = await canvasStats(page, ["chart-recorded-0"], ["#7b1fa2"]);
    expect(chart!.painted["#7b1fa2"]).toBeGreaterThan(0);
    expect(await timeAxisLabel(page, "chart-recorded-0", at / 1000)).toBe("2024-01-02 14:37");
    expect(opened!.consoleErrors).toEqual([]);
  });
});

describe("a report of a run on quotes only in headless Chromium", () => {
  let opened: OpenedReport | undefined;
  let opening: Promise<OpenedReport> | undefined;
  const input = generateQuotesReportInput();
  const quotes = input.instruments[0]!.quotes;

  beforeEach(async () => {
    opening ??= openReport(input);
    opened = await opening;
  }, 20_000);

  afterAll(() => closeReport(opened));

  it("draws the instrument's bid and ask lines where a run on bars has candles, with no console errors", async () => {
    const { page } = opened!;
    expect(await page.getAttribute("body", "data-charts-drawn")).toBe("3");
    expect(await page.textContent('[data-instrument="EUR/USD.SIM"] .note')).toBe(
      "12,000 quotes shown as up to 4,650 points a line (each bucket's low and high): — bid — ask; 4 fill(s): ▲ buy ▼ sell at fill price (a buy on the ask line, a sell on the bid line)",
    );
    // The bid line in its teal, the ask line in its red.
    const [price] = await canvasStats(page, ["chart-price-0"], ["#089981", "#f23645"]);
    expectDrawn([price!]);
    expect(price!.painted["#089981"]).toBeGreaterThan(200);
    expect(price!.painted["#f23645"]).toBeGreaterThan(200);
    expect(opened!.blocked).toEqual([]);
    expect(opened!.consoleErrors).toEqual([]);
  });

  it("shows the whole run, not only the last part that the library's least bar spacing fits", async () => {
    const { page } = opened!;
    const range = await page.evaluate(() => {
      const chart = (
        window as unknown as {
          ordoCharts: Record<
            string,
            { timeScale(): { getVisibleRange(): { from: number; to: number } | null } }
          >;
        }
      ).ordoCharts["chart-price-0"];
      return chart?.timeScale().getVisibleRange() ?? null;
    });
    expect(range).not.toBeNull();
    expect(range!.from).toBeLessThanOrEqual(Math.floor(quotes.ts[0]! / 1000));
    expect(range!.to).toBeGreaterThanOrEqual(Math.floor(quotes.ts.at(-1)! / 1000));
  });
});

import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { writeReport } from "../src/index.js";
import { generateReportInput, generateStrategyErrors } from "./fixtures.js";

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
}

describe("the report in headless Chromium", () => {
  let browser: Browser | undefined;
  let page: Page;
  let workDir: string | undefined;
  let reportUrl: string;
  const requests: string[] = [];
  const blocked: string[] = [];
  const consoleErrors: string[] = [];
  let opened: Promise<void> | undefined;

  /** Opens the report once for all tests; each test awaits it, so a missing browser fails every test. */
  function openReport(): Promise<void> {
    opened ??= (async () => {
      if (!existsSync(CHROMIUM)) {
        throw new Error(
          `${CHROMIUM} is missing: install Debian's chromium (apt-get update && apt-get install -y chromium); ` +
            "the report's browser test never downloads a browser",
        );
      }
      workDir = mkdtempSync(join(tmpdir(), "ordo-report-"));
      const path = await writeReport(join(workDir, "nested", "report.html"), {
        ...generateReportInput(),
        strategyErrors: generateStrategyErrors(),
      });
      reportUrl = pathToFileURL(path).href;
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
        ],
      });
      page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
      page.on("console", (message) => {
        if (message.type() === "error") consoleErrors.push(message.text());
      });
      page.on("pageerror", (error) => consoleErrors.push(String(error)));
      page.on("request", (request) => requests.push(request.url()));
      await page.route("**", (route) => {
        const url = route.request().url();
        if (url === reportUrl) return route.continue();
        blocked.push(url);
        return route.abort();
      });
      await page.goto(reportUrl, { waitUntil: "load" });
      await page.waitForFunction(() => document.body.getAttribute("data-charts-drawn") !== null);
    })();
    return opened;
  }

  beforeEach(() => openReport(), 20_000);

  afterAll(async () => {
    await browser?.close();
    if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
  });

  it("requests nothing but the report file itself", () => {
    expect(blocked).toEqual([]);
    expect(requests).toEqual([reportUrl]);
  });

  it("draws every chart: one per instrument, equity, drawdown and each recorded value", async () => {
    const elements = ["chart-price-0", "chart-price-1", "chart-equity", "chart-drawdown", "chart-recorded-0"];
    expect(await page.getAttribute("body", "data-charts-drawn")).toBe(String(elements.length));
    // Charts paint on the next animation frames; poll until each has a canvas with something drawn on it.
    await page.waitForFunction(
      (ids: string[]) =>
        ids.every((id) => {
          const canvas = document.getElementById(id)?.querySelector("canvas");
          return canvas !== null && canvas !== undefined && canvas.width > 0 && canvas.height > 0;
        }),
      elements,
    );
    const stats = await page.evaluate((ids: string[]): CanvasStats[] => {
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
        return {
          element,
          canvases: canvases.length,
          width: largest.width,
          height: largest.height,
          colours: colours.size,
        };
      });
    }, elements);
    for (const chart of stats) {
      expect(chart.canvases, chart.element).toBeGreaterThan(0);
      expect(chart.width, chart.element).toBeGreaterThan(300);
      expect(chart.height, chart.element).toBeGreaterThan(100);
      expect(chart.colours, `${chart.element} is blank`).toBeGreaterThan(2);
    }
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
      ["AAPL.XNAS", "LONG", "50", "186.1", "51,420", "-12.5"],
      ["MSFT.XNAS", "SHORT", "-20", "370.25", "0", "-300"],
    ]);
    expect(await page.$$eval("#balances thead th", (ths) => ths.map((th) => th.textContent))).toEqual([
      "Currency",
      "Cash",
      "Equity",
      "Initial margin",
      "Maintenance margin",
      "Buying power",
      "Margin call",
    ]);
    expect(await cells("balances")).toEqual([
      ["USD", "98,765.4321", "98,452.9321", "8,356.25", "4,178.125", "90,096.6821", "no"],
    ]);
    expect(await page.textContent("#round-trips-note")).toBe(
      "Trade statistics count closed round trips only (2 closed); 2 positions still open at the end. " +
        "Realized PnL of every fill, partial closes included: 51,420 USD before commissions.",
    );
    // The note sits right under the statistics tables, so it is read with them.
    expect(await page.$eval("#round-trips-note", (note) => note.previousElementSibling?.className)).toBe(
      "statistics",
    );
    expect(await page.isVisible("#positions")).toBe(true);
  });

  it("shows the run's figures in the header", async () => {
    const figure = (key: string) => page.textContent(`[data-figure="${key}"] dd`);
    expect(await figure("starting-value")).toBe("100,000 USD");
    expect(await figure("cash")).toBe("98,765.4321 USD");
    expect(await figure("realized-pnl")).toBe("51,420 USD");
    expect(await figure("unrealized-pnl")).toBe("-312.5 USD");
    expect(await figure("commissions")).toBe("4 USD");
    expect(await figure("initial-margin")).toBe("8,356.25 USD");
    expect(await figure("buying-power")).toBe("90,096.6821 USD");
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

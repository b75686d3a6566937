import { ValidationError } from "@ordo/core";
import { describe, expect, it } from "vitest";
import { renderReport, reportToJSON, STRATEGY_ERROR_ROW_LIMIT } from "../src/index.js";
import { generateReportInput, generateStrategyErrors, MINUTE, START } from "./fixtures.js";

/** The rows of the strategy errors table, each as its cells' HTML. */
function errorRows(html: string): string[][] {
  const body = /<table id="strategy-error-groups">[\s\S]*?<tbody>\n([\s\S]*?)\n<\/tbody>/.exec(html)?.[1];
  if (body === undefined) throw new Error("no strategy errors table in the page");
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((cell) => cell[1]!),
  );
}

/** The warning under the header figures, as HTML. */
function warning(html: string): string | undefined {
  return /<p class="alert" role="alert" id="strategy-errors-warning">([\s\S]*?)<\/p>/.exec(html)?.[1];
}

const at = (minutes: number) => START + minutes * MINUTE;

describe("a run whose strategy threw", () => {
  const html = renderReport({ ...generateReportInput(), strategyErrors: generateStrategyErrors() });

  it("says so at the top: how many throws, and the first one's time, hook and message", () => {
    expect(warning(html)).toBe(
      "<strong>The strategy threw 115 times</strong> (2 distinct errors); the first at 2024-01-02T14:40:00Z in onBar: too high. " +
        'The run went on past each throw, so its results may not be what the strategy meant: see <a href="#strategy-errors">Strategy errors</a>.',
    );
    // In the header, before any chart or table.
    expect(html.indexOf('id="strategy-errors-warning"')).toBeLessThan(html.indexOf("</header>"));
  });

  it("lists identical throws on one row with their count, first and last time, earliest first", () => {
    expect(html).toContain('<h2>Strategy errors <span class="count">(115)</span></h2>');
    expect(errorRows(html)).toEqual([
      ["2024-01-02T14:40:00Z", "2024-01-03T00:00:00Z", "113", "onBar", "too high"],
      [
        "2024-01-02T15:22:00Z",
        "2024-01-02T19:32:00Z",
        "2",
        "onOrderEvent",
        "&lt;script&gt;alert(&#39;boom&#39;)&lt;/script&gt;",
      ],
    ]);
    expect(html).not.toContain('id="strategy-errors-more"');
  });

  it("shows a message as text, never as HTML", () => {
    expect(html).not.toContain("<script>alert('boom')");
    const first = {
      ts: START,
      strategyId: "Fragile",
      hook: "onBar",
      message: "<img src=x onerror=alert(1)>",
    };
    const page = renderReport({ ...generateReportInput(), strategyErrors: [first] });
    expect(warning(page)).toContain("in onBar: &lt;img src=x onerror=alert(1)&gt;.");
    expect(page).not.toContain("<img");
  });

  it("keeps the same page with the errors given as epoch milliseconds, and in its JSON form", () => {
    const errors = generateStrategyErrors();
    const asMs = errors.map((e) => ({ ...e, ts: Date.parse(e.ts as string) }));
    const input = { ...generateReportInput(), strategyErrors: asMs };
    expect(renderReport(input)).toBe(html);
    const json = reportToJSON(input);
    expect(json.strategyErrors).toHaveLength(115);
    expect(json.strategyErrors![0]).toEqual({
      ts: "2024-01-02T14:40:00Z",
      strategyId: "Fragile",
      hook: "onBar",
      message: "too high",
    });
    expect(renderReport(JSON.parse(JSON.stringify(json)))).toBe(html);
  });
});

describe("strategy errors in other shapes", () => {
  const input = generateReportInput();
  const error = (minutes: number, message: string, hook = "onBar", strategyId = "Fragile") => ({
    ts: at(minutes),
    strategyId,
    hook,
    message,
  });

  it("shows nothing of them for a clean run, whether the field is absent or empty", () => {
    for (const page of [renderReport(input), renderReport({ ...input, strategyErrors: [] })]) {
      expect(page).not.toContain('id="strategy-errors');
      expect(page).not.toContain('class="alert"');
      expect(page).not.toContain("Strategy errors");
      expect(page).not.toContain("threw");
    }
  });

  it("says 'once' for a single throw", () => {
    const page = renderReport({ ...input, strategyErrors: [error(3, "no position")] });
    expect(warning(page)).toMatch(
      /^<strong>The strategy threw once<\/strong>, at 2024-01-02T14:33:00Z in onBar: no position\. /,
    );
    expect(page).toContain('<h2>Strategy errors <span class="count">(1)</span></h2>');
  });

  it("puts ten thousand identical throws on one row", () => {
    const errors = Array.from({ length: 10_000 }, (_, i) => ({
      ...error(0, "NaN price"),
      ts: START + i * 1000,
    }));
    const page = renderReport({ ...input, strategyErrors: errors });
    expect(errorRows(page)).toEqual([
      ["2024-01-02T14:30:00Z", "2024-01-02T17:16:39Z", "10,000", "onBar", "NaN price"],
    ]);
    expect(warning(page)).toContain("<strong>The strategy threw 10,000 times</strong>; the first at");
  });

  it(`lists the first ${STRATEGY_ERROR_ROW_LIMIT} distinct errors and says how many more there are`, () => {
    // A message that quotes a value is new every time; the last one is thrown twice.
    const errors = Array.from({ length: 250 }, (_, i) => error(i, `price ${i} above the band`));
    errors.push(error(300, "price 249 above the band"));
    const page = renderReport({ ...input, strategyErrors: errors });
    const rows = errorRows(page);
    expect(rows).toHaveLength(STRATEGY_ERROR_ROW_LIMIT);
    expect(rows.at(-1)![4]).toBe(`price ${STRATEGY_ERROR_ROW_LIMIT - 1} above the band`);
    expect(page).toContain(
      '<p class="note" id="strategy-errors-more">The first 100 of 250 distinct errors are listed; 150 more, thrown 151 times in all, are left off.</p>',
    );
    expect(page).toContain('<h2>Strategy errors <span class="count">(251)</span></h2>');
    expect(warning(page)).toContain("(250 distinct errors)");
  });

  it("quotes the earliest throw even when the list is out of time order", () => {
    const page = renderReport({ ...input, strategyErrors: [error(9, "late"), error(2, "early", "onStart")] });
    expect(warning(page)).toContain("the first at 2024-01-02T14:32:00Z in onStart: early.");
    expect(errorRows(page).map((row) => row[4])).toEqual(["early", "late"]);
  });

  it("shortens a long or multi-line message in the warning and keeps it whole in the table", () => {
    const long = `bad state:\n${"x".repeat(300)}`;
    const page = renderReport({ ...input, strategyErrors: [error(0, long)] });
    expect(warning(page)).toContain(`in onBar: bad state: ${"x".repeat(189)}….`);
    expect(errorRows(page)[0]![4]).toBe(long);
  });

  it("names the strategy of each error when more than one strategy threw", () => {
    const page = renderReport({
      ...input,
      strategyErrors: [error(1, "boom", "onBar", "Alpha"), error(2, "boom", "onBar", "Beta")],
    });
    expect(warning(page)).toContain(
      "<strong>The strategies threw 2 times</strong> (2 distinct errors); the first at 2024-01-02T14:31:00Z in Alpha.onBar: boom.",
    );
    expect(errorRows(page).map((row) => row[3])).toEqual(["Alpha.onBar", "Beta.onBar"]);
  });

  it("shows an empty message as a dash", () => {
    const page = renderReport({ ...input, strategyErrors: [error(0, "")] });
    expect(warning(page)).toContain("in onBar (no message).");
    expect(errorRows(page)[0]![4]).toBe("—");
  });

  it("refuses an error without a hook or with a bad time, naming the field", () => {
    const bad = {
      ...input,
      strategyErrors: [error(0, "x"), { ...error(1, "y"), hook: "", ts: "yesterday" }],
    };
    expect(() => renderReport(bad)).toThrow(ValidationError);
    expect(() => renderReport(bad)).toThrow(/strategyErrors\[1\]\.ts: .*yesterday/);
    expect(() => renderReport(bad)).toThrow(/strategyErrors\[1\]\.hook: /);
  });
});

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseBacktestConfig } from "../src/backtest-config.js";

const BASE = "/home/quant/runs";

const minimal = (extra: Record<string, unknown> = {}) => ({
  format: 1,
  strategy: { file: "strategies/crossover.ts" },
  instruments: [
    {
      id: "AAPL.XNAS",
      assetClass: "equity",
      currency: "USD",
      tickSize: "0.01",
      calendar: "XNYS",
      data: "data/aapl.csv",
    },
  ],
  account: { type: "cash", currency: "USD", balance: "100000" },
  ...extra,
});

describe("parseBacktestConfig", () => {
  it("resolves relative paths against the config's folder and keeps absolute ones", () => {
    const parsed = parseBacktestConfig(
      minimal({ output: { json: "out/result.json", report: "/tmp/report.html" } }),
      BASE,
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.config.strategy.file).toBe(join(BASE, "strategies/crossover.ts"));
    expect(parsed.config.instruments[0]?.data).toBe(join(BASE, "data/aapl.csv"));
    expect(parsed.config.output).toEqual({ json: join(BASE, "out/result.json"), report: "/tmp/report.html" });
  });

  it("reads the data format from the extension unless dataFormat says otherwise, and bars by default", () => {
    const parsed = parseBacktestConfig(
      minimal({
        instruments: [
          { id: "A.XNAS", assetClass: "equity", currency: "USD", tickSize: "0.01", data: "a.parquet" },
          {
            id: "B.XNAS",
            assetClass: "equity",
            currency: "USD",
            tickSize: "0.01",
            data: "b.txt",
            dataFormat: "csv",
            kind: "quotes",
          },
        ],
      }),
      BASE,
    );
    expect(parsed.ok && parsed.config.instruments.map((i) => [i.dataFormat, i.kind])).toEqual([
      ["parquet", "bars"],
      ["csv", "quotes"],
    ]);
  });

  it("reads start and end as ISO times, epoch ms or dates, a date as an end meaning the end of that day", () => {
    const parsed = parseBacktestConfig(minimal({ start: "2024-01-02", end: "2024-06-28" }), BASE);
    expect(parsed.ok && [parsed.config.start, parsed.config.end]).toEqual([
      Date.parse("2024-01-02T00:00:00Z"),
      Date.parse("2024-06-29T00:00:00Z"),
    ]);
    const exact = parseBacktestConfig(minimal({ start: 1704153600000, end: "2024-06-28T20:00:00Z" }), BASE);
    expect(exact.ok && [exact.config.start, exact.config.end]).toEqual([
      1704153600000,
      Date.parse("2024-06-28T20:00:00Z"),
    ]);
  });

  it("takes the loader's options under load and refuses those the instrument decides", () => {
    const entry = { id: "A.XNAS", assetClass: "equity", currency: "USD", tickSize: "0.01", data: "a.csv" };
    const good = parseBacktestConfig(
      minimal({
        instruments: [{ ...entry, load: { timezone: "America/New_York", repair: { sort: true } } }],
      }),
      BASE,
    );
    expect(good.ok && good.config.instruments[0]?.load).toEqual({
      timezone: "America/New_York",
      repair: { sort: true },
    });
    const bad = parseBacktestConfig(
      minimal({ instruments: [{ ...entry, load: { instrumentId: "X" } }] }),
      BASE,
    );
    expect(bad).toEqual({
      ok: false,
      problems: [
        {
          path: "instruments[0].load.instrumentId",
          reason:
            'is not a known field in a config: the file is loaded with the instrument\'s own id, so set "id" on the instrument entry',
        },
      ],
    });
    const negative = parseBacktestConfig(
      minimal({ instruments: [{ ...entry, load: { allowNegativePrices: true } }] }),
      BASE,
    );
    expect(negative).toEqual({
      ok: false,
      problems: [
        {
          path: "instruments[0].load.allowNegativePrices",
          reason:
            "is not supported in a backtest: the simulated venue trades at prices above zero only (load such data with @ordo/data's loaders directly)",
        },
      ],
    });
  });

  it("takes risk and breaker settings as compatible extensions, validated by @ordo/risk's schemas", () => {
    const good = parseBacktestConfig(
      minimal({ risk: { maxOrderQuantity: "500" }, breaker: { maxDrawdownPct: 10 } }),
      BASE,
    );
    expect(good.ok && [good.config.risk, good.config.breaker]).toEqual([
      { maxOrderQuantity: "500" },
      { maxDrawdownPct: 10 },
    ]);
    const bad = parseBacktestConfig(
      minimal({ risk: { maxOrderQty: "500" }, breaker: { maxDrawdownPct: "lots" } }),
      BASE,
    );
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems.map((p) => p.path)).toEqual([
      "risk.maxOrderQty",
      "breaker.maxDrawdownPct",
    ]);
  });

  it("refuses CSV-only load options for a Parquet file at the entry's load, and keeps them for CSV", () => {
    const entry = { id: "A.XNAS", assetClass: "equity", currency: "USD", tickSize: "0.01" };
    const bad = parseBacktestConfig(
      minimal({
        instruments: [
          { ...entry, data: "a.csv", load: { delimiter: ";", header: true } },
          { ...entry, id: "B.XNAS", data: "b.parquet", load: { delimiter: ";" } },
          {
            ...entry,
            id: "C.XNAS",
            data: "c.dat",
            dataFormat: "parquet",
            load: { header: true, timezone: "UTC" },
          },
        ],
      }),
      BASE,
    );
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems.map((p) => p.path)).toEqual([
      "instruments[1].load.delimiter",
      "instruments[2].load.header",
    ]);
    expect(!bad.ok && bad.problems[0]?.reason).toMatch(/^applies to CSV files only .*Parquet.*: remove it$/);
  });

  it("refuses an instrument listed twice, pointing at the first", () => {
    const entry = { id: "A.XNAS", assetClass: "equity", currency: "USD", tickSize: "0.01", data: "a.csv" };
    expect(parseBacktestConfig(minimal({ instruments: [entry, { ...entry, data: "b.csv" }] }), BASE)).toEqual(
      {
        ok: false,
        problems: [
          {
            path: "instruments[1].id",
            reason: '"A.XNAS" is listed twice (first at instruments[0]); give each instrument one entry',
          },
        ],
      },
    );
  });

  it("asks for at least one instrument and for the account", () => {
    const { account: _account, ...noAccount } = minimal({ instruments: [] });
    expect(parseBacktestConfig(noAccount, BASE)).toEqual({
      ok: false,
      problems: [
        { path: "instruments", reason: "must list at least one instrument" },
        { path: "account", reason: "is required (object)" },
      ],
    });
  });

  it("lists the fields an object takes when an unknown one is close to none of them", () => {
    const entry = { id: "AAPL.XNAS", assetClass: "equity", currency: "USD", tickSize: "0.01" };
    const result = parseBacktestConfig(
      minimal({
        instruments: [{ ...entry, datafile: "a.csv", load: { tz: "UTC" } }],
        output: { html: "r.html" },
      }),
      BASE,
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          path: "instruments[0].datafile",
          reason:
            "is not a known field (known: id, symbol, venue, assetClass, currency, baseCurrency, tickSize, lotSize, minQuantity, maxQuantity, minNotional, multiplier, marginInit, marginMaint, makerFee, takerFee, calendar, data, dataFormat, kind, load)",
        },
        { path: "instruments[0].data", reason: "is required (string)" },
        {
          // allowNegativePrices is a loader option a config refuses, so it is not offered.
          path: "instruments[0].load.tz",
          reason:
            "is not a known field (known: timezone, dayFirst, epochUnit, header, delimiter, decimal, columns, adjust, adjustDecimals, repair, allowCrossedQuotes, maxProblems, maxReported)",
        },
        { path: "output.html", reason: "is not a known field (known: json, report, events)" },
      ],
    });
    expect(
      parseBacktestConfig(
        minimal({ instruments: [{ ...entry, data: "a.csv", load: { calendar: "XNYS" } }] }),
        BASE,
      ),
    ).toEqual({
      ok: false,
      problems: [
        {
          path: "instruments[0].load.calendar",
          reason:
            'is not a known field in a config: the file is loaded with the instrument\'s own calendar, so set "calendar" on the instrument entry',
        },
      ],
    });
  });

  it("suggests a field only from the model the config names, and only when one is close", () => {
    const commission = (model: string, extra: Record<string, unknown>) =>
      parseBacktestConfig(minimal({ venue: { commission: { model, cost: "1", ...extra } } }), BASE);
    // "minimum" is a field of the per-share model, not of per-trade.
    expect(commission("per-share", { minimun: "1" })).toEqual({
      ok: false,
      problems: [
        { path: "venue.commission.minimun", reason: 'is not a known field (did you mean "minimum"?)' },
      ],
    });
    expect(commission("per-trade", { minimun: "1" })).toEqual({
      ok: false,
      problems: [{ path: "venue.commission.minimun", reason: "is not a known field (known: model, cost)" }],
    });
    expect(parseBacktestConfig(minimal({ breaker: { maxDrawdown: 10, Name: "b" } }), BASE)).toEqual({
      ok: false,
      problems: [
        { path: "breaker.maxDrawdown", reason: 'is not a known field (did you mean "maxDrawdownPct"?)' },
        { path: "breaker.Name", reason: 'is not a known field (did you mean "name"?)' },
      ],
    });
    // A word short of the field: three edits would not reach it.
    expect(parseBacktestConfig(minimal({ risk: { maxNotional: "5000" } }), BASE)).toEqual({
      ok: false,
      problems: [
        { path: "risk.maxNotional", reason: 'is not a known field (did you mean "maxOrderNotional"?)' },
      ],
    });
  });
});

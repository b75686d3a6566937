import { describe, expect, it } from "vitest";
import { loadBarsCsv, loadQuotesCsv, loadTradesCsv, resampleBars, XNYS } from "../src/index.js";
import { hasSharedData, iso, SKIP_REASON, shared } from "./shared-data.js";

describe.skipIf(!hasSharedData)(
  `the real files in ../shared/data (${hasSharedData ? "present" : SKIP_REASON})`,
  () => {
    it("loads backtrader's daily index bars with their zero volumes", async () => {
      const { series, report } = await loadBarsCsv(shared("2006-day-001.txt"));
      expect(series.kind).toBe("bar");
      expect(series.instrumentId).toBe("2006-day-001");
      expect(series.length).toBe(255);
      expect(iso(series.ts[0]!)).toBe("2006-01-02T00:00:00.000Z");
      expect([series.open[0], series.high[0], series.low[0], series.close[0], series.volume[0]]).toEqual([
        3578.73, 3605.95, 3578.73, 3604.33, 0,
      ]);
      expect(iso(series.ts[254]!)).toBe("2006-12-29T00:00:00.000Z");
      expect(report.format).toBe("backtrader");
      expect(series.volume.every((v) => v === 0)).toBe(true);
    });

    it("loads the futures-like daily bars with volume", async () => {
      const { series } = await loadBarsCsv(shared("2006-volume-day-001.txt"));
      expect(series.length).toBe(255);
      expect(series.volume[0]).toBe(164794);
      expect(series.close[254]).toBe(4157);
    });

    it("reads the unnamed Time column of backtrader's minute file (7 names, 8 fields, CRLF)", async () => {
      const { series, report } = await loadBarsCsv(shared("2006-01-02-volume-min-001.txt"));
      expect(series.length).toBe(30889);
      expect(iso(series.ts[0]!)).toBe("2006-01-02T09:01:00.000Z");
      expect([series.open[0], series.high[0], series.low[0], series.close[0], series.volume[0]]).toEqual([
        3602, 3603, 3597, 3599, 5699,
      ]);
      expect(iso(series.ts[series.length - 1]!)).toBe("2006-02-27T22:00:00.000Z");
      expect(report.columns.ts).toBe("Date+time (unnamed column)");
      expect(report.notes[0]).toContain("the header names 7 columns but rows have 8");
      expect(report.intervalMs).toBe(60_000);
      expect(report.gaps.count).toBeGreaterThan(0);
    });

    it("loads Yahoo exports raw, or adjusted by Adj Close / Close", async () => {
      const raw = await loadBarsCsv(shared("nvda-1999-2014.txt"));
      expect(raw.series.length).toBe(4012);
      expect(raw.report.format).toBe("yahoo");
      expect([raw.series.open[0], raw.series.close[0], raw.series.volume[0]]).toEqual([
        1.75, 1.640625, 67867200,
      ]);
      const adjusted = await loadBarsCsv(shared("nvda-1999-2014.txt"), { adjust: true });
      // 1999-01-22: Close 1.640625, Adj Close 1.518424 -> ratio 0.92551...; close becomes the Adj Close.
      expect(adjusted.series.close[0]).toBe(1.518424);
      expect(adjusted.series.open[0]).toBe(Math.round(1.75 * (1.518424 / 1.640625) * 1e6) / 1e6);
      expect(adjusted.series.volume[0]).toBe(Math.round(67867200 / (1.518424 / 1.640625)));
      expect(adjusted.report.notes).toContain(
        "prices scaled by Adj Close / Close, volume by its inverse (adjust: true)",
      );
    });

    it.each([
      ["orcl-1995-2014.txt", 2],
      ["orcl-1995-2014.txt", 4],
      ["nvda-1999-2014.txt", 2],
      ["nvda-1999-2014.txt", 4],
      ["yhoo-1996-2015.txt", 2],
      ["yhoo-1996-2015.txt", 4],
      ["daily-KO.csv", 2],
      ["daily-KO.csv", 4],
      ["daily-PEP.csv", 2],
      ["daily-PEP.csv", 4],
    ])(
      "adjusts %s at %i decimals with every bar's high and low still enclosing open and close",
      async (file, decimals) => {
        const { series } = await loadBarsCsv(shared(file), { adjust: true, adjustDecimals: decimals });
        const broken: string[] = [];
        const offGrid: string[] = [];
        const scale = 10 ** decimals;
        for (let i = 0; i < series.length; i++) {
          const [o, h, l, c] = [series.open[i]!, series.high[i]!, series.low[i]!, series.close[i]!];
          if (h < Math.max(o, c) || l > Math.min(o, c)) broken.push(JSON.stringify(series.bar(i)));
          if (Math.round(c * scale) / scale !== c) offGrid.push(`${iso(series.ts[i]!)} close ${c}`);
        }
        expect(broken).toEqual([]);
        expect(offGrid).toEqual([]);
      },
    );

    it.each([
      ["orcl-1995-2014.txt", 5036, "1995-01-03", "2014-12-31"],
      ["yhoo-1996-2015.txt", 4965, "1996-04-12", "2015-12-31"],
      ["daily-KO.csv", 356, "1997-01-02", "1998-06-01"],
      ["daily-PEP.csv", 356, "1997-01-02", "1998-06-01"],
    ])(
      "puts every bar of %s on an NYSE session close, with no session missing",
      async (file, rows, first, last) => {
        const { series, report } = await loadBarsCsv(shared(file), { calendar: XNYS });
        expect(series.length).toBe(rows);
        expect(XNYS.dateOf(series.ts[0]!)).toBe(first);
        expect(XNYS.dateOf(series.ts[rows - 1]!)).toBe(last);
        expect(series.ts[0]).toBe(XNYS.sessionOn(first)!.close);
        // Twenty years of real trading days agree with the computed holiday rules.
        expect(report.gaps.count).toBe(0);
      },
    );

    it("loads the BTC perpetual minute bars with microsecond, zone-less UTC times", async () => {
      const { series, report } = await loadBarsCsv(shared("btc-perp-20211231-20220201_1m.csv"));
      expect(series.length).toBe(45031);
      expect(iso(series.ts[0]!)).toBe("2021-12-31T23:01:00.000Z");
      expect(series.volume[0]).toBe(2300413.7295);
      expect(report.intervalMs).toBe(60_000);
      expect(report.gaps.count).toBe(0);
    });

    it("loads USD/JPY quotes with +00:00 times; repeated milliseconds are kept and reported", async () => {
      const { series, report } = await loadQuotesCsv(shared("usdjpy-ticks.csv"));
      expect(series.kind).toBe("quote");
      expect(series.length).toBe(1000);
      expect(iso(series.ts[0]!)).toBe("2013-01-01T22:00:00.295Z");
      expect([series.bid[0], series.ask[0]]).toEqual([86.655, 86.728]);
      expect(series.hasSizes).toBe(false);
      expect(Number.isNaN(series.bidSize[0])).toBe(true);
      expect(report.duplicates.count).toBe(7);
      expect(report.duplicates.items[0]).toEqual({
        ts: Date.parse("2013-01-01T22:19:37.406Z"),
        line: 443,
        firstLine: 442,
      });
    });

    it("loads header-less EUR/USD quotes with compact YYYYMMDD HHMMSSmmm times", async () => {
      const { series, report } = await loadQuotesCsv(shared("quote_tick_data.csv"));
      expect(series.length).toBe(9500);
      expect(report.format).toBe("headerless");
      expect(iso(series.ts[0]!)).toBe("2020-01-01T17:00:00.065Z");
      expect([series.bid[0], series.ask[0]]).toEqual([1.1212, 1.12172]);
      expect(report.notes).toContain("no header: column 4 ignored");
    });

    it("loads quotes with US MM/DD/YYYY times", async () => {
      const { series } = await loadQuotesCsv(shared("bidask.csv"));
      expect(series.length).toBe(10);
      expect(iso(series.ts[0]!)).toBe("2010-02-03T16:53:50.000Z");
      expect([series.bid[9], series.ask[9]]).toEqual([0.5684, 0.5688]);
    });

    it("loads trade ticks stored as O=H=L=C bars as trades (price from Close, size from Volume)", async () => {
      const { series, report } = await loadTradesCsv(shared("ticksample.csv"));
      expect(series.kind).toBe("trade");
      expect(series.length).toBe(135);
      expect(report.columns).toMatchObject({ price: "Close", size: "Volume", ts: "Datetime" });
      expect(series.trade(0)).toEqual({
        kind: "trade",
        instrumentId: "ticksample",
        ts: Date.parse("2015-09-23T20:57:42.146Z"),
        price: 3067,
        size: 180,
        aggressor: "NONE",
      });
      expect(report.duplicates.count).toBe(1);
    });

    it("resamples ticksample's trade ticks written as bars to seconds: ticks have no width to straddle with", async () => {
      const { series } = await loadBarsCsv(shared("ticksample.csv"), { repair: { dropDuplicates: "last" } });
      const seconds = resampleBars(series, { to: 1000 });
      expect(seconds.length).toBe(81);
      expect(seconds.volume.reduce((a, b) => a + b, 0)).toBe(series.volume.reduce((a, b) => a + b, 0));
    });

    it("refuses the BTC minute bars' hours regrouped into 90 minutes, and makes 2-hour bars of them", async () => {
      const { series } = await loadBarsCsv(shared("btc-perp-20211231-20220201_1m.csv"));
      const hourly = resampleBars(series, { to: "1h" });
      expect(() => resampleBars(hourly, { to: "90m" })).toThrow(
        'cannot resample 1-hour bars to "90m": 250 of 751 bars straddle a bucket boundary',
      );
      const twoHours = resampleBars(hourly, { to: "2h" });
      // The same as two hours straight from the minutes: each 2-hour bar is made of whole hours.
      expect(Array.from(twoHours.close)).toEqual(Array.from(resampleBars(series, { to: "2h" }).close));
      expect(Array.from(twoHours.high)).toEqual(Array.from(resampleBars(series, { to: "2h" }).high));
    });

    it("refuses a quote file read as bars with the missing column named, and says it holds quotes", async () => {
      await expect(loadBarsCsv(shared("usdjpy-ticks.csv"))).rejects.toThrow(
        /usdjpy-ticks\.csv:1: header: no column for "open" \(columns: timestamp, bid, ask\); .*\. These columns hold quotes \(bid, ask\), not bars: load the file as quotes \(in an ordo backtest config, "kind": "quotes"\)$/,
      );
    });
  },
);

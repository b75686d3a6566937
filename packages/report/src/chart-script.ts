/**
 * The page's own script, run in the browser after the inlined charting library: it reads the chart
 * specs (see chart-data.ts) from the JSON block `#ordo-report-data` and draws each chart into its
 * element. A chart that fails logs to the console and says so in its box; the others still draw.
 */
export const CHART_SCRIPT = `
(() => {
  "use strict";
  const LWC = window.LightweightCharts;
  const specs = JSON.parse(document.getElementById("ordo-report-data").textContent).charts;
  const UP = "#089981";
  const DOWN = "#f23645";
  const INK = "#1f2328";
  const RULE = "#e3e6ea";

  // The times a chart plots, to tell a chart of one point.
  const timesOf = (spec) => {
    if (spec.kind === "price") return spec.candles.t;
    if (spec.kind === "ticks") return spec.lines.reduce((a, l) => (l.line.t.length > a.length ? l.line.t : a), []);
    return spec.line.t;
  };
  const pad = (n) => String(n).padStart(2, "0");
  // A UTC time as the axis labels a lone point: the date, with hh:mm (and :ss) when the chart shows them.
  const fullTime = (spec, seconds) => {
    const d = new Date(seconds * 1000);
    const date = d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate());
    if (!spec.intraday) return date;
    return date + " " + pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes()) + (spec.seconds ? ":" + pad(d.getUTCSeconds()) : "");
  };
  // One point gets one tick mark, which the library labels by its coarsest change, the day of the month
  // alone ("2"); the whole time reads better.
  const timeScaleOptions = (spec) => {
    // The whole run must show: the library's least bar spacing (0.5 px) fits only about 2,400 points in a
    // 1,200 px chart, so fitContent would leave the start of a longer series (5,000 candles, a bid and an
    // ask line) off the screen; and when the price axis widens after the fit (or the window narrows), the
    // visible range is kept rather than the bar spacing, which would push the first points off the left.
    const options = {
      borderColor: RULE, timeVisible: spec.intraday, secondsVisible: spec.seconds, minBarSpacing: 0.01,
      lockVisibleTimeRangeOnResize: true,
    };
    if (timesOf(spec).length === 1) options.tickMarkFormatter = (time) => fullTime(spec, time);
    return options;
  };
  const single = (spec) => timesOf(spec).length === 1;

  const baseOptions = (spec) => ({
    autoSize: true,
    layout: {
      background: { type: "solid", color: "#ffffff" },
      textColor: INK,
      fontSize: 12,
      fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
      attributionLogo: true,
    },
    grid: { vertLines: { color: "#f1f3f5" }, horzLines: { color: "#f1f3f5" } },
    rightPriceScale: { borderColor: RULE },
    timeScale: timeScaleOptions(spec),
    crosshair: { mode: LWC.CrosshairMode.Normal },
  });
  const priceFormat = (precision) => ({ type: "price", precision, minMove: Math.pow(10, -precision) });
  const linePoints = (line) => line.t.map((time, i) => ({ time, value: line.y[i] }));

  const drawPrice = (chart, spec) => {
    const c = spec.candles;
    const candles = chart.addSeries(LWC.CandlestickSeries, {
      upColor: UP, downColor: DOWN, wickUpColor: UP, wickDownColor: DOWN, borderVisible: false,
      priceFormat: priceFormat(spec.precision),
    });
    candles.setData(c.t.map((time, i) => ({ time, open: c.o[i], high: c.h[i], low: c.l[i], close: c.c[i] })));
    candles.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: c.v ? 0.24 : 0.08 } });
    if (c.v) {
      const volume = chart.addSeries(LWC.HistogramSeries, {
        priceFormat: { type: "volume" }, priceScaleId: "volume", lastValueVisible: false, priceLineVisible: false,
      });
      volume.priceScale().applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
      volume.setData(c.t.map((time, i) => ({
        time, value: c.v[i], color: c.c[i] >= c.o[i] ? "rgba(8,153,129,0.35)" : "rgba(242,54,69,0.35)",
      })));
    }
    LWC.createSeriesMarkers(candles, spec.markers.map(tradeMarker));
  };

  const tradeMarker = (m) => m.side === "BUY"
    ? { time: m.t, position: "atPriceBottom", price: m.price, shape: "arrowUp", color: "#1565c0", text: m.label }
    : { time: m.t, position: "atPriceTop", price: m.price, shape: "arrowDown", color: "#ef6c00", text: m.label };

  // Quotes and trades as step lines: a price holds until the next tick changes it.
  const TICK_COLOURS = { bid: UP, ask: DOWN, trade: "#455a64" };
  const drawTicks = (chart, spec) => {
    spec.lines.forEach((tick, index) => {
      const series = chart.addSeries(LWC.LineSeries, {
        color: TICK_COLOURS[tick.name], lineWidth: 1, lineType: LWC.LineType.WithSteps, title: tick.name,
        priceFormat: priceFormat(spec.precision), pointMarkersVisible: tick.line.t.length === 1,
      });
      series.setData(linePoints(tick.line));
      const markers = spec.markers.filter((m) => m.line === index);
      if (markers.length > 0) LWC.createSeriesMarkers(series, markers.map(tradeMarker));
    });
  };

  const drawLine = (chart, spec) => {
    const format = priceFormat(spec.precision);
    // A line of one point has no segment to draw: its point is shown as a dot.
    const dot = single(spec);
    if (spec.kind === "drawdown") {
      const series = chart.addSeries(LWC.BaselineSeries, {
        baseValue: { type: "price", price: 0 }, priceFormat: format,
        topLineColor: DOWN, topFillColor1: "rgba(0,0,0,0)", topFillColor2: "rgba(0,0,0,0)",
        bottomLineColor: DOWN, bottomFillColor1: "rgba(242,54,69,0.05)", bottomFillColor2: "rgba(242,54,69,0.35)",
        pointMarkersVisible: dot,
      });
      series.setData(linePoints(spec.line));
    } else if (spec.kind === "equity") {
      const series = chart.addSeries(LWC.AreaSeries, {
        lineColor: "#2962ff", topColor: "rgba(41,98,255,0.28)", bottomColor: "rgba(41,98,255,0.02)",
        lineWidth: 2, priceFormat: format, pointMarkersVisible: dot,
      });
      series.setData(linePoints(spec.line));
    } else {
      const series = chart.addSeries(LWC.LineSeries, {
        color: "#7b1fa2", lineWidth: 2, priceFormat: format, pointMarkersVisible: dot,
      });
      series.setData(linePoints(spec.line));
    }
  };

  let drawn = 0;
  for (const spec of specs) {
    const element = document.getElementById(spec.element);
    try {
      const chart = LWC.createChart(element, baseOptions(spec));
      if (spec.kind === "price") drawPrice(chart, spec);
      else if (spec.kind === "ticks") drawTicks(chart, spec);
      else drawLine(chart, spec);
      // Fitting one point stretches it across half the chart; centre it at a normal width instead.
      if (single(spec)) chart.timeScale().setVisibleLogicalRange({ from: -30, to: 30 });
      else chart.timeScale().fitContent();
      drawn++;
    } catch (error) {
      console.error("ordo report: the chart " + spec.element + " could not be drawn: " + error);
      element.textContent = "This chart could not be drawn: " + error;
    }
  }
  document.body.setAttribute("data-charts-drawn", String(drawn));
})();
`;

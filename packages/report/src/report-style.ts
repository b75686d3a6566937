/** The page's stylesheet, inlined; system fonts only, so nothing is fetched. */
export const REPORT_STYLE = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --rule: #e3e6ea; --buy: #1565c0; --sell: #ef6c00;
  --bid: #089981; --ask: #f23645; --trade: #455a64; }
* { box-sizing: border-box; }
body { margin: 0; background: #f6f8fa; color: var(--ink);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header.run { background: #ffffff; border-bottom: 1px solid var(--rule); padding: 20px 32px 16px; }
h1 { margin: 0 0 12px; font-size: 22px; }
h2 { margin: 28px 0 8px; font-size: 17px; }
h3 { margin: 12px 0 4px; font-size: 15px; }
main { padding: 0 32px 32px; max-width: 1400px; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 10px 24px; margin: 0; }
.figures div { min-width: 0; }
.figures [data-figure="period"] { grid-column: span 2; }
.figures [data-figure="event-log-hash"] { grid-column: 1 / -1; }
.figures dt { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; }
.figures dd { margin: 2px 0 0; font-size: 16px; font-weight: 600; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.figures code { font-size: 12px; font-weight: 500; }
.note { color: var(--muted); margin: 2px 0 8px; font-size: 13px; }
.chart { position: relative; background: #ffffff; border: 1px solid var(--rule); border-radius: 6px; overflow: hidden; }
.chart.price { height: 380px; }
.chart.equity { height: 280px; }
.chart.drawdown { height: 200px; }
.chart.recorded { height: 180px; }
.buy { color: var(--buy); font-weight: 600; }
.sell { color: var(--sell); font-weight: 600; }
.bid { color: var(--bid); font-weight: 600; }
.ask { color: var(--ask); font-weight: 600; }
.trade { color: var(--trade); font-weight: 600; }
.statistics { display: flex; flex-wrap: wrap; gap: 24px; margin-top: 28px; align-items: flex-start; }
table { border-collapse: collapse; background: #ffffff; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; font-size: 17px; padding: 0 0 8px; }
th, td { border-bottom: 1px solid var(--rule); padding: 5px 12px; text-align: left; white-space: nowrap; }
thead th { position: sticky; top: 0; background: #eef1f4; font-size: 12px; color: var(--muted); }
.statistics-table { min-width: 320px; border: 1px solid var(--rule); }
.statistics-table td { text-align: right; }
.scroll { max-height: 520px; overflow: auto; border: 1px solid var(--rule); border-radius: 6px; }
.scroll table { width: 100%; }
.count { color: var(--muted); font-weight: 400; }
.alert { margin: 16px 0 0; padding: 10px 14px; background: #fff4e5; border: 1px solid #f3c58f; border-left: 4px solid var(--sell); border-radius: 6px; overflow-wrap: anywhere; }
.alert a { color: inherit; }
#strategy-error-groups td:last-child { white-space: pre-wrap; overflow-wrap: anywhere; min-width: 24em; }
footer { padding: 16px 32px 32px; color: var(--muted); font-size: 12px; }
footer a { color: inherit; }
`;

/**
 * @ordo/report: a backtest's results as one self-contained HTML page (price charts of bars, quotes or
 * trades with trade markers, equity, drawdown, metrics, trade statistics, open positions, the account's
 * margin and buying power, orders, fills and strategy errors) and as canonical JSON. This file is the
 * whole public surface.
 */
export { MARKER_LABEL_LIMIT } from "./chart-data.js";
export {
  type CandleColumns,
  DEFAULT_MAX_POINTS_PER_CHART,
  downsampleBars,
  downsampleLine,
  downsampleTickLine,
  type LineColumns,
} from "./downsample.js";
export { type RenderReportOptions, renderReport } from "./render-report.js";
export {
  parseReportInput,
  type ReportAccount,
  type ReportBar,
  type ReportData,
  type ReportFill,
  type ReportInput,
  ReportInputSchema,
  type ReportOrder,
  type ReportPosition,
  type ReportQuotes,
  type ReportStatistics,
  type ReportStrategyError,
  type ReportTrades,
  type TickColumns,
} from "./report-input.js";
export { type ReportJson, reportToJSON } from "./report-json.js";
export { STRATEGY_ERROR_ROW_LIMIT } from "./strategy-errors.js";
export { writeReport } from "./write-report.js";

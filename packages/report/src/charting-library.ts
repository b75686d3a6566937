import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** The charting library the report inlines: TradingView Lightweight Charts (Apache-2.0). */
export interface ChartingLibrary {
  /** The standalone production build; defines `window.LightweightCharts`. Starts with its license header. */
  readonly script: string;
  readonly version: string;
  /** The license notice the page must carry (Apache-2.0 attribution to TradingView). */
  readonly notice: string;
}

let cached: ChartingLibrary | undefined;

/**
 * Reads the installed lightweight-charts' standalone build from node_modules (once per process). Its
 * exports map does not expose the standalone file, so it is found beside the package.json.
 */
export function chartingLibrary(): ChartingLibrary {
  if (cached !== undefined) return cached;
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve("lightweight-charts/package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { version: string };
  const scriptPath = join(dirname(manifestPath), "dist", "lightweight-charts.standalone.production.js");
  const script = readFileSync(scriptPath, "utf8");
  if (/<\/script|<!--/i.test(script)) {
    // The script is inlined verbatim; either sequence would end or corrupt its <script> element.
    throw new Error(`${scriptPath} contains "</script" or "<!--" and cannot be inlined into the report`);
  }
  const header = /^\/\*![\s\S]*?\*\//.exec(script)?.[0];
  const notice =
    header === undefined
      ? `TradingView Lightweight Charts™ v${manifest.version}, Copyright (c) TradingView, Inc. Licensed under Apache License 2.0`
      : header
          .replace(/^\/\*!|\*\/$/g, "")
          .split("\n")
          .map((line) => line.replace(/^\s*\*\s?/, "").trim())
          .filter((line) => line !== "" && line !== "@license")
          .join(" ");
  cached = { script, version: manifest.version, notice };
  return cached;
}

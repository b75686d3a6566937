import { open } from "node:fs/promises";
import { formatTimestamp } from "@ordo/core";
import type { BarSeries } from "./bar-series.js";

const HEADER = "datetime,open,high,low,close,volume\n";

/** One CSV line per bar; numbers in their shortest text (the decimal they were parsed from). */
function barLine(series: BarSeries, i: number): string {
  return `${formatTimestamp(series.ts[i]!)},${series.open[i]},${series.high[i]},${series.low[i]},${series.close[i]},${series.volume[i]}\n`;
}

/** Bars as CSV text with header `datetime,open,high,low,close,volume` and UTC ISO times. */
export function formatBarsCsv(series: BarSeries): string {
  let out = HEADER;
  for (let i = 0; i < series.length; i++) out += barLine(series, i);
  return out;
}

/** Writes bars as CSV (the format `loadBarsCsv` reads back exactly), in 1 MiB pieces. */
export async function writeBarsCsv(file: string, series: BarSeries): Promise<void> {
  const handle = await open(file, "w");
  try {
    let chunk = HEADER;
    for (let i = 0; i < series.length; i++) {
      chunk += barLine(series, i);
      if (chunk.length >= 1 << 20) {
        await handle.write(chunk);
        chunk = "";
      }
    }
    await handle.write(chunk);
  } finally {
    await handle.close();
  }
}

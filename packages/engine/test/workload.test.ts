import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadBarsCsv } from "@ordo/data";
import { afterAll, describe, expect, it } from "vitest";
import { smaCross, workloadInstrument } from "../bench/workload-strategy.mjs";
import { runBacktest } from "../src/index.js";

const sharedBench = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../shared/bench");
const generator = join(sharedBench, "gen_bars.mjs");
const hasShared = existsSync(generator);

/**
 * ../shared/bench/WORKLOAD.md's reference results (exact, from its plain decimal.js loop): the full
 * engine must agree to the cent. The daily dataset is generated here (56 ms); the bench checks the rest.
 */
describe.skipIf(!hasShared)(
  "the fixed benchmark workload through the full engine (skipped: ../shared/bench absent)",
  () => {
    const dir = mkdtempSync(join(tmpdir(), "ordo-workload-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    async function run(variant: "base" | "stops") {
      const gen = spawnSync(process.execPath, [generator, "--only", "daily", dir], { encoding: "utf8" });
      expect(gen.status, gen.stderr).toBe(0);
      const { series } = await loadBarsCsv(join(dir, "daily_1x5000.csv"), { instrumentId: "DAILY.BENCH" });
      let strategy: { trades: number; stopExits: number } | undefined;
      const Base = smaCross(variant === "stops");
      const result = runBacktest({
        strategy: class extends Base {
          constructor() {
            super();
            strategy = this;
          }
        },
        feeds: [{ instrument: workloadInstrument("DAILY.BENCH"), series }],
        account: { type: "cash", currency: "USD", balance: "1000000" },
        venue: { fillTiming: "next-open", commission: { model: "per-share", cost: "0.001" } },
      });
      return { result, trades: strategy!.trades, stopExits: strategy!.stopExits };
    }

    it("daily/base: final value 996,677.30 with 94 trades and 187 fills", async () => {
      const { result, trades, stopExits } = await run("base");
      expect(result.finalValue.toFixed(2)).toBe("996677.30");
      expect([trades, result.fills.length, stopExits]).toEqual([94, 187, 0]);
    });

    it("daily/stops: final value 999,140.35 with 94 trades, 187 fills and 43 stop exits", async () => {
      const { result, trades, stopExits } = await run("stops");
      expect(result.finalValue.toFixed(2)).toBe("999140.35");
      expect([trades, result.fills.length, stopExits]).toEqual([94, 187, 43]);
    });
  },
);

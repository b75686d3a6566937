// Where the shared real-data test bed lives (../shared/data beside the repository), and whether it is there.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const SHARED_DATA = join(repoRoot, "..", "shared", "data");
export const hasSharedData = existsSync(join(SHARED_DATA, "README.md"));
export const SKIP_REASON = `shared test data not found at ${SHARED_DATA}; these tests read the real files there`;
if (!hasSharedData) console.warn(`@ordo/data: ${SKIP_REASON}`);

export const shared = (name: string) => join(SHARED_DATA, name);
export const iso = (ts: number) => new Date(ts).toISOString();

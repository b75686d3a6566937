/**
 * mulberry32: a tiny seeded PRNG, so a generated benchmark workload or test fixture is the same on every
 * run. Package benchmarks and tests share it (`import { mulberry32 } from "../../../tooling/scripts/mulberry32.mjs"`).
 * @param {number} seed
 * @returns {() => number} uniform numbers in [0, 1)
 */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

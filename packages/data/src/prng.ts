/**
 * xoshiro128** (Blackman and Vigna) seeded through splitmix32: a small, fast 32-bit generator with a
 * 128-bit state, the same construction the benchmark workload's generator uses. Same seed, same stream,
 * on every platform (integer arithmetic via Math.imul).
 */
export class Xoshiro128 {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare = Number.NaN;

  constructor(seed: number) {
    let a = seed | 0;
    const splitmix = () => {
      a = (a + 0x9e3779b9) | 0;
      let z = a;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = splitmix();
    this.s1 = splitmix();
    this.s2 = splitmix();
    this.s3 = splitmix();
  }

  /** The next 32-bit unsigned integer. */
  nextU32(): number {
    const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));
    const r = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return r;
  }

  /** Uniform in (0, 1), never 0 or 1 (safe for log). */
  nextUniform(): number {
    return (this.nextU32() + 0.5) / 4294967296;
  }

  /** Standard normal by Box-Muller, using both values of each pair. */
  nextNormal(): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = Number.NaN;
      return z;
    }
    const r = Math.sqrt(-2 * Math.log(this.nextUniform()));
    const theta = 2 * Math.PI * this.nextUniform();
    this.spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  }
}

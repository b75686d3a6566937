/** A Float64Array that grows by doubling while rows stream in, then trims to its length. */
export class GrowableColumn {
  data: Float64Array;
  length = 0;

  constructor(capacity: number) {
    this.data = new Float64Array(Math.max(16, capacity));
  }

  push(v: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = v;
  }

  private grow(): void {
    const next = new Float64Array(this.data.length * 2);
    next.set(this.data);
    this.data = next;
  }

  /** The values as an exact-length array: a view when little capacity is wasted, else a copy. */
  finish(): Float64Array {
    if (this.data.length - this.length <= this.length >> 3) return this.data.subarray(0, this.length);
    return this.data.slice(0, this.length);
  }
}

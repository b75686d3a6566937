/** Index of the last element <= `t` in an ascending column, or -1 when every element is later. */
export function lastIndexAtOrBefore(ts: Float64Array, length: number, t: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Index of the first element >= `t` in an ascending column (== length when every element is earlier). */
export function firstIndexAtOrAfter(ts: Float64Array, length: number, t: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// V8's garbage-collection pauses during a benchmark's loop, read from Node's perf_hooks "gc" entries (no V8
// flag needed). A mark-compact inside the multi base loop costs ~5% of it, and whether one comes depends on
// when V8 last collected, not on the code (docs/performance.md, sixteenth look): printed with each run, it
// tells such a run from a slower engine.
import { constants, PerformanceObserver } from "node:perf_hooks";

/**
 * Starts recording garbage-collection pauses. Node delivers the entries asynchronously: let the event loop
 * turn (e.g. `await new Promise((r) => setTimeout(r, 0))`) after the measured code before reading `pauses`.
 */
export function recordGcPauses() {
  const pauses = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      pauses.push({
        start: entry.startTime,
        ms: entry.duration,
        major: entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR,
      });
    }
  });
  observer.observe({ entryTypes: ["gc"] });
  return { pauses, stop: () => observer.disconnect() };
}

/**
 * The pauses that started within [from, to] (performance.now() milliseconds): their total, rounded to 0.1
 * ms, and how many were major (mark-compact) collections.
 */
export function gcInWindow(pauses, from, to) {
  let ms = 0;
  let major = 0;
  for (const p of pauses) {
    if (p.start < from || p.start > to) continue;
    ms += p.ms;
    if (p.major) major += 1;
  }
  return { ms: Math.round(ms * 10) / 10, major };
}

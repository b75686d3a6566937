// How much of the machine other processes used while a benchmark ran: on a shared machine this is what
// separates a slow run from a slower engine. Linux only (/proc); elsewhere the figures are null.
import { readFileSync } from "node:fs";

/** Clock ticks of the whole machine's busy CPU time and of this process's waited-for children, now. */
export function cpuTicks() {
  try {
    // cpu  user nice system idle iowait irq softirq steal ...: busy is all but idle and iowait.
    const [user, nice, system, , , irq, softirq, steal] = readFileSync("/proc/stat", "utf8")
      .split("\n", 1)[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const busy = user + nice + system + irq + softirq + steal;
    // /proc/self/stat after the command name: field 3 (state) onwards; cutime and cstime are fields 16-17.
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const children = Number(fields[13]) + Number(fields[14]);
    return { busy, children, at: performance.now() };
  } catch {
    return null;
  }
}

/**
 * Cores other processes kept busy on average between two `cpuTicks()` taken around a child process run
 * with spawnSync (its CPU time, all threads, counts as this process's children): e.g. 0.9 on a two-core
 * machine means the benchmark had about one core to itself. Null off Linux. /proc counts in USER_HZ
 * ticks, 100 a second on Linux.
 */
export function otherCores(before, after) {
  if (before === null || after === null) return null;
  const seconds = (after.at - before.at) / 1000;
  if (seconds <= 0) return null;
  const others = after.busy - before.busy - (after.children - before.children);
  return Math.max(0, Math.round((others / 100 / seconds) * 100) / 100);
}

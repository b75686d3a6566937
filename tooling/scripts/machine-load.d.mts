export interface CpuTicks {
  /** The machine's busy CPU time, in clock ticks (all CPUs). */
  readonly busy: number;
  /** This process's waited-for children's CPU time, in clock ticks. */
  readonly children: number;
  /** When it was read (performance.now()). */
  readonly at: number;
}
export function cpuTicks(): CpuTicks | null;
export function otherCores(before: CpuTicks | null, after: CpuTicks | null): number | null;

export interface GcPause {
  /** When the pause began (performance.now() milliseconds). */
  readonly start: number;
  /** How long the main thread was paused, in milliseconds. */
  readonly ms: number;
  /** A major (mark-compact) collection, as opposed to a scavenge, incremental step or weak callbacks. */
  readonly major: boolean;
}
export function recordGcPauses(): { readonly pauses: GcPause[]; stop(): void };
export function gcInWindow(
  pauses: readonly GcPause[],
  from: number,
  to: number,
): { readonly ms: number; readonly major: number };

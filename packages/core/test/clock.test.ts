import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type Clock, LiveClock, type TimeEvent, VirtualClock } from "../src/index.js";

const T0 = Date.parse("2024-01-02T14:30:00Z");

/** Records each firing as `name@ts (now)`. */
function recorder(clock: Clock) {
  const fired: string[] = [];
  const cb = (e: TimeEvent) => fired.push(`${e.name}@${e.ts - T0} (now ${clock.now() - T0})`);
  return { fired, cb };
}

describe("VirtualClock", () => {
  it("stands still until advanced", () => {
    const clock = new VirtualClock(T0);
    expect(clock.now()).toBe(T0);
    clock.advanceTo(T0 + 500);
    expect(clock.now()).toBe(T0 + 500);
    expect(new VirtualClock().now()).toBe(0);
  });

  it("fires timers in time order, whatever order they were set in, with now() at the timer's time", () => {
    const clock = new VirtualClock(T0);
    const { fired, cb } = recorder(clock);
    clock.setTimer("c", T0 + 300, cb);
    clock.setTimer("a", T0 + 100, cb);
    clock.setTimer("b", T0 + 200, cb);
    expect(clock.timerNames()).toEqual(["a", "b", "c"]);
    expect(clock.nextTimerAt()).toBe(T0 + 100);
    clock.advanceTo(T0 + 250);
    expect(fired).toEqual(["a@100 (now 100)", "b@200 (now 200)"]);
    expect(clock.now()).toBe(T0 + 250);
    expect(clock.timerNames()).toEqual(["c"]);
    clock.advanceTo(T0 + 300);
    expect(fired).toEqual(["a@100 (now 100)", "b@200 (now 200)", "c@300 (now 300)"]);
    expect(clock.nextTimerAt()).toBeNull();
  });

  it("breaks ties in creation order", () => {
    const clock = new VirtualClock(T0);
    const { fired, cb } = recorder(clock);
    for (const name of ["first", "second", "third"]) clock.setTimer(name, T0 + 10, cb);
    clock.advanceTo(T0 + 10);
    expect(fired).toEqual(["first@10 (now 10)", "second@10 (now 10)", "third@10 (now 10)"]);
  });

  it("fires timers set inside callbacks in the same advance, in time order with the rest", () => {
    const clock = new VirtualClock(T0);
    const { fired, cb } = recorder(clock);
    clock.setTimer("outer", T0 + 10, (e) => {
      cb(e);
      clock.setTimer("inner", T0 + 15, cb);
      clock.setTimer("now", clock.now(), cb); // due at once: fires before "later"
      clock.setTimer("beyond", T0 + 1000, cb);
    });
    clock.setTimer("later", T0 + 20, cb);
    clock.advanceTo(T0 + 100);
    expect(fired).toEqual(["outer@10 (now 10)", "now@10 (now 10)", "inner@15 (now 15)", "later@20 (now 20)"]);
    expect(clock.timerNames()).toEqual(["beyond"]);
  });

  it("runs intervals from their start, every interval, until the stop time inclusive", () => {
    const clock = new VirtualClock(T0);
    const { fired, cb } = recorder(clock);
    clock.setInterval("tick", T0 + 100, 100, cb, T0 + 300);
    clock.advanceTo(T0 + 1000);
    expect(fired).toEqual(["tick@100 (now 100)", "tick@200 (now 200)", "tick@300 (now 300)"]);
    expect(clock.timerNames()).toEqual([]);
  });

  it("runs an interval without a stop until it is canceled, even from its own callback", () => {
    const clock = new VirtualClock(T0);
    let count = 0;
    clock.setInterval("heartbeat", T0, 1000, () => {
      count += 1;
      if (count === 5) clock.cancelTimer("heartbeat");
    });
    clock.advanceTo(T0 + 2500);
    expect(count).toBe(3); // at 0, 1000, 2000
    clock.advanceTo(T0 + 60_000);
    expect(count).toBe(5);
    expect(clock.cancelTimer("heartbeat")).toBe(false);
  });

  it("interleaves an interval with one-off timers at the same times in creation order", () => {
    const clock = new VirtualClock(T0);
    const { fired, cb } = recorder(clock);
    clock.setInterval("bar", T0 + 60, 60, cb);
    clock.setTimer("expiry", T0 + 120, cb);
    clock.advanceTo(T0 + 120);
    // The interval's second firing was scheduled after "expiry" was set, so it comes second.
    expect(fired).toEqual(["bar@60 (now 60)", "expiry@120 (now 120)", "bar@120 (now 120)"]);
  });

  it("replaces a timer set again under the same name, and cancels by name", () => {
    const clock = new VirtualClock(T0);
    const { fired, cb } = recorder(clock);
    clock.setTimer("gtd", T0 + 100, cb);
    clock.setTimer("gtd", T0 + 200, cb);
    clock.setTimer("day", T0 + 150, cb);
    expect(clock.cancelTimer("day")).toBe(true);
    clock.advanceTo(T0 + 500);
    expect(fired).toEqual(["gtd@200 (now 200)"]);
  });

  it("fires a timer set in the past on the next advance, without moving time back", () => {
    const clock = new VirtualClock(T0 + 1000);
    const { fired, cb } = recorder(clock);
    clock.setTimer("late", T0 + 500, cb);
    clock.advanceTo(T0 + 1000);
    expect(fired).toEqual(["late@500 (now 1000)"]);
  });

  it("fires a timer set earlier than every timer it already skipped past, and one that replaced a later one", () => {
    const clock = new VirtualClock(T0);
    const { fired, cb } = recorder(clock);
    clock.setTimer("far", T0 + 1000, cb);
    clock.advanceTo(T0 + 10); // nothing due: the clock learns its earliest timer is at +1000
    clock.setTimer("near", T0 + 20, cb);
    clock.advanceTo(T0 + 30);
    clock.setTimer("far", T0 + 40, cb); // the same name, moved earlier
    clock.advanceTo(T0 + 50);
    clock.advanceTo(T0 + 2000);
    expect(fired).toEqual(["near@20 (now 20)", "far@40 (now 40)"]);
  });

  it("cannot go back", () => {
    const clock = new VirtualClock(T0);
    expect(() => clock.advanceTo(T0 - 1)).toThrowError(`the clock cannot go back from ${T0} to ${T0 - 1}`);
    expect(clock.now()).toBe(T0);
  });

  it("refuses timers without a name, at a time that is not finite, or with a non-positive interval", () => {
    const clock = new VirtualClock(T0);
    expect(() => clock.setTimer("", T0, () => {})).toThrowError("a timer needs a name");
    expect(() => clock.setTimer("x", Number.NaN, () => {})).toThrowError(
      'timer "x": time must be finite, got NaN',
    );
    expect(() => clock.setInterval("x", T0, 0, () => {})).toThrowError(
      'timer "x": interval must be > 0 ms, got 0',
    );
  });
});

describe("LiveClock", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("reads the wall clock, or the source it is given", () => {
    expect(new LiveClock().now()).toBe(T0);
    vi.advanceTimersByTime(250);
    expect(new LiveClock().now()).toBe(T0 + 250);
    expect(new LiveClock(() => 42).now()).toBe(42);
  });

  it("fires a timer when its time comes, with the time it was due", () => {
    const clock = new LiveClock();
    const { fired, cb } = recorder(clock);
    clock.setTimer("t", T0 + 1000, cb);
    vi.advanceTimersByTime(999);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(["t@1000 (now 1000)"]);
    expect(clock.timerNames()).toEqual([]);
  });

  it("fires a timer in the past at once", () => {
    const clock = new LiveClock();
    const { fired, cb } = recorder(clock);
    clock.setTimer("late", T0 - 5000, cb);
    vi.advanceTimersByTime(0);
    expect(fired).toEqual(["late@-5000 (now 0)"]);
  });

  it("runs intervals until the stop time, without drift", () => {
    const clock = new LiveClock();
    const { fired, cb } = recorder(clock);
    clock.setInterval("i", T0 + 100, 100, cb, T0 + 300);
    vi.advanceTimersByTime(1000);
    expect(fired).toEqual(["i@100 (now 100)", "i@200 (now 200)", "i@300 (now 300)"]);
    expect(clock.timerNames()).toEqual([]);
  });

  it("lists timers in firing order and cancels them", () => {
    const clock = new LiveClock();
    const { fired, cb } = recorder(clock);
    clock.setTimer("late", T0 + 300, cb);
    clock.setTimer("early", T0 + 100, cb);
    clock.setInterval("every", T0 + 200, 1000, cb);
    expect(clock.timerNames()).toEqual(["early", "every", "late"]);
    expect(clock.cancelTimer("late")).toBe(true);
    expect(clock.cancelTimer("late")).toBe(false);
    vi.advanceTimersByTime(1500);
    expect(clock.cancelTimer("every")).toBe(true);
    vi.advanceTimersByTime(5000);
    expect(fired).toEqual(["early@100 (now 100)", "every@200 (now 200)", "every@1200 (now 1200)"]);
    expect(clock.timerNames()).toEqual([]);
  });

  it("replaces a timer set again under the same name", () => {
    const clock = new LiveClock();
    const { fired, cb } = recorder(clock);
    clock.setTimer("t", T0 + 100, cb);
    clock.setTimer("t", T0 + 200, cb);
    vi.advanceTimersByTime(1000);
    expect(fired).toEqual(["t@200 (now 200)"]);
  });
});

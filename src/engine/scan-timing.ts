/**
 * The scan as a sequence of small steps (a generator that yields between pieces of work), run
 * either at once (tests, scripts) or in slices that give the page its main thread back between them
 * (the content script), with the same result. Also keeps the scan's own time: the busy time of its
 * slices, not the time it spent waiting for the page.
 */

/** Name of the performance measure that each sliced scan leaves in the page (read by `npm run bench`). */
export const SCAN_MEASURE = 'fair-exit:scan';
/** A slice this long stays well clear of the 50 ms long-task threshold, even with one slow step in it. */
export const SLICE_MS = 8;

/**
 * Work done step by step: each `yield` is a point where the page may run before the next step. A step
 * may yield an answer it waits for from elsewhere (`awaited`): run in slices, the scan leaves the thread
 * to the page until it comes; run at once, it goes on without it.
 */
export type Steps<T> = Generator<void | Promise<unknown>, T, void>;

export type ScanStats = { busyMs: number; wallMs: number; slices: number; longestSliceMs: number; skipped: boolean };

/** Busy time so far, read by the scan itself to fill PageReport.scanMs. */
export class ScanClock {
  private readonly start = performance.now();
  private sliceStart = this.start;
  private closed = 0;
  slices = 1;
  longestSliceMs = 0;

  busyMs(): number {
    return this.closed + (performance.now() - this.sliceStart);
  }
  sliceMs(): number {
    return performance.now() - this.sliceStart;
  }
  endSlice(): void {
    const ms = this.sliceMs();
    this.closed += ms;
    this.longestSliceMs = Math.max(this.longestSliceMs, ms);
  }
  startSlice(): void {
    this.sliceStart = performance.now();
    this.slices++;
  }
  stats(skipped: boolean): ScanStats {
    return { busyMs: this.closed, wallMs: performance.now() - this.start, slices: this.slices, longestSliceMs: this.longestSliceMs, skipped };
  }
  get startedAt(): number {
    return this.start;
  }
}

/** Runs all steps at once: an answer a step waits for is not waited for (`awaited` gives undefined). */
export function runAtOnce<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * The answer of `asked` as a step: undefined when it failed, or when the steps run at once. Run in
 * slices, the wait is no slice's: it is not the scan's busy time (PageReport.scanMs).
 */
export function* awaited<T>(asked: Promise<T>): Steps<T | undefined> {
  let answer: T | undefined;
  yield asked.then(
    (a) => {
      answer = a;
    },
    () => {},
  );
  return answer;
}

type SchedulerLike = { yield?: () => Promise<void> };

/** Gives the main thread back to the page: scheduler.yield keeps the scan's place in line where it exists. */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: SchedulerLike }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((ok) => setTimeout(ok, 0));
}

/** Runs the steps in slices of about `sliceMs`, yielding to the page between slices. */
export async function runInSlices<T>(steps: Steps<T>, clock: ScanClock, sliceMs = SLICE_MS, pause: () => Promise<void> = yieldToPage): Promise<T> {
  for (;;) {
    const r = steps.next();
    if (r.done) {
      clock.endSlice();
      return r.value;
    }
    if (r.value) {
      clock.endSlice();
      await r.value;
      clock.startSlice();
    } else if (clock.sliceMs() >= sliceMs) {
      clock.endSlice();
      await pause();
      clock.startSlice();
    }
  }
}

/** Leaves the scan's span and figures on the page's performance timeline, replacing the previous scan's. */
export function recordScan(clock: ScanClock, stats: ScanStats): void {
  try {
    performance.clearMeasures(SCAN_MEASURE);
    performance.measure(SCAN_MEASURE, { start: clock.startedAt, duration: stats.wallMs, detail: { ...stats } });
  } catch {
    // An old browser without measure options: the report's scanMs still has the cost.
  }
}

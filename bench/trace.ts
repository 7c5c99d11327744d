/**
 * The main thread's tasks during a scan, from Chromium's own trace: each task's wall time and the
 * CPU time its thread really ran. On a busy machine other processes stretch wall times; the CPU
 * time is the scan's own cost.
 */
import type { CDPSession } from 'playwright-core';
import { SCAN_MEASURE } from '../src/engine/scan-timing';

type TraceEvent = { name: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number };

export type ScanTasks = {
  /** Tasks of the renderer's main thread that overlapped the scan. */
  tasks: number;
  /** Longest of them: wall time and thread CPU time, in ms. */
  longestTaskMs: number;
  longestTaskCpuMs: number;
  /** CPU time of all of them: what the scan cost the page's thread. */
  cpuMs: number;
};

export class TaskTrace {
  private events: TraceEvent[] = [];
  private done: Promise<unknown> | null = null;

  constructor(private readonly cdp: CDPSession) {
    cdp.on('Tracing.dataCollected', (e) => {
      this.events.push(...(e.value as unknown as TraceEvent[]));
    });
  }

  async start(): Promise<void> {
    this.events = [];
    this.done = new Promise((ok) => this.cdp.once('Tracing.tracingComplete', ok));
    await this.cdp.send('Tracing.start', {
      traceConfig: { includedCategories: ['toplevel', 'blink.user_timing'], excludedCategories: ['*'] },
      transferMode: 'ReportEvents',
    } as never);
  }

  /** Stops tracing and sums up the tasks that overlapped the last scan's measure; null without one. */
  async stop(): Promise<ScanTasks | null> {
    await this.cdp.send('Tracing.end');
    await this.done;
    const begins = this.events.filter((e) => e.name === SCAN_MEASURE && e.ph === 'b');
    const ends = this.events.filter((e) => e.name === SCAN_MEASURE && e.ph === 'e');
    const begin = begins[begins.length - 1];
    const end = ends[ends.length - 1];
    if (!begin || !end) return null;
    // The measure is recorded on the page's main thread: its tasks are the ones on that thread.
    const tasks = this.events.filter(
      (e) => e.name === 'ThreadControllerImpl::RunTask' && e.ph === 'X' && e.pid === begin.pid && e.tid === begin.tid && e.ts < end.ts && e.ts + (e.dur ?? 0) > begin.ts,
    );
    const ms = (us: number | undefined) => Math.round((us ?? 0) / 10) / 100;
    return {
      tasks: tasks.length,
      longestTaskMs: ms(Math.max(0, ...tasks.map((t) => t.dur ?? 0))),
      longestTaskCpuMs: ms(Math.max(0, ...tasks.map((t) => t.tdur ?? 0))),
      cpuMs: ms(tasks.reduce((a, t) => a + (t.tdur ?? 0), 0)),
    };
  }
}

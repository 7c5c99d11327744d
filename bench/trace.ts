/**
 * The main thread's tasks during a scan, from Chromium's own trace: each task's wall time and the
 * CPU time its thread really ran. On a busy machine other processes stretch wall times; the CPU
 * time is the scan's own cost.
 */
import type { CDPSession } from 'playwright-core';
import { SCAN_MEASURE } from '../src/engine/scan-timing';

export type TraceEvent = {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { src_func?: string; src_file?: string; data?: { url?: string } };
};

export type ScanTasks = {
  /** Tasks of the renderer's main thread that overlapped the scan. */
  tasks: number;
  /** Longest of them: wall time and thread CPU time, in ms. */
  longestTaskMs: number;
  longestTaskCpuMs: number;
  /** CPU time of all of them but the collector's own tasks: what the scan cost the page's thread. */
  cpuMs: number;
  /**
   * CPU time of the tasks the garbage collector scheduled for itself in the window (incremental
   * marking and sweeping of the whole page's heap), counted apart from cpuMs. A collection inside
   * one of the scan's tasks (a scavenge its allocations set off) stays in cpuMs.
   */
  gcTaskCpuMs: number;
};

export class TaskTrace {
  private events: TraceEvent[] = [];
  private done: Promise<unknown> | null = null;

  constructor(private readonly cdp: CDPSession) {
    cdp.on('Tracing.dataCollected', (e) => {
      this.events.push(...(e.value as unknown as TraceEvent[]));
    });
  }

  /** `scripts`: also the scripts' evaluations (devtools.timeline's EvaluateScript), for a page load. */
  async start(scripts = false): Promise<void> {
    this.events = [];
    this.done = new Promise((ok) => this.cdp.once('Tracing.tracingComplete', ok));
    await this.cdp.send('Tracing.start', {
      traceConfig: { includedCategories: ['toplevel', 'blink.user_timing', ...(scripts ? ['devtools.timeline'] : [])], excludedCategories: ['*'] },
      transferMode: 'ReportEvents',
    } as never);
  }

  /**
   * Stops a trace of a page load (start(true)) and gives the CPU time of the task that evaluated the
   * content script (the extension's start in the page, before its first scan), and of the tasks
   * that overlapped the first scan (`firstScanWallMs` up to its measure's end): all of them, and the
   * longest. NaN where the trace has no such task.
   */
  async stopLoad(firstScanWallMs: number | null): Promise<{ scriptStartCpuMs: number; firstScanCpuMs: number; firstScanLongestCpuMs: number }> {
    await this.cdp.send('Tracing.end');
    await this.done;
    const end = this.events.filter((e) => e.name === SCAN_MEASURE && e.ph === 'e')[0];
    if (!end) return { scriptStartCpuMs: NaN, firstScanCpuMs: NaN, firstScanLongestCpuMs: NaN };
    const thread = this.events.filter((e) => e.pid === end.pid && e.tid === end.tid);
    const tasks = tasksOf(thread);
    const taskOf = (e: TraceEvent) => tasks.find((t) => t.ts <= e.ts && e.ts < t.ts + t.dur);
    const starts = [
      ...new Set(
        scriptStarts(thread)
          .map(taskOf)
          .filter((t) => t !== undefined),
      ),
    ];
    const from = firstScanWallMs === null ? end.ts : end.ts - firstScanWallMs * 1000;
    const during = tasks.filter((t) => t.ts < end.ts && t.ts + t.dur > from);
    return {
      scriptStartCpuMs: starts.length ? ms(starts.reduce((sum, t) => sum + t.tdur, 0)) : NaN,
      firstScanCpuMs: during.length ? ms(during.reduce((sum, t) => sum + t.tdur, 0)) : NaN,
      firstScanLongestCpuMs: during.length ? ms(Math.max(...during.map((t) => t.tdur))) : NaN,
    };
  }

  /**
   * Stops tracing and sums up the tasks that overlapped the last scan (or another measure), which
   * took `wallMs` up to its measure's end event; null without one. (The measure's begin event carries no usable time or
   * thread when its start lies in the past, so the span is taken back from its end.)
   */
  async stop(wallMs: number | null, measure = SCAN_MEASURE, sendWindowUs = SEND_WINDOW_US): Promise<ScanTasks | null> {
    await this.cdp.send('Tracing.end');
    await this.done;
    const ends = this.events.filter((e) => e.name === measure && e.ph === 'e');
    const end = ends[ends.length - 1];
    if (!end || wallMs === null) return null;
    const from = end.ts - wallMs * 1000;
    // The measure is recorded on the page's main thread: its tasks are the ones on that thread.
    // The report is sent in a task of its own just after the scan: it counts as the scan's too.
    const until = end.ts + sendWindowUs;
    const tasks = tasksOf(this.events.filter((e) => e.pid === end.pid && e.tid === end.tid)).filter((t) => t.ts < until && t.ts + t.dur > from);
    return {
      tasks: tasks.length,
      longestTaskMs: ms(Math.max(0, ...tasks.map((t) => t.dur))),
      longestTaskCpuMs: ms(Math.max(0, ...tasks.map((t) => t.tdur))),
      cpuMs: ms(tasks.reduce((a, t) => a + (t.gc ? 0 : t.tdur), 0)),
      gcTaskCpuMs: ms(tasks.reduce((a, t) => a + (t.gc ? t.tdur : 0), 0)),
    };
  }
}

/**
 * The events that start the content script on a page's main thread: the evaluation of content.js and,
 * where that is the loader of a module (Chromium's build, src/build/module-content-script.ts), the task
 * that evaluates a module once it has loaded (the bench's pages load no module of their own).
 */
export function scriptStarts(thread: TraceEvent[]): TraceEvent[] {
  return thread.filter(
    (e) =>
      e.ph === 'X' &&
      ((e.name === 'EvaluateScript' && (e.args?.data?.url ?? '').endsWith('content-scripts/content.js')) ||
        (e.name === 'ThreadControllerImpl::RunTask' && e.args?.src_file?.endsWith('module_map.cc') === true)),
  );
}

/** µs of the trace to ms, to two decimals. */
const ms = (us: number) => Math.round(us / 10) / 100;

/** After the scan's end, its report is sent and its garbage collected: this much of the trace counts as the scan's. */
export const SEND_WINDOW_MS = 200;
const SEND_WINDOW_US = SEND_WINDOW_MS * 1000;

/** Top-level events of one thread: a task, and the microtask checkpoint that ends it (traced apart). */
const TOP_LEVEL = new Set(['ThreadControllerImpl::RunTask', 'BlinkScheduler_PerformMicrotaskCheckpoint']);
/** A checkpoint that starts within this many µs of a task's end belongs to that task. */
const SAME_TASK_US = 50;
const CHECKPOINT = 'BlinkScheduler_PerformMicrotaskCheckpoint';

type Task = { ts: number; dur: number; tdur: number; gc: boolean };

/**
 * Where V8 and Oilpan post the tasks of a collection of the whole heap, as the trace names them
 * (`args.src_func` of a task): a major collection of the page's heap, which the heap's growth
 * schedules (the page's and every world's allocations), traced over the whole DOM. The bench saw
 * one fall into a scan's window in about one run of ten: 150 marking and 1,300 sweeping tasks,
 * 20-35 ms of CPU in all, the longest under 1 ms. A scavenge (in a task of its own or inside one of
 * the scan's) is not one of these: it collects the young objects, most of them the scan's own garbage.
 */
const GC_TASK = /IncrementalMarkingJob|Sweeper|MarkerBase|MemoryReducer/;

/**
 * One thread's tasks as the Long Tasks API counts them: a task with its microtask checkpoint. Only
 * a checkpoint joins the task before it: a new task that starts right after one ends (a sliced
 * scan's next slice, queued by scheduler.yield) is a task of its own.
 */
export function tasksOf(events: TraceEvent[]): Task[] {
  const top = events.filter((e) => e.ph === 'X' && TOP_LEVEL.has(e.name)).sort((a, b) => a.ts - b.ts);
  const out: Task[] = [];
  for (const e of top) {
    const last = out[out.length - 1];
    const end = e.ts + (e.dur ?? 0);
    if (last && end <= last.ts + last.dur) continue; // nested in the task before
    if (last && e.name === CHECKPOINT && e.ts <= last.ts + last.dur + SAME_TASK_US) {
      last.tdur += e.tdur ?? 0;
      last.dur = Math.max(last.dur, end - last.ts);
    } else out.push({ ts: e.ts, dur: e.dur ?? 0, tdur: e.tdur ?? 0, gc: GC_TASK.test(e.args?.src_func ?? '') });
  }
  return out;
}

/** A user-timing mark as the trace gives it: `tts` is its thread's CPU clock (µs). */
export type TimingMark = { name: string; ph: string; ts: number; tts?: number };

/**
 * The CPU time (ms) between consecutive marks whose names begin with `prefix`, by the name (less the
 * prefix) of the mark each span begins at: each phase's own cost, from the marks' thread timestamps
 * (scripts/scan-phases.ts, scripts/rescan-phases.ts).
 */
export function cpuBetweenMarks(events: TimingMark[], prefix: string): Record<string, number> {
  const marks = events.filter((e) => e.name.startsWith(prefix) && e.tts !== undefined).sort((a, b) => a.ts - b.ts);
  const out: Record<string, number> = {};
  for (let i = 0; i + 1 < marks.length; i++) {
    const name = marks[i].name.slice(prefix.length);
    out[name] = (out[name] ?? 0) + (marks[i + 1].tts! - marks[i].tts!) / 1000;
  }
  if (marks.length > 1) out['(all)'] = (marks[marks.length - 1].tts! - marks[0].tts!) / 1000;
  return out;
}

/**
 * Measures one page in Chromium with the extension loaded: the extension's own scan (asked for
 * through the background, as the popup's "scan again" does), the long tasks it caused, the floor of
 * one layout and style read per control, and axe-core's color-contrast rule as a reference.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { CDPSession, Page } from 'playwright-core';
import { currentWorker, type ExtensionBrowser } from '../src/audit/browser';
import { CONTROL_SELECTOR } from '../src/engine/discover';
import { PAGE_TEXT } from '../src/engine/page-text';
import { SCAN_MEASURE } from '../src/engine/scan-timing';
import type { PageReport } from '../src/report/schema';
import { SEND_WINDOW_MS, TaskTrace } from './trace';

export type ScanRun = {
  /** PageReport.scanMs: the scan's own busy time. */
  scanMs: number;
  /** First to last moment of the scan, including the time it yielded to the page. */
  wallMs: number;
  /** Longest piece of the scan that ran without yielding. */
  longestSliceMs: number;
  slices: number;
  /** The pre-check ended the scan. */
  skipped: boolean;
  /** Longest long task (over 50 ms, PerformanceObserver 'longtask') seen while the scan ran; 0 when none. */
  longTaskMs: number;
  /** Layouts and style recalculations the browser did while the scan ran (0: the scan only read). */
  layouts: number;
  styleRecalcs: number;
  /** From Chromium's trace: the longest main-thread task during the scan (wall and CPU) and the CPU time of all. */
  traceLongestTaskMs: number;
  traceLongestTaskCpuMs: number;
  cpuMs: number;
  /** CPU time of the collector's own tasks in the same window (a major collection of the page's heap): not in cpuMs. */
  gcTaskCpuMs: number;
  /** Main-thread tasks that overlapped the scan, in the trace. */
  traceTasks: number;
};

/**
 * The scan the content script makes by itself when the page has loaded: the first in the page, so it
 * also pays for what later scans find ready (the word lists' expressions compiled, the engine's code
 * warmed up). What a user meets on each page they open.
 */
export type FirstScan = Pick<ScanRun, 'scanMs' | 'wallMs' | 'longestSliceMs' | 'slices' | 'skipped' | 'longTaskMs'> & {
  /** From the trace of the page's load: the tasks that started the content script (its loader's and its module's in Chromium's build, summed), the first scan's tasks and its longest task, all CPU ms. */
  scriptStartCpuMs: number;
  cpuMs: number;
  longestTaskCpuMs: number;
};

/** What the page holds, in MB (10^6 bytes), after full collections (pageMemory). */
export type PageMemory = {
  /** The JavaScript heap of the page's isolate: every world, the content script's among them. */
  heapMB: number;
  /** Array buffers and external strings (the content script's own source among them). */
  externalMB: number;
};

/**
 * The page's memory after three full collections (CDP `Runtime.getHeapUsage`). A collection drops
 * compiled code that has not run lately, so the bench measures it only after its scans.
 */
export async function pageMemory(cdp: CDPSession): Promise<PageMemory> {
  await cdp.send('HeapProfiler.enable');
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize, backingStorageSize } = await cdp.send('Runtime.getHeapUsage');
  const mb = (bytes: number) => Math.round(bytes / 1e4) / 100;
  return { heapMB: mb(usedSize), externalMB: mb(backingStorageSize) };
}

export type PageFigures = {
  first: FirstScan;
  /** After the scans (first, rescans and those after changes), before the floor and axe-core run in the page. */
  memory: PageMemory;
  /**
   * Scans the content script made by itself after a class of the page changed (measured pages only):
   * a scan after changes of attributes alone reads the page's text from the last scan's walk.
   */
  afterChange: ScanRun[];
  /** The same after an edit of one text (a counter's digit): the walk takes in the new text, and the texts of the elements it is not inside are read from the last scan. */
  afterEdit: ScanRun[];
  /** The same after a node was added or removed (a toast comes and goes): the walk takes in the subtree added, or takes out the one removed. */
  afterToast: ScanRun[];
  elements: number;
  controls: number;
  reportedControls: number;
  findings: number;
  subscriptionPage: boolean;
  skipped: boolean;
  runs: ScanRun[];
  floorMs: number[];
  floorCpuMs: number[];
  /** The same floor in an isolated world (where a content script runs). */
  floorIsolatedMs: number[];
  floorIsolatedCpuMs: number[];
  /** The cold read floor (readFloorLoop), each in a world of its own. */
  readFloorMs: number[];
  readFloorCpuMs: number[];
  axeMs: number[];
  axeCpuMs: number[];
};

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Registered before any page script: long tasks of the page's main thread, the content script's included. */
const LONG_TASK_OBSERVER = `
  window.__benchLongTasks = [];
  try {
    const keep = (entries) => { for (const e of entries) window.__benchLongTasks.push({ start: e.startTime, duration: e.duration }); };
    const observer = new PerformanceObserver((list) => keep(list.getEntries()));
    observer.observe({ type: 'longtask', buffered: true });
    // Entries reach the callback later, in an idle moment: the bench takes the pending ones itself.
    window.__benchTakeLongTasks = () => { keep(observer.takeRecords()); return window.__benchLongTasks; };
  } catch (e) {
    window.__benchTakeLongTasks = () => window.__benchLongTasks;
  }
`;

export async function prepareContext(b: ExtensionBrowser): Promise<void> {
  await b.context.addInitScript({ content: LONG_TASK_OBSERVER });
}

type Entry = { report: PageReport; seq: number; receivedAt: number };

async function tabEntry(b: ExtensionBrowser, url: string): Promise<Entry | null> {
  const worker = await currentWorker(b);
  return (await worker.evaluate((u) => (globalThis as any).fairExit?.tabs.byUrl(u) ?? null, url).catch(() => null)) as Entry | null;
}

export async function waitForEntry(b: ExtensionBrowser, url: string, newerThan: number, timeoutMs: number): Promise<Entry> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const e = await tabEntry(b, url);
    if (e && e.seq > newerThan) return e;
    if (Date.now() > end) throw new Error(`no report from the extension for ${url} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

/** Two animation frames: the page has been laid out and painted. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok()))));
}

export async function rescan(b: ExtensionBrowser, url: string): Promise<void> {
  const worker = await currentWorker(b);
  await worker.evaluate(async (u) => {
    const c = (globalThis as any).chrome;
    const tab = (await c.tabs.query({})).find((t: { url?: string }) => t.url === u);
    if (!tab) throw new Error(`no tab with ${u}`);
    await c.tabs.sendMessage(tab.id, { type: 'rescan' });
  }, url);
}

type InPageTiming = { start: number; end: number; busyMs: number; slices: number; longestSliceMs: number; skipped: boolean } | null;

async function lastScanTiming(page: Page, name: string): Promise<InPageTiming> {
  return page.evaluate((n) => {
    const all = performance.getEntriesByName(n, 'measure');
    const m = all[all.length - 1] as PerformanceMeasure | undefined;
    if (!m) return null;
    const d = (m.detail ?? {}) as { busyMs?: number; slices?: number; longestSliceMs?: number; skipped?: boolean };
    return {
      start: m.startTime,
      end: m.startTime + m.duration,
      busyMs: d.busyMs ?? m.duration,
      slices: d.slices ?? 1,
      longestSliceMs: d.longestSliceMs ?? m.duration,
      skipped: d.skipped === true,
    };
  }, name);
}

async function layoutCounts(cdp: CDPSession): Promise<{ layouts: number; styleRecalcs: number }> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  return { layouts: get('LayoutCount'), styleRecalcs: get('RecalcStyleCount') };
}

/**
 * What starts a measured scan: the background's "scan again" (the popup's button), or a change the
 * content script's change watcher answers with a scan a quiet period later (src/content/watch.ts): of
 * an attribute of the page (a class on the body that no style reads), of one text, as a counter or a
 * countdown ticks (the last digit of the page's first text that ends in one, counted up), or of the
 * page's nodes (a toast put at the end of the body, then taken away).
 */
type Trigger = 'rescan' | 'class-change' | 'text-edit' | 'toast';

/** In the page: a toast ("Saved.") put at the end of the body, or taken away again, as a page's notices come and go. */
function toggleToast(): void {
  const toast = document.querySelector('.fair-exit-bench-toast');
  if (toast) toast.remove();
  else document.body.append(Object.assign(document.createElement('p'), { className: 'fair-exit-bench-toast', textContent: 'Saved.' }));
}

/** In the page: the first text of the body that ends in a digit, its last digit counted up (as a counter ticks). */
function tickCounter(): void {
  const w = window as unknown as { __benchCounter?: Text | null };
  if (w.__benchCounter === undefined) {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    w.__benchCounter = null;
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      if (/\d\s*$/.test(n.data) && !n.parentElement?.closest('script, style')) {
        w.__benchCounter = n;
        break;
      }
    }
  }
  const t = w.__benchCounter;
  if (!t) throw new Error('bench: no text ending in a digit to count up');
  t.data = t.data.replace(/(\d)(\s*)$/, (_, d: string, tail: string) => `${(Number(d) + 1) % 10}${tail}`);
}

async function scanOnce(
  b: ExtensionBrowser,
  page: Page,
  cdp: CDPSession,
  trace: TaskTrace,
  url: string,
  seq: number,
  trigger: Trigger = 'rescan',
): Promise<{ run: ScanRun; entry: Entry }> {
  await settle(page);
  const counts = await layoutCounts(cdp);
  await trace.start();
  const before = await page.evaluate(() => performance.now());
  if (trigger === 'rescan') await rescan(b, url);
  else if (trigger === 'class-change') await page.evaluate(() => void document.body.classList.toggle('fair-exit-bench-changed'));
  else if (trigger === 'text-edit') await page.evaluate(tickCounter);
  else await page.evaluate(toggleToast);
  const entry = await waitForEntry(b, url, seq, 60_000);
  // Everything on the page's thread in the window after the scan counts as the scan's: the bench
  // itself keeps off the page until the window has passed (its own calls cost the page milliseconds).
  await new Promise((r) => setTimeout(r, SEND_WINDOW_MS + 50));
  const after = await page.evaluate(() => performance.now());
  const timing = await lastScanTiming(page, SCAN_MEASURE);
  const own = timing && timing.start >= before ? timing : null;
  const tasks = await trace.stop(own ? own.end - own.start : null);
  const countsAfter = await layoutCounts(cdp);
  // The scan's own measure, when it is this run's; otherwise the span from asking to receiving.
  const from = own ? own.start : before;
  const to = own ? own.end : after;
  const longTasks = await page.evaluate(() => (window as any).__benchTakeLongTasks() as { start: number; duration: number }[]);
  // A task that overlaps the scan's span was (at least partly) the scan's: the pages run no script.
  const overlapping = longTasks.filter((t) => t.start < to && t.start + t.duration > from);
  const run: ScanRun = {
    scanMs: entry.report.scanMs,
    wallMs: own ? own.end - own.start : entry.report.scanMs,
    longestSliceMs: own ? own.longestSliceMs : entry.report.scanMs,
    slices: own ? own.slices : 1,
    skipped: own ? own.skipped : entry.report.controls.length === 0 && !entry.report.subscriptionPage,
    longTaskMs: Math.max(0, ...overlapping.map((t) => t.duration)),
    layouts: countsAfter.layouts - counts.layouts,
    styleRecalcs: countsAfter.styleRecalcs - counts.styleRecalcs,
    traceLongestTaskMs: tasks?.longestTaskMs ?? NaN,
    traceLongestTaskCpuMs: tasks?.longestTaskCpuMs ?? NaN,
    cpuMs: tasks?.cpuMs ?? NaN,
    gcTaskCpuMs: tasks?.gcTaskCpuMs ?? NaN,
    traceTasks: tasks?.tasks ?? 0,
  };
  return { run, entry };
}

async function firstScan(page: Page, entry: Entry): Promise<Omit<FirstScan, 'scriptStartCpuMs' | 'cpuMs' | 'longestTaskCpuMs'>> {
  await new Promise((r) => setTimeout(r, SEND_WINDOW_MS + 50));
  const timing = await lastScanTiming(page, SCAN_MEASURE);
  const longTasks = await page.evaluate(() => (window as any).__benchTakeLongTasks() as { start: number; duration: number }[]);
  const overlapping = timing ? longTasks.filter((t) => t.start < timing.end && t.start + t.duration > timing.start) : [];
  return {
    scanMs: entry.report.scanMs,
    wallMs: timing ? timing.end - timing.start : entry.report.scanMs,
    longestSliceMs: timing ? timing.longestSliceMs : entry.report.scanMs,
    slices: timing ? timing.slices : 1,
    skipped: timing ? timing.skipped : false,
    longTaskMs: Math.max(0, ...overlapping.map((t) => t.duration)),
  };
}

/** One getBoundingClientRect and one computed-style read per control: the loop the floor times, in whichever world runs it. */
function floorLoop([selector, name]: readonly [string, string]): number {
  const els = document.querySelectorAll(selector);
  const t0 = performance.now();
  let sink = 0;
  for (const el of els) {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    sink += r.width + s.color.length;
  }
  const ms = performance.now() - t0;
  performance.measure(name, { start: t0, duration: ms });
  (globalThis as any).__benchSink = sink;
  return ms;
}

/** The floor in the page's own (main) world: wall and CPU time. */
async function floorOnce(page: Page, trace: TaskTrace): Promise<{ wallMs: number; cpuMs: number }> {
  await trace.start();
  const wallMs = await page.evaluate(floorLoop, [CONTROL_SELECTOR, FLOOR_MEASURE] as const);
  // The loop is the only work in its task: the task's CPU time, less the querySelectorAll before it.
  const tasks = await trace.stop(wallMs, FLOOR_MEASURE, 0);
  return { wallMs, cpuMs: Math.min(tasks?.longestTaskCpuMs ?? NaN, wallMs) };
}

/**
 * The same floor in an isolated world of the page, as a content script runs: the scan can run nowhere
 * else, and there each element the script touches is given a wrapper of that world (the main world's
 * are not shared). One world per page, kept across runs, as the content script's is.
 */
async function floorIsolatedOnce(cdp: CDPSession, contextId: number, trace: TaskTrace): Promise<{ wallMs: number; cpuMs: number }> {
  return timedInWorld(cdp, contextId, trace, floorLoop, [CONTROL_SELECTOR, FLOOR_ISOLATED_MEASURE]);
}
const FLOOR_ISOLATED_MEASURE = 'bench:floor-isolated';

/**
 * A loop that times itself (it returns its wall time and marks it with a performance.measure named by
 * its last argument) run in an isolated world: its wall time, and the CPU time of the task it ran in.
 */
async function timedInWorld<A extends readonly [unknown, string]>(
  cdp: CDPSession,
  contextId: number,
  trace: TaskTrace,
  loop: (args: A) => number,
  args: A,
): Promise<{ wallMs: number; cpuMs: number }> {
  await trace.start();
  const res = await cdp.send('Runtime.evaluate', { expression: `(${loop.toString()})(${JSON.stringify(args)})`, contextId, returnByValue: true });
  const wallMs = Number(res.result.value);
  // The loop is the only work in its task.
  const tasks = await trace.stop(wallMs, args[1], 0);
  return { wallMs, cpuMs: Math.min(tasks?.longestTaskCpuMs ?? NaN, wallMs) };
}

/**
 * The cold read floor: the least a page's first pre-check can do before it asks any word list. Every
 * element of the part of the page it reads is visited (an open shadow root or a frame there would have
 * to be read on: no selector or other interface finds them), and that part's text is read in pieces of
 * 512 elements (a range's text, no string per node) with its spaces squeezed out, up to `cap` characters
 * that are not spaces, as far as the pre-check reads (page-text.ts PAGE_TEXT).
 */
function readFloorLoop([cap, name]: readonly [number, string]): number {
  const body = document.body;
  const t0 = performance.now();
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_ELEMENT);
  const range = document.createRange();
  range.setStart(body, 0);
  let count = 0;
  let chars = 0;
  let hosts = 0;
  for (let n = walker.nextNode() as Element | null; n && chars < cap; n = walker.nextNode() as Element | null) {
    if (n.shadowRoot || n.localName === 'iframe') hosts++;
    if (++count % 512 === 0) {
      range.setEndBefore(n);
      chars += range.toString().replace(/\s+/g, '').length;
      range.setStartBefore(n);
    }
  }
  if (chars < cap) {
    range.setEnd(body, body.childNodes.length);
    chars += range.toString().replace(/\s+/g, '').length;
  }
  const ms = performance.now() - t0;
  performance.measure(name, { start: t0, duration: ms });
  (globalThis as any).__benchSink = chars + hosts;
  return ms;
}

/**
 * The cold read floor timed in an isolated world made for this run, which has touched nothing of the
 * page yet: as a content script's world on a page's first scan, it makes a wrapper for each node it
 * meets (an older world's are not shared). The world is made and entered once before the timed task.
 */
async function readFloorColdOnce(cdp: CDPSession, frameId: string, run: number, trace: TaskTrace): Promise<{ wallMs: number; cpuMs: number }> {
  const { executionContextId: contextId } = await cdp.send('Page.createIsolatedWorld', { frameId, worldName: `fair-exit-bench-read-floor-${run}` });
  await cdp.send('Runtime.evaluate', { expression: '0', contextId });
  return timedInWorld(cdp, contextId, trace, readFloorLoop, [PAGE_TEXT, READ_FLOOR_MEASURE] as const);
}
const READ_FLOOR_MEASURE = 'bench:read-floor';
const FLOOR_MEASURE = 'bench:floor';

/** axe-core's color-contrast rule alone: its wall time, and its CPU time from the trace. */
async function axeOnce(page: Page, trace: TaskTrace): Promise<{ wallMs: number; cpuMs: number }> {
  await page.evaluate(AXE_SOURCE);
  await trace.start();
  const wallMs = await page.evaluate(async (name) => {
    const axe = (window as any).axe;
    const t0 = performance.now();
    await axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] }, resultTypes: ['violations'] });
    const ms = performance.now() - t0;
    performance.measure(name, { start: t0, duration: ms });
    return ms;
  }, AXE_MEASURE);
  const tasks = await trace.stop(wallMs, AXE_MEASURE, 0);
  return { wallMs, cpuMs: tasks?.cpuMs ?? NaN };
}
const AXE_MEASURE = 'bench:axe';

export async function measurePage(
  b: ExtensionBrowser,
  url: string,
  opts: {
    runs: number;
    axeRuns: number;
    /** Scans after a class change, and as many after a text edit and after a toast, on a page that is measured (the pre-check's pages are not scanned again for any). */
    changeRuns?: number;
    /** Called after each measured rescan (--each). */
    onRun?: (index: number, run: ScanRun) => void;
  },
): Promise<PageFigures> {
  const page = await b.context.newPage();
  const cdp = await b.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const trace = new TaskTrace(cdp);
  try {
    // The page's load is traced: the content script's start and its first scan, which every page meets.
    await trace.start(true);
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    // The content script scans once by itself at document_idle; the rescans measured after it start warm.
    const firstEntry = await waitForEntry(b, url, 0, 60_000);
    let { seq } = firstEntry;
    const firstTiming = await firstScan(page, firstEntry);
    const load = await trace.stopLoad(firstTiming.wallMs);
    const first: FirstScan = { ...firstTiming, scriptStartCpuMs: load.scriptStartCpuMs, cpuMs: load.firstScanCpuMs, longestTaskCpuMs: load.firstScanLongestCpuMs };
    const runs: ScanRun[] = [];
    let last: Entry | null = null;
    for (let i = 0; i < opts.runs; i++) {
      const { run, entry } = await scanOnce(b, page, cdp, trace, url, seq);
      seq = entry.seq;
      last = entry;
      runs.push(run);
      opts.onRun?.(i, run);
    }
    // A page the pre-check ended is not scanned again for a class change: no scan would come.
    const skipped = runs.every((r) => r.skipped);
    const afterChange: ScanRun[] = [];
    for (let i = 0; i < (skipped ? 0 : (opts.changeRuns ?? 0)); i++) {
      const { run, entry } = await scanOnce(b, page, cdp, trace, url, seq, 'class-change');
      seq = entry.seq;
      afterChange.push(run);
    }
    const afterEdit: ScanRun[] = [];
    for (let i = 0; i < (skipped ? 0 : (opts.changeRuns ?? 0)); i++) {
      const { run, entry } = await scanOnce(b, page, cdp, trace, url, seq, 'text-edit');
      seq = entry.seq;
      afterEdit.push(run);
    }
    const afterToast: ScanRun[] = [];
    for (let i = 0; i < (skipped ? 0 : (opts.changeRuns ?? 0)); i++) {
      const { run, entry } = await scanOnce(b, page, cdp, trace, url, seq, 'toast');
      seq = entry.seq;
      afterToast.push(run);
    }
    const memory = await pageMemory(cdp);
    const floorMs: number[] = [];
    const floorCpuMs: number[] = [];
    for (let i = 0; i < opts.runs; i++) {
      await settle(page);
      const floor = await floorOnce(page, trace);
      floorMs.push(floor.wallMs);
      floorCpuMs.push(floor.cpuMs);
    }
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'fair-exit-bench-floor' });
    const floorIsolatedMs: number[] = [];
    const floorIsolatedCpuMs: number[] = [];
    for (let i = 0; i < opts.runs; i++) {
      await settle(page);
      const floor = await floorIsolatedOnce(cdp, executionContextId, trace);
      floorIsolatedMs.push(floor.wallMs);
      floorIsolatedCpuMs.push(floor.cpuMs);
    }
    const readFloorMs: number[] = [];
    const readFloorCpuMs: number[] = [];
    for (let i = 0; i < opts.runs; i++) {
      await settle(page);
      const floor = await readFloorColdOnce(cdp, frameTree.frame.id, i, trace);
      readFloorMs.push(floor.wallMs);
      readFloorCpuMs.push(floor.cpuMs);
    }
    const axeMs: number[] = [];
    const axeCpuMs: number[] = [];
    for (let i = 0; i < opts.axeRuns; i++) {
      await settle(page);
      const axe = await axeOnce(page, trace);
      axeMs.push(axe.wallMs);
      axeCpuMs.push(axe.cpuMs);
    }
    const counts = await page.evaluate((selector) => ({ elements: document.querySelectorAll('*').length, controls: document.querySelectorAll(selector).length }), CONTROL_SELECTOR);
    const report = last!.report;
    return {
      first,
      memory,
      afterChange,
      afterEdit,
      afterToast,
      ...counts,
      reportedControls: report.controls.length,
      findings: report.findings.length,
      subscriptionPage: report.subscriptionPage,
      skipped,
      runs,
      floorMs,
      floorCpuMs,
      floorIsolatedMs,
      floorIsolatedCpuMs,
      readFloorMs,
      readFloorCpuMs,
      axeMs,
      axeCpuMs,
    };
  } finally {
    await page.close().catch(() => {});
  }
}

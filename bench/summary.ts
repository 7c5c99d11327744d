/** Per-page figures reduced to the numbers the table, the JSON and the budgets use. */
import type { BenchPage } from './pages';
import type { FirstScan, PageFigures, PageMemory } from './measure';

export type PageSummary = {
  name: string;
  description: string;
  kind: BenchPage['kind'];
  elements: number;
  controls: number;
  reportedControls: number;
  findings: number;
  subscriptionPage: boolean;
  skipped: boolean;
  runs: number;
  /** The content script's own first scan of the page (before the measured rescans): once per page. */
  first: FirstScan;
  /** The page's heap and external memory once the scans are done (after full collections). */
  memory: PageMemory;
  scanMs: { median: number; worst: number };
  wallMs: { median: number; worst: number };
  /** Longest long task seen during any run; 0 when no task over 50 ms overlapped a scan. */
  longestTaskMs: number;
  /** Longest main-thread task during a scan in Chromium's trace, by wall time and by thread CPU time. */
  traceLongestTaskMs: number;
  traceLongestTaskCpuMs: number;
  /** Thread CPU time of the scan's tasks (median over runs): its cost without other processes' share. */
  cpuMs: { median: number; worst: number };
  /**
   * Each rescan's CPU time in order: V8 optimises the engine's code over a page's first scans, and the
   * first rescans after a page's first scan cost up to twice the later ones (docs/speed-log.md, "Cold code").
   */
  cpuByRescan: number[];
  /** Scans after a change of a class alone (PageFigures.afterChange): CPU time, median and worst; null where none was made. */
  afterChangeCpuMs: { median: number; worst: number } | null;
  /** Scans after an edit of one text (PageFigures.afterEdit): CPU time, median and worst; null where none was made. */
  afterEditCpuMs: { median: number; worst: number } | null;
  /** Scans after a node was added or removed (PageFigures.afterToast): CPU time, median and worst; null where none was made. */
  afterToastCpuMs: { median: number; worst: number } | null;
  /** CPU time of the collector's own tasks (a major collection of the page's heap) in the scans' windows, apart from cpuMs. */
  gcTaskCpuMs: { median: number; worst: number };
  longestSliceMs: number;
  slices: number;
  /** Most layouts and style recalculations during one scan. */
  layouts: number;
  styleRecalcs: number;
  floorMs: number;
  floorCpuMs: number;
  /** The floor timed in an isolated world, as a content script reads the page. */
  floorIsolatedMs: number;
  floorIsolatedCpuMs: number;
  /**
   * The cold read floor (measure.ts readFloorLoop): the least a page's first pre-check can cost, every
   * element of the part read visited and its text read, in a world that has touched nothing yet.
   */
  readFloorMs: number;
  readFloorCpuMs: number;
  /** The first scan's CPU time over the cold read floor's. */
  firstPerReadFloor: number;
  axeMs: number;
  axeCpuMs: number;
  /** Scan CPU time over the floor's (one layout and style read per control), medians. */
  scanPerFloor: number;
  /** Scan CPU time over the isolated world's floor, medians. */
  scanPerIsolatedFloor: number;
  /** Scan wall time (median) over axe-core color-contrast (median), both in the same page. */
  scanPerAxe: number;
  /** The same ratio in CPU time (Chromium's trace). */
  scanPerAxeCpu: number;
};

export function median(xs: number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
const r2 = (n: number) => Math.round(n * 100) / 100;
/** The median and the worst of some figures, rounded. */
const spread = (xs: number[]) => ({ median: r2(median(xs)), worst: r2(Math.max(...xs)) });

export function summarize(page: BenchPage, f: PageFigures): PageSummary {
  const scan = f.runs.map((r) => r.scanMs);
  const wall = f.runs.map((r) => r.wallMs);
  const floor = median(f.floorMs);
  const axe = median(f.axeMs);
  return {
    name: page.name,
    description: page.description,
    kind: page.kind,
    elements: f.elements,
    controls: f.controls,
    reportedControls: f.reportedControls,
    findings: f.findings,
    subscriptionPage: f.subscriptionPage,
    skipped: f.skipped,
    runs: f.runs.length,
    first: {
      ...f.first,
      scanMs: r2(f.first.scanMs),
      wallMs: r2(f.first.wallMs),
      longestSliceMs: r2(f.first.longestSliceMs),
      longTaskMs: r2(f.first.longTaskMs),
      scriptStartCpuMs: r2(f.first.scriptStartCpuMs),
      cpuMs: r2(f.first.cpuMs),
      longestTaskCpuMs: r2(f.first.longestTaskCpuMs),
    },
    memory: f.memory,
    scanMs: spread(scan),
    wallMs: spread(wall),
    longestTaskMs: r2(Math.max(0, ...f.runs.map((r) => r.longTaskMs))),
    traceLongestTaskMs: r2(Math.max(0, ...f.runs.map((r) => r.traceLongestTaskMs))),
    traceLongestTaskCpuMs: r2(Math.max(0, ...f.runs.map((r) => r.traceLongestTaskCpuMs))),
    cpuMs: spread(f.runs.map((r) => r.cpuMs)),
    cpuByRescan: f.runs.map((r) => r2(r.cpuMs)),
    afterChangeCpuMs: f.afterChange.length ? spread(f.afterChange.map((r) => r.cpuMs)) : null,
    afterEditCpuMs: f.afterEdit.length ? spread(f.afterEdit.map((r) => r.cpuMs)) : null,
    afterToastCpuMs: f.afterToast.length ? spread(f.afterToast.map((r) => r.cpuMs)) : null,
    gcTaskCpuMs: spread(f.runs.map((r) => r.gcTaskCpuMs)),
    longestSliceMs: r2(Math.max(0, ...f.runs.map((r) => r.longestSliceMs))),
    slices: Math.max(0, ...f.runs.map((r) => r.slices)),
    layouts: Math.max(0, ...f.runs.map((r) => r.layouts)),
    styleRecalcs: Math.max(0, ...f.runs.map((r) => r.styleRecalcs)),
    floorMs: r2(floor),
    floorCpuMs: r2(median(f.floorCpuMs)),
    floorIsolatedMs: r2(median(f.floorIsolatedMs)),
    floorIsolatedCpuMs: r2(median(f.floorIsolatedCpuMs)),
    readFloorMs: r2(median(f.readFloorMs)),
    readFloorCpuMs: r2(median(f.readFloorCpuMs)),
    firstPerReadFloor: r2(f.first.cpuMs / Math.max(median(f.readFloorCpuMs), 0.01)),
    axeMs: r2(axe),
    axeCpuMs: r2(median(f.axeCpuMs)),
    scanPerFloor: r2(median(f.runs.map((r) => r.cpuMs)) / Math.max(median(f.floorCpuMs), 0.01)),
    scanPerIsolatedFloor: r2(median(f.runs.map((r) => r.cpuMs)) / Math.max(median(f.floorIsolatedCpuMs), 0.01)),
    scanPerAxe: Math.round((median(wall) / axe) * 10000) / 10000,
    scanPerAxeCpu: Math.round((median(f.runs.map((r) => r.cpuMs)) / median(f.axeCpuMs)) * 10000) / 10000,
  };
}

/** The benchmark's readable output: one row per page, then the budgets. */
import type { BudgetResult } from './budgets';
import type { PageSummary } from './summary';

const n = (x: number) => (Number.isFinite(x) ? x.toLocaleString('en', { maximumFractionDigits: x < 10 ? 2 : 1 }) : '–');
const pair = (a: number, b: number) => `${n(a)} / ${n(b)}`;

export function formatTable(pages: PageSummary[]): string {
  const head = [
    'page',
    'elements',
    'controls',
    'reported',
    'script start CPU ms',
    'first scan: scanMs / CPU / longest task CPU',
    'heap + external MB',
    'scanMs (median / worst)',
    'CPU ms (median / worst)',
    'CPU ms by rescan',
    'after a class change: CPU ms median / worst',
    'after a text edit: CPU ms median / worst',
    'after a toast came or went: CPU ms median / worst',
    'heap GC tasks CPU ms',
    'wall ms (median / worst)',
    'longest task wall / CPU',
    'longtask seen',
    'layouts + styles',
    'floor ms wall / CPU',
    'scan/floor CPU',
    'isolated floor ms wall / CPU',
    'scan/isolated floor CPU',
    'cold read floor ms wall / CPU',
    'first scan/cold read floor CPU',
    'axe ms wall / CPU',
    'scan/axe wall / CPU',
  ];
  const rows = pages.map((p) => [
    p.skipped ? `${p.name} (pre-check)` : p.name,
    n(p.elements),
    n(p.controls),
    n(p.reportedControls),
    n(p.first.scriptStartCpuMs),
    `${n(p.first.scanMs)} / ${n(p.first.cpuMs)} / ${n(p.first.longestTaskCpuMs)}`,
    `${n(p.memory.heapMB)} + ${n(p.memory.externalMB)}`,
    pair(p.scanMs.median, p.scanMs.worst),
    pair(p.cpuMs.median, p.cpuMs.worst),
    p.cpuByRescan.map((x) => Math.round(x * (x < 10 ? 10 : 1)) / (x < 10 ? 10 : 1)).join(' '),
    p.afterChangeCpuMs ? pair(p.afterChangeCpuMs.median, p.afterChangeCpuMs.worst) : '–',
    p.afterEditCpuMs ? pair(p.afterEditCpuMs.median, p.afterEditCpuMs.worst) : '–',
    p.afterToastCpuMs ? pair(p.afterToastCpuMs.median, p.afterToastCpuMs.worst) : '–',
    pair(p.gcTaskCpuMs.median, p.gcTaskCpuMs.worst),
    pair(p.wallMs.median, p.wallMs.worst),
    pair(p.traceLongestTaskMs, p.traceLongestTaskCpuMs),
    p.longestTaskMs ? `${n(p.longestTaskMs)} ms` : 'none',
    `${p.layouts} + ${p.styleRecalcs}`,
    pair(p.floorMs, p.floorCpuMs),
    n(p.scanPerFloor),
    pair(p.floorIsolatedMs, p.floorIsolatedCpuMs),
    n(p.scanPerIsolatedFloor),
    pair(p.readFloorMs, p.readFloorCpuMs),
    n(p.firstPerReadFloor),
    pair(p.axeMs, p.axeCpuMs),
    `${p.scanPerAxe.toFixed(4)} / ${p.scanPerAxeCpu.toFixed(4)}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(head), rule, ...rows.map(line)].join('\n');
}

export function formatBudgets(results: BudgetResult[]): string {
  return results.map((b) => `${b.status.padEnd(4)}  ${b.description}\n      ${b.detail}`).join('\n');
}

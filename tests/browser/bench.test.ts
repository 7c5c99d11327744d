/**
 * `npm run bench -- --quick --json` runs end to end: the extension scans the smallest plan page and
 * an article, the figures and the budgets come out as JSON. No time is asserted here (budgets live
 * in the benchmark); only what the run must show whatever the machine's speed.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/audit/browser';
import type { BudgetResult } from '../../bench/budgets';
import type { PageSummary } from '../../bench/summary';

const run = promisify(execFile);

describe('npm run bench', () => {
  it('--quick --json measures the scan, the floor and axe-core, and reports every budget', async () => {
    let stdout: string;
    try {
      ({ stdout } = await run('npx', ['tsx', 'bench/run.ts', '--quick', '--json'], { cwd: PROJECT_ROOT, maxBuffer: 10_000_000 }));
    } catch (e) {
      // Exit status 1 is a budget missed on a busy machine: the output is still the result.
      const err = e as { code?: number; stdout?: string };
      expect(err.code).toBe(1);
      stdout = err.stdout ?? '';
    }
    const out = JSON.parse(stdout) as { runs: number; pages: PageSummary[]; budgets: BudgetResult[] };
    expect(out.runs).toBe(2);
    const plan = out.pages.find((p) => p.name === 'plan-1k')!;
    const article = out.pages.find((p) => p.name === 'article-3k')!;
    expect(plan.skipped).toBe(false);
    expect(plan.reportedControls).toBeGreaterThan(0);
    expect(plan.controls).toBeGreaterThan(plan.reportedControls);
    expect(plan.scanMs.median).toBeGreaterThan(0);
    // Each rescan's CPU time, in order, and the collector's own tasks counted apart.
    expect(plan.cpuByRescan).toHaveLength(2);
    for (const ms of plan.cpuByRescan) expect(ms).toBeGreaterThan(0);
    expect(plan.gcTaskCpuMs.worst).toBeGreaterThanOrEqual(0);
    // Scans the content script made by itself after a class of the page changed; the article, which
    // ended at the pre-check, is not scanned again for one.
    expect(plan.afterChangeCpuMs!.median).toBeGreaterThan(0);
    expect(article.afterChangeCpuMs).toBeNull();
    // And after an edit of one text (a counter ticking).
    expect(plan.afterEditCpuMs!.median).toBeGreaterThan(0);
    expect(article.afterEditCpuMs).toBeNull();
    // And after a toast came or went (a node added, then removed).
    expect(plan.afterToastCpuMs!.median).toBeGreaterThan(0);
    expect(article.afterToastCpuMs).toBeNull();
    // The page's load, traced: the task that started the content script, and the first scan's tasks and longest task.
    expect(plan.first.scriptStartCpuMs).toBeGreaterThan(0);
    expect(plan.first.longestTaskCpuMs).toBeGreaterThan(0);
    expect(plan.first.cpuMs).toBeGreaterThanOrEqual(plan.first.longestTaskCpuMs);
    // The page's memory with the scans done: the content script's world and source are in it (the page alone: about 0.6 MB of heap, no external memory).
    for (const p of [plan, article]) {
      expect(p.memory.heapMB).toBeGreaterThan(1);
      expect(p.memory.externalMB).toBeGreaterThan(0.3);
    }
    expect(plan.floorMs).toBeGreaterThanOrEqual(0);
    // The cold read floor: each page's elements visited and its text read in a fresh world, and the first scan over it.
    for (const p of [plan, article]) {
      expect(p.readFloorCpuMs).toBeGreaterThan(0);
      // Both figures are rounded to hundredths: the ratio of the rounded ones is within a few per cent.
      expect(Math.abs(p.firstPerReadFloor / (p.first.cpuMs / p.readFloorCpuMs) - 1)).toBeLessThan(0.05);
    }
    expect(plan.axeMs).toBeGreaterThan(0);
    // The scan only reads: no layout and no style recalculation happens while it runs.
    expect(plan.layouts).toBe(0);
    expect(article.skipped).toBe(true);
    expect(article.reportedControls).toBe(0);
    const ids = out.budgets.map((b) => b.id);
    expect(ids).toEqual(['long-task', 'first-scan', 'large-page', 'account-page', 'precheck', 'large-page-first', 'account-page-first', 'precheck-first', 'vs-axe', 'vs-floor']);
    // The quick run has no page of 10,000 controls nor the account page: those budgets are skipped.
    expect(out.budgets.find((b) => b.id === 'long-task')!.status).toBe('SKIP');
    expect(out.budgets.find((b) => b.id === 'precheck')!.status).not.toBe('SKIP');
    // Every page's first scan is judged, the quick run's too.
    const firstScan = out.budgets.find((b) => b.id === 'first-scan')!;
    expect(firstScan.status).not.toBe('SKIP');
    expect(firstScan.detail).toMatch(/plan-1k|article-3k/);
    // The pre-check is judged on the article's first scan as well as on its rescans.
    expect(out.budgets.find((b) => b.id === 'precheck-first')!.detail).toMatch(/article-3k.*the cold read floor \d/);
    expect(out.budgets.find((b) => b.id === 'account-page-first')!.status).toBe('SKIP');
  }, 240_000);
});

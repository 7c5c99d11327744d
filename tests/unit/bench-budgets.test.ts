/**
 * The bench's budgets judge a page's first scan at load as well as its rescans: the account page's
 * scanMs, an ordinary page's pre-check and a large page's whole scan (bench/budgets.ts).
 */
import { describe, expect, it } from 'vitest';
import { checkBudgets } from '../../bench/budgets';
import type { PageSummary } from '../../bench/summary';

const spread = (n: number) => ({ median: n, worst: n });

/** A page whose every scan, the first one and the rescans, has the figures given. */
function page(name: string, kind: PageSummary['kind'], controls: number, first: { scanMs: number; cpuMs: number; skipped: boolean }, rescanCpuMs: number): PageSummary {
  return {
    name,
    description: '',
    kind,
    elements: controls * 20,
    controls,
    reportedControls: controls,
    findings: 0,
    subscriptionPage: kind === 'plan',
    skipped: first.skipped,
    runs: 5,
    first: { ...first, wallMs: first.scanMs, longestSliceMs: 8, slices: 3, longTaskMs: 0, scriptStartCpuMs: 30, longestTaskCpuMs: 8 },
    memory: { heapMB: 3, externalMB: 1 },
    scanMs: spread(rescanCpuMs),
    wallMs: spread(rescanCpuMs),
    longestTaskMs: 0,
    traceLongestTaskMs: 8,
    traceLongestTaskCpuMs: 8,
    cpuMs: spread(rescanCpuMs),
    cpuByRescan: [rescanCpuMs],
    afterChangeCpuMs: null,
    afterEditCpuMs: null,
    afterToastCpuMs: null,
    gcTaskCpuMs: spread(0),
    longestSliceMs: 8,
    slices: 3,
    layouts: 0,
    styleRecalcs: 0,
    floorMs: 1,
    floorCpuMs: 1,
    floorIsolatedMs: 1,
    floorIsolatedCpuMs: 1,
    readFloorMs: 2,
    readFloorCpuMs: 2,
    firstPerReadFloor: first.cpuMs / 2,
    axeMs: 1000,
    axeCpuMs: 1000,
    scanPerFloor: rescanCpuMs,
    scanPerIsolatedFloor: rescanCpuMs,
    scanPerAxe: rescanCpuMs / 1000,
    scanPerAxeCpu: rescanCpuMs / 1000,
  };
}
const status = (pages: PageSummary[], id: string) => checkBudgets(pages).find((b) => b.id === id)!;

describe('the budgets on a page’s first scan', () => {
  it('fail the account page whose first scan takes 30 ms or more, though its rescans are light', () => {
    const heavy = [page('account', 'plan', 78, { scanMs: 117.4, cpuMs: 104.7, skipped: false }, 6)];
    expect(status(heavy, 'account-page').status).toBe('PASS');
    expect(status(heavy, 'account-page-first')).toMatchObject({ status: 'FAIL', detail: expect.stringContaining('117.4 ms') });
    expect(status([page('account', 'plan', 78, { scanMs: 21, cpuMs: 19, skipped: false }, 6)], 'account-page-first').status).toBe('PASS');
  });

  it('fail an ordinary page whose first scan is not ended by the pre-check, or is ended in 5 ms or more', () => {
    expect(status([page('article-3k', 'ordinary', 700, { scanMs: 30, cpuMs: 29.5, skipped: true }, 3)], 'precheck-first')).toMatchObject({
      status: 'FAIL',
      detail: expect.stringContaining('29.5 ms CPU (the cold read floor 2 ms)'),
    });
    expect(status([page('article-3k', 'ordinary', 700, { scanMs: 3, cpuMs: 3, skipped: false }, 3)], 'precheck-first').detail).toContain('not ended by the pre-check');
    expect(status([page('article-3k', 'ordinary', 700, { scanMs: 4, cpuMs: 4.9, skipped: true }, 3)], 'precheck-first').status).toBe('PASS');
  });

  it('fail the page of 10,000 controls whose first scan takes more than a second of CPU, and skip where none was measured', () => {
    expect(status([page('plan-50k', 'plan', 10_006, { scanMs: 1400, cpuMs: 1095, skipped: false }, 350)], 'large-page-first').status).toBe('FAIL');
    expect(status([page('plan-50k', 'plan', 10_006, { scanMs: 900, cpuMs: 990, skipped: false }, 350)], 'large-page-first').status).toBe('PASS');
    expect(status([page('plan-1k', 'plan', 56, { scanMs: 1400, cpuMs: 1095, skipped: false }, 7)], 'large-page-first').status).toBe('SKIP');
  });
});

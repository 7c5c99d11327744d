/**
 * A scan that finds what the last report sent said is told to the background in a few bytes
 * (scan-same, src/content/report-send.ts): the background keeps its report with the new scan's time,
 * and asks for the report itself when it no longer holds the last one.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGES, startHarness, type Harness } from './harness';
import { tabIdOf, waitFor } from './background-helpers';
import { currentWorker } from '../../src/audit/browser';

declare const chrome: any;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

type Held = { seq: number; scannedAt: string; report: unknown; scanReports: number; sameReports: number } | null;

describe('a report the same as the last one sent', () => {
  it('is kept by the background with the new time, and sent whole when the background has lost the last one', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(h.server.urlFor(join(PAGES, 'bg-unfair.html')));
    const tabId = await tabIdOf(h.browser, page.url());
    const held = async (): Promise<Held> =>
      (await currentWorker(h.browser)).evaluate((t) => {
        const f = (globalThis as any).fairExit;
        const e = f.tabs.get(t);
        if (!e) return null;
        const { scannedAt, scanMs: _ms, ...rest } = e.report;
        return { seq: e.seq, scannedAt, report: rest, scanReports: f.stats.scanReports, sameReports: f.stats.sameReports };
      }, tabId);
    const rescan = async () => (await currentWorker(h.browser)).evaluate((t) => chrome.tabs.sendMessage(t, { type: 'rescan' }), tabId);
    const first = await waitFor('the first report', held, (e) => e !== null && e.seq >= 1);

    await rescan();
    const second = await waitFor('a second scan', held, (e) => e !== null && e.seq > first!.seq);
    expect(second!.sameReports).toBe(first!.sameReports + 1);
    expect(second!.report).toEqual(first!.report);
    expect(second!.scannedAt).not.toBe(first!.scannedAt);

    // The worker lost the tab's report: the scan-same is answered with a request, and the report follows.
    await (await currentWorker(h.browser)).evaluate((t) => (globalThis as any).fairExit.tabs.delete(t), tabId);
    await rescan();
    const third = await waitFor('the report sent again', held, (e) => e !== null && e.seq > second!.seq);
    expect(third!.sameReports).toBe(second!.sameReports + 1);
    expect(third!.scanReports).toBe(second!.scanReports + 1);
    expect(third!.report).toEqual(first!.report);
    await page.close();
  });
});

/**
 * Faults: the MV3 worker stopped in the middle of a save, and storage running full. Real Chromium;
 * the worker is stopped through the DevTools protocol (ServiceWorker.stopAllWorkers), as the browser
 * stops an idle worker: its memory is gone, its storage is not.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentWorker } from '../../src/audit/browser';
import { PAGES, startHarness, type Harness } from './harness';
import { openExtensionPage, send, stopWorker, tabIdOf, waitFor, waitForBadge } from './background-helpers';
import { newsPage } from '../../bench/pages';

declare const chrome: any;

let h: Harness;
let history: Page;
beforeAll(async () => {
  h = await startHarness();
  history = await openExtensionPage(h.browser, 'history.html');
});
afterAll(async () => h?.close());

const url = (file: string) => h.server.urlFor(join(PAGES, file));

type Summary = { id: string; url: string; seenCount: number; lastSeen: number };
const list = async () => (await send<{ reports: Summary[] }>(history, { type: 'list-reports' })).data!.reports;
const pendingKeys = async () => {
  const w = await currentWorker(h.browser);
  return w.evaluate(async () => Object.keys(await chrome.storage.local.get(null)).filter((k: string) => k.startsWith('pending:')));
};
const savedInDb = async () => {
  const w = await currentWorker(h.browser);
  return w.evaluate(async () => (await (globalThis as any).fairExit.db.usage()).reports as number);
};

/** Opens a test page (`file?query` keeps the query) and waits until the background has its report. */
async function visit(fileAndQuery: string): Promise<Page> {
  const [file, query] = fileAndQuery.split('?');
  const page = await h.browser.context.newPage();
  await page.goto(url(file) + (query ? `?${query}` : ''));
  const tabId = await tabIdOf(h.browser, page.url());
  await waitForBadge(h.browser, tabId, (b) => b.scanned && b.url === page.url());
  return page;
}

describe('a worker stopped in the middle of a save', () => {
  it('saves the report once the worker is back, exactly once', async () => {
    const w = await currentWorker(h.browser);
    // Hold the save after its journal entry is written, before the IndexedDB transaction.
    await w.evaluate(() => {
      (globalThis as any).fairExit.saver.hooks.beforeCommit = () => new Promise(() => {});
    });
    const page = await visit('bg-unfair.html');
    const pending = await waitFor('the journal entry', pendingKeys, (k) => k.length === 1);
    expect(await savedInDb()).toBe(0);

    await stopWorker(h.browser, history);
    // Any event wakes the worker; here the history page asks for the list, as a user opening it would.
    const reports = await waitFor('the replayed save', list, (r) => r.length === 1);
    expect(reports[0]).toMatchObject({ url: page.url(), seenCount: 1 });
    expect(await pendingKeys()).toEqual([]);
    expect(pending[0]).toContain(reports[0].id);
    await page.close();
  });

  it('does not count a scan twice when the worker stopped after the commit but before clearing the journal', async () => {
    const w = await currentWorker(h.browser);
    await w.evaluate(() => {
      (globalThis as any).fairExit.saver.hooks.afterCommit = () => new Promise(() => {});
    });
    const page = await visit('bg-unfair.html');
    await waitFor('the committed second sighting', list, (r) => r.length === 1 && r[0].seenCount === 2);
    expect((await pendingKeys()).length).toBe(1);

    await stopWorker(h.browser, history);
    // Wake it (the history page asks for the list), then the journal must be empty and nothing doubled.
    await waitFor('the worker back', list, (r) => r.length === 1);
    await waitFor('the journal to be replayed', pendingKeys, (k) => k.length === 0);
    const reports = await list();
    expect(reports).toHaveLength(1);
    expect(reports[0].seenCount).toBe(2);
    await page.close();
  });
});

describe('storage full', () => {
  it('keeps the newest report by removing the oldest screenshot, then the oldest report, and says so on the history page', async () => {
    // Only the screenshot this test saves may count: no evidence captures of the visited pages.
    await (
      await currentWorker(h.browser)
    ).evaluate(() => {
      (globalThis as any).fairExit.evidence.hooks.captureOnSave = false;
    });
    await send(history, { type: 'delete-all-reports' });
    await send(history, { type: 'clear-storage-status' });
    (await visit('bg-unfair.html?first')).close();
    await waitFor('first saved', list, (r) => r.length === 1);
    const first = (await list())[0];
    (await visit('bg-hostile.html?second')).close();
    await waitFor('second saved', list, (r) => r.length === 2);
    expect(await send(history, { type: 'save-screenshot', reportId: first.id, dataUrl: `data:image/png;base64,${'A'.repeat(400)}` })).toEqual({ ok: true, data: { saved: true } });

    // From now on the database pretends to be full: the next new report needs room.
    const w = await currentWorker(h.browser);
    await w.evaluate(async () => {
      const db = (globalThis as any).fairExit.db;
      db.hooks.simulatedQuotaBytes = (await db.usage()).bytes;
    });
    const third = await visit('bg-unfair.html?third');
    const reports = await waitFor('the newest saved', list, (r) => r.some((x) => x.url === third.url()));
    expect(reports.map((r) => r.url)).toEqual([third.url(), expect.stringContaining('bg-hostile.html?second')]);

    const status = (await send<any>(history, { type: 'get-storage-status' })).data;
    expect(status).toMatchObject({ ok: false, reason: 'quota', evictedReports: 1, evictedScreenshots: 1, evictedSites: ['127.0.0.1'], unsaved: 0 });

    await history.reload();
    await history.waitForSelector('body[data-ready="true"]');
    expect(await history.locator('#status').isVisible()).toBe(true);
    expect(await history.locator('#status-text').textContent()).toBe(
      'Storage for saved reports is full. To keep the newest report, 1 older report (127.0.0.1) and 1 older screenshot were removed.',
    );
    await history.click('#status-dismiss');
    await waitFor(
      'the warning dismissed',
      () => history.locator('#status').isVisible(),
      (v) => !v,
    );
    await third.close();
  });

  it('keeps a report it cannot save at all aside without removing others, tells the user, and saves it when room is made', async () => {
    const w = await currentWorker(h.browser);
    await w.evaluate(() => {
      (globalThis as any).fairExit.db.hooks.simulatedQuotaBytes = 1;
    });
    const page = await visit('bg-retention.html?fourth');
    await waitFor(
      'the warning',
      () => history.locator('#status-text').textContent(),
      (t) => /1 report could not be saved yet/.test(t ?? ''),
    );
    expect(await history.locator('#status').isVisible()).toBe(true);
    // Nothing was removed for a save that could not succeed anyway; the report waits in the journal.
    expect((await list()).map((r) => r.url)).toEqual([expect.stringContaining('?third'), expect.stringContaining('?second')]);
    expect((await pendingKeys()).length).toBe(1);

    // The user deletes old reports: the waiting one is saved.
    await w.evaluate(() => {
      (globalThis as any).fairExit.db.hooks.simulatedQuotaBytes = null;
    });
    await send(history, { type: 'delete-report', id: (await list())[0].id });
    await waitFor('the waiting report saved', list, (r) => r.some((x) => x.url === page.url()));
    expect(await pendingKeys()).toEqual([]);
    expect((await send<any>(history, { type: 'get-storage-status' })).data).toMatchObject({ ok: false, unsaved: 0 });
    await page.close();
  });
});

describe("the pre-check's question on a page's first scan", () => {
  it('is answered by the background, woken from a stop if need be; a page with no word about plans ends on the answer, a measured one asks its texts too', async () => {
    // Everyday words ("free parking", "the weekend") that the first look cannot rule out: the page is read node by node.
    const file = join(mkdtempSync(join(tmpdir(), 'fair-exit-news-')), 'everyday.html');
    writeFileSync(file, newsPage('everyday', 1500).html);
    const answers = async () => (await currentWorker(h.browser)).evaluate(() => (globalThis as any).fairExit.stats.precheckAnswers as number);
    const reportOf = async (page: Page) => {
      const tabId = await tabIdOf(h.browser, page.url());
      await waitForBadge(h.browser, tabId, (b) => b.scanned && b.url === page.url());
      return (await currentWorker(h.browser)).evaluate((t) => (globalThis as any).fairExit.tabs.get(t).report, tabId);
    };
    const before = await answers();
    const first = await h.browser.context.newPage();
    await first.goto(h.server.urlFor(file));
    expect(await reportOf(first)).toMatchObject({ controls: [], findings: [], subscriptionPage: false });
    expect(await answers()).toBe(before + 1);
    // A stopped worker's memory is gone: the question wakes it, and the new worker answers it.
    await stopWorker(h.browser, history);
    const second = await h.browser.context.newPage();
    await second.goto(`${h.server.urlFor(file)}?again`);
    expect(await reportOf(second)).toMatchObject({ controls: [], findings: [], subscriptionPage: false });
    expect(await answers()).toBe(1);
    // A subscription page is measured as before (its question answered too).
    const unfair = await visit('bg-unfair.html?asked');
    const tabId = await tabIdOf(h.browser, unfair.url());
    expect((await waitForBadge(h.browser, tabId, (b) => b.text !== '')).text).not.toBe('');
    expect(await answers()).toBe(2);
    // Its first scan asked the background about its blocks' texts and its short texts too, once each; the pages that ended at the pre-check asked neither.
    const stats = await (await currentWorker(h.browser)).evaluate(() => (globalThis as any).fairExit.stats);
    expect(stats).toMatchObject({ triggerAnswers: 1, planTextAnswers: 1 });
    for (const p of [first, second, unfair]) await p.close();
  });
});

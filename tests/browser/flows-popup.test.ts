/**
 * Recording flows through the popup's buttons in real Chromium: the user clicks through a fixture
 * site (zh: one-click upgrade, a six-click exit past a retention page and a survey), the worker is
 * stopped half way (the recording lives in storage.session), and the popup shows both paths side by
 * side with the finding. The flow is kept in history.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, currentWorker } from '../../src/audit/browser';
import { startHarness, type Harness } from './harness';
import { openExtensionPage, send, stopWorker, waitFor } from './background-helpers';
import { openFixture, openPopup, runAxe } from './popup-helpers';
import { checkManifest, unzipWithSystemTool } from './evidence-helpers';

const SITES = join(PROJECT_ROOT, 'tests/fixtures-flows');
let h: Harness;
let site: Page;
let tabId: number;
let popup: Page;

beforeAll(async () => {
  h = await startHarness();
  const opened = await openFixture(h.browser, h.server, join(SITES, 'zh-video-vip/account.html'));
  site = opened.page;
  tabId = opened.tabId;
  popup = await h.browser.context.newPage();
});
afterAll(async () => h?.close());

/** The background holds the scan of the page now shown in the site's tab. */
async function scanned(file: string): Promise<void> {
  await waitFor(
    `the scan of ${file}`,
    async () => {
      const w = await currentWorker(h.browser);
      return w.evaluate((id) => ((globalThis as any).fairExit.tabs.get(id)?.report.url as string) ?? '', tabId);
    },
    (url) => url.includes(`/${file}`) && site.url().includes(`/${file}`),
    15_000,
  );
}

/** The recording's latest step has its screenshot (the extension takes it a moment after the screen appears). */
async function captured(): Promise<void> {
  await waitFor(
    'the screenshot of the latest step',
    async () => {
      const w = await currentWorker(h.browser);
      return w.evaluate(async (id) => {
        const rec = (await (globalThis as any).chrome.storage.session.get(`flow-rec:${id}`))[`flow-rec:${id}`];
        return rec ? (rec.steps.at(-1).shot ?? null) : null;
      }, tabId);
    },
    (shot) => typeof shot === 'string',
    15_000,
  );
}

/** Clicks like a user: a real mouse click on the page, then waits for the next page's scan and its capture. */
async function clickThrough(selector: string, next: string): Promise<void> {
  await site.click(selector);
  await scanned(next);
  await captured();
}

async function lastDownloadId(): Promise<number> {
  const w = await currentWorker(h.browser);
  return w.evaluate(async () => Math.max(0, ...(await (globalThis as any).chrome.downloads.search({})).map((d: any) => d.id)));
}

async function newestDownload(after: number): Promise<{ path: string }> {
  return waitFor(
    'a finished download',
    async () =>
      (await currentWorker(h.browser)).evaluate(async (n) => {
        const done = (await (globalThis as any).chrome.downloads.search({ orderBy: ['-startTime'] })).filter((d: any) => d.state === 'complete' && d.id > n);
        return done.length ? { path: done[0].filename as string } : null;
      }, after),
    (d) => d !== null,
    20_000,
  ) as Promise<{ path: string }>;
}

const cell = (row: string, col: number) => popup.locator(`table.flow-table tr:has(th:text-is("${row}")) td`).nth(col).innerText();

describe('recording flows from the popup', () => {
  it('records the way out across pages and a worker restart, then the way in, and compares them', async () => {
    await openPopup(h.browser, tabId, popup);
    await popup.getByRole('button', { name: 'Record the way out' }).click();
    await popup.getByRole('button', { name: 'Stop: I got out' }).waitFor();
    // The user looks at the site while clicking through it (only a tab in front is captured).
    await site.bringToFront();

    await clickThrough('#manage-renew', 'renew-settings.html');
    await clickThrough('#turn-off', 'retention.html');
    // The browser stops an idle worker whenever it likes: the recording must survive it.
    await stopWorker(h.browser, popup);
    await clickThrough('#leave', 'survey.html');
    await site.check('input[value=price]');
    await clickThrough('#submit', 'confirm.html');
    await clickThrough('#confirm', 'done.html');

    await openPopup(h.browser, tabId, popup);
    expect(await popup.locator('section.flows .recording').innerText()).toBe('Recording the way out: 6 click(s) and 5 page(s) so far.');
    await popup.getByRole('button', { name: 'Stop: I got out' }).click();
    await popup.getByRole('button', { name: 'Record the way in' }).waitFor();
    expect(await cell('Clicks', 1)).toBe('6');
    expect(await cell('Clicks', 0)).toBe('not recorded');
    expect(await popup.locator('section.flows').innerText()).toContain('Record the other way too');

    // The way in, from the same start page.
    await site.goto(h.server.urlFor(join(SITES, 'zh-video-vip/account.html')));
    await scanned('account.html');
    await openPopup(h.browser, tabId, popup);
    await popup.getByRole('button', { name: 'Record the way in' }).click();
    await popup.getByRole('button', { name: 'Stop: I got in' }).waitFor();
    await site.bringToFront();
    await clickThrough('#upgrade', 'upgraded.html');
    await openPopup(h.browser, tabId, popup);
    await popup.getByRole('button', { name: 'Stop: I got in' }).click();
    await popup.locator('.flow-finding').waitFor();

    const counts = { Steps: ['2', '11'], Pages: ['1', '5'], Clicks: ['1', '6'], 'Retention screens': ['0', '2'], Finished: ['yes', 'yes'] };
    for (const [row, [join, exit]] of Object.entries(counts)) {
      expect([await cell(row, 0), await cell(row, 1)], row).toEqual([join, exit]);
    }
    // The finding is written in the page's language; its rule name in the user's.
    expect(await popup.locator('.flow-finding .rule-name').innerText()).toBe('Leaving takes far more steps than joining');
    expect(await popup.locator('.flow-finding .message').innerText()).toBe('离开需要点击 6 次、经过 5 个页面和 2 个挽留页面;加入只需点击 1 次、1 个页面和 0 个挽留页面。');
    await popup.locator('summary', { hasText: 'Steps of the way out (11)' }).click();
    const steps = await popup.locator('details.flow-steps').nth(1).locator('li').allInnerTexts();
    expect(steps[0]).toBe('Clicked “管理自动续费”');
    expect(steps.filter((s) => s.includes('retention screen'))).toHaveLength(2);
    expect(steps).toContain('Ticked “价格太贵”');
    const axe = await runAxe(popup);
    expect(axe, JSON.stringify(axe, null, 1)).toEqual([]);

    // The flow's evidence bundle: steps and the screen after each, checked by its manifest.
    const before = await lastDownloadId();
    await popup.getByRole('button', { name: 'Export flow evidence' }).click();
    await popup.waitForFunction(() => /^Saved to your downloads: /.test(document.querySelector('.flow-export-status')?.textContent ?? ''), null, { timeout: 20_000 });
    expect(await popup.textContent('.flow-export-status')).toMatch(/^Saved to your downloads: fair-exit-flow_127\.0\.0\.1_\d{4}-\d\d-\d\d\.zip$/);
    const dir = unzipWithSystemTool((await newestDownload(before)).path);
    const manifest = checkManifest(dir);
    const names = manifest.files.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['flow.json', 'steps.txt']));
    expect(names.filter((n) => n.startsWith('steps/exit-')).length).toBeGreaterThanOrEqual(4);
    expect(readFileSync(join(dir, 'steps.txt'), 'utf8')).toContain('“残忍离开”');

    // Kept in history, and in the history export.
    const history = await openExtensionPage(h.browser, 'history.html');
    const listed = await send<{ flows: { join: { clicks: number }; exit: { clicks: number; interstitials: number }; findings: { rule: string }[] }[] }>(history, {
      type: 'list-flows',
    });
    expect(listed.data!.flows).toHaveLength(1);
    expect(listed.data!.flows[0]).toMatchObject({ join: { clicks: 1 }, exit: { clicks: 6, interstitials: 2 }, findings: [{ rule: 'flow-asymmetry' }] });
    const exported = await send<{ flows: unknown[] }>(history, { type: 'export-history' });
    expect(exported.data!.flows).toHaveLength(1);
    await history.close();
  });

  it('clicks are not captured when the tab is not recording', async () => {
    await site.goto(h.server.urlFor(join(SITES, 'zh-video-vip/account.html')));
    await scanned('account.html');
    const w = await currentWorker(h.browser);
    const before = await w.evaluate(async () => Object.keys(await (globalThis as any).chrome.storage.session.get(null)).filter((k: string) => k.startsWith('flow-rec:')));
    expect(before).toEqual([]);
    await site.click('#upgrade');
    await scanned('upgraded.html');
    await openPopup(h.browser, tabId, popup);
    expect(await popup.getByRole('button', { name: 'Record the way out' }).count()).toBe(1);
    // The saved flow is unchanged: one click in, six out.
    expect(await cell('Clicks', 0)).toBe('1');
  });
});

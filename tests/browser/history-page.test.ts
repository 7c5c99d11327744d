import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentWorker } from '../../src/audit/browser';
import { PAGES, startHarness, type Harness } from './harness';
import { badgeOf, openExtensionPage, send, tabIdOf, waitFor, waitForBadge } from './background-helpers';

let h: Harness;
let history: Page;
beforeAll(async () => {
  h = await startHarness();
  history = await openExtensionPage(h.browser, 'history.html');
});
afterAll(async () => h?.close());

const url = (file: string) => h.server.urlFor(join(PAGES, file));

type Listed = { reports: { url: string; site: string; title: string }[]; sites: string[] };
async function listed(): Promise<Listed> {
  const r = await send<Listed>(history, { type: 'list-reports' });
  return r.data!;
}

/** Opens a page in a new tab and waits until the background has its report. */
async function visit(file: string): Promise<{ page: Page; tabId: number }> {
  const page = await h.browser.context.newPage();
  await page.goto(url(file));
  const tabId = await tabIdOf(h.browser, page.url());
  await waitForBadge(h.browser, tabId, (b) => b.scanned && b.url === page.url());
  return { page, tabId };
}

async function reloadHistory(hash = ''): Promise<void> {
  await history.goto(`chrome-extension://${h.browser.extensionId}/history.html${hash}`);
  await history.waitForSelector('body[data-ready="true"]');
}

describe('history page', () => {
  it('lists every saved report newest first, with site, date and findings by rule; fair pages are not saved', async () => {
    for (const f of ['bg-retention.html', 'bg-fair.html', 'bg-unfair.html', 'bg-hostile.html']) (await visit(f)).page.close();
    await waitFor('three saved reports', listed, (l) => l.reports.length === 3);
    await reloadHistory();
    const items = history.locator('#reports > li');
    expect(await items.count()).toBe(3);
    const titles = await history.locator('#reports .title').allTextContents();
    expect(titles[0]).toBe('<img src=x onerror="window.__pwned=1"> Membership');
    expect(titles[1]).toBe('Your membership · StreamBox');
    expect(titles[2]).toBe('Membership · Notely');
    // Each entry names its page by address too (issue 5: the history lists pages by URL).
    expect(await history.locator('#reports .url').allTextContents()).toEqual([url('bg-hostile.html'), url('bg-unfair.html'), url('bg-retention.html')]);
    expect(await history.locator('#reports .site').first().textContent()).toBe('127.0.0.1');
    const rules = await items
      .nth(1)
      .locator('.rule')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')));
    expect(rules).toEqual(expect.arrayContaining(['forced-contact', 'confirmshaming', 'loss-framing']));
    expect(await items.nth(2).locator('.counts').textContent()).toBe('1 to review');
    expect(await history.locator('#reports time').first().textContent()).toMatch(/\d{4}/);
  });

  it('filters by site and rule and searches text', async () => {
    await reloadHistory();
    await history.selectOption('#filter-rule', 'forced-contact');
    await waitFor(
      'the rule filter',
      () => history.locator('#reports > li').count(),
      (n) => n === 2,
    );
    await history.selectOption('#filter-rule', '');
    await history.fill('#search', 'care about my NOTES');
    await waitFor(
      'the search',
      () => history.locator('#reports .title').allTextContents(),
      (t) => t.length === 1 && t[0] === 'Membership · Notely',
    );
    await history.fill('#search', 'no such words anywhere');
    await waitFor(
      'no match',
      () => history.locator('.empty').count(),
      (n) => n === 1,
    );
    await history.fill('#search', '');
    expect(await history.locator('#filter-site option').allTextContents()).toEqual(['All sites', '127.0.0.1']);
    await history.selectOption('#filter-site', '127.0.0.1');
    await waitFor(
      'the site filter',
      () => history.locator('#reports > li').count(),
      (n) => n === 3,
    );
  });

  it('opens one report in full and shows hostile page text as text, never as markup', async () => {
    await reloadHistory();
    await history.locator('#reports > li').first().locator('button.open').click();
    await history.waitForSelector('.detail h2.title');
    expect(await history.locator('.detail h2.title').textContent()).toBe('<img src=x onerror="window.__pwned=1"> Membership');
    const rules = await history.locator('.finding').evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')));
    expect(rules).toEqual(expect.arrayContaining(['confirmshaming', 'forced-contact', 'loss-framing']));
    expect(await history.locator('.finding[data-rule="confirmshaming"] .message').textContent()).toContain('<img src=x onerror="window.__pwned=1">');
    expect(await history.locator('.finding[data-rule="confirmshaming"] .controls q').first().textContent()).toContain('<img src=x');
    // No image from the page's markup; the only image allowed is the extension's own screenshot (a PNG data URL).
    expect(await history.locator('img:not(figure.screenshot > img)').count()).toBe(0);
    for (const src of await history.locator('figure.screenshot > img').evaluateAll((els) => els.map((e) => e.getAttribute('src')))) expect(src).toMatch(/^data:image\/png;base64,/);
    expect(await history.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await history.locator('.detail .meta a').getAttribute('href')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.*bg-hostile\.html$/);
    await history.click('.detail button.back');
    await history.waitForSelector('#reports');
  });

  it('exports the whole history as JSON', async () => {
    await reloadHistory();
    const [download] = await Promise.all([history.waitForEvent('download'), history.click('#export')]);
    expect(download.suggestedFilename()).toMatch(/^fair-exit-history-\d{4}-\d\d-\d\d\.json$/);
    const data = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(data).toMatchObject({ format: 'fair-exit-history', schemaVersion: 1, tool: { name: 'fair-exit' } });
    expect(data.reports).toHaveLength(3);
    expect(data.reports[0].report.findings.length).toBeGreaterThan(0);
  });

  it('deletes one report and then all of them, each after confirmation', async () => {
    await reloadHistory();
    history.once('dialog', (d) => void d.dismiss());
    await history.locator('#reports > li').first().locator('button.delete').click();
    await history.waitForTimeout(200);
    expect((await listed()).reports).toHaveLength(3);

    history.once('dialog', (d) => void d.accept());
    await history.locator('#reports > li').first().locator('button.delete').click();
    await waitFor(
      'one deleted',
      () => history.locator('#reports > li').count(),
      (n) => n === 2,
    );
    expect((await listed()).reports.map((r) => r.title)).not.toContain('<img src=x onerror="window.__pwned=1"> Membership');

    let asked = '';
    history.once('dialog', (d) => {
      asked = d.message();
      void d.accept();
    });
    await history.click('#delete-all');
    await waitFor(
      'all deleted',
      () => history.locator('.empty').count(),
      (n) => n === 1,
    );
    expect(asked).toMatch(/Delete every saved report/);
    expect((await listed()).reports).toHaveLength(0);
  });

  it('tells a page already open that its site was turned off, and on again (no scan, then scans)', async () => {
    const { page, tabId } = await visit('bg-unfair.html');
    const w = await currentWorker(h.browser);
    const reports = () => w.evaluate(() => (globalThis as any).fairExit.stats.scanReports as number);
    const rescan = () => w.evaluate((id) => (globalThis as any).chrome.tabs.sendMessage(id, { type: 'rescan' }), tabId);
    const sites = (disabledSites: string[]) => send(history, { type: 'set-settings', settings: { disabledSites, language: 'auto' } });
    // The content script hears of the change from the background (it does not follow storage itself).
    await sites(['127.0.0.1']);
    await waitFor(
      'a rescan that sends no report',
      async () => {
        const before = await reports();
        await rescan();
        await page.waitForTimeout(600);
        return (await reports()) - before;
      },
      (added) => added === 0,
    );
    await sites([]);
    const before = await reports();
    await waitFor(
      'a rescan that sends a report again',
      async () => {
        await rescan();
        await page.waitForTimeout(300);
        return (await reports()) - before;
      },
      (added) => added > 0,
    );
    await page.close();
  });

  it('turns scanning off for a site (the content script does not scan) and switches the language', async () => {
    await reloadHistory();
    await history.click('#settings summary');
    await history.fill('#site-input', 'javascript:alert(1)');
    await history.click('#add-site button');
    expect(await history.locator('#settings .problem').textContent()).toMatch(/not a site name/);
    await history.fill('#site-input', 'http://127.0.0.1/whatever');
    await history.click('#add-site button');
    await waitFor(
      'the site listed',
      () => history.locator('#disabled-sites li[data-site]').allTextContents(),
      (t) => t.length === 1,
    );
    expect(await history.locator('#disabled-sites li[data-site]').getAttribute('data-site')).toBe('127.0.0.1');

    const w = await currentWorker(h.browser);
    const before = await w.evaluate(() => (globalThis as any).fairExit.stats.scanReports);
    const page = await h.browser.context.newPage();
    await page.goto(url('bg-unfair.html'));
    const tabId = await tabIdOf(h.browser, page.url());
    await page.waitForTimeout(1200);
    expect(await w.evaluate(() => (globalThis as any).fairExit.stats.scanReports)).toBe(before);
    expect(await badgeOf(w, tabId)).toMatchObject({ text: '', scanned: false });

    // Back on: the next change is scanned again.
    await history.click('#disabled-sites button');
    await waitFor(
      'the site removed',
      () => history.locator('#disabled-sites li[data-site]').count(),
      (n) => n === 0,
    );
    await page.reload();
    expect(Number((await waitForBadge(h.browser, tabId, (b) => b.text !== '')).text)).toBeGreaterThan(0);
    await page.close();

    await history.selectOption('#language', 'zh-CN');
    await waitFor(
      'Chinese',
      () => history.locator('#heading').textContent(),
      (t) => t === '已保存的报告',
    );
    expect(await history.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await history.locator('#reports .rule').first().textContent()).toMatch(/[\u4e00-\u9fff]/);
    await history.selectOption('#language', 'auto');
    await waitFor(
      'English again',
      () => history.locator('#heading').textContent(),
      (t) => t === 'Saved reports',
    );
  });
});

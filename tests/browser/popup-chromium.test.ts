/** The popup in real Chromium with the built extension: findings, outline, accessibility, hostile text. */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/audit/browser';
import { PAGES, startHarness, type Harness } from './harness';
import { launchWithUiLanguage, openFixture, openPopup, runAxe, type Opened } from './popup-helpers';

const DEMO = join(PROJECT_ROOT, 'demo');
let h: Harness;
let popup: Page;
const pages: Record<string, Opened> = {};

beforeAll(async () => {
  h = await startHarness();
  // Record any CSP violation and any script a hostile label might have smuggled in, on every page.
  await h.browser.context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const files = {
    en: join(DEMO, 'en-account.html'),
    zh: join(DEMO, 'zh-plan.html'),
    fair: join(DEMO, 'fair-account.html'),
    hostile: join(PAGES, 'popup-hostile.html'),
    hostileScan: join(PAGES, 'hostile.html'),
  };
  const opened = await Promise.all(Object.entries(files).map(async ([k, f]) => [k, await openFixture(h.browser, h.server, f)] as const));
  for (const [k, o] of opened) pages[k] = o;
  popup = await h.browser.context.newPage();
});
afterAll(async () => h?.close());

const verdict = (p: Page) => p.locator('h1').innerText();
const expectNoAxeViolations = async (p: Page, state: string) => {
  const v = await runAxe(p);
  expect(v, `${state}: ${JSON.stringify(v, null, 1)}`).toEqual([]);
};
const noInjection = async (p: Page) => {
  const w = await p.evaluate(() => ({ pwned: (window as unknown as { __pwned?: number }).__pwned, csp: (window as unknown as { __csp: string[] }).__csp }));
  expect(w.pwned).toBeUndefined();
  expect(w.csp).toEqual([]);
};

describe('popup in Chromium', () => {
  it('shows the findings of an unfair page, grouped by severity, and passes axe', async () => {
    const { tabId, report } = pages.en;
    await openPopup(h.browser, tabId, popup);
    const violations = report.findings.filter((f) => f.verdict === 'violation').length;
    expect(violations).toBeGreaterThan(1);
    expect(await verdict(popup)).toBe(`${violations} problems make leaving harder than joining`);
    expect(await popup.locator('li.finding.violation').count()).toBe(violations);
    await expect(popup.getByRole('button', { name: /The way to stay outshines the way out/ }).count()).resolves.toBe(1);
    await expectNoAxeViolations(popup, 'en findings');
  });

  it('clicking a finding outlines its controls on the page, in a shadow root marked data-fair-exit', async () => {
    const { page } = pages.en;
    await popup.getByRole('button', { name: /The way to stay outshines the way out/ }).click();
    await popup.getByText('Outlined on the page.').waitFor();
    const outline = await page.evaluate(() => {
      const host = document.querySelector('[data-fair-exit]');
      const boxes = [...(host?.shadowRoot?.querySelectorAll<HTMLElement>('.box') ?? [])].map((b) => b.getBoundingClientRect().toJSON());
      const keep = [...document.querySelectorAll('button')]
        .find((b) => b.textContent === 'Keep my membership')!
        .getBoundingClientRect()
        .toJSON();
      return { open: host?.matches(':popover-open') ?? false, boxes, keep, inLight: document.querySelectorAll('.box').length };
    });
    expect(outline.boxes).toHaveLength(2);
    expect(outline.open).toBe(true);
    expect(outline.inLight).toBe(0);
    // The first box surrounds "Keep my membership".
    const [b] = outline.boxes;
    expect(b.left).toBeLessThanOrEqual(outline.keep.left);
    expect(b.right).toBeGreaterThanOrEqual(outline.keep.right);
    expect(b.top).toBeLessThanOrEqual(outline.keep.top);
    expect(b.bottom).toBeGreaterThanOrEqual(outline.keep.bottom);
    // Showing it again changes nothing in the page's DOM, so it causes no rescan.
    const seqOf = () => h.browser.worker.evaluate((id) => (globalThis as any).fairExit.tabs.get(id)?.seq as number, pages.en.tabId);
    // The first outline put the overlay's host into the page, a change whose rescan comes after the
    // watcher's quiet period: wait until the reports rest (a fixed 600 ms was too short on a loaded machine).
    let seq = await seqOf();
    for (let quiet = 0; quiet < 3;) {
      await page.waitForTimeout(300);
      const now = await seqOf();
      quiet = now === seq ? quiet + 1 : 0;
      seq = now;
    }
    await popup.locator('.finding-detail:not([hidden])').getByRole('button', { name: 'Show on page' }).click();
    await page.waitForTimeout(700);
    expect(await seqOf()).toBe(seq);
    // The open finding shows the salience bar pair and factors.
    expect(await popup.locator('.bar-row').count()).toBe(2);
    await expectNoAxeViolations(popup, 'finding open');
    await popup.emulateMedia({ colorScheme: 'dark' });
    await expectNoAxeViolations(popup, 'finding open, dark');
    await popup.getByRole('button', { name: 'Report a false warning' }).click();
    await expectNoAxeViolations(popup, 'note form, dark');
    await popup.emulateMedia({ colorScheme: 'light' });
    await expectNoAxeViolations(popup, 'note form, light');
    // The note is kept with the saved report (save-note), locally.
    await popup.getByRole('textbox', { name: 'What is wrong with it?' }).fill('The link is plain on purpose.');
    await popup.getByRole('button', { name: 'Save note' }).click();
    await popup.getByText("Saved. You'll find the note with this report in History.").waitFor();
    await noInjection(popup);
  });

  it('follows the language chosen in the settings (zh-TW), through the same message files', async () => {
    const set = (language: string) =>
      popup.evaluate((language) => (globalThis as any).chrome.runtime.sendMessage({ type: 'set-settings', settings: { disabledSites: [], language } }), language);
    expect(await set('zh-TW')).toMatchObject({ ok: true });
    await openPopup(h.browser, pages.en.tabId, popup);
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe('zh-TW');
    const n = pages.en.report.findings.filter((f) => f.verdict === 'violation').length;
    expect(await verdict(popup)).toBe(`發現 ${n} 處讓降級比升級更難的設計`);
    await popup.getByRole('button', { name: /留下的按鈕遠比離開的入口醒目/ }).waitFor();
    await expectNoAxeViolations(popup, 'zh-TW');
    expect(await set('auto')).toMatchObject({ ok: true });
  });

  it('a hidden control: the nearest rendered area is outlined, dashed (Chinese page)', async () => {
    const { tabId, page, report } = pages.zh;
    await openPopup(h.browser, tabId, popup);
    const n = report.findings.filter((f) => f.verdict === 'violation').length;
    expect(await verdict(popup)).toBe(`${n} problems make leaving harder than joining`);
    await popup.getByRole('button', { name: /The way out is hidden.*取消自动续费/ }).click();
    await popup.getByText('It is hidden on the page; the nearest visible area is outlined.').waitFor();
    const cls = await page.evaluate(() => document.querySelector('[data-fair-exit]')?.shadowRoot?.querySelector('.box')?.className);
    expect(cls).toBe('box stand-in');
  });

  it('rescan re-fetches the report', async () => {
    const before = await popup.locator('h1').innerText();
    await popup.getByRole('button', { name: 'Rescan' }).click();
    await popup.waitForFunction(
      () => document.querySelector('.view')?.getAttribute('aria-busy') === 'false' && document.querySelector('[data-action=rescan]')?.textContent === 'Rescan',
    );
    expect(await verdict(popup)).toBe(before);
  });

  it('is keyboard operable, with a visible focus ring', async () => {
    await openPopup(h.browser, pages.en.tabId, popup);
    let focused = '';
    for (let i = 0; i < 5 && !focused.includes('finding-toggle'); i++) {
      await popup.keyboard.press('Tab');
      focused = await popup.evaluate(() => document.activeElement?.className ?? '');
    }
    expect(focused).toContain('finding-toggle');
    const ring = await popup.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(ring).toBe('solid');
    await popup.keyboard.press('Enter');
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('aria-expanded'))).toBe('true');
    await popup.getByText('Outlined on the page.').waitFor();
  });

  it('a fair page says so plainly', async () => {
    await openPopup(h.browser, pages.fair.tabId, popup);
    expect(await verdict(popup)).toBe('Leaving looks as easy as joining on this page');
    await expectNoAxeViolations(popup, 'fair');
  });

  it('a page that cannot be scanned says why', async () => {
    const blank = await h.browser.context.newPage(); // about:blank
    const worker = h.browser.worker;
    const tabId = await worker.evaluate(async () => {
      const tabs = await (globalThis as any).chrome.tabs.query({ url: 'about:blank' });
      return tabs[tabs.length - 1].id as number;
    });
    await openPopup(h.browser, tabId, popup);
    expect(await verdict(popup)).toBe("This page can't be checked");
    expect(await popup.locator('main').innerText()).toMatch(/browser's own pages/);
    await expectNoAxeViolations(popup, 'unscannable');
    await blank.close();
  });

  it('hostile labels are shown literally as text, truncated, and nothing is injected', async () => {
    const { tabId, page } = pages.hostile;
    await openPopup(h.browser, tabId, popup);
    expect(await verdict(popup)).toBe('2 problems make leaving harder than joining');
    await popup.getByRole('button', { name: /The way to stay outshines the way out/ }).click();
    await popup.locator('details.checked summary').click();
    const seen = await popup.evaluate(() => ({
      injected: document.querySelectorAll('img, script:not([src]), iframe, object, embed').length,
      text: document.body.innerText,
      title: document.querySelector('.page-title')?.textContent,
      labels: [...document.querySelectorAll('.page-text bdi')].map((b) => b.textContent ?? ''),
    }));
    expect(seen.injected).toBe(0);
    expect(seen.title).toBe('My plan <img src=x onerror="window.__pwned=3">');
    expect(seen.text).toContain('Upgrade now <img src=x onerror="window.__pwned=1"></title><script>window.__pwne…');
    expect(seen.text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(seen.text).toContain('Cancel subscription lanif si siht AAAA');
    for (const l of seen.labels) expect(l.length).toBeLessThanOrEqual(80);
    await expectNoAxeViolations(popup, 'hostile');
    await noInjection(popup);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    // tests/browser/pages/hostile.html has no findings; its labels show in "What was checked".
    await openPopup(h.browser, pages.hostileScan.tabId, popup);
    await popup.locator('details.checked summary').click();
    const listed = await popup.locator('details.checked').innerText();
    expect(listed).toContain('Upgrade <img src=x onerror="window.__pwned=1"></title><script>window.__pwned=2<…');
    expect(await popup.locator('details.checked img, details.checked script').count()).toBe(0);
    await noInjection(popup);
  });

  it('with a Chinese browser UI the popup is in Chinese (browser.i18n picks _locales/zh_CN)', async () => {
    const zh = await launchWithUiLanguage('zh-CN');
    try {
      const { tabId, report } = await openFixture(zh, h.server, join(DEMO, 'zh-plan.html'));
      const p = await openPopup(zh, tabId);
      expect(await p.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      const n = report.findings.filter((f) => f.verdict === 'violation').length;
      expect(await verdict(p)).toBe(`发现 ${n} 处让降级比升级更难的设计`);
      await p.getByRole('button', { name: /留下的按钮远比离开的入口醒目/ }).click();
      await p.getByText('已在页面上标出。').waitFor();
      await expectNoAxeViolations(p, 'zh-CN');
    } finally {
      await zh.close();
    }
  });

  it('opens history in a new tab', async () => {
    const [tab] = await Promise.all([h.browser.context.waitForEvent('page'), popup.getByRole('button', { name: 'History' }).click()]);
    expect(tab.url()).toBe(`chrome-extension://${h.browser.extensionId}/history.html`);
    await tab.close();
  });
});

/**
 * The evidence bundle in real Chromium, from each path: the popup's export (downloads API), the
 * history page (a saved report, exported after its tab is gone), the background directly (whole-page
 * stitch, determinism). The audit's --out path is in evidence-audit.test.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentWorker } from '../../src/audit/browser';
import { PageReport } from '../../src/report/schema';
import { openExtensionPage, waitFor } from './background-helpers';
import { checkManifest, expectSafe, inspectReportHtml, pngSize, removeTempDirs, tempDir, unzipWithSystemTool } from './evidence-helpers';
import { PAGES, startHarness, type Harness } from './harness';
import { openFixture, openPopup } from './popup-helpers';

declare const chrome: any;

let h: Harness;
let viewer: Page;
beforeAll(async () => {
  h = await startHarness();
  viewer = await h.browser.context.newPage();
});
afterAll(async () => {
  await h?.close();
  removeTempDirs();
});

/** The stored capture of a saved report, once the background has kept one. */
async function storedCapture(reportId: string): Promise<{ screenshot: string; full: string | null }> {
  const w = await currentWorker(h.browser);
  return waitFor(
    'a capture kept with the saved report',
    () => w.evaluate(async (id) => (await (globalThis as any).fairExit.db.get(id))?.screenshot?.capture ?? null, reportId),
    (c) => c !== null,
    20_000,
  );
}

async function savedIdOf(tabId: number): Promise<string> {
  const w = await currentWorker(h.browser);
  return waitFor(
    'the saved id',
    () => w.evaluate((t) => (globalThis as any).fairExit.tabs.get(t)?.savedId ?? null, tabId),
    (id) => typeof id === 'string',
  );
}

/** The newest completed download's path on disk (the downloads API, as the popup and history use it). */
async function newestDownload(after: number): Promise<{ path: string; bytes: number }> {
  const w = await currentWorker(h.browser);
  return waitFor(
    'a finished download',
    () =>
      w.evaluate(async (n) => {
        const done = (await chrome.downloads.search({ orderBy: ['-startTime'] })).filter((d: any) => d.state === 'complete' && d.id > n);
        return done.length ? { path: done[0].filename as string, bytes: done[0].fileSize as number, id: done[0].id as number } : null;
      }, after),
    (d) => d !== null,
    20_000,
  ) as Promise<{ path: string; bytes: number }>;
}

async function lastDownloadId(): Promise<number> {
  const w = await currentWorker(h.browser);
  return w.evaluate(async () => Math.max(0, ...(await chrome.downloads.search({})).map((d: any) => d.id)));
}

const screen = (page: Page) => page.evaluate(() => ({ width: innerWidth * devicePixelRatio, height: innerHeight * devicePixelRatio }));

describe('evidence bundle from the popup', () => {
  it('"Export evidence" downloads a complete, tamper-evident, safe bundle of a hostile page', async () => {
    const o = await openFixture(h.browser, h.server, join(PAGES, 'popup-hostile.html'));
    const size = await screen(o.page);
    await storedCapture(await savedIdOf(o.tabId));
    const popup = await openPopup(h.browser, o.tabId);
    const before = await lastDownloadId();
    await popup.getByRole('button', { name: 'Export evidence' }).click();
    await popup.waitForFunction(() => /^Saved to your downloads: /.test(document.querySelector('.export-status')?.textContent ?? ''), null, { timeout: 20_000 });
    expect(await popup.textContent('.export-status')).toMatch(/^Saved to your downloads: fair-exit_127\.0\.0\.1_\d{4}-\d\d-\d\d_2-rules\.zip$/);

    const download = await newestDownload(before);
    const dir = unzipWithSystemTool(download.path);
    const manifest = checkManifest(dir);
    const names = manifest.files.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['screenshot.png', 'report.json', 'page.txt', 'page.mhtml', 'report.html', 'complaint.txt']));
    expect(manifest.url).toBe(o.url);
    expect(await pngSize(viewer, join(dir, 'screenshot.png'))).toEqual(size);
    for (const crop of names.filter((n) => n.startsWith('crops/'))) expect((await pngSize(viewer, join(dir, crop))).width).toBeGreaterThan(10);
    expect(names.filter((n) => n.startsWith('crops/')).length).toBeGreaterThanOrEqual(1);

    const report = PageReport.parse(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')));
    expect(report.findings.length).toBeGreaterThan(0);
    expect(readFileSync(join(dir, 'page.txt'), 'utf8')).toContain('Your plan: Premium');
    expect(readFileSync(join(dir, 'complaint.txt'), 'utf8')).toMatch(/What I ask for\n1\. A way to downgrade or cancel online that is as easy as upgrading/);

    const raw = readFileSync(join(dir, 'report.html'), 'utf8');
    // Page markup only ever appears escaped (a boolean, so a failure does not print the whole file).
    expect(/<script|<img src=x/i.test(raw)).toBe(false);
    expect(raw).toContain('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;');
    const html = await inspectReportHtml(viewer, join(dir, 'report.html'));
    expectSafe(html);
    // The hostile labels appear literally, as text.
    expect(html.text).toContain('Upgrade now <img src=x onerror="window.__pwned=1"></title><script>window.__pwned=2</script>');
    expect(html.text).toContain('My plan <img src=x onerror="window.__pwned=3">');
    expect(html.findings).toBe(report.findings.length);
    expect(html.images).toBeGreaterThanOrEqual(2); // the screenshot and a crop, embedded
    await popup.close();
    await o.page.close();
  });
});

describe('evidence bundle from the history page', () => {
  it('exports a saved report with the screenshot taken when it was saved, after its tab is gone', async () => {
    const o = await openFixture(h.browser, h.server, join(PAGES, 'bg-unfair.html'));
    const id = await savedIdOf(o.tabId);
    const stored = await storedCapture(id);
    await o.page.close();

    const history = await openExtensionPage(h.browser, `history.html#report=${encodeURIComponent(id)}`);
    await history.waitForSelector('button.export-evidence');
    const before = await lastDownloadId();
    await history.click('button.export-evidence');
    await history.waitForFunction(() => /Saved to your downloads/.test(document.querySelector('.export-status')?.textContent ?? ''), null, { timeout: 20_000 });
    const dir = unzipWithSystemTool((await newestDownload(before)).path);
    const manifest = checkManifest(dir);
    expect(manifest.capturedAt).not.toBeNull();
    // The page as it was: the very bytes kept at save time.
    expect(readFileSync(join(dir, 'screenshot.png')).toString('base64')).toBe(stored.screenshot.split(',')[1]);
    const html = await inspectReportHtml(viewer, join(dir, 'report.html'));
    expectSafe(html);
    expect(html.text).toContain('StreamBox');
    expect(html.findings).toBeGreaterThan(0);
    await history.close();
  });
});

describe('captures kept with saved reports', () => {
  it('a report saved while its tab was in the background is captured when the tab comes to the front', async () => {
    const w = await currentWorker(h.browser);
    const hooks = (on: boolean) => w.evaluate((v) => ((globalThis as any).fairExit.evidence.hooks.captureOnSave = v), on);
    await hooks(false);
    const o = await openFixture(h.browser, h.server, join(PAGES, 'bg-hostile.html'));
    const id = await savedIdOf(o.tabId);
    const viewerTab = await w.evaluate(async () => (await chrome.tabs.query({})).find((t: any) => t.url === 'about:blank')?.id);
    await w.evaluate((t) => chrome.tabs.update(t, { active: true }), viewerTab);
    expect(await w.evaluate(async (rid) => (await (globalThis as any).fairExit.db.get(rid)).screenshot, id)).toBeNull();
    await hooks(true);
    await w.evaluate((t) => chrome.tabs.update(t, { active: true }), o.tabId);
    const kept = await storedCapture(id);
    expect(kept.screenshot).toMatch(/^data:image\/png;base64,/);
    await o.page.close();
  });
});

describe('MHTML of very large pages', () => {
  it('keeps the screenshot but no MHTML of a page so large that saving it would stall the page, and says why', async () => {
    // bg-hostile.html (flagged, so saved and captured) with 26,000 more elements: Chromium writes MHTML in one task of the page's thread.
    const dir = tempDir('fe-large-');
    const file = join(dir, 'large.html');
    const filler = '<div class="filler"><span>row</span></div>'.repeat(13_000);
    writeFileSync(file, readFileSync(join(PAGES, 'bg-hostile.html'), 'utf8').replace('</body>', `<section hidden>${filler}</section></body>`));
    const o = await openFixture(h.browser, h.server, file);
    const id = await savedIdOf(o.tabId);
    const w = await currentWorker(h.browser);
    const kept = await waitFor(
      'a capture kept with the saved report',
      () => w.evaluate(async (rid) => (await (globalThis as any).fairExit.db.get(rid))?.screenshot?.capture ?? null, id),
      (c) => c !== null,
      20_000,
    );
    expect(kept.screenshot).toMatch(/^data:image\/png;base64,/);
    expect(kept.mhtml).toBeNull();
    expect(kept.mhtmlNote).toMatch(/^the page has \d+ elements: saving it as MHTML would stall the page/);
    await o.page.close();
  });
});

describe('evidence bundle from the background', () => {
  it('stitches the whole page of a tall page, outlines controls below the screen, puts the scroll back, and is deterministic', async () => {
    const o = await openFixture(h.browser, h.server, join(PAGES, 'evidence-tall.html'));
    await o.page.evaluate(() => window.scrollTo(0, 300));
    const size = await screen(o.page);
    const pageHeight = await o.page.evaluate(() => document.documentElement.scrollHeight);
    const w = await currentWorker(h.browser);
    const first = await w.evaluate((u) => (globalThis as any).fairExit.evidence.bundleForUrl(u), o.url);
    expect(await o.page.evaluate(() => scrollY)).toBe(300);

    const tmp = tempDir('fair-exit-tall-');
    writeFileSync(join(tmp, first.fileName), Buffer.from(first.zip, 'base64'));
    const dir = unzipWithSystemTool(join(tmp, first.fileName));
    const manifest = checkManifest(dir);
    expect(await pngSize(viewer, join(dir, 'screenshot.png'))).toEqual(size);
    expect(await pngSize(viewer, join(dir, 'screenshot-full.png'))).toEqual({ width: size.width, height: pageHeight * (size.width / 1280) });
    const report = PageReport.parse(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')));
    expect(report.findings.map((f) => f.rule)).toContain('hidden-exit');
    // The cancel link far below the screen still gets its crop (from the whole page).
    const numbered = new Set(report.findings.flatMap((f) => f.controls)).size;
    expect(manifest.files.filter((f) => f.name.startsWith('crops/')).length).toBe(numbered);

    // The saved report's bundle, twice: the same bytes.
    const id = await savedIdOf(o.tabId);
    const again = await w.evaluate(async (rid) => {
      const ev = (globalThis as any).fairExit.evidence;
      const toB64 = (u8: Uint8Array) => btoa(Array.from(u8, (b) => String.fromCharCode(b)).join(''));
      const a = await ev.bundleForReport(rid);
      const b = await ev.bundleForReport(rid);
      return [toB64(a.zip), toB64(b.zip)];
    }, id);
    expect(again[0]).toBe(again[1]);
    await o.page.close();
  });
});

/**
 * The audit's collector (src/audit/collect.ts) takes a page's report only once the page has stopped
 * changing and the extension has scanned what it shows, changes inside open shadow roots and frames
 * that load late included; or, for a page that ended at the pre-check, once the extension says its
 * report stands (the later changes said nothing of plans).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { collectOn, type Collected } from '../../src/audit/collect';
import { PAGES, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

describe('collecting a report', () => {
  it('waits for a retention sheet drawn into a shadow root after seconds of changes there only', async () => {
    const r = await h.report(join(PAGES, 'collect-shadow-late.html'));
    const rules = r.findings.filter((f) => f.verdict === 'violation').map((f) => f.rule);
    expect(rules).toContain('confirmshaming');
    expect(r.controls.map((c) => c.text)).toContain('我不在乎省钱,执意退订');
  });

  it('sees a retention dialog drawn into a shadow root attached after the first scan', async () => {
    const r = await h.report(join(PAGES, 'shadow-attached-late.html'));
    const rules = r.findings.filter((f) => f.verdict === 'violation').map((f) => f.rule);
    expect(rules).toContain('confirmshaming');
    expect(rules).toContain('loss-framing');
    expect(r.controls.map((c) => c.text)).toContain('狠心关闭,文件丢了也无所谓');
  });

  it('sees the controls of a same-origin frame that loads after the first scan', async () => {
    const r = await h.report(join(PAGES, 'frame-late.html'));
    const quit = r.controls.find((c) => c.text === '取消自动续费');
    expect(quit?.role).toBe('cancel');
    expect(quit?.selector).toBe('#frame >>> #quit');
  });

  it('sees a way out drawn into a same-origin frame after the first scan', async () => {
    const r = await h.report(join(PAGES, 'frame-changing.html'));
    const quit = r.controls.find((c) => c.text === '取消自动续费');
    expect(quit?.role).toBe('cancel');
  });

  it('takes the report of a page that ended at the pre-check once the extension has let its later changes pass', async () => {
    const { got, ticker } = await collectFresh('ended-late-change.html');
    // Its weather line changes after the first scan, which says nothing of plans: no scan comes after
    // the last change, and without the content script's word the collector waited for 5 s ('busy').
    expect(got.ok && got.settledBy).toBe('settled');
    expect(got.ok && got.report.controls).toEqual([]);
    expect(ticker).toBe('Harbour: 10 °C, wind 45 km/h, rain later');
  });

  it('takes the scan of an app that ended at the pre-check while loading, after it draws its account view', async () => {
    const { got } = await collectFresh('ended-then-exit.html');
    expect(got.ok && got.settledBy).toBe('scanned');
    expect(violations(got)).toEqual(expect.arrayContaining(['hidden-exit', 'asymmetric-prominence']));
  });

  it('waits for an app whose data is slow to come, and reports the view it then draws', async () => {
    // Two seconds without a change while the request is under way: quiet by the page's DOM alone.
    const { got } = await collectFresh('fetch-then-draw.html', (page) =>
      page.route('**/fetch-then-draw.json', async (route) => {
        await new Promise((done) => setTimeout(done, 2000));
        await route.continue();
      }),
    );
    expect(got.ok && got.settledBy).toBe('scanned');
    expect(violations(got)).toEqual(expect.arrayContaining(['hidden-exit', 'asymmetric-prominence']));
  });
});

/** The collector run on a test page in a tab of its own (`prepare` first), and the page's ticker line, if any, once it is taken. */
async function collectFresh(file: string, prepare?: (page: Page) => Promise<unknown>): Promise<{ got: Collected; ticker: string | null }> {
  const page = await h.browser.context.newPage();
  try {
    await prepare?.(page);
    const got = await collectOn(h.browser, page, h.server.urlFor(join(PAGES, file)), 15);
    return {
      got,
      ticker: await page
        .locator('#ticker')
        .textContent({ timeout: 1000 })
        .catch(() => null),
    };
  } finally {
    await page.close();
  }
}

const violations = (got: Collected) => (got.ok ? got.report.findings.filter((f) => f.verdict === 'violation').map((f) => f.rule) : []);

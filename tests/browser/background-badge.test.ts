import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGES, startHarness, type Harness } from './harness';
import type { Page } from 'playwright-core';
import { badgeOf, tabIdOf, violationsOf, waitFor, waitForBadge, type Badge } from './background-helpers';
import { currentWorker } from '../../src/audit/browser';
import { randomChanges } from './random-changes';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const HIGH = [0xc5, 0x22, 0x1f, 255];
const url = (file: string) => h.server.urlFor(join(PAGES, file));
/** Bursts of random changes in the extension's test (each waits for two scans). */
const BURSTS = 12;

/** "Scan again" for the tab, as the popup asks it, and the report it gives (the first newer than `after`). */
async function scanAgain(tabId: number, after: { seq: number }, what = 'a report of the scan again'): Promise<{ seq: number; report: string }> {
  await (await currentWorker(h.browser)).evaluate((t) => (globalThis as any).chrome.tabs.sendMessage(t, { type: 'rescan' }), tabId);
  return waitFor(
    what,
    () => reportOf(tabId),
    (e) => e.seq > after.seq,
  );
}

/** A fixture page opened in a new tab and scanned once: the page, its tab and the badge after that scan. */
async function openScanned(file: string): Promise<{ page: Page; tabId: number; badge: Badge }> {
  const page = await h.browser.context.newPage();
  await page.goto(url(file));
  const tabId = await tabIdOf(h.browser, page.url());
  return { page, tabId, badge: await waitForBadge(h.browser, tabId, (b) => b.scanned) };
}

/** The number of the tab's last report held by the background, and the report without its time, as JSON. */
async function reportOf(tabId: number): Promise<{ seq: number; report: string }> {
  return (await (
    await currentWorker(h.browser)
  ).evaluate((t) => {
    const e = (globalThis as any).fairExit.tabs.get(t);
    return { seq: e.seq as number, report: JSON.stringify({ ...e.report, scannedAt: '', scanMs: 0 }) };
  }, tabId)) as { seq: number; report: string };
}

describe('badge', () => {
  it('counts the violations of an unfair page, coloured by the worst severity, and says so in the title', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(url('bg-unfair.html'));
    const tabId = await tabIdOf(h.browser, page.url());
    const badge = await waitForBadge(h.browser, tabId, (b) => b.text !== '');
    const violations = await violationsOf(h.browser, tabId);
    expect(violations.length).toBeGreaterThanOrEqual(3);
    expect(badge.text).toBe(String(violations.length));
    expect(violations.some((v) => v.severity === 'high')).toBe(true);
    expect(badge.colour).toEqual(HIGH);
    expect(badge.title).toBe(`Fair Exit: ${violations.length} problems make leaving harder than joining (worst: high severity)`);

    // A new navigation clears it; a fair page leaves it empty.
    await page.goto(url('bg-fair.html'));
    // The report is held a moment before the title is set: wait for the title to leave its idle text.
    const fair = await waitForBadge(h.browser, tabId, (b) => b.scanned && b.url === page.url() && b.title !== 'Fair Exit');
    expect(fair.text).toBe('');
    expect(fair.title).toBe('Fair Exit: no problems found on this page');
    await page.close();
  });

  /** The unfair fixture as a site would serve it, with `headers`, in a new tab: the page, its tab and its badge once it shows violations. */
  async function servedWith(headers: Record<string, string>): Promise<{ page: Page; tabId: number; badge: Badge }> {
    const page = await h.browser.context.newPage();
    const address = url('bg-unfair.html');
    await page.route(address, (route) => route.fulfill({ contentType: 'text/html', body: readFileSync(join(PAGES, 'bg-unfair.html'), 'utf8'), headers }));
    await page.goto(address);
    const tabId = await tabIdOf(h.browser, page.url());
    return { page, tabId, badge: await waitForBadge(h.browser, tabId, (b) => b.text !== '') };
  }

  it("starts on a page whose own policy forbids every script, requires Trusted Types and sandboxes it (Chromium's content script is a module its loader imports)", async () => {
    const { page, tabId, badge } = await servedWith({
      'content-security-policy': "default-src 'none'; script-src 'none'; require-trusted-types-for 'script'; trusted-types 'none'; sandbox",
    });
    // The policy holds: a script the page adds does not run.
    await page.addScriptTag({ content: 'document.body.dataset.ran = "yes"' }).catch(() => undefined);
    expect(await page.evaluate(() => document.body.dataset.ran ?? 'no')).toBe('no');
    expect(badge.text).toBe(String((await violationsOf(h.browser, tabId)).length));
    expect(Number(badge.text)).toBeGreaterThanOrEqual(3);
    await page.close();
  });

  it('starts on a cross-origin isolated page (COOP and COEP: require-corp)', async () => {
    const { page, tabId, badge } = await servedWith({ 'cross-origin-embedder-policy': 'require-corp', 'cross-origin-opener-policy': 'same-origin' });
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(badge.text).toBe(String((await violationsOf(h.browser, tabId)).length));
    expect(Number(badge.text)).toBeGreaterThanOrEqual(3);
    await page.close();
  });

  it('never counts needs-review findings, and follows a retention dialog that opens later', async () => {
    const { page, tabId, badge: before } = await openScanned('bg-retention.html');
    const w = await currentWorker(h.browser);
    const findings = await w.evaluate((t) => (globalThis as any).fairExit.tabs.get(t).report.findings.map((f: any) => f.verdict), tabId);
    expect(findings).toContain('needs-review');
    expect(findings).not.toContain('violation');
    expect(before.text).toBe('');

    const t0 = Date.now();
    await page.click('#cancel');
    const after = await waitForBadge(h.browser, tabId, (b) => b.text !== '');
    const ms = Date.now() - t0;
    expect(Number(after.text)).toBe((await violationsOf(h.browser, tabId)).length);
    expect(Number(after.text)).toBeGreaterThanOrEqual(2);
    // Debounced: one quiet period (400 ms) after the change, not a scan per mutation.
    expect(ms).toBeGreaterThanOrEqual(350);
    // The dialog opened by a class change alone: that scan read the page's text from the last scan's
    // walk (entrypoints/content.ts). "Scan again" reads it afresh, and reports the same.
    const entry = () => reportOf(tabId);
    const reread = await entry();
    const fresh = await scanAgain(tabId, reread);
    expect(fresh.report).toBe(reread.report);
    await page.close();
  });

  it('reports after nodes are added and texts edited as "scan again" does, reading only what changed', async () => {
    const { page, tabId } = await openScanned('bg-retention.html');
    const entry = () => reportOf(tabId);
    const first = await entry();
    // A notice drawn under the plan's buttons, the price edited in place, the upgrade's label replaced by a node:
    // the content script's next scan brings its last walk up to date with them (TextIndex.carryOver).
    await page.evaluate(() => {
      const notice = document.createElement('p');
      notice.textContent = 'To cancel, please call our support line. Cancellation is only possible by phone.';
      document.querySelector('main')!.append(notice);
      (document.querySelector('main p')!.firstChild as Text).data = '$9/month, renews on 3 January 2027.';
      document.querySelector('.primary')!.replaceChildren('Upgrade to Business');
    });
    const changed = await waitFor('a report after the changes', entry, (e) => e.seq > first.seq);
    expect(changed.report).not.toBe(first.report);
    expect(changed.report).toContain('Upgrade to Business');
    expect(changed.report).toContain('only possible by phone');
    const fresh = await scanAgain(tabId, changed);
    expect(fresh.report).toBe(changed.report);
    await page.close();
  });

  it('reports after each burst of random changes as "scan again" does', async () => {
    const { page, tabId } = await openScanned('random-changes.html');
    const entry = () => reportOf(tabId);
    let last = await entry();
    let changes = 0;
    for (let i = 1; i <= BURSTS; i++) {
      await page.evaluate(randomChanges, 5000 + i);
      // The content script's own scan after the changes (the walk carried over where it can be), then "scan again".
      const changed = await waitFor(`a report after burst ${i}`, entry, (e) => e.seq > last.seq);
      const fresh = await scanAgain(tabId, changed, `a report of the scan again after burst ${i}`);
      expect(changed.report, `burst ${i} (seed ${5000 + i})`).toBe(fresh.report);
      if (changed.report !== last.report) changes++;
      last = fresh;
    }
    // Not vacuous: the bursts change what the page reports.
    expect(changes).toBeGreaterThan(BURSTS / 2);
    await page.close();
  });

  it('follows a single-page app route change (history.pushState and a new view)', async () => {
    const { page, tabId, badge } = await openScanned('bg-spa.html');
    expect(badge.text).toBe('');
    await page.click('#nav-plan');
    expect(page.url()).toMatch(/\?route=plan$/);
    const after = await waitForBadge(h.browser, tabId, (b) => b.text !== '' && b.url === page.url());
    expect(Number(after.text)).toBeGreaterThanOrEqual(2);
    expect(await badgeOf(await currentWorker(h.browser), tabId)).toMatchObject({ text: after.text });
    await page.close();
  });
});

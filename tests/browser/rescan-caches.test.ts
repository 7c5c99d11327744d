/**
 * What the scan keeps across scans (block texts, label answers, the page's text and what it gives:
 * docs/speed.md) must never change a report: a page whose texts change and change back is scanned
 * by one engine again and again, and each report is compared with a fresh engine's on the same page.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../src/audit/browser';
import { LocalServer } from '../../src/audit/server';
import { engineBundle } from './engine-bundle';

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Your subscription · Account</title></head>
<body style="font: 14px Arial">
<h1>Your subscription</h1>
<p>Your plan: Premium. Next billing date: 14 May 2026.</p>
<p id="renews">Your plan renews automatically every month at $9.99 until you cancel.</p>
<div class="row">
  <button style="font-size: 20px; padding: 12px 28px; background: #1565e0; color: #fff; border: 0">Upgrade to Family</button>
  <a id="second" href="#x" style="font-size: 11px; color: #bbb">Edit profile</a>
</div>
<p id="note">Thanks for being with us.</p>
<p id="terms">Thanks for being with us.</p>
</body></html>`;

let browser: Browser;
let server: LocalServer;
let dir: string;
let bundle: string;
beforeAll(async () => {
  bundle = await engineBundle();
  dir = mkdtempSync(join(tmpdir(), 'fair-exit-rescan-'));
  writeFileSync(join(dir, 'plan.html'), PAGE);
  server = new LocalServer();
  await server.start();
  browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-gpu'] });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The report without its time, with the text blocks the sentence rules read and the page's kind, as JSON. */
const REPORT = `(engine) => {
  const { report, snapshot } = engine.scanPage(document);
  const blocks = snapshot.blocks.map(({ element, ...b }) => ({ ...b, nearControls: [...b.nearControls] }));
  return JSON.stringify({ ...report, scanMs: 0, scannedAt: '', blocks, kind: snapshot.pageKind, signals: snapshot.pageSignals });
}`;

describe('scans with what earlier scans kept', () => {
  it('give the report a fresh engine gives, as the page changes and changes back', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.urlFor(join(dir, 'plan.html')));
    await page.evaluate(bundle);
    await page.evaluate('globalThis.__kept = globalThis.__fairExitEngine');
    const states = [
      () => {},
      () => {
        document.getElementById('second')!.textContent = 'Cancel subscription';
        document.getElementById('note')!.textContent = 'Downgrades take effect at the start of your next billing cycle.';
        document.getElementById('renews')!.textContent = 'Your plan: Premium.';
        // As long as the text it replaces: what is kept is kept by the whole text.
        document.getElementById('terms')!.textContent = 'Billed monthly from today';
      },
      () => {
        document.getElementById('second')!.textContent = 'Edit profile';
        document.getElementById('note')!.textContent = 'Thanks for being with us.';
        document.getElementById('renews')!.textContent = 'Your plan renews automatically every month at $9.99 until you cancel.';
        document.getElementById('terms')!.textContent = 'Thanks for being with us.';
      },
    ];
    const reports: string[] = [];
    for (const change of states) {
      await page.evaluate(change);
      // Twice with the kept engine: its second scan of the state reads everything from what it kept.
      const kept = await page.evaluate(`(${REPORT})(globalThis.__kept)`);
      expect(await page.evaluate(`(${REPORT})(globalThis.__kept)`)).toBe(kept);
      // A fresh engine: the bundle evaluated again has nothing kept.
      await page.evaluate(bundle);
      expect(await page.evaluate(`(${REPORT})(globalThis.__fairExitEngine)`)).toBe(kept);
      reports.push(kept as string);
    }
    // The changes matter (a way out appears, a sentence changes), and undoing them gives the first report again.
    expect(reports[1]).not.toBe(reports[0]);
    expect(JSON.parse(reports[1]).controls.some((c: { role: string }) => c.role === 'cancel')).toBe(true);
    expect(JSON.parse(reports[0]).controls.some((c: { role: string }) => c.role === 'cancel')).toBe(false);
    const blockTexts = (r: string) => JSON.parse(r).blocks.map((b: { text: string }) => b.text);
    expect(blockTexts(reports[1])).toContain('Billed monthly from today');
    expect(blockTexts(reports[0])).not.toContain('Billed monthly from today');
    expect(reports[2]).toBe(reports[0]);
    await page.close();
  });
});

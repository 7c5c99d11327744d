/**
 * What the scan keeps across scans (block texts, label answers, the page's text and what it gives:
 * docs/speed.md) must never change a report: a page whose texts change and change back is scanned
 * by one engine again and again, and each report is compared with a fresh engine's on the same page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEnginePages, type EnginePages } from './engine-bundle';

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

/** A plan page whose retention dialog, menu and styles change by their attributes alone; a shadow root holds text too. */
const ATTRIBUTES_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Your membership</title>
<style>.faint { color: #ccc; font-size: 10px } .loud { background: #1565e0; color: #fff; font-size: 20px; padding: 12px 24px; border: 0 }</style></head>
<body style="font: 14px Arial">
<h1>Your membership</h1>
<p>Your plan renews automatically every month at $12.99 until you cancel.</p>
<button class="loud">Upgrade to Premium</button>
<div id="host"></div>
<button id="more" aria-expanded="false">More options</button><div id="menu" hidden><a id="exit" href="#cancel">Cancel membership</a></div>
<div id="dialog" role="dialog" aria-modal="true" hidden style="position: fixed; top: 80px; left: 80px; background: #fff; padding: 20px; border: 1px solid #999">
  <p>Are you sure? You will lose all your saved lists and your watch history.</p>
  <button class="loud">Keep my membership</button> <a href="#bye">Cancel anyway</a>
</div>
<script>document.getElementById('host').attachShadow({ mode: 'open' }).innerHTML = '<p>Members save 20% on every order.</p>';</script>
</body></html>`;

let e: EnginePages;
beforeAll(async () => {
  e = await startEnginePages({ 'plan.html': PAGE, 'attributes.html': ATTRIBUTES_PAGE });
});
afterAll(async () => e?.close());

/** The report without its time, with the text blocks the sentence rules read and the page's kind, as JSON. */
const REPORT = `(engine) => {
  const { report, snapshot } = engine.scanPage(document);
  const blocks = snapshot.blocks.map(({ element, ...b }) => ({ ...b, nearControls: [...b.nearControls] }));
  return JSON.stringify({ ...report, scanMs: 0, scannedAt: '', blocks, kind: snapshot.pageKind, signals: snapshot.pageSignals });
}`;

describe('scans with what earlier scans kept', () => {
  it('give the report a fresh engine gives, as the page changes and changes back', async () => {
    const page = await e.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(e.urlOf('plan.html'));
    await page.evaluate(e.bundle);
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
      await page.evaluate(e.bundle);
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

  it("read the last scan's walk after changes of attributes alone, and give a fresh engine's report", async () => {
    const page = await e.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(e.urlOf('attributes.html'));
    await page.evaluate(e.bundle);
    await page.evaluate('globalThis.__kept = globalThis.__fairExitEngine');
    // As the content script does: the walk of the last (measured) scan, given to the next.
    const WITH_WALK = `(() => {
      const { report, snapshot } = globalThis.__kept.scanPage(document, { walk: globalThis.__walk });
      const reused = globalThis.__walk !== undefined && snapshot.walk === globalThis.__walk;
      globalThis.__walk = snapshot.walk;
      const blocks = snapshot.blocks.map(({ element, ...b }) => ({ ...b, nearControls: [...b.nearControls] }));
      return { reused, report: JSON.stringify({ ...report, scanMs: 0, scannedAt: '', blocks, kind: snapshot.pageKind, signals: snapshot.pageSignals }) };
    })()`;
    const states = [
      () => {},
      () => {
        document.getElementById('dialog')!.removeAttribute('hidden');
        document.getElementById('menu')!.removeAttribute('hidden');
        document.getElementById('more')!.setAttribute('aria-expanded', 'true');
      },
      () => {
        document.getElementById('exit')!.className = 'faint';
        document.getElementById('dialog')!.setAttribute('style', 'display: none');
      },
      () => {
        document.getElementById('exit')!.className = '';
        document.getElementById('dialog')!.setAttribute('hidden', '');
        document.getElementById('dialog')!.removeAttribute('style');
        document.getElementById('menu')!.setAttribute('hidden', '');
        document.getElementById('more')!.setAttribute('aria-expanded', 'false');
      },
    ];
    const reports: string[] = [];
    for (const [i, change] of states.entries()) {
      await page.evaluate(change);
      const { reused, report } = (await page.evaluate(WITH_WALK)) as { reused: boolean; report: string };
      expect(reused).toBe(i > 0);
      await page.evaluate(e.bundle);
      expect(await page.evaluate(`(${REPORT})(globalThis.__fairExitEngine)`)).toBe(report);
      reports.push(report);
    }
    // The changes matter: the dialog's controls are measured on screen, the faint link is fainter.
    const controls = (r: string) => JSON.parse(r).controls as { text: string; visible: boolean; factors: { fontSize: number } }[];
    expect(controls(reports[1]).find((c) => c.text === 'Keep my membership')?.visible).toBe(true);
    expect(controls(reports[0]).find((c) => c.text === 'Keep my membership')?.visible ?? false).toBe(false);
    expect(controls(reports[2]).find((c) => c.text === 'Cancel membership')?.factors.fontSize).toBe(10);
    expect(reports[3]).toBe(reports[0]);
    // The text in the shadow root is read by every scan (it is not in the walk kept).
    expect(JSON.parse(reports[0]).signals).toEqual(JSON.parse(reports[3]).signals);
    await page.close();
  });
});

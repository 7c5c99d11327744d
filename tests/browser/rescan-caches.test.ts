/**
 * What the scan keeps across scans (block texts, label answers, the page's text and what it gives:
 * docs/speed.md) must never change a report: a page whose texts change and change back is scanned
 * by one engine again and again, and each report is compared with a fresh engine's on the same page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEnginePages, type EnginePages } from './engine-bundle';
import { PAGES } from './harness';
import { randomChanges } from './random-changes';

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

/**
 * A plan page whose texts are edited in place (a countdown, a label, a sentence): cards read node by
 * node for their clauses, a pointer-cursor label of a generic tag, a paragraph of its own.
 */
const EDITS_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Your plan</title>
<style>.loud { background: #1565e0; color: #fff; font-size: 20px; padding: 12px 24px; border: 0 } .go { cursor: pointer; color: #bbb; font-size: 11px }</style></head>
<body style="font: 14px Arial">
<h1>Your plan</h1>
<div class="card"><b>Premium</b> <span id="clock">Offer ends in 04:59</span> <button class="loud">Upgrade to Family</button> <a id="card-exit" href="#x">Edit profile</a></div>
<div class="card"><b>Basic</b> <span id="line">Thanks for being with us.</span> <span class="go" id="generic">See details</span></div>
<p id="para">Your plan renews automatically every month at $9.99 until you cancel.</p>
<ul><li>Seat 1 <a href="#s1">Rename</a></li><li>Seat 2 <a href="#s2">Rename</a></li></ul>
</body></html>`;

let e: EnginePages;
beforeAll(async () => {
  e = await startEnginePages({
    'plan.html': PAGE,
    'attributes.html': ATTRIBUTES_PAGE,
    'edits.html': EDITS_PAGE,
    'random.html': readFileSync(join(PAGES, 'random-changes.html'), 'utf8'),
  });
});
afterAll(async () => e?.close());

/** A scan's report without its time, with the text blocks the sentence rules read and the page's kind, as JSON (a function's source, for the page). */
const AS_JSON = `({ report, snapshot }) => {
  const blocks = snapshot.blocks.map(({ element, ...b }) => ({ ...b, nearControls: [...b.nearControls] }));
  return JSON.stringify({ ...report, scanMs: 0, scannedAt: '', blocks, kind: snapshot.pageKind, signals: snapshot.pageSignals });
}`;
const REPORT = `(engine) => (${AS_JSON})(engine.scanPage(document))`;
/** A report's controls, as the tests read them. */
type ReportControl = { text: string; role: string; visible: boolean; factors: { fontSize: number } };
const controlsOf = (r: string): ReportControl[] => JSON.parse(r).controls;

/** A report's text blocks' texts, one string. */
const blockTexts = (r: string): string =>
  JSON.parse(r)
    .blocks.map((b: { text: string }) => b.text)
    .join(' | ');

/** The kept engine's change watcher on the page, as `__watcher`, with nothing listed yet. */
const WATCH = 'globalThis.__watcher = __kept.watchForChanges(document, () => {}); __watcher.takeChanges()';
/**
 * A scan as the content script makes one after changes: what the watcher lists since the last scan carried
 * over into the last walk, and the shadow roots found watched; whether the walk was carried, and the report.
 */
const WITH_CHANGES = `(() => {
  const { structure, ...since } = globalThis.__watcher.takeChanges();
  const walk = globalThis.__walk;
  const carried = !structure && walk !== undefined && walk.carryOver(since);
  const scan = globalThis.__kept.scanPage(document, { walk: carried ? walk : undefined });
  globalThis.__walk = scan.snapshot.walk;
  for (const root of scan.snapshot.shadowRoots?.() ?? []) globalThis.__watcher.observe(root);
  return { carried, report: (${AS_JSON})(scan) };
})()`;

/** A page of the tests with the engine in it, kept as `__kept` (what it keeps lasts from scan to scan). */
async function pageWithEngine(file: string): Promise<Page> {
  const page = await e.openWithEngine(file);
  await page.evaluate('globalThis.__kept = globalThis.__fairExitEngine');
  return page;
}

/**
 * Each state of the page in turn (a change made in the page), scanned by the kept engine with the last
 * scan's walk as `scan(i)` gives it (the source of an expression giving whether the walk was read again,
 * and the report) and by a fresh engine: the reports, each the fresh engine's. Every scan but the first
 * reads the walk again.
 */
async function carriedReports(page: Page, states: (string | (() => void))[], scan: (i: number) => string): Promise<string[]> {
  const reports: string[] = [];
  for (const [i, change] of states.entries()) {
    await page.evaluate(change);
    const { carried, report } = (await page.evaluate(scan(i))) as { carried: boolean; report: string };
    expect(carried, `state ${i}`).toBe(i > 0);
    await page.evaluate(e.bundle);
    expect(await page.evaluate(`(${REPORT})(globalThis.__fairExitEngine)`), `state ${i}`).toBe(report);
    reports.push(report);
  }
  return reports;
}

describe('scans with what earlier scans kept', () => {
  it('give the report a fresh engine gives, as the page changes and changes back', async () => {
    const page = await pageWithEngine('plan.html');
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
    expect(controlsOf(reports[1]).some((c) => c.role === 'cancel')).toBe(true);
    expect(controlsOf(reports[0]).some((c) => c.role === 'cancel')).toBe(false);
    expect(blockTexts(reports[1])).toContain('Billed monthly from today');
    expect(blockTexts(reports[0])).not.toContain('Billed monthly from today');
    expect(reports[2]).toBe(reports[0]);
    await page.close();
  });

  it("read the last scan's walk after changes of attributes alone, and give a fresh engine's report", async () => {
    const page = await pageWithEngine('attributes.html');
    // As the content script does: the walk of the last (measured) scan, given to the next.
    const WITH_WALK = `(() => {
      const scan = globalThis.__kept.scanPage(document, { walk: globalThis.__walk });
      const carried = globalThis.__walk !== undefined && scan.snapshot.walk === globalThis.__walk;
      globalThis.__walk = scan.snapshot.walk;
      return { carried, report: (${AS_JSON})(scan) };
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
    const reports = await carriedReports(page, states, () => WITH_WALK);
    // The changes matter: the dialog's controls are measured on screen, the faint link is fainter.
    expect(controlsOf(reports[1]).find((c) => c.text === 'Keep my membership')?.visible).toBe(true);
    expect(controlsOf(reports[0]).find((c) => c.text === 'Keep my membership')?.visible ?? false).toBe(false);
    expect(controlsOf(reports[2]).find((c) => c.text === 'Cancel membership')?.factors.fontSize).toBe(10);
    expect(reports[3]).toBe(reports[0]);
    // The text in the shadow root is read by every scan (it is not in the walk kept).
    expect(JSON.parse(reports[0]).signals).toEqual(JSON.parse(reports[3]).signals);
    await page.close();
  });

  it("read the last scan's walk after edits of text alone, with the texts nothing changed inside, and give a fresh engine's report", async () => {
    const page = await pageWithEngine('edits.html');
    // As the content script does: each state's edits (the text nodes its watcher lists) carried over into the last walk.
    const WITH_EDITS = `((edited) => {
      const walk = globalThis.__walk;
      const carried = walk !== undefined && walk.carryOver({ edited });
      const scan = globalThis.__kept.scanPage(document, { walk: carried ? walk : undefined });
      globalThis.__walk = scan.snapshot.walk;
      return { carried, report: (${AS_JSON})(scan) };
    })`;
    const text = (id: string) => `document.getElementById('${id}').firstChild`;
    const states: [string, string][][] = [
      [],
      [['clock', 'Offer ends in 04:58']],
      [
        ['card-exit', 'Cancel subscription'],
        ['line', 'Downgrades take effect at the start of your next billing cycle.'],
        ['generic', 'Downgrade to Basic'],
        ['para', 'Thanks for being with us.'],
      ],
      [['clock', 'Offer ends in 04:57']],
      [
        ['card-exit', 'Edit profile'],
        ['line', 'Thanks for being with us.'],
        ['generic', 'See details'],
        ['para', 'Your plan renews automatically every month at $9.99 until you cancel.'],
        ['clock', 'Offer ends in 04:59'],
      ],
    ];
    const edit = (edits: [string, string][]) => edits.map(([id, to]) => `${text(id)}.data = ${JSON.stringify(to)};`).join('');
    const reports = await carriedReports(page, states.map(edit), (i) => `${WITH_EDITS}([${states[i].map(([id]) => text(id)).join(', ')}])`);
    // The edits matter: a way out appears, a pointer-cursor label becomes a downgrade, a sentence goes;
    // the countdown's ticks change nothing a rule reads; undoing every edit gives the first report again.
    expect(controlsOf(reports[2]).find((c) => c.text === 'Cancel subscription')?.role).toBe('cancel');
    expect(controlsOf(reports[2]).find((c) => c.text === 'Downgrade to Basic')?.role).toBe('downgrade');
    expect(controlsOf(reports[0]).some((c) => c.role === 'cancel' || c.role === 'downgrade')).toBe(false);
    expect(blockTexts(reports[2])).toContain('Downgrades take effect');
    expect(blockTexts(reports[0])).toContain('renews automatically');
    expect(blockTexts(reports[2])).not.toContain('renews automatically');
    expect(reports[4]).toBe(reports[0]);
    await page.close();
  });

  it("read the last scan's walk after nodes were added, removed and moved, as the change watcher lists them, and give a fresh engine's report", async () => {
    const page = await pageWithEngine('edits.html');
    await page.evaluate(WATCH);
    const states = [
      () => {},
      () => {
        // A retention dialog drawn at the end of the page.
        const dialog = Object.assign(document.createElement('div'), { id: 'dialog' });
        dialog.setAttribute('role', 'dialog');
        dialog.style.cssText = 'position: fixed; top: 60px; left: 60px; background: #fff; padding: 20px; border: 1px solid #999';
        dialog.innerHTML = '<p>Are you sure? You will lose all your saved lists.</p><button class="loud">Keep my plan</button> <a href="#bye">Cancel anyway</a>';
        document.body.append(dialog);
      },
      () => {
        // A list's rows reordered, a card's text grown by a node, the countdown's node replaced.
        const list = document.querySelector('ul')!;
        list.prepend(list.lastElementChild!);
        document.getElementById('line')!.append(' Downgrades take effect at the start of your next billing cycle.');
        document.getElementById('clock')!.replaceChildren('Offer ends in 04:58');
      },
      () => {
        document.getElementById('dialog')!.remove();
        const card = document.querySelector('.card')!;
        card.remove();
        document.body.prepend(card);
      },
    ];
    const reports = await carriedReports(page, states, () => WITH_CHANGES);
    // The changes matter: the dialog's way out and its loss wording appear, then go; the sentence added is read.
    expect(controlsOf(reports[1]).some((c) => c.text === 'Cancel anyway')).toBe(true);
    expect(controlsOf(reports[3]).some((c) => c.text === 'Cancel anyway')).toBe(false);
    expect(blockTexts(reports[1])).toContain('You will lose');
    expect(blockTexts(reports[2])).toContain('Downgrades take effect');
    expect(blockTexts(reports[0])).not.toContain('Downgrades take effect');
    await page.evaluate('globalThis.__watcher()');
    await page.close();
  });

  it("give a fresh engine's report after every burst of random changes, carried over as the content script does", async () => {
    const page = await pageWithEngine('random.html');
    await page.evaluate(WATCH);
    let carried = 0;
    let changed = 0;
    let last = '';
    const BURSTS = 36;
    for (let i = 0; i < BURSTS; i++) {
      if (i > 0) await page.evaluate(randomChanges, 1000 + i);
      const scan = (await page.evaluate(WITH_CHANGES)) as { carried: boolean; report: string };
      await page.evaluate(e.bundle);
      expect(await page.evaluate(`(${REPORT})(globalThis.__fairExitEngine)`), `burst ${i} (seed ${1000 + i})`).toBe(scan.report);
      if (scan.carried) carried++;
      if (scan.report !== last) changed++;
      last = scan.report;
    }
    // Not vacuous: most scans read the walk carried over, and the reports change from burst to burst.
    expect(carried).toBeGreaterThan(BURSTS / 2);
    expect(changed).toBeGreaterThan(BURSTS / 2);
    await page.evaluate('globalThis.__watcher()');
    await page.close();
  });
});

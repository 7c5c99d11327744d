/**
 * A shadow root attached while a scan runs: the scan read the page before it, so none of its content
 * was read, yet it covers what the scan measures after. Attaching one is seen by no MutationObserver.
 * The engine says which elements covered what it measured (Snapshot.coveringElements); the
 * content script drops a report whose scan met one it had not read, and scans again at once, so a
 * retention dialog is never reported as what hides the way out behind it (entrypoints/content.ts).
 * A shadow root attached on a click, long after the first scan, is looked for a moment after the click
 * (src/content/late-shadows.ts lookAfterClicks).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentWorker } from '../../src/audit/browser';
import { startEnginePages, type EnginePages } from './engine-bundle';
import { heldReport, PAGES, startHarness, type Harness } from './harness';

declare const chrome: any;

const FILE = 'shadow-dialog-late.html';

describe('the engine', () => {
  let e: EnginePages;
  beforeAll(async () => {
    e = await startEnginePages({ [FILE]: readFileSync(join(PAGES, FILE), 'utf8') });
  });
  afterAll(async () => e?.close());

  /** Scans the page, opening the dialog after the page was read (onRead) or never. */
  const scan = async (open: boolean) => {
    const page = await e.openWithEngine(FILE);
    try {
      return (await page.evaluate(`(() => {
        const { report, snapshot } = globalThis.__fairExitEngine.scanPage(document, { onRead: () => ${open} && window.openDialog() });
        const host = document.getElementById('sheet-host');
        const roots = snapshot.coveringElements().flatMap((el) => (el.shadowRoot ? [el.shadowRoot] : []));
        return { roots: roots.length, dialog: roots.includes(host.shadowRoot), texts: report.controls.map((c) => c.text) };
      })()`)) as { roots: number; dialog: boolean; texts: string[] };
    } finally {
      await page.close();
    }
  };

  it('gives the shadow root attached after the page was read, which covers the way out it measured', async () => {
    const r = await scan(true);
    expect(r.dialog).toBe(true);
    // What the scan missed: the dialog's own buttons.
    expect(r.texts).toContain('关闭自动续费');
    expect(r.texts).not.toContain('我不在乎这些回忆,坚持关闭');
  });

  it('enters a closed shadow root it is handed, as it enters an open one', async () => {
    const page = await e.openWithEngine(FILE);
    try {
      const r = (await page.evaluate(`(() => {
        const root = window.openDialog('closed');
        const scan = (closedRoots) => globalThis.__fairExitEngine.scanPage(document, { closedRoots }).report;
        const texts = (report) => report.controls.map((c) => c.text);
        const rules = (report) => report.findings.filter((f) => f.verdict === 'violation').map((f) => f.rule);
        const without = scan(undefined);
        const handed = scan([root]);
        return { closed: document.getElementById('sheet-host').shadowRoot === null, without: texts(without), handed: texts(handed), rules: rules(handed),
          selector: handed.controls.find((c) => c.text === '我不在乎这些回忆,坚持关闭')?.selector };
      })()`)) as { closed: boolean; without: string[]; handed: string[]; rules: string[]; selector?: string };
      expect(r.closed).toBe(true);
      expect(r.without).not.toContain('我不在乎这些回忆,坚持关闭');
      expect(r.handed).toEqual(expect.arrayContaining(['我不在乎这些回忆,坚持关闭', '保留我的会员']));
      expect(r.rules).toEqual(expect.arrayContaining(['confirmshaming', 'loss-framing']));
      expect(r.rules).not.toContain('hidden-exit');
      expect(r.selector).toMatch(/^#sheet-host >>> /);
    } finally {
      await page.close();
    }
  });

  it('gives none when nothing covers what it measured', async () => {
    expect(await scan(false)).toEqual({ roots: 0, dialog: false, texts: ['关闭自动续费'] });
  });
});

describe('the extension', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it('never reports a retention dialog drawn into a shadow root during its first scan as what hides the way out', async () => {
    const worker = await currentWorker(h.browser);
    // The page's first scan asks the background the pre-check's questions once it has read the page.
    await worker.evaluate(() => {
      const g = globalThis as any;
      g.__precheckAskedAt = 0;
      chrome.runtime.onMessage.addListener((m: { type?: string }) => {
        if (m?.type === 'precheck-ask') g.__precheckAskedAt = Date.now();
      });
    });
    const url = h.server.urlFor(join(PAGES, FILE));
    const tab = await h.browser.context.newPage();
    try {
      void tab.goto(url).catch(() => {});
      const asked = async () => (await worker.evaluate(() => (globalThis as any).__precheckAskedAt)) as number;
      for (const until = Date.now() + 15_000; (await asked()) === 0 && Date.now() < until;);
      expect(await asked()).toBeGreaterThan(0);
      // Drawn while the scan waits for the answers, before it measures the buttons (the page runs
      // nothing else while the scan runs in slices).
      await tab.evaluate(() => (window as any).openDialog());
      // Every report the background holds for the page, until one has the dialog's findings (the
      // checks for late roots come 1.2 and 3.5 s after the first scan).
      const seen: string[][] = [];
      for (const until = Date.now() + 10_000; !seen.at(-1)?.includes('confirmshaming') && Date.now() < until;) {
        const rules = (await heldReport(h.browser, url))?.rules;
        if (rules && JSON.stringify(rules) !== JSON.stringify(seen.at(-1))) seen.push(rules);
      }
      expect(seen.length).toBeGreaterThan(0);
      for (const rules of seen) expect(rules).not.toContain('hidden-exit');
      expect(seen.at(-1)).toContain('confirmshaming');
    } finally {
      await tab.close();
    }
  });

  it.each([
    ['a custom element', '?closed', '#sheet-host'],
    ['a div', '?closed-div', '#div-host'],
  ])('reads a retention dialog drawn into a closed shadow root of %s, and never reports it as what hides the way out', async (_, search, host) => {
    const worker = await currentWorker(h.browser);
    const url = `${h.server.urlFor(join(PAGES, FILE))}${search}`;
    const tab = await h.browser.context.newPage();
    try {
      await tab.goto(url);
      const seen: { rules: string[]; texts: string[] }[] = [];
      for (const until = Date.now() + 15_000; !seen.at(-1)?.rules.includes('confirmshaming') && Date.now() < until;) {
        const got = await heldReport(h.browser, url);
        if (got && JSON.stringify(got) !== JSON.stringify(seen.at(-1))) seen.push(got);
        await tab.waitForTimeout(50);
      }
      for (const s of seen) expect(s.rules).not.toContain('hidden-exit');
      expect(seen.at(-1)?.rules).toEqual(expect.arrayContaining(['confirmshaming', 'loss-framing']));
      expect(seen.at(-1)?.texts).toContain('我不在乎这些回忆,坚持关闭');
      // The popup's outline finds a control inside the closed root by its selector.
      const tabId = (await worker.evaluate(
        (u) => (globalThis as any).fairExit.tabs.tabIds().find((t: number) => (globalThis as any).fairExit.tabs.get(t)?.report.url === u),
        url,
      )) as number;
      const found = (await worker.evaluate(([t, sel]) => chrome.tabs.sendMessage(t, { type: 'highlight', selectors: [sel] }), [tabId, `${host} >>> button.go`] as const)) as {
        ok: boolean;
        data: { found: number };
      };
      expect(found.data.found).toBe(1);
    } finally {
      await tab.close();
    }
  });

  it('sees a retention dialog drawn into a shadow root attached on a click, long after the first scan', async () => {
    // Its own address: the last test's report of the page may still be in the background.
    const url = `${h.server.urlFor(join(PAGES, FILE))}?on-click`;
    const violations = async () => (await heldReport(h.browser, url))?.rules ?? null;
    const tab = await h.browser.context.newPage();
    try {
      await tab.goto(url);
      for (const until = Date.now() + 15_000; (await violations()) === null && Date.now() < until;) await tab.waitForTimeout(50);
      expect(await violations()).toEqual([]);
      // Past the looks for late roots that follow the first scan (1.2 and 3.5 s).
      await tab.waitForTimeout(4000);
      await tab.click('#quit');
      let rules: string[] | null = null;
      for (const until = Date.now() + 5000; !rules?.includes('confirmshaming') && Date.now() < until;) {
        await tab.waitForTimeout(100);
        rules = await violations();
      }
      expect(rules).toContain('confirmshaming');
      expect(rules).not.toContain('hidden-exit');
    } finally {
      await tab.close();
    }
  });

  it.each([
    ['drawn into a shadow root inside another', ''],
    ['drawn into a shadow root attached on a click to an element inside another root', '?late'],
  ])('sees a retention dialog %s', async (_, search) => {
    const url = h.server.urlFor(join(PAGES, 'nested-shadow-dialog.html')) + search;
    const report = () => heldReport(h.browser, url);
    const tab = await h.browser.context.newPage();
    try {
      await tab.goto(url);
      for (const until = Date.now() + 15_000; (await report()) === null && Date.now() < until;) await tab.waitForTimeout(50);
      // The first scan entered both roots: the account view's own exit is among the controls.
      expect((await report())?.texts).toContain('关闭自动续费');
      expect((await report())?.rules).toEqual([]);
      await tab.locator('#quit').click();
      let got: { rules: string[]; texts: string[] } | null = null;
      for (const until = Date.now() + 5000; !got?.rules.includes('confirmshaming') && Date.now() < until;) {
        await tab.waitForTimeout(100);
        got = await report();
      }
      expect(got?.rules).toEqual(expect.arrayContaining(['confirmshaming', 'loss-framing']));
      expect(got?.rules).not.toContain('hidden-exit');
      expect(got?.texts).toContain('我不在乎这些回忆,坚持关闭');
    } finally {
      await tab.close();
    }
  });
});

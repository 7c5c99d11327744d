/**
 * Changes of state that no MutationObserver sees: a popover the browser shows on a click (no node,
 * attribute or text changes), a box ticked by the user (its `checked` property, not its attribute), a
 * window made narrower (the page laid out again). The content script hears them as events
 * (src/content/watch.ts) and scans again.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heldReport, PAGES, startHarness, type Harness } from './harness';

describe('the extension', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it('scans again when a popover opens, and reads the retention dialog in it', async () => {
    const url = h.server.urlFor(join(PAGES, 'popover-dialog.html'));
    const violations = async () => (await heldReport(h.browser, url))?.rules ?? null;
    const tab = await h.browser.context.newPage();
    try {
      await tab.goto(url);
      for (const until = Date.now() + 15_000; (await violations()) === null && Date.now() < until;) await tab.waitForTimeout(50);
      // The closed popover's buttons are not shown: no shaming decline yet. (Its warning of loss counts already,
      // as the terms of a closed section of a subscription page do: a click on the exit shows it.)
      expect(await violations()).not.toContain('confirmshaming');
      await tab.click('#quit');
      let rules: string[] | null = null;
      for (const until = Date.now() + 5000; !rules?.includes('confirmshaming') && Date.now() < until;) {
        await tab.waitForTimeout(100);
        rules = await violations();
      }
      expect(rules).toEqual(expect.arrayContaining(['confirmshaming', 'loss-framing']));
      expect(rules).not.toContain('hidden-exit');
    } finally {
      await tab.close();
    }
  });

  it('scans again when the window is resized: on a narrow window the way out moves into a closed menu', async () => {
    const url = h.server.urlFor(join(PAGES, 'responsive-exit.html'));
    const violations = async () => (await heldReport(h.browser, url))?.rules ?? null;
    const tab = await h.browser.context.newPage();
    const settles = async (ok: (rules: string[] | null) => boolean) => {
      let rules: string[] | null = null;
      for (const until = Date.now() + 8000; !ok((rules = await violations())) && Date.now() < until;) await tab.waitForTimeout(100);
      return rules;
    };
    try {
      await tab.setViewportSize({ width: 1200, height: 800 });
      await tab.goto(url);
      expect(await settles((r) => r !== null)).toEqual([]);
      await tab.setViewportSize({ width: 480, height: 800 });
      expect(await settles((r) => !!r?.includes('hidden-exit'))).toContain('hidden-exit');
      await tab.setViewportSize({ width: 1200, height: 800 });
      expect(await settles((r) => r !== null && !r.includes('hidden-exit'))).toEqual([]);
    } finally {
      await tab.close();
    }
  });
});

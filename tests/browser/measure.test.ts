import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Control, PageReport } from '../../src/report/schema';
import { PAGES, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const byText = (r: PageReport, text: string): Control => {
  const c = r.controls.find((x) => x.text.startsWith(text));
  if (!c) throw new Error(`no control "${text}" in ${r.controls.map((x) => x.text).join(' | ')}`);
  return c;
};

describe('measurement in real Chromium', () => {
  it('scores a vivid upgrade button more than twice a grey 12px downgrade link', async () => {
    const r = await h.report(join(PAGES, 'measure-vivid-vs-grey.html'));
    const up = byText(r, 'Upgrade to Family');
    const down = byText(r, 'Downgrade');
    expect(up.role).toBe('upgrade');
    expect(down.role).toBe('downgrade');
    expect(up.salience).toBeGreaterThan(2 * down.salience);
    expect(down.factors.fontSize).toBe(12);
    expect(down.factors.contrast).toBeCloseTo(2.85, 1);
    expect(up.factors.fillContrast).toBeGreaterThan(2);
    expect(r.subscriptionPage).toBe(true);
  });

  it('names each hidden state', async () => {
    const r = await h.report(join(PAGES, 'measure-states.html'));
    const f = (t: string) => byText(r, t).factors;
    expect(f('Cancel subscription').covered).toBe(true);
    expect(f('Turn off auto-renew')).toMatchObject({ collapsed: true, collapsedBy: 'More options', notRendered: true });
    expect(f('Unsubscribe')).toMatchObject({ collapsed: true, collapsedBy: 'Account' });
    // Tabs that name no panel are matched by position; tabs without ARIA by the attribute naming the panel.
    expect(f('Downgrade to Silver')).toMatchObject({ collapsed: true, collapsedBy: 'Security' });
    expect(f('Turn off renewal')).toMatchObject({ collapsed: true, collapsedBy: 'Account and security' });
    expect(f('Downgrade to Basic').contrast).toBeCloseTo(1, 1);
    expect(f('Switch to Free')).toMatchObject({ contrast: null, contrastUnmeasurable: 'gradient' });
    expect(f('Cancel membership').transparent).toBe(true);
    expect(f('Cancel plan').clipped || (f('Cancel plan').area as number) <= 1).toBe(true);
    expect(f('End subscription').belowFold as number).toBeGreaterThan(2000);
    expect(f('Upgrade')).toMatchObject({ covered: false, collapsed: false, belowFold: 0 });
    for (const t of ['Cancel subscription', 'Turn off auto-renew', 'Cancel membership']) expect(byText(r, t).visible === false || byText(r, t).salience < 15).toBe(true);
  });

  it('finds controls inside open shadow roots and same-origin frames, with chained selectors', async () => {
    const r = await h.report(join(PAGES, 'shadow-frame.html'));
    const renew = byText(r, '立即续费');
    const quit = byText(r, '取消自动续费');
    expect(renew.role).toBe('upgrade');
    expect(renew.selector).toMatch(/^#host >>> /);
    expect(quit.role).toBe('cancel');
    expect(quit.selector).toMatch(/^#frame >>> #quit$/);
    const page = await h.browser.context.newPage();
    await page.goto(h.server.urlFor(join(PAGES, 'shadow-frame.html')));
    const resolved = await page.evaluate((sel) => {
      const [host, inner] = sel.split(' >>> ');
      return document.querySelector(host)?.shadowRoot?.querySelectorAll(inner).length;
    }, renew.selector);
    expect(resolved).toBe(1);
    await page.close();
  });

  it('survives hostile labels, sabotaged DOM methods and malformed markup without executing label text', async () => {
    const r = await h.report(join(PAGES, 'hostile.html'));
    const evil = r.controls.find((c) => c.text.includes('onerror'));
    expect(evil?.text).toContain('<img src=x');
    const long = byText(r, 'Cancel subscription');
    expect(long.text.length).toBeLessThanOrEqual(301);
    const page = await h.browser.context.newPage();
    await page.goto(h.server.urlFor(join(PAGES, 'hostile.html')));
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  });
});

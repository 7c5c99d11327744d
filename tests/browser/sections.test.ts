/**
 * The section a plan control is filed under (`Control.section`): the heading an earlier sibling is or
 * holds, looked for up the control's ancestors (src/engine/scan.ts SectionFinder). Which siblings hold a
 * heading is worked out once per tree and scan, from the tree's headings up; this checks the answers
 * in the document and in a shadow root.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEnginePages, type EnginePages } from './engine-bundle';

const ROWS = (n: number, action: string) => Array.from({ length: n }, (_, i) => `<div class="row"><span>Seat ${i + 1}</span> <button>${action}</button></div>`).join('');
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Your subscriptions</title></head>
<body style="font: 14px Arial">
<h1>Account</h1>
<section id="team">
  <div class="head"><h3>Team plan</h3></div>
  ${ROWS(30, 'Cancel subscription')}
</section>
<section id="wide">
  <div class="head"><span>a</span><span>b</span><h3>Hidden in a wide header</h3></div>
  ${ROWS(3, 'Downgrade')}
</section>
<section id="none">
  <div class="head"><span>Nothing to name it</span></div>
  ${ROWS(3, 'Upgrade to Pro')}
</section>
<section id="aria">
  <div><div role="heading" aria-level="3">Family plan</div></div>
  ${ROWS(3, 'Cancel membership')}
</section>
<div id="host"></div>
<script>document.getElementById('host').attachShadow({ mode: 'open' }).innerHTML = '<div><div class="head"><h4>Shadow plan</h4></div>${ROWS(3, 'Cancel plan')}</div>';</script>
</body></html>`;

let e: EnginePages;
beforeAll(async () => {
  e = await startEnginePages({ 'sections.html': PAGE });
});
afterAll(async () => e?.close());

describe('the section of a plan control', () => {
  it('is the heading an earlier sibling is or holds (a small one only), in the document and in a shadow root', async () => {
    const page = await e.openWithEngine('sections.html');
    const controls = await page.evaluate(() => {
      const { snapshot } = (globalThis as any).__fairExitEngine.scanPage(document);
      return snapshot.controls.map((c: { text: string; section: string | null }) => ({ name: c.text, section: c.section }));
    });
    const sections = (name: string) => [...new Set(controls.filter((c: { name: string }) => c.name === name).map((c: { section: string | null }) => c.section))];
    expect(controls.filter((c: { name: string }) => c.name === 'Cancel subscription')).toHaveLength(30);
    expect(sections('Cancel subscription')).toEqual(['Team plan']);
    expect(sections('Cancel membership')).toEqual(['Family plan']);
    expect(sections('Cancel plan')).toEqual(['Shadow plan']);
    // A header of three elements is not looked into, and a header with no heading names nothing.
    expect(sections('Downgrade')).toEqual([null]);
    expect(sections('Upgrade to Pro')).toEqual([null]);
    await page.close();
  });
});

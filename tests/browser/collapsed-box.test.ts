/**
 * Content the browser skips laying out must be measured the same on every scan.
 *
 * A control inside a closed <details> has no box on screen. Chromium skips laying out such contents
 * (content-visibility: hidden), and gives one of them an empty box until something asks for a box
 * inside, then the box it would have if shown: two scans of the same page measured it differently,
 * and a report's evidence depended on what had read the page before. It is measured as no box, placed
 * where the <details> begins, the same on every scan (src/engine/measure.ts hasShownBox, placeOfSkipped).
 *
 * A control in an off-screen section with `content-visibility: auto` is drawn as soon as the user scrolls
 * to it. Chromium gave it an empty box once the scan had read the page's styles, and its box on the next
 * scan: not rendered, then rendered, with different findings. It is measured with its box on every scan
 * (src/engine/measure.ts boxOf).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEnginePages, type EnginePages } from './engine-bundle';

const FAR_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Your membership</title>
<style>.far { content-visibility: auto; contain-intrinsic-size: auto 300px }</style></head>
<body style="font: 14px Arial">
<h1>Your membership</h1>
<p>Premium. Your plan renews automatically every month at $12.99 until you cancel.</p>
<button style="font-size: 20px; padding: 12px 28px; background: #1565e0; color: #fff; border: 0">Upgrade to Family</button>
<div style="height: 3000px">Your watch history and lists.</div>
<section class="far"><h3>Billing</h3><p>Billing · <a id="exit" href="#cancel">Turn off auto-renew</a></p></section>
</body></html>`;

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Your membership</title></head>
<body style="font: 14px Arial">
<h1>Your membership</h1>
<p>Premium. Your plan renews automatically every month at $12.99 until you cancel.</p>
<button style="font-size: 20px; padding: 12px 28px; background: #1565e0; color: #fff; border: 0">Upgrade to Family</button>
<details id="more"><summary>More options</summary><p>Billing · <a id="exit" href="#cancel">Turn off auto-renew</a></p></details>
</body></html>`;

type Factors = { x: number; y: number; width: number; height: number; area: number; notRendered: boolean; collapsed: boolean; collapsedBy: string | null };

let e: EnginePages;
beforeAll(async () => {
  e = await startEnginePages({ 'collapsed.html': PAGE, 'far.html': FAR_PAGE });
});
afterAll(async () => e?.close());

/** Opens the page, runs `before` in it, then scans it twice: the exit's factors in each scan, and where the <details> begins. */
async function twoScans(before: string, file = 'collapsed.html'): Promise<[Factors, Factors, { x: number; y: number }]> {
  const page = await e.openWithEngine(file);
  try {
    return (await page.evaluate(`(() => {
      ${before};
      const exit = (r) => r.controls.find((c) => c.text === 'Turn off auto-renew').factors;
      const scan = () => exit(globalThis.__fairExitEngine.scanPage(document).report);
      const details = document.getElementById('more')?.getBoundingClientRect();
      return [scan(), scan(), details && { x: Math.round(details.left), y: Math.round(details.top) }];
    })()`)) as [Factors, Factors, { x: number; y: number }];
  } finally {
    await page.close();
  }
}

describe('a control inside a closed <details>', () => {
  it('is measured as no box where the <details> begins, collapsed by its summary, on the first scan and the next', async () => {
    const [first, again, details] = await twoScans('');
    expect(first).toMatchObject({ width: 0, height: 0, area: 0, notRendered: true, collapsed: true, collapsedBy: 'More options' });
    expect(details.y).toBeGreaterThan(50);
    expect({ x: first.x, y: first.y }).toEqual(details);
    expect(again).toEqual(first);
  });

  it('is measured the same when the page asked for its box before the scan', async () => {
    const [untouched] = await twoScans('');
    const [asked, again] = await twoScans(`if (document.getElementById('exit').getBoundingClientRect().width === 0) throw new Error('no box to lay out')`);
    expect(asked).toEqual(untouched);
    expect(again).toEqual(untouched);
  });

  it('is measured with its box once the <details> is open', async () => {
    const [opened] = await twoScans(`document.getElementById('more').open = true`);
    expect(opened.width).toBeGreaterThan(50);
    expect(opened).toMatchObject({ notRendered: false, collapsed: false });
  });
});

describe('a control in an off-screen section with content-visibility: auto', () => {
  it('is measured with its box, drawn, on the first scan and the next', async () => {
    const [first, again] = await twoScans('', 'far.html');
    expect(first.width).toBeGreaterThan(50);
    expect(first.y).toBeGreaterThan(3000);
    expect(first).toMatchObject({ notRendered: false, collapsed: false });
    expect(again).toEqual(first);
  });
});

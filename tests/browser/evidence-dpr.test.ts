/**
 * A screen of device pixel ratio 2 (--force-device-scale-factor=2): captureVisibleTab returns twice
 * the CSS size, while the page under Playwright's viewport still reports devicePixelRatio 1 — so
 * the outlines are scaled by the capture's own width, and must land on the controls.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentWorker, ensureBuilt, launchWithExtension, PROJECT_ROOT, type ExtensionBrowser } from '../../src/audit/browser';
import { LocalServer } from '../../src/audit/server';
import type { StoredCapture } from '../../src/evidence/types';
import { waitFor } from './background-helpers';
import { checkManifest, isOutlineRed, pixelAt, pngSize, removeTempDirs, tempDir, unzipWithSystemTool } from './evidence-helpers';
import { openFixture } from './popup-helpers';

let b: ExtensionBrowser;
let server: LocalServer;
let viewer: Page;
beforeAll(async () => {
  ensureBuilt();
  server = new LocalServer();
  await server.start();
  b = await launchWithExtension({ args: ['--force-device-scale-factor=2'] });
  viewer = await b.context.newPage();
});
afterAll(async () => {
  await b?.close();
  await server?.stop();
  removeTempDirs();
});

describe('evidence on a screen of device pixel ratio 2', () => {
  it('the screenshot has the screen\u2019s device pixels and each outline sits on its control', async () => {
    const o = await openFixture(b, server, join(PROJECT_ROOT, 'demo', 'zh-plan.html'));
    const w = await currentWorker(b);
    const got = await w.evaluate((u) => (globalThis as any).fairExit.evidence.bundleForUrl(u), o.url);
    const tmp = tempDir('fair-exit-dpr-');
    writeFileSync(join(tmp, got.fileName), Buffer.from(got.zip, 'base64'));
    const dir = unzipWithSystemTool(join(tmp, got.fileName));
    checkManifest(dir);
    const size = await pngSize(viewer, join(dir, 'screenshot.png'));
    const css = await o.page.evaluate(() => ({ width: innerWidth, height: innerHeight }));
    expect(size).toEqual({ width: css.width * 2, height: css.height * 2 });

    const savedId = await waitFor(
      'the saved id',
      () => w.evaluate((t) => (globalThis as any).fairExit.tabs.get(t)?.savedId ?? null, o.tabId),
      (id) => !!id,
    );
    // The report is saved before its screenshot is attached to it: wait for the capture itself.
    const capture = (await waitFor(
      'a capture kept with the saved report',
      () => w.evaluate(async (id) => (await (globalThis as any).fairExit.db.get(id))?.screenshot?.capture ?? null, savedId),
      (c) => c !== null,
      20_000,
    )) as StoredCapture;
    expect(capture.boxes.length).toBeGreaterThan(0);
    const scale = size.width / capture.viewport.width;
    expect(scale).toBe(2);
    const shot = join(dir, 'screenshot.png');
    for (const box of capture.boxes) {
      // The outline's top edge (drawn 3 CSS px outside the control) is red along its middle; a dashed
      // one (a stand-in for a control in a closed menu) only in places ...
      const top = (box.y - 3 - capture.viewport.scrollY) * scale;
      // (Right of the number label, which sits on the top-left corner.)
      const xs = [0.5, 0.6, 0.7, 0.8].map((f) => (box.x + box.width * f - capture.viewport.scrollX) * scale);
      const reds = await Promise.all(xs.map(async (x) => isOutlineRed(await pixelAt(viewer, shot, x, top))));
      if (box.standIn) expect(reds.some(Boolean), `dashed outline ${box.n}`).toBe(true);
      else expect(reds.every(Boolean), `outline ${box.n}`).toBe(true);
      if (box.standIn) continue;
      const x = xs[0];
      // ... and an outline drawn at half or twice the scale would have missed it.
      expect(isOutlineRed(await pixelAt(viewer, shot, x / 2, top / 2)), `outline ${box.n} at half scale`).toBe(false);
    }
    await o.page.close();
  });
});

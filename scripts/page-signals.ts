/** Developer aid: bundles the scan and prints, per page, its kind, page signals, labels and violations (one browser for all pages). */
import { chromium } from 'playwright-core';
import { findChromium } from '../src/audit/browser';
import { LocalServer } from '../src/audit/server';
import { scanBundle } from './scan-bundle';
import { resolve } from 'node:path';

const bundle = await scanBundle();
const server = new LocalServer();
await server.start();
const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-gpu'] });
for (const file of process.argv.slice(2).map((f) => resolve(f))) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(server.urlFor(file));
  await page.waitForTimeout(500);
  await page.addScriptTag({ content: bundle });
  const r = await page.evaluate(() => {
    const b = (globalThis as any).__scan(document);
    const stay = b.snapshot.controls.filter((c: any) => (c.role === 'upgrade' || c.role === 'retain') && c.visible).map((c: any) => c.salience);
    return {
      stay: Math.max(0, ...stay),
      kind: b.snapshot.pageKind,
      s: b.snapshot.pageSignals,
      f: b.report.findings.filter((x: any) => x.verdict === 'violation').map((x: any) => x.rule),
    };
  });
  const expect = await page.evaluate(() => document.querySelector('meta[name=fair-exit-expect]')?.getAttribute('content') ?? '');
  const sub = await page.evaluate(() => document.querySelector('meta[name=fair-exit-subscription]')?.getAttribute('content') ?? '');
  console.log(
    [
      file.split('/').slice(-2).join('/'),
      r.kind,
      'acc=' + r.s.account,
      'pri=' + r.s.pricing,
      'chk=' + r.s.checkout,
      'stay=' + r.stay,
      'exits=' + r.s.exitControls + '/' + r.s.manageControls,
      'sub=' + sub,
      'exp=[' + expect + ']',
      'got=[' + [...new Set(r.f)].join(' ') + ']',
    ].join('\t'),
  );
  await page.close();
}
await browser.close();
await server.stop();

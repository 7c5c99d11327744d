/** Developer aid: scans many labelled pages (3 tabs at a time) with the bundled engine and prints one line per page: kind, violations, labels. */
import { chromium } from 'playwright-core';
import { findChromium } from '../src/audit/browser';
import { LocalServer } from '../src/audit/server';
import { scanBundle } from './scan-bundle';
import { resolve } from 'node:path';
import { readdirSync, statSync } from 'node:fs';

function htmlFiles(p: string): string[] {
  if (statSync(p).isFile()) return p.endsWith('.html') ? [resolve(p)] : [];
  return readdirSync(p)
    .sort()
    .flatMap((f) => htmlFiles(resolve(p, f)));
}
const files = process.argv.slice(2).flatMap(htmlFiles);
const bundle = await scanBundle();
const server = new LocalServer();
await server.start();
const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-gpu'] });
// Lines are printed as pages finish (sort them to compare runs): a long sweep shows its progress.
const lines = new Map<string, string>();
let next = 0;
async function worker() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // One tab per worker, navigated page to page: a new tab per page costs the browser a process each time.
  let page = await context.newPage();
  for (;;) {
    const file = files[next++];
    if (!file) break;
    try {
      await page.goto(server.urlFor(file));
      await page.waitForTimeout(700);
      await page.addScriptTag({ content: bundle });
      const r = await page.evaluate(() => {
        const b = (globalThis as any).__scan(document);
        return {
          kind: b.snapshot.pageKind,
          f: [...new Set(b.report.findings.filter((x: any) => x.verdict === 'violation').map((x: any) => x.rule))].sort(),
          r: [...new Set(b.report.findings.filter((x: any) => x.verdict !== 'violation').map((x: any) => x.rule))].sort(),
          sub: b.snapshot.subscriptionPage,
          expect: (document.querySelector('meta[name=fair-exit-expect]')?.getAttribute('content') ?? '').split(/\s+/).filter(Boolean).sort(),
          labelSub: document.querySelector('meta[name=fair-exit-subscription]')?.getAttribute('content') ?? '',
          sig: `acc=${b.snapshot.pageSignals.account} pri=${b.snapshot.pageSignals.pricing} chk=${b.snapshot.pageSignals.checkout} ren=${b.snapshot.pageSignals.renewal}`,
        };
      });
      const subOk = r.labelSub === '' || String(r.sub) === r.labelSub;
      const ok = subOk && r.f.join(' ') === r.expect.join(' ');
      lines.set(
        file,
        [
          ok ? 'ok ' : 'BAD',
          file.split('/').slice(-2).join('/'),
          r.kind,
          `got=[${r.f.join(' ')}]`,
          `exp=[${r.expect.join(' ')}]`,
          `review=[${r.r.join(' ')}]`,
          subOk ? '' : `SUB label=${r.labelSub}`,
          r.sig,
        ].join('\t'),
      );
    } catch (e) {
      lines.set(file, `ERR\t${file}\t${String(e).slice(0, 200)}`);
      await page.close();
      page = await context.newPage();
    }
    console.log(lines.get(file));
  }
  await context.close();
}
await Promise.all([worker(), worker(), worker()]);
await browser.close();
await server.stop();

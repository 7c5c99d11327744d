/** Developer aid: bundles the scan and prints, per page, its kind, page signals, labels and violations (one browser for all pages). */
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { findChromium } from '../src/audit/browser';
import { LocalServer } from '../src/audit/server';
import { resolve } from 'node:path';

const out = await build({
  stdin: { contents: "import { scanPage } from './src/scan-page'; (globalThis as any).__scan = scanPage;", resolveDir: process.cwd(), loader: 'ts' },
  bundle: true,
  write: false,
  format: 'iife',
  define: { 'import.meta.glob': 'undefined' },
  plugins: [
    {
      name: 'glob',
      setup(b) {
        b.onLoad({ filter: /catalog\.ts$/ }, async (a) => {
          const fs = await import('node:fs');
          const src = fs.readFileSync(a.path, 'utf8');
          const names = fs.readdirSync('rules').filter((n) => n.endsWith('.json'));
          const imports = names.map((n, i) => `import r${i} from '../../rules/${n}';`).join('\n');
          return {
            contents: imports + src.replace(/import\.meta\.glob\([^)]*\)/, `{${names.map((n, i) => `'${n}': r${i}`).join(',')}}`),
            loader: 'ts',
            resolveDir: resolve('src/rules'),
          };
        });
      },
    },
  ],
});
const server = new LocalServer();
await server.start();
const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-gpu'] });
for (const file of process.argv.slice(2).map((f) => resolve(f))) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(server.urlFor(file));
  await page.waitForTimeout(500);
  await page.addScriptTag({ content: out.outputFiles[0].text });
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
  console.log(
    [
      file.split('/').slice(-2).join('/'),
      r.kind,
      'acc=' + r.s.account,
      'pri=' + r.s.pricing,
      'chk=' + r.s.checkout,
      'stay=' + r.stay,
      'exp=[' + expect + ']',
      'got=[' + [...new Set(r.f)].join(' ') + ']',
    ].join('\t'),
  );
  await page.close();
}
await browser.close();
await server.stop();

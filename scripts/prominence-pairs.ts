/**
 * Research aid for asymmetric-prominence's thresholds (docs/salience.md): for every labelled page,
 * the loudest stay-side control against the loudest visible exit on the same screen, with the
 * exit's look (bare text or filled/outlined, contrast, chroma, font size against the stay's) and
 * whether the page's labels say the rule holds. Prints one tab-separated row per pair.
 *
 *   npx tsx scripts/prominence-pairs.ts FOLDER...
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ensureBuilt, launchWithExtension } from '../src/audit/browser';
import { collectReport } from '../src/audit/collect';
import { LocalServer } from '../src/audit/server';
import { chroma, fromHex } from '../src/engine/color';
import type { Control } from '../src/report/schema';

function htmlFiles(dir: string): string[] {
  if (statSync(dir).isFile()) return [dir];
  return readdirSync(dir)
    .sort()
    .flatMap((n) => (statSync(join(dir, n)).isDirectory() ? htmlFiles(join(dir, n)) : n.endsWith('.html') ? [join(dir, n)] : []));
}

const isStay = (c: Control) => c.role === 'upgrade' || c.role === 'retain';
const isExit = (c: Control) => c.role === 'downgrade' || c.role === 'cancel' || !!c.tags?.includes('confirmshaming');
const num = (c: Control, k: string) => Number(c.factors[k] ?? 0);

const jsonLines = process.argv.includes('--jsonl');
const files = process.argv
  .slice(2)
  .filter((a) => !a.startsWith('--'))
  .flatMap((d) => htmlFiles(resolve(d)));
ensureBuilt();
const server = new LocalServer();
await server.start();
const b = await launchWithExtension();
if (!jsonLines)
  console.log(
    [
      'page',
      'label',
      'got',
      'screen',
      'ratio',
      'stay',
      'staySal',
      'stayFont',
      'exit',
      'exitSal',
      'exitFont',
      'bare',
      'contrast',
      'chroma',
      'fillC',
      'area',
      'dy',
      'weight',
      'stayFill',
    ].join('\t'),
  );
try {
  for (const f of files) {
    const html = readFileSync(f, 'utf8');
    const label = /name="fair-exit-expect"\s+content="[^"]*asymmetric-prominence/.test(html);
    const r = await collectReport(b, server.urlFor(f), 15);
    if (!r.ok) continue;
    const got = r.report.findings.find((x) => x.rule === 'asymmetric-prominence')?.verdict ?? '-';
    if (jsonLines) {
      const sides = r.report.controls
        .filter((c) => isStay(c) || isExit(c))
        .map((c) => ({ id: c.id, role: c.role, text: c.text, tags: c.tags, salience: c.salience, factors: c.factors }));
      console.log(
        JSON.stringify({
          page: relative(process.cwd(), f),
          label,
          got,
          subscriptionPage: r.report.subscriptionPage,
          findings: r.report.findings.map((x) => [x.rule, x.verdict]),
          controls: sides,
        }),
      );
      continue;
    }
    const screens = new Map<string, Control[]>();
    for (const c of r.report.controls) {
      if (c.salience <= 0) continue;
      const s = String(c.factors.screen);
      screens.set(s, [...(screens.get(s) ?? []), c]);
    }
    for (const [screen, cs] of screens) {
      const stay = cs.filter(isStay).sort((a, b) => b.salience - a.salience)[0];
      if (!stay || stay.salience < 40) continue;
      const exits = cs.filter((c) => isExit(c) && !c.factors.covered);
      const exit = exits.sort((a, b) => b.salience - a.salience)[0];
      if (!exit) continue;
      const colour = typeof exit.factors.textColor === 'string' ? fromHex(exit.factors.textColor) : null;
      const bare = num(exit, 'fillContrast') <= 1.05 && !exit.factors.outlined;
      console.log(
        [
          relative(process.cwd(), f),
          label ? 'AP' : '-',
          got,
          screen,
          (stay.salience / exit.salience).toFixed(2),
          stay.text.slice(0, 24),
          stay.salience,
          num(stay, 'fontSize'),
          exit.text.slice(0, 24),
          exit.salience,
          num(exit, 'fontSize'),
          bare ? 'bare' : exit.factors.outlined ? 'outl' : 'fill',
          exit.factors.contrast === null ? 'n/a' : num(exit, 'contrast').toFixed(1),
          colour ? chroma(colour).toFixed(2) : 'n/a',
          num(exit, 'fillContrast').toFixed(2),
          Math.round(num(exit, 'area')),
          Math.round(num(exit, 'y') - num(stay, 'y')),
          num(exit, 'fontWeight'),
          num(stay, 'fillContrast').toFixed(2),
        ].join('\t'),
      );
    }
  }
} finally {
  await b.close();
  await server.stop();
}

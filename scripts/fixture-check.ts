/** Developer aid: every fixture through the extension, printing expected vs got (no assertion). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureBuilt, launchWithExtension, PROJECT_ROOT } from '../src/audit/browser';
import { collectReport } from '../src/audit/collect';
import { LocalServer } from '../src/audit/server';

const root = join(PROJECT_ROOT, process.argv[2] ?? 'tests/fixtures');
const files = (function walk(d: string): string[] {
  return readdirSync(d)
    .sort()
    .flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : n.endsWith('.html') ? [join(d, n)] : []));
})(root);
ensureBuilt();
const server = new LocalServer();
await server.start();
const b = await launchWithExtension();
let ok = 0;
for (const f of files) {
  const html = readFileSync(f, 'utf8');
  const exp = (/fair-exit-expect"\s+content="([^"]*)"/.exec(html)?.[1] ?? '').split(/\s+/).filter(Boolean).sort();
  const sub = /fair-exit-subscription"\s+content="([^"]*)"/.exec(html)?.[1];
  const r = await collectReport(b, server.urlFor(f), 15);
  if (!r.ok) {
    console.log('FAIL', relative(root, f), r.reason);
    continue;
  }
  const got = [...new Set(r.report.findings.filter((x) => x.verdict === 'violation').map((x) => x.rule))].sort();
  const review = [...new Set(r.report.findings.filter((x) => x.verdict !== 'violation').map((x) => x.rule))].sort();
  const good = got.join() === exp.join() && (sub === undefined || String(r.report.subscriptionPage) === sub);
  if (good) ok++;
  console.log(
    good ? 'ok  ' : 'BAD ',
    relative(root, f),
    'exp',
    exp.join(','),
    'got',
    got.join(','),
    review.length ? `review ${review.join(',')}` : '',
    `sub ${r.report.subscriptionPage}/${sub}`,
  );
  if (!good && process.env.VERBOSE) for (const x of r.report.findings) console.log('     ', x.verdict, x.rule, x.message.slice(0, 150));
}
console.log(`${ok}/${files.length} as expected`);
await b.close();
await server.stop();

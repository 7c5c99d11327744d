/**
 * Every fixture page in tests/fixtures/ through the real extension: the set of rules reported as
 * violations must be exactly the page's <meta name="fair-exit-expect">, and subscriptionPage must
 * match <meta name="fair-exit-subscription">.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/audit/browser';
import { startHarness, type Harness } from './harness';

const ROOT = join(PROJECT_ROOT, 'tests/fixtures');

function htmlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => (statSync(join(dir, n)).isDirectory() ? htmlFiles(join(dir, n)) : n.endsWith('.html') ? [join(dir, n)] : []));
}
function meta(html: string, name: string): string | null {
  const m = new RegExp(`<meta\\s+name="${name}"\\s+content="([^"]*)"`, 'i').exec(html);
  return m ? m[1] : null;
}

const fixtures = htmlFiles(ROOT).map((file) => {
  const html = readFileSync(file, 'utf8');
  return {
    name: relative(ROOT, file),
    file,
    expect: (meta(html, 'fair-exit-expect') ?? '').split(/\s+/).filter(Boolean).sort(),
    subscription: meta(html, 'fair-exit-subscription'),
  };
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

describe('rule fixtures', () => {
  it('has fires and fair pages for every rule', () => {
    const rules = readdirSync(ROOT).filter((d) => d !== 'fair' && statSync(join(ROOT, d)).isDirectory());
    for (const rule of rules) {
      const names = readdirSync(join(ROOT, rule));
      expect(names.filter((n) => n.startsWith('fires-')).length, rule).toBeGreaterThanOrEqual(3);
      expect(names.filter((n) => n.startsWith('fair-')).length, rule).toBeGreaterThanOrEqual(3);
    }
  });

  it.each(fixtures)('$name', async ({ file, expect: expected, subscription }) => {
    const report = await h.report(file);
    const got = [...new Set(report.findings.filter((f) => f.verdict === 'violation').map((f) => f.rule))].sort();
    expect(got).toEqual(expected);
    if (subscription !== null) expect(report.subscriptionPage).toBe(subscription === 'true');
  });
});

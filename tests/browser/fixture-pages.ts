/** Labelled fixture pages: the rules a page must report as violations, read from its meta tags. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect as globalExpect, type ExpectStatic } from 'vitest';
import type { Harness } from './harness';

export type FixturePage = { name: string; file: string; expect: string[]; subscription: string | null };

function htmlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => (statSync(join(dir, n)).isDirectory() ? htmlFiles(join(dir, n)) : n.endsWith('.html') ? [join(dir, n)] : []));
}
function meta(html: string, name: string): string | null {
  const m = new RegExp(`<meta\\s+name="${name}"\\s+content="([^"]*)"`, 'i').exec(html);
  return m ? m[1] : null;
}

export function fixturePages(root: string, dirs: string[]): FixturePage[] {
  return dirs.flatMap((d) =>
    htmlFiles(join(root, d)).map((file) => {
      const html = readFileSync(file, 'utf8');
      return {
        name: relative(root, file),
        file,
        expect: (meta(html, 'fair-exit-expect') ?? '').split(/\s+/).filter(Boolean).sort(),
        subscription: meta(html, 'fair-exit-subscription'),
      };
    }),
  );
}

/**
 * The page's violations are exactly the labelled rules, and subscriptionPage matches its label.
 * Concurrent tests pass their own `expect` (vitest's rule for tests that run at the same time).
 */
export async function expectLabelsHold(h: Harness, page: FixturePage, expect: ExpectStatic = globalExpect): Promise<void> {
  const report = await h.report(page.file);
  const got = [...new Set(report.findings.filter((f) => f.verdict === 'violation').map((f) => f.rule))].sort();
  expect(got).toEqual(page.expect);
  if (page.subscription !== null) expect(report.subscriptionPage).toBe(page.subscription === 'true');
}

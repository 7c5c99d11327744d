/**
 * A screenshot of a sample bundle's report.html for the README (docs/screenshots/evidence-report.png):
 * the audit writes the demo page's bundle, and the system Chromium shows its report.html.
 *
 *   npx tsx scripts/evidence-screenshot.ts [DEMO_PAGE] [OUT_FILE]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium, PROJECT_ROOT } from '../src/audit/browser';

const page = resolve(process.argv[2] ?? join(PROJECT_ROOT, 'demo', 'en-account.html'));
const outFile = resolve(process.argv[3] ?? join(PROJECT_ROOT, 'docs', 'screenshots', 'evidence-report.png'));
const out = mkdtempSync(join(tmpdir(), 'fair-exit-sample-'));
try {
  execFileSync('npx', ['tsx', 'src/audit/cli.ts', '--out', out, page], { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const folder = readdirSync(out).find((n) => /^\d{3}-/.test(n));
  if (!folder) throw new Error('the audit wrote no page folder');
  const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-gpu'] });
  const view = await browser.newPage({ viewport: { width: 1000, height: 1500 } });
  await view.goto(`file://${join(out, folder, 'report.html')}`);
  await view.screenshot({ path: outFile });
  await browser.close();
  console.error(`wrote ${outFile}`);
} finally {
  rmSync(out, { recursive: true, force: true });
}

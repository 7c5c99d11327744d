/**
 * One bench page served locally and the browser with the built extension, for the developer aids
 * that look at a single page (bench/profile.ts, scripts/debug-bench-trace.ts, scripts/load-tasks.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, launchWithExtension, type ExtensionBrowser } from '../src/audit/browser';
import { LocalServer } from '../src/audit/server';
import { benchPages, type BenchPage } from './pages';

export type ServedPage = { page: BenchPage; url: string; browser: ExtensionBrowser; close: () => Promise<void> };

/** Builds the extension if needed, serves the bench page `name` and launches Chromium with the extension; throws for an unknown page. */
export async function servedBenchPage(name: string): Promise<ServedPage> {
  const page = benchPages(false).find((p) => p.name === name);
  if (!page) throw new Error(`no bench page named ${name}`);
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'fair-exit-page-'));
  const file = join(dir, `${page.name}.html`);
  writeFileSync(file, page.html);
  const server = new LocalServer();
  await server.start();
  const browser = await launchWithExtension();
  return {
    page,
    url: server.urlFor(file),
    browser,
    close: async () => {
      await browser.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * One bench page served locally and the browser with the built extension, for the developer aids
 * that look at a single page (bench/profile.ts, scripts/debug-bench-trace.ts, scripts/load-tasks.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { ensureBuilt, launchWithExtension, type ExtensionBrowser } from '../src/audit/browser';
import { LocalServer } from '../src/audit/server';
import { waitForEntry } from './measure';
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
  // FAIR_EXIT_CHROMIUM_ARGS: more Chromium flags for a developer aid (e.g. `--js-flags=--trace-gc`, with DEBUG=pw:browser to see what it prints).
  const browser = await launchWithExtension({ args: process.env.FAIR_EXIT_CHROMIUM_ARGS?.split(' ').filter(Boolean) ?? [] });
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

export type LoadedPage = { tab: Page; cdp: CDPSession; address: string; seq: number };

/**
 * The served page in a new tab, at an address of its own for load `n` (the background keeps one
 * report per address), once the content script's first scan has reported and a quiet moment passed.
 */
export async function loadAfresh(b: ExtensionBrowser, url: string, n: number): Promise<LoadedPage> {
  const address = `${url}?load=${n}`;
  const tab = await b.context.newPage();
  const cdp = await b.context.newCDPSession(tab);
  await tab.goto(address, { waitUntil: 'load' });
  const { seq } = await waitForEntry(b, address, 0, 60_000);
  await new Promise((r) => setTimeout(r, 800));
  return { tab, cdp, address, seq };
}

/** Real Chromium with the built extension, and the local pages served on loopback. */
import { join } from 'node:path';
import { currentWorker, ensureBuilt, launchWithExtension, type ExtensionBrowser } from '../../src/audit/browser';
import type { Page } from 'playwright-core';
import { collectOn } from '../../src/audit/collect';
import { LocalServer } from '../../src/audit/server';
import type { PageReport } from '../../src/report/schema';

export type Harness = {
  browser: ExtensionBrowser;
  server: LocalServer;
  report: (file: string) => Promise<PageReport>;
  close: () => Promise<void>;
};

export async function startHarness(): Promise<Harness> {
  ensureBuilt();
  const server = new LocalServer();
  await server.start();
  const browser = await launchWithExtension();
  // Tabs are reused from page to page (as many as the tests that run at once): a new tab per page
  // cost the browser a process each time, about a fifth of the fixture tests' time.
  const idle: Page[] = [];
  return {
    browser,
    server,
    report: async (file) => {
      const tab = idle.pop() ?? (await browser.context.newPage());
      let got;
      try {
        got = await collectOn(browser, tab, server.urlFor(file), 20);
      } catch (e) {
        await tab.close().catch(() => {});
        throw e;
      }
      idle.push(tab);
      if (!got.ok) throw new Error(`${file}: ${got.reason}`);
      return got.report;
    },
    close: async () => {
      await browser.close();
      await server.stop();
    },
  };
}

export const PAGES = join(import.meta.dirname, 'pages');

/** What the background holds now for the page at `url`: its violations' rules and its controls' texts (null: no report yet). */
export type HeldReport = { rules: string[]; texts: string[] };

export async function heldReport(browser: ExtensionBrowser, url: string): Promise<HeldReport | null> {
  const worker = await currentWorker(browser);
  return (await worker.evaluate((u) => {
    const e = (globalThis as any).fairExit.tabs.byUrl(u);
    if (!e) return null;
    return {
      rules: e.report.findings.filter((f: { verdict: string }) => f.verdict === 'violation').map((f: { rule: string }) => f.rule),
      texts: e.report.controls.map((c: { text: string }) => c.text),
    };
  }, url)) as HeldReport | null;
}

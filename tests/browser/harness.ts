/** Real Chromium with the built extension, and the local pages served on loopback. */
import { join } from 'node:path';
import { ensureBuilt, launchWithExtension, type ExtensionBrowser } from '../../src/audit/browser';
import { collectReport } from '../../src/audit/collect';
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
  return {
    browser,
    server,
    report: async (file) => {
      const got = await collectReport(browser, server.urlFor(file), 20);
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

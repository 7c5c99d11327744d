/** Helpers for the popup's Chromium tests and the screenshot script. */
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { currentWorker, EXTENSION_DIR, findChromium, type ExtensionBrowser } from '../../src/audit/browser';
import { collectOn } from '../../src/audit/collect';
import type { LocalServer } from '../../src/audit/server';
import type { PageReport } from '../../src/report/schema';

/** The extension API inside the worker (the callbacks below run there). */
declare const chrome: any;

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type Opened = { page: Page; tabId: number; report: PageReport; url: string };

/** Opens a local page in a tab, waits until the extension's scan has settled, and finds its tab id. */
export async function openFixture(b: ExtensionBrowser, server: LocalServer, file: string): Promise<Opened> {
  const page = await b.context.newPage();
  const url = server.urlFor(file);
  const got = await collectOn(b, page, url, 15);
  if (!got.ok) throw new Error(`${file}: ${got.reason}`);
  return { page, tabId: await tabIdOf(b, page.url()), report: got.report, url: page.url() };
}

export async function tabIdOf(b: ExtensionBrowser, url: string): Promise<number> {
  const worker = await currentWorker(b);
  const id = await worker.evaluate(async (u) => (await chrome.tabs.query({})).find((t: { url?: string }) => t.url === u)?.id ?? -1, url);
  if (id < 0) throw new Error(`no tab at ${url}`);
  return id;
}

/** popup.html?tab=ID in a tab of its own, once it has rendered past "loading". */
export async function openPopup(b: ExtensionBrowser, tabId: number, page?: Page): Promise<Page> {
  const popup = page ?? (await b.context.newPage());
  await popup.goto(`chrome-extension://${b.extensionId}/popup.html?tab=${tabId}`);
  await popup.waitForFunction(() => document.querySelector('.view')?.getAttribute('aria-busy') === 'false');
  return popup;
}

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: unknown; failureSummary?: string }[] };

/**
 * axe-core on the page. The source goes in through the DevTools protocol (page.evaluate), which the
 * popup's CSP does not govern; a <script> tag would rightly be refused.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as any).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v: AxeViolation) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
}

/**
 * Chromium with the extension and a given browser UI language: --lang, and LANGUAGE/LANG, which is
 * what Chromium reads on Linux. browser.i18n then picks _locales/<lang>.
 */
export async function launchWithUiLanguage(lang: string, viewport = { width: 1100, height: 720 }): Promise<ExtensionBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'fair-exit-lang-'));
  const posix = lang.replace('-', '_');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    viewport,
    locale: lang,
    env: { ...process.env, LANGUAGE: posix, LANG: `${posix}.UTF-8` },
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      `--lang=${lang}`,
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-sync',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15000 }));
  return {
    context,
    worker,
    extensionId: new URL(worker.url()).host,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

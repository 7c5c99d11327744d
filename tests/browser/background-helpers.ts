/** Helpers for the background tests: badge, tab ids, extension pages, stopping the worker. */
import type { Page, Worker } from 'playwright-core';
import { currentWorker, type ExtensionBrowser } from '../../src/audit/browser';

/** The extension API, as seen inside the worker and extension pages the callbacks below run in. */
declare const chrome: any;

export async function waitFor<T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    try {
      // One call may hang while the worker is being stopped: give up on it and try again.
      last = await Promise.race([get(), new Promise<never>((_, no) => setTimeout(() => no(new Error('call timed out')), Math.max(500, deadline - Date.now())))]);
      if (ok(last)) return last;
    } catch {
      /* the worker may be restarting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
}

export async function tabIdOf(b: ExtensionBrowser, url: string): Promise<number> {
  const w = await currentWorker(b);
  return waitFor(
    `a tab at ${url}`,
    () => w.evaluate(async (u) => (await chrome.tabs.query({})).find((t: { url?: string }) => t.url === u)?.id ?? -1, url),
    (id) => id >= 0,
  );
}

export type Badge = { text: string; colour: number[]; title: string; scanned: boolean; url: string | null };

/** The badge of a tab, and whether the background holds a report for it (the scan was acknowledged). */
export async function badgeOf(w: Worker, tabId: number): Promise<Badge> {
  return w.evaluate(async (tabId) => {
    const entry = (globalThis as any).fairExit.tabs.get(tabId);
    return {
      text: await chrome.action.getBadgeText({ tabId }),
      colour: (await chrome.action.getBadgeBackgroundColor({ tabId })) as number[],
      title: await chrome.action.getTitle({ tabId }),
      scanned: entry !== null,
      url: entry?.report.url ?? null,
    };
  }, tabId);
}

export async function waitForBadge(b: ExtensionBrowser, tabId: number, ok: (badge: Badge) => boolean, timeoutMs = 10_000): Promise<Badge> {
  return waitFor(`the badge of tab ${tabId}`, async () => badgeOf(await currentWorker(b), tabId), ok, timeoutMs);
}

/** The violations in the report the background holds for a tab. */
export async function violationsOf(b: ExtensionBrowser, tabId: number): Promise<{ severity: string }[]> {
  const w = await currentWorker(b);
  return w.evaluate((tabId) => (globalThis as any).fairExit.tabs.get(tabId).report.findings.filter((f: any) => f.verdict === 'violation'), tabId);
}

export async function openExtensionPage(b: ExtensionBrowser, path: string): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/${path}`);
  return page;
}

/** Sends a message to the background from an extension page, as the popup and history page do. */
export function send<T = unknown>(page: Page, msg: unknown): Promise<{ ok: boolean; data?: T; error?: string }> {
  return page.evaluate((m) => chrome.runtime.sendMessage(m), msg);
}

/**
 * Stops the extension's service worker the way the browser does when it is idle (DevTools protocol
 * ServiceWorker.stopAllWorkers), and waits until it has stopped. Its state in memory is gone; storage
 * is not.
 */
export async function stopWorker(b: ExtensionBrowser, page: Page): Promise<void> {
  const cdp = await b.context.newCDPSession(page);
  let stopped = false;
  cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
    if (e.versions.some((v) => v.scriptURL.includes(b.extensionId) && v.runningStatus === 'stopped')) stopped = true;
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await waitFor(
    'the worker to stop',
    async () => stopped,
    (s) => s,
    5000,
  );
  await cdp.detach();
}

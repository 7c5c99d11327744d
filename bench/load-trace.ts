/** Chromium's trace of one page load in the extension's browser (scripts/load-tasks.ts, scripts/script-start.ts). */
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../src/audit/browser';
import { waitForEntry } from './measure';
import type { TraceEvent } from './trace';

/**
 * Opens `url` in a new tab with `categories` traced, until the extension has the page's first report
 * and `lingerMs` more: the content script's start and its first scan. The tab is left open.
 */
export async function traceLoad(b: ExtensionBrowser, url: string, categories: string[], lingerMs = 0): Promise<{ tab: Page; events: TraceEvent[] }> {
  const tab = await b.context.newPage();
  const cdp = await b.context.newCDPSession(tab);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: categories, excludedCategories: ['*'] }, transferMode: 'ReportEvents' } as never);
  await tab.goto(url, { waitUntil: 'load' });
  await waitForEntry(b, url, 0, 60_000);
  if (lingerMs) await new Promise((r) => setTimeout(r, lingerMs));
  await cdp.send('Tracing.end');
  await done;
  return { tab, events };
}

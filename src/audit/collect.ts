/**
 * Opens one target with the extension loaded and takes the report the extension made, once the page
 * has settled (no DOM change for a second, or the timeout; a page without scripts has settled at load).
 */
import type { Frame, Page } from 'playwright-core';
import { PageReport } from '../report/schema';
import { currentWorker, type ExtensionBrowser } from './browser';
import { DataRequests } from './data-requests';
import { pageScript } from './page-script';

const QUIET_MS = 1000;
const BUSY_PAGE_MS = 5000;

/**
 * How the report was taken: `scanned`, from a scan that began after the page's last change; `settled`,
 * the page ended at the pre-check and the extension let its later changes pass (they said nothing of
 * plans), so its report stands; `busy`, the page never stopped changing and its latest report was taken.
 */
export type SettledBy = 'scanned' | 'settled' | 'busy';
export type Collected = { ok: true; report: PageReport; settledBy: SettledBy } | { ok: false; reason: string };

export async function collectReport(b: ExtensionBrowser, url: string, timeoutS: number): Promise<Collected> {
  const page = await b.context.newPage();
  try {
    return await collectOn(b, page, url, timeoutS);
  } finally {
    await page.close().catch(() => {});
  }
}

export async function collectOn(b: ExtensionBrowser, page: Page, url: string, timeoutS: number): Promise<Collected> {
  const requests = new DataRequests(page);
  try {
    return await collectWatched(b, page, url, timeoutS, requests);
  } finally {
    requests.stop();
  }
}

async function collectWatched(b: ExtensionBrowser, page: Page, url: string, timeoutS: number, requests: DataRequests): Promise<Collected> {
  const deadline = Date.now() + timeoutS * 1000;
  // Changes are watched from the document's first moment: a dialog a page opens 400 ms after its
  // scripts run can come before the load event, and a watch begun after load would miss it and take
  // the report made before the dialog opened.
  await watchChangesFromStart(page);
  let response;
  try {
    response = await page.goto(url, { waitUntil: 'load', timeout: timeoutS * 1000 });
  } catch (e) {
    return { ok: false, reason: firstLine((e as Error).message) };
  }
  if (response && response.status() >= 400) return { ok: false, reason: `HTTP ${response.status()}` };
  const loadedAt = Date.now();
  // A page whose documents (its frames' included) have no scripts cannot change after it has loaded: its first report is its report.
  const quietMs = (await hasScripts(page)) ? QUIET_MS : 0;

  type Entry = { report: unknown; receivedAt: number };
  let latest: Entry | null = null;
  let settledBy: SettledBy = 'busy';
  while (Date.now() < deadline) {
    const finalUrl = page.url();
    const worker = await currentWorker(b);
    latest = (await worker.evaluate((u) => (globalThis as any).fairExit?.tabs.byUrl(u) ?? null, finalUrl).catch(() => null)) as Entry | null;
    const lastChange = ((await page.evaluate(() => (window as any).__fairExitLastChange as number).catch(() => 0)) as number) ?? 0;
    const now = Date.now();
    // The report must come from a scan that began after the last change. A report of the page as it
    // was can arrive just after a change (a dialog opening while it was on its way); and a scan runs in
    // slices, so one that ended after a change may have read the page before it (a shadow root attached
    // meanwhile, which no observer sees, is scanned only by a later look: src/content/late-shadows.ts).
    // Quiet: no change for a second, and no data request under way or ended within it (an app waiting for
    // the data it will draw changes nothing in the meantime).
    const quiet = now - Math.max(lastChange, loadedAt, requests.lastEnded) >= quietMs && !requests.busy && latest !== null;
    if (quiet && latest && scanStart(latest) >= lastChange) {
      settledBy = 'scanned';
      break;
    }
    // A page that ended at the pre-check is scanned again only for changes that speak of plans: after
    // others (an ad, a weather line) its report stands, and no later scan will come to say so.
    if (quiet && (await extensionSettled(b, finalUrl))) {
      settledBy = 'settled';
      break;
    }
    // A page that never stops changing (a ticking countdown) is taken as its latest report shows it.
    if (now - loadedAt >= BUSY_PAGE_MS && latest !== null) break;
    await page.waitForTimeout(150);
  }
  if (!latest) return { ok: false, reason: `no report from the extension within ${timeoutS}s` };
  const parsed = PageReport.safeParse(latest.report);
  if (!parsed.success) return { ok: false, reason: 'the extension returned an invalid report' };
  return { ok: true, report: parsed.data, settledBy };
}

/** Whether the tab's content script says its last report stands for the page as it is (ScanStatus). */
async function extensionSettled(b: ExtensionBrowser, url: string): Promise<boolean> {
  const worker = await currentWorker(b);
  return worker
    .evaluate(async (u) => {
      const tabId = (globalThis as any).fairExit?.tabs.tabIdByUrl(u);
      if (typeof tabId !== 'number') return false;
      const reply = await (globalThis as any).chrome.tabs.sendMessage(tabId, { type: 'scan-status' }).catch(() => null);
      return reply?.ok === true && reply.data?.settled === true;
    }, url)
    .catch(() => false);
}

async function hasScripts(page: Page): Promise<boolean> {
  const counts = await Promise.all(page.frames().map(scriptsIn));
  return counts.some((n) => n > 0);
}
/** A frame's script count; one that cannot answer soon (still loading, detached) counts as scripted, so the collector waits for quiet. */
async function scriptsIn(frame: Frame): Promise<number> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<number>((ok) => (timer = setTimeout(() => ok(1), FRAME_ANSWER_MS)));
  try {
    return await Promise.race([frame.evaluate(() => document.scripts.length).catch(() => 1), late]);
  } finally {
    clearTimeout(timer);
  }
}
const FRAME_ANSWER_MS = 2000;

/**
 * When the scan behind a tab's report began (`scannedAt`; the page's clock and ours are the machine's),
 * or when the report came for one that does not say.
 */
export function scanStart(e: { report: unknown; receivedAt: number }): number {
  const at = Date.parse((e.report as { scannedAt?: string } | null)?.scannedAt ?? '');
  return Number.isNaN(at) ? e.receivedAt : at;
}

const watchedPages = new WeakSet<Page>();
/**
 * Once per page: every document it loads records the time of its last DOM change in __fairExitLastChange,
 * changes inside open shadow roots and same-origin frames (and such a frame's load) included (a retention
 * dialog drawn into a custom element's shadow root changes nothing the document's observer sees; the
 * extension scans it all the same).
 */
async function watchChangesFromStart(page: Page): Promise<void> {
  if (watchedPages.has(page)) return;
  watchedPages.add(page);
  await page.addInitScript({ content: pageScript(markChanges) });
}

/** Run in every document of the page before its own scripts (pageScript: no helper of the bundle is there). */
function markChanges(): void {
  type Marked = { __fairExitLastChange: number };
  // The script runs in every frame too. A same-origin frame is part of what the extension scans: its
  // changes, and its load, count as changes of the page it is in.
  let w = window as unknown as Marked;
  try {
    if (window.top && window.top !== window && window.top.location.origin === location.origin) w = window.top as unknown as Marked;
  } catch {
    // A cross-origin parent: this frame is not scanned, and it marks only its own window.
  }
  const mark = () => (w.__fairExitLastChange = Date.now());
  if (w === (window as unknown)) w.__fairExitLastChange = 0;
  else addEventListener('load', mark);
  const observer = new MutationObserver(mark);
  const options = { subtree: true, childList: true, attributes: true, characterData: true };
  observer.observe(document, options);
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
    const root = attach.call(this, init);
    if (init.mode === 'open') observer.observe(root, options);
    return root;
  };
}

function firstLine(s: string): string {
  return (
    s
      .split('\n')
      .find((l) => l.trim())
      ?.replace(/^page\.goto: /, '')
      .trim() ?? s
  );
}

export type CollectedBundle = { fileName: string; zip: Uint8Array };

/**
 * The evidence bundle of the tab showing `url`, built by the extension itself (src/evidence, the
 * same code as the popup's export); the audit only receives the bytes.
 */
export async function collectBundle(b: ExtensionBrowser, url: string, report?: PageReport): Promise<CollectedBundle> {
  const worker = await currentWorker(b);
  await allowTabActivation(b);
  const got = (await worker.evaluate(([u, r]) => (globalThis as any).fairExit.evidence.bundleForUrl(u, r ?? undefined), [url, report ?? null] as const)) as {
    fileName: string;
    zip: string;
  };
  return { fileName: got.fileName, zip: new Uint8Array(Buffer.from(got.zip, 'base64')) };
}

/**
 * The audit drives its own browser: the extension may bring a tab to the front to capture it (the
 * user's browsing never allows this). Set again on each call, in case the worker was restarted.
 */
export async function allowTabActivation(b: ExtensionBrowser): Promise<void> {
  const worker = await currentWorker(b);
  await worker.evaluate(async () => {
    const fe = (globalThis as any).fairExit;
    await fe.ready;
    fe.evidence.hooks.activateTabs = true;
  });
}

import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { applyBadge } from '../src/background/badge';
import { FlowService } from '../src/background/flows';
import { createRouter } from '../src/background/router';
import { bytesToBase64 } from '../src/evidence/bytes';
import { TabCapturer } from '../src/evidence/capture';
import { EvidenceService } from '../src/evidence/service';
import { PENDING_PREFIX } from '../src/flows/pending';
import { FlowRecorder } from '../src/flows/recorder';
import { TabReports } from '../src/background/tab-reports';
import { PendingJournal } from '../src/storage/journal';
import { MemoryArea, type KeyValueArea } from '../src/storage/kv';
import { ReportStore } from '../src/storage/reports-db';
import { ReportSaver } from '../src/storage/saver';
import { SETTINGS_KEY, SettingsStore } from '../src/storage/settings';
import { StatusStore } from '../src/storage/status';
import type { ContentMessage } from '../src/messages';
import { checkBundledRules } from '../src/rules/catalog';
import { bundledLexicon, checkBundledWordLists } from '../src/rules/word-lists';
import { runAtOnce } from '../src/engine/scan-timing';

/** Chrome's pageCapture (the page as MHTML); Firefox has none. */
function pageCapture(): { saveAsMHTML: (o: { tabId: number }) => Promise<Blob> } | null {
  return (globalThis as { chrome?: { pageCapture?: { saveAsMHTML: (o: { tabId: number }) => Promise<Blob> } } }).chrome?.pageCapture ?? null;
}

export default defineBackground(() => {
  // The build checked the rules and word lists, and pages take them as bundled; checked again here, once, as the extension loads.
  checkBundledRules();
  checkBundledWordLists();
  const local: KeyValueArea = browser.storage.local;
  const session: KeyValueArea = browser.storage.session ?? new MemoryArea();
  const tabs = new TabReports(session);
  const store = new ReportStore();
  const status = new StatusStore(local);
  const saver = new ReportSaver(store, new PendingJournal(local), status);
  const settings = new SettingsStore(local);
  const version = browser.runtime.getManifest().version;
  const capturer = new TabCapturer({
    getTab: async (tabId) => {
      const t = await browser.tabs.get(tabId).catch(() => null);
      return t ? { windowId: t.windowId!, active: t.active, url: t.url } : null;
    },
    activate: async (tabId) => void (await browser.tabs.update(tabId, { active: true })),
    captureVisibleTab: (windowId) => browser.tabs.captureVisibleTab(windowId, { format: 'png' }),
    sendToTab: (tabId, msg) => browser.tabs.sendMessage(tabId, msg),
    saveMhtml: pageCapture() ? async (tabId) => (await pageCapture()!.saveAsMHTML({ tabId })).text() : null,
    browser: navigator.userAgent,
    extensionVersion: version,
  });
  const evidence = new EvidenceService({
    capturer,
    tabs,
    store,
    saver,
    tool: { name: 'fair-exit', version },
    download: async (filename, zip) => {
      // A service worker has no object URLs (Chrome); Firefox's background page has, and wants them.
      const blob = new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' });
      const objectUrl = typeof URL.createObjectURL === 'function' ? URL.createObjectURL(blob) : null;
      const url = objectUrl ?? `data:application/zip;base64,${bytesToBase64(zip)}`;
      try {
        return await browser.downloads.download({ url, filename, saveAs: false, conflictAction: 'uniquify' });
      } finally {
        if (objectUrl) setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
      }
    },
    findTab: async (url) => {
      const found = (await browser.tabs.query({})).filter((t) => t.url === url && t.id !== undefined);
      return (found.find((t) => t.active) ?? found[0])?.id ?? null;
    },
  });
  const sendToTab = (tabId: number, msg: ContentMessage) => browser.tabs.sendMessage(tabId, msg);
  // A recording lives in storage.session: it survives navigations and a stopped worker.
  const flows = new FlowService({
    recorder: new FlowRecorder(session),
    pending: local,
    store,
    tabs,
    tabUrl: (tabId) =>
      browser.tabs.get(tabId).then(
        (t) => t.url,
        () => undefined,
      ),
    sendToTab,
    // The screen after each step, for the flow's evidence bundle; only a tab in front is captured.
    captureScreen: (tabId, url) => capturer.screen(tabId, url),
    tool: { name: 'fair-exit', version },
  });

  // The worker may have been stopped in the middle of a save: finish those first.
  const ready = Promise.all([tabs.hydrate(), saver.replayPending()]).catch((e) => console.warn('[fair-exit] start-up replay failed', e));

  const router = createRouter({
    runtimeId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
    version,
    tabs,
    store,
    saver,
    settings,
    status,
    ready,
    browserLanguage: () => browser.i18n.getUILanguage(),
    // MV3 has `action`; Firefox's MV2 build has `browserAction`.
    showBadge: (tabId, report, lang) => applyBadge(browser.action ?? browser.browserAction, tabId, report, lang),
    sendToTab,
    evidence,
    flows,
    lexicon: bundledLexicon,
  });
  browser.runtime.onMessage.addListener((raw: unknown, sender) => router.handle(raw, sender));
  // Pages ask this lexicon the pre-check's questions on their first scan (src/engine/precheck-question.ts): made
  // ready as the worker starts (most often woken by a page that starts), so that the question does not wait for it.
  setTimeout(() => runAtOnce(bundledLexicon().prepareSteps()), 0);

  // A recorded click left in storage by a content script (see src/flows/pending.ts) wakes the worker.
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && Object.keys(changes).some((k) => k.startsWith(PENDING_PREFIX) && changes[k].newValue !== undefined)) void flows.takeClicks();
    // Content scripts do not listen to storage themselves (src/content/site-gate.ts): they are told.
    if (area === 'local' && SETTINGS_KEY in changes) void tellTabsSettingsChanged();
  });
  async function tellTabsSettingsChanged(): Promise<void> {
    for (const tab of await browser.tabs.query({}).catch(() => [])) {
      if (tab.id !== undefined) void sendToTab(tab.id, { type: 'settings-changed' }).catch(() => {});
    }
  }
  browser.tabs.onRemoved.addListener((tabId) => {
    tabs.delete(tabId);
    router.tabClosed(tabId);
    void flows.tabClosed(tabId);
  });
  // A report saved while its tab was in the background is captured when the user looks at it.
  browser.tabs.onActivated.addListener(({ tabId }) => void ready.then(() => evidence.onActivated(tabId)));
  browser.tabs.onUpdated.addListener((tabId, info) => {
    // A new document: the browser clears the badge, and the old report no longer applies.
    if (info.status === 'loading' && info.url) tabs.delete(tabId);
  });

  // The audit reads reports from here through the DevTools protocol: one code path with the popup.
  // The tests reach the database, the saver's hooks and the settings through it too.
  // The audit's --flow replays start and stop recordings through `flows`, as the popup's buttons do.
  (globalThis as Record<string, unknown>).fairExit = { tabs, db: store, saver, settings, status, ready, stats: router.stats, evidence, flows };
});

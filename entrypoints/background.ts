import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { applyBadge } from '../src/background/badge';
import { createRouter } from '../src/background/router';
import { TabReports } from '../src/background/tab-reports';
import { PendingJournal } from '../src/storage/journal';
import { MemoryArea, type KeyValueArea } from '../src/storage/kv';
import { ReportStore } from '../src/storage/reports-db';
import { ReportSaver } from '../src/storage/saver';
import { SettingsStore } from '../src/storage/settings';
import { StatusStore } from '../src/storage/status';

export default defineBackground(() => {
  const local: KeyValueArea = browser.storage.local;
  const session: KeyValueArea = browser.storage.session ?? new MemoryArea();
  const tabs = new TabReports(session);
  const store = new ReportStore();
  const status = new StatusStore(local);
  const saver = new ReportSaver(store, new PendingJournal(local), status);
  const settings = new SettingsStore(local);

  // The worker may have been stopped in the middle of a save: finish those first.
  const ready = Promise.all([tabs.hydrate(), saver.replayPending()]).catch((e) => console.warn('[fair-exit] start-up replay failed', e));

  const router = createRouter({
    runtimeId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
    version: browser.runtime.getManifest().version,
    tabs,
    store,
    saver,
    settings,
    status,
    ready,
    browserLanguage: () => browser.i18n.getUILanguage(),
    // MV3 has `action`; Firefox's MV2 build has `browserAction`.
    showBadge: (tabId, report, lang) => applyBadge(browser.action ?? browser.browserAction, tabId, report, lang),
    sendToTab: (tabId, msg) => browser.tabs.sendMessage(tabId, msg),
  });
  browser.runtime.onMessage.addListener((raw: unknown, sender) => router.handle(raw, sender));

  browser.tabs.onRemoved.addListener((tabId) => tabs.delete(tabId));
  browser.tabs.onUpdated.addListener((tabId, info) => {
    // A new document: the browser clears the badge, and the old report no longer applies.
    if (info.status === 'loading' && info.url) tabs.delete(tabId);
  });

  // The audit reads reports from here through the DevTools protocol: one code path with the popup.
  // The tests reach the database, the saver's hooks and the settings through it too.
  (globalThis as Record<string, unknown>).fairExit = { tabs, db: store, saver, settings, status, ready, stats: router.stats };
});

import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { BackgroundMessage, describeError } from '../src/messages';
import { TabReports } from '../src/background/tab-reports';
import { badgeFor } from '../src/background/badge';
import type { PageReport } from '../src/report/schema';

export default defineBackground(() => {
  const tabs = new TabReports();

  const showBadge = async (tabId: number, report: PageReport | null) => {
    const badge = badgeFor(report, browser.i18n.getUILanguage());
    await browser.action.setBadgeText({ tabId, text: badge.text });
    if (badge.colour) await browser.action.setBadgeBackgroundColor({ tabId, color: badge.colour });
    await browser.action.setTitle({ tabId, title: badge.title });
  };

  browser.runtime.onMessage.addListener((raw: unknown, sender) => {
    const parsed = BackgroundMessage.safeParse(raw);
    if (!parsed.success) return Promise.resolve({ ok: false, error: describeError(parsed.error) });
    const msg = parsed.data;
    if (msg.type === 'scan-report') {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return Promise.resolve({ ok: false, error: 'scan report from outside a tab' });
      tabs.set(tabId, msg.report, msg.seq);
      return showBadge(tabId, msg.report).then(() => ({ ok: true, data: null }));
    }
    if (msg.type === 'get-tab-report') {
      const entry = tabs.get(msg.tabId);
      return Promise.resolve({ ok: true, data: entry ? { ...entry, savedId: null } : null });
    }
    return Promise.resolve({ ok: false, error: `${msg.type} is not implemented yet` });
  });

  browser.tabs.onRemoved.addListener((tabId) => tabs.delete(tabId));
  browser.tabs.onUpdated.addListener((tabId, info) => {
    if (info.status === 'loading' && info.url) tabs.delete(tabId);
  });

  // The audit reads reports from here through the DevTools protocol: one code path with the popup.
  (globalThis as Record<string, unknown>).fairExit = { tabs };
});

/** Wires the popup (src/ui/popup.ts) to the extension: the tab's report, rescans, highlights, notes. */
import './style.css';
import { browser } from 'wxt/browser';
import { Settings as SettingsSchema, type BackgroundMessage, type ContentMessage, type Settings } from '../../src/messages';
import { isSiteDisabled } from '../../src/storage/settings';
import type { PopupActions } from '../../src/ui/context';
import { localeDir, lookupFromFile, translator, type Translator } from '../../src/ui/i18n';
import { classifyUrl, viewFor, type PopupView } from '../../src/ui/model';
import { renderPopup, type RenderOptions } from '../../src/ui/popup';
import { parseExport, parseFlowState, parseHighlight, parseOk, parseStorageStatus, parseTabReport } from '../../src/ui/replies';
import type { FlowControls, FlowPanelState } from '../../src/ui/flow-panel';
import type { Direction } from '../../src/flows/recorder';

const RESCAN_WAIT_MS = 4000;

async function send(msg: BackgroundMessage): Promise<unknown> {
  try {
    return await browser.runtime.sendMessage(msg);
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/** Any key: the Traditional Chinese rule names exist only in zh_TW, so they are not in WXT's typed keys. */
const getMessage = browser.i18n.getMessage as unknown as (name: string, substitutions?: string[]) => string;
const uiLookup = (key: string, subs?: (string | number)[]) => getMessage(key, subs?.map(String));

const toTab = (tabId: number, msg: ContentMessage) => browser.tabs.sendMessage(tabId, msg);

async function loadSettings(): Promise<Settings | null> {
  const reply = parseOk(await send({ type: 'get-settings' }), 'get-settings');
  const parsed = reply.ok ? SettingsSchema.safeParse(reply.data) : null;
  return parsed?.success ? parsed.data : null;
}

/** The browser's UI language, unless the user picked one in the settings. */
async function loadTranslator(settings: Promise<Settings | null>): Promise<Translator> {
  const auto = translator(uiLookup);
  const language = (await settings)?.language;
  if (!language || language === 'auto' || language === auto.lang) return auto;
  try {
    const res = await fetch(browser.runtime.getURL(`/_locales/${localeDir(language)}/messages.json` as '/popup.html'));
    return translator(lookupFromFile(await res.json()));
  } catch {
    return auto;
  }
}

function siteOff(settings: Settings | null, url: string | undefined): boolean {
  if (!settings || !url) return false;
  try {
    return isSiteDisabled(settings, new URL(url).hostname);
  } catch {
    return false;
  }
}

async function targetTab(): Promise<number | undefined> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param !== null) return /^\d+$/.test(param) ? Number(param) : undefined;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

async function main() {
  const root = document.getElementById('app')!;
  const settings = loadSettings();
  const settingsLoaded = loadTranslator(settings);
  let tr = translator(uiLookup);
  let view: PopupView = { kind: 'loading' };
  let opts: RenderOptions = {};
  let flowState: FlowPanelState | null = null;
  const flowControls = (): FlowControls | null =>
    flowState && {
      state: flowState,
      start: (direction: Direction) => void flowCommand({ type: 'flow-start', tabId: tabId!, direction }),
      stop: (completed: boolean) => void flowCommand({ type: 'flow-stop', tabId: tabId!, completed }),
      exportEvidence: (flowId: string) =>
        void (async () => {
          const r = parseExport(await send({ type: 'export-flow-evidence', flowId }));
          if (flowState) flowState = { ...flowState, exported: r.ok ? { ok: true, fileName: r.data.fileName } : r };
          draw();
        })(),
    };
  const draw = () => renderPopup(document, root, view, tr, actions, { ...opts, flow: flowControls() });
  /** Start or stop a recording; the reply is the tab's new flow state (or why it was refused). */
  const flowCommand = async (msg: BackgroundMessage) => {
    const reply = parseFlowState(await send(msg), msg.type);
    flowState = reply.ok ? reply.data : { ...(flowState ?? { recording: null, flow: null }), error: reply.error };
    draw();
  };

  const tabId = await targetTab();
  let tabUrl: string | undefined;

  const fetchReport = async () => parseTabReport(await send({ type: 'get-tab-report', tabId: tabId! }));
  const load = async () => {
    const [reply, tab, storage, current, flows] = await Promise.all([
      fetchReport(),
      browser.tabs.get(tabId!).catch(() => null),
      send({ type: 'get-storage-status' }).then(parseStorageStatus),
      settings,
      send({ type: 'get-flow-state', tabId: tabId! }).then((r) => parseFlowState(r, 'get-flow-state')),
    ]);
    tabUrl = tab?.url;
    flowState = flows.ok ? flows.data : null;
    view = viewFor({ reply, tabUrl, storage: storage.ok ? storage.data : null, siteOff: siteOff(current, tabUrl), tabGone: tab === null });
  };

  const actions: PopupActions = {
    async highlight(selectors) {
      if (tabId === undefined) return { ok: false, error: 'no tab' };
      try {
        const r = parseHighlight(await toTab(tabId, { type: 'highlight', selectors }));
        return r.ok ? { ok: true, ...r.data } : r;
      } catch (e) {
        return { ok: false, error: String(e) };
      }
    },
    rescan() {
      if (tabId === undefined) return;
      void (async () => {
        const before = view.kind === 'report' ? view.entry.receivedAt : 0;
        opts = { busy: 'rescanning' };
        draw();
        try {
          await toTab(tabId, { type: 'rescan' });
        } catch {
          // No content script in the tab: a protected page, or one opened before the extension was installed.
          opts = {};
          view = { kind: 'unscannable', reason: classifyUrl(tabUrl) ?? 'no-scanner', url: tabUrl };
          draw();
          return;
        }
        const deadline = Date.now() + RESCAN_WAIT_MS;
        while (Date.now() < deadline) {
          const r = await fetchReport();
          if (r.ok && r.data && r.data.receivedAt > before) break;
          await new Promise((res) => setTimeout(res, 150));
        }
        await load();
        opts = {};
        draw();
      })();
    },
    openHistory() {
      void browser.tabs.create({ url: browser.runtime.getURL('/history.html') });
    },
    async saveNote({ reportId, findingId, note }) {
      const r = parseOk(await send({ type: 'save-note', reportId, findingId, note }), 'save-note');
      return r.ok ? { ok: true } : r;
    },
    async exportEvidence() {
      if (tabId === undefined) return { ok: false, error: 'no tab' };
      // The background builds the bundle and hands it to the downloads API, so closing the popup does not stop it.
      const r = parseExport(await send({ type: 'export-evidence', tabId }));
      return r.ok ? { ok: true, fileName: r.data.fileName } : r;
    },
  };

  draw();
  if (tabId === undefined) {
    tr = await settingsLoaded;
    view = { kind: 'unscannable', reason: 'no-tab' };
    draw();
    return;
  }
  [tr] = await Promise.all([settingsLoaded, load()]);
  draw();
}

void main();

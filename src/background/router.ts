/**
 * Every message the background receives: validated with zod (src/messages.ts), checked for where it
 * came from, then handled by one small function each. A malformed or misdirected message gets
 * `{ ok: false, error }` and changes nothing.
 */
import {
  BackgroundMessage,
  describeError,
  type ContentMessage,
  type ExportEvidenceReply,
  type GetReportReply,
  type HistoryExport,
  type ListReportsReply,
  type Reply,
  ScanReportMessage,
  type ScanReportReply,
  type ScanSameReply,
  type Settings,
  type StorageStatus,
  type TabReportReply,
} from '../messages';
import type { EvidenceService } from '../evidence/service';
import type { PageReport } from '../report/schema';
import type { ReportStore } from '../storage/reports-db';
import type { ReportSaver } from '../storage/saver';
import { isSiteDisabled, resolveLanguage, type SettingsStore, type UiLanguage } from '../storage/settings';
import type { StatusStore } from '../storage/status';
import type { TabReports } from './tab-reports';
import { ReportParts } from './report-parts';
import type { FlowService, FlowState } from './flows';
import { flowFiles } from '../evidence/flow-bundle';
import { answerPrecheck } from '../engine/precheck-question';
import { answerTriggers } from '../engine/text-blocks';
import { answerPlanTexts } from '../engine/label-questions';
import type { Lexicon } from '../rules/lexicon';

export type Sender = { id?: string; url?: string; tab?: { id?: number } };

export type RouterDeps = {
  runtimeId: string;
  /** Origin of the extension's own pages, e.g. "chrome-extension://abc/". */
  extensionOrigin: string;
  version: string;
  tabs: TabReports;
  store: ReportStore;
  saver: ReportSaver;
  settings: SettingsStore;
  status: StatusStore;
  /** Settles when the saves left over by a stopped worker have been replayed. */
  ready: Promise<unknown>;
  browserLanguage: () => string;
  showBadge: (tabId: number, report: PageReport | null, lang: UiLanguage) => Promise<{ text: string }>;
  sendToTab: (tabId: number, msg: ContentMessage) => Promise<unknown>;
  /** The evidence bundle (src/evidence/service.ts); absent in tests that do not need it. */
  evidence?: Pick<EvidenceService, 'onSaved' | 'bundleForTab' | 'bundleForReport' | 'download'>;
  /** Recorded flows (absent in tests that do not need them). */
  flows?: FlowService;
  /** The background's lexicon, which answers pages' first-scan questions warm: the pre-check's, text blocks' (absent: pages answer them themselves). */
  lexicon?: () => Lexicon;
  now?: () => number;
};

/** What content scripts may send: their scans, their first scan's questions to the lexicon, and whether their tab records a flow. */
const FROM_PAGES = new Set<BackgroundMessage['type']>(['scan-report', 'scan-report-part', 'scan-same', 'precheck-ask', 'triggers-ask', 'plan-texts-ask', 'flow-status']);

type Msg<T extends BackgroundMessage['type']> = Extract<BackgroundMessage, { type: T }>;
type Handlers = { [T in BackgroundMessage['type']]: (msg: Msg<T>, sender: Sender) => Promise<unknown> };

class RefusedError extends Error {}

export function createRouter(deps: RouterDeps) {
  const now = deps.now ?? Date.now;
  /** Counts for tests and diagnostics (e.g. that a site turned off sends no scans at all). */
  const stats = { scanReports: 0, sameReports: 0, precheckAnswers: 0, triggerAnswers: 0, planTextAnswers: 0 };
  const language = async () => resolveLanguage((await deps.settings.get()).language, deps.browserLanguage());
  const afterReplay = () => deps.ready.catch(() => {});
  const flows = () => {
    if (!deps.flows) throw new RefusedError('flows are not available');
    return deps.flows;
  };
  const hostOf = (url: string) => {
    try {
      return new URL(url).hostname;
    } catch {
      return '';
    }
  };

  const parts = new ReportParts();
  const handlers: Handlers = {
    'scan-report': async (msg, sender): Promise<ScanReportReply> => {
      const tabId = sender.tab?.id;
      if (tabId === undefined) throw new RefusedError('scan report from outside a tab');
      stats.scanReports++;
      const settings = await deps.settings.get();
      if (isSiteDisabled(settings, hostOf(msg.report.url))) {
        // Scanning is off here (a scan that raced the setting): keep nothing, show nothing.
        deps.tabs.delete(tabId);
        await deps.showBadge(tabId, null, resolveLanguage(settings.language, deps.browserLanguage()));
        return { savedId: null, badge: '' };
      }
      if (!deps.tabs.set(tabId, msg.report, msg.seq, now())) return { savedId: deps.tabs.get(tabId)?.savedId ?? null, badge: '' };
      await deps.flows?.pageReport(tabId, msg.report, msg.seq, msg.survey ?? null).catch((e) => console.warn('[fair-exit] flow step lost', e));
      const badge = await deps.showBadge(tabId, msg.report, resolveLanguage(settings.language, deps.browserLanguage()));
      let savedId: string | null = null;
      if (msg.report.findings.length > 0) {
        const outcome = await deps.saver.save(msg.report, now());
        if (outcome.saved) {
          savedId = outcome.id;
          deps.tabs.setSavedId(tabId, msg.report.scannedAt, outcome.id);
          deps.evidence?.onSaved(tabId, outcome.id, msg.report);
        }
      }
      return { savedId, badge: badge.text };
    },
    'scan-report-part': async (msg, sender): Promise<ScanReportReply | { pending: true }> => {
      const tabId = sender.tab?.id;
      if (tabId === undefined) throw new RefusedError('scan report from outside a tab');
      const json = parts.add(tabId, msg);
      if (json === null) return { pending: true };
      const whole = ScanReportMessage.safeParse({ type: 'scan-report', report: json, seq: msg.seq, survey: msg.survey });
      if (!whole.success) throw new RefusedError(`scan report in parts: ${describeError(whole.error)}`);
      return (await handlers['scan-report'](whole.data, sender)) as ScanReportReply;
    },
    'scan-same': async (msg, sender): Promise<ScanSameReply> => {
      const tabId = sender.tab?.id;
      if (tabId === undefined) throw new RefusedError('scan report from outside a tab');
      stats.sameReports++;
      const held = deps.tabs.get(tabId);
      // The report of scan `since` is no longer here (the tab's entry was dropped, or is another document's): ask for the report.
      if (!held || held.seq !== msg.since || held.report.url !== msg.url) return { resend: true };
      const report: PageReport = { ...held.report, scannedAt: msg.scannedAt, scanMs: msg.scanMs };
      return (await handlers['scan-report']({ type: 'scan-report', report, seq: msg.seq, survey: msg.survey }, sender)) as ScanReportReply;
    },
    'precheck-ask': async (msg, sender): Promise<boolean[]> => {
      if (sender.tab?.id === undefined) throw new RefusedError('pre-check question from outside a tab');
      if (!deps.lexicon) throw new RefusedError('no lexicon here');
      stats.precheckAnswers++;
      const lexicon = deps.lexicon();
      return msg.questions.map((q) => answerPrecheck(lexicon, msg.text, q));
    },
    'triggers-ask': async (msg, sender): Promise<string[][]> => {
      if (sender.tab?.id === undefined) throw new RefusedError('text blocks question from outside a tab');
      if (!deps.lexicon) throw new RefusedError('no lexicon here');
      stats.triggerAnswers++;
      return answerTriggers(deps.lexicon(), msg.texts);
    },
    'plan-texts-ask': async (msg, sender): Promise<string> => {
      if (sender.tab?.id === undefined) throw new RefusedError('plan texts question from outside a tab');
      if (!deps.lexicon) throw new RefusedError('no lexicon here');
      stats.planTextAnswers++;
      return answerPlanTexts(deps.lexicon(), msg.texts)
        .map((yes) => (yes ? '1' : '0'))
        .join('');
    },
    'flow-status': async (_msg, sender) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined) throw new RefusedError('flow status from outside a tab');
      return { recording: await flows().isRecording(tabId), tabId };
    },
    'flow-start': async (msg): Promise<FlowState> => {
      await flows().start(msg.tabId, msg.direction);
      return flows().state(msg.tabId);
    },
    'flow-stop': async (msg): Promise<FlowState> => {
      await afterReplay();
      await flows().stop(msg.tabId, msg.completed);
      return flows().state(msg.tabId);
    },
    'get-flow-state': async (msg): Promise<FlowState> => {
      await afterReplay();
      return flows().state(msg.tabId);
    },
    'list-flows': async () => {
      await afterReplay();
      return { flows: await deps.store.listFlows() };
    },
    'get-tab-report': async (msg): Promise<TabReportReply> => {
      await afterReplay();
      const e = deps.tabs.get(msg.tabId);
      return e ? { report: e.report, seq: e.seq, receivedAt: e.receivedAt, savedId: e.savedId } : null;
    },
    'rescan-tab': async (msg) => {
      await deps.sendToTab(msg.tabId, { type: 'rescan' });
      return null;
    },
    'highlight-tab': async (msg) => {
      // The content script answers { ok, data: { found, hidden, total } }; pass its data on.
      const reply = (await deps.sendToTab(msg.tabId, { type: 'highlight', selectors: msg.selectors })) as { ok?: boolean; data?: unknown; error?: string } | undefined;
      if (reply && reply.ok === false) throw new RefusedError(reply.error ?? 'highlight failed');
      return reply?.data ?? null;
    },
    'save-note': async (msg) => {
      await afterReplay();
      const found = await deps.store.addNote(msg.reportId, { findingId: msg.findingId, note: msg.note, at: now() });
      if (!found) throw new RefusedError(`no saved report ${msg.reportId}`);
      return null;
    },
    'list-reports': async (msg): Promise<ListReportsReply> => {
      await afterReplay();
      const [reports, sites] = await Promise.all([deps.store.list({ site: msg.site, rule: msg.rule, text: msg.text }), deps.store.sites()]);
      return { reports, sites };
    },
    'get-report': async (msg): Promise<GetReportReply> => {
      await afterReplay();
      const got = await deps.store.get(msg.id);
      return got ? { record: got.record, screenshot: got.screenshot?.dataUrl ?? null } : null;
    },
    'delete-report': async (msg) => {
      await afterReplay();
      const deleted = await deps.store.delete(msg.id);
      void deps.saver.replayPending(); // there may be room now for a report that was waiting
      return { deleted: deleted ? 1 : 0 };
    },
    'delete-all-reports': async () => {
      await afterReplay();
      const deleted = await deps.store.deleteAll();
      void deps.saver.replayPending();
      return { deleted };
    },
    'export-history': async (): Promise<HistoryExport> => {
      await afterReplay();
      return {
        format: 'fair-exit-history',
        schemaVersion: 1,
        exportedAt: new Date(now()).toISOString(),
        tool: { name: 'fair-exit', version: deps.version },
        reports: await deps.store.exportAll(),
        flows: await deps.store.listFlows(),
      };
    },
    'get-storage-status': async (): Promise<StorageStatus> => {
      const lang = await language();
      try {
        await deps.store.db();
      } catch (e) {
        await deps.status.report({ reason: 'unavailable', detail: String(e) });
      }
      return deps.status.get(lang);
    },
    'clear-storage-status': async () => {
      await deps.status.clear();
      return null;
    },
    'save-screenshot': async (msg) => {
      await afterReplay();
      const r = await deps.saver.saveScreenshot(msg.reportId, msg.dataUrl, now());
      if (!r.found) throw new RefusedError(`no saved report ${msg.reportId}`);
      return { saved: r.saved };
    },
    'export-evidence': async (msg): Promise<ExportEvidenceReply> => {
      if (!deps.evidence) throw new RefusedError('evidence export is not available');
      await afterReplay();
      // A flow recorded on the tab's site goes in too: its step list (flow/flow.json, flow/steps.txt).
      const flow = msg.tabId !== undefined && deps.flows ? (await deps.flows.state(msg.tabId)).flow : null;
      const extra = flow ? flowFiles(flow) : [];
      const bundle = msg.tabId !== undefined ? await deps.evidence.bundleForTab(msg.tabId, extra) : await deps.evidence.bundleForReport(msg.reportId!);
      return deps.evidence.download(bundle);
    },
    'export-flow-evidence': async (msg): Promise<ExportEvidenceReply> => {
      if (!deps.evidence) throw new RefusedError('evidence export is not available');
      await afterReplay();
      return deps.evidence.download(await flows().bundle(msg.flowId));
    },
    'get-settings': async (): Promise<Settings> => deps.settings.get(),
    'set-settings': async (msg): Promise<Settings> => {
      const saved = await deps.settings.set(msg.settings);
      const lang = resolveLanguage(saved.language, deps.browserLanguage());
      // Tabs of a site just turned off lose their report and badge; the others follow the language.
      for (const tabId of deps.tabs.tabIds()) {
        const e = deps.tabs.get(tabId);
        if (!e) continue;
        const off = isSiteDisabled(saved, hostOf(e.report.url));
        if (off) deps.tabs.delete(tabId);
        await deps.showBadge(tabId, off ? null : e.report, lang);
      }
      return saved;
    },
  };

  const fromExtensionPage = (sender: Sender) => sender.id === deps.runtimeId && typeof sender.url === 'string' && sender.url.startsWith(deps.extensionOrigin);

  return {
    stats,
    /** A closed tab's report in parts, unfinished, is dropped. */
    tabClosed(tabId: number): void {
      parts.forget(tabId);
    },
    async handle(raw: unknown, sender: Sender): Promise<Reply<unknown>> {
      const parsed = BackgroundMessage.safeParse(raw);
      if (!parsed.success) return { ok: false, error: describeError(parsed.error) };
      const msg = parsed.data;
      if (sender.id !== deps.runtimeId) return { ok: false, error: 'message from another extension' };
      // Content scripts run in pages: they may send their scans and ask about recording, nothing else.
      if (!FROM_PAGES.has(msg.type) && !fromExtensionPage(sender)) return { ok: false, error: `${msg.type} is only accepted from the extension's pages` };
      try {
        const handler = handlers[msg.type] as (m: BackgroundMessage, s: Sender) => Promise<unknown>;
        return { ok: true, data: await handler(msg, sender) };
      } catch (e) {
        return { ok: false, error: e instanceof Error ? e.message : String(e) };
      }
    },
  };
}

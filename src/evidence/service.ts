/**
 * The evidence bundle in the background: captures a tab when a report with findings is saved (kept
 * with the saved report), and builds the bundle of a tab or of a saved report for the popup, the
 * history page and the audit, which all call into here.
 */
import type { PageReport } from '../report/schema';
import type { TabReports } from '../background/tab-reports';
import type { ReportStore } from '../storage/reports-db';
import type { ReportSaver } from '../storage/saver';
import { bytesToBase64 } from './bytes';
import { buildBundle, type Bundle } from './bundle';
import type { TabCapturer } from './capture';
import { StoredCapture } from './types';
import type { BundleFile } from './zip';

export type EvidenceDeps = {
  capturer: TabCapturer;
  tabs: TabReports;
  store: ReportStore;
  saver: ReportSaver;
  tool: { name: string; version: string };
  /** Hands the zip to the browser's downloads; returns the download id. */
  download: (fileName: string, zip: Uint8Array) => Promise<number | null>;
  findTab: (url: string) => Promise<number | null>;
  now?: () => number;
};

/** Knobs for tests and the audit (reachable as `fairExit.evidence.hooks`). */
export type EvidenceHooks = {
  /** Capture when a report with findings is saved. */
  captureOnSave: boolean;
  /** Bring a tab to the front to capture it. Only the audit, which drives its own browser, turns this on. */
  activateTabs: boolean;
};

export class EvidenceService {
  readonly hooks: EvidenceHooks = { captureOnSave: true, activateTabs: false };
  private readonly pending = new Map<number, Promise<unknown>>();
  private readonly now: () => number;

  constructor(private readonly deps: EvidenceDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** A report with findings was saved from a tab: keep a capture with it, unless it has one. */
  onSaved(tabId: number, reportId: string, report: PageReport): void {
    if (!this.hooks.captureOnSave) return;
    this.track(tabId, async () => {
      const got = await this.deps.store.get(reportId);
      if (!got || got.screenshot?.capture) return;
      const capture = await this.deps.capturer.capture(tabId, report, { fullPage: this.hooks.activateTabs, activate: this.hooks.activateTabs });
      if (capture) await this.deps.saver.saveScreenshot(reportId, capture.screenshot, this.now(), capture);
    });
  }

  /**
   * A tab came to the front: if its saved report was saved while the tab was in the background (so
   * not captured), capture it now that the user sees it.
   */
  onActivated(tabId: number): void {
    // A moment for the tab to paint before it is captured.
    setTimeout(() => {
      const entry = this.deps.tabs.get(tabId);
      if (entry?.savedId) this.onSaved(tabId, entry.savedId, entry.report);
    }, 300);
  }

  /** Waits for the captures under way in a tab. */
  async settled(tabId: number): Promise<void> {
    await this.pending.get(tabId)?.catch(() => {});
  }

  /**
   * The bundle of a tab's current report. A saved report's stored capture is used when it has the
   * whole page (or the page fits one screen); otherwise the tab is captured now, whole page included,
   * and the capture is kept with the saved report.
   */
  async bundleForTab(tabId: number, extraFiles: BundleFile[] = [], report?: PageReport): Promise<Bundle> {
    await this.settled(tabId);
    const current = this.deps.tabs.get(tabId);
    if (!current) throw new Error('no report for this tab');
    // The caller's report (the audit's) when given; the saved copy is only the tab's if it is the same scan.
    const entry = report ? { report, savedId: current.report.scannedAt === report.scannedAt ? current.savedId : null } : current;
    let capture: StoredCapture | null = null;
    if (entry.savedId) {
      const stored = (await this.deps.store.get(entry.savedId))?.screenshot?.capture;
      if (stored && (stored.full || stored.pageHeight <= stored.viewport.height + 2)) capture = stored;
    }
    if (!capture) {
      const fresh = this.deps.capturer.capture(tabId, entry.report, { fullPage: true, activate: this.hooks.activateTabs });
      this.track(tabId, () => fresh);
      capture = await fresh.catch((e) => {
        console.warn('[fair-exit] evidence capture failed', e);
        return null;
      });
      if (capture && entry.savedId) await this.deps.saver.saveScreenshot(entry.savedId, capture.screenshot, this.now(), capture);
      // Without a capture of its own, a saved report's older one still shows the page as it was.
      if (!capture && entry.savedId) capture = (await this.deps.store.get(entry.savedId))?.screenshot?.capture ?? null;
    }
    return buildBundle({ report: entry.report, capture, tool: this.deps.tool, extraFiles });
  }

  /** The bundle of a saved report, as captured when it was saved. */
  async bundleForReport(reportId: string, extraFiles: BundleFile[] = []): Promise<Bundle> {
    const got = await this.deps.store.get(reportId);
    if (!got) throw new Error(`no saved report ${reportId}`);
    const parsed = got.screenshot?.capture ? StoredCapture.safeParse(got.screenshot.capture) : null;
    return buildBundle({ report: got.record.report, capture: parsed?.success ? parsed.data : null, tool: this.deps.tool, extraFiles });
  }

  /**
   * For the audit (through the DevTools protocol): the bundle of the tab showing `url`, as base64,
   * of `report` when given (the report the audit took, so its report.json is the audit's).
   */
  async bundleForUrl(url: string, report?: PageReport): Promise<{ fileName: string; zip: string }> {
    const tabId = await this.deps.findTab(url);
    if (tabId === null) throw new Error(`no tab shows ${url}`);
    const b = await this.bundleForTab(tabId, [], report);
    return { fileName: b.fileName, zip: bytesToBase64(b.zip) };
  }

  async download(bundle: Bundle): Promise<{ fileName: string; bytes: number; downloadId: number | null }> {
    const downloadId = await this.deps.download(bundle.fileName, bundle.zip);
    return { fileName: bundle.fileName, bytes: bundle.zip.length, downloadId };
  }

  private track(tabId: number, task: () => Promise<unknown>): void {
    const prev = this.pending.get(tabId) ?? Promise.resolve();
    const run = prev.catch(() => {}).then(task);
    const kept = run.catch((e) => console.warn('[fair-exit] evidence capture failed', e));
    this.pending.set(tabId, kept);
    void kept.then(() => {
      if (this.pending.get(tabId) === kept) this.pending.delete(tabId);
    });
  }
}

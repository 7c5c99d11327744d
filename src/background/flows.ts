/**
 * Recorded flows in the background: starts and stops the recorder of a tab, feeds it the content
 * script's clicks and scans, and keeps each finished path with its pair in history, judged by
 * flow-asymmetry. The popup's record buttons and the audit's --flow replays both come through here.
 */
import type { ContentMessage } from '../messages';
import type { PageReport } from '../report/schema';
import { evaluateFlow } from '../flows/asymmetry';
import { FlowRecorder, type Direction, type RecordingSummary } from '../flows/recorder';
import { FLOW_RECORD_VERSION, siteOf, type SavedFlow } from '../flows/saved-flow';
import { takePending } from '../flows/pending';
import { bytesToBase64 } from '../evidence/bytes';
import { buildFlowBundle, type FlowBundle } from '../evidence/flow-bundle';
import type { KeyValueArea } from '../storage/kv';
import type { ReportStore } from '../storage/reports-db';
import type { TabReports } from './tab-reports';

export type FlowDeps = {
  recorder: FlowRecorder;
  /** Where the content scripts leave their recorded clicks (browser.storage.local). */
  pending: KeyValueArea;
  store: ReportStore;
  tabs: TabReports;
  /** The tab's address (the browser's, when there is no report yet). */
  tabUrl: (tabId: number) => Promise<string | undefined>;
  sendToTab: (tabId: number, msg: ContentMessage) => Promise<unknown>;
  /** The tab's visible screen when it is in front and shows `url` (src/evidence/capture.ts), else null. */
  captureScreen?: (tabId: number, url: string) => Promise<string | null>;
  tool?: { name: string; version: string };
  now?: () => number;
};

/** A moment after a screen appeared, so that it is captured as the user saw it once it settled. */
const SHOT_DELAY_MS = 600;

export type FlowState = { recording: RecordingSummary | null; flow: SavedFlow | null };

export class FlowService {
  private readonly now: () => number;
  /** Clicks, scans and stops are handled one at a time, in the order they came. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly shotTimers = new Map<number, ReturnType<typeof setTimeout>>();
  private readonly shooting = new Map<number, Promise<void>>();

  constructor(private readonly deps: FlowDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Starts recording a tab from the page it shows. `flowKey` pairs the two paths (default: the site). */
  async start(tabId: number, direction: Direction, opts: { flowKey?: string; name?: string } = {}): Promise<RecordingSummary> {
    const entry = this.deps.tabs.get(tabId);
    const url = entry?.report.url ?? (await this.deps.tabUrl(tabId));
    if (!url || !/^https?:/i.test(url)) throw new Error('this tab does not show a web page');
    const site = siteOf(url);
    const summary = await this.serial(async () => {
      // Clicks left over from an earlier recording belong to it, not to this one.
      await this.drain();
      return this.deps.recorder.start({
        tabId,
        direction,
        flowKey: opts.flowKey ?? site,
        name: opts.name ?? site,
        url,
        report: entry?.report ?? null,
        now: this.now(),
      });
    });
    await this.tell(tabId, true);
    this.scheduleShot(tabId);
    return summary;
  }

  /**
   * Ends a tab's recording and keeps the path: with the other side of the same flow when that side
   * is still missing, otherwise as a new flow. Returns the saved flow, findings included.
   */
  async stop(tabId: number, completed: boolean): Promise<SavedFlow | null> {
    await this.flushShot(tabId);
    const done = await this.serial(async () => {
      await this.drain();
      return this.deps.recorder.stop(tabId, completed);
    });
    await this.tell(tabId, false);
    if (!done) return null;
    const { recording, path, shots } = done;
    const now = this.now();
    const latest = await this.deps.store.latestFlow(recording.flowKey);
    const base: SavedFlow =
      latest && latest[recording.direction] === null
        ? latest
        : {
            schemaVersion: FLOW_RECORD_VERSION,
            id: `f-${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
            key: recording.flowKey,
            site: siteOf(path.steps[0]?.url ?? ''),
            name: recording.name,
            createdAt: now,
            updatedAt: now,
            join: null,
            exit: null,
            findings: [],
            bytes: 0,
          };
    const flow: SavedFlow = { ...base, [recording.direction]: path, shots: { ...base.shots, [recording.direction]: shots }, updatedAt: now };
    flow.findings = evaluateFlow({ join: flow.join, exit: flow.exit });
    flow.bytes = JSON.stringify(flow).length;
    await this.deps.store.putFlow(flow);
    return flow;
  }

  /** What the popup shows for a tab: its recording, and the latest flow of its site. */
  async state(tabId: number): Promise<FlowState> {
    await this.takeClicks();
    const recording = await this.deps.recorder.summary(tabId);
    const url = this.deps.tabs.get(tabId)?.report.url ?? (await this.deps.tabUrl(tabId));
    const key = recording?.flowKey ?? (url ? siteOf(url) : '');
    return { recording, flow: key ? await this.deps.store.latestFlow(key) : null };
  }

  isRecording(tabId: number): Promise<boolean> {
    return this.deps.recorder.get(tabId).then((r) => r !== null);
  }

  /** Hands the clicks the content scripts left in storage to the recorder, each exactly once. */
  takeClicks(): Promise<void> {
    return this.serial(() => this.drain());
  }

  pageReport(tabId: number, report: PageReport, seq: number, survey: string | null): Promise<boolean> {
    const now = this.now();
    const recorded = this.serial(async () => {
      // The click that led to this page comes first.
      await this.drain();
      return this.deps.recorder.pageReport(tabId, report, { seq, survey, now });
    });
    void recorded.then((yes) => yes && this.scheduleShot(tabId));
    return recorded;
  }

  /** The evidence bundle of a saved flow: its steps and the screen after each one. */
  async bundle(flowId: string): Promise<FlowBundle> {
    const flow = await this.deps.store.getFlow(flowId);
    if (!flow) throw new Error(`no saved flow ${flowId}`);
    const ids = [...(flow.shots?.join ?? []), ...(flow.shots?.exit ?? [])].filter((x): x is string => !!x);
    return buildFlowBundle(flow, await this.deps.store.flowShots(ids), this.deps.tool ?? { name: 'fair-exit', version: '0' });
  }

  /** For the audit (through the DevTools protocol): the flow's bundle as base64. */
  async bundleBase64(flowId: string): Promise<{ fileName: string; zip: string }> {
    const b = await this.bundle(flowId);
    return { fileName: b.fileName, zip: bytesToBase64(b.zip) };
  }

  /** Captures the screen after the latest step, a moment after it appeared (later scans restart the wait). */
  private scheduleShot(tabId: number): void {
    if (!this.deps.captureScreen) return;
    clearTimeout(this.shotTimers.get(tabId));
    this.shotTimers.set(
      tabId,
      setTimeout(() => void this.takeShot(tabId), SHOT_DELAY_MS),
    );
  }

  /** Takes the pending capture of a tab's latest step now and waits for it (the audit, after each step). */
  async flushShot(tabId: number): Promise<void> {
    const timer = this.shotTimers.get(tabId);
    if (timer !== undefined) {
      clearTimeout(timer);
      this.shotTimers.delete(tabId);
      await this.takeShot(tabId);
    }
    await this.shooting.get(tabId);
  }

  private takeShot(tabId: number): Promise<void> {
    this.shotTimers.delete(tabId);
    const prev = this.shooting.get(tabId) ?? Promise.resolve();
    const run = prev.then(async () => {
      const last = await this.deps.recorder.lastStep(tabId);
      const url = this.deps.tabs.get(tabId)?.report.url;
      if (!last || !url) return;
      const dataUrl = await this.deps.captureScreen!(tabId, url);
      if (!dataUrl) return;
      const id = `s-${tabId}-${last.at}-${Math.random().toString(36).slice(2, 8)}`;
      await this.deps.store.putFlowShot({ id, dataUrl, savedAt: this.now(), bytes: dataUrl.length });
      const { attached, replaced } = await this.deps.recorder.attachShot(tabId, last.at, id);
      // The recording ended meanwhile, or this newer capture of the same step replaces an older one.
      if (!attached) await this.deps.store.deleteFlowShot(id);
      if (replaced) await this.deps.store.deleteFlowShot(replaced);
    });
    const kept = run.catch((e) => console.warn('[fair-exit] flow step not captured', e));
    this.shooting.set(tabId, kept);
    return kept;
  }

  private async drain(): Promise<void> {
    for (const { tabId, action } of await takePending(this.deps.pending)) await this.deps.recorder.userAction(tabId, action);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => {});
    return run;
  }

  tabClosed(tabId: number): Promise<void> {
    return this.deps.recorder.discard(tabId);
  }

  /** The content script captures clicks only while its tab is recording. */
  private async tell(tabId: number, on: boolean): Promise<void> {
    await this.deps.sendToTab(tabId, { type: 'flow-record', on, tabId }).catch(() => {});
  }
}

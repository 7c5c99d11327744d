import type { PageReport } from '../report/schema';

export type TabEntry = { report: PageReport; seq: number; receivedAt: number };

/** The latest report of each open tab. */
export class TabReports {
  private readonly entries = new Map<number, TabEntry>();

  set(tabId: number, report: PageReport, seq: number): void {
    this.entries.set(tabId, { report, seq, receivedAt: Date.now() });
  }
  get(tabId: number): TabEntry | null {
    return this.entries.get(tabId) ?? null;
  }
  delete(tabId: number): void {
    this.entries.delete(tabId);
  }
  /** The newest report whose URL is `url` (the audit knows URLs, not tab ids). */
  byUrl(url: string): TabEntry | null {
    let best: TabEntry | null = null;
    for (const e of this.entries.values()) if (e.report.url === url && (!best || e.receivedAt > best.receivedAt)) best = e;
    return best;
  }
}

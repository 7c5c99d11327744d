import type { PageReport } from '../report/schema';
import type { KeyValueArea } from '../storage/kv';

export type TabEntry = { report: PageReport; seq: number; receivedAt: number; savedId: string | null };

const PREFIX = 'tab:';

/**
 * The latest report of each open tab. Mirrored to browser.storage.session so that it survives the
 * worker being stopped (the popup still finds it; the badge itself is kept by the browser).
 */
export class TabReports {
  private readonly entries = new Map<number, TabEntry>();

  constructor(private readonly area: KeyValueArea | null = null) {}

  /** Loads the entries of the previous worker (entries set since then win). */
  async hydrate(): Promise<void> {
    if (!this.area) return;
    const all = await this.area.get(null);
    for (const [key, value] of Object.entries(all)) {
      const tabId = Number(key.slice(PREFIX.length));
      if (!key.startsWith(PREFIX) || !Number.isInteger(tabId) || this.entries.has(tabId)) continue;
      const e = value as TabEntry;
      if (e && typeof e === 'object' && e.report && typeof e.seq === 'number') this.entries.set(tabId, { ...e, savedId: e.savedId ?? null });
    }
  }

  /**
   * Keeps a tab's report unless it is older than the one held (the content script numbers its scans;
   * a new document starts again at 1). Returns whether it was kept.
   */
  set(tabId: number, report: PageReport, seq: number, receivedAt = Date.now()): boolean {
    const old = this.entries.get(tabId);
    if (old && seq <= old.seq && seq !== 1) return false;
    this.put(tabId, { report, seq, receivedAt, savedId: null });
    return true;
  }

  /** Records the id of the saved copy of the tab's report (if that report is still the tab's). */
  setSavedId(tabId: number, scannedAt: string, savedId: string): void {
    const e = this.entries.get(tabId);
    if (e && e.report.scannedAt === scannedAt) this.put(tabId, { ...e, savedId });
  }

  get(tabId: number): TabEntry | null {
    return this.entries.get(tabId) ?? null;
  }

  delete(tabId: number): void {
    if (!this.entries.delete(tabId)) return;
    void this.area?.remove(PREFIX + tabId).catch(() => {});
  }

  tabIds(): number[] {
    return [...this.entries.keys()];
  }

  /** The newest report whose URL is `url` (the audit knows URLs, not tab ids). */
  byUrl(url: string): TabEntry | null {
    return this.newest(url)?.[1] ?? null;
  }

  /** The tab that holds the newest report whose URL is `url`. */
  tabIdByUrl(url: string): number | null {
    return this.newest(url)?.[0] ?? null;
  }

  private newest(url: string): [number, TabEntry] | null {
    let best: [number, TabEntry] | null = null;
    for (const [tabId, e] of this.entries) if (e.report.url === url && (!best || e.receivedAt > best[1].receivedAt)) best = [tabId, e];
    return best;
  }

  private put(tabId: number, entry: TabEntry): void {
    this.entries.set(tabId, entry);
    void this.area?.set({ [PREFIX + tabId]: entry }).catch((e) => console.warn('[fair-exit] tab report not mirrored', e));
  }
}

/**
 * Saving a report so that it is never lost: journal first, then one IndexedDB transaction, then the
 * journal entry is removed. When storage is full, room is made by the policy in docs/storage.md
 * (oldest screenshots, then oldest reports; never the report being saved) and the user is told.
 * Saves run one at a time.
 */
import type { StoredCapture } from '../evidence/types';
import type { PageReport } from '../report/schema';
import { journalKey, type PendingJournal } from './journal';
import { reportIdOf, sizeOf } from './records';
import { isQuotaError, type Evicted, type ReportStore } from './reports-db';
import type { StatusStore } from './status';

export type SaveOutcome = { saved: true; id: string; created: boolean } | { saved: false; id: string; reason: 'quota' | 'unavailable' };

/** Pauses for tests (reachable as `fairExit.saver.hooks`): e.g. to stop the worker mid-save. */
export type SaverHooks = {
  /** After the journal entry is written, before the IndexedDB transaction. */
  beforeCommit?: (id: string) => Promise<void>;
  /** After the transaction has committed, before the journal entry is removed. */
  afterCommit?: (id: string) => Promise<void>;
};

export class ReportSaver {
  readonly hooks: SaverHooks = {};
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: ReportStore,
    private readonly journal: PendingJournal,
    private readonly status: StatusStore,
  ) {}

  /** Saves one scan's report (seen at `seenAt`, epoch ms). */
  save(report: PageReport, seenAt: number): Promise<SaveOutcome> {
    return this.enqueue(async () => {
      const key = journalKey(report);
      try {
        await this.journal.put(key, { report, seenAt });
      } catch (e) {
        // The journal has its own, smaller storage; the save itself can still succeed.
        console.warn('[fair-exit] could not journal a save', e);
      }
      return this.commit(key, report, seenAt);
    });
  }

  /** Saves again every report whose save did not finish (the worker was stopped, storage was full). */
  replayPending(): Promise<number> {
    return this.enqueue(async () => {
      let saved = 0;
      for (const { key, entry } of await this.journal.all()) {
        const outcome = await this.commit(key, entry.report, entry.seenAt);
        if (outcome.saved) saved++;
        else break; // still no room or no database: the rest waits too
      }
      await this.status.setUnsaved(await this.journal.count());
      return saved;
    });
  }

  /** Keeps a screenshot with a saved report; when full, only older screenshots make room for it. */
  saveScreenshot(reportId: string, dataUrl: string, savedAt: number, capture?: StoredCapture): Promise<{ saved: boolean; found: boolean }> {
    return this.enqueue(async () => {
      const evicted: Evicted[] = [];
      for (;;) {
        try {
          const found = await this.store.putScreenshot(reportId, dataUrl, savedAt, capture);
          if (evicted.length) await this.tellEvicted(evicted, 0);
          return { saved: found, found };
        } catch (e) {
          if (!isQuotaError(e)) throw e;
          const gone = await this.store.evictOldest(reportId, { screenshotsOnly: true });
          if (!gone) {
            await this.tellEvicted(evicted, 0);
            return { saved: false, found: true };
          }
          evicted.push(gone);
        }
      }
    });
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => {});
    return run;
  }

  private async commit(key: string, report: PageReport, seenAt: number): Promise<SaveOutcome> {
    const id = reportIdOf(report);
    await this.hooks.beforeCommit?.(id);
    const evicted: Evicted[] = [];
    for (;;) {
      try {
        const result = await this.store.commit(report, seenAt);
        await this.hooks.afterCommit?.(id);
        await this.journal.remove(key).catch((e) => console.warn('[fair-exit] journal entry not removed', e));
        if (evicted.length) await this.tellEvicted(evicted, await this.journal.count());
        return { saved: true, id, created: result.created };
      } catch (e) {
        if (!isQuotaError(e)) {
          console.warn('[fair-exit] saving a report failed', e);
          await this.status.report({ reason: 'unavailable', unsaved: Math.max(1, await this.journal.count()), detail: String(e) });
          return { saved: false, id, reason: 'unavailable' };
        }
        const room = evicted.length > 0 || (await this.store.canMakeRoom(id, sizeOf(report)));
        const gone = room ? await this.store.evictOldest(id) : null;
        if (!gone) {
          // Nothing else left to remove: the report stays in the journal and is retried later.
          // (At least this one is unsaved, even if the journal itself had no room for it.)
          await this.tellEvicted(evicted, Math.max(1, await this.journal.count()));
          return { saved: false, id, reason: 'quota' };
        }
        evicted.push(gone);
      }
    }
  }

  private async tellEvicted(evicted: Evicted[], unsaved: number): Promise<void> {
    const reports = evicted.filter((e) => e.kind === 'report');
    if (!evicted.length && !unsaved) return;
    await this.status.report({
      reason: 'quota',
      evictedReports: reports.length,
      evictedScreenshots: evicted.length - reports.length,
      evictedSites: reports.map((r) => r.site),
      unsaved,
    });
  }
}

/**
 * The saved reports in IndexedDB (through `idb`). Every write is one transaction, and saving is
 * idempotent (a put by the report's deterministic id), so a save that is replayed after the worker
 * was stopped never makes a duplicate. The storage policy is in docs/storage.md.
 */
import type { StoredCapture } from '../evidence/types';
import { openDB, deleteDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { PageReport } from '../report/schema';
import type { SavedFlow } from '../flows/saved-flow';
import {
  matchesQuery,
  newRecord,
  reportIdOf,
  sizeOf,
  summarize,
  withSighting,
  type Note,
  type ReportQuery,
  type ReportSummary,
  type SavedReport,
  type Screenshot,
} from './records';

export const DB_NAME = 'fair-exit';

interface ReportsSchema extends DBSchema {
  reports: { key: string; value: SavedReport; indexes: { lastSeen: number; site: string; url: string } };
  screenshots: { key: string; value: Screenshot; indexes: { savedAt: number } };
  flows: { key: string; value: SavedFlow; indexes: { key: string; updatedAt: number } };
  flowShots: { key: string; value: FlowShot };
}

/** The screen after one step of a recorded flow (a PNG data URL), for the flow's evidence bundle. */
export type FlowShot = { id: string; dataUrl: string; savedAt: number; bytes: number };

type Db = IDBPDatabase<ReportsSchema>;
type UpgradeTx = IDBPTransaction<ReportsSchema, StoreNames<ReportsSchema>[], 'versionchange'>;

/**
 * Database versions, in order: step i brings a database from version i to i + 1. Never edit a
 * released step; add a new one (and bump nothing else: DB_VERSION follows the list).
 */
const UPGRADES: ((db: Db, tx: UpgradeTx) => void)[] = [
  // 0 -> 1: the reports, newest-first listing by lastSeen, filters by site and URL.
  (db) => {
    const reports = db.createObjectStore('reports', { keyPath: 'id' });
    reports.createIndex('lastSeen', 'lastSeen');
    reports.createIndex('site', 'site');
    reports.createIndex('url', 'url');
  },
  // 1 -> 2: screenshots apart from reports, so they can be evicted first when storage is full.
  (db) => {
    const shots = db.createObjectStore('screenshots', { keyPath: 'reportId' });
    shots.createIndex('savedAt', 'savedAt');
  },
  // 2 -> 3: recorded flows (the way in and the way out of a site), paired by key, listed newest first;
  // the screenshot of each step apart, by id.
  (db) => {
    const flows = db.createObjectStore('flows', { keyPath: 'id' });
    flows.createIndex('key', 'key');
    flows.createIndex('updatedAt', 'updatedAt');
    db.createObjectStore('flowShots', { keyPath: 'id' });
  },
];
export const DB_VERSION = UPGRADES.length;

export function openReportsDb(name = DB_NAME, version = DB_VERSION): Promise<Db> {
  return openDB<ReportsSchema>(name, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) UPGRADES[v](db, tx);
    },
    blocking(_current, _next, event) {
      // A newer version (an updated extension) wants the database: let it have it.
      (event.target as IDBDatabase).close();
    },
  });
}

export function deleteReportsDb(name = DB_NAME): Promise<void> {
  return deleteDB(name);
}

export function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: string } | null)?.name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

export type CommitResult = { id: string; created: boolean; changed: boolean };
export type Evicted =
  { kind: 'screenshot'; reportId: string; bytes: number } | { kind: 'report'; id: string; site: string; url: string; title: string; lastSeen: number; bytes: number };

/** Knobs for tests (reachable as `fairExit.db.hooks` in the background). */
export type DbHooks = {
  /** Pretend the database can hold only this many bytes (sum of the records' `bytes`). */
  simulatedQuotaBytes: number | null;
};

export class ReportStore {
  readonly hooks: DbHooks = { simulatedQuotaBytes: null };
  private dbPromise: Promise<Db> | null = null;

  constructor(private readonly name = DB_NAME) {}

  db(): Promise<Db> {
    this.dbPromise ??= openReportsDb(this.name).catch((e) => {
      this.dbPromise = null;
      throw e;
    });
    return this.dbPromise;
  }

  close(): void {
    void this.dbPromise?.then((db) => db.close()).catch(() => {});
    this.dbPromise = null;
  }

  /**
   * Saves one scan's report in one transaction: a new entry, or one more sighting of an existing
   * entry with the same id. A scan already counted changes nothing.
   */
  async commit(report: PageReport, seenAt: number): Promise<CommitResult> {
    const db = await this.db();
    const id = reportIdOf(report);
    const tx = db.transaction(['reports', 'screenshots'], 'readwrite');
    const reports = tx.objectStore('reports');
    try {
      const existing = await reports.get(id);
      let record: SavedReport;
      if (existing) {
        const next = withSighting(existing, report, seenAt);
        if (!next.changed) {
          await tx.done;
          return { id, created: false, changed: false };
        }
        record = next.record;
      } else {
        record = newRecord(report, seenAt);
      }
      await this.checkSimulatedQuota(tx, record.bytes - (existing?.bytes ?? 0));
      await reports.put(record);
      await tx.done;
      return { id, created: !existing, changed: true };
    } catch (e) {
      try {
        tx.abort();
      } catch {
        /* already finished */
      }
      await tx.done.catch(() => {});
      throw e;
    }
  }

  private async checkSimulatedQuota(tx: IDBPTransaction<ReportsSchema, ('reports' | 'screenshots')[], 'readwrite'>, extra: number): Promise<void> {
    const quota = this.hooks.simulatedQuotaBytes;
    if (quota === null || extra <= 0) return;
    const reports = await tx.objectStore('reports').getAll();
    const shots = await tx.objectStore('screenshots').getAll();
    const used = [...reports, ...shots].reduce((n, r) => n + r.bytes, 0);
    if (used + extra > quota) throw new DOMException('simulated: the quota has been exceeded', 'QuotaExceededError');
  }

  /**
   * Whether removing every other report and screenshot would make room for `needed` bytes. When it
   * would not, nothing is evicted: old reports are not destroyed for a save that cannot succeed.
   * Uses the browser's storage estimate (or the simulated quota); true when neither is known.
   */
  async canMakeRoom(keepId: string, needed: number): Promise<boolean> {
    const db = await this.db();
    const tx = db.transaction(['reports', 'screenshots'], 'readonly');
    const reports = await tx.objectStore('reports').getAll();
    const shots = await tx.objectStore('screenshots').getAll();
    await tx.done;
    const all = [...reports.map((r) => ({ id: r.id, bytes: r.bytes })), ...shots.map((s) => ({ id: s.reportId, bytes: s.bytes }))];
    const kept = all.filter((r) => r.id === keepId).reduce((n, r) => n + r.bytes, 0);
    const quota = this.hooks.simulatedQuotaBytes;
    if (quota !== null) return quota - kept >= needed;
    const estimate = await globalThis.navigator?.storage?.estimate?.().catch(() => null);
    if (!estimate?.quota || estimate.usage === undefined) return true;
    const evictable = all.reduce((n, r) => n + r.bytes, 0) - kept;
    return estimate.quota - estimate.usage + evictable >= needed;
  }

  /**
   * Frees room by one step of the policy in docs/storage.md: the oldest screenshot of another
   * report, else (unless `screenshotsOnly`) the oldest other report by lastSeen. Returns what was
   * removed, or null when there is nothing left to remove.
   */
  async evictOldest(keepId: string, opts: { screenshotsOnly?: boolean } = {}): Promise<Evicted | null> {
    const db = await this.db();
    const tx = db.transaction(['reports', 'screenshots'], 'readwrite');
    let evicted: Evicted | null = null;
    for (let c = await tx.objectStore('screenshots').index('savedAt').openCursor(); c; c = await c.continue()) {
      if (c.value.reportId === keepId) continue;
      evicted = { kind: 'screenshot', reportId: c.value.reportId, bytes: c.value.bytes };
      await c.delete();
      break;
    }
    if (!evicted && !opts.screenshotsOnly) {
      for (let c = await tx.objectStore('reports').index('lastSeen').openCursor(); c; c = await c.continue()) {
        if (c.value.id === keepId) continue;
        const r = c.value;
        evicted = { kind: 'report', id: r.id, site: r.site, url: r.url, title: r.title, lastSeen: r.lastSeen, bytes: r.bytes };
        await c.delete();
        await tx.objectStore('screenshots').delete(r.id);
        break;
      }
    }
    await tx.done;
    return evicted;
  }

  /** Summaries of the saved reports that match, newest first. */
  async list(query: ReportQuery = {}): Promise<ReportSummary[]> {
    const db = await this.db();
    const tx = db.transaction(['reports', 'screenshots'], 'readonly');
    const shots = new Set(await tx.objectStore('screenshots').getAllKeys());
    const out: ReportSummary[] = [];
    for (let c = await tx.objectStore('reports').index('lastSeen').openCursor(null, 'prev'); c; c = await c.continue()) {
      if (matchesQuery(c.value, query)) out.push(summarize(c.value, shots.has(c.value.id)));
    }
    await tx.done;
    return out;
  }

  /** Every site with a saved report, for the history page's filter. */
  async sites(): Promise<string[]> {
    const db = await this.db();
    const tx = db.transaction('reports');
    const sites: string[] = [];
    for (let c = await tx.store.index('site').openKeyCursor(null, 'nextunique'); c; c = await c.continue()) sites.push(c.key);
    await tx.done;
    return sites;
  }

  async get(id: string): Promise<{ record: SavedReport; screenshot: Screenshot | null } | null> {
    const db = await this.db();
    const tx = db.transaction(['reports', 'screenshots'], 'readonly');
    const record = await tx.objectStore('reports').get(id);
    const screenshot = (await tx.objectStore('screenshots').get(id)) ?? null;
    await tx.done;
    return record ? { record, screenshot } : null;
  }

  async delete(id: string): Promise<boolean> {
    const db = await this.db();
    const tx = db.transaction(['reports', 'screenshots'], 'readwrite');
    const existed = (await tx.objectStore('reports').getKey(id)) !== undefined;
    await tx.objectStore('reports').delete(id);
    await tx.objectStore('screenshots').delete(id);
    await tx.done;
    return existed;
  }

  async deleteAll(): Promise<number> {
    const db = await this.db();
    const tx = db.transaction(['reports', 'screenshots', 'flows', 'flowShots'], 'readwrite');
    const n = await tx.objectStore('reports').count();
    await tx.objectStore('reports').clear();
    await tx.objectStore('screenshots').clear();
    // "Delete everything" means the recorded flows too.
    await tx.objectStore('flows').clear();
    await tx.objectStore('flowShots').clear();
    await tx.done;
    return n;
  }

  /** Every record (newest first) with its screenshot, for the JSON export. */
  async exportAll(): Promise<(SavedReport & { screenshot: string | null })[]> {
    const db = await this.db();
    const tx = db.transaction(['reports', 'screenshots'], 'readonly');
    const shots = new Map((await tx.objectStore('screenshots').getAll()).map((s) => [s.reportId, s.dataUrl]));
    const records = await tx.objectStore('reports').index('lastSeen').getAll();
    await tx.done;
    return records.reverse().map((r) => ({ ...r, screenshot: shots.get(r.id) ?? null }));
  }

  /** Keeps the user's note ("this warning is wrong because…") with the saved report. */
  async addNote(id: string, note: Note): Promise<boolean> {
    const db = await this.db();
    const tx = db.transaction('reports', 'readwrite');
    const record = await tx.store.get(id);
    if (record) {
      const notes = [...record.notes, note];
      await tx.store.put({ ...record, notes, bytes: record.bytes + sizeOf(note) });
    }
    await tx.done;
    return record !== undefined;
  }

  async putScreenshot(reportId: string, dataUrl: string, savedAt: number, capture?: StoredCapture): Promise<boolean> {
    const db = await this.db();
    const tx = db.transaction(['reports', 'screenshots'], 'readwrite');
    const exists = (await tx.objectStore('reports').getKey(reportId)) !== undefined;
    if (exists) {
      const shot: Screenshot = { reportId, dataUrl, savedAt, bytes: dataUrl.length + (capture ? sizeOf(capture) : 0), ...(capture ? { capture } : {}) };
      const old = await tx.objectStore('screenshots').get(reportId);
      await this.checkSimulatedQuota(tx, shot.bytes - (old?.bytes ?? 0));
      await tx.objectStore('screenshots').put(shot);
    }
    await tx.done;
    return exists;
  }

  /** Bytes used by the records (the `bytes` they carry) and how many there are. */
  async usage(): Promise<{ reports: number; screenshots: number; bytes: number }> {
    const db = await this.db();
    const tx = db.transaction(['reports', 'screenshots'], 'readonly');
    const reports = await tx.objectStore('reports').getAll();
    const shots = await tx.objectStore('screenshots').getAll();
    await tx.done;
    return { reports: reports.length, screenshots: shots.length, bytes: [...reports, ...shots].reduce((n, r) => n + r.bytes, 0) };
  }
  /** Saves a recorded flow (a put by id: saving it again replaces it). */
  async putFlow(flow: SavedFlow): Promise<void> {
    const db = await this.db();
    await db.put('flows', flow);
  }

  async getFlow(id: string): Promise<SavedFlow | null> {
    const db = await this.db();
    return (await db.get('flows', id)) ?? null;
  }

  /** The newest flow with this key (the one a new recording of the same site joins). */
  async latestFlow(key: string): Promise<SavedFlow | null> {
    const db = await this.db();
    const all = await db.getAllFromIndex('flows', 'key', key);
    return all.sort((a, b) => b.updatedAt - a.updatedAt)[0] ?? null;
  }

  /** Every saved flow, newest first. */
  async listFlows(): Promise<SavedFlow[]> {
    const db = await this.db();
    return (await db.getAllFromIndex('flows', 'updatedAt')).reverse();
  }

  async deleteFlow(id: string): Promise<boolean> {
    const db = await this.db();
    const tx = db.transaction(['flows', 'flowShots'], 'readwrite');
    const flow = await tx.objectStore('flows').get(id);
    await tx.objectStore('flows').delete(id);
    for (const shot of [...(flow?.shots?.join ?? []), ...(flow?.shots?.exit ?? [])]) if (shot) await tx.objectStore('flowShots').delete(shot);
    await tx.done;
    return flow !== undefined;
  }

  async putFlowShot(shot: FlowShot): Promise<void> {
    const db = await this.db();
    await db.put('flowShots', shot);
  }

  async deleteFlowShot(id: string): Promise<void> {
    const db = await this.db();
    await db.delete('flowShots', id);
  }

  /** The screenshots with these ids that are still kept, by id. */
  async flowShots(ids: string[]): Promise<Map<string, string>> {
    const db = await this.db();
    const tx = db.transaction('flowShots');
    const out = new Map<string, string>();
    for (const id of ids) {
      const shot = await tx.store.get(id);
      if (shot) out.set(id, shot.dataUrl);
    }
    await tx.done;
    return out;
  }
}

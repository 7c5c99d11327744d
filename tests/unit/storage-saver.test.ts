import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { PendingJournal, journalKey } from '../../src/storage/journal';
import { MemoryArea } from '../../src/storage/kv';
import { ReportStore } from '../../src/storage/reports-db';
import { ReportSaver } from '../../src/storage/saver';
import { StatusStore } from '../../src/storage/status';
import { finding, report } from './storage-fixtures';

let n = 0;
const open: ReportStore[] = [];
afterEach(() => open.splice(0).forEach((s) => s.close()));

/** One "worker": a saver over a database and a journal that outlive it. */
function worker(dbName: string, local: MemoryArea) {
  const store = new ReportStore(dbName);
  open.push(store);
  const status = new StatusStore(local);
  return { store, status, journal: new PendingJournal(local), saver: new ReportSaver(store, new PendingJournal(local), status) };
}

describe('saving reports that survive the worker', () => {
  it('replays a save the worker did not finish, exactly once', async () => {
    const name = `saver-${++n}`;
    const local = new MemoryArea();
    const w1 = worker(name, local);
    // The worker is stopped after the journal write, before the transaction.
    w1.saver.hooks.beforeCommit = () => new Promise(() => {});
    const r = report('https://a.example/plan', [finding('hidden-exit')]);
    void w1.saver.save(r, 100);
    await new Promise((res) => setTimeout(res, 20));
    expect(await w1.journal.count()).toBe(1);
    expect((await w1.store.usage()).reports).toBe(0);

    const w2 = worker(name, local);
    expect(await w2.saver.replayPending()).toBe(1);
    expect(await w2.journal.count()).toBe(0);
    const list = await w2.store.list();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ seenCount: 1, lastSeen: 100 });

    // Stopped after the commit but before the journal entry was removed: the replay changes nothing.
    w2.saver.hooks.afterCommit = () => new Promise(() => {});
    const again = report('https://a.example/plan', [finding('hidden-exit')]);
    void w2.saver.save(again, 200);
    await new Promise((res) => setTimeout(res, 20));
    expect(local.data.has(journalKey(again))).toBe(true);
    const w3 = worker(name, local);
    expect(await w3.saver.replayPending()).toBe(1);
    expect(await w3.journal.count()).toBe(0);
    expect((await w3.store.list()).map((s) => [s.seenCount, s.lastSeen])).toEqual([[2, 200]]);
  });

  it('when full, evicts the oldest screenshot, then the oldest report, keeps the newest and says so', async () => {
    const local = new MemoryArea();
    const { store, saver, status } = worker(`saver-${++n}`, local);
    const a = await saver.save(report('https://a.example/1', [finding('hidden-exit')]), 1);
    await saver.save(report('https://b.example/1', [finding('hidden-exit')]), 2);
    expect(await saver.saveScreenshot(a.id, 'data:image/png;base64,' + 'A'.repeat(50), 3)).toEqual({ saved: true, found: true });
    store.hooks.simulatedQuotaBytes = (await store.usage()).bytes;

    const c = await saver.save(report('https://c.example/1', [finding('hidden-exit')]), 4);
    expect(c).toMatchObject({ saved: true, created: true });
    expect((await store.list()).map((s) => s.site)).toEqual(['c.example', 'b.example']);
    const st = await status.get('en');
    expect(st).toMatchObject({ ok: false, reason: 'quota', evictedReports: 1, evictedScreenshots: 1, evictedSites: ['a.example'], unsaved: 0 });
    expect(st.ok === false && st.message).toMatch(/full.*1 older report \(a\.example\) and 1 older screenshot were removed/);
    expect((await status.get('zh-CN')).ok === false && ((await status.get('zh-CN')) as { message: string }).message).toMatch(/已满/);

    // Dismissed by the user; a later save without trouble does not bring it back.
    await status.clear();
    expect(await status.get('en')).toEqual({ ok: true });
  });

  it('keeps a report that cannot be saved at all in the journal, tells the user, and saves it when there is room', async () => {
    const local = new MemoryArea();
    const { store, saver, status, journal } = worker(`saver-${++n}`, local);
    await saver.save(report('https://old.example/1', [finding('hidden-exit')]), 1);
    store.hooks.simulatedQuotaBytes = 10;
    const r = report('https://a.example/1', [finding('hidden-exit')]);
    expect(await saver.save(r, 1)).toMatchObject({ saved: false, reason: 'quota' });
    expect(await journal.count()).toBe(1);
    // Removing the old report could not make room: it is kept.
    expect((await store.list()).map((s) => s.site)).toEqual(['old.example']);
    const st = await status.get('en');
    expect(st).toMatchObject({ ok: false, reason: 'quota', unsaved: 1 });
    expect(st.ok === false && st.message).toMatch(/1 report could not be saved yet/);

    store.hooks.simulatedQuotaBytes = null;
    expect(await saver.replayPending()).toBe(1);
    expect(await journal.count()).toBe(0);
    expect(await status.get('en')).toMatchObject({ unsaved: 0 });
    expect((await store.list()).length).toBe(2);
  });

  it('drops unreadable journal entries instead of failing every start', async () => {
    const local = new MemoryArea();
    await local.set({ 'pending:r-x:1': { report: { url: 5 } }, settings: { language: 'en', disabledSites: [] } });
    const { saver, journal } = worker(`saver-${++n}`, local);
    expect(await saver.replayPending()).toBe(0);
    expect(await journal.count()).toBe(0);
    expect(local.data.has('settings')).toBe(true);
  });
});

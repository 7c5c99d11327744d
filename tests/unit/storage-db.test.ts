import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import type { SavedFlow } from '../../src/flows/saved-flow';
import { reportIdOf } from '../../src/storage/records';
import { DB_VERSION, ReportStore, deleteReportsDb, openReportsDb } from '../../src/storage/reports-db';
import { finding, nextScanTime, report } from './storage-fixtures';

let n = 0;
const stores: ReportStore[] = [];
function freshStore(): ReportStore {
  const s = new ReportStore(`test-${++n}`);
  stores.push(s);
  return s;
}
afterEach(() => stores.splice(0).forEach((s) => s.close()));

describe('saved reports (IndexedDB)', () => {
  it('keeps one entry per page and set of findings; a repeated scan moves lastSeen on', async () => {
    const db = freshStore();
    const r1 = report('https://a.example/plan', [finding('hidden-exit')]);
    const first = await db.commit(r1, 1000);
    expect(first).toMatchObject({ created: true, changed: true });

    // The same scan again (a replay) changes nothing.
    expect(await db.commit(r1, 1000)).toMatchObject({ created: false, changed: false });

    // A later scan with the same findings (numbers in the message differ) updates the entry.
    const r2 = report('https://a.example/plan', [finding('hidden-exit', { message: 'hidden-exit found: ratio 3.4' })]);
    expect(reportIdOf(r2)).toBe(first.id);
    expect(await db.commit(r2, 5000)).toMatchObject({ created: false, changed: true });
    const got = await db.get(first.id);
    expect(got?.record).toMatchObject({ firstSeen: 1000, lastSeen: 5000, seenCount: 2, site: 'a.example' });
    expect(got?.record.report.scannedAt).toBe(r2.scannedAt);

    // A changed set of findings is a new entry: the page's history is kept.
    const r3 = report('https://a.example/plan', [finding('hidden-exit'), finding('forced-contact')]);
    expect(await db.commit(r3, 9000)).toMatchObject({ created: true });
    expect((await db.list()).map((s) => s.seenCount)).toEqual([1, 2]);
  });

  it('lists newest first, filters by site, rule and text, deletes and exports', async () => {
    const db = freshStore();
    await db.commit(report('https://www.a.example/x', [finding('hidden-exit')]), 1);
    await db.commit(report('https://b.example/y', [finding('forced-contact', { message: 'Call 800 to cancel' })]), 2);
    await db.commit(report('https://a.example/z', [finding('confirmshaming'), finding('hidden-exit', { severity: 'low' })]), 3);
    const all = await db.list();
    expect(all.map((s) => s.url)).toEqual(['https://a.example/z', 'https://b.example/y', 'https://www.a.example/x']);
    expect(all[0].byRule).toEqual({ confirmshaming: 1, 'hidden-exit': 1 });
    expect(all[0]).not.toHaveProperty('report');
    expect(await db.sites()).toEqual(['a.example', 'b.example']);
    expect((await db.list({ site: 'a.example' })).length).toBe(2);
    expect((await db.list({ rule: 'hidden-exit' })).length).toBe(2);
    expect((await db.list({ text: 'CALL 800' })).map((s) => s.site)).toEqual(['b.example']);
    expect((await db.list({ site: 'a.example', rule: 'forced-contact' })).length).toBe(0);

    expect(await db.delete(all[1].id)).toBe(true);
    expect(await db.delete(all[1].id)).toBe(false);
    const exported = await db.exportAll();
    expect(exported.map((r) => r.url)).toEqual(['https://a.example/z', 'https://www.a.example/x']);
    expect(await db.deleteAll()).toBe(2);
    expect(await db.list()).toEqual([]);
  });

  it('keeps notes and screenshots with a report, and evicts the oldest screenshot before any report', async () => {
    const db = freshStore();
    const a = await db.commit(report('https://a.example/', [finding('hidden-exit')]), 1);
    const b = await db.commit(report('https://b.example/', [finding('hidden-exit')]), 2);
    expect(await db.addNote(a.id, { findingId: 'hidden-exit-1', note: 'not a plan page', at: 3 })).toBe(true);
    expect(await db.addNote('r-none', { note: 'x', at: 3 })).toBe(false);
    expect(await db.putScreenshot(b.id, 'data:image/png;base64,BBBB', 4)).toBe(true);
    expect(await db.putScreenshot(a.id, 'data:image/png;base64,AAAA', 5)).toBe(true);
    expect((await db.list()).find((s) => s.id === a.id)).toMatchObject({ notes: 1, hasScreenshot: true });

    expect(await db.evictOldest(a.id)).toMatchObject({ kind: 'screenshot', reportId: b.id });
    // a's own screenshot is kept while a is being saved: the next step is b's report.
    expect(await db.evictOldest(a.id)).toMatchObject({ kind: 'report', id: b.id, site: 'b.example' });
    expect(await db.evictOldest(a.id)).toBeNull();
    expect((await db.get(a.id))?.screenshot?.dataUrl).toBe('data:image/png;base64,AAAA');
  });

  it('throws a QuotaExceededError DOMException under a simulated quota and writes nothing', async () => {
    const db = freshStore();
    await db.commit(report('https://a.example/', [finding('hidden-exit')]), 1);
    db.hooks.simulatedQuotaBytes = (await db.usage()).bytes + 10;
    const err = await db.commit(report('https://b.example/', [finding('hidden-exit')]), 2).catch((e) => e);
    expect(err).toBeInstanceOf(DOMException);
    expect(err.name).toBe('QuotaExceededError');
    expect((await db.usage()).reports).toBe(1);
  });

  it('upgrades a version-1 database without losing its reports', async () => {
    expect(DB_VERSION).toBe(3);
    const name = `test-migrate-${++n}`;
    const old = await openReportsDb(name, 1);
    expect([...old.objectStoreNames]).toEqual(['reports']);
    const r = report('https://old.example/', [finding('missing-exit')], { scannedAt: nextScanTime() });
    const current = new ReportStore(name);
    stores.push(current);
    const probe = freshStore();
    await probe.commit(r, 7);
    const record = (await probe.get(reportIdOf(r)))!.record;
    await old.put('reports', record);
    old.close();

    const got = await current.get(record.id);
    expect(got?.record.url).toBe('https://old.example/');
    expect(got?.screenshot).toBeNull();
    const raw = await openDB(name);
    expect([...raw.objectStoreNames].sort()).toEqual(['flowShots', 'flows', 'reports', 'screenshots']);
    expect(raw.version).toBe(3);
    raw.close();
    current.close();
    await deleteReportsDb(name);
  });

  it('upgrades a version-2 database to hold flows, keeping its reports and screenshots', async () => {
    const name = `test-migrate-${++n}`;
    const old = await openReportsDb(name, 2);
    const r = report('https://v2.example/', [finding('hidden-exit')], { scannedAt: nextScanTime() });
    const probe = freshStore();
    await probe.commit(r, 9);
    const record = (await probe.get(reportIdOf(r)))!.record;
    await old.put('reports', record);
    await old.put('screenshots', { reportId: record.id, dataUrl: 'data:image/png;base64,AAAA', savedAt: 9, bytes: 26 });
    old.close();

    const current = new ReportStore(name);
    stores.push(current);
    const got = await current.get(record.id);
    expect(got?.record.url).toBe('https://v2.example/');
    expect(got?.screenshot?.dataUrl).toBe('data:image/png;base64,AAAA');
    expect(await current.listFlows()).toEqual([]);
    await current.putFlow(savedFlow('f-1', 'v2.example', 5));
    await current.putFlow(savedFlow('f-2', 'v2.example', 8));
    await current.putFlow(savedFlow('f-3', 'other.example', 7));
    expect((await current.latestFlow('v2.example'))?.id).toBe('f-2');
    expect((await current.listFlows()).map((f) => f.id)).toEqual(['f-2', 'f-3', 'f-1']);
    // Deleting everything takes the flows too.
    expect(await current.deleteAll()).toBe(1);
    expect(await current.listFlows()).toEqual([]);
    current.close();
    await deleteReportsDb(name);
  });
});

function savedFlow(id: string, key: string, updatedAt: number): SavedFlow {
  const path = { completed: true, clicks: 1, pages: 1, interstitials: 0, steps: [{ action: 'start', url: `https://${key}/` }] };
  return { schemaVersion: 1, id, key, site: key, name: key, createdAt: updatedAt, updatedAt, join: path, exit: null, findings: [], bytes: 100 };
}

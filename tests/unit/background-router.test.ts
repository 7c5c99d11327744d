import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createRouter, type Sender } from '../../src/background/router';
import { TabReports } from '../../src/background/tab-reports';
import type { PageReport } from '../../src/report/schema';
import { PendingJournal } from '../../src/storage/journal';
import { MemoryArea } from '../../src/storage/kv';
import { ReportStore } from '../../src/storage/reports-db';
import { ReportSaver } from '../../src/storage/saver';
import { SettingsStore } from '../../src/storage/settings';
import { StatusStore } from '../../src/storage/status';
import { finding, report } from './storage-fixtures';
import { reportJson } from '../../src/content/report-send';
import { ASKED_TEXT_MAX } from '../../src/engine/precheck-question';
import { TRIGGER_CHARS_MAX, TRIGGER_TEXT_MAX } from '../../src/engine/text-blocks';
import { bundledLexicon } from '../../src/rules/word-lists';
import { LINK_TEXT_LIMIT } from '../../src/engine/discover';
import { isPlanText, PLAN_TEXTS_MAX } from '../../src/engine/label-questions';

const ID = 'ext-id';
const PAGE: Sender = { id: ID, url: 'chrome-extension://ext-id/history.html' };
const tabSender = (tabId: number, url = 'https://a.example/plan'): Sender => ({ id: ID, url, tab: { id: tabId } });

let n = 0;
const stores: ReportStore[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.close()));

type EvidenceCall = { kind: string; arg: unknown };

function setup(browserLanguage = 'en-US', withEvidence = false, withLexicon = false) {
  const evidenceCalls: EvidenceCall[] = [];
  const fakeBundle = (name: string) => ({ fileName: name, files: [], zip: new Uint8Array([1, 2, 3]) });
  const evidence = {
    onSaved: (tabId: number, reportId: string) => void evidenceCalls.push({ kind: 'saved', arg: { tabId, reportId } }),
    bundleForTab: async (tabId: number) => (evidenceCalls.push({ kind: 'tab', arg: tabId }), fakeBundle(`tab-${tabId}.zip`)),
    bundleForReport: async (id: string) => (evidenceCalls.push({ kind: 'report', arg: id }), fakeBundle(`${id}.zip`)),
    download: async (b: { fileName: string; zip: Uint8Array }) => ({ fileName: b.fileName, bytes: b.zip.length, downloadId: 5 }),
  };
  const local = new MemoryArea();
  const store = new ReportStore(`router-${++n}`);
  stores.push(store);
  const status = new StatusStore(local);
  const badges = new Map<number, { text: string; lang: string }>();
  const sent: { tabId: number; msg: unknown }[] = [];
  const tabs = new TabReports(new MemoryArea());
  const router = createRouter({
    runtimeId: ID,
    extensionOrigin: 'chrome-extension://ext-id/',
    version: '0.1.0',
    tabs,
    store,
    saver: new ReportSaver(store, new PendingJournal(local), status),
    settings: new SettingsStore(local),
    status,
    ready: Promise.resolve(),
    browserLanguage: () => browserLanguage,
    showBadge: async (tabId: number, r: PageReport | null, lang: string) => {
      const text = String(r?.findings.filter((f) => f.verdict === 'violation').length || '');
      badges.set(tabId, { text, lang });
      return { text };
    },
    sendToTab: async (tabId, msg) => void sent.push({ tabId, msg }),
    ...(withEvidence ? { evidence } : {}),
    ...(withLexicon ? { lexicon: bundledLexicon } : {}),
  });
  return { router, store, tabs, badges, sent, local, evidenceCalls };
}

describe('background router', () => {
  it("export-evidence: a tab or a saved report, from the extension's pages only; a capture is asked for when a report is saved", async () => {
    const { router, evidenceCalls } = setup('en-US', true);
    const saved = await router.handle({ type: 'scan-report', report: report('https://a.example/plan', [finding('hidden-exit')]), seq: 1 }, tabSender(3));
    const savedId = saved.ok && (saved.data as { savedId: string }).savedId;
    expect(evidenceCalls).toEqual([{ kind: 'saved', arg: { tabId: 3, reportId: savedId } }]);
    await router.handle({ type: 'scan-report', report: report('https://a.example/fair', []), seq: 1 }, tabSender(4));
    expect(evidenceCalls).toHaveLength(1); // nothing saved, nothing captured

    expect(await router.handle({ type: 'export-evidence', tabId: 3 }, PAGE)).toEqual({ ok: true, data: { fileName: 'tab-3.zip', bytes: 3, downloadId: 5 } });
    expect(await router.handle({ type: 'export-evidence', reportId: 'r-1' }, PAGE)).toEqual({ ok: true, data: { fileName: 'r-1.zip', bytes: 3, downloadId: 5 } });
    for (const bad of [{ type: 'export-evidence' }, { type: 'export-evidence', tabId: 3, reportId: 'r-1' }, { type: 'export-evidence', tabId: -1 }]) {
      expect(await router.handle(bad, PAGE)).toMatchObject({ ok: false, error: /^invalid message/ });
    }
    expect(await router.handle({ type: 'export-evidence', tabId: 3 }, tabSender(3))).toMatchObject({ ok: false, error: /only accepted from the extension's pages/ });
    expect(evidenceCalls.map((c) => c.kind)).toEqual(['saved', 'tab', 'report']);
    // Without the evidence service (Firefox tests, old wiring) the export says so instead of failing silently.
    expect(await setup().router.handle({ type: 'export-evidence', tabId: 3 }, PAGE)).toMatchObject({ ok: false, error: /not available/ });
  });

  it('takes a scan report sent as JSON text (as the content script sends it) as the same report', async () => {
    const { router, tabs } = setup();
    const sent = report('https://a.example/plan', [finding('hidden-exit')]);
    const reply = await router.handle({ type: 'scan-report', report: JSON.stringify(sent), seq: 1 }, tabSender(5));
    expect(reply.ok).toBe(true);
    expect(tabs.get(5)?.report).toEqual(sent);
  });

  it('joins a report sent in parts, and drops one whose parts were not all received', async () => {
    const { router, tabs, store } = setup();
    const sent = report('https://a.example/plan', [finding('hidden-exit')]);
    const json = JSON.stringify(sent);
    const parts = (await reportJson(sent, async () => {}, 40)).parts();
    expect(parts.join('')).toBe(json);
    expect(parts.length).toBeGreaterThan(3);
    const send = (seq: number, index: number, tab = 6) =>
      router.handle({ type: 'scan-report-part', seq, index, count: parts.length, text: parts[index], survey: null }, tabSender(tab));
    // Parts of report 1 but its last; then report 2 whole, in another order: report 1 is dropped, 2 is taken.
    for (let i = 0; i < parts.length - 1; i++) expect(await send(1, i)).toEqual({ ok: true, data: { pending: true } });
    expect(tabs.get(6)).toBeNull();
    for (const i of [...parts.keys()].reverse().slice(0, -1)) await send(2, i);
    expect(tabs.get(6)).toBeNull();
    const last = await send(2, 0);
    expect(last).toMatchObject({ ok: true, data: { badge: expect.any(String) } });
    expect(tabs.get(6)?.report).toEqual(sent);
    expect(await store.list()).toHaveLength(1);
    // A closed tab's unfinished report is forgotten: its last part alone completes nothing.
    for (let i = 1; i < parts.length; i++) await send(4, i, 8);
    router.tabClosed(8);
    expect(await send(4, 0, 8)).toEqual({ ok: true, data: { pending: true } });
    // A part that breaks the JSON: refused when the report is put together.
    const part = (index: number, text: string) => router.handle({ type: 'scan-report-part', seq: 3, index, count: 2, text, survey: null }, tabSender(7));
    expect(await part(0, json.slice(0, 20))).toEqual({ ok: true, data: { pending: true } });
    const broken = await part(1, 'not json');
    expect(broken.ok).toBe(false);
    expect(tabs.get(7)).toBeNull();
  });

  it('keeps the held report, with the new time and cost, for a scan that found the same; else asks for the report', async () => {
    const { router, tabs, badges, store } = setup();
    const sent = report('https://a.example/plan', [finding('hidden-exit')]);
    await router.handle({ type: 'scan-report', report: JSON.stringify(sent), seq: 3 }, tabSender(9));
    const same = (seq: number, since: number, url = sent.url, tab = 9) =>
      router.handle({ type: 'scan-same', seq, since, url, scannedAt: '2026-12-05T01:02:03.000Z', scanMs: 4.5, survey: null }, tabSender(tab));
    expect(await same(4, 3)).toMatchObject({ ok: true, data: { badge: '1' } });
    expect(tabs.get(9)).toMatchObject({ seq: 4, report: { ...sent, scannedAt: '2026-12-05T01:02:03.000Z', scanMs: 4.5 } });
    expect(badges.get(9)?.text).toBe('1');
    // Saved once: the same findings are the same saved report.
    expect(await store.list()).toHaveLength(1);
    // Not the scan held (a lost message, another document, another tab): the report itself is asked for, and nothing changes.
    for (const [seq, since, url, tab] of [
      [5, 3, sent.url, 9],
      [5, 4, 'https://a.example/other', 9],
      [2, 1, sent.url, 10],
    ] as const) {
      expect(await same(seq, since, url, tab)).toEqual({ ok: true, data: { resend: true } });
    }
    expect(tabs.get(9)?.seq).toBe(4);
    expect(tabs.get(10)).toBeNull();
    // From an extension page, or malformed: refused.
    expect(await router.handle({ type: 'scan-same', seq: 5, since: 4, url: sent.url, scannedAt: 'yesterday', scanMs: 1 }, tabSender(9))).toMatchObject({ ok: false });
    expect(await router.handle({ type: 'scan-same', seq: 5, since: 4, url: sent.url, scannedAt: '2026-12-05T01:02:03.000Z', scanMs: 1 }, PAGE)).toMatchObject({ ok: false });
  });

  it('answers a malformed message with an error and changes nothing', async () => {
    const { router, store, local } = setup();
    for (const bad of [
      null,
      42,
      'scan-report',
      {},
      { type: 'nope' },
      { type: 'scan-report', report: { url: 1 }, seq: 1 },
      { type: 'scan-report', report: '{"url": 1}', seq: 1 },
      { type: 'scan-report', report: 'not json', seq: 1 },
      { type: 'delete-report', id: '' },
      { type: 'set-settings', settings: { disabledSites: 'x', language: 'en' } },
    ]) {
      const reply = await router.handle(bad, tabSender(1));
      expect(reply.ok).toBe(false);
      expect(reply.ok === false && reply.error).toMatch(/^invalid message/);
    }
    expect((await store.usage()).reports).toBe(0);
    expect(local.data.size).toBe(0);
  });

  it('refuses messages from another extension, and anything but scans from content scripts', async () => {
    const { router, store } = setup();
    await router.handle({ type: 'scan-report', report: report('https://a.example/plan', [finding('hidden-exit')]), seq: 1 }, tabSender(1));
    expect(await router.handle({ type: 'delete-all-reports' }, tabSender(1))).toMatchObject({ ok: false, error: /only accepted from the extension's pages/ });
    expect(await router.handle({ type: 'delete-all-reports' }, { ...PAGE, id: 'other' })).toMatchObject({ ok: false, error: /another extension/ });
    expect(await router.handle({ type: 'scan-report', report: report('https://a.example/', []), seq: 1 }, PAGE)).toMatchObject({ ok: false, error: /outside a tab/ });
    expect((await store.usage()).reports).toBe(1);
  });

  it('badges each scan, saves reports with findings and tells the popup the saved id', async () => {
    const { router, badges, tabs } = setup();
    const unfair = report('https://a.example/plan', [finding('hidden-exit'), finding('forced-contact', { verdict: 'needs-review' })]);
    const r1 = await router.handle({ type: 'scan-report', report: unfair, seq: 1 }, tabSender(7));
    expect(r1).toMatchObject({ ok: true, data: { badge: '1' } });
    const savedId = r1.ok && (r1.data as { savedId: string }).savedId;
    expect(savedId).toMatch(/^r-/);
    expect(await router.handle({ type: 'get-tab-report', tabId: 7 }, PAGE)).toMatchObject({ ok: true, data: { seq: 1, savedId } });

    // A fair page: badge emptied, nothing saved.
    const r2 = await router.handle({ type: 'scan-report', report: report('https://a.example/plan', []), seq: 3 }, tabSender(7));
    expect(r2).toMatchObject({ ok: true, data: { savedId: null, badge: '' } });
    expect(badges.get(7)?.text).toBe('');
    // An older scan arriving late does not replace the newer one.
    await router.handle({ type: 'scan-report', report: unfair, seq: 2 }, tabSender(7));
    expect(tabs.get(7)?.seq).toBe(3);

    const list = await router.handle({ type: 'list-reports' }, PAGE);
    expect(list).toMatchObject({ ok: true, data: { sites: ['a.example'] } });
    expect(list.ok && (list.data as { reports: unknown[] }).reports).toHaveLength(1);
    const one = await router.handle({ type: 'get-report', id: savedId }, PAGE);
    expect(one).toMatchObject({ ok: true, data: { record: { id: savedId, report: { url: 'https://a.example/plan' } }, screenshot: null } });
    expect(await router.handle({ type: 'save-note', reportId: savedId as string, note: 'wrong' }, PAGE)).toEqual({ ok: true, data: null });
    expect(await router.handle({ type: 'save-note', reportId: 'r-missing', note: 'x' }, PAGE)).toMatchObject({ ok: false });
    const exp = await router.handle({ type: 'export-history' }, PAGE);
    expect(exp).toMatchObject({ ok: true, data: { format: 'fair-exit-history', schemaVersion: 1, reports: [{ id: savedId, notes: [{ note: 'wrong' }] }] } });
    expect(await router.handle({ type: 'delete-report', id: savedId }, PAGE)).toEqual({ ok: true, data: { deleted: 1 } });
    expect(await router.handle({ type: 'delete-all-reports' }, PAGE)).toEqual({ ok: true, data: { deleted: 0 } });
  });

  it('does not keep or save scans of a site where scanning is off, and clears its tabs when turned off', async () => {
    const { router, store, tabs, badges } = setup();
    const unfair = (url: string) => report(url, [finding('hidden-exit')]);
    await router.handle({ type: 'scan-report', report: unfair('https://shop.a.example/x'), seq: 1 }, tabSender(1));
    await router.handle({ type: 'scan-report', report: unfair('https://b.example/x'), seq: 1 }, tabSender(2));
    const set = await router.handle({ type: 'set-settings', settings: { disabledSites: ['https://www.A.example/'], language: 'zh-CN' } }, PAGE);
    expect(set).toEqual({ ok: true, data: { disabledSites: ['a.example'], language: 'zh-CN' } });
    expect(tabs.get(1)).toBeNull();
    expect(badges.get(1)).toEqual({ text: '', lang: 'zh-CN' });
    expect(badges.get(2)).toEqual({ text: '1', lang: 'zh-CN' });

    await router.handle({ type: 'scan-report', report: unfair('https://a.example/y'), seq: 1 }, tabSender(3));
    expect(tabs.get(3)).toBeNull();
    expect((await store.usage()).reports).toBe(2);
    expect(await router.handle({ type: 'get-settings' }, PAGE)).toEqual({ ok: true, data: { disabledSites: ['a.example'], language: 'zh-CN' } });
  });

  it('reports the storage status in the user language and forwards rescans to the tab', async () => {
    const { router, store, sent } = setup('zh-TW');
    expect(await router.handle({ type: 'get-storage-status' }, PAGE)).toEqual({ ok: true, data: { ok: true } });
    store.hooks.simulatedQuotaBytes = 5;
    await router.handle({ type: 'scan-report', report: report('https://a.example/', [finding('hidden-exit')]), seq: 1 }, tabSender(1));
    const st = await router.handle({ type: 'get-storage-status' }, PAGE);
    expect(st).toMatchObject({ ok: true, data: { ok: false, reason: 'quota', unsaved: 1, message: /空間已滿/ } });
    expect(await router.handle({ type: 'clear-storage-status' }, PAGE)).toEqual({ ok: true, data: null });
    expect(await router.handle({ type: 'rescan-tab', tabId: 4 }, PAGE)).toEqual({ ok: true, data: null });
    expect(sent).toEqual([{ tabId: 4, msg: { type: 'rescan' } }]);
  });

  it("answers a tab's pre-check questions with its lexicon, and refuses them from elsewhere, too long, or with no lexicon", async () => {
    const { router } = setup('en-US', false, true);
    const ask = (text: string, questions: string[] = ['plans', 'needed', 'survey'], sender = tabSender(3)) => router.handle({ type: 'precheck-ask', text, questions }, sender);
    const news = 'Local news | The council met on Tuesday. The coast road reopens after the storm.';
    const account = 'Your account | Your plan: Premium, renews on 3 May. Cancel subscription. Manage plan.';
    const survey = 'Cancel | Before you go: why are you cancelling? Too expensive. Not using it enough.';
    expect(await ask(news)).toEqual({ ok: true, data: [false, false, false] });
    expect(await ask(account, ['plans', 'needed'])).toEqual({ ok: true, data: [true, true] });
    expect(await ask(survey, ['survey'])).toEqual({ ok: true, data: [true] });
    expect(router.stats.precheckAnswers).toBe(3);
    // An extension page is no tab: it has no pre-check to ask about.
    expect((await ask(news, ['plans'], PAGE)).ok).toBe(false);
    expect(await ask('a'.repeat(ASKED_TEXT_MAX + 1))).toMatchObject({ ok: false, error: expect.stringMatching(/^invalid message: text/) });
    expect(await ask(news, [])).toMatchObject({ ok: false, error: expect.stringMatching(/^invalid message: questions/) });
    expect(await ask(news, ['plans', 'price'])).toMatchObject({ ok: false, error: expect.stringMatching(/^invalid message: questions/) });
    expect((await router.handle({ type: 'precheck-ask', questions: ['plans'] }, tabSender(3))).ok).toBe(false);
    expect(router.stats.precheckAnswers).toBe(3);
    // A background without a lexicon (the router's tests elsewhere) says so: the page answers itself.
    const bare = setup().router;
    expect(await bare.handle({ type: 'precheck-ask', text: news, questions: ['plans'] }, tabSender(3))).toEqual({ ok: false, error: 'no lexicon here' });
  });

  it("answers a tab's text blocks' texts with their trigger lists, and refuses too many or too long", async () => {
    const { router } = setup('en-US', false, true);
    const texts = ['To cancel, please call our service line.', 'Nice weather today.'];
    const reply = await router.handle({ type: 'triggers-ask', texts }, tabSender(3));
    expect(reply).toMatchObject({ ok: true });
    const [call, weather] = (reply as { data: string[][] }).data;
    expect(call).toContain('contactRequirement');
    expect(weather).toEqual([]);
    expect(router.stats.triggerAnswers).toBe(1);
    expect((await router.handle({ type: 'triggers-ask', texts }, PAGE)).ok).toBe(false);
    expect((await router.handle({ type: 'triggers-ask', texts: [] }, tabSender(3))).ok).toBe(false);
    expect((await router.handle({ type: 'triggers-ask', texts: ['x'.repeat(TRIGGER_TEXT_MAX + 1)] }, tabSender(3))).ok).toBe(false);
    const many = Array.from({ length: TRIGGER_CHARS_MAX / TRIGGER_TEXT_MAX + 1 }, () => 'x'.repeat(TRIGGER_TEXT_MAX));
    expect(await router.handle({ type: 'triggers-ask', texts: many }, tabSender(3))).toMatchObject({ ok: false, error: expect.stringMatching(/characters in all/) });
    expect(router.stats.triggerAnswers).toBe(1);
  });

  it("answers a tab's short texts with one character each (1: a label about plans), and refuses too many or too long", async () => {
    const { router } = setup('en-US', false, true);
    const texts = ['Upgrade to Premium', 'Read more', 'No thanks, I prefer paying more', 'Cancel subscription'];
    const reply = await router.handle({ type: 'plan-texts-ask', texts }, tabSender(3));
    expect(reply).toEqual({ ok: true, data: texts.map((t) => (isPlanText(bundledLexicon(), t) ? '1' : '0')).join('') });
    expect((reply as { data: string }).data).toMatch(/^1.*1$/);
    expect((reply as { data: string }).data[1]).toBe('0');
    expect(router.stats.planTextAnswers).toBe(1);
    expect((await router.handle({ type: 'plan-texts-ask', texts }, PAGE)).ok).toBe(false);
    expect((await router.handle({ type: 'plan-texts-ask', texts: [] }, tabSender(3))).ok).toBe(false);
    expect((await router.handle({ type: 'plan-texts-ask', texts: ['x'.repeat(LINK_TEXT_LIMIT + 1)] }, tabSender(3))).ok).toBe(false);
    expect((await router.handle({ type: 'plan-texts-ask', texts: Array.from({ length: PLAN_TEXTS_MAX + 1 }, () => 'x') }, tabSender(3))).ok).toBe(false);
    expect(router.stats.planTextAnswers).toBe(1);
  });
});

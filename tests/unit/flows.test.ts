import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateFlow, flowRule } from '../../src/flows/asymmetry';
import { FlowRecorder, type UserAction } from '../../src/flows/recorder';
import { screenItems } from '../../src/flows/retention';
import type { Control, PageReport, PathRecord } from '../../src/report/schema';
import { BUNDLED_RULES, parseRule } from '../../src/rules/catalog';
import { evaluateRules } from '../../src/rules/evaluate';
import { bundledLexicon } from '../../src/rules/word-lists';
import { MemoryArea } from '../../src/storage/kv';
import { finding, report } from './storage-fixtures';

const lexicon = bundledLexicon();
const control = (id: string, role: Control['role'], text: string, screen = 'page'): Control => ({
  id,
  role,
  text,
  selector: `#${id}`,
  salience: 50,
  visible: true,
  factors: { screen },
});
const page = (url: string, over: Partial<PageReport> = {}) => report(url, [], { controls: [], ...over });
const click = (text: string, at: number, role: Control['role'] = 'other'): UserAction => ({ action: 'click', url: 'https://s.example/a', text, role, selector: `#${at}`, at });

function path(over: Partial<PathRecord>): PathRecord {
  return { completed: true, clicks: 1, pages: 1, interstitials: 0, steps: [{ action: 'start', url: 'https://s.example/' }], ...over };
}

describe('flow recorder', () => {
  it('records clicks, new documents, dialogs and the interstitials they bring up, in the order they happened', async () => {
    const area = new MemoryArea();
    const rec = new FlowRecorder(area, lexicon);
    await rec.start({ tabId: 7, direction: 'exit', flowKey: 's.example', name: 's', url: 'https://s.example/a', report: page('https://s.example/a'), now: 100 });
    // The page's scan reaches the background before the click message that led to it.
    await rec.pageReport(7, page('https://s.example/b'), { seq: 1, survey: null, now: 300 });
    await rec.userAction(7, click('Cancel membership', 200, 'cancel'));
    // A retention dialog opens on page b.
    const dialog = page('https://s.example/b', {
      controls: [control('k', 'retain', 'Keep my plan', '#dlg'), control('n', 'cancel', 'Cancel anyway', '#dlg')],
      findings: [finding('loss-framing', { evidence: { sentence: "You'll lose your playlists." } })],
    });
    await rec.userAction(7, click('Cancel', 400, 'cancel'));
    await rec.pageReport(7, dialog, { seq: 2, survey: null, now: 500 });
    // A rescan of the same screen adds nothing.
    await rec.pageReport(7, { ...dialog, scannedAt: new Date(600).toISOString() }, { seq: 3, survey: null, now: 600 });
    await rec.userAction(7, click('Cancel anyway', 700, 'cancel'));
    await rec.pageReport(7, page('https://s.example/survey'), { seq: 1, survey: 'why are you leaving', now: 800 });

    // The state lives in the area: a new recorder (a restarted worker) carries on.
    const again = new FlowRecorder(area, lexicon);
    expect(await again.summary(7)).toMatchObject({ direction: 'exit', clicks: 3, pages: 2, interstitials: 2 });
    const done = await again.stop(7, true);
    expect(done?.path).toMatchObject({ completed: true, clicks: 3, pages: 2, interstitials: 2, language: 'en' });
    expect(done!.path.steps.map((s) => s.action)).toEqual(['start', 'click', 'navigate', 'click', 'dialog', 'click', 'navigate']);
    expect(done!.path.steps[4]).toMatchObject({ action: 'dialog', text: 'Keep my plan', interstitial: true });
    expect(done!.path.steps[4].signals?.sort()).toEqual(['loss-framing', 'retain']);
    expect(done!.path.steps[6]).toMatchObject({ interstitial: true, signals: ['survey'] });
    expect(await again.summary(7)).toBeNull();
    expect(area.data.size).toBe(0);
  });

  it('takes what the start screen already shows as the baseline, and ignores events of other tabs', async () => {
    const rec = new FlowRecorder(new MemoryArea(), lexicon);
    const start = page('https://s.example/a', { controls: [control('k', 'retain', 'Keep my plan')] });
    await rec.start({ tabId: 1, direction: 'join', flowKey: 'k', name: 'k', url: start.url, report: start, now: 10 });
    expect(await rec.userAction(2, click('Upgrade', 20))).toBe(false);
    await rec.userAction(1, click('Upgrade', 20, 'upgrade'));
    await rec.pageReport(1, start, { seq: 2, survey: null, now: 30 });
    const done = await rec.stop(1, true);
    expect(done?.path).toMatchObject({ clicks: 1, pages: 0, interstitials: 0 });
  });

  it('keeps the signals of the screen where the path ended', async () => {
    const rec = new FlowRecorder(new MemoryArea(), lexicon);
    await rec.start({ tabId: 1, direction: 'exit', flowKey: 'k', name: 'k', url: 'https://s.example/a', now: 10 });
    await rec.userAction(1, click('Cancel', 20, 'cancel'));
    const call = page('https://s.example/call', { findings: [finding('forced-contact', { evidence: { sentence: 'To cancel, call us.' } })] });
    await rec.pageReport(1, call, { seq: 1, survey: null, now: 30 });
    const done = await rec.stop(1, true);
    expect(done?.path.endSignals).toEqual(['forced-contact']);
    expect(done?.path.interstitials).toBe(0);
  });
});

describe('retention content on a screen', () => {
  it('does not count a bare confirmation question or a plain way back', () => {
    const confirm = page('https://s.example/c', {
      controls: [control('b', 'retain', 'Go back'), control('z', 'retain', '返回')],
      findings: [finding('loss-framing', { evidence: { sentence: 'Are you sure you want to cancel?' } })],
    });
    expect(screenItems(confirm, null, lexicon)).toEqual([]);
    const loss = page('https://s.example/c', {
      controls: [control('k', 'retain', 'Keep my plan')],
      findings: [finding('loss-framing', { evidence: { sentence: "Are you sure you want to cancel? You'll lose your playlists." } })],
    });
    expect(
      screenItems(loss, null, lexicon)
        .map((i) => i.signal)
        .sort(),
    ).toEqual(['loss-framing', 'retain']);
  });
});

describe('flow-asymmetry', () => {
  const rule = flowRule()!;

  it('is a valid rule file whose thresholds all carry a reason, and page scans skip it', () => {
    const raw = JSON.parse(readFileSync('rules/flow-asymmetry.json', 'utf8'));
    expect(parseRule(raw, 'flow-asymmetry.json').check.kind).toBe('flow');
    expect(() => parseRule({ ...raw, check: { ...raw.check, minExtraClicks: { value: 2 } } }, 'flow-asymmetry.json')).toThrow(/minExtraClicks/);
    expect(BUNDLED_RULES.some((r) => r.id === 'flow-asymmetry')).toBe(true);
    // Evaluating every bundled rule on a page never produces a flow finding (nor fails on the flow kind).
    const snapshot = {
      url: 'https://s.example/',
      title: '',
      language: 'en' as const,
      viewport: { width: 1, height: 1 },
      pageKind: 'other' as const,
      subscriptionPage: false,
      pageSignals: {},
      controls: [],
      blocks: [],
    };
    expect(evaluateRules(snapshot, BUNDLED_RULES, lexicon)).toEqual([]);
  });

  it('never fires on equal paths', () => {
    const same = path({ clicks: 2, pages: 2 });
    expect(evaluateFlow({ join: same, exit: same }, rule)).toEqual([]);
  });

  it('fires on two more clicks (and half again as many), or an interstitial that joining did not have', () => {
    expect(evaluateFlow({ join: path({ clicks: 1 }), exit: path({ clicks: 2 }) }, rule)).toEqual([]);
    const clicks = evaluateFlow({ join: path({ clicks: 1 }), exit: path({ clicks: 3, pages: 3 }) }, rule);
    expect(clicks).toHaveLength(1);
    expect(clicks[0]).toMatchObject({ rule: 'flow-asymmetry', verdict: 'violation', evidence: { extraClicks: 2, reasons: ['clicks'] } });
    expect(clicks[0].message).toBe('Leaving took 3 click(s), 3 page(s) and 0 retention screen(s); joining took 1 click(s), 1 page(s) and 0 retention screen(s).');
    // Two more clicks on a long checkout is not "clearly more".
    expect(evaluateFlow({ join: path({ clicks: 10 }), exit: path({ clicks: 12 }) }, rule)).toEqual([]);
    const inter = evaluateFlow({ join: path({ clicks: 2 }), exit: path({ clicks: 2, interstitials: 1, language: 'zh' }) }, rule);
    expect(inter[0].evidence.reasons).toEqual(['interstitials']);
    expect(inter[0].message).toMatch(/^离开需要点击 2 次/);
  });

  it('reports a way out that was not completed or ended on a demand to call, but needs a completed way in', () => {
    const stuck = evaluateFlow({ join: path({}), exit: path({ completed: false }) }, rule);
    expect(stuck[0]).toMatchObject({ verdict: 'violation', evidence: { blocked: true, reasons: ['not-completed'] } });
    const call = evaluateFlow({ join: path({}), exit: path({ endSignals: ['forced-contact'], steps: [{ action: 'navigate', url: 'https://s.example/call' }] }) }, rule);
    expect(call[0].message).toBe(
      'The way out could not be finished by yourself: after 1 click(s) it stopped at https://s.example/call (a page that asks you to call or write), while joining took 1 click(s).',
    );
    expect(evaluateFlow({ join: path({ completed: false }), exit: path({ completed: false }) }, rule)).toEqual([]);
    expect(evaluateFlow({ join: null, exit: path({ completed: false }) }, rule)).toEqual([]);
  });
});

describe('flow service (background)', () => {
  let n = 0;
  async function setup() {
    const { FlowService } = await import('../../src/background/flows');
    const { TabReports } = await import('../../src/background/tab-reports');
    const { ReportStore } = await import('../../src/storage/reports-db');
    const { pendingEntry } = await import('../../src/flows/pending');
    const local = new MemoryArea();
    const tabs = new TabReports();
    const store = new ReportStore(`flows-${++n}`);
    const told: unknown[] = [];
    let clock = 1000;
    const service = new FlowService({
      recorder: new FlowRecorder(new MemoryArea(), lexicon),
      pending: local,
      store,
      tabs,
      tabUrl: async () => 'https://s.example/account',
      sendToTab: async (_tabId, msg) => void told.push(msg),
      now: () => (clock += 100),
    });
    // A click happens before the page it leads to is scanned (the service's next `now`).
    const leaveClick = (tabId: number, text: string) => local.set(pendingEntry(tabId, { action: 'click', url: 'https://s.example/account', text, at: clock + 50 }));
    return { service, store, local, told, leaveClick, tabs };
  }

  it('pairs the way out and the way in of a site, takes each left click once, and judges the pair', async () => {
    const { service, store, local, told, leaveClick } = await setup();
    await leaveClick(3, 'stale click before recording');
    await service.start(3, 'exit');
    expect(told).toEqual([{ type: 'flow-record', on: true, tabId: 3 }]);
    for (const [i, text] of ['Cancel', 'Continue', 'Confirm'].entries()) {
      await leaveClick(3, text);
      await service.pageReport(3, page(`https://s.example/step${i}`), 1, null);
    }
    expect(local.data.size).toBe(0);
    const out = await service.stop(3, true);
    expect(out?.exit).toMatchObject({ clicks: 3, pages: 3 });
    expect(out?.exit?.steps.map((s) => s.text ?? s.action)).toEqual(['start', 'Cancel', 'navigate', 'Continue', 'navigate', 'Confirm', 'navigate']);
    expect(out?.findings).toEqual([]);

    await service.start(3, 'join');
    await leaveClick(3, 'Upgrade');
    const both = await service.stop(3, true);
    expect(both?.id).toBe(out?.id);
    expect(both?.join).toMatchObject({ clicks: 1, pages: 0 });
    expect(both?.findings.map((f) => f.rule)).toEqual(['flow-asymmetry']);
    expect((await service.state(3)).flow?.id).toBe(out?.id);
    expect(await store.listFlows()).toHaveLength(1);

    // Recording the way out again starts a new flow; the old one stays in history.
    await service.start(3, 'exit');
    const again = await service.stop(3, false);
    expect(again?.id).not.toBe(out?.id);
    expect(await store.listFlows()).toHaveLength(2);
    store.close();
  });

  it('refuses to record a tab that does not show a web page', async () => {
    const { FlowService } = await import('../../src/background/flows');
    const { TabReports } = await import('../../src/background/tab-reports');
    const { ReportStore } = await import('../../src/storage/reports-db');
    const service = new FlowService({
      recorder: new FlowRecorder(new MemoryArea(), lexicon),
      pending: new MemoryArea(),
      store: new ReportStore('never-opened'),
      tabs: new TabReports(),
      tabUrl: async () => 'chrome://settings/',
      sendToTab: async () => undefined,
    });
    await expect(service.start(1, 'exit')).rejects.toThrow(/not show a web page/);
  });
});

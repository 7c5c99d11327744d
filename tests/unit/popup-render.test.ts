import { fireEvent, getByRole, queryByRole, within } from '@testing-library/dom';
import { beforeEach, describe, expect, it } from 'vitest';
import { renderPopup } from '../../src/ui/popup';
import { classifyUrl, viewFor, type PopupView } from '../../src/ui/model';
import type { Translator, UiLang } from '../../src/ui/i18n';
import { control, entry, fakeActions, hiddenExit, prominence, report, reviewProminence, tr } from './popup-fixtures';

let root: HTMLElement;
beforeEach(() => {
  document.body.replaceChildren();
  root = document.createElement('div');
  document.body.append(root);
});

function render(view: PopupView, lang: UiLang | Translator = 'en', actions = fakeActions()) {
  renderPopup(document, root, view, typeof lang === 'string' ? tr(lang) : lang, actions.actions);
  return actions;
}
const flush = () => new Promise((r) => setTimeout(r, 0));
const verdict = () => getByRole(root, 'heading', { level: 1 }).textContent;

describe('popup states', () => {
  it('loading', () => {
    render({ kind: 'loading' });
    expect(verdict()).toBe('Checking this page…');
    expect(root.querySelector('.view')!.getAttribute('aria-busy')).toBe('true');
    expect(getByRole(root, 'status').textContent).toBe('Checking this page…');
  });

  it('findings: a one-line verdict, then findings grouped by severity with plain rule names', () => {
    render({ kind: 'report', entry: entry(report()), storage: { ok: true } });
    expect(verdict()).toBe('3 problems make leaving harder than joining');
    const groups = root.querySelectorAll('section.group');
    expect([...groups].map((g) => g.querySelector('h2')!.textContent)).toEqual(['Serious (2)', 'Moderate (1)']);
    const serious = within(groups[0] as HTMLElement);
    const toggle = serious.getByRole('button', { name: /The way to stay outshines the way out/ });
    expect(toggle.textContent).toContain('“立即升级 5G 畅享套餐”的醒目程度是“降档”的 5.9 倍');
    expect(toggle.querySelector('.message')!.getAttribute('lang')).toBe('zh');
    expect(serious.getByRole('button', { name: /The way out is hidden/ })).toBeTruthy();
    expect(getByRole(root, 'button', { name: /You must call or chat to leave/ })).toBeTruthy();
    expect(queryByRole(root, 'heading', { name: /closer look/ })).toBeNull();
  });

  it('opening an asymmetric-prominence finding shows the salience bar pair and the measured factors, and outlines it', async () => {
    const { calls } = render({ kind: 'report', entry: entry(report()), storage: null });
    const toggle = getByRole(root, 'button', { name: /The way to stay outshines/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    const detail = document.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(detail.hidden).toBe(true);
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(detail.hidden).toBe(false);
    const fills = [...detail.querySelectorAll<HTMLElement>('.bar-fill')].map((b) => b.style.width);
    expect(fills).toEqual(['79.7%', '13.6%']);
    expect(detail.querySelector('.bar-row.stay')!.textContent).toContain('立即升级 5G 畅享套餐');
    expect(detail.querySelector('.ratio')!.textContent).toBe('5.9× as eye-catching (flagged from 3×)');
    const table = within(detail).getByRole('table');
    const rows = [...table.querySelectorAll('tr')].map((r) => [...r.children].map((c) => c.textContent));
    expect(rows).toEqual([
      ['Measured', 'Way to stay', 'Way out'],
      ['Size', '12901 px²', '336 px²'],
      ['Font size', '18 px, bold', '12 px'],
      ['Text contrast', 'not measurable', '1.98:1'],
      ['Fill contrast', '2.61:1', '1:1'],
      ['Position', 'First screen', 'First screen'],
    ]);
    // The controls involved, from report.controls by id.
    expect(within(detail).getByRole('heading', { name: 'Controls involved' })).toBeTruthy();
    expect(detail.querySelector('ul.controls')!.textContent).toContain('Downgrade “降档”');
    await flush();
    expect(calls.highlight).toEqual([['main > section > button', 'main > section > a']]);
    expect(detail.querySelector('[role=status]')!.textContent).toBe('Outlined on the page.');
  });

  it('hidden-exit shows its reasons; sentence rules quote the page and outline the sentence first', async () => {
    const { calls } = render({ kind: 'report', entry: entry(report()), storage: null });
    fireEvent.click(getByRole(root, 'button', { name: /The way out is hidden/ }));
    const reasons = root.querySelector('ul.reasons')!;
    expect([...reasons.children].map((li) => li.textContent)).toEqual(['inside a collapsed menu or section “更多设置”', 'filed under an unrelated section “更多设置”']);
    fireEvent.click(getByRole(root, 'button', { name: /You must call or chat/ }));
    expect(root.querySelector('blockquote')!.textContent).toContain('如需退订,请拨打客服热线 10086 办理。');
    await flush();
    expect(calls.highlight[1]).toEqual(['main > section > p', 'main > section > button', 'main > section > a']);
  });

  it('says when the outline could not be drawn', async () => {
    const actions = fakeActions({ highlight: async () => ({ ok: true, found: 0, hidden: 0, total: 2 }) });
    render({ kind: 'report', entry: entry(report()), storage: null }, 'en', actions);
    fireEvent.click(getByRole(root, 'button', { name: /The way to stay outshines/ }));
    await flush();
    expect(root.querySelector('.hl-status')!.textContent).toMatch(/no longer on the page/);
    const failing = fakeActions({ highlight: async () => ({ ok: false, error: 'Could not establish connection' }) });
    render({ kind: 'report', entry: entry(report()), storage: null }, 'en', failing);
    fireEvent.click(getByRole(root, 'button', { name: /The way to stay outshines/ }));
    await flush();
    expect(root.querySelector('.hl-status')!.textContent).toMatch(/Couldn't reach the page/);
  });

  it('needs-review only: shown apart under its own heading and never counted', () => {
    render({ kind: 'report', entry: entry(report({ findings: [reviewProminence] })), storage: null });
    expect(verdict()).toBe('No clear problems, but some things are worth a closer look');
    expect(root.querySelectorAll('section.group.sev-high, section.group.sev-medium, section.group.sev-low')).toHaveLength(0);
    const review = root.querySelector('section.review')!;
    expect(review.querySelector('h2')!.textContent).toBe('Worth a closer look (not counted) (1)');
    expect(review.querySelectorAll('li.finding.needs-review')).toHaveLength(1);
  });

  it('violations and needs-review together: the count is of violations only', () => {
    render({ kind: 'report', entry: entry(report({ findings: [hiddenExit, reviewProminence] })), storage: null });
    expect(verdict()).toBe('1 problem makes leaving harder than joining');
    expect(root.querySelector('section.sev-high')!.querySelectorAll('li.finding')).toHaveLength(1);
    expect(root.querySelector('section.review')!.querySelectorAll('li.finding')).toHaveLength(1);
  });

  it('fair: says so plainly, and lists what was checked', () => {
    const controls = [control('c1', 'upgrade', 'Upgrade to Team', 72.8, '#up'), control('c2', 'downgrade', 'Downgrade to Free', 60.8, '#down')];
    render({ kind: 'report', entry: entry(report({ findings: [], controls, language: 'en' }), null), storage: null });
    expect(verdict()).toBe('Leaving looks as easy as joining on this page');
    expect(root.textContent).toContain('Nothing stood out.');
    expect(queryByRole(root, 'button', { name: 'Report a false warning' })).toBeNull();
    const checked = root.querySelector('details.checked')!;
    expect(checked.querySelector('summary')!.textContent).toBe('What was checked (2)');
    expect(checked.textContent).toContain('Downgrade “Downgrade to Free” eye-catching: 60.8 of 100');
  });

  it('not a plan page', () => {
    render({ kind: 'report', entry: entry(report({ findings: [], controls: [], subscriptionPage: false })), storage: null });
    expect(verdict()).toBe('Nothing to compare on this page');
  });

  it.each([
    ['chrome://settings/', "This page can't be checked", /browser's own pages/, false],
    ['https://chromewebstore.google.com/detail/x', "This page can't be checked", /extension store/, false],
    ['https://example.com/terms.pdf', "This page can't be checked", /PDF document/, false],
    ['file:///home/me/page.html', "This page can't be checked", /Files on your computer/, false],
    ['https://example.com/plan', 'Not checked yet', /still be loading/, true],
  ])('unscannable %s says why', (url, title, why, canRescan) => {
    const actions = render(viewFor({ reply: { ok: true, data: null }, tabUrl: url }));
    expect(verdict()).toBe(title);
    expect(root.querySelector('main')!.textContent).toMatch(why);
    const rescan = queryByRole(root, 'button', { name: 'Rescan' });
    expect(!!rescan).toBe(canRescan);
    if (rescan) {
      fireEvent.click(rescan);
      expect(actions.calls.rescan).toBe(1);
    }
  });

  it('a tab that is gone', () => {
    render(viewFor({ reply: { ok: true, data: null }, tabGone: true }));
    expect(verdict()).toBe("This page can't be checked");
    expect(root.textContent).toContain('There is no tab to show a report for.');
    expect(queryByRole(root, 'button', { name: 'Rescan' })).toBeNull();
  });

  it('a site the user turned off, and a failed request', () => {
    render(viewFor({ reply: { ok: true, data: null }, tabUrl: 'https://example.com/', siteOff: true }));
    expect(verdict()).toBe('Checking is off for this site');
    render(viewFor({ reply: { ok: false, error: 'get-tab-report is not implemented yet' }, tabUrl: 'https://example.com/' }));
    expect(verdict()).toBe("This page can't be checked");
    expect(root.textContent).toContain("Fair Exit couldn't get this tab's report.");
    expect(root.textContent).toContain('get-tab-report is not implemented yet');
  });

  it('storage error: a banner above the findings', () => {
    const message = 'Storage is full: 2 older reports were removed (a.example).';
    render({ kind: 'report', entry: entry(report()), storage: { ok: false, reason: 'quota', message, at: 1, evictedReports: 2 } });
    expect(getByRole(root, 'alert').textContent).toBe(message);
    expect(verdict()).toBe('3 problems make leaving harder than joining');
    render({ kind: 'report', entry: entry(report()), storage: { ok: false, reason: 'quota', message: '', at: 1 } });
    expect(getByRole(root, 'alert').textContent).toMatch(/History is full/);
    render({ kind: 'report', entry: entry(report()), storage: { ok: false, reason: 'unavailable', message: '', at: 1 } });
    expect(getByRole(root, 'alert').textContent).toMatch(/isn't available/);
  });
});

describe('languages', () => {
  it('Simplified Chinese', () => {
    render({ kind: 'report', entry: entry(report()), storage: null }, 'zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(verdict()).toBe('发现 3 处让降级比升级更难的设计');
    expect(getByRole(root, 'button', { name: /留下的按钮远比离开的入口醒目/ })).toBeTruthy();
    expect(getByRole(root, 'button', { name: '重新检查' })).toBeTruthy();
  });

  it('Traditional Chinese, rule names and reasons included', () => {
    render({ kind: 'report', entry: entry(report()), storage: null }, 'zh-TW');
    expect(document.documentElement.lang).toBe('zh-TW');
    expect(verdict()).toBe('發現 3 處讓降級比升級更難的設計');
    expect(getByRole(root, 'button', { name: /留下的按鈕遠比離開的入口醒目/ })).toBeTruthy();
    fireEvent.click(getByRole(root, 'button', { name: /退出入口被隱藏/ }));
    expect(root.querySelector('ul.reasons')!.textContent).toContain('藏在摺疊的選單或區塊裡');
  });

  it('English UI on a Chinese page: rule names in English, messages as the page wrote them', () => {
    render({ kind: 'report', entry: entry(report()), storage: null }, 'en');
    expect(document.documentElement.lang).toBe('en');
    expect(root.querySelector('.message')!.textContent).toMatch(/醒目程度/);
  });
});

describe('buttons', () => {
  it('history, export evidence with its file name, false warning with a local note', async () => {
    const { calls } = render({ kind: 'report', entry: entry(report()), storage: null });
    fireEvent.click(getByRole(root, 'button', { name: 'History' }));
    expect(calls.history).toBe(1);
    const exp = getByRole(root, 'button', { name: 'Export evidence' });
    expect(exp.getAttribute('aria-disabled')).toBeNull();
    fireEvent.click(exp);
    expect(root.querySelector('.export-status')!.textContent).toBe('Preparing the evidence bundle…');
    await flush();
    expect(calls.exports).toBe(1);
    expect(root.querySelector('.export-status')!.getAttribute('role')).toBe('status');
    expect(root.querySelector('.export-status')!.textContent).toBe('Saved to your downloads: fair-exit_example.com_2026-12-01_3-rules.zip');

    const form = root.querySelector<HTMLElement>('section.note-form')!;
    expect(form.hidden).toBe(true);
    fireEvent.click(getByRole(root, 'button', { name: 'Report a false warning' }));
    expect(form.hidden).toBe(false);
    const text = getByRole(form, 'textbox', { name: 'What is wrong with it?' }) as HTMLTextAreaElement;
    expect(document.activeElement).toBe(text);
    expect(form.textContent).toContain('Nothing is sent anywhere.');
    fireEvent.click(getByRole(form, 'button', { name: 'Save note' }));
    await flush();
    expect(form.querySelector('.note-status')!.textContent).toBe('Write a few words first.');
    text.value = 'The downgrade link is fine on this site.';
    fireEvent.click(getByRole(form, 'button', { name: 'Save note' }));
    await flush();
    expect(calls.notes).toEqual([{ reportId: 'rep-1', findingId: undefined, note: 'The downgrade link is fine on this site.' }]);
    expect(form.querySelector('.note-status')!.textContent).toMatch(/^Saved/);
  });

  it('export: a failure says why; a page without a report cannot be exported and says so', async () => {
    render({ kind: 'report', entry: entry(report()), storage: null }, 'en', fakeActions({ exportEvidence: async () => ({ ok: false, error: 'no report for this tab' }) }));
    fireEvent.click(getByRole(root, 'button', { name: 'Export evidence' }));
    await flush();
    expect(root.querySelector('.export-status')!.textContent).toBe('The evidence could not be exported: no report for this tab');

    const { calls } = render({ kind: 'unscannable', reason: 'browser-page' });
    const exp = getByRole(root, 'button', { name: 'Export evidence' });
    expect(exp.getAttribute('aria-disabled')).toBe('true');
    expect(document.getElementById(exp.getAttribute('aria-describedby')!)!.textContent).toBe('There is no report of this page to export.');
    fireEvent.click(exp);
    await flush();
    expect(calls.exports).toBe(0);
  });

  it('"This warning is wrong" on a finding preselects it', async () => {
    const { calls } = render({ kind: 'report', entry: entry(report()), storage: null });
    fireEvent.click(getByRole(root, 'button', { name: /The way out is hidden/ }));
    fireEvent.click(getByRole(root, 'button', { name: 'This warning is wrong' }));
    const form = root.querySelector<HTMLElement>('section.note-form')!;
    expect((getByRole(form, 'combobox', { name: 'Which warning?' }) as HTMLSelectElement).value).toBe('hidden-exit-2');
    (form.querySelector('textarea') as HTMLTextAreaElement).value = 'It is in the menu on purpose';
    fireEvent.submit(form.querySelector('form')!);
    await flush();
    expect(calls.notes).toEqual([{ reportId: 'rep-1', findingId: 'hidden-exit-2', note: 'It is in the menu on purpose' }]);
  });

  it('notes: not saved report, and a background that cannot save notes yet', async () => {
    render({ kind: 'report', entry: entry(report(), null), storage: null });
    fireEvent.click(getByRole(root, 'button', { name: 'Report a false warning' }));
    const form = root.querySelector<HTMLElement>('section.note-form')!;
    expect(form.textContent).toContain("This report isn't in your history");
    const failing = fakeActions({ saveNote: async () => ({ ok: false, error: 'save-note is not implemented yet' }) });
    render({ kind: 'report', entry: entry(report()), storage: null }, 'en', failing);
    fireEvent.click(getByRole(root, 'button', { name: 'Report a false warning' }));
    const form2 = root.querySelector<HTMLElement>('section.note-form')!;
    (form2.querySelector('textarea') as HTMLTextAreaElement).value = 'x';
    fireEvent.submit(form2.querySelector('form')!);
    await flush();
    expect(form2.querySelector('.note-status')!.textContent).toBe("Saving notes isn't available in this version yet.");
  });
});

describe('hostile page text', () => {
  const EVIL = 'Upgrade <img src=x onerror="window.__pwned=1"></title><script>window.__pwned=2</script>';
  const RTL = 'Cancel \u202Etxet desrever\u202C now';
  const LONG = `Cancel subscription ${'A'.repeat(10000)}`;

  it('is shown as inert, truncated text', () => {
    const controls = [control('c1', 'upgrade', EVIL, 80, '#evil'), control('c2', 'cancel', RTL, 10, '#rtl'), control('c3', 'cancel', LONG, 5, '#long')];
    const f = {
      ...prominence,
      controls: ['c1', 'c3'],
      message: `“${EVIL}” is 8.0 times as prominent as “${LONG}”`,
      evidence: {
        ...prominence.evidence,
        stay: { ...(prominence.evidence.stay as object), id: 'c1', text: EVIL },
        exit: { ...(prominence.evidence.exit as object), id: 'c3', text: LONG },
      },
    };
    const r = report({ title: '</title><script>alert(1)</script>\u202Eevil', controls, findings: [f], language: 'en' });
    render({ kind: 'report', entry: entry(r), storage: null });
    fireEvent.click(getByRole(root, 'button', { name: /The way to stay outshines/ }));
    root.querySelector('details')!.open = true;
    expect(root.querySelectorAll('img, script, iframe, object, embed, title')).toHaveLength(0);
    expect(root.textContent).toContain('Upgrade <img src=x onerror="window.__pwned=1"></title><script>window.__pwned=2</script>');
    expect(root.querySelector('.page-title')!.textContent).toBe('</title><script>alert(1)</script>evil');
    expect(root.textContent).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(root.textContent).toContain('Cancel txet desrever now');
    // 10,000 characters become at most 80 (labels) or 400 (messages), with an ellipsis.
    const longLabels = [...root.querySelectorAll('.page-text bdi')].map((b) => b.textContent!).filter((t) => t.startsWith('Cancel subscription'));
    expect(longLabels.length).toBeGreaterThan(0);
    for (const t of longLabels) {
      expect(t.length).toBeLessThanOrEqual(80);
      expect(t.endsWith('…')).toBe(true);
    }
    expect(root.querySelector('.message')!.textContent!.length).toBeLessThanOrEqual(400);
    for (const el of root.querySelectorAll('[title]')) expect(el.getAttribute('title')!.length).toBeLessThanOrEqual(500);
    expect(root.textContent!.length).toBeLessThan(6000);
  });
});

describe('classifyUrl', () => {
  it.each([
    ['chrome://extensions', 'browser-page'],
    ['about:blank', 'browser-page'],
    ['edge://settings', 'browser-page'],
    ['chrome-extension://abc/popup.html', 'browser-page'],
    ['view-source:https://a.example/', 'browser-page'],
    ['https://chrome.google.com/webstore/detail/x', 'store'],
    ['https://chromewebstore.google.com/', 'store'],
    ['https://addons.mozilla.org/en-US/firefox/', 'store'],
    ['https://a.example/doc.PDF', 'pdf'],
    ['file:///tmp/a.pdf', 'pdf'],
    ['file:///tmp/a.html', 'file'],
    ['data:text/html,hi', 'not-web'],
    ['https://a.example/plan', null],
    ['http://127.0.0.1:8080/x.html', null],
  ])('%s → %s', (url, kind) => expect(classifyUrl(url)).toBe(kind));
});

/** The list of saved reports, newest first: site, date, findings by rule. */
import type { RuleId } from '../../src/report/schema';
import type { ReportSummary } from '../../src/storage/records';
import type { UiLanguage } from '../../src/storage/settings';
import { el, formatDate } from './dom';
import { ruleTitle } from './rule-names';
import type { Strings } from './strings';

export type ListActions = { open: (id: string) => void; remove: (r: ReportSummary) => void };

export function renderList(reports: ReportSummary[], filtered: boolean, t: Strings, lang: UiLanguage, actions: ListActions): HTMLElement {
  const wrap = el('section', { attrs: { 'aria-live': 'polite' } });
  wrap.append(el('p', { class: 'count', attrs: { id: 'count' }, text: t.count(reports.length, !filtered) }));
  if (!reports.length) {
    wrap.append(el('p', { class: 'empty', text: filtered ? t.noMatch : t.empty }));
    return wrap;
  }
  const list = el('ol', { class: 'reports', attrs: { id: 'reports' } });
  for (const r of reports) list.append(renderItem(r, t, lang, actions));
  wrap.append(list);
  return wrap;
}

function renderItem(r: ReportSummary, t: Strings, lang: UiLanguage, actions: ListActions): HTMLElement {
  const rules = el('ul', { class: 'rules' });
  for (const [rule, n] of Object.entries(r.byRule) as [RuleId, number][]) {
    rules.append(el('li', { class: 'rule', attrs: { 'data-rule': rule } }, ruleTitle(rule, lang), n > 1 ? el('span', { class: 'times', text: ` ×${n}` }) : null));
  }
  const dates =
    r.seenCount > 1
      ? `${t.lastSeen}: ${formatDate(r.lastSeen, lang)} · ${t.firstSeen}: ${formatDate(r.firstSeen, lang)} · ${t.seenTimes(r.seenCount)}`
      : formatDate(r.lastSeen, lang);
  const counts = [r.violations ? t.violations(r.violations) : '', r.needsReview ? t.needsReview(r.needsReview) : ''].filter(Boolean).join(' · ');
  return el(
    'li',
    { class: `report ${r.worst ? `worst-${r.worst}` : 'review-only'}`, attrs: { 'data-id': r.id } },
    el('div', { class: 'head' }, el('span', { class: 'site', text: r.site || r.url }), el('time', { text: dates, attrs: { datetime: new Date(r.lastSeen).toISOString() } })),
    el('a', { class: 'title', text: r.title || r.url, attrs: { href: `#report=${encodeURIComponent(r.id)}` } }),
    // Pages of one site often share a title: the address tells them apart.
    r.title ? el('p', { class: 'url', text: r.url }) : null,
    el('div', { class: 'counts', text: counts }),
    rules,
    el(
      'div',
      { class: 'actions' },
      el('button', { class: 'open', text: t.open, attrs: { type: 'button' }, on: { click: () => actions.open(r.id) } }),
      el('button', { class: 'delete', text: t.delete, attrs: { type: 'button' }, on: { click: () => actions.remove(r) } }),
    ),
  );
}

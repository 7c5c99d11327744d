/** One saved report in full: every finding with its controls and measured evidence, notes, screenshot. */
import type { GetReportReply } from '../../src/messages';
import type { Control } from '../../src/report/schema';
import type { UiLanguage } from '../../src/storage/settings';
import { el, formatDate, pageLink } from './dom';
import { ruleDescription, ruleTitle } from './rule-names';
import type { Strings } from './strings';

export type DetailActions = {
  back: () => void;
  remove: (id: string, site: string) => void;
  /** Downloads the report's evidence bundle; resolves to the file name. */
  exportEvidence: (id: string) => Promise<string>;
};

export function renderDetail(got: GetReportReply, t: Strings, lang: UiLanguage, actions: DetailActions): HTMLElement {
  const back = el('button', { class: 'back', text: t.back, attrs: { type: 'button' }, on: { click: actions.back } });
  if (!got) return el('section', { class: 'detail' }, back, el('p', { class: 'empty', text: t.notFound }));
  const { record, screenshot } = got;
  const report = record.report;
  const controls = new Map(report.controls.map((c) => [c.id, c]));

  const findings = el('ol', { class: 'findings' });
  for (const f of report.findings) {
    const involved = f.controls.map((id) => controls.get(id)).filter((c): c is Control => !!c);
    findings.append(
      el(
        'li',
        { class: `finding ${f.verdict} severity-${f.severity}`, attrs: { 'data-rule': f.rule } },
        el('h3', {}, el('span', { class: 'sev', text: `${t.severity[f.severity]} · ${t.verdict[f.verdict]}` }), ' ', ruleTitle(f.rule, lang)),
        el('p', { class: 'message', text: f.message }),
        el('p', { class: 'rule-description', text: ruleDescription(f.rule, lang) }),
        involved.length ? el('h4', { text: t.controls }) : null,
        involved.length ? el('ul', { class: 'controls' }, ...involved.map((c) => controlLine(c, t))) : null,
        el('details', {}, el('summary', { text: t.evidence }), el('pre', { text: JSON.stringify(f.evidence, null, 2) })),
      ),
    );
  }

  const notes = record.notes.length
    ? el(
        'section',
        { class: 'notes' },
        el('h3', { text: t.notes }),
        el('ul', {}, ...record.notes.map((n) => el('li', { text: `${formatDate(n.at, lang)}${n.findingId ? ` (${n.findingId})` : ''}: ${n.note}` }))),
      )
    : null;
  const exportStatus = el('p', { class: 'export-status', attrs: { role: 'status' } });
  const exportButton = el('button', {
    class: 'export-evidence',
    text: t.exportEvidence,
    attrs: { type: 'button' },
    on: {
      click: () => {
        exportButton.setAttribute('disabled', '');
        exportStatus.textContent = t.exporting;
        actions
          .exportEvidence(record.id)
          .then((file) => (exportStatus.textContent = t.exported(file)))
          .catch((e: unknown) => (exportStatus.textContent = t.error(e instanceof Error ? e.message : String(e))))
          .finally(() => exportButton.removeAttribute('disabled'));
      },
    },
  });
  const shot = screenshot ? el('figure', { class: 'screenshot' }, el('img', { attrs: { src: screenshot, alt: t.screenshot } })) : null;

  return el(
    'section',
    { class: 'detail', attrs: { 'data-id': record.id } },
    back,
    el('h2', { class: 'title', text: record.title || record.url }),
    el(
      'dl',
      { class: 'meta' },
      el('dt', { text: t.url }),
      el('dd', {}, pageLink(record.url, record.url)),
      el('dt', { text: t.scannedAt }),
      el('dd', { text: formatDate(Date.parse(report.scannedAt), lang) }),
      el('dt', { text: t.lastSeen }),
      el('dd', { text: `${formatDate(record.lastSeen, lang)} (${t.seenTimes(record.seenCount)}; ${t.firstSeen}: ${formatDate(record.firstSeen, lang)})` }),
    ),
    el('h2', { text: t.findings }),
    findings,
    notes,
    shot,
    el(
      'details',
      { class: 'all-controls' },
      el('summary', { text: t.allControls(report.controls.length) }),
      el('ul', { class: 'controls' }, ...report.controls.map((c) => controlLine(c, t))),
    ),
    el(
      'div',
      { class: 'actions' },
      exportButton,
      el('button', { class: 'delete', text: t.delete, attrs: { type: 'button' }, on: { click: () => actions.remove(record.id, record.site) } }),
    ),
    exportStatus,
  );
}

function controlLine(c: Control, t: Strings): HTMLElement {
  return el('li', {}, el('q', { text: c.text }), ` — ${t.role[c.role] ?? c.role}, ${t.salience} ${c.salience}`, el('code', { text: ` ${c.selector}` }));
}

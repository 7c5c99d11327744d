/** "Report a false warning": a note kept with the saved report, locally (save-note). */
import type { Finding } from '../report/schema';
import type { RenderCtx } from './context';
import { ruleTitle } from './i18n';
import { cleanText } from './text';

export type NoteForm = { section: HTMLElement; open: (finding?: Finding) => void };

export function noteForm(ctx: Omit<RenderCtx, 'openNote'>, reportId: string | null, findings: Finding[], returnFocus: () => HTMLElement | null): NoteForm {
  const { h, tr } = ctx;
  const headingId = ctx.id('note-heading');
  const whichId = ctx.id('note-which');
  const textId = ctx.id('note-text');
  const privacyId = ctx.id('note-privacy');
  const status = h('p', { class: 'note-status', role: 'status' });
  const which = h(
    'select',
    { id: whichId },
    h('option', { value: '' }, tr.t('noteWhole')),
    findings.map((f) => h('option', { value: f.id }, `${ruleTitle(tr, f.rule)} — ${cleanText(f.message, 60)}`)),
  );
  const text = h('textarea', { id: textId, rows: 4, maxlength: 5000, 'aria-describedby': privacyId });
  let opener: HTMLElement | null = null;

  const close = () => {
    section.hidden = true;
    (opener ?? returnFocus())?.focus();
  };
  const save = async (e: Event) => {
    e.preventDefault();
    const note = text.value.trim();
    if (!note) {
      status.textContent = tr.t('noteEmpty');
      text.focus();
      return;
    }
    if (!reportId) {
      status.textContent = tr.t('noteNotSaved');
      return;
    }
    saveButton.disabled = true;
    try {
      const r = await ctx.actions.saveNote({ reportId, findingId: which.value || undefined, note });
      if (r.ok) {
        status.textContent = tr.t('noteSaved');
        text.value = '';
      } else status.textContent = /not implemented/i.test(r.error) ? tr.t('noteUnavailable') : tr.t('noteFailed', [cleanText(r.error, 200)]);
    } catch (err) {
      status.textContent = tr.t('noteFailed', [cleanText(String(err), 200)]);
    } finally {
      saveButton.disabled = false;
    }
  };
  const saveButton = h('button', { type: 'submit', class: 'primary' }, tr.t('noteSave'));
  const section = h(
    'section',
    { class: 'note-form', 'aria-labelledby': headingId, hidden: true },
    h('h2', { id: headingId }, tr.t('noteHeading')),
    h(
      'form',
      { onsubmit: (e: Event) => void save(e) },
      h('label', { for: whichId }, tr.t('noteWhich')),
      which,
      h('label', { for: textId }, tr.t('noteLabel')),
      text,
      h('p', { id: privacyId, class: 'muted' }, tr.t('notePrivacy')),
      reportId ? null : h('p', { class: 'notice' }, tr.t('noteNotSaved')),
      h('div', { class: 'row' }, saveButton, h('button', { type: 'button', class: 'secondary', onclick: close }, tr.t('noteCancel'))),
      status,
    ),
  );
  return {
    section,
    open: (finding) => {
      opener = (ctx.doc.activeElement as HTMLElement | null) ?? null;
      which.value = finding?.id ?? '';
      status.textContent = '';
      section.hidden = false;
      section.scrollIntoView?.({ block: 'nearest' });
      text.focus();
    },
  };
}

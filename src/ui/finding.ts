/** One finding: its rule's plain name and message; opening it shows the proof and outlines it on the page. */
import type { Finding } from '../report/schema';
import type { HighlightOutcome, RenderCtx } from './context';
import { figuresFor } from './figures';
import { ruleDescription, ruleTitle, type MessageKey } from './i18n';
import { controlsById, isRecord, selectorsFor } from './model';
import { quoteText, roleTag } from './parts';
import { cleanText, MESSAGE_MAX } from './text';

export function findingCard(ctx: RenderCtx, f: Finding): HTMLLIElement {
  const { h, tr, report } = ctx;
  const detailId = ctx.id('finding-detail');
  const status = h('p', { class: 'hl-status', role: 'status' });
  const selectors = selectorsFor(f, report);

  const showOnPage = async () => {
    if (selectors.length === 0) return;
    status.textContent = '';
    let outcome: HighlightOutcome;
    try {
      outcome = await ctx.actions.highlight(selectors);
    } catch (e) {
      outcome = { ok: false, error: String(e) };
    }
    const key: MessageKey = !outcome.ok ? 'hlFailed' : outcome.found === 0 ? 'hlMissing' : outcome.hidden > 0 ? 'hlHidden' : 'hlDone';
    status.textContent = tr.t(key);
  };

  const toggle = h(
    'button',
    {
      type: 'button',
      class: 'finding-toggle',
      'aria-expanded': 'false',
      'aria-controls': detailId,
      onclick: () => {
        const open = toggle.getAttribute('aria-expanded') !== 'true';
        toggle.setAttribute('aria-expanded', String(open));
        detail.hidden = !open;
        if (open) void showOnPage();
      },
    },
    h('span', { class: 'rule-name' }, ruleTitle(tr, f.rule)),
    h('span', { class: 'message', lang: ctx.pageLang, dir: 'auto' }, cleanText(f.message, MESSAGE_MAX)),
  );

  const detail = h(
    'div',
    { class: 'finding-detail', id: detailId, hidden: true },
    h('p', { class: 'rule-description' }, ruleDescription(tr, f.rule)),
    ...figuresFor(ctx, f),
    involvedControls(ctx, f),
    h(
      'div',
      { class: 'finding-actions' },
      selectors.length ? h('button', { type: 'button', class: 'secondary', onclick: () => void showOnPage() }, tr.t('findingShow')) : null,
      h('button', { type: 'button', class: 'link', onclick: () => ctx.openNote(f) }, tr.t('findingWrong')),
    ),
    status,
  );

  return h('li', { class: `finding sev-${f.severity} ${f.verdict}`, 'data-finding': f.id }, h('h3', { class: 'finding-heading' }, toggle), detail);
}

/** The controls a finding names (report.controls by id; the evidence copy when the report left one out). */
function involvedControls(ctx: RenderCtx, f: Finding): HTMLElement | null {
  const { h, tr } = ctx;
  const byId = controlsById(ctx.report);
  const fromEvidence = new Map<string, { role: string; text: string }>();
  const collect = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (isRecord(v) && typeof v.id === 'string' && typeof v.text === 'string') fromEvidence.set(v.id, { role: String(v.role ?? 'other'), text: v.text });
  };
  Object.values(f.evidence).forEach(collect);
  const items = f.controls
    .map((id) => {
      const c = byId.get(id);
      return c ? { role: c.role, text: c.text, visible: c.visible } : fromEvidence.has(id) ? { ...fromEvidence.get(id)!, visible: true } : null;
    })
    .filter((x): x is { role: string; text: string; visible: boolean } => x !== null);
  if (items.length === 0) return null;
  return h(
    'div',
    { class: 'figure' },
    h('h4', null, tr.t('controlsHeading')),
    h(
      'ul',
      { class: 'controls' },
      items.map((c) => h('li', null, roleTag(ctx, c.role), ' ', quoteText(ctx, c.text), c.visible ? null : h('span', { class: 'muted' }, ` (${tr.t('notVisible')})`))),
    ),
  );
}

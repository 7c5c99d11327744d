/** The measured figures that prove a finding, per rule, drawn from finding.evidence. */
import type { Finding } from '../report/schema';
import type { RenderCtx } from './context';
import { hiddenReason, type MessageKey } from './i18n';
import { isRecord, sentencesOf } from './model';
import { cleanText, MESSAGE_MAX, num } from './text';
import { quoteText, roleTag } from './parts';

type ControlEvidence = {
  id?: string;
  role?: string;
  text?: string;
  salience?: number;
  area?: number;
  fontSize?: number;
  fontWeight?: number;
  contrast?: number | null;
  fillContrast?: number | null;
  belowFold?: number;
};

const asControl = (v: unknown): ControlEvidence | null => (isRecord(v) ? (v as ControlEvidence) : null);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function figuresFor(ctx: RenderCtx, f: Finding): HTMLElement[] {
  const ev = f.evidence;
  const out: HTMLElement[] = [];
  switch (f.rule) {
    case 'asymmetric-prominence': {
      const stay = asControl(ev.stay);
      const exit = asControl(ev.exit);
      if (stay && exit) out.push(prominence(ctx, stay, exit, ev.ratio, ev.threshold));
      break;
    }
    case 'hidden-exit': {
      const reasons = Array.isArray(ev.reasons) ? ev.reasons.filter(isRecord) : [];
      if (reasons.length) out.push(hiddenReasons(ctx, reasons));
      const c = asControl(ev.control);
      if (c) out.push(factorTable(ctx, [c]));
      break;
    }
    case 'confirmshaming':
      if (typeof ev.wording === 'string') out.push(quotes(ctx, 'figWording', [ev.wording]));
      break;
    case 'preselected-renewal':
      if (ev.kind === 'preselected') {
        const label = typeof ev.label === 'string' ? ev.label : (asControl(ev.input)?.text ?? '');
        out.push(ctx.h('p', { class: 'figure-line' }, ctx.tr.t('figPreselected', [cleanText(label)])));
      } else {
        out.push(...sentenceFigure(ctx, f));
        if (isNum(ev.fontSize)) out.push(ctx.h('p', { class: 'figure-line' }, ctx.tr.t('figFinePrint', [num(ev.fontSize, 1), contrastText(ctx, ev.contrast as number | null)])));
      }
      break;
    case 'missing-exit':
      out.push(ctx.h('div', { class: 'figure' }, ctx.h('h4', null, ctx.tr.t('figSearched')), ctx.h('p', null, ctx.tr.t('figSearchedText'))));
      break;
    default:
      out.push(...sentenceFigure(ctx, f));
  }
  return out;
}

function sentenceFigure(ctx: RenderCtx, f: Finding): HTMLElement[] {
  const sentences = sentencesOf(f).map((s) => s.sentence);
  return sentences.length ? [quotes(ctx, 'figSaid', sentences.slice(0, 3))] : [];
}

function quotes(ctx: RenderCtx, heading: MessageKey, texts: string[]): HTMLElement {
  const { h } = ctx;
  return h(
    'div',
    { class: 'figure' },
    h('h4', null, ctx.tr.t(heading)),
    texts.map((s) => h('blockquote', { lang: ctx.pageLang }, quoteText(ctx, s, MESSAGE_MAX))),
  );
}

function prominence(ctx: RenderCtx, stay: ControlEvidence, exit: ControlEvidence, ratio: unknown, threshold: unknown): HTMLElement {
  const { h, tr } = ctx;
  const bar = (c: ControlEvidence, side: 'stay' | 'exit') => {
    const score = isNum(c.salience) ? Math.max(0, Math.min(100, c.salience)) : 0;
    return h(
      'li',
      { class: `bar-row ${side}` },
      h('span', { class: 'bar-label' }, h('span', { class: 'bar-side' }, tr.t(side === 'stay' ? 'figStay' : 'figExit')), ' ', quoteText(ctx, c.text ?? '')),
      h('span', { class: 'bar-track', 'aria-hidden': 'true' }, h('span', { class: 'bar-fill', style: { width: `${score}%` } })),
      h('span', { class: 'bar-value' }, h('span', { class: 'sr-only' }, tr.t('salienceOf', [num(score, 1)])), h('span', { 'aria-hidden': 'true' }, num(score, 1))),
    );
  };
  return h(
    'figure',
    { class: 'figure prominence' },
    h('figcaption', null, tr.t('figProminence')),
    h('ul', { class: 'bars' }, bar(stay, 'stay'), bar(exit, 'exit')),
    isNum(ratio) ? h('p', { class: 'ratio' }, tr.t('figRatio', [num(ratio, 1), isNum(threshold) ? num(threshold, 1) : '–'])) : null,
    factorTable(ctx, [stay, exit], ['figStay', 'figExit']),
  );
}

function contrastText(ctx: RenderCtx, v: number | null | undefined): string {
  return isNum(v) ? `${num(v, 2)}:1` : ctx.tr.t('unmeasured');
}

/** area, font size, contrast, fill, position: one column per control. */
function factorTable(ctx: RenderCtx, controls: ControlEvidence[], headings?: MessageKey[]): HTMLElement {
  const { h, tr } = ctx;
  const rows: [MessageKey, (c: ControlEvidence) => string][] = [
    ['figArea', (c) => (isNum(c.area) ? `${num(c.area, 0)} px²` : tr.t('unmeasured'))],
    ['figFont', (c) => (isNum(c.fontSize) ? `${num(c.fontSize, 1)} px${isNum(c.fontWeight) && c.fontWeight >= 600 ? `, ${tr.t('bold')}` : ''}` : tr.t('unmeasured'))],
    ['figContrast', (c) => contrastText(ctx, c.contrast)],
    ['figFill', (c) => contrastText(ctx, c.fillContrast)],
    ['figPosition', (c) => (!isNum(c.belowFold) ? tr.t('unmeasured') : c.belowFold <= 0 ? tr.t('posFirst') : tr.t('posBelow', [num(c.belowFold, 0)]))],
  ];
  const head = headings
    ? h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, tr.t('figMeasure')),
          headings.map((k) => h('th', { scope: 'col' }, tr.t(k))),
        ),
      )
    : null;
  return h(
    'table',
    { class: 'factors' },
    headings ? null : h('caption', { class: 'sr-only' }, tr.t('figMeasure')),
    head,
    h(
      'tbody',
      null,
      rows.map(([label, value]) =>
        h(
          'tr',
          null,
          h('th', { scope: 'row' }, tr.t(label)),
          controls.map((c) => h('td', null, value(c))),
        ),
      ),
    ),
  );
}

function hiddenReasons(ctx: RenderCtx, reasons: Record<string, unknown>[]): HTMLElement {
  const { h, tr } = ctx;
  const detail = (r: Record<string, unknown>): (string | Node)[] => {
    const d = r.detail;
    if (d === undefined || d === null || r.reason === 'covered') return [];
    if (r.reason === 'low-contrast' && isNum(d)) return [` (${contrastText(ctx, d)})`];
    if (r.reason === 'below-first-screen' && isNum(d)) return [` (${tr.t('posBelow', [num(d, 0)])})`];
    if (r.reason === 'tiny') return [` (${cleanText(d, 40)})`];
    return [' ', quoteText(ctx, String(d), 40)];
  };
  return h(
    'div',
    { class: 'figure' },
    h('h4', null, tr.t('figReasons')),
    h(
      'ul',
      { class: 'reasons' },
      reasons.map((r) => h('li', null, hiddenReason(tr, String(r.reason)), ...detail(r))),
    ),
  );
}

export { roleTag };

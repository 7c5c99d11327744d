/**
 * The popup, rendered from data into a document: no extension APIs in here, so every state can be
 * rendered and tested in happy-dom. Page text enters only as text nodes (see h.ts and parts.ts).
 */
import type { StorageStatus } from '../messages';
import type { Control, Finding, PageReport, Severity } from '../report/schema';
import type { PopupActions, RenderCtx } from './context';
import { findingCard } from './finding';
import { flowPanel, type FlowControls } from './flow-panel';
import { bindH } from './h';
import type { MessageKey, Translator } from './i18n';
import { SEVERITIES, summarize, verdictKind, type PopupView, type Unscannable } from './model';
import { noteForm } from './note-form';
import { quoteText, roleTag } from './parts';
import { cleanText, num } from './text';

export type RenderOptions = {
  busy?: 'rescanning' | null;
  /** The tab's recorded flows and the record buttons (absent: no flow section). */
  flow?: FlowControls | null;
};

const SEVERITY_KEYS: Record<Severity, MessageKey> = { high: 'sevHigh', medium: 'sevMedium', low: 'sevLow' };
const REASON_KEYS: Record<Unscannable, MessageKey> = {
  'browser-page': 'reasonBrowserPage',
  store: 'reasonStore',
  pdf: 'reasonPdf',
  file: 'reasonFile',
  'not-web': 'reasonNotWeb',
  'no-report': 'reasonNoReport',
  'site-off': 'reasonSiteOff',
  'no-scanner': 'reasonNoScanner',
  'no-tab': 'reasonNoTab',
  error: 'reasonError',
};
/** States where scanning again may help. */
const RESCANNABLE = new Set<Unscannable>(['no-report', 'no-scanner', 'error']);

export function renderPopup(doc: Document, root: HTMLElement, view: PopupView, tr: Translator, actions: PopupActions, opts: RenderOptions = {}): void {
  const h = bindH(doc);
  let n = 0;
  const id = (base: string) => `${base}-${++n}`;
  doc.documentElement.lang = tr.lang;
  doc.title = tr.t('extName');
  const brand = () => h('p', { class: 'brand', title: tr.t('extDescription') }, tr.t('extName'));
  // The view is re-rendered whole; the live region stays, so screen readers hear each new verdict.
  let content = root.querySelector<HTMLElement>(':scope > .view');
  let live = root.querySelector<HTMLElement>(':scope > .live');
  if (!content || !live) {
    content = h('div', { class: 'view' });
    live = h('p', { class: 'live sr-only', role: 'status' });
    root.replaceChildren(content, live);
  }
  const announce = (text: string) => {
    if (live.textContent !== text) live.textContent = text;
  };
  content.setAttribute('aria-busy', String(view.kind === 'loading' || opts.busy === 'rescanning'));

  const footerButtons = (canRescan: boolean, extra: HTMLElement[] = [], canExport = false) => {
    const exportHint = id('export-hint');
    const exportStatus = h('p', { class: 'export-status muted', role: 'status' });
    const exportButton: HTMLButtonElement = h(
      'button',
      canExport
        ? { type: 'button', class: 'secondary', 'data-action': 'export', onclick: () => void runExport() }
        : // Focusable and announced as unavailable, with the reason.
          { type: 'button', class: 'secondary', 'data-action': 'export', 'aria-disabled': 'true', title: tr.t('exportNone'), 'aria-describedby': exportHint },
      tr.t('btnExport'),
    );
    const runExport = async () => {
      if (exportButton.disabled) return;
      exportButton.disabled = true;
      exportStatus.textContent = tr.t('exporting');
      const r = await actions.exportEvidence().catch((e: unknown) => ({ ok: false as const, error: String(e) }));
      exportButton.disabled = false;
      exportStatus.classList.toggle('error', !r.ok);
      exportStatus.textContent = r.ok ? tr.t('exportDone', [r.fileName]) : tr.t('exportFailed', [cleanText(r.error, 200)]);
    };
    return h(
      'footer',
      { class: 'actions' },
      h(
        'div',
        { role: 'group', 'aria-label': tr.t('actionsLabel'), class: 'row' },
        canRescan
          ? h(
              'button',
              { type: 'button', class: 'secondary', 'data-action': 'rescan', disabled: opts.busy === 'rescanning', onclick: () => actions.rescan() },
              tr.t(opts.busy === 'rescanning' ? 'rescanning' : 'btnRescan'),
            )
          : null,
        h('button', { type: 'button', class: 'secondary', 'data-action': 'history', onclick: () => actions.openHistory() }, tr.t('btnHistory')),
        exportButton,
        ...extra,
      ),
      canExport ? exportStatus : h('p', { id: exportHint, class: 'sr-only' }, tr.t('exportNone')),
    );
  };

  if (view.kind === 'loading') {
    content.replaceChildren(h('header', { class: 'top' }, brand(), h('h1', { class: 'verdict' }, tr.t('loading'))));
    announce(tr.t('loading'));
    return;
  }

  if (view.kind === 'unscannable') {
    const title: MessageKey = view.reason === 'no-report' || view.reason === 'no-scanner' ? 'noReportTitle' : view.reason === 'site-off' ? 'siteOffTitle' : 'cannotCheck';
    announce(`${tr.t(title)}. ${tr.t(REASON_KEYS[view.reason])}`);
    content.replaceChildren(
      h('header', { class: 'top unscannable' }, brand(), h('h1', { class: 'verdict' }, tr.t(title))),
      h(
        'main',
        null,
        h('p', { class: 'explain' }, tr.t(REASON_KEYS[view.reason])),
        view.detail ? h('p', { class: 'muted detail' }, cleanText(view.detail, 200)) : null,
        // A recording that wandered onto a page without a report can still be stopped here.
        opts.flow?.state.recording ? flowPanel({ h, tr, id, pageLang: null }, opts.flow) : null,
      ),
      footerButtons(RESCANNABLE.has(view.reason)),
    );
    return;
  }

  const { entry, storage } = view;
  const report = entry.report;
  const summary = summarize(report);
  const kind = verdictKind(report, summary);
  const count = summary.violations.length;
  const verdict =
    kind === 'problems'
      ? count === 1
        ? tr.t('verdictOne')
        : tr.t('verdictMany', [count])
      : tr.t(kind === 'review-only' ? 'verdictReviewOnly' : kind === 'fair' ? 'verdictFair' : 'verdictNotPlan');

  let form: ReturnType<typeof noteForm> | null = null;
  const falseWarningButton =
    report.findings.length > 0 ? h('button', { type: 'button', class: 'secondary', 'data-action': 'false-warning', onclick: () => form?.open() }, tr.t('btnFalseWarning')) : null;
  const ctx: RenderCtx = {
    doc,
    h,
    tr,
    actions,
    report,
    pageLang: report.language ?? null,
    openNote: (f?: Finding) => form?.open(f),
    id,
  };
  form = report.findings.length ? noteForm(ctx, entry.savedId, report.findings, () => falseWarningButton) : null;

  const groups = SEVERITIES.filter((s) => summary.bySeverity[s].length > 0).map((s) => {
    const headingId = id(`sev-${s}`);
    return h(
      'section',
      { class: `group sev-${s}`, 'aria-labelledby': headingId },
      h(
        'h2',
        { id: headingId },
        h('span', { class: 'sev-dot', 'aria-hidden': 'true' }),
        tr.t(SEVERITY_KEYS[s]),
        ' ',
        h('span', { class: 'count' }, `(${summary.bySeverity[s].length})`),
      ),
      h(
        'ul',
        { class: 'findings' },
        summary.bySeverity[s].map((f) => findingCard(ctx, f)),
      ),
    );
  });
  const reviewHeadingId = id('review');
  const review = summary.review.length
    ? h(
        'section',
        { class: 'group review', 'aria-labelledby': reviewHeadingId },
        h('h2', { id: reviewHeadingId }, tr.t('reviewHeading'), ' ', h('span', { class: 'count' }, `(${summary.review.length})`)),
        h('p', { class: 'muted' }, tr.t('reviewIntro')),
        h(
          'ul',
          { class: 'findings' },
          summary.review.map((f) => findingCard(ctx, f)),
        ),
      )
    : null;

  announce(opts.busy === 'rescanning' ? tr.t('rescanning') : verdict);
  content.replaceChildren(
    h('header', { class: `top verdict-${kind}` }, brand(), h('h1', { class: 'verdict' }, verdict), pageLine(ctx, report)),
    h(
      'main',
      null,
      storageBanner(ctx, storage),
      kind === 'fair' ? h('p', { class: 'explain' }, tr.t('fairDetail')) : null,
      kind === 'not-plan' ? h('p', { class: 'explain' }, tr.t('notPlanDetail')) : null,
      ...groups,
      review,
      checkedControls(ctx, report.controls),
      opts.flow ? flowPanel(ctx, opts.flow) : null,
      form?.section ?? null,
    ),
    footerButtons(true, falseWarningButton ? [falseWarningButton] : [], true),
  );
}

function pageLine(ctx: RenderCtx, report: PageReport): HTMLElement {
  const { h, tr } = ctx;
  let host = '';
  try {
    host = new URL(report.url).host;
  } catch {
    host = cleanText(report.url, 60);
  }
  const at = new Date(report.scannedAt);
  const time = Number.isNaN(at.getTime()) ? '' : at.toLocaleTimeString(tr.lang, { hour: '2-digit', minute: '2-digit' });
  return h(
    'p',
    { class: 'page-line', 'aria-label': null },
    report.title ? h('span', { class: 'page-title' }, h('bdi', { dir: 'auto', lang: ctx.pageLang }, cleanText(report.title, 80))) : null,
    h('span', { class: 'page-host' }, host),
    time ? h('span', { class: 'page-time' }, tr.t('pageChecked', [time])) : null,
  );
}

function storageBanner(ctx: RenderCtx, storage: StorageStatus | null): HTMLElement | null {
  if (!storage || storage.ok) return null;
  // The background words the problem in the user's language, with what was removed or is waiting.
  const text = cleanText(storage.message, 400) || ctx.tr.t(storage.reason === 'quota' ? 'storageQuota' : 'storageUnavailable');
  return ctx.h('p', { class: 'banner warn', role: 'alert' }, text);
}

const ROLE_ORDER = ['upgrade', 'retain', 'downgrade', 'cancel', 'other'];
const MAX_LISTED = 40;

/** Every control the scan weighed, with its salience: the basis of a fair verdict too. */
function checkedControls(ctx: RenderCtx, controls: Control[]): HTMLElement {
  const { h, tr } = ctx;
  const sorted = [...controls].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || b.salience - a.salience);
  const shown = sorted.slice(0, MAX_LISTED);
  return h(
    'details',
    { class: 'checked' },
    h('summary', null, tr.t('checkedHeading', [controls.length])),
    controls.length === 0
      ? h('p', { class: 'muted' }, tr.t('checkedNone'))
      : h(
          'ul',
          { class: 'controls' },
          shown.map((c) =>
            h(
              'li',
              null,
              roleTag(ctx, c.role),
              ' ',
              quoteText(ctx, c.text),
              ' ',
              h('span', { class: 'muted' }, c.visible ? tr.t('salienceOf', [num(c.salience, 1)]) : tr.t('notVisible')),
            ),
          ),
          sorted.length > shown.length ? h('li', { class: 'muted' }, tr.t('moreControls', [sorted.length - shown.length])) : null,
        ),
  );
}

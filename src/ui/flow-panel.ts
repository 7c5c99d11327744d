/**
 * The popup's "ways in and out" section: buttons to record the way out and the way in, the
 * recording in progress with its stop buttons, and the two recorded paths side by side with the
 * flow-asymmetry finding. Page text (control labels) enters only as text nodes (quoteText).
 */
import type { Direction, RecordingSummary } from '../flows/recorder';
import type { SavedFlow } from '../flows/saved-flow';
import type { Finding, PathRecord, PathStep } from '../report/schema';
import { ruleTitle, type MessageKey } from './i18n';
import { quoteText } from './parts';
import type { RenderCtx } from './context';
import { cleanText, MESSAGE_MAX } from './text';

export type FlowPanelState = {
  recording: RecordingSummary | null;
  flow: SavedFlow | null;
  error?: string | null;
  /** After "Export flow evidence": the file it was saved as, or why not. */
  exported?: { ok: true; fileName: string } | { ok: false; error: string } | null;
};

export type FlowControls = {
  state: FlowPanelState;
  start: (direction: Direction) => void;
  stop: (completed: boolean) => void;
  exportEvidence?: (flowId: string) => void;
};

const STEP_KEYS: Record<string, MessageKey> = {
  start: 'stepStart',
  click: 'stepClick',
  check: 'stepCheck',
  fill: 'stepFill',
  goto: 'stepNavigate',
  navigate: 'stepNavigate',
  dialog: 'stepDialog',
};

type PanelCtx = Pick<RenderCtx, 'h' | 'tr' | 'id' | 'pageLang'>;

export function flowPanel(ctx: PanelCtx, controls: FlowControls): HTMLElement {
  const { h, tr } = ctx;
  const { recording, flow, error } = controls.state;
  const headingId = ctx.id('flows');
  const button = (action: string, key: MessageKey, onclick: () => void, cls = 'secondary') =>
    h('button', { type: 'button', class: cls, 'data-action': action, onclick }, tr.t(key));

  const body: (HTMLElement | null)[] = [];
  if (recording) {
    const join = recording.direction === 'join';
    body.push(
      h('p', { class: 'recording' }, tr.t(join ? 'flowRecordingJoin' : 'flowRecordingExit', [recording.clicks, recording.pages])),
      h('p', { class: 'muted' }, tr.t('flowRecordingHint')),
      h(
        'div',
        { class: 'row' },
        button('flow-stop-done', join ? 'btnStopDoneJoin' : 'btnStopDoneExit', () => controls.stop(true), 'primary'),
        button('flow-stop-stuck', 'btnStopStuck', () => controls.stop(false)),
      ),
    );
  } else {
    body.push(
      h('p', { class: 'muted' }, tr.t('flowIntro')),
      h(
        'div',
        { class: 'row' },
        button('flow-record-exit', 'btnRecordExit', () => controls.start('exit')),
        button('flow-record-join', 'btnRecordJoin', () => controls.start('join')),
      ),
    );
  }
  if (error) body.push(h('p', { class: 'banner warn', role: 'alert' }, tr.t('flowError', [cleanText(error, 200)])));
  if (flow && (flow.join || flow.exit)) {
    body.push(comparison(ctx, flow));
    if (controls.exportEvidence && !recording) {
      const exported = controls.state.exported;
      body.push(
        h(
          'div',
          { class: 'row' },
          button('flow-export', 'btnExportFlow', () => controls.exportEvidence!(flow.id)),
        ),
        h(
          'p',
          { class: `flow-export-status${exported && !exported.ok ? ' error' : ''}`, role: 'status' },
          exported ? (exported.ok ? tr.t('flowExported', [cleanText(exported.fileName, 120)]) : tr.t('flowExportFailed', [cleanText(exported.error, 200)])) : '',
        ),
      );
    }
  }

  return h('section', { class: 'flows', 'aria-labelledby': headingId }, h('h2', { id: headingId }, tr.t('flowHeading')), ...body);
}

function comparison(ctx: PanelCtx, flow: SavedFlow): HTMLElement {
  const { h, tr } = ctx;
  const cell = (p: PathRecord | null, value: (p: PathRecord) => string | number) => h('td', null, p ? value(p) : tr.t('flowNotRecorded'));
  const row = (key: MessageKey, value: (p: PathRecord) => string | number) => h('tr', null, h('th', { scope: 'row' }, tr.t(key)), cell(flow.join, value), cell(flow.exit, value));
  const steps = (p: PathRecord) => p.steps.filter((s) => s.action !== 'start').length;
  const table = h(
    'table',
    { class: 'factors flow-table' },
    h('caption', { class: 'sr-only' }, tr.t('flowTableCaption')),
    h('thead', null, h('tr', null, h('td', null), h('th', { scope: 'col' }, tr.t('flowWayIn')), h('th', { scope: 'col' }, tr.t('flowWayOut')))),
    h(
      'tbody',
      null,
      row('flowSteps', steps),
      row('flowPages', (p) => p.pages),
      row('flowClicks', (p) => p.clicks),
      row('flowInterstitials', (p) => p.interstitials),
      row('flowCompleted', (p) => tr.t(p.completed ? 'flowYes' : 'flowNo')),
    ),
  );
  const missing = !flow.join || !flow.exit;
  return h(
    'div',
    { class: 'flow-compare' },
    table,
    ...flow.findings.map((f) => flowFinding(ctx, f)),
    missing ? h('p', { class: 'muted' }, tr.t('flowRecordOther')) : flow.findings.length === 0 ? h('p', { class: 'flow-fair' }, tr.t('flowFair')) : null,
    stepList(ctx, 'flowStepsIn', flow.join),
    stepList(ctx, 'flowStepsOut', flow.exit),
  );
}

function flowFinding(ctx: PanelCtx, f: Finding): HTMLElement {
  const { h, tr } = ctx;
  return h(
    'div',
    { class: `finding sev-${f.severity} ${f.verdict} flow-finding`, role: 'note' },
    h(
      'p',
      { class: 'finding-heading' },
      h('span', { class: 'rule-name' }, ruleTitle(tr, f.rule)),
      h('span', { class: 'message', lang: ctx.pageLang }, cleanText(f.message, MESSAGE_MAX)),
    ),
  );
}

function stepList(ctx: PanelCtx, key: MessageKey, p: PathRecord | null): HTMLElement | null {
  if (!p) return null;
  const { h, tr } = ctx;
  const shown = p.steps.filter((s) => s.action !== 'start');
  return h(
    'details',
    { class: 'checked flow-steps' },
    h('summary', null, tr.t(key, [shown.length])),
    h(
      'ol',
      { class: 'steps' },
      shown.map((s) => stepItem(ctx, s)),
    ),
  );
}

function stepItem(ctx: PanelCtx, s: PathStep): HTMLElement {
  const { h, tr } = ctx;
  let where = '';
  try {
    where = new URL(s.url).pathname;
  } catch {
    where = cleanText(s.url, 60);
  }
  return h(
    'li',
    null,
    tr.t(STEP_KEYS[s.action] ?? 'stepClick'),
    ' ',
    s.text ? quoteText(ctx as RenderCtx, s.text) : h('span', { class: 'muted' }, cleanText(where, 60)),
    s.interstitial ? [' ', h('span', { class: 'role-tag role-retain' }, tr.t('flowInterstitialTag'))] : null,
  );
}

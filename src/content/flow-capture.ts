/**
 * While the tab records a flow: each click on a control (its role, text and selector), each ticked
 * box and each filled field becomes a step, sent to the background's recorder. What the user types
 * is never recorded, only which field it went into. Nothing is captured while not recording.
 */
import { accessibleName } from '../engine/accessible-name';
import { CONTROL_SELECTOR } from '../engine/discover';
import { isTag } from '../engine/dom';
import { resolveSelector, SelectorBuilder } from '../engine/selector';
import { readHostRoot } from './closed-roots';
import type { UserAction } from '../flows/recorder';
import type { PageReport } from '../report/schema';
import type { Lexicon } from '../rules/lexicon';

const INTERACTIVE = `${CONTROL_SELECTOR}, input, select, textarea, summary, label, [role=radio], [role=option], [onclick]`;
const CHECKABLE_ROLES = new Set(['checkbox', 'radio', 'switch']);
const TEXT_MAX = 200;

export type FlowCaptureDeps = {
  send: (action: UserAction) => void;
  /** The latest scan of this document: a clicked control gets the role the scan gave it. */
  latestReport: () => PageReport | null;
  /** Asked for only when a click is recorded: making it is most of a page's first scan, not the script's start. */
  lexicon: () => Lexicon;
};

export function captureFlow(doc: Document, deps: FlowCaptureDeps): { setRecording: (on: boolean) => void; stop: () => void } {
  const view = doc.defaultView!;
  let on = false;

  const onClick = (e: Event) => {
    // A page script's el.click() is not the user's step.
    if (!on || !e.isTrusted) return;
    const el = controlOf(e);
    if (!el) return;
    // A click on a <label> is followed by the browser's own click on its input: count that one.
    if (isTag(el, 'label') && el.control) return;
    const checkable = (isTag(el, 'input') && (el.type === 'checkbox' || el.type === 'radio')) || CHECKABLE_ROLES.has(el.getAttribute('role') ?? '');
    deps.send(describe(el, checkable ? 'check' : 'click'));
  };
  const onChange = (e: Event) => {
    if (!on || !e.isTrusted) return;
    const el = e.composedPath()[0];
    if (!(el instanceof view.Element)) return;
    const field = (isTag(el, 'input') && !['checkbox', 'radio', 'button', 'submit', 'image', 'reset'].includes(el.type)) || isTag(el, 'textarea') || isTag(el, 'select');
    if (field) deps.send(describe(el, 'fill'));
  };

  const describe = (el: Element, action: UserAction['action']): UserAction => {
    const text = accessibleName(el).slice(0, TEXT_MAX) || (el.getAttribute('placeholder') ?? '').slice(0, TEXT_MAX);
    const selector = new SelectorBuilder().build(el, hostsOf(el));
    const scanned = deps.latestReport()?.controls.find((c) => c.selector === selector || resolveSelector(doc, c.selector, readHostRoot) === el);
    const role = scanned?.role ?? deps.lexicon().classify(text).role;
    return { action, url: doc.URL, ...(text ? { text } : {}), role, selector, at: Date.now() };
  };

  view.addEventListener('click', onClick, true);
  view.addEventListener('change', onChange, true);
  return {
    setRecording: (next) => {
      on = next;
    },
    stop: () => {
      view.removeEventListener('click', onClick, true);
      view.removeEventListener('change', onChange, true);
    },
  };
}

/** The control the click was on: the innermost interactive element, or one with a pointer cursor. */
function controlOf(e: Event): Element | null {
  for (const node of e.composedPath()) {
    if (!(node instanceof Element) || node.tagName === 'BODY' || node.tagName === 'HTML') break;
    if (node.matches(INTERACTIVE)) return node;
  }
  for (const node of e.composedPath()) {
    if (!(node instanceof Element) || node.tagName === 'BODY' || node.tagName === 'HTML') break;
    const view = node.ownerDocument.defaultView;
    if (view && view.getComputedStyle(node).cursor === 'pointer') return node;
  }
  return null;
}

/** The shadow hosts from the document down to `el`, for a selector chain. */
function hostsOf(el: Element): Element[] {
  const hosts: Element[] = [];
  for (let root = el.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) hosts.unshift(root.host);
  return hosts;
}

/**
 * Finds the page's interactive controls, in the document, in open shadow roots and in same-origin
 * frames, in document order.
 */
import { isDocument, isTag } from './dom';
import { runAtOnce, type Steps } from './scan-timing';
import type { StyleCache } from './styles';

export const CONTROL_SELECTOR = [
  'button',
  'a[href]',
  'input[type=submit]',
  'input[type=button]',
  'input[type=image]',
  'input[type=checkbox]',
  '[role=button]',
  '[role=link]',
  '[role=switch]',
  '[role=checkbox]',
  '[role=menuitem]',
  '[role=tab]',
].join(',');

/** Tags that some sites turn into buttons with a click handler and a pointer cursor. */
const GENERIC_TAGS = new Set(['DIV', 'SPAN', 'LI', 'P', 'LABEL', 'I', 'EM', 'STRONG', 'B', 'FONT', 'IMG', 'SECTION']);
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'HEAD', 'META', 'LINK']);

export type Found = { element: Element; hosts: Element[]; generic: boolean };
/** An open shadow root or same-origin frame document, with the hosts from the top document down to it. */
export type NestedRoot = { root: ShadowRoot | Document; hosts: Element[] };
export type DiscoverOptions = {
  /** Decides whether a short text makes a pointer-cursor element worth treating as a control. */
  isPlanText: (text: string) => boolean;
  styles: StyleCache;
  maxControls?: number;
  /** Filled with the shadow roots and frame documents the walk entered (text blocks read them too). */
  nestedRoots?: NestedRoot[];
};

export function discoverControls(doc: Document, opts: DiscoverOptions): Found[] {
  return runAtOnce(discoverControlsSteps(doc, opts));
}

/** Elements visited between two yields of the walk. */
const WALK_STEP = 256;

export function* discoverControlsSteps(doc: Document, opts: DiscoverOptions): Steps<Found[]> {
  const out: Found[] = [];
  const seen = new Set<Element>();
  const max = opts.maxControls ?? 20000;

  function* visit(root: Document | ShadowRoot, hosts: Element[]): Steps<void> {
    const start = isDocument(root) ? root.documentElement : root;
    if (!start) return;
    // No filter callback (a call into script per element); skipped subtrees are stepped over here.
    const walker = (isDocument(root) ? root : root.ownerDocument).createTreeWalker(start, NodeFilter.SHOW_ELEMENT);
    let visited = 0;
    for (let n = walker.nextNode() as Element | null; n && out.length < max; n = walker.nextNode() as Element | null) {
      if (++visited % WALK_STEP === 0) yield;
      while (n && (SKIP_TAGS.has(n.tagName.toUpperCase()) || n.hasAttribute('data-fair-exit'))) n = pastSubtree(walker);
      if (!n) break;
      if (n.matches(CONTROL_SELECTOR)) {
        if (!insideControl(n)) add(n, hosts, false);
      } else if (GENERIC_TAGS.has(n.tagName) && hasShortOwnText(n)) {
        const target = pointerTarget(n, opts);
        if (target && !insideControl(target)) add(target, hosts, true);
      }
      const shadow = (n as HTMLElement).shadowRoot;
      if (shadow) yield* enter(shadow, [...hosts, n]);
      if (isTag(n, 'iframe')) {
        const frameDoc = sameOriginDocument(n);
        if (frameDoc) yield* enter(frameDoc, [...hosts, n]);
      }
    }
  }
  function* enter(root: ShadowRoot | Document, hosts: Element[]): Steps<void> {
    opts.nestedRoots?.push({ root, hosts });
    yield* visit(root, hosts);
  }
  const add = (element: Element, hosts: Element[], generic: boolean) => {
    if (seen.has(element)) return;
    seen.add(element);
    out.push({ element, hosts, generic });
  };
  yield* visit(doc, []);
  return out;
}

/** The next element after the walker's current one that is not inside it. */
function pastSubtree(walker: TreeWalker): Element | null {
  for (;;) {
    const next = walker.nextSibling();
    if (next) return next as Element;
    if (!walker.parentNode()) return null;
  }
}

function insideControl(el: Element): boolean {
  return !!el.parentElement?.closest(CONTROL_SELECTOR);
}

function sameOriginDocument(frame: HTMLIFrameElement): Document | null {
  try {
    return frame.contentDocument;
  } catch {
    return null;
  }
}

function hasShortOwnText(el: Element): boolean {
  let own = false;
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 3 && (c as Text).data.trim()) {
      own = true;
      break;
    }
  }
  return own && (el.textContent ?? '').length <= 40;
}

/** The outermost element with a pointer cursor around a plan-like label, if any. */
function pointerTarget(el: Element, opts: DiscoverOptions): Element | null {
  const text = (el.textContent ?? '').trim();
  if (!opts.isPlanText(text)) return null;
  if (opts.styles.style(el).cursor !== 'pointer' && !el.hasAttribute('onclick') && !el.hasAttribute('tabindex')) return null;
  let target = el;
  for (let up = 0, p = el.parentElement; up < 3 && p; up++, p = p.parentElement) {
    if (opts.styles.style(p).cursor !== 'pointer' || (p.textContent ?? '').length > 60) break;
    target = p;
  }
  return target;
}

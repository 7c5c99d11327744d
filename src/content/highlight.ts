/**
 * The on-page outline for a finding the user clicked in the popup. It is drawn in a shadow root of a
 * host marked data-fair-exit (the scanner skips it), shown in the top layer (a manual popover) so
 * the page's stacking, overflow and dialogs cannot cover it, and styled with !important :host rules,
 * which win over any !important rule the page writes for the host. The shadow root is open so tests
 * can see it; a page script could remove the host in any mode, and nothing the page does can make
 * the outline say something else.
 */
import { resolveSelector } from '../engine/selector';
import { readHostRoot } from './closed-roots';

export const HIGHLIGHT_MS = 4000;
const HOST_TAG = 'fair-exit-highlight';

export type HighlightResult = {
  /** Selectors that resolved to an element. */
  found: number;
  /** Of those, elements with no box of their own (collapsed, display:none): their nearest rendered ancestor is outlined. */
  hidden: number;
  total: number;
};

type Target = { el: Element; standIn: boolean };

const STYLE = `
:host([data-idle]) { display: none !important; }
:host {
  all: initial !important;
  display: block !important;
  position: fixed !important;
  inset: 0 !important;
  width: 100vw !important;
  height: 100vh !important;
  margin: 0 !important;
  padding: 0 !important;
  border: 0 !important;
  background: transparent !important;
  overflow: visible !important;
  pointer-events: none !important;
  z-index: 2147483647 !important;
  opacity: 1 !important;
  visibility: visible !important;
  transform: none !important;
  filter: none !important;
  clip-path: none !important;
}
.box {
  position: fixed;
  box-sizing: border-box;
  border: 3px solid #d93025;
  border-radius: 4px;
  box-shadow: 0 0 0 3px #ffffff, 0 0 0 6px rgba(217, 48, 37, .45);
  pointer-events: none;
}
.box.stand-in { border-style: dashed; }
@media (prefers-reduced-motion: no-preference) {
  .box { animation: pulse 1s ease-in-out 3; }
  @keyframes pulse { 50% { box-shadow: 0 0 0 3px #ffffff, 0 0 0 12px rgba(217, 48, 37, .25); } }
}
`;

let current: { remove: () => void } | null = null;
let overlay: { host: HTMLElement; shadow: ShadowRoot } | null = null;

/**
 * The overlay host is added once and then kept (idle and not displayed between highlights): the
 * page's own change watcher (src/content/watch.ts) ignores changes inside [data-fair-exit], but the
 * host's insertion into <html> is a page change, and each one would trigger a rescan.
 */
function overlayFor(doc: Document): { host: HTMLElement; shadow: ShadowRoot } {
  if (overlay && overlay.host.ownerDocument === doc && overlay.host.isConnected) return overlay;
  const host = doc.createElement(HOST_TAG);
  host.setAttribute('data-fair-exit', '');
  host.setAttribute('data-idle', '');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = STYLE;
  shadow.append(style);
  (doc.documentElement ?? doc.body).append(host);
  overlay = { host, shadow };
  return overlay;
}

/** Outlines the elements, scrolls the first into view, and removes the outline after `ms`. */
export function highlight(doc: Document, selectors: string[], ms = HIGHLIGHT_MS): HighlightResult {
  current?.remove();
  current = null;
  const targets: Target[] = [];
  for (const sel of selectors) {
    let el: Element | null = null;
    try {
      el = resolveSelector(doc, sel, readHostRoot);
    } catch {
      el = null; // an invalid selector from an old report
    }
    if (!el) continue;
    const box = hasBox(el) ? el : renderedAncestor(el);
    if (box) targets.push({ el: box, standIn: box !== el });
  }
  const result = { found: targets.length, hidden: targets.filter((t) => t.standIn).length, total: selectors.length };
  if (targets.length === 0) return result;

  try {
    targets[0].el.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' as ScrollBehavior });
  } catch {
    /* a detached element */
  }

  const { host, shadow } = overlayFor(doc);
  const boxes = targets.map((t) => {
    const b = doc.createElement('div');
    b.className = t.standIn ? 'box stand-in' : 'box';
    b.setAttribute('part', 'outline');
    shadow.append(b);
    return b;
  });
  const place = () => {
    targets.forEach((t, i) => {
      const r = viewportRect(t.el);
      const s = boxes[i].style;
      s.left = `${r.left - 4}px`;
      s.top = `${r.top - 4}px`;
      s.width = `${Math.max(r.width, 4) + 8}px`;
      s.height = `${Math.max(r.height, 4) + 8}px`;
    });
  };
  place();
  host.removeAttribute('data-idle');
  // The top layer sits above the page's own dialogs and z-indexes.
  const popover = host as HTMLElement & { showPopover?: () => void; hidePopover?: () => void };
  try {
    host.setAttribute('popover', 'manual');
    if (!host.matches(':popover-open')) popover.showPopover?.();
  } catch {
    /* no popover support: the fixed, max z-index host still draws over most pages */
  }

  const view = doc.defaultView;
  const onMove = () => place();
  view?.addEventListener('scroll', onMove, { capture: true, passive: true });
  view?.addEventListener('resize', onMove, { passive: true });
  const timer = setTimeout(() => remove(), ms);
  const remove = () => {
    clearTimeout(timer);
    view?.removeEventListener('scroll', onMove, { capture: true });
    view?.removeEventListener('resize', onMove);
    for (const b of boxes) b.remove();
    try {
      if (host.matches(':popover-open')) popover.hidePopover?.();
    } catch {
      /* already hidden */
    }
    host.setAttribute('data-idle', '');
    if (current === handle) current = null;
  };
  const handle = { remove };
  current = handle;
  return result;
}

/** Rendered with a box: not display:none, not in a closed <details> or other skipped content. */
export function hasBox(el: Element): boolean {
  const r = el.getBoundingClientRect();
  if (!(r.width > 0 && r.height > 0)) return false;
  const check = (el as Element & { checkVisibility?: (o?: Record<string, boolean>) => boolean }).checkVisibility;
  return check ? check.call(el, { visibilityProperty: true, contentVisibilityAuto: false }) : true;
}

/** The nearest ancestor with a box, crossing shadow roots and frames. */
export function renderedAncestor(el: Element): Element | null {
  let cur: Element | null = el;
  while (cur) {
    const parent: Element | null = cur.parentElement ?? ((cur.getRootNode() as ShadowRoot).host as Element | undefined) ?? cur.ownerDocument.defaultView?.frameElement ?? null;
    if (!parent) return null;
    const tag = parent.tagName.toLowerCase();
    if (tag === 'html' || tag === 'body') return null;
    if (hasBox(parent)) return parent;
    cur = parent;
  }
  return null;
}

/** The element's box in the top document's viewport (same-origin frames add their offsets). */
export function viewportRect(el: Element): { left: number; top: number; width: number; height: number } {
  const r = el.getBoundingClientRect();
  let left = r.left;
  let top = r.top;
  let frame = el.ownerDocument.defaultView?.frameElement ?? null;
  while (frame) {
    const fr = frame.getBoundingClientRect();
    left += fr.left + frame.clientLeft;
    top += fr.top + frame.clientTop;
    frame = frame.ownerDocument.defaultView?.frameElement ?? null;
  }
  return { left, top, width: r.width, height: r.height };
}

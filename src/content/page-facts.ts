/**
 * What the evidence capture needs from the page: the viewport and device pixel ratio, the page's
 * size, where each flagged control is (document coordinates, CSS pixels) and the visible text.
 */
import { resolveSelector } from '../engine/selector';
import { readHostRoot } from './closed-roots';
import type { PageFacts, ScrollPosition } from '../evidence/types';
import { hasBox, renderedAncestor, viewportRect } from './highlight';

const TEXT_CAP = 1_000_000;

export type NumberedSelector = { n: number; controlId: string; selector: string };

export function pageFacts(doc: Document, controls: NumberedSelector[]): PageFacts {
  const view = doc.defaultView!;
  const root = doc.documentElement;
  const boxes: PageFacts['boxes'] = [];
  for (const c of controls) {
    let el: Element | null = null;
    try {
      el = resolveSelector(doc, c.selector, readHostRoot);
    } catch {
      el = null;
    }
    if (!el) continue;
    // A control with no box of its own (in a closed menu) is shown by the nearest thing that has one, as the popup does.
    const shown = hasBox(el) ? el : renderedAncestor(el);
    if (!shown) continue;
    const r = viewportRect(shown);
    if (!(r.width > 0 && r.height > 0)) continue;
    boxes.push({ n: c.n, controlId: c.controlId, x: r.left + view.scrollX, y: r.top + view.scrollY, width: r.width, height: r.height, standIn: shown !== el });
  }
  const body = doc.body;
  const text = (body?.innerText ?? root.textContent ?? '').replace(/\n{3,}/g, '\n\n').slice(0, TEXT_CAP);
  return {
    url: doc.location.href,
    viewport: {
      width: view.innerWidth,
      height: view.innerHeight,
      scrollX: view.scrollX,
      scrollY: view.scrollY,
      devicePixelRatio: view.devicePixelRatio || 1,
    },
    pageWidth: Math.max(root.scrollWidth, body?.scrollWidth ?? 0),
    pageHeight: Math.max(root.scrollHeight, body?.scrollHeight ?? 0),
    boxes,
    text,
    elements: doc.getElementsByTagName('*').length,
  };
}

/** Scrolls at once (no smooth scrolling) and says where the page ended up. */
export function scrollPage(doc: Document, x: number, y: number): ScrollPosition {
  const view = doc.defaultView!;
  view.scrollTo({ left: x, top: y, behavior: 'instant' as ScrollBehavior });
  return { scrollX: view.scrollX, scrollY: view.scrollY };
}

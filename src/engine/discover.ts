/**
 * Finds the page's interactive controls, in the document, in open shadow roots and in same-origin
 * frames, in document order.
 */
import { isDocument, isTag, sameOriginDocument } from './dom';
import { runAtOnce, type Steps } from './scan-timing';
import { hasNonSpace, type TextIndex } from './page-text';
import { objectList } from './object-list';
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
const GENERIC_TAGS = new Set(['DIV', 'SPAN', 'LI', 'P', 'LABEL', 'I', 'EM', 'STRONG', 'B', 'FONT', 'IMG', 'SECTION', 'A']);
/** Longest text of a generic control: a link's label may be a whole sentence ("No thanks, I don't mind losing my shows"). */
const GENERIC_TEXT_LIMIT = 40;
/** The longest text asked about (isPlanText), a link's. */
export const LINK_TEXT_LIMIT = 80;

export type Found = { element: Element; hosts: Element[]; generic: boolean };
/** An open shadow root or same-origin frame document, with the hosts from the top document down to it. */
export type NestedRoot = { root: ShadowRoot | Document; hosts: Element[] };
export type DiscoverOptions = {
  /** Decides whether a short text makes a pointer-cursor element worth treating as a control. */
  isPlanText: (text: string) => boolean;
  /**
   * Learns isPlanText's answers for many texts at once, before they are asked one by one (a page's
   * first scan asks a lexicon elsewhere: label-questions.ts). Given the document's texts only.
   */
  knowPlanTexts?: (texts: readonly string[]) => Steps<void>;
  styles: StyleCache;
  maxControls?: number;
  /** Filled with the shadow roots and frame documents the walk entered (text blocks read them too). */
  nestedRoots?: NestedRoot[];
  /** The pre-check's walk of the document: its text nodes and hosts serve instead of a walk of the document. */
  index?: TextIndex;
  /** Filled with each root's elements that match CONTROL_SELECTOR (text blocks read them too) and its headings by role. */
  controlLists?: Map<Document | ShadowRoot, RootElements>;
  /** Shadow roots attached closed to elements of the document (engine/scan.ts ScanOptions): entered as open ones are. */
  closedRoots?: readonly ShadowRoot[];
};

export function discoverControls(doc: Document, opts: DiscoverOptions): Found[] {
  return runAtOnce(discoverControlsSteps(doc, opts));
}

/** Nodes visited, or controls taken, between two yields. */
const WALK_STEP = 256;

/** Subtrees the scan never looks into (the extension's own elements among them), as one selector. */
const SKIPPED = 'script, style, noscript, template, svg, head, meta, link, [data-fair-exit]';

/** A root's controls (the elements that match CONTROL_SELECTOR) and its elements of role heading, in document order. */
export type RootElements = { controls: Element[]; roleHeadings: Element[] };

/**
 * The elements of a root that match CONTROL_SELECTOR, in document order: one query per root and
 * scan, shared by discovery and text blocks (`cache`).
 */
export function controlsIn(root: Document | ShadowRoot, cache?: Map<Document | ShadowRoot, RootElements>): Element[] {
  return runAtOnce(elementsInSteps(root, cache)).controls;
}

/** Elements matched against the full selector list, or controls looked at by `outermostSteps`, between two yields. */
const MATCH_STEP = 512;

/** controlsIn, with the elements of role heading that the same query finds (page facts read them). */
export function* elementsInSteps(root: Document | ShadowRoot, cache?: Map<Document | ShadowRoot, RootElements>): Steps<RootElements> {
  const known = cache?.get(root);
  if (known) return known;
  const found: RootElements = { controls: [], roleHeadings: [] };
  // The browser matches every element of the root against each selector of a list: twelve, six of
  // them reading an attribute. Four broad ones find a few more elements (every input, every role),
  // and only those are matched against the whole list (measured: half the time on a long page).
  // `[role=heading]` is among them: the page's headings need no query of their own (page-kind.ts).
  const all = root.querySelectorAll(BROAD_CONTROL_SELECTOR);
  const matchSome = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const el = all[i];
      if (el.matches(CONTROL_SELECTOR)) found.controls.push(el);
      if (el.getAttribute('role') === 'heading') found.roleHeadings.push(el);
    }
  };
  // 12,500 elements on the bench's largest page: matched in one go, 10-15 ms without a yield.
  for (let i = 0; i < all.length; i += MATCH_STEP) {
    matchSome(i, Math.min(i + MATCH_STEP, all.length));
    if (i + MATCH_STEP < all.length) yield;
  }
  cache?.set(root, found);
  return found;
}
/** Everything CONTROL_SELECTOR matches matches this: `button`, `a[href]`, `input` or `[role]`. */
const BROAD_CONTROL_SELECTOR = 'button, a[href], input, [role]';

/**
 * The controls that are neither inside another control nor inside (or themselves) a skipped
 * subtree. The ancestors are looked at once each, however many controls share them (the selector
 * `:not(:is(…) *)` would match every ancestor of every control against both lists).
 */
function* outermostSteps(all: Element[]): Steps<Element[]> {
  const controls = new Set(all);
  const known = new Map<Element, boolean>();
  const covered = (start: Element | null): boolean => {
    const visited: Element[] = [];
    let answer = false;
    for (let a = start; a; a = a.parentElement) {
      const k = known.get(a);
      if (k !== undefined) {
        answer = k;
        break;
      }
      visited.push(a);
      // Asked of the few elements that are controls or their ancestors, not by a query over the whole root.
      if (controls.has(a) || a.matches(SKIPPED)) {
        answer = true;
        break;
      }
    }
    for (const v of visited) known.set(v, answer);
    return answer;
  };
  const out = objectList<Element>();
  const keepSome = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const c = all[i];
      if (!c.matches(SKIPPED) && !covered(c.parentElement)) out.push(c);
    }
  };
  for (let i = 0; i < all.length; i += MATCH_STEP) {
    keepSome(i, Math.min(i + MATCH_STEP, all.length));
    if (i + MATCH_STEP < all.length) yield;
  }
  return out;
}

/** Something met in a root's walk, at the position of `at`: a generic control, or a nested root to enter. */
type Extra = { at: Element; target: Element; nested: ShadowRoot | Document | null };

/**
 * The controls in document order, the contents of a shadow root or frame right after its host (as a
 * walk of the composed tree meets them). Controls by selector are found by one query per root; the
 * walk of the root's nodes only looks for what a selector cannot find: shadow roots, frames, and
 * pointer-cursor elements with a short plan-like text of their own.
 */
export function* discoverControlsSteps(doc: Document, opts: DiscoverOptions): Steps<Found[]> {
  const out: Found[] = [];
  const seen = new Set<Element>();
  const max = opts.maxControls ?? 20000;

  function* visit(root: Document | ShadowRoot, hosts: Element[]): Steps<void> {
    const start = isDocument(root) ? root.documentElement : root;
    if (!start) return;
    const controls = yield* outermostSteps((yield* elementsInSteps(root, opts.controlLists)).controls);
    yield;
    const extras = root === doc && opts.index?.doc === doc ? yield* extrasFromIndex(opts.index) : yield* extrasOf(isDocument(root) ? root : root.ownerDocument, start);
    if (root === doc) withClosedRoots(extras);
    let i = 0;
    let last: Element | null = null;
    const take = (upTo: number) => {
      for (; i < upTo && out.length < max; i++) {
        last = controls[i];
        add(controls[i], hosts, false);
      }
    };
    for (const e of extras) {
      take(firstFollowing(controls, e.at, i));
      // The walk stops once enough controls are found (a nested root of the last one is still entered).
      if (out.length >= max && last !== e.at) return;
      last = e.at;
      if (e.nested) yield* enter(e.nested, [...hosts, e.at]);
      else if (!insideControl(e.target)) add(e.target, hosts, true);
    }
    while (i < controls.length && out.length < max) {
      take(Math.min(controls.length, i + WALK_STEP));
      yield;
    }
  }

  /** Generic controls and nested roots of one root, in document order (a control before the root it hosts). */
  function* extrasOf(d: Document, start: Node): Steps<Extra[]> {
    const extras: Extra[] = [];
    // No filter callback (a call into script per node).
    const walker = d.createTreeWalker(start, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    let visited = 0;
    let lastParent: Element | null = null;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (++visited % WALK_STEP === 0) yield;
      if (n.nodeType === 1) {
        nestedAt(n as Element, extras);
        continue;
      }
      // A text of its own makes an element of a generic tag a candidate; each is looked at once.
      const parent = n.parentElement;
      if (!parent || parent === lastParent || !GENERIC_TAGS.has(parent.tagName) || !hasNonSpace((n as Text).data)) continue;
      lastParent = parent;
      genericAt(parent, parent.textContent ?? '', extras);
    }
    // A generic control comes before a root nested in it (its host is met later in the walk).
    return extras.length > 1 ? extras.sort(inDocumentOrder) : extras;
  }

  /** The same from the pre-check's walk of the document, read on to its end. */
  function* extrasFromIndex(index: TextIndex): Steps<Extra[]> {
    yield* index.readSteps();
    const extras: Extra[] = [];
    for (const el of index.hosts) nestedAt(el, extras);
    let lastParent: Element | null = null;
    // Each element of a generic tag with a text of its own and short enough to be a label, and its text.
    const parents: Element[] = [];
    const contents: string[] = [];
    const genericsIn = (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const parent = index.parentAt(i);
        if (!parent || parent === lastParent || !GENERIC_TAGS.has(index.tagAt(i))) continue;
        lastParent = parent;
        // Kept by the last scan when this walk is read again and nothing inside the element changed since.
        let content = index.textAt(i);
        if (content === undefined) index.keepText(i, (content = parent.textContent ?? ''));
        if (content.length > textLimit(parent)) continue;
        parents.push(parent);
        contents.push(content);
      }
    };
    const count = index.count;
    for (let i = 0; i < count; i += WALK_STEP) {
      genericsIn(i, Math.min(i + WALK_STEP, count));
      if (i + WALK_STEP < count) yield;
    }
    if (opts.knowPlanTexts && contents.length) yield* opts.knowPlanTexts(contents.map((c) => c.trim()));
    for (let i = 0; i < parents.length; i++) {
      if (i !== 0 && i % WALK_STEP === 0) yield;
      genericAt(parents[i], contents[i], extras);
    }
    return extras.length > 1 ? extras.sort(inDocumentOrder) : extras;
  }

  /** The document's closed shadow roots that the scan was handed, among its extras in document order. */
  function withClosedRoots(extras: Extra[]): void {
    // Only roots whose host is in the document's own tree: a host inside another shadow root would need its chain of hosts.
    const closed = (opts.closedRoots ?? []).filter((r) => r.host.getRootNode() === doc && !r.host.closest(SKIPPED));
    if (closed.length === 0) return;
    for (const r of closed) extras.push({ at: r.host, target: r.host, nested: r });
    extras.sort(inDocumentOrder);
  }

  function nestedAt(el: Element, extras: Extra[]): void {
    const shadow = (el as HTMLElement).shadowRoot;
    if (shadow && !el.closest(SKIPPED)) extras.push({ at: el, target: el, nested: shadow });
    if (isTag(el, 'iframe') && !el.closest(SKIPPED)) {
      const frameDoc = sameOriginDocument(el);
      if (frameDoc) extras.push({ at: el, target: el, nested: frameDoc });
    }
  }

  /** `content`: the parent's textContent. */
  function genericAt(parent: Element, content: string, extras: Extra[]): void {
    // An <a> without href, worked by script, is a link all the same.
    if (content.length > textLimit(parent)) return;
    const target = pointerTarget(parent, opts, content);
    if (target && !parent.matches(CONTROL_SELECTOR) && !parent.closest(SKIPPED)) extras.push({ at: parent, target, nested: null });
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

function textLimit(el: Element): number {
  return el.tagName === 'A' ? LINK_TEXT_LIMIT : GENERIC_TEXT_LIMIT;
}

function inDocumentOrder(a: Extra, b: Extra): number {
  if (a.at === b.at) return (a.nested ? 1 : 0) - (b.nested ? 1 : 0);
  return a.at.compareDocumentPosition(b.at) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

/** Index of the first control, from `from` on, that comes after `el` in document order (not `el` itself). */
function firstFollowing(controls: Element[], el: Element, from: number): number {
  let lo = from;
  let hi = controls.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = controls[mid];
    if (c !== el && el.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function insideControl(el: Element): boolean {
  return !!el.parentElement?.closest(CONTROL_SELECTOR);
}

/** The outermost element with a pointer cursor around a plan-like label (`content`: its text), if any. */
function pointerTarget(el: Element, opts: DiscoverOptions, content: string): Element | null {
  const text = content.trim();
  if (!opts.isPlanText(text)) return null;
  if (opts.styles.style(el).cursor !== 'pointer' && !el.hasAttribute('onclick') && !el.hasAttribute('tabindex')) return null;
  let target = el;
  for (let up = 0, p = el.parentElement; up < 3 && p; up++, p = p.parentElement) {
    if (opts.styles.style(p).cursor !== 'pointer' || (p.textContent ?? '').length > 60) break;
    target = p;
  }
  return target;
}

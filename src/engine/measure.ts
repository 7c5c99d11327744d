/** Measures how visible one control or text block is: size, type, contrast, fill, position, state. */
import { isTag } from './dom';
import { chroma, contrastRatio, over, parseColor, strongestContrastOn, toHex, type RGBA } from './color';
import { composedParent, gradientStops, StyleCache } from './styles';
import type { Box, HiddenState, Measurement } from './types';

export type Viewport = { width: number; height: number; scrollX: number; scrollY: number };

/** The element whose own text gives the control its look (a button's inner span, a checkbox's label). */
export function textCarrier(el: Element): Element {
  if (isTag(el, 'input') && (el.type === 'checkbox' || el.type === 'radio') && el.labels?.[0]) return el.labels[0];
  let node: Element = el;
  for (let depth = 0; depth < 4; depth++) {
    if (hasOwnText(node)) return node;
    let next: Element | null = node.firstElementChild;
    while (next && (next.textContent ?? '').trim() === '') next = next.nextElementSibling;
    if (!next) return node;
    node = next;
  }
  return node;
}
function hasOwnText(el: Element): boolean {
  // Siblings one by one, not childNodes: no list is made for the element.
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 3 && (n.textContent ?? '').trim() !== '') return true;
  return isTag(el, 'input');
}

/** Offset of a frame's viewport within the top page; zero for the top document. */
export function frameOffset(doc: Document): { x: number; y: number } {
  let x = 0;
  let y = 0;
  let frame = doc.defaultView?.frameElement ?? null;
  while (frame) {
    const r = frame.getBoundingClientRect();
    x += r.left + frame.clientLeft;
    y += r.top + frame.clientTop;
    frame = frame.ownerDocument.defaultView?.frameElement ?? null;
  }
  return { x, y };
}

function describe(el: Element): string {
  const id = el.id ? `#${el.id}` : '';
  const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/)[0]}` : '';
  return `${el.tagName.toLowerCase()}${id}${cls}`;
}

export class Measurer {
  /** The elements found covering an element measured (a document's hit test gives the host of a shadow tree hit). */
  readonly covering = new Set<Element>();

  constructor(
    readonly styles: StyleCache,
    readonly viewport: Viewport,
  ) {}

  measure(el: Element, carrierOverride?: Element): Measurement {
    const carrier = carrierOverride ?? textCarrier(el);
    const s = this.styles.style(el);
    const cs = this.styles.style(carrier);
    const shown = hasShownBox(el);
    const own = shown ? boxOf(el) : this.placeOfSkipped(el);
    const rect = shown ? unionRect(el, carrier, own) : own;
    const offset = this.frameOffsetOf(el.ownerDocument);
    const box: Box = {
      x: rect.left + offset.x + this.viewport.scrollX,
      y: rect.top + offset.y + this.viewport.scrollY,
      width: rect.width,
      height: rect.height,
    };
    const fontSize = parseFloat(cs.fontSize) || 0;
    const fontWeight = parseInt(cs.fontWeight, 10) || 400;
    const opacity = this.styles.opacity(el);

    const backdrop = this.styles.backdrop(carrier);
    const fg = parseColor(cs.color);
    let contrast: number | null = null;
    let contrastUnmeasurable: string | null = backdrop.reason;
    if (!fg) contrastUnmeasurable ??= 'colour-format';
    else if (backdrop.color) contrast = contrastRatio(over({ ...fg, a: fg.a * opacity }, backdrop.color), backdrop.color);
    const bounds = fg && backdrop.stops ? backdrop.stops.map((c) => contrastRatio(over({ ...fg, a: fg.a * opacity }, c), c)) : null;
    const shares =
      contrast !== null && backdrop.color
        ? [contrast / strongestContrastOn(backdrop.color)]
        : bounds && backdrop.stops
          ? bounds.map((b, i) => b / strongestContrastOn(backdrop.stops![i]))
          : null;

    const fill = this.fill(el);
    const state = this.state(el, rect, rect === own, s, opacity, fg, fill.contrast);
    // Without a fill or border, what the eye sees is the text itself, not a block-level box around it.
    if (shown && fill.contrast <= 1.05 && !fill.outlined && !isTag(el, 'input')) {
      const ink = this.textBounds(el);
      if (ink) {
        box.width = Math.min(box.width, ink.width);
        box.height = Math.min(box.height, ink.height);
      }
    }
    const belowFold = Math.max(0, Math.round(box.y - this.viewport.height));
    return {
      box: roundBox(box),
      area: Math.round(box.width * box.height),
      fontSize,
      fontWeight,
      textColor: fg ? toHex(fg) : null,
      background: backdrop.color ? toHex(backdrop.color) : null,
      contrast: contrast === null ? null : round2(contrast),
      contrastUnmeasurable: contrast === null ? contrastUnmeasurable : null,
      contrastBounds: contrast === null && bounds ? [round2(Math.min(...bounds)), round2(Math.max(...bounds))] : null,
      contrastShare: shares ? round2(Math.max(...shares)) : null,
      fillContrast: round2(fill.contrast),
      fillChroma: round2(fill.chroma),
      outlined: fill.outlined,
      belowFold,
      state,
    };
  }

  /**
   * An element that is not drawn has no box. One that content-visibility skips (a closed <details>'s
   * contents) is placed where its nearest drawn ancestor begins, so that its place on the page is known
   * (below the fold or not, beside which control); one inside `display: none` has the empty box at the
   * viewport's origin, as the browser gives it.
   */
  private placeOfSkipped(el: Element): DOMRect {
    for (let a: Element | null = el; a; a = composedParent(a)) {
      if (this.styles.style(a).display === 'none') return NO_BOX;
      if (a !== el && hasShownBox(a)) {
        const r = boxOf(a);
        return { ...NO_BOX, x: r.left, y: r.top, left: r.left, top: r.top, right: r.left, bottom: r.top };
      }
    }
    return NO_BOX;
  }

  /** The control's own fill against what surrounds it; a border counts as an outline. */
  private fill(el: Element): { contrast: number; chroma: number; outlined: boolean } {
    // Over a gradient (a dark card with a bright button on it), compare with each of its colours.
    const behind = this.styles.backdrop(composedParent(el));
    const surroundings = behind.color ? [behind.color] : (behind.stops ?? []);
    const only = el.firstElementChild;
    const filler = [el, only !== null && only.nextElementSibling === null ? only : null].find((e): e is Element => !!e && hasFill(this.styles.background(e)));
    let contrast = 1;
    let colourfulness = 0;
    if (filler && surroundings.length) {
      const background = this.styles.background(filler);
      const own = parseColor(background.color);
      const stops = background.image.includes('gradient') ? gradientStops(background.image) : [];
      const colours = stops.length ? stops : own && own.a > 0 ? [own] : [];
      if (colours.length) {
        const pairs = surroundings.flatMap((around) => colours.map((c) => ({ painted: over(c, around), around })));
        contrast = Math.min(...pairs.map((p) => contrastRatio(p.painted, p.around)));
        colourfulness = Math.max(...pairs.map((p) => chroma(p.painted)));
      }
    }
    const s = this.styles.style(el);
    const borderWidth = parseFloat(s.borderTopWidth) || 0;
    // Each read of a computed property costs: the colour only where there is a border to colour.
    const border = borderWidth >= 1 && s.borderTopStyle !== 'none' ? parseColor(s.borderTopColor) : null;
    const outlined =
      !!border &&
      border.a > 0.3 &&
      surroundings.length > 0 &&
      // #ddd on white (1.36:1) still draws the button's shape; #eee (1.16:1) hardly does.
      Math.min(...surroundings.map((a) => contrastRatio(over(border, a), a))) > 1.25;
    return { contrast, chroma: colourfulness, outlined };
  }

  /**
   * What the sentence rules read of a text block, and only that: its type size, its contrast and
   * whether it can be seen. The same values as measure(el, el), without hit-testing or fill.
   */
  measureText(el: Element): { fontSize: number; contrast: number | null; contrastBounds: [number, number] | null; visible: boolean; collapsed: boolean } {
    const s = this.styles.style(el);
    const shown = hasShownBox(el);
    const rect = shown ? boxOf(el) : NO_BOX;
    const opacity = this.styles.opacity(el);
    const backdrop = this.styles.backdrop(el);
    const fg = parseColor(s.color);
    const contrast = fg && backdrop.color ? round2(contrastRatio(over({ ...fg, a: fg.a * opacity }, backdrop.color), backdrop.color)) : null;
    const bounds = fg && backdrop.stops ? backdrop.stops.map((c) => contrastRatio(over({ ...fg, a: fg.a * opacity }, c), c)) : null;
    const seen = this.seen(el, rect, true, s, opacity, fg, () => this.fill(el).contrast);
    return {
      fontSize: parseFloat(s.fontSize) || 0,
      contrast,
      contrastBounds: contrast === null && bounds ? [round2(Math.min(...bounds)), round2(Math.max(...bounds))] : null,
      visible: !(seen.notRendered || seen.transparent || seen.clipped || seen.offScreen),
      collapsed: (seen.notRendered || seen.clipped) && collapsedToggle(el, this.styles) !== null,
    };
  }

  private state(el: Element, rect: DOMRect, ownRect: boolean, s: CSSStyleDeclaration, opacity: number, fg: RGBA | null, fillContrast: number): HiddenState {
    const { notRendered, transparent, clipped, inScroller, offScreen } = this.seen(el, rect, ownRect, s, opacity, fg, () => fillContrast);
    const collapsedBy = notRendered || clipped ? collapsedToggle(el, this.styles) : null;
    const cover = notRendered || offScreen ? UNKNOWN_COVER : coveredAtCentre(el, rect);
    if (cover.by) this.covering.add(cover.by);
    return {
      notRendered,
      transparent,
      clipped,
      ...(inScroller ? { clippedInScroller: true } : {}),
      offScreen,
      covered: cover.covered,
      coveredBy: cover.by && describe(cover.by),
      ...(cover.by && this.pinned(cover.by) ? { coveredByFixed: true } : {}),
      collapsed: collapsedBy !== null,
      collapsedBy,
    };
  }

  /** Whether an element, or an element it is drawn inside, is fixed to the viewport or sticks to it while scrolling. */
  private pinned(el: Element): boolean {
    for (let n: Element | null = el; n; n = composedParent(n)) {
      const position = this.styles.style(n).position;
      if (position === 'fixed' || position === 'sticky') return true;
    }
    return false;
  }

  /**
   * Whether the element is rendered, opaque enough, inside its clipping ancestors and on the page.
   * `ownRect`: `rect` is the element's own box, which is empty when it has no boxes at all (then
   * getClientRects() need not be asked). An element that is not drawn comes with an empty `rect` (hasShownBox).
   */
  private seen(el: Element, rect: DOMRect, ownRect: boolean, s: CSSStyleDeclaration, opacity: number, fg: RGBA | null, fillContrast: () => number) {
    const notRendered = rect.width * rect.height < 1 || (!ownRect && el.getClientRects().length === 0) || hiddenByVisibility(s.visibility);
    const textAlpha = (fg?.a ?? 1) * opacity;
    const transparent = !notRendered && (opacity < 0.1 || (textAlpha < 0.1 && fillContrast() < 1.1));
    const clip = notRendered ? 'no' : this.clipOf(el, rect, s);
    // Past the page's edge inside a row the user scrolls sideways is in that row, not placed off screen.
    const offScreen = !notRendered && clip !== 'scroller' && this.offPage(el.ownerDocument, rect);
    return { notRendered, transparent, clipped: !offScreen && clip !== 'no', inScroller: clip === 'scroller', offScreen };
  }

  /** Left of, above or right of the document. */
  private offPage(doc: Document, rect: DOMRect): boolean {
    const { x, y } = this.scrollOf(doc);
    return rect.right + x <= 0 || rect.bottom + y <= 0 || rect.left + x >= this.docWidth(doc);
  }

  /**
   * A document's scroll position, read once per task: it changes only between tasks (the scan itself
   * never scrolls), and each read from the content script's world costs about half a microsecond.
   * Forgotten at the end of the task (a sliced scan's next slice reads it again).
   */
  private readonly scrolls = new Map<Document, { x: number; y: number }>();
  private scrollOf(doc: Document): { x: number; y: number } {
    let s = this.scrolls.get(doc);
    if (!s) {
      this.forgetAtTaskEnd();
      const view = doc.defaultView;
      s = { x: view?.scrollX ?? 0, y: view?.scrollY ?? 0 };
      this.scrolls.set(doc, s);
    }
    return s;
  }
  /** frameOffset(doc), read once per task as the scroll position is (three reads, and a box per frame). */
  private readonly offsets = new Map<Document, { x: number; y: number }>();
  private frameOffsetOf(doc: Document): { x: number; y: number } {
    let o = this.offsets.get(doc);
    if (!o) {
      this.forgetAtTaskEnd();
      o = frameOffset(doc);
      this.offsets.set(doc, o);
    }
    return o;
  }
  private forgetting = false;
  private forgetAtTaskEnd(): void {
    if (this.forgetting) return;
    this.forgetting = true;
    queueMicrotask(() => {
      this.scrolls.clear();
      this.offsets.clear();
      this.forgetting = false;
    });
  }

  /**
   * Whether the element is clipped out of view: 'scroller' when every ancestor that clips it lets the user
   * bring the element into view, by scrolling it (overflow auto or scroll: a row of cards, a dialog's long
   * body) or by sliding a row one of whose items it shows (a carousel); 'hidden' when something clips it
   * for good (overflow hidden, a clip rule).
   */
  private clipOf(el: Element, rect: DOMRect, s: CSSStyleDeclaration): 'no' | 'hidden' | 'scroller' {
    if (/rect\(0(px)?,? 0(px)?,? 0(px)?,? 0(px)?\)/.test(s.clip) || /inset\((50|100)%\)/.test(s.clipPath)) return 'hidden';
    const parent = composedParent(el);
    if (!parent || parent.ownerDocument !== el.ownerDocument) return 'no';
    let clip: 'no' | 'hidden' | 'scroller' = 'no';
    for (const { a, r, scrolls } of this.clippers(parent)) {
      const w = Math.min(rect.right, r.right) - Math.max(rect.left, r.left);
      const h = Math.min(rect.bottom, r.bottom) - Math.max(rect.top, r.top);
      if (w <= 0 || h <= 0 || w * h < 0.1 * rect.width * rect.height) {
        // Scrolling reaches what lies after the box's start, or before it once the box has been scrolled.
        const reachable = scrolls && (rect.left >= r.left || a.scrollLeft !== 0) && (rect.top >= r.top || a.scrollTop !== 0);
        if (!reachable && !slidesIntoView(el, rect, a, r)) return 'hidden';
        clip = 'scroller';
      }
    }
    return clip;
  }

  /**
   * `a` and its ancestors in its document (below the root element) whose overflow clips, nearest
   * first, with their boxes: worked out once per ancestor, since the rows of a list share them.
   */
  private readonly clipChains = new Map<Element, Clipper[]>();
  private clippers(a: Element): Clipper[] {
    const known = this.clipChains.get(a);
    if (known) return known;
    let chain: Clipper[] = [];
    if (a !== a.ownerDocument.documentElement) {
      const next = composedParent(a);
      const above = next && next.ownerDocument === a.ownerDocument ? this.clippers(next) : [];
      const as = this.styles.style(a);
      chain =
        as.overflowX === 'visible' && as.overflowY === 'visible'
          ? above
          : [{ a, r: a.getBoundingClientRect(), scrolls: SCROLLS.has(as.overflowX) || SCROLLS.has(as.overflowY) }, ...above];
    }
    this.clipChains.set(a, chain);
    return chain;
  }

  /**
   * One range per document for the boxes of contents: each range stays registered with its document
   * until it is collected (the document updates it on every change), and making one costs too.
   */
  private readonly ranges = new Map<Document, Range>();
  private textBounds(el: Element): DOMRect | null {
    const doc = el.ownerDocument;
    let range = this.ranges.get(doc);
    if (!range) this.ranges.set(doc, (range = doc.createRange()));
    return textBounds(el, range);
  }

  private readonly widths = new Map<Document, number>();
  /** The document's width, read once per scan (layout is only read, so it does not change). */
  private docWidth(doc: Document): number {
    let w = this.widths.get(doc);
    if (w === undefined) this.widths.set(doc, (w = doc.documentElement.scrollWidth));
    return w;
  }
}

/**
 * Whether the element has a box that is drawn: false for no box (display: none) and for a box that
 * content-visibility skips, as a closed <details> does with its contents. Chromium gives such a
 * skipped element a box laid out as if shown once anything has asked for one, and an empty one
 * before, so that two scans of the same page would measure it differently: it is read as no box at
 * all (Measurer.placeOfSkipped). (Where the browser cannot tell, a box is read.)
 */
function hasShownBox(el: Element): boolean {
  return !('checkVisibility' in el) || el.checkVisibility({ contentVisibilityAuto: false });
}
/**
 * The element's box. Inside content that Chromium skips for now (`content-visibility: auto`, off
 * screen) getBoundingClientRect() may give an empty box after the scan has read the page's styles,
 * and the real one once the layout there has been forced, which getClientRects() does: a page's
 * first scan and the next measured such a control differently (tests/browser/collapsed-box.test.ts).
 */
function boxOf(el: Element): DOMRect {
  const r = el.getBoundingClientRect();
  return r.width * r.height >= 1 || el.getClientRects().length === 0 ? r : el.getBoundingClientRect();
}
/** What getBoundingClientRect gives an element without a box. */
const NO_BOX: DOMRect = Object.freeze({ x: 0, y: 0, width: 0, height: 0, top: 0, right: 0, bottom: 0, left: 0, toJSON: () => ({}) }) as DOMRect;

function hiddenByVisibility(visibility: string): boolean {
  return visibility === 'hidden' || visibility === 'collapse';
}

/** The box of an element's contents, read through a range. */
function textBounds(el: Element, range: Range): DOMRect | null {
  range.selectNodeContents(el);
  const r = range.getBoundingClientRect();
  return r.width * r.height > 0 ? r : null;
}

function hasFill(background: { image: string; color: string }): boolean {
  if (background.image.includes('gradient')) return true;
  const c = parseColor(background.color);
  return !!c && c.a > 0.05;
}

function unionRect(el: Element, carrier: Element, a: DOMRect): DOMRect {
  if (carrier === el || el.contains(carrier)) return a;
  const b = boxOf(carrier);
  if (b.width * b.height === 0) return a;
  const left = Math.min(a.left, b.left);
  const top = Math.min(a.top, b.top);
  return new DOMRect(left, top, Math.max(a.right, b.right) - left, Math.max(a.bottom, b.bottom) - top);
}

/** The toggle or section that keeps `el` out of sight: a closed <details>, an aria-expanded=false menu. */
export function collapsedToggle(el: Element, styles: StyleCache): string | null {
  const doc = el.ownerDocument;
  for (let a = composedParent(el); a; a = composedParent(a)) {
    if (isTag(a, 'details') && !a.open) {
      const summary = a.querySelector(':scope > summary');
      if (!summary || !summary.contains(el)) return label(summary) || 'details';
    }
    const toggle = (a.id ? doc.querySelector(`[aria-controls~="${CSS.escape(a.id)}"][aria-expanded="false"]`) : null) ?? closedTab(doc, a);
    if (toggle) return label(toggle);
    if (styles.style(a).display === 'none' || a.hasAttribute('hidden')) {
      const sibling = [a.previousElementSibling, ...Array.from(a.parentElement?.children ?? [])].find(
        (c) => c && c !== a && (c.getAttribute('aria-expanded') === 'false' || c.hasAttribute('aria-haspopup')),
      );
      if (sibling) return label(sibling);
      // An accordion's header without ARIA: the clickable element right before the closed panel.
      const header = a.previousElementSibling;
      if (header && opensPanel(header, styles)) return label(header);
    }
  }
  return null;
}
/**
 * The tab, not selected, that shows this panel: by aria-controls, href or a data attribute naming its
 * id, or, when the tabs name no panel (onclick="show(2)"), by position: the n-th tab of the tablist
 * beside the n-th of as many panels.
 */
function closedTab(doc: Document, panel: Element): Element | null {
  const id = panel.id;
  if (id) {
    for (const tab of Array.from(doc.querySelectorAll('[role=tab]'))) {
      if (tab.getAttribute('aria-selected') === 'true') continue;
      if (Array.from(tab.attributes).some((at) => at.value === id || at.value === `#${id}` || at.value.split(/\s+/).includes(id))) return tab;
    }
  }
  const parent = panel.parentElement;
  // Tabs without ARIA (<span data-p="p2">账号与安全</span>): an element near the hidden panel that names its id.
  if (id && parent?.parentElement) {
    const near = parent.parentElement.getElementsByTagName('*');
    for (let i = 0; i < near.length && i < 300; i++) {
      const el = near[i];
      if (panel.contains(el)) continue;
      if (Array.from(el.attributes).some((at) => at.value === id || at.value === `#${id}`)) return el;
    }
  }
  if (!parent) return null;
  if (panel.getAttribute('role') !== 'tabpanel') return tabBeforePanels(panel, parent);
  const panels = Array.from(parent.children).filter((c) => c.getAttribute('role') === 'tabpanel');
  const tabs = Array.from(parent.querySelector(':scope > [role=tablist]')?.querySelectorAll('[role=tab]') ?? []);
  const tab = tabs.length === panels.length ? tabs[panels.indexOf(panel)] : undefined;
  return tab && tab.getAttribute('aria-selected') !== 'true' ? tab : null;
}
/**
 * Panels without a role (<div class="pane">, one per tab) right after a row of as many role=tab
 * elements (onclick="sw(2)"): the n-th tab shows the n-th panel.
 */
function tabBeforePanels(panel: Element, parent: Element): Element | null {
  const cls = panel.classList[0];
  if (!cls) return null;
  const panels = Array.from(parent.children).filter((c) => c.tagName === panel.tagName && c.classList.contains(cls));
  if (panels.length < 2) return null;
  const tabs = Array.from(panels[0].previousElementSibling?.querySelectorAll('[role=tab]') ?? []);
  const tab = tabs.length === panels.length ? tabs[panels.indexOf(panel)] : undefined;
  return tab && tab.getAttribute('aria-selected') !== 'true' ? tab : null;
}
function opensPanel(el: Element, styles: StyleCache): boolean {
  return isTag(el, 'button') || el.getAttribute('role') === 'button' || el.hasAttribute('onclick') || styles.style(el).cursor === 'pointer';
}
function label(el: Element | null): string {
  return (el?.getAttribute('aria-label') || el?.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 80);
}

/** An ancestor whose overflow clips, with its box; `scrolls`: the user can scroll it (on either axis). */
type Clipper = { a: Element; r: DOMRect; scrolls: boolean };
const SCROLLS = new Set(['auto', 'scroll', 'overlay']);

/** How far up from a clipped element, and how far along its siblings, a carousel's slides are looked for. */
const SLIDE_LEVELS = 6;
const SLIDE_SIBLINGS = 24;

/**
 * Whether `el`, beside the box `a` that clips it (level with it, out to the left or right), lies in a
 * row of look-alike items (a carousel's slides) one of which is in view in that box: the carousel's
 * arrows, dots or a swipe bring it in, as scrolling brings in a row the user scrolls. A menu slid off
 * the page's edge (a drawer) has no item like it in view, nor a list cut off at its end by a box that
 * shows nothing of it. Asked only of controls clipped for good, so the few boxes read cost little.
 */
function slidesIntoView(el: Element, rect: DOMRect, a: Element, r: DOMRect): boolean {
  if (r.width < 1 || r.height < 1) return false;
  const level = Math.min(rect.bottom, r.bottom) - Math.max(rect.top, r.top) >= 0.5 * Math.min(rect.height, r.height);
  const centre = (rect.left + rect.right) / 2;
  if (!level || (centre > r.left && centre < r.right)) return false;
  let item: Element = el;
  for (let up = 0; up < SLIDE_LEVELS && item !== a; up++) {
    const row = composedParent(item);
    if (!row || row.ownerDocument !== a.ownerDocument) return false;
    const itemBox = item === el ? rect : item.getBoundingClientRect();
    for (const next of [true, false]) {
      let n = 0;
      for (
        let sib = next ? item.nextElementSibling : item.previousElementSibling;
        sib && n < SLIDE_SIBLINGS;
        sib = next ? sib.nextElementSibling : sib.previousElementSibling, n++
      ) {
        if (alike(sib, item) && shownIn(sib.getBoundingClientRect(), r, itemBox)) return true;
      }
    }
    item = row;
  }
  return false;
}

/** Two items of one row made alike: the same tag and the same first class (a slide's state adds classes after it). */
function alike(x: Element, y: Element): boolean {
  return x.tagName === y.tagName && (x.classList[0] ?? '') === (y.classList[0] ?? '');
}

/** Most of box `b` lies inside `r`, level with `row` (an item's box in the same row). */
function shownIn(b: DOMRect, r: DOMRect, row: DOMRect): boolean {
  const w = Math.min(b.right, r.right) - Math.max(b.left, r.left);
  const h = Math.min(b.bottom, r.bottom) - Math.max(b.top, r.top);
  const level = Math.min(b.bottom, row.bottom) - Math.max(b.top, row.top) > 0.5 * Math.min(b.height, row.height);
  return b.width * b.height >= 1 && w > 0 && h > 0 && w * h >= 0.5 * b.width * b.height && level;
}

/** Whether something else is on top of an element's centre, and what (null when not covered, or not known). */
type Cover = { covered: boolean | null; by: Element | null };
const UNKNOWN_COVER: Cover = { covered: null, by: null };
const NOT_COVERED: Cover = { covered: false, by: null };

function coveredAtCentre(el: Element, rect: DOMRect): Cover {
  const view = el.ownerDocument.defaultView;
  if (!view) return UNKNOWN_COVER;
  const cx = rect.left + rect.width / 2;
  const cy = rect.top + rect.height / 2;
  if (cx < 0 || cy < 0 || cx >= view.innerWidth || cy >= view.innerHeight) return UNKNOWN_COVER;
  const root = el.getRootNode() as Document | ShadowRoot;
  const hit = root.elementFromPoint(cx, cy);
  if (!hit || hit.closest('[data-fair-exit]')) return UNKNOWN_COVER;
  if (hit === el || el.contains(hit) || composedContains(hit, el) || composedContains(el, hit)) return NOT_COVERED;
  // The label of a checkbox or a pointer-events:none child sit on top of their control legitimately.
  if (isTag(el, 'input') && Array.from(el.labels ?? []).some((l) => l.contains(hit))) return NOT_COVERED;
  return { covered: true, by: hit };
}
function composedContains(outer: Element, inner: Element): boolean {
  for (let n: Element | null = inner; n; n = composedParent(n)) if (n === outer) return true;
  return false;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
function roundBox(b: Box): Box {
  return { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) };
}

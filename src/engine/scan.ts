/**
 * page -> Snapshot: discover controls, name them, give each a role, measure them, find the text the
 * sentence rules need, and decide what kind of page this is. Reads the DOM and layout only.
 */
import { isTag } from './dom';
import type { Lexicon, RoleDecision } from '../rules/lexicon';
import { accessibleName } from './accessible-name';
import { discoverControls } from './discover';
import { Measurer } from './measure';
import { classifyPage, pageFacts } from './page-kind';
import { languageOf, nestedText, pageText } from './page-text';
import { salience } from './salience';
import { SelectorBuilder } from './selector';
import { composedParent, StyleCache } from './styles';
import { collectTextBlocks, indexControlsByAncestor, nearControls } from './text-blocks';
import type { MeasuredControl, Snapshot } from './types';

const DIALOG_SELECTOR = 'dialog[open], [role=dialog], [role=alertdialog], [aria-modal=true]';

export type ScanOptions = { lexicon: Lexicon };

export function snapshotPage(doc: Document, { lexicon }: ScanOptions): Snapshot {
  const view = doc.defaultView ?? window;
  const viewport = { width: view.innerWidth, height: view.innerHeight, scrollX: view.scrollX, scrollY: view.scrollY };
  let text = `${doc.title} | ${pageText(doc)}`;
  const language = languageOf(doc, text);
  const base = { url: doc.URL, title: doc.title, language, viewport: { width: viewport.width, height: viewport.height } };
  // Cheap pre-check: a page that never mentions plans is not measured at all.
  if (!lexicon.mentionsPlans(text)) text += ` ${nestedText(doc)}`;
  if (!lexicon.mentionsPlans(text)) {
    return { ...base, pageKind: 'other', subscriptionPage: false, pageSignals: { precheck: 0 }, controls: [], blocks: [] };
  }

  const styles = new StyleCache();
  const measurer = new Measurer(styles, viewport);
  const selectors = new SelectorBuilder();
  const screens = new ScreenFinder(styles, viewport);

  const controls: MeasuredControl[] = [];
  for (const found of discoverControls(doc, { styles, isPlanText: (t) => lexicon.isPlanLabel(t) })) {
    const name = accessibleName(found.element);
    const decision = renewalToggle(found.element, name, lexicon) ?? lexicon.classify(name);
    const shaming = lexicon.has('confirmshaming', name);
    if (decision.role === 'other' && decision.tags.length === 0 && !shaming) continue;
    const tags = shaming ? [...decision.tags, 'confirmshaming'] : decision.tags;
    const el = found.element;
    const measurement = measurer.measure(el);
    const sal = salience(measurement, viewport.height);
    const screen = screens.of(el);
    const exitSide = decision.role === 'downgrade' || decision.role === 'cancel';
    controls.push({
      id: `c${controls.length + 1}`,
      element: el,
      role: decision.role,
      text: name,
      matchedPhrase: decision.phrase ?? null,
      tags: screen === 'page' ? tags : [...tags, 'in-dialog'],
      selector: selectors.build(el, found.hosts),
      kind: controlKind(el),
      checked: checkedState(el),
      measurement,
      salience: sal.score,
      salienceRange: sal.range,
      visible: sal.score > 0,
      screen,
      section: exitSide ? sectionLabel(el) : null,
      near: [],
    });
  }

  const nearIndex = indexControlsByAncestor(controls);
  for (const c of controls) c.near = nearControls(c.element.parentElement, nearIndex, c.id);
  const stay = controls.filter((c) => c.role === 'upgrade' || c.role === 'retain');
  const exit = controls.filter((c) => c.role === 'downgrade' || c.role === 'cancel');
  const retentionDialog = controls.some((c) => c.screen !== 'page' && c.role === 'retain') &&
    controls.some((c) => c.screen !== 'page' && (c.role === 'cancel' || c.role === 'downgrade' || c.tags.includes('confirmshaming')));
  const page = classifyPage(
    {
      ...pageFacts(doc),
      text: text.slice(0, 20000),
      planControls: stay.length + exit.length,
      stayControls: stay.length,
      exitControls: exit.length,
      manageControls: controls.filter((c) => c.tags.includes('manage-subscription') || c.tags.includes('renewal-toggle')).length,
      retentionDialog,
    },
    lexicon,
  );
  const blocks = collectTextBlocks(doc, {
    lexicon,
    measurer,
    selectors,
    nearIndex,
    screenOf: (el) => screens.of(el),
    inDialog: (el) => screens.of(el) !== 'page',
    proseArticlePage: page.kind === 'article' || page.kind === 'help',
  });
  return { ...base, pageKind: page.kind, subscriptionPage: page.subscriptionPage, pageSignals: page.signals, controls, blocks };
}

/** A dialog (by role or markup) or a fixed overlay that covers a good part of the screen. */
class ScreenFinder {
  private readonly cache = new Map<Element, string>();
  private readonly selectors = new SelectorBuilder();
  constructor(
    private readonly styles: StyleCache,
    private readonly viewport: { width: number; height: number },
  ) {}
  of(el: Element): string {
    const dialog = el.closest(DIALOG_SELECTOR);
    if (dialog) return this.selectors.build(dialog, []);
    for (let a = composedParent(el); a && a.tagName !== 'BODY'; a = composedParent(a)) {
      const cached = this.cache.get(a);
      if (cached) return cached;
      if (this.styles.style(a).position === 'fixed') {
        const r = a.getBoundingClientRect();
        if (r.width * r.height >= 0.15 * this.viewport.width * this.viewport.height) {
          const key = this.selectors.build(a, []);
          this.cache.set(a, key);
          return key;
        }
      }
    }
    return 'page';
  }
}

/**
 * A checkbox or switch about automatic renewal is neither a way to pay more nor a way out by itself:
 * it is tagged, and preselected-renewal and missing-exit read the tag.
 */
function renewalToggle(el: Element, name: string, lexicon: Lexicon): RoleDecision | null {
  const toggle = (isTag(el, 'input') && el.type === 'checkbox') || ['switch', 'checkbox'].includes(el.getAttribute('role') ?? '');
  if (!toggle || !lexicon.has('renewal', name)) return null;
  const decision = lexicon.classify(name);
  // "关闭自动续费" / "Turn off auto-renew" as a switch label still names the way out.
  if (decision.role === 'cancel') return { ...decision, tags: [...decision.tags, 'renewal-toggle'] };
  return { role: 'other', tags: [...decision.tags, 'renewal-toggle'] };
}

function controlKind(el: Element): string {
  const role = el.getAttribute('role');
  if (role) return role;
  if (isTag(el, 'input')) return el.type;
  return el.tagName.toLowerCase();
}

function checkedState(el: Element): boolean | null {
  if (isTag(el, 'input') && (el.type === 'checkbox' || el.type === 'radio')) return el.checked;
  const aria = el.getAttribute('aria-checked') ?? el.getAttribute('aria-pressed');
  return aria === null ? null : aria === 'true';
}

/** The heading, summary, legend or labelled region that a control is filed under. */
function sectionLabel(el: Element): string | null {
  let child: Element = el;
  for (let a = composedParent(el), depth = 0; a && depth < 8; child = a, a = composedParent(a), depth++) {
    if (a.tagName === 'BODY') break;
    if (isTag(a, 'details')) {
      const s = a.querySelector(':scope > summary');
      if (s && !s.contains(el)) return clip(s.textContent);
    }
    const labelled = a.getAttribute('aria-label');
    if (labelled && /^(SECTION|NAV|ASIDE|FIELDSET|UL|DIV|MENU)$/.test(a.tagName) && a.getAttribute('role') !== 'dialog') return clip(labelled);
    for (let s = child.previousElementSibling; s; s = s.previousElementSibling) {
      if (/^(H[1-6]|LEGEND)$/.test(s.tagName) || s.getAttribute('role') === 'heading') return clip(s.textContent);
      const inner = s.querySelector?.('h1, h2, h3, h4, h5, h6, [role=heading]');
      if (inner && s.children.length <= 2) return clip(inner.textContent);
    }
  }
  return null;
}
function clip(s: string | null): string {
  return (s ?? '').replace(/\s+/g, ' ').trim().slice(0, 80);
}

/**
 * Text blocks that the sentence rules read: only those whose text matches one of their phrase lists,
 * each with its context (dialog, prose, the plan controls near it) and how visible it is.
 */
import type { Lexicon } from '../rules/lexicon';
import type { PhraseKey } from '../rules/word-list-schema';
import { CONTROL_SELECTOR } from './discover';
import type { Measurer } from './measure';
import type { SelectorBuilder } from './selector';
import type { MeasuredControl, TextBlock } from './types';

const BLOCK_TAGS = new Set([
  'P', 'LI', 'DIV', 'SECTION', 'ASIDE', 'HEADER', 'FOOTER', 'MAIN', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TD', 'TH',
  'DD', 'DT', 'LABEL', 'BLOCKQUOTE', 'FIGCAPTION', 'DIALOG', 'FORM', 'SMALL', 'ARTICLE', 'SPAN', 'STRONG', 'EM', 'B',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
/** The phrase lists sentence rules look for; a block matching none of them is never measured. */
export const BLOCK_TRIGGERS: PhraseKey[] = [
  'contactRequirement', 'restrictedWindow', 'delayedEffect', 'immediateEffect', 'lossFraming', 'renewal', 'urgency',
];
const PROSE_SELECTOR = 'blockquote, q, cite, [role=article] p';
const MAX_BLOCK_TEXT = 600;

export type BlockContext = {
  lexicon: Lexicon;
  measurer: Measurer;
  selectors: SelectorBuilder;
  nearIndex: Map<Element, string[]>;
  screenOf: (el: Element) => string;
  inDialog: (el: Element) => boolean;
  proseArticlePage: boolean;
};

export function collectTextBlocks(doc: Document, ctx: BlockContext): TextBlock[] {
  const body = doc.body;
  if (!body) return [];
  const owners = new Set<Element>();
  const walker = doc.createTreeWalker(body, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement && SKIP.has(n.parentElement.tagName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!(n.textContent ?? '').trim()) continue;
    let owner = n.parentElement;
    while (owner && !BLOCK_TAGS.has(owner.tagName) && owner.parentElement) owner = owner.parentElement;
    if (owner && !owner.closest(CONTROL_SELECTOR)) owners.add(owner);
  }
  const nearIndex = ctx.nearIndex;
  const matched = new Map<Element, { text: string; triggers: string }>();
  for (const el of owners) {
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_BLOCK_TEXT);
    const triggers = BLOCK_TRIGGERS.filter((k) => ctx.lexicon.has(k, text)).join(' ');
    if (triggers) matched.set(el, { text, triggers });
  }
  // A container whose text matches only because a smaller matched block inside it does adds nothing.
  for (const [el, m] of matched) {
    for (let a = el.parentElement; a; a = a.parentElement) {
      const outer = matched.get(a);
      if (outer && outer.triggers === m.triggers) matched.delete(a);
    }
  }
  const blocks: TextBlock[] = [];
  for (const [el, { text }] of matched) {
    const m = ctx.measurer.measure(el, el);
    const inDialog = ctx.inDialog(el);
    const article = el.closest('article');
    const proseArticle = !!article && article.querySelectorAll('p').length >= 3 && (article.textContent ?? '').length > 500;
    blocks.push({
      id: `t${blocks.length + 1}`,
      element: el,
      text,
      selector: ctx.selectors.build(el, []),
      fontSize: m.fontSize,
      contrast: m.contrast,
      visible: !(m.state.notRendered || m.state.transparent || m.state.clipped || m.state.offScreen),
      inDialog,
      screen: ctx.screenOf(el),
      prose: !inDialog && (!!el.closest(PROSE_SELECTOR) || proseArticle || ctx.proseArticlePage),
      nearControls: nearControls(el, nearIndex),
    });
  }
  return blocks;
}

const NEAR_LEVELS = 5;
export function indexControlsByAncestor(controls: MeasuredControl[]): Map<Element, string[]> {
  const index = new Map<Element, string[]>();
  for (const c of controls) {
    if (c.role === 'other' && !c.tags.includes('manage-subscription')) continue;
    let a = c.element.parentElement;
    for (let i = 0; a && i < NEAR_LEVELS + 3; i++, a = a.parentElement) {
      const list = index.get(a) ?? [];
      list.push(c.id);
      index.set(a, list);
    }
  }
  return index;
}
export function nearControls(el: Element | null, index: Map<Element, string[]>, exclude?: string): string[] {
  let a: Element | null = el;
  for (let i = 0; a && i <= NEAR_LEVELS; i++, a = a.parentElement) {
    const ids = index.get(a)?.filter((id) => id !== exclude);
    if (ids?.length) return ids;
    if (a.matches('dialog, [role=dialog], [role=alertdialog], body')) break;
  }
  return [];
}

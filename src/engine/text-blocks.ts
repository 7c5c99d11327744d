/**
 * Text blocks that the sentence rules read: only those whose text matches one of their phrase lists,
 * each with its context (dialog, prose, the plan controls near it) and how visible it is.
 */
import type { Lexicon, SqueezedLook } from '../rules/lexicon';
import { squeezeText } from '../rules/normalize';
import { foldWhitespace, hasNonSpace, type TextIndex } from './page-text';
import type { PhraseKey } from '../rules/word-list-schema';
import { controlsIn, type NestedRoot, type RootElements } from './discover';
import type { Measurer } from './measure';
import type { SelectorBuilder } from './selector';
import { awaited, runAtOnce, type Steps } from './scan-timing';
import type { MeasuredControl, TextBlock } from './types';

const BLOCK_TAGS = new Set([
  'P',
  'LI',
  'DIV',
  'SECTION',
  'ASIDE',
  'HEADER',
  'FOOTER',
  'MAIN',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'TD',
  'TH',
  'DD',
  'DT',
  'LABEL',
  'BLOCKQUOTE',
  'FIGCAPTION',
  'DIALOG',
  'FORM',
  'SMALL',
  'ARTICLE',
  'SPAN',
  'STRONG',
  'EM',
  'B',
  // A page's menu is a block of its own; the walk up stops at the body (the title is no page text).
  'NAV',
  'BODY',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
/** The phrase lists sentence rules look for; a block matching none of them is never measured. */
export const BLOCK_TRIGGERS = [
  'contactRequirement',
  'restrictedWindow',
  'delayedEffect',
  'immediateEffect',
  // "支付成功后立即生效" beside an upgrade button: read with the button's label (rules/checks/sentence.ts).
  'effectNow',
  // "办理成功后次月 1 日起生效" in a downgrade's card: read with the exit's label (rules/checks/sentence.ts).
  'effectLater',
  'lossFraming',
  'renewal',
  'urgency',
  // "Such requests are only accepted…": a paragraph that leans on the one before it (sentence.ts).
  'anaphor',
] as const satisfies readonly PhraseKey[];
export const TRIGGER_SETS = { triggers: BLOCK_TRIGGERS };
/** False when no trigger list can be in the text (SqueezedLook: it errs only towards true). */
export function mayTrigger(look: SqueezedLook<'triggers'>, text: string): boolean {
  look.restart();
  look.add(squeezeText(text));
  return look.mayFind('triggers');
}
const SKIPPED_TAGS = 'script, style, noscript, template';
/**
 * Whether an element holds a script, style, noscript or template (text that its textContent has and
 * containerText leaves out). The elements that do are found once per root and scan, up from the few
 * such elements, instead of a query below each block (on plan-10k, 250 rows' queries cost more than
 * reading the rows' text).
 */
function holdsSkipped(): (el: Element) => boolean {
  const holders = new Map<Node, Set<Element>>();
  return (el) => {
    const root = el.getRootNode() as Document | ShadowRoot;
    let inRoot = holders.get(root);
    if (!inRoot) {
      inRoot = new Set();
      // An ancestor already held has its own ancestors held too.
      for (const s of root.querySelectorAll(SKIPPED_TAGS)) for (let a = s.parentElement; a && !inRoot.has(a); a = a.parentElement) inRoot.add(a);
      holders.set(root, inRoot);
    }
    return inRoot.has(el);
  };
}
const PROSE_SELECTOR = 'blockquote, q, cite, [role=article] p';
const MAX_BLOCK_TEXT = 600;
/** What may be asked elsewhere about blocks' texts in one message (TriggerAsker): each text is cleaned (MAX_BLOCK_TEXT). */
export const TRIGGER_TEXT_MAX = MAX_BLOCK_TEXT;
export const TRIGGER_TEXTS_MAX = 20_000;
export const TRIGGER_CHARS_MAX = 1_000_000;

export type BlockContext = {
  lexicon: Lexicon;
  measurer: Measurer;
  selectors: SelectorBuilder;
  nearIndex: Map<Element, string[]>;
  /** The screen (the page, a dialog or an overlay) an element is on: not 'page' is in a dialog. */
  screenOf: (el: Element) => string;
  proseArticlePage: boolean;
  /** Open shadow roots and same-origin frames, whose text the document's walk does not reach. */
  nestedRoots?: NestedRoot[];
  /** The pre-check's walk of the document (its body), which serves instead of walking it again. */
  index?: TextIndex;
  /** Each root's elements that match CONTROL_SELECTOR, as discovery found them. */
  controlLists?: Map<Document | ShadowRoot, RootElements>;
  /** A lexicon elsewhere that the blocks' texts may be asked about (a page's first scan). */
  askTriggers?: TriggerAsker;
};

export function collectTextBlocks(doc: Document, ctx: BlockContext): TextBlock[] {
  return runAtOnce(collectTextBlocksSteps(doc, ctx));
}

/** Text nodes or blocks handled between two yields. */
const STEP = 256;
/** Texts cleaned and matched anew in one step (the others were matched by an earlier scan or block). */
const FRESH_STEP = 16;

export function* collectTextBlocksSteps(doc: Document, ctx: BlockContext): Steps<TextBlock[]> {
  const body = doc.body;
  if (!body) return [];
  // Each block, with where in the pre-check's walk it is its text's parent (-1: elsewhere), and the
  // hosts of its root: those of a nested root are noted apart (the document's are none).
  const owners = new Map<Element, number>();
  const bodyHosts: Element[] = [];
  const nestedHosts = new Map<Element, Element[]>();
  const hostsOf = (el: Element) => nestedHosts.get(el) ?? bodyHosts;
  // The block each element's text belongs to: itself when of a block tag, else that of its parent
  // (the top element when none is). Rows of a list share their blocks: each element is looked at once.
  const blockOf = new Map<Element, Element>();
  const blockAround = (start: Element, startTag: string): Element => {
    const visited: Element[] = [];
    let el = start;
    let tag: string | null = startTag;
    let block: Element;
    for (;;) {
      const known = blockOf.get(el);
      if (known) {
        block = known;
        break;
      }
      visited.push(el);
      const up = BLOCK_TAGS.has(tag ?? el.tagName) ? null : el.parentElement;
      if (!up) {
        block = el;
        break;
      }
      el = up;
      tag = null;
    }
    for (const v of visited) blockOf.set(v, block);
    return block;
  };
  // Whether a block is inside a control is asked only of the blocks whose text matches (a few), not of
  // every block: per root (known by its hosts), from that root's controls.
  const insideControlIn = new Map<Element[], (el: Element) => boolean>();
  let count = 0;
  for (const { root, hosts } of [
    { root: body as Node, hosts: bodyHosts },
    ...(ctx.nestedRoots ?? []).map((r) => ({ root: isFrame(r.root) ? r.root.body : r.root, hosts: r.hosts })),
  ]) {
    if (!root) continue;
    const controlRoot = root.getRootNode() as Document | ShadowRoot;
    let inside: ((el: Element) => boolean) | null = null;
    insideControlIn.set(hosts, (el) => (inside ??= insideControlOf(controlsIn(controlRoot, ctx.controlLists)))(el));
    yield;
    // The block a text belongs to: its parent, or the nearest ancestor of a block tag.
    // A text's parent of a block tag is its block (most are): asked of no map.
    let lastParent: Element | null = null;
    const take = (parent: Element | null, tag: string, at: number) => {
      // The texts of one element come one after another: the first decides.
      if (parent === lastParent) return;
      lastParent = parent;
      const own = BLOCK_TAGS.has(tag);
      const owner = parent && (own ? parent : blockAround(parent, tag));
      if (!owner || owners.has(owner)) return;
      owners.set(owner, own ? at : -1);
      if (hosts !== bodyHosts) nestedHosts.set(owner, hosts);
    };
    const index = ctx.index;
    if (root === body && index?.doc === doc) {
      // The pre-check's walk of the document, read to its end, instead of another.
      yield* index.readSteps();
      const takeSome = (from: number, to: number) => {
        for (let i = from; i < to; i++) take(index.parentAt(i), index.tagAt(i), i);
      };
      const count = index.count;
      for (let i = 0; i < count; i += STEP) {
        takeSome(i, Math.min(i + STEP, count));
        yield;
      }
      continue;
    }
    const walker = (root.ownerDocument ?? doc).createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (++count % STEP === 0) yield;
      const parent = n.parentNode;
      if (parent && parent.nodeType === 1 && SKIP.has((parent as Element).tagName)) continue;
      if (!hasNonSpace((n as Text).data)) continue;
      const owner = n.parentElement;
      take(owner, owner?.tagName ?? '', -1);
    }
  }
  const nearIndex = ctx.nearIndex;
  const matched = new Map<Element, { text: string; triggers: string }>();
  // Rows of a list repeat their texts ("Edit", "Active"): each distinct text is cleaned and matched
  // once, and kept for the next scans with the same word lists (a page scanned again mostly has the same texts).
  const known = blockTextsOf(ctx.lexicon);
  const index = ctx.index?.doc === doc ? ctx.index : null;
  const look = yield* ctx.lexicon.squeezedLookSteps(TRIGGER_SETS);
  const hasSkipped = holdsSkipped();
  // Texts read or matched anew in the current step: a page's first scan matches them cold (each
  // list's expressions made on first use), and 256 blocks of new texts were one step of 40-90 ms.
  let fresh = 0;
  /** The block's text to match, or undefined when no trigger list can be in it. */
  const readBlock = (el: Element, at: number): string | undefined => {
    // Discovery has read the text of most blocks (those of a generic tag with text of their own).
    if (at >= 0) {
      let content = index?.textAt(at);
      if (content === undefined) {
        content = el.textContent ?? '';
        index?.keepText(at, content);
      }
      return content;
    }
    // A block around other tags (a card with its buttons) is read node by node for its clause
    // breaks (containerText), the costliest read here: first its whole text, which the browser
    // gives at once, is looked at for the lists' fragments. containerText only adds breaks and
    // quotation marks (no fragment holds one) and leaves out script and style, whose text is
    // therefore kept out of the look too. Both are kept with the walk for its next reading.
    // Only the document's own blocks: the watcher may not have seen every change in a nested root.
    const keeper = nestedHosts.has(el) ? null : index;
    const kept = keeper?.blockAt(el);
    const raw = kept?.whole ?? el.textContent ?? '';
    if (known.quiet(raw, () => !mayTrigger(look, raw)) && !hasSkipped(el)) {
      if (!kept) keeper?.keepBlock(el, { whole: raw });
      return undefined;
    }
    let content = kept?.clauses;
    if (content === undefined) {
      content = containerText(el);
      keeper?.keepBlock(el, { whole: raw, clauses: content });
      fresh++;
    }
    return content;
  };
  const matchBlock = (el: Element, content: string): void => {
    let m = known.get(content);
    if (!m) {
      fresh++;
      const text = cleanBlockText(content);
      m = known.set(content, { text, triggers: ctx.lexicon.listsIn(BLOCK_TRIGGERS, text).join(' ') });
    }
    if (m.triggers) matched.set(el, m);
  };
  // Plain functions called a step at a time, not loops in the generator (as TextIndex.readSome).
  const els = [...owners.keys()];
  const ats = [...owners.values()];
  // With a lexicon elsewhere to ask (a page's first scan), every block is read before any is matched,
  // so that the texts new to this lexicon go in one message; matched in document order all the same.
  // Else (rescans) each block is matched as it is read.
  const ask = ctx.askTriggers;
  const contents: (string | undefined)[] = ask ? new Array<string | undefined>(els.length) : [];
  /** Reads (and, with nothing to ask, matches) blocks from `from` until `to` or FRESH_STEP texts new to this scan, and gives where it stopped. */
  const readSome = (from: number, to: number): number => {
    fresh = 0;
    let i = from;
    for (; i < to && fresh < FRESH_STEP; i++) {
      const content = readBlock(els[i], ats[i]);
      if (ask) contents[i] = content;
      else if (content !== undefined) matchBlock(els[i], content);
    }
    return i;
  };
  for (let i = 0; i < els.length;) {
    i = readSome(i, Math.min(i + STEP, els.length));
    yield;
  }
  if (ask) {
    yield* triggersElsewhere(ask, contents, known);
    /** Matches blocks from `from` until `to` or FRESH_STEP texts new to this scan, and gives where it stopped. */
    const matchSome = (from: number, to: number): number => {
      fresh = 0;
      let i = from;
      for (; i < to && fresh < FRESH_STEP; i++) {
        const content = contents[i];
        if (content !== undefined) matchBlock(els[i], content);
      }
      return i;
    };
    for (let i = 0; i < els.length;) {
      i = matchSome(i, Math.min(i + STEP, els.length));
      yield;
    }
  }
  for (const el of matched.keys()) if (insideControlIn.get(hostsOf(el))!(el)) matched.delete(el);
  // A <q> shows its quotation marks from CSS, not in its text: written out, a quoted message reads as quoted (quotation.ts).
  for (const [el, m] of matched) {
    if (el.getElementsByTagName('q').length) matched.set(el, { ...m, text: cleanBlockText(containerText(el)) });
  }
  // A container whose text matches only because a smaller matched block inside it does adds nothing.
  yield;
  for (const [el, m] of matched) {
    if (++count % STEP === 0) yield;
    for (let a = el.parentElement; a; a = a.parentElement) {
      const outer = matched.get(a);
      if (outer && outer.triggers === m.triggers) matched.delete(a);
    }
  }
  const blocks: TextBlock[] = [];
  const proseArticles = new Map<Element, boolean>();
  for (const [el, { text }] of matched) {
    yield;
    const m = ctx.measurer.measureText(el);
    const screen = ctx.screenOf(el);
    const inDialog = screen !== 'page';
    const article = el.closest('article');
    let proseArticle = false;
    if (article) {
      const known = proseArticles.get(article);
      proseArticle = known ?? (article.querySelectorAll('p').length >= 3 && (article.textContent ?? '').length > 500);
      proseArticles.set(article, proseArticle);
    }
    blocks.push({
      id: `t${blocks.length + 1}`,
      element: el,
      text,
      selector: ctx.selectors.build(el, hostsOf(el)),
      fontSize: m.fontSize,
      contrast: m.contrast,
      contrastBounds: m.contrastBounds,
      visible: m.visible,
      collapsed: m.collapsed,
      inDialog,
      screen,
      prose: !inDialog && (!!el.closest(PROSE_SELECTOR) || proseArticle || ctx.proseArticlePage),
      nearControls: nearControls(el, nearIndex),
    });
  }
  return blocks;
}

/** Tags that own a text but flow inside a line (BLOCK_TAGS holds them so their text has a block). */
const INLINE_OWNERS = new Set(['SPAN', 'STRONG', 'EM', 'B', 'SMALL', 'LABEL']);
/** Tags that start a line of their own: their text and the text around them are not one clause. */
const LINE_TAGS = new Set([...[...BLOCK_TAGS].filter((t) => !INLINE_OWNERS.has(t)), 'UL', 'OL', 'TABLE', 'TR', 'BR']);
/** Tags of controls whose labels, one right after another, are a row of items. */
const ITEM_TAGS = new Set(['BUTTON', 'A']);
/** A character that ends a clause. */
const ENDS_CLAUSE = /^[。.!?！？;；,，、:：·•]$/u;
/**
 * The text of a block that owns a link's or a button's text (the card around "立即升級 5G 吃到飽"), with a
 * clause break where a line of its own starts or ends: "線上申辦,次月帳單起生效" under the upgrade button and
 * "降轉較低資費方案無法於線上辦理" below it are two statements, not "…次月帳單起生效 降轉…". Read only as far as
 * a block's text is kept.
 */
export function containerText(el: Element): string {
  if (!el.firstElementChild) return el.textContent ?? '';
  let out = '';
  // The last character of `out` that is not a space ('' while it has none): reading it off `out`
  // would scan the text so far at each break.
  let last = '';
  let breakDue = false;
  // Buttons and links side by side ("Upgrade", "Cancel subscription") are items, not one clause: their
  // labels are kept apart even where the markup puts nothing between them.
  let controlEnded = false;
  const add = (data: string): void => {
    const end = data.trimEnd();
    if (end === '') {
      out += data;
      return;
    }
    if (breakDue && last !== '' && !ENDS_CLAUSE.test(last)) out = `${out.trimEnd()}, `;
    breakDue = false;
    controlEnded = false;
    out += data;
    last = end[end.length - 1];
  };
  const mark = (quote: string): void => {
    out += quote;
    last = quote;
  };
  const visit = (node: Node): void => {
    for (let c = node.firstChild; c && out.length < MAX_BLOCK_TEXT * 2; c = c.nextSibling) {
      if (c.nodeType === 3) add((c as Text).data);
      else if (c.nodeType === 1) {
        const tag = (c as Element).tagName;
        if (SKIP.has(tag)) continue;
        const line = LINE_TAGS.has(tag);
        const item = ITEM_TAGS.has(tag);
        if (line || (item && controlEnded)) breakDue = true;
        if (tag === 'Q') {
          mark('“');
          inside(c as Element);
          mark('”');
          continue;
        }
        inside(c as Element);
        if (line) breakDue = true;
        if (item) controlEnded = true;
      }
    }
  };
  // An element with no element inside adds its text at once (textContent): visiting made a wrapper for each of its text nodes.
  const inside = (e: Element): void => {
    if (e.firstElementChild) visit(e);
    else add(e.textContent ?? '');
  };
  visit(el);
  return out;
}

type BlockText = { text: string; triggers: string };
/**
 * Block texts cleaned and matched, by their raw content, per lexicon, across scans: what a text
 * gives depends on the text and the word lists alone. Bounded by the characters kept.
 */
class KnownBlockTexts {
  private readonly byContent = new Map<string, BlockText>();
  /** Whole texts (textContent) of blocks around other tags in which no trigger list can be. */
  private readonly quietTexts = new Map<string, boolean>();
  private chars = 0;
  get(content: string): BlockText | undefined {
    return this.byContent.get(content);
  }
  set(content: string, m: BlockText): BlockText {
    this.count(content);
    this.byContent.set(content, m);
    return m;
  }
  /** `ask()` for a whole text, kept: true when no trigger list can be in it. */
  quiet(text: string, ask: () => boolean): boolean {
    let q = this.quietTexts.get(text);
    if (q === undefined) {
      q = ask();
      this.count(text);
      this.quietTexts.set(text, q);
    }
    return q;
  }
  private count(text: string): void {
    if (this.chars + text.length > KNOWN_BLOCK_CHARS) {
      this.byContent.clear();
      this.quietTexts.clear();
      this.chars = 0;
    }
    this.chars += text.length;
  }
}
const KNOWN_BLOCK_CHARS = 2_000_000;
const knownBlockTexts = new WeakMap<Lexicon, KnownBlockTexts>();
function blockTextsOf(lexicon: Lexicon): KnownBlockTexts {
  let k = knownBlockTexts.get(lexicon);
  if (!k) knownBlockTexts.set(lexicon, (k = new KnownBlockTexts()));
  return k;
}

/** A block's text as it is matched and reported: its whitespace folded, at most MAX_BLOCK_TEXT characters. */
function cleanBlockText(content: string): string {
  return foldWhitespace(content).trim().slice(0, MAX_BLOCK_TEXT);
}

/**
 * For each text, the trigger lists it has (Lexicon.listsIn): what a lexicon elsewhere (the
 * background's, warm) answers for a page's first scan, whose own lexicon would compile, cold, the
 * expressions of every list a text's fragments call for (48 on the account page, of which 8 match).
 */
export type TriggerAsker = (texts: string[]) => Promise<string[][] | undefined>;

/** The answer as the lexicon gives it at once (the background's). */
export function answerTriggers(lexicon: Lexicon, texts: readonly string[]): string[][] {
  return texts.map((text) => lexicon.listsIn(BLOCK_TRIGGERS, text));
}

/** Asks elsewhere, in one message, about the blocks' texts this lexicon has not matched yet, and keeps the answers. */
function* triggersElsewhere(ask: TriggerAsker, contents: readonly (string | undefined)[], known: KnownBlockTexts): Steps<void> {
  const open = new Map<string, string>();
  for (const content of contents) if (content !== undefined && !open.has(content) && !known.get(content)) open.set(content, cleanBlockText(content));
  if (!open.size) return;
  const texts = [...open.values()];
  const answers = yield* awaited(ask(texts));
  if (answers?.length !== texts.length) return;
  let i = 0;
  for (const [content, text] of open) known.set(content, { text, triggers: answers[i++].join(' ') });
}

function isFrame(root: ShadowRoot | Document): root is Document {
  return root.nodeType === 9;
}

/**
 * `el.closest(CONTROL_SELECTOR) !== null` for the elements of one document or shadow root, with the
 * browser finding the controls in one query and the answer kept for every ancestor on the way up
 * (rows of a list share their ancestors).
 */
function insideControlOf(all: Element[]): (el: Element) => boolean {
  const controls = new Set(all);
  const known = new Map<Element, boolean>();
  return (el) => {
    const visited: Element[] = [];
    let inside = false;
    for (let a: Element | null = el; a; a = a.parentElement) {
      const k = known.get(a);
      if (k !== undefined) {
        inside = k;
        break;
      }
      if (controls.has(a)) {
        inside = true;
        break;
      }
      visited.push(a);
    }
    for (const v of visited) known.set(v, inside);
    return inside;
  };
}

const NEAR_LEVELS = 5;
/** The parent element, or at the top of a shadow tree its host: a card drawn into a shadow root is one container. */
function containerOf(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.parentNode;
  return root && root.nodeType === 11 && (root as ShadowRoot).host ? (root as ShadowRoot).host : null;
}
/** The plan controls by each of their containers a few levels up; in steps of STEP controls (2,500 on the bench's largest page). */
export function* indexControlsByAncestorSteps(controls: MeasuredControl[]): Steps<Map<Element, string[]>> {
  const index = new Map<Element, string[]>();
  let count = 0;
  for (const c of controls) {
    if (++count % STEP === 0) yield;
    if (c.role === 'other' && !c.tags.includes('manage-subscription')) continue;
    let a = containerOf(c.element);
    for (let i = 0; a && i < NEAR_LEVELS + 3; i++, a = containerOf(a)) {
      const list = index.get(a) ?? [];
      list.push(c.id);
      index.set(a, list);
    }
  }
  return index;
}
export function nearControls(el: Element | null, index: Map<Element, string[]>, exclude?: string): string[] {
  let a: Element | null = el;
  for (let i = 0; a && i <= NEAR_LEVELS; i++, a = containerOf(a)) {
    const ids = index.get(a)?.filter((id) => id !== exclude);
    if (ids?.length) return ids;
    if (a.matches('dialog, [role=dialog], [role=alertdialog], body')) break;
  }
  return [];
}

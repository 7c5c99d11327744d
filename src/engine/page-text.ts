/** The page's text without script or style, read from the DOM (no layout), capped for speed. */
import { isDocument, isTag, sameOriginDocument } from './dom';
import { runAtOnce, type Steps } from './scan-timing';
import { keepWrapper, prepareKeeping } from './kept-wrappers';
import { objectList } from './object-list';
import { phaseMark } from './phase-mark';
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
/** What /\s+/g replaces with one space, except a single space: text has thousands, and each replacement costs. */
const SPACE_RUNS = /\s{2,}|[^\S ]/g;
/** Whether a text has something SPACE_RUNS replaces. */
const NEEDS_FOLDING = /\s\s|[^\S ]/;

/** How much of the page's text languageOf reads. */
export const LANGUAGE_CHARS = 5000;

/** How much of the page's own text the pre-check reads. */
export const PAGE_TEXT = 100_000;

export function pageText(doc: Document, cap = 100_000): string {
  return runAtOnce(textSteps(doc.body ?? doc.documentElement, doc, cap));
}
export function pageTextSteps(doc: Document, cap = 100_000): Steps<string> {
  return textSteps(doc.body ?? doc.documentElement, doc, cap);
}

/** The page's own text, and the shadow hosts and frames met in the part of the page that was read. */
export type PageRead = { text: string; hosts: Element[]; index: TextIndex };

/** A block's whole text (textContent) and, once read node by node, its text with clause breaks (text-blocks.ts containerText). */
export type BlockRead = { whole: string; clauses?: string };

/**
 * pageText in the same walk as the shadow hosts and frames: a page is read up to `cap` characters,
 * and what lies further down (text, shadow roots, frames) is left unread alike. The walk is kept
 * (`index`): a page that is measured goes on reading from there instead of walking again.
 */
export function* pageReadSteps(doc: Document, cap = PAGE_TEXT, previous?: TextIndex): Steps<PageRead> {
  if (previous?.canReadAgain(doc)) return previous.readAgain(cap);
  const index = new TextIndex(doc);
  yield* index.readSteps(cap);
  const text = joinedAgain(index.texts);
  phaseMark('lists');
  return { text, hosts: index.hosts.slice(), index };
}

/** The nodes' texts of the last page read, and their join: a page read again unchanged is not joined again. */
let lastRead: { parts: string[]; text: string } | null = null;
function joinedAgain(parts: string[]): string {
  const last = lastRead;
  if (last && last.parts.length === parts.length) {
    let same = true;
    for (let i = 0; same && i < parts.length; i++) same = parts[i] === last.parts[i];
    if (same) return last.text;
  }
  const text = joinText(parts);
  lastRead = { parts: parts.slice(), text };
  return text;
}

/**
 * One walk of the document's body, kept: each text node with something to read (outside script
 * and style), and every shadow host and frame met in the part read. The pre-check reads the text;
 * control discovery and text blocks read each text's parent element and its tag (parentAt, tagAt).
 *
 * The text is read by a walk of text nodes alone, and the hosts by a walk of elements alone that
 * follows it as far as the text was read: every node a content script touches is a call into its
 * world, and one walk of both kinds that also asked each text its parent and that parent's tag took
 * 2.9-4.7 ms of news-10k's scan in the engine alone, the two walks 2.4-3.1 (docs/speed.md). The
 * parents are asked for only by a page that is measured.
 */
export class TextIndex {
  readonly texts: string[] = objectList();
  /** The text node of each of `texts`. */
  private readonly nodes: Text[] = objectList();
  /** Each text's parent and its tag, where parentAt has read them (undefined: not yet, for a text a change added). */
  private readonly parents: (Element | null | undefined)[] = objectList();
  private readonly tags: (string | undefined)[] = objectList();
  readonly hosts: Element[] = [];
  /** How many texts had been read when each of `hosts` was met. */
  private readonly hostsAt: number[] = [];
  private readonly walker: TreeWalker | null;
  /** The walk of elements that finds the hosts, behind or level with the text walk. */
  private readonly elements: TreeWalker | null;
  /** Hosts the walk of elements met beyond the last text read: they count once the text walk has passed them. */
  private ahead: Element[] = [];
  private elementsEnded = false;
  /** textsBefore of the last host met. */
  private lastHostAt = 0;
  /** The text nodes directly inside script, style, noscript and template: not the page's text. */
  private skipped: Set<Node> | null = null;
  /** The document's frames (live): while there are none, an element is not looked at as one. */
  private readonly frames: HTMLCollectionOf<HTMLIFrameElement>;
  private length = 0;
  private ended = false;
  /** `parentAt(i).textContent` where a step of the scan has read it (textAt). */
  private contents: (string | undefined)[] | null = null;

  /** The element walked: the body, or the root element of a document without one. */
  private readonly root: Element | null;

  constructor(readonly doc: Document) {
    prepareKeeping(doc);
    const body = doc.body ?? doc.documentElement;
    this.root = body;
    this.walker = body ? doc.createTreeWalker(body, NodeFilter.SHOW_TEXT) : null;
    this.elements = body ? doc.createTreeWalker(body, NodeFilter.SHOW_ELEMENT) : null;
    this.frames = doc.getElementsByTagName('iframe');
    if (body && hostOf(body)) {
      this.hosts.push(body);
      this.hostsAt.push(0);
    }
  }

  /** Whether readAgain may stand for a new walk of `doc`: this is a walk of it, read to its end. */
  canReadAgain(doc: Document): boolean {
    return this.ended && this.doc === doc;
  }

  /**
   * What a new walk read to `cap` gives, from this one, read to the end of a document whose structure
   * has not changed since and whose edited texts carryOver has read (the content script knows both
   * from its change observer): the texts up to the node that reaches `cap` and the hosts met before
   * it, as pageReadSteps gives them. The elements' texts that the last scan kept stay kept.
   */
  readAgain(cap: number): PageRead {
    let length = 0;
    let n = 0;
    while (n < this.texts.length && length < cap) length += this.texts[n++].length;
    // A walk stops as soon as its text reaches the cap: the hosts after that node are not met.
    const hosts = length < cap ? this.hosts.slice() : this.hosts.filter((_, i) => this.hostsAt[i] < n);
    return { text: joinedAgain(n === this.texts.length ? this.texts : this.texts.slice(0, n)), hosts, index: this };
  }

  /**
   * Brings this walk, read to the end, up to date with the changes made since it was read (the
   * content script's change watcher lists them): the texts of the subtrees added (a node moved is one),
   * the texts removed taken out, each edited node's new text; and the texts of elements kept by the last
   * scan (keepText, keepBlock) dropped for the elements a change is inside. Attributes change no text:
   * after changes of attributes alone everything kept holds. False when the page must be walked anew:
   * the walk was not read to its end, the body was replaced, the nodes added are too many or too large
   * to take in in one task (a new walk reads in steps), or an edit changes which nodes the walk holds (a
   * text now blank, a new one not blank).
   */
  carryOver(changes: WalkChanges): boolean {
    const root = this.root;
    if (!this.ended || !root || root !== (this.doc.body ?? this.doc.documentElement)) return false;
    const touched = new Set<Node>();
    const mark = (node: Node) => {
      for (let n: Node | null = node; n && !touched.has(n); n = n.parentNode) touched.add(n);
    };
    for (const t of changes.targets ?? []) mark(t);
    // Comments are in no text read.
    for (const node of changes.edited) if (node.nodeType === 3) mark(node);
    const added = changes.added ?? [];
    const removed = changes.removed ?? [];
    if ((added.length || removed.length) && !this.restructure(root, added, removed.length > 0)) return false;
    if (!this.takeEdits(root, changes.edited)) return false;
    if (touched.size === 0) return true;
    const contents = this.contents;
    if (contents) for (let i = 0; i < contents.length; i++) if (contents[i] !== undefined && touched.has(this.parents[i] as Node)) contents[i] = undefined;
    for (const el of touched) this.blocks?.delete(el as Element);
    return true;
  }

  /** Each edited text node's new text; false when an edit changes which nodes the walk holds. */
  private takeEdits(root: Node, edited: readonly CharacterData[]): boolean {
    let at: Map<Node, number> | null = null;
    for (const node of edited) {
      if (node.nodeType !== 3) continue;
      const i = edited.length > 8 ? ((at ??= new Map(this.nodes.map((t, k) => [t, k]))).get(node) ?? -1) : this.nodes.indexOf(node as Text);
      const data = node.data;
      if (i < 0) {
        // Not read by the walk: blank, in script or style, outside the body (the title) or in a shadow root, and still so.
        if (!hasNonSpace(data) || !root.contains(node) || isSkipped(node)) continue;
        return false;
      }
      if (!hasNonSpace(data)) return false;
      this.length += data.length - this.texts[i].length;
      this.texts[i] = data;
    }
    return true;
  }

  /**
   * Takes in nodes added and removed: the texts under each subtree added (outermost only) are read
   * and put in their place in document order (their parents are read when asked for); the texts no
   * longer in the page, or in a subtree added (read again from there), are taken out; the hosts
   * likewise, and where each is among the texts worked out again. False, with nothing changed, when
   * more than MAX_CARRIED_SUBTREES nodes were added or the subtrees added hold more than
   * MAX_CARRIED_NODES nodes.
   */
  private restructure(root: Node, added: readonly Node[], anyRemoved: boolean): boolean {
    // Each subtree is sorted into place and spliced into five lists, in one task: hundreds scattered over a page cost more than a new walk.
    if (added.length > MAX_CARRIED_SUBTREES) return false;
    const connected = outermostInOrder(added.filter((n) => n.isConnected));
    // Every node under a subtree added, wherever it went (its texts read again from there if in the body).
    const under = new Set<Node>();
    const groups: { at: Node; read: SubtreeRead }[] = [];
    for (const r of connected) {
      // Read in one task, unlike a new walk: past a few thousand nodes the page is walked anew, in steps.
      const read = readSubtree(r, this.doc, under, MAX_CARRIED_NODES - under.size);
      if (!read) return false;
      if (r !== root && root.contains(r)) groups.push({ at: r, read });
    }
    // A text removed is out of the page; so is one moved out of a subtree after it was removed (no
    // observer sees that). Most subtrees added are new: none of their texts is in the walk.
    const nodes = this.nodes;
    if (anyRemoved || under.size > 256 || [...under].some((n) => n.nodeType === 3 && nodes.indexOf(n as Text) >= 0)) this.dropTexts(under, anyRemoved);
    // The last subtree first: the places of those before it do not move.
    for (let g = groups.length - 1; g >= 0; g--) {
      const { at, read } = groups[g];
      let lo = 0;
      let hi = nodes.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (followsIn(at, nodes[mid])) hi = mid;
        else lo = mid + 1;
      }
      const unknown = new Array<undefined>(read.nodes.length);
      insertAll(this.texts, lo, read.texts);
      insertAll(nodes, lo, read.nodes);
      insertAll(this.parents, lo, unknown);
      insertAll(this.tags, lo, unknown);
      if (this.contents) insertAll(this.contents, lo, unknown);
    }
    this.length = 0;
    for (const t of this.texts) this.length += t.length;
    // Blocks kept: none out of the page, none under a subtree added (no observer sees a change made
    // inside a subtree while it is out of the page), none held once their elements have gone.
    if (this.blocks) for (const el of [...this.blocks.keys()]) if (!el.isConnected || under.has(el)) this.blocks.delete(el);
    // Hosts: those that stay (in the page, not under a subtree added), and those under the subtrees added.
    const hosts = this.hosts.filter((h) => h.isConnected && root.contains(h) && !under.has(h));
    for (const { read } of groups) hosts.push(...read.hosts);
    if (groups.some((g) => g.read.hosts.length)) hosts.sort((a, b) => (a === b ? 0 : followsIn(a, b) ? -1 : 1));
    replace(this.hosts, hosts);
    this.lastHostAt = 0;
    replace(
      this.hostsAt,
      hosts.map((h) => this.textsBefore(h)),
    );
    return true;
  }

  /** Takes the texts of `nodes` (and, when `connected` is set, those no longer in the page) out of the walk, with their parents and kept texts. */
  private dropTexts(nodes: ReadonlySet<Node>, connected: boolean): void {
    const { texts, parents, tags, contents } = this;
    const all = this.nodes;
    const n = all.length;
    let w = 0;
    for (let i = 0; i < n; i++) {
      const node = all[i];
      if (nodes.has(node) || (connected && !node.isConnected)) continue;
      if (w !== i) {
        texts[w] = texts[i];
        all[w] = node;
        parents[w] = parents[i];
        tags[w] = tags[i];
        if (contents) contents[w] = contents[i];
      }
      w++;
    }
    texts.length = w;
    all.length = w;
    // The parents and tags read so far (holes are read when asked for).
    parents.length = Math.min(parents.length, w);
    tags.length = Math.min(tags.length, w);
    if (contents) contents.length = w;
  }

  /** How many texts have been read. */
  get count(): number {
    return this.texts.length;
  }
  /**
   * The element whose text `texts[i]` is, asked of the page the first time (null: the node has left
   * it since it was read, which a scan that yields may meet; the change makes the content script
   * scan again).
   */
  parentAt(i: number): Element | null {
    const { parents, tags, nodes } = this;
    if (i < parents.length) {
      const known = parents[i];
      if (known !== undefined) return known;
      // A text a change added (carryOver): read now.
      const parent = nodes[i].parentNode as Element | null;
      parents[i] = parent;
      tags[i] = parent?.tagName ?? '';
      return parent;
    }
    // Asked in order by both readers: read up to i.
    for (let k = parents.length; k <= i; k++) {
      const parent = nodes[k].parentNode as Element | null;
      parents.push(parent);
      tags.push(parent?.tagName ?? '');
    }
    return parents[i] as Element | null;
  }
  /** The tag of parentAt(i). */
  tagAt(i: number): string {
    this.parentAt(i);
    return this.tags[i]!;
  }

  /**
   * The text of the element parentAt(i), kept by the step that read it (discovery reads that of
   * each element of a generic tag with text of its own) for a later one (text blocks read that of
   * each block, most of them the same elements): each is read from the page once per scan, and not
   * at all by a scan that reads this walk again, unless an edit inside the element dropped it (carryOver).
   * Kept once the walk has been read to its end (readSteps with no cap, as its readers do first).
   */
  keepText(i: number, text: string): void {
    const contents = this.contents;
    if (contents) contents[i] = text;
  }
  textAt(i: number): string | undefined {
    return this.contents?.[i];
  }

  /**
   * What text blocks read of a block around other tags (its whole text, and its clauses when it read
   * them node by node), kept for the next scan that reads this walk again, as keepText's texts are.
   */
  keepBlock(el: Element, read: BlockRead): void {
    (this.blocks ??= new Map()).set(el, read);
  }
  blockAt(el: Element): BlockRead | undefined {
    return this.blocks?.get(el);
  }
  private blocks: Map<Element, BlockRead> | null = null;

  /** The walk has read the whole document. */
  get complete(): boolean {
    return this.ended;
  }

  /**
   * What pageText(doc, cap) gives, from what the walk has read (the same nodes, the same cap: up to
   * the node that reaches `cap`); null when the walk has not read that far.
   */
  textUpTo(cap: number): string | null {
    let length = 0;
    let i = 0;
    while (i < this.texts.length && length < cap) length += this.texts[i++].length;
    return length < cap && !this.ended ? null : joinText(this.texts.slice(0, i));
  }

  /** Reads on until `cap` characters of text have been read, or to the end of the document, and the hosts met so far. */
  *readSteps(cap = NO_CAP): Steps<void> {
    // The nodes the pre-check reads (up to PAGE_TEXT characters), which every scan of the page reads
    // again, keep their wrappers (kept-wrappers.ts); not those a measured page reads on.
    const keep = cap <= PAGE_TEXT;
    // Found once, at the walk's start: a script the page adds while the scan yields has its text read, which can only make the page measured.
    const skipped = (this.skipped ??= skippedTexts(this.doc));
    if (keep) phaseMark('texts');
    while (!this.ended && this.length < cap) {
      this.ended = this.readSome(cap, keep, skipped);
      if (!this.ended && this.length < cap) yield;
    }
    if (keep) phaseMark('hosts');
    while (!this.hostsSome(keep)) yield;
    if (keep) phaseMark('join');
    // Made here, not at the first keepText: that runs inside discovery's loop, which the engine optimised
    // during a page's first scan before the allocation had run once on record, and threw away at the next.
    if (cap === NO_CAP && this.ended) this.contents ??= new Array<string | undefined>(this.texts.length);
  }

  /**
   * Up to STEP nodes of the walk; true when it has ended. A plain function, not the generator: the
   * engine optimises a loop of its own better than one inside a generator (measured: half the time on
   * a long page). What happens once per walk (its start, its end) is left to the caller: the engine
   * optimises this loop during a page's first scan, before it has run those once, and optimised code
   * that meets a step it has no record of is thrown away (V8's --trace-deopt: "Insufficient type
   * feedback", at the next scan's first or last step).
   */
  private readSome(cap: number, keep: boolean, skipped: Set<Node>): boolean {
    const walker = this.walker;
    if (!walker) return true;
    const { texts, nodes } = this;
    let length = this.length;
    let ended = false;
    for (let count = 0; count < STEP && length < cap; count++) {
      const n = walker.nextNode() as Text | null;
      if (!n) {
        ended = true;
        break;
      }
      if (keep) keepWrapper(n);
      const t = n.data;
      if (!hasNonSpace(t) || (skipped.size !== 0 && skipped.has(n))) continue;
      texts.push(t);
      nodes.push(n);
      length += t.length;
    }
    this.length = length;
    return ended;
  }

  /**
   * Up to STEP elements of the walk of elements, as far as the text has been read: the hosts and
   * frames before the last text read (all of them once the text walk has ended). True when done.
   */
  private hostsSome(keep: boolean): boolean {
    const last = this.ended ? null : this.nodes[this.nodes.length - 1];
    // Nothing read yet: no host comes before it.
    if (last === undefined) return true;
    // Hosts met beyond the last text read at an earlier step, which the text walk may have passed since.
    if (this.ahead.length) {
      const ahead = this.ahead;
      this.ahead = [];
      for (const host of ahead) this.meet(host, last);
    }
    const walker = this.elements;
    if (!walker || this.elementsEnded) return true;
    const framesIn = this.frames.length !== 0;
    let ended = false;
    for (let count = 0; count < STEP; count++) {
      const n = walker.nextNode() as Element | null;
      if (!n) {
        ended = true;
        break;
      }
      if (keep) keepWrapper(n);
      // hostOf(), without asking every element its name on a page without frames.
      if (n.shadowRoot || (framesIn && n.localName === 'iframe')) this.meet(n, last);
    }
    // Stored at every step, so that no store runs at the walk's end alone (see readSome).
    this.elementsEnded = ended;
    // Past the last text read: the rest waits until the text walk goes on.
    return ended || (last !== null && followsIn(last, walker.currentNode));
  }

  /** A host the walk of elements met: counted if it comes before `last` (null: the text walk ended), kept for later if not. */
  private meet(host: Element, last: Text | null): void {
    if (last !== null && !followsIn(host, last)) {
      this.ahead.push(host);
      return;
    }
    this.hosts.push(host);
    this.hostsAt.push(this.textsBefore(host));
  }

  /**
   * How many of the texts read come before `host` in the document (its own texts come after it).
   * Hosts come in document order: the search starts where the last one's ended and widens its steps,
   * so a page of thousands of hosts asks the page a few times per host, not once per text.
   */
  private textsBefore(host: Element): number {
    const nodes = this.nodes;
    let lo = this.lastHostAt;
    let hi = lo;
    for (let step = 1; hi < nodes.length && !followsIn(host, nodes[hi]); step *= 2) {
      lo = hi + 1;
      hi = lo + step;
    }
    hi = Math.min(hi, nodes.length);
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (followsIn(host, nodes[mid])) hi = mid;
      else lo = mid + 1;
    }
    this.lastHostAt = lo;
    return lo;
  }
}

/** Whether `b` comes after `a` in the document (a descendant comes after its ancestor). */
function followsIn(a: Node, b: Node): boolean {
  return (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
}

/** Changes the content script's watcher lists (src/content/watch.ts), for TextIndex.carryOver. */
export type WalkChanges = {
  /** Nodes whose text was edited. */
  edited: readonly CharacterData[];
  /** Nodes added and removed (a node moved is both). */
  added?: readonly Node[];
  removed?: readonly Node[];
  /** The nodes whose children were added or removed. */
  targets?: readonly Node[];
};

/** Fills `into` with `from`'s items (a loop: spreading a long array into push overflows the stack). */
function replace<T>(into: T[], from: readonly T[]): void {
  into.length = 0;
  for (const x of from) into.push(x);
}

/** A text directly inside script, style, noscript or template: not the page's text. */
function isSkipped(t: Node): boolean {
  const parent = t.parentNode;
  return !!parent && parent.nodeType === 1 && SKIP.has((parent as Element).tagName);
}

type SubtreeRead = { texts: string[]; nodes: Text[]; hosts: Element[] };

/** Nodes under the subtrees added that a walk carried over reads (TextIndex.carryOver), at most. */
const MAX_CARRIED_NODES = 4096;
/**
 * Nodes added that a walk carried over takes in, at most: texts added to 500 places over plan-10k took
 * 12-20 ms, to 1,900 places 42-53 ms (a new walk 8-20); to 64 places 2-8 ms.
 */
const MAX_CARRIED_SUBTREES = 64;

/**
 * What a walk of the subtree `r` reads: its texts with their nodes, and its hosts. Every node at or
 * under `r` (read or not) is added to `all`; null once more than `most` have been.
 */
function readSubtree(r: Node, doc: Document, all: Set<Node>, most: number): SubtreeRead | null {
  const out: SubtreeRead = { texts: [], nodes: [], hosts: [] };
  const from = all.size;
  const take = (n: Text, skipped: boolean) => {
    all.add(n);
    if (skipped || !hasNonSpace(n.data)) return;
    out.texts.push(n.data);
    out.nodes.push(n);
  };
  if (r.nodeType === 3) take(r as Text, isSkipped(r));
  if (r.nodeType !== 1) return out;
  const el = r as Element;
  all.add(el);
  // As the walk of the page: the text directly inside script, style, noscript and template (found by the browser) is not read.
  const skipped = new Set<Node>();
  for (const s of SKIP.has(el.tagName) ? [el, ...skippedElementsIn(el)] : skippedElementsIn(el))
    for (let c = s.firstChild; c; c = c.nextSibling) if (c.nodeType === 3) skipped.add(c);
  const texts = doc.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = texts.nextNode() as Text | null; n; n = texts.nextNode() as Text | null) {
    take(n, skipped.has(n));
    if (all.size - from > most) return null;
  }
  if (hostOf(el)) out.hosts.push(el);
  const elements = doc.createTreeWalker(el, NodeFilter.SHOW_ELEMENT);
  for (let n = elements.nextNode() as Element | null; n; n = elements.nextNode() as Element | null) {
    all.add(n);
    if (hostOf(n)) out.hosts.push(n);
    if (all.size - from > most) return null;
  }
  return out;
}

/** Puts `items` into `into` at `at` (splice, without spreading a long list into its arguments). */
function insertAll<T>(into: T[], at: number, items: readonly T[]): void {
  if (items.length === 0) return;
  if (items.length <= 8192) {
    into.splice(at, 0, ...items);
    return;
  }
  const tail = into.splice(at);
  for (const x of items) into.push(x);
  for (const x of tail) into.push(x);
}

/** The nodes, each once, in document order, without those inside another of them. */
function outermostInOrder(nodes: readonly Node[]): Node[] {
  const sorted = [...new Set(nodes)].sort((a, b) => (followsIn(a, b) ? -1 : 1));
  const out: Node[] = [];
  for (const n of sorted) if (!out.length || !out[out.length - 1].contains(n)) out.push(n);
  return out;
}

/** The text nodes that the walks leave out: those directly inside script, style, noscript and template elements. */
function skippedTexts(doc: Document): Set<Node> {
  const out = new Set<Node>();
  for (const el of skippedElementsIn(doc)) for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === Node.TEXT_NODE) out.add(c);
  return out;
}

/**
 * The script, style, noscript and template elements under `root`, whose own text is not the page's:
 * the few there are, found by the browser (a tag asked of every element costs a call each).
 */
export function skippedElementsIn(root: Document | Element): Element[] {
  const out: Element[] = [];
  // As a check of a parent's tagName: an svg <style> is not one of them.
  for (const tag of SKIP_NAMES) for (const el of root.getElementsByTagName(tag)) if (SKIP.has(el.tagName)) out.push(el);
  return out;
}
const SKIP_NAMES = [...SKIP].map((tag) => tag.toLowerCase());

/**
 * /\S/.test(t), without the regular expression for the usual texts: those that start with a printable
 * ASCII character and the spaces between elements ("\n    "), passed over a character at a time.
 */
export function hasNonSpace(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c > 32 && c < 127) return true;
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13 && c !== 12) return /\S/.test(t.slice(i));
  }
  return false;
}

/** Text inside open shadow roots and same-origin frames, which the document's own text misses. */
export function nestedText(root: Document | ShadowRoot, cap = 50_000): string {
  const doc = isDocument(root) ? root : root.ownerDocument;
  const start = isDocument(root) ? root.documentElement : root;
  if (!start) return '';
  const hosts: Element[] = [];
  const walker = doc.createTreeWalker(start, NodeFilter.SHOW_ELEMENT);
  for (let n = walker.nextNode() as Element | null; n; n = walker.nextNode() as Element | null) if (hostOf(n)) hosts.push(n);
  return nestedTextOf(hosts, cap);
}

/** The text inside these shadow hosts and frames (and inside what they nest in turn). */
export function nestedTextOf(hosts: Element[], cap = 50_000): string {
  const parts: string[] = [];
  for (const n of hosts) {
    const shadow = (n as HTMLElement).shadowRoot;
    if (shadow) parts.push(textOf(shadow, n.ownerDocument, cap), nestedText(shadow, cap));
    if (isTag(n, 'iframe')) {
      const inner = sameOriginDocument(n);
      if (inner?.documentElement) parts.push(pageText(inner, cap), nestedText(inner, cap));
    }
  }
  return parts.join(' ');
}

function hostOf(n: Element): boolean {
  return !!(n as HTMLElement).shadowRoot || n.localName === 'iframe';
}

function textOf(body: Node | null, doc: Document, cap: number): string {
  return runAtOnce(textSteps(body, doc, cap));
}

/** Text nodes read between two yields. */
const STEP = 1024;
/**
 * No cap: a small integer, not Infinity. readSome compares it with the length read in its loop, and
 * the engine's optimised code for a loop that met one kind of number is thrown away when it meets
 * the other (the pre-check reads to 100,000, text blocks to the end): four times per scan of
 * plan-10k, for its first four scans (V8's --trace-deopt, 'not a Smi').
 */
const NO_CAP = 0x3fffffff;

/** `hosts`: when given, the walk also collects the shadow hosts and frames it passes. */
function* textSteps(body: Node | null, doc: Document, cap: number, hosts?: Element[]): Steps<string> {
  if (!body) return '';
  const parts: string[] = [];
  let length = 0;
  // No filter callback: calling into script for every node costs more than the check below.
  const walker = doc.createTreeWalker(body, hosts ? NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT : NodeFilter.SHOW_TEXT);
  let count = 0;
  for (let n = walker.nextNode(); n && length < cap; n = walker.nextNode()) {
    if (++count % STEP === 0) yield;
    if (n.nodeType === 1) {
      if (hostOf(n as Element)) hosts!.push(n as Element);
      continue;
    }
    const parent = n.parentNode;
    if (parent && parent.nodeType === 1 && SKIP.has((parent as Element).tagName)) continue;
    const t = (n as Text).data;
    if (hasNonSpace(t)) {
      parts.push(t);
      length += t.length;
    }
  }
  return joinText(parts);
}

/**
 * Text nodes are joined by newlines so sentence-level patterns never span two blocks; each node's
 * runs of whitespace are folded to one space. Most nodes have none to fold: one test each decides,
 * and only those that have are replaced (cheaper than folding the whole text and putting the joints back).
 */
export function joinText(parts: string[]): string {
  const out = new Array<string>(parts.length);
  for (let i = 0; i < parts.length; i++) out[i] = foldWhitespace(parts[i]);
  return out.join('\n');
}

/** `t.replace(/\s+/g, ' ')`, without making a new string of a text that has nothing to fold (most labels). */
export function foldWhitespace(t: string): string {
  return NEEDS_FOLDING.test(t) ? t.replace(SPACE_RUNS, ' ') : t;
}

/** The range of CJK ideographs languageOf counts. */
const CJK = /[\u3400-\u9fff]/;

/** 'zh' when CJK characters make up a real share of the letters. */
export function languageOf(doc: Document, text: string): 'zh' | 'en' {
  // Without a CJK character it is 'en' whatever the count of Latin words: the expression finds that
  // out in native code, where the loop below ran cold in a page's first scans (1 ms of a rescan).
  if (!CJK.test(text.length > LANGUAGE_CHARS ? text.slice(0, LANGUAGE_CHARS) : text)) return 'en';
  // Counted in one pass over the first 5,000 characters (before: an array of every Latin word made to count them).
  let cjk = 0;
  let latin = 0;
  let inWord = false;
  for (let i = 0, n = Math.min(text.length, LANGUAGE_CHARS); i < n; i++) {
    const c = text.charCodeAt(i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (letter && !inWord) latin++;
    inWord = letter;
    if (c >= 0x3400 && c <= 0x9fff) cjk++;
  }
  if (cjk > 0 && cjk >= latin * 0.5) return 'zh';
  const lang = doc.documentElement.lang.toLowerCase();
  return lang.startsWith('zh') && cjk > 0 ? 'zh' : 'en';
}

/**
 * Compiles the word lists of rules/words/ into matchers. All languages are merged: a page may mix
 * them, and a phrase of one language never matches text of another by accident.
 */
import type { WordList, PhraseKey } from './word-list-schema';
import { PHRASE_KEYS } from './word-list-schema';
import { keyOffsets, LiteralScan, requiredFragments, type Fragment } from './prefilter';
import type { Presence } from './presence';
import { decodePart, encodePart, phrasesHash, type CompiledWords, type ShippedGate, type ShippedLook, type ShippedWords } from './compiled-words';
import { hasAnchor, relaxAnchors } from './label-anchors';
import { compact, normalizeText, squeezeText } from './normalize';

export { normalizeText, squeezeText };

export type PlanRole = 'upgrade' | 'retain' | 'downgrade' | 'cancel';
const PLAN_ROLES: PlanRole[] = ['upgrade', 'retain', 'downgrade', 'cancel'];
export type RoleDecision = { role: PlanRole | 'other'; phrase?: string; tags: string[] };
export type PhraseMatch = { phrase: string; text: string; index: number };

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
const WORD = /^[a-z0-9].*[a-z0-9]$|^[a-z0-9]$/;

/**
 * A piece of a list's alternation: its source, the fragments one of which its every match holds
 * (null: unknown), and its place among the list's alternatives (`rank`; for a piece of many plain
 * phrases, `ranks[i]` is the place of the phrase of fragments[i]). `loose`, for a pattern with a
 * fragment at the start of the text: its fragments were the text to start anywhere (where a text's
 * starts are not known: the pre-check's first look; see Lexicon.mentionsAnyAsLabel).
 */
export type PartSpec = { source: string; fragments: Fragment[] | null; rank: number; ranks?: number[]; loose?: Fragment[] | null };

/**
 * A list's alternation cut in pieces: the Latin phrases that start and end with a letter or digit
 * behind one pair of word-boundary guards (much cheaper to compile and run than a guard per phrase),
 * the other plain phrases, and each `re:` pattern alone. The alternatives keep their places in the
 * alternation the pieces are cut from: the Latin phrases first, then the others in the list's order.
 */
function listParts(phrases: string[]): PartSpec[] {
  const words: string[] = [];
  const literals: { source: string; fragment: Fragment; rank: number }[] = [];
  const patterns: PartSpec[] = [];
  let rank = 0;
  for (const phrase of phrases) {
    if (phrase.startsWith('re:')) {
      const fragments = requiredFragments(phrase.slice(3));
      const spec: PartSpec = { source: lookaheadFirst(phrase.slice(3)), fragments, rank: rank++ };
      if (fragments?.some((f) => f.atStart)) spec.loose = requiredFragments(phrase.slice(3), false);
      patterns.push(spec);
    }
    // "^订阅": a generic word that names a role only at the start of a label (not in "帐户与订阅").
    else if (phrase.startsWith('^')) {
      const text = normalizeText(phrase.slice(1));
      literals.push({ source: `^${escapeRegExp(text)}`, fragment: { text, atStart: true }, rank: rank++ });
    } else {
      const text = normalizeText(phrase);
      if (!CJK.test(text) && WORD.test(text)) words.push(text);
      else literals.push({ source: escapeRegExp(text), fragment: { text, atStart: false }, rank: rank++ });
    }
  }
  const parts: PartSpec[] = [];
  if (words.length) parts.push({ source: `(?<![a-z0-9])(?:${words.map(escapeRegExp).join('|')})(?![a-z0-9])`, fragments: words.map((text) => ({ text, atStart: false })), rank: -1 });
  if (literals.length) {
    const spec: PartSpec = { source: literals.map((l) => l.source).join('|'), fragments: literals.map((l) => l.fragment), rank: literals[0].rank, ranks: literals.map((l) => l.rank) };
    if (literals.some((l) => l.fragment.atStart)) spec.loose = literals.map((l) => ({ text: l.fragment.text, atStart: false }));
    parts.push(spec);
  }
  return [...parts, ...patterns];
}

/**
 * A pattern that starts with a lookbehind of variable length, `(?<!\bunsaved\b.{0,40})\b(will|…)`,
 * makes the engine look back up to that far at every position of the text: 10-30 ms over a page's
 * 100,000 characters. `(?=REST)LOOKBEHIND REST` matches exactly the same (all three are tried at
 * the same position; the lookahead consumes nothing), but looks back only where the rest can match.
 * Left as it is when the rest names or refers back to groups (repeating it would change them).
 */
function lookaheadFirst(pattern: string): string {
  let rest = pattern;
  let slow = false;
  while (rest.startsWith('(?<!') || rest.startsWith('(?<=')) {
    const end = groupEnd(rest);
    if (end < 0) return pattern;
    // Measured: a look back of up to 12 characters costs nothing, one of 15 to 40 costs milliseconds in a list.
    const body = rest.slice(4, end);
    if (/[*+]/.test(body) || [...body.matchAll(/\{\d*,(\d+)\}/g)].some((m) => Number(m[1]) >= 15)) slow = true;
    rest = rest.slice(end + 1);
  }
  if (!slow || !rest || /\\[1-9k]|\(\?<[A-Za-z]/.test(rest)) return pattern;
  return `(?=${rest})${pattern}`;
}
/** Index of the parenthesis that closes the group opened at 0; -1 when unbalanced. */
function groupEnd(p: string): number {
  let depth = 0;
  for (let i = 0; i < p.length; i++) {
    const ch = p[i];
    if (ch === '\\') i++;
    else if (ch === '[') {
      for (i++; i < p.length && p[i] !== ']'; i++) if (p[i] === '\\') i++;
    } else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}

/**
 * Whether any of several lists has a phrase in a text, list by list. (One pattern of all their
 * phrases would be one pass, but measured in Chromium it ran slower than the lists apart: most
 * likely a pattern that large is not compiled to machine code.)
 */
class PhraseUnion {
  constructor(private readonly lists: PhraseMatcher[]) {}
  firstCompacted(compacted: string): PhraseMatch | null {
    for (const list of this.lists) {
      const m = list.firstCompacted(compacted);
      if (m) return m;
    }
    return null;
  }
}

/** A piece of a list's alternation, its regular expression made the first time it is run. */
class Part {
  private regex: RegExp | null = null;
  private byText: Map<string, number[]> | null = null;
  /** `slot`: the piece's place in the prefilter's answer (set by the Lexicon); `looseSlot`, that of its loose fragments. */
  slot = -1;
  looseSlot = -1;
  private relaxed: RegExp | null | undefined;
  constructor(readonly spec: PartSpec) {}
  /** The piece read where a node may begin or end instead of at the text's ends (label-anchors.ts); null without `^` or `$`. */
  relaxedAnchors(): RegExp | null {
    if (this.relaxed === undefined) {
      const source = relaxAnchors(this.spec.source);
      this.relaxed = source === this.spec.source ? null : new RegExp(source, 'u');
    }
    return this.relaxed;
  }
  /** The leftmost match at or after `from`. */
  exec(compacted: string, from: number): RegExpExecArray | null {
    const regex = (this.regex ??= new RegExp(this.spec.source, 'gu'));
    regex.lastIndex = from;
    const m = regex.exec(compacted);
    regex.lastIndex = 0;
    return m;
  }
  /** The place of the alternative that gave the match: of its phrases with that text, the one listed first. */
  rankOf(m: RegExpExecArray): number {
    const { ranks, fragments } = this.spec;
    if (!ranks || !fragments) return this.spec.rank;
    if (!this.byText) {
      this.byText = new Map();
      fragments.forEach((f, i) => this.byText!.set(f.text, [...(this.byText!.get(f.text) ?? []), i]));
    }
    let best = Infinity;
    for (const i of this.byText.get(m[0]) ?? []) if (!fragments[i].atStart || m.index === 0) best = Math.min(best, ranks[i]);
    return best;
  }
}

/**
 * One alternation of many phrases, run in pieces; reports which phrase matched and where. A page
 * makes only the pieces whose fragments it holds: making every list's whole expression cost
 * 200-400 ms on each page's first scan, nearly all of it in the `re:` patterns, most of which a page
 * never needs. The matches are those of the one alternation: leftmost first, and of the pieces that
 * match at the same place, the alternative listed first.
 */
class PhraseMatcher {
  /**
   * `specs`: the pieces as the build prepared them, read when the list is first used (a page's first
   * look uses a dozen of the lists); without them the list is prepared here.
   */
  constructor(
    readonly phrases: string[],
    private specs?: () => PartSpec[],
  ) {}
  private made: Part[] | null = null;
  get parts(): Part[] {
    if (!this.made) {
      this.made = (this.specs?.() ?? listParts([...new Set(this.phrases)].sort((a, b) => b.length - a.length))).map((spec) => new Part(spec));
      this.specs = undefined;
    }
    return this.made;
  }
  /** Set by the Lexicon: the list's place in the prefilter's answer, and that answer for a compacted text (null: all may match). */
  slot = -1;
  hits: (compacted: string) => Presence | null = () => null;
  /**
   * For text read without its spaces and its nodes' starts (the pre-check's first look), the sets
   * of fragments that the list's matches hold, none at the start of the text: the list may match
   * only where, for one term, one fragment of every set of it is. A pattern that begins with `^`
   * holds its first fragments wherever it matches, and its loose ones too: a term of both. Null:
   * unknown.
   */
  squeezedTerms(): Fragment[][][] | null {
    const plain: Fragment[] = [];
    const terms: Fragment[][][] = [];
    for (const { spec } of this.parts) {
      if (!spec.fragments) return null;
      const anywhere = spec.fragments.map((f) => (f.atStart ? { text: f.text, atStart: false } : f));
      if (spec.loose) terms.push([anywhere, spec.loose]);
      else plain.push(...anywhere);
    }
    return plain.length ? [[plain], ...terms] : terms;
  }
  /** The pieces that may match in the text: none when the list's fragments are not there (prefilter.ts). */
  private live(compacted: string): Part[] {
    const hits = this.hits(compacted);
    if (!hits) return this.parts;
    return hits.has(this.slot) ? this.parts.filter((p) => hits.has(p.slot)) : [];
  }
  /** All non-overlapping matches in normalized text. */
  all(normalized: string): PhraseMatch[] {
    const out: PhraseMatch[] = [];
    const c = compact(normalized);
    const live = this.live(c);
    if (live.length === 0) return out;
    const found: (RegExpExecArray | null | undefined)[] = live.map(() => undefined);
    for (let from = 0; from <= c.length; ) {
      const m = this.next(c, from, live, found);
      if (!m) break;
      out.push({ phrase: m[0], text: m[0], index: m.index });
      // As matchAll does after an empty match: one character on.
      from = m.index + (m[0].length || (c.codePointAt(m.index)! > 0xffff ? 2 : 1));
    }
    return out;
  }
  /** The match the whole alternation would find from `from`; `found` keeps each piece's match from earlier calls. */
  private next(c: string, from: number, live: Part[], found: (RegExpExecArray | null | undefined)[]): RegExpExecArray | null {
    let best: RegExpExecArray | null = null;
    let bestPart: Part | null = null;
    for (let k = 0; k < live.length; k++) {
      let m = found[k];
      // A piece's match at or after `from` stays its leftmost: where a pattern matches does not depend on where the search began.
      if (m === undefined || (m !== null && m.index < from)) found[k] = m = live[k].exec(c, from);
      if (m === null) continue;
      if (!best || m.index < best.index || (m.index === best.index && live[k].rankOf(m) < bestPart!.rankOf(best))) {
        best = m;
        bestPart = live[k];
      }
    }
    return best;
  }
  first(normalized: string): PhraseMatch | null {
    return this.firstCompacted(compact(normalized));
  }
  /** As first(), on text already normalized and compacted (one pass serves many lists). */
  firstCompacted(compacted: string): PhraseMatch | null {
    const live = this.live(compacted);
    if (live.length === 0) return null;
    const m = this.next(compacted, 0, live, live.map(() => undefined));
    return m ? { phrase: m[0], text: m[0], index: m.index } : null;
  }
  longest(normalized: string): string | null {
    let best: string | null = null;
    for (const m of this.all(normalized)) if (!best || m.text.length > best.length) best = m.text;
    return best;
  }
}

/**
 * The most characters a combination may spread over: a page whose text runs on without punctuation
 * ("only today … after the first year until you cancel") has no clauses to keep concepts apart.
 */
const MAX_COMBINATION_SPAN = 120;
/** Stands in for a phrase read away (comboAsides): no list's phrase holds it, and it keeps the clause's offsets. */
const BLOT = '\u0000';
/**
 * A clause that opens as the consequence of the one before it: 則, or "once that is done" (完成後, 申請後:
 * "升轉較高資費可直接於網路門市申請，完成後立即生效").
 */
const CONSEQUENT = /^\s*(?:則|则|(?:完成|申請|申请|辦理|办理|核准|送出|提交)(?:之)?(?:後|后))/u;
/** A clause that takes effect "only then" (才生效, 方生效): the clause before says when, and of what. */
const ONLY_THEN = /[才方](?:会|會|能|可)?(?:生效|执行|執行)/u;
function spanOf(parts: PhraseMatch[]): number {
  return Math.max(...parts.map((p) => p.index + p.text.length)) - Math.min(...parts.map((p) => p.index));
}

/**
 * Whether the subject names a heading's topic that the rest follows ("Changing to a lower plan: requests
 * … are only accepted in the 30 days before…"): a short lead ended by a colon, every other part after it.
 */
function headedBy(c: string, subject: PhraseMatch, parts: PhraseMatch[]): boolean {
  const colon = c.slice(subject.index + subject.text.length).search(/[:：]/u);
  if (colon < 0) return false;
  const at = subject.index + subject.text.length + colon;
  return at - subject.index <= 60 && parts.every((p) => p.index > at);
}

/** How far before a phrase (in characters) a negation still denies it: "不支持线上", "cannot be done". */
const NEGATION_REACH = 8;
/**
 * A phrase that follows "or"/"and" (或, 及), perhaps with a short word of its own after the joint
 * ("不支持网上营业厅及APP自助办理"): the negation may stand before the verb joined to it, this far back.
 */
const JOINED_VERB = /(?:\s(?:or|nor|and)\s|[或及和、][\p{L}\p{N}]{0,4})$/u;
const JOINED_REACH = 3 * NEGATION_REACH;

/** Whether position k of a text ends a clause: a comma, semicolon or sentence end (not the comma of 1,200). */
function endsClause(text: string, k: number): boolean {
  const ch = text[k];
  if (ch === ',' || ch === '.') return !/\d/.test(text[k + 1] ?? '');
  // A list's bullets (· •) part its items as commas do.
  return ch === ';' || ch === '。' || ch === '!' || ch === '?' || ch === '！' || ch === '？' || ch === '·' || ch === '•';
}
/**
 * [start, end) of the clause of a compacted sentence that holds position i; the end includes its mark.
 * Looks only around i: a page's text is long, and a list may match it many times.
 */
function clauseAround(text: string, i: number): [number, number] {
  let start = i;
  while (start > 0 && !endsClause(text, start - 1)) start--;
  let end = i;
  while (end < text.length && !endsClause(text, end)) end++;
  return [start, Math.min(text.length, end + 1)];
}
/** Where the sentence before position i starts (i is the start of a clause); i itself when there is none. */
function sentenceBefore(text: string, i: number): number {
  let k = i - 2;
  while (k >= 0 && !endsSentence(text, k)) k--;
  return k < 0 ? 0 : k + 1;
}
/** A clause end that is not a comma or a semicolon: a semicolon joins two halves of one sentence ("…；網路門市恕不受理。"). */
function endsSentence(text: string, k: number): boolean {
  return text[k] !== ',' && text[k] !== ';' && endsClause(text, k);
}
/** A leading clause short enough to be the topic of the next one: "如需降级", "To cancel your plan". */
function isShortClause(text: string): boolean {
  const { words, hanzi } = textSize(text);
  return words <= 8 && hanzi <= 14;
}

/** A leading condition longer than this is a sentence of its own, not the topic of the next clause. */
function isLongClause(text: string): boolean {
  const { words, hanzi } = textSize(text);
  return words > 16 || hanzi > 30;
}

function isProse(text: string): boolean {
  const { words, hanzi } = textSize(text);
  return words > 10 || hanzi > 16;
}

/** How long a text reads: its Latin words and its Chinese characters, counted apart. */
export function textSize(text: string): { words: number; hanzi: number } {
  return {
    words: text.split(/\s+/).filter((w) => /[a-z]/i.test(w)).length,
    hanzi: (text.match(/[\u3400-\u9fff]/gu) ?? []).length,
  };
}

const LABEL_LISTS: Array<PlanRole | 'manage'> = [...PLAN_ROLES, 'manage'];

type ListName = PlanRole | 'manage' | PhraseKey;
/** `terms[p]`: for each list, the slots of the scan one of whose terms must all be found (Lexicon.squeezedLook). */
type SqueezedGate = { scan: LiteralScan; size: number; terms: number[][][]; sets: Map<string, { own: number[]; combos: number[][] }>; overlap: number };

/**
 * The fragments that a slot needs: a slot is found where any of its fragments is, and one that holds
 * another of them is found only where that one is too. Squeezed of their spaces, many of a list's
 * fragments hold another (2,240 of the first look's 5,137): left out, the look's tables are smaller.
 */
function shortestOf(fragments: string[]): string[] {
  const kept: string[] = [];
  for (const f of [...new Set(fragments)].sort((a, b) => a.length - b.length)) if (!kept.some((k) => f.includes(k))) kept.push(f);
  return kept;
}

/** The answer of Lexicon.squeezedLook so far, for the pieces added in the order of the text. */
export class SqueezedLook<S extends string> {
  private readonly hits: Uint8Array;
  /** The end of the text added so far: a fragment may span two pieces. */
  private tail = '';
  constructor(private readonly gate: SqueezedGate) {
    this.hits = new Uint8Array(gate.size);
  }
  /** Fills the look's tables between yields (a page's first scan): SqueezedLook answers the same without. */
  *fillSteps(): Generator<void, void, void> {
    yield* this.gate.scan.fillSteps();
  }
  /** Forgets the text added so far: the look serves another text. */
  restart(): void {
    this.hits.fill(0);
    this.tail = '';
    this.answers.clear();
  }
  /** Adds the next piece of squeezed text. */
  add(piece: string): void {
    if (piece === '') return;
    const keep = this.gate.overlap;
    // A fragment across the joint lies within the last `keep` characters before it and the first after it.
    if (this.tail !== '') this.merge(this.tail + piece.slice(0, keep));
    this.merge(piece);
    this.tail = keep === 0 ? '' : piece.length >= keep ? piece.slice(piece.length - keep) : (this.tail + piece).slice(-keep);
  }
  private merge(text: string): void {
    const hits = this.hits;
    for (const i of this.gate.scan.present(text).slots()) {
      if (hits[i] === 0) {
        hits[i] = 1;
        this.answers.clear();
      }
    }
  }
  /** mayFind's answers since the last new hit: a look asked after each piece mostly has none. */
  private readonly answers = new Map<S, boolean>();
  /** False: no list of the named set, nor any combination of one, can be in the text added so far. */
  mayFind(set: S): boolean {
    let answer = this.answers.get(set);
    if (answer === undefined) {
      const { own, combos } = this.gate.sets.get(set)!;
      const may = (list: number) => this.gate.terms[list].some((term) => term.every((slot) => this.hits[slot] === 1));
      answer = own.some(may) || combos.some((c) => c.every(may));
      this.answers.set(set, answer);
    }
    return answer;
  }
}

/** Texts this long (a page's text) are normalized once and their answers kept among the last few (Lexicon.recent). */
const KEPT_TEXT = 200;

export class Lexicon {
  private readonly roles: Record<PlanRole, PhraseMatcher>;
  private readonly other: PhraseMatcher;
  private readonly manage: PhraseMatcher;
  private readonly phrases: Record<PhraseKey, PhraseMatcher>;
  private readonly combos: Partial<Record<PhraseKey, PhraseKey[][]>>;
  private readonly exclusions: Partial<Record<PhraseKey, PhraseKey[]>> = {};
  private readonly asides: Partial<Record<PhraseKey, PhraseKey[]>> = {};
  /**
   * The dismissals and each language's tier ladder (lowest first), normalized: made when a control is
   * first classified, since a page that the pre-check ends classifies none (0.8-0.9 ms of its first scan).
   */
  private labels: { dismiss: Set<string>; ladders: string[][][] } | null = null;
  private get dismiss(): Set<string> {
    return (this.labels ??= this.normalizedLabels()).dismiss;
  }
  private get ladders(): string[][][] {
    return (this.labels ??= this.normalizedLabels()).ladders;
  }
  private normalizedLabels(): { dismiss: Set<string>; ladders: string[][][] } {
    const lists = this.lists;
    return {
      dismiss: new Set(lists.flatMap((w) => w.dismiss.map((d) => compact(normalizeText(d))))),
      ladders: lists.filter((w) => w.tiers?.length).map((w) => w.tiers!.map((step) => step.map((n) => normalizeText(n)))),
    };
  }

  /**
   * `compiled`: the lists' matchers as the build prepared them (compiled-words.ts), used for each
   * list whose phrases are still the ones they were prepared from; the others are prepared here.
   * `sameLists`: the caller knows `compiled` was prepared from these very lists (one build made both),
   * so their phrases are not hashed to find out. Shipped words (`partsSteps`) are parsed a run at a
   * time when their lists are first used, or between yields by prepareSteps.
   */
  constructor(
    private readonly lists: WordList[],
    compiled?: CompiledWords | ShippedWords,
    opts: { sameLists?: boolean } = {},
  ) {
    const picks: ((w: WordList) => string[])[] = [...PLAN_ROLES.map((r) => (w: WordList) => w.roles[r]), (w) => w.other, (w) => w.manage, ...PHRASE_KEYS.map((k) => (w: WordList) => w.phrases[k])];
    const phraseLists = picks.map((pick) => lists.flatMap(pick));
    const ready = compiled?.matchers.length === phraseLists.length ? compiled : undefined;
    const hashes = opts.sameLists && ready ? ready.matchers.map((m) => m.hash) : phraseLists.map(phrasesHash);
    this.matchers = phraseLists.map((phrases, i) => {
      const shipped = ready?.matchers[i].hash === hashes[i] ? ready.matchers[i] : undefined;
      return new PhraseMatcher(phrases, shipped && (() => shipped.parts.map(decodePart)));
    });
    const at = (i: number) => this.matchers[i];
    this.roles = Object.fromEntries(PLAN_ROLES.map((r, i) => [r, at(i)])) as Record<PlanRole, PhraseMatcher>;
    this.other = at(PLAN_ROLES.length);
    this.manage = at(PLAN_ROLES.length + 1);
    this.phrases = Object.fromEntries(PHRASE_KEYS.map((k, i) => [k, at(PLAN_ROLES.length + 2 + i)])) as Record<PhraseKey, PhraseMatcher>;
    this.combos = {};
    for (const w of lists) {
      for (const [key, concepts] of Object.entries(w.comboExclusions ?? {}) as [PhraseKey, PhraseKey[]][]) {
        this.exclusions[key] = [...new Set([...(this.exclusions[key] ?? []), ...concepts])];
      }
      for (const [key, concepts] of Object.entries(w.comboAsides ?? {}) as [PhraseKey, PhraseKey[]][]) {
        this.asides[key] = [...new Set([...(this.asides[key] ?? []), ...concepts])];
      }
    }
    for (const w of lists) {
      for (const [key, sets] of Object.entries(w.combos ?? {}) as [PhraseKey, PhraseKey[][]][]) {
        const known = (this.combos[key] ??= []);
        for (const set of sets) if (!known.some((k) => k.join() === set.join())) known.push(set);
      }
    }
    // The prepared keys hold only when every list was prepared from the phrases it has now.
    const allReady = ready !== undefined && hashes.every((h, i) => ready.matchers[i].hash === h);
    this.readyOffsets = allReady ? ready.offsets : undefined;
    this.readyLooks = new Map(allReady ? (ready.looks ?? []).map((l) => [l.key, l]) : []);
    this.partsSteps = compiled && 'partsSteps' in compiled ? () => compiled.partsSteps() : undefined;
    this.matchers.forEach((m, i) => {
      m.slot = i;
      m.hits = this.presentIn;
    });
    this.slot = new Map(this.matchers.map((m, i) => [m, i]));
    // A bundle's lists come without their phrases (the shipped pieces were made from them): the build says which lists have anchored ones.
    this.anchoredLists = new Set(opts.sameLists && ready?.anchored ? ready.anchored : phraseLists.flatMap((phrases, i) => (hasAnchoredPhrase(phrases) ? [i] : [])));
  }
  /**
   * The prefilter's answer for a text, as each list asks it. A field, not a closure made in the
   * constructor: one made there would hold the constructor's scope, and with it the shipped data,
   * for as long as the lexicon lives.
   */
  private readonly presentIn = (compacted: string): Presence => this.scan.present(compacted);
  /** The lists (by place) with a phrase anchored at the start of a text, which a part of a text may begin (mayHave). */
  private readonly anchoredLists: Set<number>;
  private readyOffsets: number[] | undefined;
  private prefilter: LiteralScan | null = null;
  /**
   * The prefilter over every piece of every list, made when first asked for: a page that the
   * pre-check's first look ends never asks (its look has a prefilter of its own), and making this one
   * reads every list's pieces.
   */
  private get scan(): LiteralScan {
    return (this.prefilter ??= this.makeScan());
  }
  private makeScan(): LiteralScan {
    const { slots, up } = this.prefilterSlots();
    const offsets = this.readyOffsets;
    // The scan keeps them while it fills its tables; nothing else reads them.
    this.readyOffsets = undefined;
    return new LiteralScan(slots, offsets, up);
  }
  /** Numbers every piece's slots in the prefilter's answer and gives each slot's fragments. */
  private prefilterSlots(): { slots: (Fragment[] | null | undefined)[]; up: number[] } {
    // The prefilter's slots: one per list (found when a piece of it is), then one per piece.
    const parts = this.matchers.flatMap((m, list) => m.parts.map((part) => ({ part, list })));
    parts.forEach(({ part }, i) => (part.slot = this.matchers.length + i));
    // And one per piece with loose fragments: the pieces that must begin a text, found anywhere (mentionsAnyAsLabel).
    const loose = parts.filter(({ part }) => part.spec.loose !== undefined);
    loose.forEach(({ part }, i) => (part.looseSlot = this.matchers.length + parts.length + i));
    const slots = [...this.matchers.map(() => undefined), ...parts.map(({ part }) => part.spec.fragments), ...loose.map(({ part }) => part.spec.loose!)];
    const up = [...this.matchers.map(() => -1), ...parts.map(({ list }) => list), ...loose.map(() => -1)];
    return { slots, up };
  }
  /** Every list's matcher, in the prefilter's order: the roles, other, manage, then the phrase keys. */
  private readonly matchers: PhraseMatcher[];

  /** What the build ships so that the lexicon of these lists is made without preparing them again. */
  compiled(looks: Record<string, readonly ListName[]>[] = [], withTables: Record<string, readonly ListName[]>[] = []): CompiledWords {
    return {
      looks: looks.map((sets): ShippedLook => {
        const { slots, terms, sets: lists, overlap } = this.squeezedGate(sets);
        const key = JSON.stringify(sets);
        if (!withTables.includes(sets)) return { key, offsets: keyOffsets(slots) };
        const gate: ShippedGate = { tables: new LiteralScan(slots).shipped(), terms, sets: [...lists], overlap };
        return { key, gate };
      }),
      matchers: this.matchers.map((m) => ({ hash: phrasesHash(m.phrases), parts: m.parts.map((p) => encodePart(p.spec)) })),
      anchored: this.matchers.flatMap((m, i) => (hasAnchoredPhrase(m.phrases) ? [i] : [])),
      offsets: keyOffsets(this.prefilterSlots().slots),
    };
  }
  /** The squeezed looks as the build made them (their tables and where their fragments' keys start), by the look's sets. */
  private readonly readyLooks: Map<string, ShippedLook>;
  /** Parses the shipped pieces not parsed yet, one run per step. */
  private partsSteps: (() => Generator<void, void, void>) | undefined;
  /** Each matcher's place in the prefilter's answer. */
  private readonly slot: Map<PhraseMatcher, number>;

  /**
   * Per set of lists: the prefilter places of the lists a phrase of which could make one of them
   * found in a text (their own, and for a combination of concepts, each concept's). Most texts
   * (labels, rows of a list) hold none of them: one look at the prefilter's answer decides them
   * instead of asking every list and every combination in turn.
   */
  private readonly gates = new Map<string, { own: number[]; combos: number[][] }>();
  /** The same by the array asked with (callers ask with a few constant arrays), without joining its names each time. */
  private readonly gatesByArray = new WeakMap<readonly string[], { own: number[]; combos: number[][] }>();
  private gateOf(lists: readonly (PlanRole | 'manage' | PhraseKey)[]): { own: number[]; combos: number[][] } {
    const same = this.gatesByArray.get(lists);
    if (same) return same;
    const key = lists.join();
    let gate = this.gates.get(key);
    if (!gate) {
      const place = (k: PlanRole | 'manage' | PhraseKey) => this.slot.get(this.matcherOf(k))!;
      gate = {
        own: lists.map(place),
        combos: lists.flatMap((k) => (k === 'manage' || (PLAN_ROLES as string[]).includes(k) ? [] : (this.combos[k as PhraseKey] ?? []).map((set) => set.map(place)))),
      };
      this.gates.set(key, gate);
    }
    this.gatesByArray.set(lists, gate);
    return gate;
  }
  /** False when no list of these (nor any of their combinations) can have a phrase in the compacted text. */
  private mayFind(lists: readonly (PlanRole | 'manage' | PhraseKey)[], compacted: string): boolean {
    const { own, combos } = this.gateOf(lists);
    const hits = this.scan.present(compacted);
    for (const i of own) if (hits.has(i)) return true;
    // A combination needs a phrase of every one of its concepts.
    for (const set of combos) {
      let all = true;
      for (const i of set) if (!hits.has(i)) all = false;
      if (all) return true;
    }
    return false;
  }
  private matcherOf(k: PlanRole | 'manage' | PhraseKey): PhraseMatcher {
    return k === 'manage' ? this.manage : (PLAN_ROLES as string[]).includes(k) ? this.roles[k as PlanRole] : this.phrases[k as PhraseKey];
  }

  /**
   * The role of a control from its accessible name: the role whose phrase covers the longest part
   * of the label wins, so 取消自动续费 (cancel) beats 续费 (upgrade). "other" phrases of equal or greater
   * length win too (取消收藏, cancel order), and a bare dismissal label (Cancel, 取消) is never a plan role.
   */
  classify(name: string): RoleDecision {
    const text = normalizeText(name);
    const tags: string[] = [];
    if (!text) return { role: 'other', tags };
    if (this.dismiss.has(compact(text).replace(/[.!?。!]$/u, ''))) return { role: 'other', tags: ['dialog-dismiss'] };
    const managePhrase = this.manage.longest(text);
    if (managePhrase) tags.push('manage-subscription');
    // A paragraph-long label is prose inside a clickable card, not a control's name.
    if (isProse(text)) return { role: 'other', tags };
    let best: { role: PlanRole; phrase: string } | null = null;
    for (const role of PLAN_ROLES) {
      const phrase = this.roles[role].longest(text);
      if (phrase && (!best || phrase.length > best.phrase.length)) best = { role, phrase };
    }
    const otherPhrase = this.other.longest(text);
    if (!best || (otherPhrase && otherPhrase.length >= best.phrase.length)) return { role: 'other', tags };
    // "订阅管理" holds "订阅" (subscribe) but names the way to manage it: a manage path is no way in.
    if (best.role === 'upgrade' && managePhrase && managePhrase.length >= best.phrase.length) return { role: 'other', tags };
    return { role: best.role, phrase: best.phrase, tags };
  }

  /**
   * What a label offers to end ("Cancel Travel Shield" → "travel shield"), or null. A brand's name for
   * its plan is in no word list; an upgrade control naming the same thing (planKey) says it is the plan.
   * The label must start with a verb of leaving (`exitVerb`) and name a short thing after it.
   */
  exitObject(label: string): string | null {
    const text = compact(normalizeText(label));
    const verb = this.phrases.exitVerb.firstCompacted(text);
    if (!verb || verb.index !== 0 || this.other.first(text)) return null;
    const object = text.slice(verb.text.length).trim();
    const { words, hanzi } = textSize(object);
    return (words >= 1 && words <= 4 && object.length >= 4) || (hanzi >= 2 && hanzi <= 8 && words === 0) ? object : null;
  }
  /**
   * The highest membership tier a label names, as [ladder, rank], or null. Ranks compare only on one
   * ladder (one language's names).
   */
  tierOf(label: string): [number, number] | null {
    const text = normalizeText(label);
    for (let l = 0; l < this.ladders.length; l++) {
      const ladder = this.ladders[l];
      for (let r = ladder.length - 1; r >= 0; r--) if (ladder[r].some((n) => text.includes(n))) return [l, r];
    }
    return null;
  }
  /** A plan control's label in the form exitObject compares with. */
  planKey(label: string): string {
    return compact(normalizeText(label));
  }

  /** Whether a sentence opens by pointing back to the one before ("Such requests…", 申請核准後…). */
  pointsBack(sentence: string): boolean {
    const m = this.phrases.anaphor.firstCompacted(compact(normalizeText(sentence)));
    return m !== null && m.index <= 2;
  }

  /** Whether a label is one that looks like a plan role but is not (取消收藏, cancel order). */
  /** A label that only pays ("Pay $84.17 now"), naming no plan to move to: it offers no way to stay. */
  isBarePayment(label: string): boolean {
    return this.has('payment', label) && !this.mentionsAny(['upgradeAction', 'upgradeTopic'], label);
  }

  namesOther(name: string): boolean {
    return this.other.first(normalizeText(name)) !== null;
  }

  /** squeezedLook, with its tables filled between yields when it is new (a page's first scan). */
  *squeezedLookSteps<S extends string>(sets: Record<S, readonly ListName[]>): Generator<void, SqueezedLook<S>, void> {
    const look = this.squeezedLook(sets);
    yield;
    yield* look.fillSteps();
    return look;
  }
  /** Fills the prefilter's tables between yields (a page's first scan): the lexicon answers the same without, filling them at its first answer. */
  *prepareSteps(): Generator<void, void, void> {
    if (this.partsSteps) yield* this.partsSteps();
    // The prefilter reads every list's pieces: each list's are made in a step of their own (thousands of objects in all).
    if (!this.prefilter)
      for (const m of this.matchers) {
        void m.parts;
        yield;
      }
    // Every list's pieces are made: the shipped data they were read from can go.
    this.partsSteps = undefined;
    yield* this.scan.fillSteps();
  }
  /** The prefilter's tables are filled: an answer now costs no filling. */
  get prepared(): boolean {
    return this.prefilter?.filled === true;
  }

  /**
   * A look at text squeezed of its spaces (squeezeText), piece by piece, that can only err towards
   * "maybe": false from `mayFind` means no list of these, nor any combination of one, can be found
   * in the text as the lexicon reads it (a phrase's fragment squeezed is in the squeezed text
   * wherever the phrase could match). The fragments are keyed anew without their spaces. The text
   * read so has no starts of nodes, where a label begins: a pattern that must begin a text is looked
   * for by fragments it holds wherever it begins (squeezedTerms), as the pre-check reads these lists
   * wherever a label may begin too (mentionsAnyAsLabel).
   */
  squeezedLook<S extends string>(sets: Record<S, readonly ListName[]>): SqueezedLook<S> {
    const key = JSON.stringify(sets);
    let built = this.squeezed.get(key);
    if (!built) {
      // The build made the pre-check's look and text blocks' look: made here, they read every piece of a dozen lists and choose their keys.
      const ready = this.readyLooks.get(key);
      // Made once (kept below): the shipped look is not read again.
      this.readyLooks.delete(key);
      if (ready?.gate) {
        const { tables, sets: lists, ...gate } = ready.gate;
        built = { scan: LiteralScan.ready(tables), size: tables.size, sets: new Map(lists), ...gate };
      } else {
        const { slots, ...gate } = this.squeezedGate(sets);
        built = { scan: new LiteralScan(slots, ready?.offsets), ...gate };
      }
      this.squeezed.set(key, built);
    }
    return new SqueezedLook<S>(built);
  }
  private squeezedGate(sets: Record<string, readonly ListName[]>): Omit<SqueezedGate, 'scan'> & { slots: (Fragment[] | null)[] } {
    const gates = Object.entries<readonly ListName[]>(sets).map(([name, lists]) => [name, this.gateOf(lists)] as const);
    const places = [...new Set(gates.flatMap(([, g]) => [...g.own, ...g.combos.flat()]))];
    const local = new Map(places.map((p, i) => [p, i]));
    let longest = 1;
    const slots: (Fragment[] | null)[] = [];
    const terms = places.map((p) =>
      // Unknown: one term of one slot that is always found.
      (this.matchers[p].squeezedTerms() ?? [[null]]).map((term) =>
        term.map((set) => {
          const squeezed = set ? shortestOf(set.map((f) => f.text.replace(/\s+/gu, ''))) : null;
          for (const text of squeezed ?? []) longest = Math.max(longest, text.length);
          return slots.push(squeezed && !squeezed.includes('') ? squeezed.map((text) => ({ text, atStart: false })) : null) - 1;
        }),
      ),
    );
    return {
      slots,
      size: slots.length,
      terms,
      sets: new Map(gates.map(([name, g]) => [name, { own: g.own.map((p) => local.get(p)!), combos: g.combos.map((set) => set.map((p) => local.get(p)!)) }])),
      overlap: longest - 1,
    };
  }
  private readonly squeezed = new Map<string, SqueezedGate>();

  /**
   * Whether the text has a phrase of any of these lists (or a combination of one). Long page text is
   * normalized once for consecutive calls.
   */
  mentionsAny(lists: Array<PlanRole | 'manage' | PhraseKey>, text: string): boolean {
    return text.length < KEPT_TEXT ? this.mentionsAnyOnce(lists, text) : this.keptFor(text, `any:${lists.join()}`, () => this.mentionsAnyOnce(lists, text));
  }
  /**
   * Whether a label or a block in the text (a run of its nodes, which a page's text joins with
   * newlines) may have a phrase of these lists that needs its start or end (`^`, `$`): mentionsAny
   * reads those at the ends of the whole text alone. Such pieces are read where a node may begin or
   * end (label-anchors.ts), and only where their fragments are; a combination counts when one of its
   * concepts is found so and each of the others anywhere in the text.
   */
  mentionsAnyAsLabel(lists: Array<PlanRole | 'manage' | PhraseKey>, text: string): boolean {
    const ask = () => {
      const [, c] = this.normalized(text);
      const label = this.labelReading(c, this.scan.present(c));
      const { own, combos } = this.gateOf(lists);
      return own.some(label.found) || combos.some(label.combination);
    };
    return text.length < KEPT_TEXT ? ask() : this.keptFor(text, `label:${lists.join()}`, ask);
  }
  /** Reading a compacted text as labels (mentionsAnyAsLabel): a list's pieces found so, and a combination. */
  private labelReading(c: string, hits: Presence): { found: (place: number) => boolean; combination: (set: number[]) => boolean } {
    const relaxed = new Map<number, boolean>();
    const found = (place: number) => {
      let yes = relaxed.get(place);
      if (yes === undefined) {
        yes = this.anchoredParts(place).some((part) => hits.has(part.looseSlot >= 0 ? part.looseSlot : part.slot) && part.relaxedAnchors()!.test(c));
        relaxed.set(place, yes);
      }
      return yes;
    };
    return { found, combination: (set) => set.some(found) && set.every((p) => found(p) || this.matchers[p].firstCompacted(c) !== null) };
  }

  /**
   * mentionsAny, then mentionsAnyAsLabel, in steps, for a page's whole text: the prefilter's pass
   * over it in pieces, then each list's expressions (and each combination) in a step of its own. A
   * page's first scan runs all of it cold, and at once it was one task of 40-60 ms of CPU on a news
   * page of 100,000 characters. The same answers, kept as those two keep theirs.
   */
  *mentionsAnyOrAsLabelSteps(lists: Array<PlanRole | 'manage' | PhraseKey>, text: string): Generator<void, boolean, void> {
    if (text.length < KEPT_TEXT) return this.mentionsAny(lists, text) || this.mentionsAnyAsLabel(lists, text);
    const names = lists.join();
    const { answers } = this.recentOf(text);
    yield;
    const [n, c] = this.normalized(text);
    const hits = yield* this.scan.presentSteps(c);
    const { own, combos } = this.gateOf(lists);
    let any = answers.get(`any:${names}`) as boolean | undefined;
    if (any === undefined) {
      // As mentionsAnyOnce: a phrase of one of the lists, then a combination of one.
      any =
        this.mayFind(lists, c) &&
        ((yield* someInSteps(own, (i) => this.matchers[i].firstCompacted(c) !== null)) ||
          (yield* someInSteps(lists, (k) => k !== 'manage' && !(PLAN_ROLES as string[]).includes(k) && this.combination(k as PhraseKey, n, c) !== null)));
      answers.set(`any:${names}`, any);
    }
    if (any) return true;
    let label = answers.get(`label:${names}`) as boolean | undefined;
    if (label === undefined) {
      const reading = this.labelReading(c, hits);
      label = (yield* someInSteps(own, reading.found)) || (yield* someInSteps(combos, reading.combination));
      answers.set(`label:${names}`, label);
    }
    return label;
  }
  /** The pieces of a list that need the start or end of a text. */
  private anchoredParts(place: number): Part[] {
    return (this.anchored[place] ??= this.matchers[place].parts.filter((part) => hasAnchor(part.spec.source)));
  }
  private readonly anchored: Part[][] = [];
  private mentionsAnyOnce(lists: Array<PlanRole | 'manage' | PhraseKey>, text: string): boolean {
    const [n, c] = this.normalized(text);
    if (!this.mayFind(lists, c)) return false;
    if (this.unionOf(lists).firstCompacted(c) !== null) return true;
    return lists.some((k) => k !== 'manage' && !(PLAN_ROLES as string[]).includes(k) && this.combination(k as PhraseKey, n, c) !== null);
  }
  private readonly unions = new Map<string, PhraseUnion>();
  private unionOf(lists: Array<PlanRole | 'manage' | PhraseKey>): PhraseUnion {
    const key = lists.join();
    let union = this.unions.get(key);
    if (!union) {
      union = new PhraseUnion(lists.map((k) => this.matcherOf(k)));
      this.unions.set(key, union);
    }
    return union;
  }

  /** The last few long texts normalized: a page's text is asked about many times in a row. */
  private readonly recent: { text: string; n: string; c: string; answers: Map<string, unknown> }[] = [];
  /**
   * An answer about a long text, kept with its normalized form among the last few texts: a page
   * scanned again gives the same text, and its answers depend on the text and the lists alone.
   */
  private keptFor<T>(text: string, question: string, answer: () => T): T {
    if (text.length < KEPT_TEXT) return answer();
    const { answers } = this.recentOf(text);
    if (answers.has(question)) return answers.get(question) as T;
    const value = answer();
    answers.set(question, value);
    return value;
  }
  private readonly short = new Map<string, [string, string]>();
  private normalized(text: string): [string, string] {
    if (text.length < KEPT_TEXT) {
      // Labels and sentences are asked about by several lists and rules in turn.
      let pair = this.short.get(text);
      if (!pair) {
        const n = normalizeText(text);
        if (this.short.size >= 1000) this.short.clear();
        this.short.set(text, (pair = [n, compact(n)]));
      }
      return pair;
    }
    const hit = this.recentOf(text);
    return [hit.n, hit.c];
  }
  private recentOf(text: string): { text: string; n: string; c: string; answers: Map<string, unknown> } {
    let hit = this.recent.find((r) => r.text === text);
    if (!hit) {
      const n = normalizeText(text);
      hit = { text, n, c: compact(n), answers: new Map() };
      this.recent.unshift(hit);
      this.recent.length = Math.min(this.recent.length, 4);
    }
    return hit;
  }

  /**
   * False only when no phrase of the list can be in `text` nor in any part of it: a check that can
   * spare reading the page again. A list with phrases anchored at the start of a text says true.
   */
  mayHave(key: PhraseKey, text: string): boolean {
    if (this.anchoredLists.has(this.slot.get(this.phrases[key])!)) return true;
    return this.keptFor(text, `may:${key}`, () => {
      const [n, c] = this.normalized(text);
      return (this.firstOf(key, c) ?? this.combination(key, n, c, true)) !== null;
    });
  }

  /** The phrase lists, of those given, that have a phrase (or a combination) in the text (normalized once). */
  listsIn<K extends PhraseKey>(keys: readonly K[], text: string): K[] {
    const [n, c] = this.normalized(text);
    if (!this.mayFind(keys, c)) return [];
    return keys.filter((k) => this.findIn(k, n, c) !== null);
  }

  mentionsPlans(text: string): boolean {
    const t = normalizeText(text);
    return PLAN_ROLES.some((r) => this.roles[r].first(t)) || !!this.manage.first(t) || (['renewal', 'accountContext', 'confirmshaming', 'lossFraming'] as const).some((k) => !!this.phrases[k].first(t));
  }
  /** A short label that names a plan role or a manage path (for pointer-cursor elements). */
  isPlanLabel(text: string): boolean {
    // Without a phrase of a role or a manage path, classify() can only say "other": five passes decide.
    if (!this.mentionsAny(LABEL_LISTS, text)) return false;
    const d = this.classify(text);
    return d.role !== 'other' || d.tags.includes('manage-subscription');
  }

  find(key: PhraseKey, text: string): PhraseMatch | null {
    const [n, c] = this.normalized(text);
    return this.findIn(key, n, c);
  }
  private findIn(key: PhraseKey, normalized: string, compacted = compact(normalized)): PhraseMatch | null {
    return this.firstOf(key, compacted) ?? this.combination(key, normalized, compacted);
  }
  /**
   * The first phrase of a list in a compacted text, kept for that text: the combinations of several
   * lists share a concept (an exit action), which is then looked for once per text, not once per list.
   */
  private seen: { c: string; found: Map<PhraseKey, PhraseMatch | null> } = { c: '', found: new Map() };
  private firstOf(key: PhraseKey, c: string): PhraseMatch | null {
    if (this.seen.c !== c) this.seen = { c, found: new Map() };
    let m = this.seen.found.get(key);
    if (m === undefined) {
      m = this.phrases[key].firstCompacted(c);
      this.seen.found.set(key, m);
    }
    return m;
  }
  findAll(key: PhraseKey, text: string): PhraseMatch[] {
    const [normalized] = this.normalized(text);
    const all = this.phrases[key].all(normalized);
    const combined = all.length ? null : this.combination(key, normalized);
    return combined ? [combined] : all;
  }
  /**
   * A sentence holding a phrase of every concept of one of the key's combinations: "降级…次月…生效".
   * The first concept is the subject (an exit, an upgrade, a loss); the others must share one clause,
   * and the subject must be in that clause or in a short clause right before it ("如需降级，请于…").
   * Concepts that meet only across a sentence's clauses speak of different things: "退租可自選終止
   * 日期，設備請於 14 日內寄回" is about returning a modem, not a window for leaving. `loose` keeps
   * the sentence-wide reading for cheap checks that must never say no wrongly (mayHave).
   */
  private combination(key: PhraseKey, normalized: string, compacted?: string, loose = false): PhraseMatch | null {
    const sets = this.combos[key];
    if (!sets) return null;
    const c = compacted ?? compact(normalized);
    for (const concepts of sets) {
      if (concepts.some((concept) => !this.firstOf(concept, c))) continue;
      if (loose) return this.joined(concepts.map((concept) => this.firstOf(concept, c)!));
      const found = this.inOneClause(concepts, c, this.exclusions[key] ?? [], this.asides[key]);
      if (found) return found;
    }
    return null;
  }
  private inOneClause([subject, ...rest]: PhraseKey[], c: string, unless: PhraseKey[], aside: PhraseKey[] = []): PhraseMatch | null {
    const anchor = this.phrases[rest[0]];
    for (const m of anchor.all(c)) {
      const [start, end] = clauseAround(c, m.index);
      const clause = c.slice(start, end);
      const parts: PhraseMatch[] = [m];
      for (const concept of rest.slice(1)) {
        const p = this.phrases[concept].firstCompacted(clause);
        if (!p) break;
        parts.push({ ...p, index: p.index + start });
      }
      if (parts.length < rest.length || unless.some((k) => this.phrases[k].firstCompacted(clause))) continue;
      // What an aside says ("at least 30 days before your next draft date": notice) is read away: the
      // combination must still hold in the rest of the clause ("only accepted between the 1st and 10th").
      const rid = aside.length ? this.withoutPhrases(aside, clause) : clause;
      if (rid !== clause) {
        const again = rest.map((k) => this.phrases[k].firstCompacted(rid));
        if (again.some((p) => !p)) continue;
        parts.splice(0, parts.length, ...again.map((p) => ({ ...p!, index: p!.index + start })));
      }
      let s = this.phrases[subject].firstCompacted(clause);
      if (s) s = { ...s, index: s.index + start };
      const [prevStart] = start > 0 ? clauseAround(c, start - 1) : [start];
      const previous = c.slice(prevStart, start);
      // The clause before may lead as the topic: a short one, or a condition ("如需申请退款或提前终止年度订阅，请…").
      // So does any clause that the next one answers with 則 ("降級…或終止本服務，則須待次一週期方生效"), or
      // with "only then" ("关闭自动续费须待当前周期结束，于下个计费周期才生效").
      // So does a clause that ends in the subject, a list of the actions it speaks of ("降低带宽、变更为低档资费或办理拆机，须本人…").
      const leads =
        prevStart < start &&
        (isShortClause(previous) ||
          ((this.phrases.topicLead.firstCompacted(previous) !== null || CONSEQUENT.test(clause) || ONLY_THEN.test(clause) || this.endsIn(subject, previous)) &&
            !isLongClause(previous)));
      // A clause with its own subject of upgrading ("…; upgrades are only available after your initial term")
      // takes none from the clause before.
      if (!s && leads && !(subject === 'exitAction' && this.phrases.upgradeAction.firstCompacted(clause))) {
        // The subject nearest the clause: "关闭自动续费或降级为普通会员后，将于…" names two.
        s = this.phrases[subject].all(previous).at(-1) ?? null;
        // An upgrade named after it is nearer: "申請降轉資費 資費異動說明：升級方案線上申請，次日即生效" speaks of upgrading.
        if (s && subject === 'exitAction' && this.phrases.upgradeAction.all(previous).some((u) => u.index > s!.index)) s = null;
        // A leading clause that says its action takes effect at once ("Cancellation is effective immediately;
        // the refund is processed on your next statement") is not the topic of a later effect; one that
        // says it does not ("降低配置不会立即生效，将于下一个计费周期生效") is.
        // Only for a key that "now" undoes (delayedEffect): "取消即时生效，仅限每月最后3日内申请" is still a window.
        if (
          s &&
          unless.includes('nowTime') &&
          this.phrases.takeEffect.firstCompacted(previous) &&
          this.phrases.nowTime.firstCompacted(previous) &&
          !this.phrases.notAtOnce.firstCompacted(previous)
        )
          s = null;
        if (s) s = { ...s, index: s.index + prevStart };
        // A chain of leading clauses: "降級為個人方案者，須待本期計費週期結束後，自下一期起才會生效": the subject
        // stands one clause further back, which leads the clause that leads this one.
        else if (
          prevStart > 0 &&
          !/[。.!?！？;；]/u.test(c[prevStart - 1]) &&
          this.phrases.topicLead.firstCompacted(previous) !== null &&
          !(subject === 'exitAction' && this.phrases.upgradeAction.firstCompacted(previous))
        ) {
          const [farStart] = clauseAround(c, prevStart - 1);
          const far = c.slice(farStart, prevStart);
          if (farStart < prevStart && (isShortClause(far) || this.phrases.topicLead.firstCompacted(far) !== null) && !isLongClause(far)) {
            const t = this.phrases[subject].all(far).at(-1) ?? null;
            if (t && !(subject === 'exitAction' && this.phrases.upgradeAction.all(far).some((u) => u.index > t.index))) s = { ...t, index: t.index + farStart };
          }
        }
      }
      if (s && (spanOf([s, ...parts]) <= MAX_COMBINATION_SPAN || (headedBy(c, s, parts) && spanOf(parts) <= MAX_COMBINATION_SPAN))) return this.joined([s, ...parts]);
      // "Such requests are only accepted in the final 21 days", "申請核准後，新資費將於…": the subject is the
      // sentence before's. The pointer stands in the clause or in the short clause that leads it.
      let pointer = s ? null : this.phrases.anaphor.firstCompacted(clause);
      let from = start;
      if (!s && !pointer && leads && (pointer = this.phrases.anaphor.firstCompacted(previous))) from = prevStart;
      if (pointer) {
        let before = sentenceBefore(c, from);
        let named = this.phrases[subject].firstCompacted(c.slice(before, from));
        // The sentence before may point back itself ("They cannot be made online. Such requests…"), or be a
        // step of what the one before it names ("Cancellations cannot be made online. Please call your club.
        // Requests are only accepted…"); not a sentence about upgrading, which would be what is pointed at.
        if (
          !named &&
          before > 0 &&
          (this.phrases.anaphor.firstCompacted(c.slice(before, from))?.index === 0 || (subject === 'exitAction' && !this.phrases.upgradeAction.firstCompacted(c.slice(before, from))))
        ) {
          const end = before;
          before = sentenceBefore(c, end);
          named = this.phrases[subject].firstCompacted(c.slice(before, end));
        }
        const at = { ...pointer, index: pointer.index + from };
        if (named && spanOf([at, ...parts]) <= MAX_COMBINATION_SPAN) return this.joined([{ ...named, index: named.index + before }, ...parts]);
      }
    }
    return null;
  }
  /** The clause with every phrase of the concepts blotted out (the same clause when none is in it). */
  private withoutPhrases(concepts: PhraseKey[], clause: string): string {
    let out = clause;
    for (const k of concepts) for (const m of this.phrases[k].all(clause)) out = out.slice(0, m.index) + BLOT.repeat(m.text.length) + out.slice(m.index + m.text.length);
    return out;
  }
  /** Whether a clause ends in a phrase of the concept (its closing punctuation aside). */
  private endsIn(concept: PhraseKey, clause: string): boolean {
    const last = this.phrases[concept].all(clause).at(-1);
    return !!last && clause.replace(/[\s,，、;；:：]+$/u, '').length - (last.index + last.text.length) <= 1;
  }
  private joined(parts: PhraseMatch[]): PhraseMatch {
    parts.sort((a, b) => a.index - b.index);
    const text = parts.map((p) => p.text).join('…');
    return { phrase: text, text, index: parts[0].index };
  }
  /**
   * Whether the text has a phrase of the list that no negation word denies: "不支持线上自助操作" names
   * self-service only to refuse it. A negation counts in the few characters before the phrase, in its clause.
   */
  affirms(key: PhraseKey, text: string): boolean {
    const [n, c] = this.normalized(text);
    const all = this.phrases[key].all(c);
    if (all.length === 0) return this.combination(key, n, c) !== null;
    return all.some((m) => {
      const [clauseStart] = clauseAround(c, m.index);
      let before = c.slice(Math.max(clauseStart, m.index - NEGATION_REACH), m.index);
      // "can't be cancelled or downgraded online": a negation before the first of two joined verbs denies the second too.
      if (JOINED_VERB.test(before)) before = c.slice(Math.max(clauseStart, m.index - JOINED_REACH), m.index);
      return !this.phrases.negation.firstCompacted(before);
    });
  }
  has(key: PhraseKey, text: string): boolean {
    return this.find(key, text) !== null;
  }
  count(key: PhraseKey, text: string): number {
    return this.findAll(key, text).length;
  }
}

/** Cheap pre-check: does this text mention plans at all (a role phrase, a manage path, renewal terms)? */
export function mentionsPlans(lex: Lexicon, text: string): boolean {
  return lex.mentionsPlans(text);
}

/** Whether any item passes the test, one item per step. */
function* someInSteps<T>(items: readonly T[], test: (item: T) => boolean): Generator<void, boolean, void> {
  for (const item of items) {
    yield;
    if (test(item)) return true;
  }
  return false;
}

/** Whether a list has a phrase anchored at the start of a text (or a pattern that may be). */
function hasAnchoredPhrase(phrases: string[]): boolean {
  return phrases.some((p) => p.startsWith('^') || (p.startsWith('re:') && p.includes('^')));
}

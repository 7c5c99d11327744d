/**
 * A cheap test that spares running a word list's regular expression over a text that cannot match
 * it. Each list gets the literal fragments one of which every match must contain (a plain phrase is
 * its own fragment; a `re:` pattern gives one only where its syntax proves it). One pass over the
 * text finds which lists have a fragment in it; only those run their expression. A list with a
 * pattern that proves no fragment is always run.
 */

import { Presence } from './presence';
import {
  buildTablesSteps,
  KEY_SET_WORDS,
  mustAlwaysRun,
  pairHash,
  pairKey,
  quadHash,
  shipTables,
  tripleHash,
  unpackTablesSteps,
  type ScanTables,
  type ShippedTables,
  type Slots,
} from './scan-tables';

/** Text that a match holds; `atStart`: at the start of the text (the pattern begins with `^`). */
export type Fragment = { text: string; atStart: boolean };

/**
 * The fragments one of which every match of `pattern` (flags `u`, no `i`) holds; null when none can be proved.
 * `anchored` false: as if the text could start anywhere (a `^` gives no fragment at the start, and the
 * most selective fragments are chosen among the others).
 */
export function requiredFragments(pattern: string, anchored = true): Fragment[] | null {
  try {
    const parser = new Parser(pattern, anchored);
    const found = parser.pattern();
    if (parser.pos !== pattern.length) return null;
    return found && found.length && found.every((f) => f.text.length > 0) ? found : null;
  } catch {
    return null;
  }
}

class GiveUp extends Error {}

/**
 * What an atom of a sequence is, for the fragments: a known character; a group (or a small class)
 * with the fragment set every match of it holds (`best`) and, when each of its branches is plain
 * text, those texts (`exact`); a zero-width assertion (a positive one with the fragments its text
 * must hold); or a character of unknown value.
 */
type Atom =
  | { kind: 'char'; ch: string }
  | { kind: 'group'; best: Fragment[] | null; exact: string[] | null }
  | { kind: 'zero-width'; best: Fragment[] | null; start?: boolean }
  | { kind: 'unknown' };
type Found = { best: Fragment[] | null; exact: string[] | null };

/** Beyond this many combinations, a group ends the fragment instead of multiplying it. */
const MAX_COMBINATIONS = 64;

function union<T>(sets: (T[] | null)[], key: (t: T) => string): T[] | null {
  if (sets.some((b) => b === null)) return null;
  const out = new Map<string, T>();
  for (const t of sets.flat() as T[]) out.set(key(t), t);
  return [...out.values()];
}
const fragmentKey = (f: Fragment) => `${f.atStart ? '^' : ''}${f.text}`;

/**
 * Reads the subset of regular-expression syntax that decides fragments, and treats everything else
 * as a character of unknown value (classes, escapes, backreferences): unknown breaks a fragment, it
 * never extends one. Syntax it does not know (inline modifiers) gives up on the pattern.
 */
class Parser {
  pos = 0;
  constructor(
    private readonly p: string,
    private readonly anchored = true,
  ) {}

  /** The fragments of every match of the whole pattern: each branch's fragments, together. */
  pattern(): Fragment[] | null {
    return this.branches(true).best;
  }

  private branches(top = false): Found {
    const found: Found[] = [this.sequence(top)];
    while (this.p[this.pos] === '|') {
      this.pos++;
      found.push(this.sequence(top));
    }
    return { best: union(found.map((f) => f.best), fragmentKey), exact: union(found.map((f) => f.exact), (t) => t) };
  }

  /**
   * One branch: its most selective set of fragments that every match holds in a row (characters,
   * and plain groups multiplied out: "(get|try) " gives "get " and "try "), or that an assertion or
   * group of it must hold; and its plain texts when it is nothing but plain text. In a branch of the
   * whole pattern that begins with `^`, the first fragment is at the start of the text.
   */
  private sequence(top: boolean): Found {
    let best: Fragment[] | null = null;
    let run: string[] = [''];
    let exact = true;
    let atStart = false;
    let first = true;
    const consider = (set: Fragment[] | null) => {
      if (set && set.length && set.every((f) => f.text.length > 0) && (!best || score(set) > score(best))) best = set;
    };
    const breakRun = () => {
      consider(run.map((text) => ({ text, atStart })));
      run = [''];
      exact = false;
      atStart = false;
    };
    while (this.pos < this.p.length && this.p[this.pos] !== '|' && this.p[this.pos] !== ')') {
      const atom = this.atom();
      if (atom.kind === 'zero-width') {
        if (atom.start && top && first && this.anchored) atStart = true;
        consider(atom.best);
        continue;
      }
      first = false;
      const min = this.quantifier();
      if (atom.kind === 'char') {
        if (min === null) run = run.map((s) => s + atom.ch);
        else if (min >= 1) {
          // "ab+c": "ab" and "bc" are in every match, "abc" is not.
          run = run.map((s) => s + atom.ch);
          breakRun();
          run = [atom.ch];
        } else breakRun();
      } else if (atom.kind === 'group' && min === null && atom.exact) {
        const texts = atom.exact;
        if (run.length * texts.length <= MAX_COMBINATIONS) run = run.flatMap((s) => texts.map((t) => s + t));
        else {
          breakRun();
          run = texts;
        }
      } else {
        breakRun();
        if (atom.kind === 'group' && (min === null || min >= 1)) consider(atom.best);
      }
    }
    const whole = exact ? run : null;
    consider(run.map((text) => ({ text, atStart })));
    return { best, exact: whole };
  }

  private atom(): Atom {
    const p = this.p;
    const ch = p[this.pos];
    if (ch === '^' || ch === '$') {
      this.pos++;
      return { kind: 'zero-width', best: null, start: ch === '^' };
    }
    if (ch === '.') {
      this.pos++;
      return { kind: 'unknown' };
    }
    if (ch === '[') return this.characterClass();
    if (ch === '\\') return this.escape();
    if (ch === '(') return this.group();
    if ('*+?{}]'.includes(ch)) throw new GiveUp();
    const char = String.fromCodePoint(p.codePointAt(this.pos)!);
    this.pos += char.length;
    return { kind: 'char', ch: char };
  }

  /** A class of a few plain characters ("[✗✘❌]") is a group of them; any other class is unknown. */
  private characterClass(): Atom {
    const p = this.p;
    const start = ++this.pos;
    while (this.pos < p.length && p[this.pos] !== ']') this.pos += p[this.pos] === '\\' ? 2 : 1;
    if (this.pos >= p.length) throw new GiveUp();
    const body = p.slice(start, this.pos++);
    const chars = [...body];
    if (!chars.length || chars.length > 10 || body.startsWith('^') || /[-\\[]/.test(body)) return { kind: 'unknown' };
    const set = [...new Set(chars)];
    return { kind: 'group', best: set.map((text) => ({ text, atStart: false })), exact: set };
  }

  private escape(): Atom {
    const p = this.p;
    const next = p[this.pos + 1];
    if (next === undefined) throw new GiveUp();
    this.pos += 2;
    if (next === 'b' || next === 'B') return { kind: 'zero-width', best: null };
    if ((next === 'p' || next === 'P' || next === 'u') && p[this.pos] === '{') {
      const end = p.indexOf('}', this.pos);
      if (end < 0) throw new GiveUp();
      this.pos = end + 1;
      return { kind: 'unknown' };
    }
    if (next === 'k' && p[this.pos] === '<') {
      const end = p.indexOf('>', this.pos);
      if (end < 0) throw new GiveUp();
      this.pos = end + 1;
      return { kind: 'unknown' };
    }
    if (next === 'u') this.pos += 4;
    else if (next === 'x') this.pos += 2;
    else if (next === 'c') this.pos += 1;
    else if (/[0-9]/.test(next)) while (/[0-9]/.test(p[this.pos] ?? '')) this.pos++;
    // Letters and digits escape to classes, controls or references: of unknown value here.
    if (/[A-Za-z0-9]/.test(next)) return { kind: 'unknown' };
    return { kind: 'char', ch: next };
  }

  private group(): Atom {
    const p = this.p;
    const negative = p.startsWith('(?!', this.pos) || p.startsWith('(?<!', this.pos);
    if (negative || p.startsWith('(?=', this.pos) || p.startsWith('(?<=', this.pos)) {
      this.pos += p[this.pos + 2] === '<' ? 4 : 3;
      const inner = this.branches();
      this.close();
      // What a positive assertion looks at is in the text too (the prefilter asks only whether the text may match).
      return { kind: 'zero-width', best: negative ? null : inner.best };
    }
    if (p.startsWith('(?:', this.pos)) this.pos += 3;
    else if (p.startsWith('(?<', this.pos)) {
      const end = p.indexOf('>', this.pos);
      if (end < 0) throw new GiveUp();
      this.pos = end + 1;
    } else if (p.startsWith('(?', this.pos)) throw new GiveUp();
    else this.pos += 1;
    const inner = this.branches();
    this.close();
    return { kind: 'group', ...inner };
  }

  private close(): void {
    if (this.p[this.pos] !== ')') throw new GiveUp();
    this.pos++;
  }

  /** The least number of times the atom before must occur; null when it has no quantifier. */
  private quantifier(): number | null {
    const p = this.p;
    const ch = p[this.pos];
    let min: number | null = null;
    if (ch === '*' || ch === '?') min = 0;
    else if (ch === '+') min = 1;
    else if (ch === '{') {
      const m = /^\{(\d+)(,\d*)?\}/.exec(p.slice(this.pos, this.pos + 24));
      if (!m) throw new GiveUp();
      this.pos += m[0].length - 1;
      min = Number(m[1]);
    }
    if (min === null) return null;
    this.pos++;
    if (p[this.pos] === '?') this.pos++;
    return min;
  }
}

/**
 * How selective a fragment set is: the less likely any of its fragments is in a page's text, the
 * better (a Chinese character is rare in English text and one of thousands in Chinese text; a
 * fragment at the start of the text is looked for in one place only).
 */
function score(set: Fragment[]): number {
  let likelihood = 0;
  for (const { text, atStart } of set) {
    let p = atStart ? 0.001 : 1;
    for (let i = 0; i < text.length; i++) p *= frequency(text.charCodeAt(i)) / 100;
    if (inCommonWord(text, 0, text.length)) p *= COMMON_WORD_FACTOR;
    likelihood += p;
  }
  return -likelihood;
}

/** Rough frequency of a character in page text (English letters by their frequency; space the commonest). */
function frequency(code: number): number {
  if (code === 32) return 20;
  if (code >= 97 && code <= 122) return LETTER_FREQUENCY[code - 97];
  if (code >= 48 && code <= 57) return 3;
  if (code >= 0x3400) return 0.2;
  return 2;
}
// a-z, per cent of English letters, rounded (at least 1).
const LETTER_FREQUENCY = [8, 2, 3, 4, 13, 2, 2, 6, 7, 1, 1, 4, 2, 7, 8, 2, 1, 6, 6, 9, 3, 1, 2, 1, 2, 1];
/** The commonest pairs of letters in English text: a key with one of them is a worse key. */
const COMMON_PAIRS = new Set(
  'th he in er an re on at en nd ti es or te of ed is it al ar st to nt ng se ha as ou io le ve co me de hi ri ro ic ne ea ra ce li ch ll be ma si om ur'
    .split(' ')
    .map((p) => p.charCodeAt(0) * 0x10000 + p.charCodeAt(1)),
);
/** How often `width` characters of `s` from `at` are expected in a page's text (lower: a better key). */
function commonness(s: string, at: number, width: number): number {
  let f = 1;
  for (let j = at; j < at + width; j++) {
    f *= frequency(s.charCodeAt(j));
    // The pair by its character codes: no string made per position (every fragment of every list is keyed on each page's first scan).
    if (j > at && COMMON_PAIRS.has(s.charCodeAt(j - 1) * 0x10000 + s.charCodeAt(j))) f *= 4;
  }
  return width >= 3 && inCommonWord(s, at, width) ? f * COMMON_WORD_FACTOR : f;
}

/**
 * The commonest English words: letter frequencies alone take "over" or "like" for rare, and a
 * fragment or key inside one of them is met all over an English page.
 */
const COMMON_WORDS =
  'the and for are but not you all any can had her was one our out day get has him his how new now see way who did its let put say she too use that with have this will your from they know want been good much some time very when come here just like long make many more only over such take than them well were what work year also back call came each even find give into last look most must need next part same show tell then there these thing think those where which while would about after again before being could every first great other right should still their three through under world years people because between during without within against service account'.split(
    ' ',
  );
const COMMON_WORD_FACTOR = 30;
/** Every run of three or four characters of a common word, with the spaces around it. */
const COMMON_RUNS = new Set(
  COMMON_WORDS.flatMap((w) => {
    const padded = ` ${w} `;
    const runs: string[] = [];
    for (let n = 3; n <= 4; n++) for (let i = 0; i + n <= padded.length; i++) runs.push(padded.slice(i, i + n));
    return runs;
  }),
);
/** Whether `width` characters of `s` from `at` (three or four), or a whole fragment, lie within a common word. */
function inCommonWord(s: string, at: number, width: number): boolean {
  const part = s.slice(at, at + width);
  if (part.length <= 4) return COMMON_RUNS.has(part);
  const bare = part.trim();
  return COMMON_WORDS.some((w) => bare === w || bare.startsWith(`${w} `) || bare.endsWith(` ${w}`));
}

/**
 * Where each fragment's key starts, for the fragments not at the start of a text, list by list and
 * in their order: choosing them is most of a LiteralScan's making (tens of milliseconds for the
 * bundled lists), so the build chooses them once (src/rules/compiled-words.ts).
 */
export function keyOffsets(lists: (Fragment[] | null | undefined)[]): number[] {
  return lists.flatMap((fragments) => (fragments === undefined || mustAlwaysRun(fragments) ? [] : (fragments ?? []).filter((f) => !f.atStart).map((f) => keyOffset(f.text))));
}

/** Where in a fragment its key starts: at its rarest characters in a row (every text position is first looked up by its pair of characters). */
function keyOffset(literal: string): number {
  if (literal.length === 1) return 0;
  const width = Math.min(4, literal.length);
  let offset = 0;
  let rarest = Infinity;
  for (let i = 0; i + width <= literal.length; i++) {
    const f = commonness(literal, i, 2) * commonness(literal, i, width);
    if (f < rarest) [rarest, offset] = [f, i];
  }
  return offset;
}
const KNOWN_TEXTS = 256;
const KNOWN_CHARS = 400_000;

/**
 * The fragments of many lists, looked for in one pass over a text: each fragment is keyed by its
 * rarest four characters in a row (three, two or one for shorter fragments), and a text position whose
 * characters are a key has the fragments of that key compared in full. The answers for the texts
 * asked about lately are kept: a text is asked about by many lists in turn.
 */
export class LiteralScan {
  /**
   * The characters that are fragments of their own, as a bit set, and the slots each marks. (The sets
   * are sized to what they hold: every byte of a new table is memory the page holds and touches for
   * the first time. As tables of 65,536 entries, a measured page's three scans held 576 KB each.)
   */
  private singleBits = NO_BITS;
  private singleSlots = new Map<number, number[]>();
  /** Per hashed pair of characters: whether a key of two (1), three (2) or four (4) characters starts with it. */
  private readonly gate = new Uint8Array(0x10000);
  /** Per hashed pair: 1 + the first of the literals keyed by it. */
  private readonly pairs = new Uint16Array(0x10000);
  /** Bit sets of the keys of three and four characters, by their hash's lowest bits (keySet; a power of two words each). */
  private triples = NO_BITS;
  private quads = NO_BITS;
  /** Fragments at the start of a text, by their first two characters (or their one). */
  private starts = new Map<number, [string, number][]>();
  private readonly always: Uint8Array;
  /** The keyed literals and the rest, once made (the look-ups above are made from them). */
  private tables: ScanTables = EMPTY_TABLES;
  /** Answers for the texts asked about lately (labels and sentences are asked about by several lists in turn). */
  private readonly known = new Map<string, Presence>();
  /** The answer of every text that marks nothing: the slots that always run. */
  private readonly alwaysOnly: Presence;
  private knownChars = 0;

  /**
   * `slots[i]`: the fragments of slot i, or null when slot i must always run; undefined for a slot
   * that is only the sum of others (`up`). `up[i]`: a slot that a find of slot i marks too (a list, of
   * its parts), or -1. `offsets`: where each fragment's key starts, as keyOffsets chose them; chosen
   * here when not given. A fragment given as a string is one not at the start of a text. Or the
   * tables as the build shipped them (`ready`).
   */
  constructor(slots: Slots | ShippedTables, offsets?: number[], up?: number[]) {
    const shipped = Array.isArray(slots) ? null : (slots as ShippedTables);
    this.always = new Uint8Array(shipped ? shipped.size : (slots as Slots).length);
    this.alwaysOnly = new Presence(this.always);
    this.filling = this.fill(shipped ? unpackTablesSteps(shipped) : buildTablesSteps(slots as Slots, offsets ? (_, k) => offsets[k] : keyOffset, up, LiteralScan.FILL_STEP));
  }

  /** A scan of tables the build made (the looks'), unpacked when first needed. */
  static ready(tables: ShippedTables): LiteralScan {
    return new LiteralScan(tables);
  }

  /** What the build ships of this scan's tables (made here, at once, when not made yet). */
  shipped(): ShippedTables {
    this.complete();
    return shipTables(this.tables);
  }

  /**
   * Making the tables, while they are not made. A page's first scan makes them in pieces between its
   * yields (fillSteps): the bundled lists' ten thousand fragments took 20-40 ms in one task there.
   * Anything asked of the scan before then makes the rest at once first.
   */
  private filling: Generator<void, void, void> | null;
  /** Fragments added between two yields of fillSteps. */
  private static readonly FILL_STEP = 1500;

  /** Every fragment is in the tables. */
  get filled(): boolean {
    return this.filling === null;
  }
  /** Adds the fragments still to add, yielding between pieces. */
  *fillSteps(): Generator<void, void, void> {
    if (this.filling) yield* this.filling;
    this.filling = null;
  }
  private complete(): void {
    const filling = this.filling;
    if (!filling) return;
    this.filling = null;
    while (!filling.next().done);
  }

  private *fill(making: Generator<void, ScanTables, void>): Generator<void, void, void> {
    this.load(yield* making);
  }
  /** Takes the tables: a plain method, whose loops the engine optimises as they run (not the generator's). */
  private load(t: ScanTables): void {
    this.tables = t;
    for (const slot of t.always) this.always[slot] = 1;
    if (t.singles.length !== 0) this.singleBits = new Uint32Array(0x10000 >>> 5);
    for (const [code, marks] of t.singles) {
      this.singleBits[code >>> 5] |= 1 << (code & 31);
      this.singleSlots.set(code, marks);
    }
    this.starts = new Map(t.starts);
    const { gate, pairs } = this;
    const { gatePairs, gateWidths, ends, hashes } = t;
    for (let i = 0; i < gatePairs.length; i++) gate[gatePairs[i]] = gateWidths[i];
    // The literals of a pair hash are a run: the first of each is where its run starts.
    for (let i = ends[0] - 1; i >= 0; i--) pairs[hashes[i]] = i + 1;
    this.triples = keySet(hashes, ends[0], ends[1]);
    this.quads = keySet(hashes, ends[1], ends[2]);
  }

  /** The slots whose expressions may match in `text`: a fragment of theirs is there, or they have none. */
  present(text: string): Presence {
    const cached = this.known.get(text);
    if (cached) return cached;
    if (this.filling) this.complete();
    const marks = this.startMarks(text);
    this.scanFrom(text, 0, text.length, marks);
    return this.remember(text, marks);
  }

  /**
   * present() in steps, for a long text (a page's): the pass over it in pieces of `piece`
   * characters with a yield between them. A page's first scan runs it cold, where one pass over
   * 100,000 characters took 20-30 ms of one task. The answer is kept as present() keeps it.
   */
  *presentSteps(text: string, piece = 16_384): Generator<void, Presence, void> {
    const cached = this.known.get(text);
    if (cached) return cached;
    yield* this.fillSteps();
    const marks = this.startMarks(text);
    for (let from = 0; from < text.length; from += piece) {
      yield;
      this.scanFrom(text, from, Math.min(text.length, from + piece), marks);
    }
    return this.remember(text, marks);
  }

  /** The slots that always run, and those of the fragments that the text begins with. */
  private startMarks(text: string): Presence {
    const marks = new Presence(this.always);
    if (text.length !== 0) {
      for (const [start, slot] of this.starts.get(text.charCodeAt(0)) ?? []) if (text.startsWith(start)) this.mark(marks, slot);
      if (text.length > 1) for (const [start, slot] of this.starts.get(pairKey(text.charCodeAt(0), text.charCodeAt(1))) ?? []) if (text.startsWith(start)) this.mark(marks, slot);
    }
    return marks;
  }

  /** Marks the fragments whose keys start at a position from `from` to `end` (they may run on past `end`). */
  private scanFrom(text: string, from: number, end: number, marks: Presence): void {
    const { singleBits, gate, pairs, triples, quads } = this;
    // Each set's words less one: its length is a power of two.
    const singleMask = singleBits.length - 1;
    const tripleMask = triples.length - 1;
    const quadMask = quads.length - 1;
    const { ends } = this.tables;
    const n = text.length;
    let b = from < n ? text.charCodeAt(from) : 0;
    for (let i = from; i < end; i++) {
      const a = b;
      if ((singleBits[(a >>> 5) & singleMask] & (1 << (a & 31))) !== 0) for (const slot of this.singleSlots.get(a)!) this.mark(marks, slot);
      if (i + 1 === n) break;
      b = text.charCodeAt(i + 1);
      const h = pairHash(a, b);
      const g = gate[h];
      // Most positions start no key: one look-up decides.
      if (g === 0) continue;
      if ((g & 1) !== 0) this.check(pairs[h] - 1, ends[0], h, text, i, marks);
      if (i + 2 === n) continue;
      const c = text.charCodeAt(i + 2);
      if ((g & 2) !== 0) {
        const t = tripleHash(a, b, c);
        if ((triples[(t >>> 5) & tripleMask] & (1 << (t & 31))) !== 0) this.check(this.firstOf(t, ends[0], ends[1]), ends[1], t, text, i, marks);
      }
      if ((g & 4) !== 0 && i + 3 < n) {
        const q = quadHash(a, b, c, text.charCodeAt(i + 3));
        if ((quads[(q >>> 5) & quadMask] & (1 << (q & 31))) !== 0) this.check(this.firstOf(q, ends[1], ends[2]), ends[2], q, text, i, marks);
      }
    }
  }

  /** The first literal from `lo` to `hi` whose key hashes to `hash` or above (they are sorted by it). */
  private firstOf(hash: number, lo: number, hi: number): number {
    const { hashes } = this.tables;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (hashes[mid] < hash) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Compares the literals keyed by `hash` from `first` on (up to `end`) with the text where the key stands at `i`. */
  private check(first: number, end: number, hash: number, text: string, i: number, marks: Presence): void {
    const { hashes, slots: slotOf, offsets, literals } = this.tables;
    for (let id = first; id < end && hashes[id] === hash; id++) {
      const slot = slotOf[id];
      if (marks.has(slot)) continue;
      const start = i - offsets[id];
      if (start >= 0 && text.startsWith(literals[id], start)) this.mark(marks, slot);
    }
  }

  private mark(marks: Presence, slot: number): void {
    marks.add(slot);
    const up = this.tables.up[slot];
    if (up >= 0) marks.add(up);
  }

  private remember(text: string, marks: Presence): Presence {
    const hits = marks.onlyAlways ? this.alwaysOnly : marks;
    // A few hundred labels or a few page texts: then it starts again.
    if (this.known.size >= KNOWN_TEXTS || this.knownChars > KNOWN_CHARS) {
      this.known.clear();
      this.knownChars = 0;
    }
    this.known.set(text, hits);
    this.knownChars += text.length;
    return hits;
  }
}

/** A bit set with no bit set, of one word. */
const NO_BITS: Uint32Array = new Uint32Array(1);

/**
 * A bit set of the keys `hashes[from..to)`, by their lowest bits: some 64 bits per key (a key not in
 * it passes for one at about one position in sixty that the pair's gate lets through), at most one
 * bit per hash.
 */
function keySet(hashes: ArrayLike<number>, from: number, to: number): Uint32Array {
  let words = 1;
  while (words < 2 * (to - from) && words < KEY_SET_WORDS) words *= 2;
  const set = new Uint32Array(words);
  const mask = words - 1;
  for (let i = from; i < to; i++) set[(hashes[i] >>> 5) & mask] |= 1 << (hashes[i] & 31);
  return set;
}

const EMPTY_TABLES: ScanTables = {
  size: 0,
  always: [],
  up: new Int32Array(0),
  singles: [],
  starts: [],
  literals: [],
  hashes: new Uint32Array(0),
  slots: new Uint16Array(0),
  offsets: new Uint16Array(0),
  ends: [0, 0, 0],
  gatePairs: new Uint16Array(0),
  gateWidths: new Uint8Array(0),
};

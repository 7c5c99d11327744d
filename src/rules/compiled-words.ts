/**
 * The bundled word lists' matchers prepared once, at build time: the pieces of each list's
 * alternation (their sources, ranks and prefilter fragments) and where the fragments' keys start.
 * Preparing them in the page took 200-600 ms on the first scan of every page (docs/speed.md); made
 * from this data, the lexicon costs a few. A list whose phrases no longer hash to what was prepared
 * is prepared at run time instead.
 */
import type { PartSpec } from './lexicon';
import type { Fragment } from './prefilter';
import type { ShippedTables } from './scan-tables';

/**
 * A piece as shipped: its fragments as strings, in their order (the key offsets follow it), one at
 * the start of a text marked by a leading \u0001, which no normalized phrase holds.
 */
export type ShippedPart = { source: string; fragments: string[] | null; rank: number; ranks?: number[]; loose?: string[] | null };
/**
 * A squeezed look's tables as the build made them (Lexicon.squeezedLook): its scan's tables (its
 * fragments squeezed of their spaces, keyed), the terms of each list, the lists of each set and the
 * overlap between pieces.
 */
export type ShippedGate = { tables: ShippedTables; terms: number[][][]; sets: [string, { own: number[]; combos: number[][] }][]; overlap: number };
/** A squeezed look the engine makes, by its sets: as the build ships it, its tables; else where its fragments' keys start. */
export type ShippedLook = { key: string; offsets?: number[]; gate?: ShippedGate };
/** `anchored`: the lists (by place) with a phrase anchored at the start of a text, which a bundle's lists without their phrases cannot tell. */
export type CompiledWords = { matchers: { hash: string; parts: ShippedPart[] }[]; offsets: number[]; looks?: ShippedLook[]; anchored?: number[] };
/** The shipped data as a page holds it: each run of matchers' pieces parsed when one of its lists is first used, or by `partsSteps`. */
export type ShippedWords = CompiledWords & { partsSteps(): Generator<void, void, void> };

const AT_START = '\u0001';

export function encodePart(spec: PartSpec): ShippedPart {
  const encode = (list: Fragment[] | null) => list?.map((f) => (f.atStart ? AT_START : '') + f.text) ?? null;
  const shipped: ShippedPart = { source: spec.source, fragments: encode(spec.fragments), rank: spec.rank };
  if (spec.ranks) shipped.ranks = spec.ranks;
  if (spec.loose !== undefined) shipped.loose = encode(spec.loose);
  return shipped;
}
export function decodePart(shipped: ShippedPart): PartSpec {
  const decode = (list: string[] | null) => list?.map((s): Fragment => (s.startsWith(AT_START) ? { text: s.slice(1), atStart: true } : { text: s, atStart: false })) ?? null;
  const { loose, ...rest } = shipped;
  return loose === undefined ? { ...rest, fragments: decode(shipped.fragments) } : { ...rest, fragments: decode(shipped.fragments), loose: decode(loose) };
}

/** FNV-1a over a list's phrases: enough to tell whether the phrases changed since the build. */
export function phrasesHash(phrases: string[]): string {
  let h = 0x811c9dc5;
  for (const phrase of phrases) {
    for (let i = 0; i < phrase.length; i++) h = Math.imul(h ^ phrase.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 0x0a, 0x01000193);
  }
  return `${phrases.length}:${(h >>> 0).toString(16)}`;
}

/** The name the build defines to the prepared data (pieces of JSON, as string literals: shippedPieces); so do the tests and scripts that bundle the engine. */
export const COMPILED_WORDS_GLOBAL = '__FAIR_EXIT_COMPILED_WORDS__';

/** Runs of matchers the data is shipped in, after its head. */
const RUNS = 8;

/**
 * The prepared data as pieces of JSON: a head (the keys' offsets, the looks, each matcher's hash),
 * then the matchers' pieces in runs of about equal length. Parsed in one piece it took 30-60 ms of
 * one task of a page's first scan in Chromium here (half a megabyte of JSON, and the collection its
 * objects set off); a page that the pre-check's first look ends needs the head alone.
 */
export function shippedPieces(words: CompiledWords): string[] {
  const { matchers, ...rest } = words;
  const per = Math.ceil(matchers.length / RUNS);
  const pieces = [JSON.stringify({ ...rest, hashes: matchers.map((m) => m.hash), per })];
  for (let i = 0; i < matchers.length; i += per) pieces.push(JSON.stringify(matchers.slice(i, i + per).map((m) => m.parts)));
  return pieces;
}

/**
 * The data from its pieces: the head at once, a run of matchers' pieces when first asked for (or by
 * partsSteps, one per step). A run's JSON is let go once parsed (the caller lets go of `pieces`).
 */
export function shippedWords(pieces: readonly string[]): ShippedWords {
  const [head, ...runs] = pieces;
  const { hashes, per, ...rest } = JSON.parse(head) as Omit<CompiledWords, 'matchers'> & { hashes: string[]; per: number };
  const parsed: (ShippedPart[][] | undefined)[] = runs.map(() => undefined);
  const run = (r: number): ShippedPart[][] => {
    if (!parsed[r]) {
      parsed[r] = JSON.parse(runs[r]) as ShippedPart[][];
      runs[r] = '';
    }
    return parsed[r];
  };
  const matchers = hashes.map((hash, i) => ({
    hash,
    get parts(): ShippedPart[] {
      return run(Math.floor(i / per))[i % per];
    },
  }));
  return {
    ...rest,
    matchers,
    *partsSteps() {
      for (let r = 0; r < runs.length; r++) {
        if (parsed[r]) continue;
        run(r);
        yield;
      }
    },
  };
}

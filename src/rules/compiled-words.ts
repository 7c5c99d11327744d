/**
 * The bundled word lists' matchers prepared once, at build time: the pieces of each list's
 * alternation (their sources, ranks and prefilter fragments) and where the fragments' keys start.
 * Preparing them in the page took 200-600 ms on the first scan of every page (docs/speed.md); made
 * from this data, the lexicon costs a few. A list whose phrases no longer hash to what was prepared
 * is prepared at run time instead.
 */
import type { PartSpec } from './lexicon';
import type { Fragment } from './prefilter';

/**
 * A piece as shipped: its fragments as strings, in their order (the key offsets follow it), one at
 * the start of a text marked by a leading \u0001, which no normalized phrase holds.
 */
export type ShippedPart = { source: string; fragments: string[] | null; rank: number; ranks?: number[]; loose?: string[] | null };
/** `looks`: for the squeezed looks the engine makes (the pre-check's first look), by their sets, where the fragments' keys start. */
export type CompiledWords = { matchers: { hash: string; parts: ShippedPart[] }[]; offsets: number[]; looks?: { key: string; offsets: number[] }[] };

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

/** Pieces the data is shipped in: each is parsed in a step of its own on a page's first scan. */
const PIECES = 8;

/**
 * The prepared data as pieces of JSON: the keys' offsets and the looks first, then the matchers in
 * runs of about equal length. Parsed in one piece it took 30-60 ms of one task of a page's first
 * scan in Chromium here (half a megabyte of JSON, and the collection its objects set off).
 */
export function shippedPieces(words: CompiledWords): string[] {
  const { matchers, ...rest } = words;
  const pieces = [JSON.stringify(rest)];
  const per = Math.ceil(matchers.length / PIECES);
  for (let i = 0; i < matchers.length; i += per) pieces.push(JSON.stringify(matchers.slice(i, i + per)));
  return pieces;
}

/** The data from its pieces, parsed one per step (a yield between two). */
export function* parsePiecesSteps(pieces: readonly string[]): Generator<void, CompiledWords, void> {
  const [head, ...runs] = pieces;
  const rest = JSON.parse(head) as Omit<CompiledWords, 'matchers'>;
  const matchers: CompiledWords['matchers'] = [];
  for (const run of runs) {
    yield;
    matchers.push(...(JSON.parse(run) as CompiledWords['matchers']));
  }
  return { ...rest, matchers };
}
